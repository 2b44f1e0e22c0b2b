//! miette reports with the snippet, labels and help, and a closing summary line.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use textwrap::core::display_width;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::drawing::{self, Finding, Mark, Shown};
use super::{FileResult, Summary, plural, wrap};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::source::SourceFile;
use crate::yaml::Span;

/// How to draw: colours and Unicode only for a terminal that wants them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Color,
    Plain,
}

/// The graphical handlers, set up once and shared by the threads that render files.
///
/// miette wraps a finding's message and help with textwrap, whose Unicode line breaking costs
/// more than everything else in a report. Most lines fit anyway, and wrapping leaves those as
/// they are. So findings are drawn by a handler that does not wrap, given text that is already
/// what wrapping would make of it: a line that fits as it is, a longer one through textwrap with
/// the same options and indent widths miette uses. When that cannot be matched (a wrapped line
/// would be blank) the wrapping handler draws the finding. Which one draws never shows.
pub struct Human {
    wrapping: GraphicalReportHandler,
    flat: GraphicalReportHandler,
    /// The width miette wraps to.
    wrap_width: usize,
    /// Room for a line of message or help after miette's widest indent ("  × ", "  help: ").
    room: usize,
    /// Display widths of the first-line indent of the message, per severity (error, warning,
    /// info), and of its other lines.
    message_indents: [usize; 3],
    message_rest: usize,
    /// `--diff`: fixes are shown, not written ("Would fix" in the summary).
    pub(crate) dry_run: bool,
    /// Plain reports of the common shape are drawn by [`drawing`] rather than miette (the same
    /// bytes, much cheaper); tests turn it off to compare.
    pub(crate) draws_plain: bool,
}

/// Help texts each thread keeps wrapped, for one wrap width.
const WRAPPED_HELP_ENTRIES: usize = 512;

thread_local! {
    static WRAPPED_HELP: RefCell<(usize, HashMap<String, Option<String>>)> =
        RefCell::new((0, HashMap::new()));
}

/// miette's indent of the help section, first line and others.
const HELP_INDENT: &str = "  help: ";
const HELP_REST: &str = "        ";

impl Human {
    pub fn new(style: Style, width: usize, dry_run: bool) -> Self {
        let theme = match style {
            Style::Color => GraphicalTheme::unicode(),
            Style::Plain => GraphicalTheme::unicode_nocolor(),
        };
        let characters = &theme.characters;
        let icon = |icon: &str| display_width(&format!("  {icon} "));
        let message_indents = [
            icon(&characters.error),
            icon(&characters.warning),
            icon(&characters.advice),
        ];
        let message_rest = display_width(&format!("  {} ", characters.vbar));
        let widest = message_indents
            .into_iter()
            .chain([
                message_rest,
                display_width(HELP_INDENT),
                display_width(HELP_REST),
            ])
            .max()
            .unwrap_or(0);
        // miette wraps to its width less two columns.
        let wrap_width = width.saturating_sub(2);
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(width)
            .with_links(false);
        Human {
            flat: handler.clone().with_wrap_lines(false),
            wrapping: handler,
            wrap_width,
            room: wrap_width.saturating_sub(widest),
            message_indents,
            message_rest,
            dry_run,
            draws_plain: style == Style::Plain,
        }
    }

    /// The reports of one file's findings.
    pub(crate) fn file(&self, result: &FileResult) -> String {
        let mut out = String::new();
        let source = Snippets::new(&result.source, &result.secrets);
        for diagnostic in &result.diagnostics {
            self.report(&mut out, &source, diagnostic);
        }
        out
    }

    /// Appends the report of one finding; true when [`drawing`] drew it rather than miette.
    fn report(&self, out: &mut String, source: &Snippets, diagnostic: &Diagnostic) -> bool {
        let help = help_text(diagnostic);
        let (handler, report) = match self.prewrap(diagnostic, help.as_deref()) {
            Some((message, help)) => {
                let shown = Shown {
                    source: source.source,
                    text: &source.text,
                };
                if self.draws_plain
                    && source.indexed
                    && drawing::draw(out, &shown, &finding(diagnostic, &message, &help))
                {
                    return true;
                }
                let report = Report {
                    diagnostic,
                    message,
                    help,
                    source,
                };
                (&self.flat, report)
            }
            None => (
                &self.wrapping,
                Report {
                    diagnostic,
                    message: Cow::Borrowed(&diagnostic.message),
                    help: help.map(Cow::Owned),
                    source,
                },
            ),
        };
        let _ = handler.render_report(out, &report);
        false
    }

