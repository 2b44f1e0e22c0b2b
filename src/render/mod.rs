//! Output formats. Renderers only present findings; they never decide what is wrong.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod locate;
pub mod page;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
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
    pub suppressed: usize,
}

impl Summary {
    pub fn of(results: &[FileResult]) -> Self {
        let mut summary = Summary {
            files: results.len(),
            ..Summary::default()
        };
        for result in results {
            summary.fixed += result.fixed;
            summary.suppressed += result.suppressed.len();
            for diagnostic in &result.diagnostics {
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
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
