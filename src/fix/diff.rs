//! Unified diffs of fixes, in the form `git apply` and `patch -p1` accept.
//!
//! Lines come from `similar`; the hunks are written here so that context lines holding a
//! credential can be left out (DESIGN: secrets are never printed in full). `git apply` accepts
//! a hunk with shortened leading context, and with shortened trailing context as long as one
//! line of it is left (or the hunk ends the file). When a credential sits on a changed line or
//! on the only trailing context line, no diff is printed for the file.

use std::fmt::Write;
use std::ops::Range;

use similar::{DiffOp, TextDiff};

use crate::yaml::Span;

/// Lines of unchanged text shown around each change.
const CONTEXT: usize = 3;

/// A diff that would have to show a credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShowsSecret {
    /// 1-based line of the credential in the fixed text (or the original for a removed line).
    pub line: usize,
}

impl std::fmt::Display for ShowsSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the diff would show the credential on line {}, so it is not printed; run --fix to apply the fixes",
            self.line
        )
    }
}

impl std::error::Error for ShowsSecret {}

/// A unified diff from `old` to `new` for the file `path` (as the user gave it), with `a/` and
/// `b/` headers. Empty when nothing changed. Line endings and a missing final newline are kept
/// in the diff lines, so applying it gives `new` byte for byte.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    secret_free_diff(path, old, new, &[], &[]).expect("no secrets to show")
}

/// Like [`unified_diff`], with the context lines that hold one of `old_secrets` (spans in
/// `old`) or `new_secrets` (spans in `new`) left out.
pub fn secret_free_diff(
    path: &str,
    old: &str,
    new: &str,
    old_secrets: &[Span],
    new_secrets: &[Span],
) -> Result<String, ShowsSecret> {
    if old == new {
        return Ok(String::new());
    }
    let old_lines = Lines::new(old, old_secrets);
    let new_lines = Lines::new(new, new_secrets);
    let diff = TextDiff::from_lines(old, new);
    let name = header_path(path);
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    for group in diff.grouped_ops(CONTEXT) {
        let hunk = Hunk::from_ops(&group, &old_lines, &new_lines)?;
        hunk.write(&mut out, &old_lines, &new_lines);
    }
    Ok(out)
}

/// The lines of a text, with their line breaks, and which of them hold a secret.
struct Lines<'t> {
    text: &'t str,
    ranges: Vec<Range<usize>>,
    secret: Vec<bool>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str, secrets: &[Span]) -> Self {
        let mut ranges = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices('\n') {
            ranges.push(start..i + 1);
            start = i + 1;
        }
        if start < text.len() {
            ranges.push(start..text.len());
        }
        let secret = ranges
            .iter()
            .map(|line| {
                secrets
                    .iter()
                    .any(|s| s.start < line.end && line.start < s.end.max(s.start + 1))
            })
            .collect();
        Lines {
            text,
            ranges,
            secret,
        }
    }

    fn line(&self, index: usize) -> &'t str {
        &self.text[self.ranges[index].clone()]
    }
}

/// One line of a hunk: unchanged (old and new index), removed (old), or added (new).
#[derive(Debug, Clone, Copy)]
enum Line {
    Context(usize, usize),
    Removed(usize),
    Added(usize),
}

struct Hunk {
    /// 0-based index of the hunk's first old line (for no old lines: where they would be).
    old_start: usize,
    new_start: usize,
    lines: Vec<Line>,
}

impl Hunk {
    fn from_ops(ops: &[DiffOp], old: &Lines, new: &Lines) -> Result<Hunk, ShowsSecret> {
        let first = ops.first().expect("a hunk has operations");
        let (mut old_start, mut new_start) = (first.old_range().start, first.new_range().start);
        let mut lines = Vec::new();
        for op in ops {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            match tag {
                similar::DiffTag::Equal => {
                    lines.extend(old_range.zip(new_range).map(|(o, n)| Line::Context(o, n)));
                }
                _ => {
                    lines.extend(old_range.map(Line::Removed));
                    lines.extend(new_range.map(Line::Added));
                }
            }
        }
        let secret = |line: Line| match line {
            Line::Context(o, n) => old.secret[o] || new.secret[n],
            Line::Removed(o) => old.secret[o],
            Line::Added(n) => new.secret[n],
        };
        // Leading context: keep only what follows the last line with a secret.
        let leading = lines
            .iter()
            .take_while(|l| matches!(l, Line::Context(..)))
            .count();
        if let Some(cut) = (0..leading).rev().find(|&i| secret(lines[i])) {
            lines.drain(..=cut);
            old_start += cut + 1;
            new_start += cut + 1;
        }
        // Trailing context: keep only what precedes the first line with a secret. git apply
        // anchors a hunk without trailing context at the end of the file, so one line must stay.
        let trailing = lines
            .iter()
            .rev()
            .take_while(|l| matches!(l, Line::Context(..)))
            .count();
        let first_trailing = lines.len() - trailing;
        if let Some(cut) = (first_trailing..lines.len()).find(|&i| secret(lines[i])) {
            if cut == first_trailing {
                return Err(ShowsSecret {
                    line: line_number(lines[cut]),
                });
            }
            lines.truncate(cut);
        }
        if let Some(line) = lines.iter().find(|l| secret(**l)) {
            return Err(ShowsSecret {
                line: line_number(*line),
            });
        }
        Ok(Hunk {
            old_start,
            new_start,
            lines,
        })
    }