    /// Message and help as the non-wrapping handler must get them, or None.
    fn prewrap<'t>(
        &self,
        diagnostic: &'t Diagnostic,
        help: Option<&str>,
    ) -> Option<(Cow<'t, str>, Option<Cow<'t, str>>)> {
        let initial = self.message_indents[match diagnostic.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }];
        let message = self.prewrap_text(&diagnostic.message, initial, self.message_rest)?;
        let help = match help {
            Some(help) => Some(Cow::Owned(self.prewrap_help(help)?)),
            None => None,
        };
        Some((message, help))
    }

    /// [`Human::prewrap_text`] for a help text, remembered per thread: a rule's help is mostly
    /// the same sentence in every file that has the finding.
    fn prewrap_help(&self, help: &str) -> Option<String> {
        let wrap = || {
            self.prewrap_text(help, display_width(HELP_INDENT), display_width(HELP_REST))
                .map(Cow::into_owned)
        };
        if self.fits(help) {
            return wrap();
        }
        WRAPPED_HELP.with_borrow_mut(|(width, known)| {
            if *width != self.wrap_width || known.len() >= WRAPPED_HELP_ENTRIES {
                *width = self.wrap_width;
                known.clear();
            }
            if let Some(wrapped) = known.get(help) {
                return wrapped.clone();
            }
            let wrapped = wrap();
            known.insert(help.to_string(), wrapped.clone());
            wrapped
        })
    }

    /// `text` as textwrap would wrap it after indents of these widths, without the indents:
    /// the non-wrapping handler puts miette's indents back. None when a wrapped line would be
    /// blank (the non-wrapping handler indents those differently).
    fn prewrap_text<'t>(&self, text: &'t str, initial: usize, rest: usize) -> Option<Cow<'t, str>> {
        if self.fits(text) {
            return Some(Cow::Borrowed(text));
        }
        match wrap::wrap(text, self.wrap_width, initial, rest) {
            Some(lines) => join_unless_blank(lines.into_iter().map(Some)),
            None => self.prewrap_with_textwrap(text, initial, rest),
        }
        .map(Cow::Owned)
    }

    /// [`Human::prewrap_text`] through textwrap itself, for text our wrapper does not know.
    fn prewrap_with_textwrap(&self, text: &str, initial: usize, rest: usize) -> Option<String> {
        let (first, other) = (" ".repeat(initial), " ".repeat(rest));
        // The options miette uses (break_words is its default), with indents of equal width:
        // where textwrap breaks depends on the indents' widths only.
        let options = textwrap::Options::new(self.wrap_width)
            .initial_indent(&first)
            .subsequent_indent(&other)
            .break_words(true);
        let wrapped = textwrap::fill(text, options);
        let lines = wrapped
            .split('\n')
            .enumerate()
            .map(|(i, line)| line.strip_prefix(if i == 0 { &first } else { &other }));
        join_unless_blank(lines)
    }

    /// True when textwrap would leave every line of `text` as it is: each line fits after the
    /// widest indent, has no space at either end (textwrap trims trailing spaces), is not
    /// blank, and holds no control character (which could break a line by itself).
    fn fits(&self, text: &str) -> bool {
        text.split('\n').all(|line| {
            !line.is_empty()
                && !line.starts_with(char::is_whitespace)
                && !line.ends_with(char::is_whitespace)
                && match fits_narrow(line, self.room) {
                    Some(fits) => fits,
                    None => {
                        !line
                            .chars()
                            .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
                            && display_width(line) <= self.room
                    }
                }
        })
    }
}

