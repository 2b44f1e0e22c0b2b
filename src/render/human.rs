//! miette reports with the snippet, labels and help, and a closing summary line.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{FileResult, Summary, plural};
use crate::diagnostic::{Applicability, Diagnostic, Severity};

/// How to draw: colours and Unicode only for a terminal that wants them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Color,
    Plain,
}

/// `dry_run` is set for `--diff`, where fixes are shown but not written.
pub fn render(results: &[FileResult], style: Style, width: usize, dry_run: bool) -> String {
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false);
    let mut out = String::new();
    for result in results {
        let text: Arc<str> = if result.secrets.is_empty() {
            Arc::clone(&result.source.text)
        } else {
            super::masked_text(&result.source.text, &result.secrets).into()
        };
        let source = NamedSource::new(result.source.name.clone(), text);
        for diagnostic in &result.diagnostics {
            let report = Report {
                diagnostic,
                source: &source,
            };
            let _ = handler.render_report(&mut out, &report);
        }
    }
    out.push_str(&summary_line(results, dry_run));
    out
}

fn summary_line(results: &[FileResult], dry_run: bool) -> String {
    let s = Summary::of(results);
    let fixable = results
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter_map(|d| d.fix.as_ref())
        .fold((0, 0), |(safe, unsafe_), fix| match fix.applicability {
            Applicability::Safe => (safe + 1, unsafe_),
            Applicability::Unsafe => (safe, unsafe_ + 1),
        });
    let mut line = if s.errors + s.warnings + s.infos == 0 {
        format!("No problems found in {}.", plural(s.files, "file"))
    } else {
        format!(
            "Found {}, {} and {} in {}.",
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
            plural(s.infos, "info"),
            plural(s.files, "file")
        )
    };
    if s.suppressed > 0 {
        line.push_str(&format!(
            " {} suppressed (--no-ignores shows them).",
            plural(s.suppressed, "finding")
        ));
    }
    if s.fixed > 0 {
        let verb = if dry_run { "Would fix" } else { "Fixed" };
        line.push_str(&format!(" {verb} {}.", plural(s.fixed, "problem")));
    }
    match fixable {
        (0, 0) => {}
        (safe, 0) => line.push_str(&format!(" {safe} fixable with --fix.")),
        (0, unsafe_) => line.push_str(&format!(" {unsafe_} fixable with --unsafe-fixes.")),
        (safe, unsafe_) => line.push_str(&format!(
            " {safe} fixable with --fix, {unsafe_} more with --unsafe-fixes."
        )),
    }
    line.push('\n');
    line
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<Arc<str>>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let d = self.diagnostic;
        let fix = d.fix.as_ref().map(|fix| match fix.applicability {
            Applicability::Safe => format!("fix (--fix): {}", fix.description),
            Applicability::Unsafe => format!("fix (--unsafe-fixes): {}", fix.description),
        });
        match (&d.help, fix) {
            (None, None) => None,
            (Some(help), None) => Some(Box::new(help.clone())),
            (None, Some(fix)) => Some(Box::new(fix)),
            (Some(help), Some(fix)) => Some(Box::new(format!("{help}\n{fix}"))),
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary =
            LabeledSpan::new_primary_with_span(d.primary_label.clone(), d.primary.range());
        let related = d
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span.range()));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}
