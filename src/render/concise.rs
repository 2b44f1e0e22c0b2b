//! `path:line:col: severity[rule] message`, one finding a line.

use std::fmt::Write;

use super::FileResult;

/// The lines of one file's findings.
pub(crate) fn file(result: &FileResult) -> String {
    let mut out = String::new();
    for d in &result.diagnostics {
        let (line, column) = result.source.line_col(d.primary.start);
        let _ = writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            result.source.name,
            d.severity.as_str(),
            d.rule,
            d.message
        );
    }
    out
}

pub fn render(results: &[FileResult]) -> String {
    super::Renderer::Concise.render(results)
}