/// Whether `line` takes at most `room` columns and has no control character, told without
/// unicode-width when `line` is made of printable ASCII, `…` and `–` only: one column each, as
/// unicode-width says. None for other characters.
fn fits_narrow(line: &str, room: usize) -> Option<bool> {
    if line.is_ascii() {
        return Some(line.len() <= room && !line.bytes().any(|b| b.is_ascii_control()));
    }
    let mut columns = 0;
    for c in line.chars() {
        if !matches!(c, ' '..='~' | '…' | '–') {
            return None;
        }
        columns += 1;
        // Wider than the room already: no character after this can make it fit.
        if columns > room {
            return Some(false);
        }
    }
    Some(true)
}

/// A finding as [`drawing`] takes it, with its message and help already wrapped.
fn finding<'a>(
    diagnostic: &'a Diagnostic,
    message: &'a str,
    help: &'a Option<Cow<'a, str>>,
) -> Finding<'a> {
    let primary = Mark {
        start: diagnostic.primary.start,
        end: diagnostic.primary.end,
        label: diagnostic.primary_label.as_deref(),
        primary: true,
    };
    let related = diagnostic.labels.iter().map(|l| Mark {
        start: l.span.start,
        end: l.span.end,
        label: Some(&l.message),
        primary: false,
    });
    Finding {
        rule: diagnostic.rule,
        severity: diagnostic.severity,
        message,
        help: help.as_deref(),
        marks: std::iter::once(primary).chain(related).collect(),
    }
}

/// The lines joined, or None when one is missing (it lacked its indent) or blank (the
/// non-wrapping handler indents those differently).
fn join_unless_blank<'l>(lines: impl Iterator<Item = Option<&'l str>>) -> Option<String> {
    let mut out = String::new();
    for (i, line) in lines.enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            return None;
        }
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
    Some(out)
}

/// What the help section shows: the rule's help, then how to fix it.
fn help_text(d: &Diagnostic) -> Option<String> {
    let fix = d.fix.as_ref().map(|fix| match fix.applicability {
        Applicability::Safe => format!("fix (--fix): {}", fix.description),
        Applicability::Unsafe => format!("fix (--unsafe-fixes): {}", fix.description),
    });
    match (&d.help, fix) {
        (None, None) => None,
        (Some(help), None) => Some(help.clone()),
        (None, Some(fix)) => Some(fix),
        (Some(help), Some(fix)) => Some(format!("{help}\n{fix}")),
    }
}

/// `dry_run` is set for `--diff`, where fixes are shown but not written.
pub fn render(results: &[FileResult], style: Style, width: usize, dry_run: bool) -> String {
    super::Renderer::human(style, width, dry_run).render(results)
}

pub(crate) fn summary_line(s: &Summary, dry_run: bool) -> String {
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

/// The file's text for miette, named like `NamedSource`. miette's own `[u8]` reader finds the
/// lines around a span by scanning the text from its first byte, for every label of every
/// finding; this one starts that same scan a few lines above the span, found with the file's
/// line index, and shifts the result back, so the snippets are byte-identical and cost the
/// same wherever the span is.
struct Snippets<'a> {
    source: &'a SourceFile,
    /// The text shown: the file's, with credentials masked (at the same byte offsets).
    text: Cow<'a, str>,
    /// Whether the file's line index holds for `text` as miette counts lines. Not when miette
    /// would count a lone `\r` as a line break, or a masked value spans lines: those files take
    /// miette's own path.
    indexed: bool,
}

impl<'a> Snippets<'a> {
    fn new(source: &'a SourceFile, secrets: &[Span]) -> Self {
        let original: &'a str = &source.text;
        let text = match secrets {
            [] => Cow::Borrowed(original),
            _ => Cow::Owned(super::masked_text(original, secrets)),
        };
        let indexed = memchr::memchr(b'\r', original.as_bytes()).is_none()
            && secrets
                .iter()
                .all(|s| original.get(s.range()).is_none_or(|v| !v.contains('\n')));
        Snippets {
            source,
            text,
            indexed,
        }
    }
}

