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

/// The graphical handler, set up once and shared by the threads that render files.
pub struct Human {
    handler: GraphicalReportHandler,
}

impl Human {
    pub fn new(style: Style, width: usize) -> Self {
        let theme = match style {
            Style::Color => GraphicalTheme::unicode(),
            Style::Plain => GraphicalTheme::unicode_nocolor(),
        };
        Human {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(width)
                .with_links(false),
        }
    }

    /// The reports of one file's findings.
    pub(crate) fn file(&self, result: &FileResult) -> String {
        let mut out = String::new();
        let source = NamedSource::new(result.source.name.clone(), Arc::clone(&result.source.text));
        for diagnostic in &result.diagnostics {
            let report = Report {
                diagnostic,
                source: &source,
            };
            let _ = self.handler.render_report(&mut out, &report);
        }
        out
    }
}

pub fn render(results: &[FileResult], style: Style, width: usize) -> String {
    super::Renderer::human(style, width).render(results)
}

pub(crate) fn summary_line(s: &Summary) -> String {
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
    if s.fixed > 0 {
        line.push_str(&format!(" Fixed {}.", plural(s.fixed, "problem")));
    }
    match (s.safe_fixes, s.unsafe_fixes) {
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
