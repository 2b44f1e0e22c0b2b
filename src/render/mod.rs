//! Output formats. Renderers only present findings; they never decide what is wrong.

pub mod concise;
pub mod human;
pub mod json;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// The findings of one checked file, ready to render.
pub struct FileResult {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied to this file (with --fix or --diff).
    pub fixed: usize,
}

/// Counts over all files, for summaries and exit codes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixed: usize,
}

impl Summary {
    pub fn of(results: &[FileResult]) -> Self {
        let mut summary = Summary {
            files: results.len(),
            ..Summary::default()
        };
        for result in results {
            summary.fixed += result.fixed;
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
}

/// `1 error`, `2 warnings`.
pub(crate) fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}
