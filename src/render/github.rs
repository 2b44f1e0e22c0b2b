//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` annotation per
//! finding, errors first (GitHub shows a limited number of annotations per step, so the ones
//! that break `kubeadm init` must not be crowded out).
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n` are percent-encoded;
//! in properties (file, title) `:` and `,` are too.

use std::fmt::Write;

use super::FileResult;
use super::locate::report_path;
use crate::diagnostic::{Applicability, Severity};

pub fn render(results: &[FileResult]) -> String {
    let mut findings: Vec<_> = results
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
        .collect();
    // Stable: within a severity, files and positions keep their order.
    findings.sort_by_key(|(_, d)| std::cmp::Reverse(d.severity));
    let mut out = String::new();
    for (result, d) in findings {
        let (line, column) = result.source.line_col(d.primary.start);
        let (end_line, end_column) = result.source.line_col(d.primary.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        if let Some(fix) = &d.fix {
            let flag = match fix.applicability {
                Applicability::Safe => "--fix",
                Applicability::Unsafe => "--unsafe-fixes",
            };
            let _ = write!(message, "\nfix ({flag}): {}", fix.description);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={line},endLine={end_line},col={column},endColumn={end_column},title={}::{}",
            escape_property(&report_path(&result.source.name)),
            escape_property(&format!("kubeadm-lint {}", d.rule)),
            escape_data(&message),
        );
    }
    out
}

/// Rows shown in the job summary; the annotations carry the rest.
const SUMMARY_ROWS: usize = 200;

/// A Markdown table for the job summary (`$GITHUB_STEP_SUMMARY`): GitHub renders only a few
/// annotations per step, the summary lists every finding.
pub fn step_summary(results: &[FileResult]) -> String {
    let summary = super::Summary::of(results);
    let mut out = String::from("### kubeadm-lint\n\n");
    if summary.errors + summary.warnings + summary.infos == 0 {
        out.push_str(&format!(
            "No problems found in {}.\n",
            super::plural(summary.files, "file")
        ));
        return out;
    }
    let _ = writeln!(
        out,
        "{} · {} · {} in {}\n",
        super::plural(summary.errors, "error"),
        super::plural(summary.warnings, "warning"),
        super::plural(summary.infos, "info"),
        super::plural(summary.files, "file")
    );
    out.push_str("| | Rule | Where | Finding |\n|---|---|---|---|\n");
    let mut findings: Vec<_> = results
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
        .collect();
    findings.sort_by_key(|(_, d)| std::cmp::Reverse(d.severity));
    for (result, d) in findings.iter().take(SUMMARY_ROWS) {
        let (line, _) = result.source.line_col(d.primary.start);
        let icon = match d.severity {
            Severity::Error => "❌",
            Severity::Warning => "⚠️",
            Severity::Info => "ℹ️",
        };
        let _ = writeln!(
            out,
            "| {icon} | `{}` | `{}:{line}` | {} |",
            d.rule,
            report_path(&result.source.name).replace('`', "'"),
            d.message.replace('|', "\\|").replace(['\n', '\r'], " ")
        );
    }
    if findings.len() > SUMMARY_ROWS {
        let _ = writeln!(out, "\n{} more not shown.", findings.len() - SUMMARY_ROWS);
    }
    out
}

/// The message of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a workflow command.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("c:\\x,y%z\n"), "c%3A\\x%2Cy%25z%0A");
    }
}