    fn write(&self, out: &mut String, old: &Lines, new: &Lines) {
        let old_len = self
            .lines
            .iter()
            .filter(|l| !matches!(l, Line::Added(_)))
            .count();
        let new_len = self
            .lines
            .iter()
            .filter(|l| !matches!(l, Line::Removed(_)))
            .count();
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            header_range(self.old_start, old_len),
            header_range(self.new_start, new_len)
        );
        for line in &self.lines {
            let (sign, text) = match *line {
                Line::Context(o, _) => (' ', old.line(o)),
                Line::Removed(o) => ('-', old.line(o)),
                Line::Added(n) => ('+', new.line(n)),
            };
            out.push(sign);
            out.push_str(text);
            if !text.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
}

/// The 1-based line a diff line shows (in the fixed text, or the original for a removal).
fn line_number(line: Line) -> usize {
    match line {
        Line::Context(_, n) | Line::Added(n) => n + 1,
        Line::Removed(o) => o + 1,
    }
}

/// `start,len` as unified diffs write a range (0-based `start`).
fn header_range(start: usize, len: usize) -> String {
    match len {
        1 => format!("{}", start + 1),
        0 => format!("{start},0"),
        _ => format!("{},{len}", start + 1),
    }
}

/// The path as given, without a leading `./` or `/` or doubled slashes (and with `/`
/// separators on Windows), as diff headers write it (`git diff --no-index` writes `a/tmp/x` for
/// `/tmp/x`).
fn header_path(path: &str) -> String {
    let mut path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    path.trim_start_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What similar's own formatter writes, for comparison.
    fn reference(path: &str, old: &str, new: &str) -> String {
        TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(CONTEXT)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string()
    }

    #[test]
    fn writes_git_style_headers() {
        let diff = unified_diff("./conf//kubeadm.yaml", "a: 1\nb: 2\n", "a: 1\nb: 3\n");
        assert_eq!(
            diff,
            "--- a/conf/kubeadm.yaml\n+++ b/conf/kubeadm.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n"
        );
        assert_eq!(unified_diff("x.yaml", "same\n", "same\n"), "");
    }

    #[test]
    fn keeps_crlf_and_marks_a_missing_final_newline() {
        let diff = unified_diff("k.yaml", "a: 1\r\nb: 2", "a: 1\r\nb: 3");
        assert_eq!(
            diff,
            "--- a/k.yaml\n+++ b/k.yaml\n@@ -1,2 +1,2 @@\n a: 1\r\n-b: 2\n\\ No newline at end of file\n+b: 3\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn hunks_match_the_reference_formatter() {
        let long: String = (1..=30).map(|i| format!("k{i}: {i}\n")).collect();
        let cases = [
            ("a\n", "b\na\n"),
            ("a\nb\n", "a\n"),
            ("a\nb\n", "b\n"),
            ("a\n", "a\nb"),
            ("a", "a\n"),
            ("", "a\n"),
            ("a\n", ""),
            ("x\r\ny\r\n", "x\r\nz\r\ny\r\n"),
        ];
        for (old, new) in cases {
            assert_eq!(
                unified_diff("f", old, new),
                reference("f", old, new),
                "{old:?} -> {new:?}"
            );
        }
        let changed = long
            .replace("k2: 2\n", "k2: two\n")
            .replace("k20: 20\n", "")
            .replace("k30: 30\n", "k30: 30\nk31: 31\n");
        assert_eq!(
            unified_diff("f", &long, &changed),
            reference("f", &long, &changed)
        );
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    #[test]
    fn leaves_credentials_out_of_the_context() {
        let old = "token: abcdef.0123456789abcdef\nkind: InitConfiguration\nNodeRegistration:\n  name: a\n";
        let new = old.replace("NodeRegistration", "nodeRegistration");
        let secret = "abcdef.0123456789abcdef";
        let diff = secret_free_diff(
            "k.yaml",
            old,
            &new,
            &[span_of(old, secret)],
            &[span_of(&new, secret)],
        )
        .unwrap();
        assert!(!diff.contains(secret), "{diff}");
        assert_eq!(
            diff,
            "--- a/k.yaml\n+++ b/k.yaml\n@@ -2,3 +2,3 @@\n kind: InitConfiguration\n-NodeRegistration:\n+nodeRegistration:\n   name: a\n"
        );
        // Below the change, later context is dropped as long as one line stays.
        let old = "A: 1\nb: 2\ntoken: abcdef.0123456789abcdef\nc: 3\n";
        let new = old.replace("A: 1", "a: 1");
        let diff = secret_free_diff(
            "k.yaml",
            old,
            &new,
            &[span_of(old, secret)],
            &[span_of(&new, secret)],
        )
        .unwrap();
        assert_eq!(
            diff,
            "--- a/k.yaml\n+++ b/k.yaml\n@@ -1,2 +1,2 @@\n-A: 1\n+a: 1\n b: 2\n"
        );
    }

    #[test]
    fn refuses_a_diff_that_must_show_a_credential() {
        let secret = "abcdef.0123456789abcdef";
        // Right below the change: git apply needs that line as context.
        let old = "A: 1\ntoken: abcdef.0123456789abcdef\nc: 3\n";
        let new = old.replace("A: 1", "a: 1");
        assert_eq!(
            secret_free_diff(
                "k.yaml",
                old,
                &new,
                &[span_of(old, secret)],
                &[span_of(&new, secret)]
            ),
            Err(ShowsSecret { line: 2 })
        );
        // On the changed line itself.
        let old = "Token: abcdef.0123456789abcdef\n";
        let new = old.replace("Token", "token");
        assert_eq!(
            secret_free_diff(
                "k.yaml",
                old,
                &new,
                &[span_of(old, secret)],
                &[span_of(&new, secret)]
            ),
            Err(ShowsSecret { line: 1 })
        );
    }
}