impl SourceCode for Snippets<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.text.as_bytes();
        // Lines to skip: all but one above the first line miette keeps as context. Keeping one
        // means the span never starts at the scan's first byte, where miette's end-of-span
        // arithmetic saturates.
        let skipped_lines = if !self.indexed || span.offset() > text.len() {
            0
        } else {
            self.source
                .line_index(span.offset())
                .saturating_sub(context_lines_before + 1)
        };
        let base = match skipped_lines {
            0 => 0,
            line => self.source.line_start(line + 1),
        };
        let shifted = SourceSpan::new((span.offset() - base).into(), span.len());
        let inner = text[base..].read_span(&shifted, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.source.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + base).into(), inner.span().len()),
            inner.line() + skipped_lines,
            inner.column(),
            inner.line_count() + skipped_lines,
        )))
    }
}

/// One finding for miette, with its message and help as the chosen handler must draw them.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
    source: &'a Snippets<'a>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
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
        self.help
            .as_deref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display + 'b>)
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

#[cfg(test)]
mod tests {
    use super::*;
    use miette::NamedSource;

    /// Random messages and helps at random widths: whenever a finding is prepared for the
    /// handler that does not wrap, it comes out exactly as the wrapping one draws it.
    #[test]
    fn unwrapped_findings_look_the_same() {
        use crate::diagnostic::{Fix, Label};
        use crate::yaml::Span;
        const WORDS: [&str; 14] = [
            "kubeadm",
            "will",
            "pull",
            "`registry.k8s.io/coredns/coredns:v1.11.1`;",
            "a",
            "mirror-of-it",
            "holds",
            "dns.imageRepository",
            "é",
            "中文字",
            "--fix",
            "https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/",
            "x/y/z",
            "(assuming kubeadm 1.36, the newest that reads v1beta3)",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let text =
            "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nimageRepository: x\n";
        let source = SourceFile::new("f.yaml", text);
        let snippets = Snippets::new(&source, &[]);
        let (mut flat, mut differ, mut total) = (0, 0, 0);
        for round in 0..3000 {
            let mut sentence = |words: usize| {
                (0..words)
                    .map(|_| WORDS[next(WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let message = sentence(1 + round % 9);
            let help = (round % 3 > 0).then(|| sentence(1 + round % 7));
            let fix = (round % 4 == 1).then(|| Fix {
                applicability: Applicability::Safe,
                description: sentence(3),
                edits: Vec::new(),
            });
            let severity = [Severity::Error, Severity::Warning, Severity::Info][round % 3];
            let diagnostic = Diagnostic {
                rule: "some-rule",
                severity,
                message,
                primary: Span::new(35, 55),
                primary_label: Some("label".into()),
                labels: vec![Label {
                    span: Span::new(0, 10),
                    message: "other".into(),
                }],
                help,
                fix,
            };
            let style = [Style::Plain, Style::Color][round % 2];
            let human = Human::new(style, 20 + next(120), false);
            let help = help_text(&diagnostic);
            let original = Report {
                diagnostic: &diagnostic,
                message: Cow::Borrowed(&diagnostic.message),
                help: help.as_deref().map(Cow::Borrowed),
                source: &snippets,
            };
            let mut wrapped = String::new();
            human
                .wrapping
                .render_report(&mut wrapped, &original)
                .unwrap();
            let mut unwrapped = String::new();
            human.flat.render_report(&mut unwrapped, &original).unwrap();
            total += 1;
            if wrapped != unwrapped {
                differ += 1;
            }
            if let Some((message, help)) = human.prewrap(&diagnostic, help.as_deref()) {
                flat += 1;
                let prepared = Report {
                    diagnostic: &diagnostic,
                    message,
                    help,
                    source: &snippets,
                };
                let mut drawn = String::new();
                human.flat.render_report(&mut drawn, &prepared).unwrap();
                assert_eq!(drawn, wrapped, "round {round}");
            }
        }
        assert!(
            flat > total * 9 / 10,
            "only {flat} of {total} findings were drawn unwrapped"
        );
        // The test can fail: without wrapping, long lines do come out differently.
        assert!(
            differ > total / 5,
            "only {differ} of {total} long findings differ"
        );
    }

    /// `…` and `–` take one column each, as unicode-width says, though three bytes: a line of
    /// them as wide as the room fits, one column more does not.
    #[test]
    fn fits_counts_ellipsis_and_en_dash_as_one_column() {
        let human = Human::new(Style::Plain, 80, false);
        for pattern in ["…", "–", "a…", "1–", "`x…` 10.0.0.1–10.0.0.9 "] {
            let line: String = pattern.chars().cycle().take(human.room).collect();
            let line = line.trim_end();
            let full = format!("{line}{}", "x".repeat(human.room - display_width(line)));
            assert_eq!(display_width(&full), human.room);
            assert_eq!(fits_narrow(&full, human.room), Some(true), "{full:?}");
            assert!(human.fits(&full), "{full:?}");
            let over = format!("{full}…");
            assert_eq!(fits_narrow(&over, human.room), Some(false), "{over:?}");
            assert!(!human.fits(&over), "{over:?}");
        }
        for other in ["café", "a—b", "…\u{85}", "–\u{7f}"] {
            assert_eq!(fits_narrow(other, 80), None, "{other:?}");
        }
        assert_eq!(fits_narrow("tab\there", 80), Some(false));
    }

    /// Every message and help text the corpus and the fixtures produce, at several widths: our
    /// wrapper wraps each as textwrap does, and it is the one that wraps most of them.
    #[test]
    fn corpus_texts_wrap_like_textwrap() {
        let results = super::super::test_corpus::results();
        let mut texts = std::collections::BTreeSet::new();
        for diagnostic in results.iter().flat_map(|r| &r.diagnostics) {
            texts.insert(diagnostic.message.clone());
            texts.extend(help_text(diagnostic));
        }
        let (mut ours, mut theirs) = (0, 0);
        for width in [60, 80, 100, 140] {
            let human = Human::new(Style::Plain, width, false);
            let indents = [
                (human.message_indents[0], human.message_rest),
                (display_width(HELP_INDENT), display_width(HELP_REST)),
            ];
            for text in texts.iter().filter(|text| !human.fits(text)) {
                for (initial, rest) in indents {
                    let Some(filled) = wrap::tests::our_fill(text, human.wrap_width, initial, rest)
                    else {
                        theirs += 1;
                        continue;
                    };
                    ours += 1;
                    assert_eq!(
                        filled,
                        wrap::tests::textwrap_fill(text, human.wrap_width, initial, rest),
                        "{text:?} at {width}"
                    );
                }
            }
        }
        eprintln!("wrapped by us: {ours}, by textwrap: {theirs}");
        // What is left to textwrap has `$ + \ %` or `—` in it.
        assert!(
            ours > 25 * theirs,
            "we wrapped {ours} texts, textwrap {theirs}"
        );
    }

    /// Every finding of the corpus and the fixtures, at several widths: drawn by us, it looks
    /// exactly as miette draws it, and we draw most of them.
    #[test]
    fn corpus_reports_drawn_like_miette() {
        let results = super::super::test_corpus::results();
        let (mut ours, mut total) = (0, 0);
        for width in [60, 80, 100, 140] {
            let fast = Human::new(Style::Plain, width, false);
            let mut miette = Human::new(Style::Plain, width, false);
            miette.draws_plain = false;
            for result in &results {
                let source = Snippets::new(&result.source, &result.secrets);
                for diagnostic in &result.diagnostics {
                    let (mut drawn, mut expected) = (String::new(), String::new());
                    total += 1;
                    if fast.report(&mut drawn, &source, diagnostic) {
                        ours += 1;
                    }
                    assert!(!miette.report(&mut expected, &source, diagnostic));
                    assert_eq!(
                        drawn, expected,
                        "{} at width {width}: {diagnostic:?}",
                        result.source.name
                    );
                }
            }
        }
        eprintln!("drawn by us: {ours} of {total}");
        assert!(
            ours * 10 > total * 9,
            "we drew only {ours} of {total} reports"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Generated files and findings of the shape we draw: we draw them, exactly as miette.
        #[test]
        fn generated_reports_drawn_like_miette(
            lines in proptest::collection::vec("[ -~]{0,30}", 1..40),
            final_break in proptest::bool::ANY,
            marks in proptest::collection::vec(
                (0usize..40, 0usize..30, 0usize..30, proptest::option::of("[ -~]{0,12}")),
                1..5,
            ),
            message in "[a-z]{1,8}( [a-z`./-]{1,10}){0,12}",
            help in proptest::option::of("[a-z]{1,8}( [a-z`./-]{1,10}){0,20}"),
            severity in 0usize..3,
            width in 40usize..140,
        ) {
            use crate::diagnostic::Label;
            let mut text = lines.join("\n");
            if final_break {
                text.push('\n');
            }
            let source = SourceFile::new("gen.yaml", text.as_str());
            let mut spans: Vec<(Span, Option<String>)> = Vec::new();
            for (line, start, len, label) in marks {
                let line = line % lines.len();
                let length = lines[line].len();
                if length == 0 {
                    continue;
                }
                let line_start = source.line_start(line + 1);
                let start = line_start + start % length;
                let end = start + 1 + len % (line_start + length - start);
                if spans.iter().all(|(span, _)| span.start != start) {
                    spans.push((Span::new(start, end), label));
                }
            }
            proptest::prop_assume!(!spans.is_empty());
            let (primary, primary_label) = spans[0].clone();
            let diagnostic = Diagnostic {
                rule: "generated-rule",
                severity: [Severity::Error, Severity::Warning, Severity::Info][severity],
                message,
                primary,
                primary_label,
                labels: spans[1..]
                    .iter()
                    .map(|(span, label)| Label {
                        span: *span,
                        message: label.clone().unwrap_or_default(),
                    })
                    .collect(),
                help,
                fix: None,
            };
            let fast = Human::new(Style::Plain, width, false);
            let mut miette = Human::new(Style::Plain, width, false);
            miette.draws_plain = false;
            let snippets = Snippets::new(&source, &[]);
            let (mut drawn, mut expected) = (String::new(), String::new());
            let ours = fast.report(&mut drawn, &snippets, &diagnostic);
            miette.report(&mut expected, &snippets, &diagnostic);
            proptest::prop_assert_eq!(drawn, expected);
            proptest::prop_assert!(ours, "not drawn by us: {:?}", diagnostic);
        }
    }

    /// Every span of a few texts, with every context size miette uses: the indexed reader gives
    /// what miette's own reader gives.
    #[test]
    fn snippets_match_miettes_reader() {
        let long: String = (0..30)
            .map(|i| format!("k{i}:{}\n", " v".repeat(i % 4)))
            .collect();
        let texts = [
            long.as_str(),
            "",
            "a",
            "a: 1\n",
            "a: 1\nb:\n  c: [1, 2]\n\n\nd: é\n# end",
            "\n\n\nx\n\ny: z\n\n",
            "crlf: 1\r\nnext: 2\r\n\r\nlast: 3",
            "lone\rcr: 1\nx: 2\n",
        ];
        for text in texts {
            let source = SourceFile::new("f.yaml", text);
            let ours = Snippets::new(&source, &[]);
            let theirs = NamedSource::new("f.yaml", text.to_string());
            assert_eq!(ours.text.as_ref(), text);
            for start in 0..=text.len() {
                for len in 0..=(text.len() - start).min(12) {
                    for context in 0..4 {
                        let span = SourceSpan::new(start.into(), len);
                        let a = ours.read_span(&span, context, context);
                        let b = theirs.read_span(&span, context, context);
                        match (a, b) {
                            (Ok(a), Ok(b)) => {
                                let what = format!("{text:?} {start}+{len} context {context}");
                                assert_eq!(a.data(), b.data(), "{what}");
                                assert_eq!(a.span(), b.span(), "{what}");
                                assert_eq!(a.line(), b.line(), "{what}");
                                assert_eq!(a.column(), b.column(), "{what}");
                                assert_eq!(a.line_count(), b.line_count(), "{what}");
                                assert_eq!(a.name(), b.name(), "{what}");
                            }
                            (Err(_), Err(_)) => {}
                            (a, b) => {
                                panic!("{text:?} {start}+{len}: {:?} vs {:?}", a.is_ok(), b.is_ok())
                            }
                        }
                    }
                }
            }
        }
    }
}
