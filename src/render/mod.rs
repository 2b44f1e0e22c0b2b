//! Output formats. Renderers only present findings; they never decide what is wrong.
//!
//! Rendering is split so that a directory of thousands of files costs nothing per clean file
//! and can be rendered in parallel: [`Renderer::file`] turns one file's findings into text on
//! any thread (nothing for a file without findings), and [`Output`] writes those pieces in
//! order between the format's header and its closing summary.

pub mod concise;
mod drawing;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod locate;
pub mod page;
pub mod sarif;
#[cfg(test)]
mod test_corpus;
mod wrap;

use std::io::{self, Write};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::source::SourceFile;
use crate::suppress::Suppressed;
use crate::yaml::Span;

/// The findings of one checked file, ready to render.
pub struct FileResult {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// Findings hidden by a suppression; only SARIF shows them (as suppressed).
    pub suppressed: Vec<Suppressed>,
    /// Fixes applied to this file (with --fix or --diff).
    pub fixed: usize,
    /// Credentials in the text, masked wherever source is shown.
    pub secrets: Vec<Span>,
}

impl FileResult {
    /// A file checked without fixing.
    pub fn checked(source: SourceFile, report: crate::lint::FileReport) -> Self {
        FileResult {
            source,
            diagnostics: report.diagnostics,
            suppressed: report.suppressed,
            fixed: 0,
            secrets: report.secrets,
        }
    }
}

/// The text with every secret span masked after its first characters (6 for a bootstrap
/// token's public id, which kubeadm prints itself). Byte offsets are kept.
pub fn masked_text(text: &str, secrets: &[Span]) -> String {
    let mut masked = text.to_string();
    for span in secrets {
        let Some(value) = text.get(span.range()) else {
            continue;
        };
        let keep = value.char_indices().nth(6).map_or(value.len(), |(i, _)| i);
        let stars: String = value[keep..]
            .chars()
            .map(|c| "*".repeat(c.len_utf8()))
            .collect();
        masked.replace_range(span.start + keep..span.end, &stars);
    }
    masked
}

/// Counts over all files, for summaries and exit codes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixed: usize,
    /// Findings left with a safe fix.
    pub safe_fixes: usize,
    /// Findings left with an unsafe fix.
    pub unsafe_fixes: usize,
    /// Findings hidden by a suppression.
    pub suppressed: usize,
}

impl Summary {
    pub fn of(results: &[FileResult]) -> Self {
        let mut summary = Summary::default();
        for result in results {
            summary.add(&Summary::of_file(result));
        }
        summary
    }

    /// The counts of one file.
    pub fn of_file(result: &FileResult) -> Self {
        let mut summary = Summary {
            files: 1,
            fixed: result.fixed,
            suppressed: result.suppressed.len(),
            ..Summary::default()
        };
        for diagnostic in &result.diagnostics {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => summary.safe_fixes += 1,
                Some(Applicability::Unsafe) => summary.unsafe_fixes += 1,
                None => {}
            }
        }
        summary
    }

    /// A checked file without findings and without fixes.
    pub fn clean_file() -> Self {
        Summary {
            files: 1,
            ..Summary::default()
        }
    }

    pub fn add(&mut self, other: &Summary) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.fixed += other.fixed;
        self.suppressed += other.suppressed;
        self.safe_fixes += other.safe_fixes;
        self.unsafe_fixes += other.unsafe_fixes;
    }

    /// True when an error or warning is left: the run fails.
    pub fn has_failures(&self) -> bool {
        self.errors + self.warnings > 0
    }

    /// The number of findings at or above `threshold`.
    pub fn at_least(&self, threshold: Severity) -> usize {
        match threshold {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.errors + self.warnings + self.infos,
        }
    }
}

/// One of the output formats, configured.
pub enum Renderer {
    Human(Box<human::Human>),
    Concise,
    Json,
}

impl Renderer {
    /// `dry_run` is set for `--diff`, where fixes are shown but not written.
    pub fn human(style: human::Style, width: usize, dry_run: bool) -> Self {
        Renderer::Human(Box::new(human::Human::new(style, width, dry_run)))
    }

    /// One file's findings as text: empty when it has none. Safe to call from any thread; the
    /// pieces are joined by [`Output`] in the order the files are written.
    pub fn file(&self, result: &FileResult) -> String {
        if result.diagnostics.is_empty() {
            return String::new();
        }
        match self {
            Renderer::Human(human) => human.file(result),
            Renderer::Concise => concise::file(result),
            Renderer::Json => json::file(result),
        }
    }

    /// Starts writing the output to `out`.
    pub fn output<W: Write>(&self, out: W) -> Output<'_, W> {
        Output {
            renderer: self,
            out,
            summary: Summary::default(),
            pieces: 0,
        }
    }

    /// Renders a whole run at once.
    pub fn render(&self, results: &[FileResult]) -> String {
        let mut output = self.output(Vec::new());
        for result in results {
            let _ = output.file(&Summary::of_file(result), &self.file(result));
        }
        let bytes = output.finish().unwrap_or_default();
        String::from_utf8(bytes).expect("renderers write UTF-8")
    }
}

/// Writes rendered files in order, then the format's closing part.
pub struct Output<'r, W: Write> {
    renderer: &'r Renderer,
    out: W,
    summary: Summary,
    /// Non-empty pieces written so far.
    pieces: usize,
}

impl<W: Write> Output<'_, W> {
    /// Adds one file: its counts, and its text from [`Renderer::file`].
    pub fn file(&mut self, counts: &Summary, rendered: &str) -> io::Result<()> {
        self.summary.add(counts);
        if rendered.is_empty() {
            return Ok(());
        }
        if let Renderer::Json = self.renderer {
            let separator = match self.pieces {
                0 => json::HEAD,
                _ => ",\n",
            };
            self.out.write_all(separator.as_bytes())?;
        }
        self.pieces += 1;
        self.out.write_all(rendered.as_bytes())
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Writes the closing part (summary line, or the rest of the JSON object) and flushes.
    pub fn finish(mut self) -> io::Result<W> {
        let tail = match self.renderer {
            Renderer::Human(human) => human::summary_line(&self.summary, human.dry_run),
            Renderer::Concise => String::new(),
            Renderer::Json => json::tail(self.pieces > 0, &self.summary),
        };
        self.out.write_all(tail.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// `1 error`, `2 warnings`.
pub(crate) fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_all_but_the_public_id() {
        let text = "token: abcdef.0123456789abcdef\nnext: x\n";
        let start = text.find("abcdef").unwrap();
        let masked = masked_text(text, &[Span::new(start, start + 23)]);
        assert_eq!(masked, "token: abcdef*****************\nnext: x\n");
        assert_eq!(masked.len(), text.len());
    }
}
