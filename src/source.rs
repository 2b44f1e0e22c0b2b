//! A file's text with a line index: byte offsets to 1-based lines and character columns.

use std::sync::Arc;

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Not UTF-8; the text holds a lossy copy and `valid_up_to` is where decoding failed.
    InvalidUtf8 {
        valid_up_to: usize,
    },
    /// A UTF-16 byte-order mark: the text holds a lossy copy for display only.
    Utf16,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or `-` / the `--stdin-filename` for standard input).
    pub name: String,
    pub text: Arc<str>,
    pub encoding: Encoding,
    /// The bytes as read, kept only when `text` is a lossy copy of them.
    undecoded: Option<Arc<[u8]>>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        SourceFile {
            name: name.into(),
            text,
            encoding: Encoding::Utf8,
            undecoded: None,
            line_starts,
        }
    }

    /// The bytes as read: the text itself, or for undecodable input the original bytes (so a
    /// pass-through never writes the lossy copy).
    pub fn bytes(&self) -> &[u8] {
        self.undecoded.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// Decodes bytes read from disk or stdin. Never fails: undecodable input keeps a lossy copy
    /// and says so in `encoding`, for the checker to report.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF;
            let units: Vec<u16> = bytes[2..]
                .chunks_exact(2)
                .map(|c| {
                    if little {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                })
                .collect();
            let mut file = SourceFile::new(name, String::from_utf16_lossy(&units));
            file.encoding = Encoding::Utf16;
            file.undecoded = Some(bytes.into());
            return file;
        }
        match String::from_utf8(bytes) {
            Ok(text) => SourceFile::new(name, text),
            Err(error) => {
                let valid_up_to = error.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                let mut file = SourceFile::new(name, text);
                file.encoding = Encoding::InvalidUtf8 { valid_up_to };
                file.undecoded = Some(error.into_bytes().into());
                file
            }
        }
    }

    /// Like [`SourceFile::from_bytes`] for bytes in a buffer the caller reuses: valid UTF-8 is
    /// copied once, straight into the shared text.
    pub fn from_slice(name: impl Into<String>, bytes: &[u8]) -> Self {
        match std::str::from_utf8(bytes) {
            Ok(text) => SourceFile::new(name, Arc::<str>::from(text)),
            // Not UTF-8, which includes anything with a UTF-16 byte-order mark.
            Err(_) => SourceFile::from_bytes(name, bytes.to_vec()),
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The 0-based index of the line holding byte `offset` (lines end at `\n`).
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The line ending the file uses (the first one found; LF when none).
    pub fn line_ending(&self) -> &'static str {
        match self.text.find('\n') {
            Some(i) if i > 0 && self.text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    pub fn is_utf8(&self) -> bool {
        self.encoding == Encoding::Utf8
    }

    pub fn has_bom(&self) -> bool {
        self.text.starts_with('\u{feff}')
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_lines_and_character_columns() {
        let file = SourceFile::new("x.yaml", "a: 1\n# é\nbé: 2\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(5), (2, 1));
        // `2` sits after `b`, `é` (two bytes), `:` and a space.
        let two = file.text.find('2').unwrap();
        assert_eq!(file.line_col(two), (3, 5));
        assert_eq!(file.line_col(file.text.len()), (4, 1));
    }

    #[test]
    fn keeps_undecodable_input_and_says_why() {
        let file = SourceFile::from_bytes("bin.yaml", vec![b'a', b':', b' ', 0xFF, b'\n']);
        assert_eq!(file.encoding, Encoding::InvalidUtf8 { valid_up_to: 3 });
        let utf16 = SourceFile::from_bytes("u.yaml", vec![0xFF, 0xFE, b'a', 0, b':', 0]);
        assert_eq!(utf16.encoding, Encoding::Utf16);
        assert_eq!(&*utf16.text, "a:");
        // The bytes as read survive for pass-through.
        assert_eq!(file.bytes(), [b'a', b':', b' ', 0xFF, b'\n']);
        assert_eq!(utf16.bytes(), [0xFF, 0xFE, b'a', 0, b':', 0]);
        assert_eq!(SourceFile::new("x", "é").bytes(), "é".as_bytes());
    }

    #[test]
    fn detects_line_endings() {
        assert_eq!(
            SourceFile::new("a", "a: 1\r\nb: 2\r\n").line_ending(),
            "\r\n"
        );
        assert_eq!(SourceFile::new("a", "a: 1").line_ending(), "\n");
    }
}
