//! Plain reports (no colour) drawn by us, byte for byte as miette's `GraphicalReportHandler`
//! draws them with `unicode_nocolor`, one line of context and wrapping turned off, for the
//! shape nearly every finding has: labels that each underline some of one line of printable
//! ASCII, at distinct offsets, and context lines without tabs. Anything else is left to miette.
//!
//! miette's own rules, which this follows: labels are sorted by offset; each gets one line of
//! context either side, and a label's context joins the previous one when the previous one's
//! first line plus its line count (counted from the top of the file, as miette does) reaches
//! the label's first context line. Each context is drawn as a header naming the primary label's
//! place, the numbered lines, under a labelled line its underlines and label texts, and a
//! closing rule.

use crate::diagnostic::Severity;
use crate::source::SourceFile;

/// A finding ready to draw: message and help already wrapped and never blank.
pub(super) struct Finding<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    /// The primary label first, then the related ones.
    pub marks: Vec<Mark<'a>>,
}

/// A labelled span of the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark<'a> {
    pub start: usize,
    pub end: usize,
    pub label: Option<&'a str>,
    pub primary: bool,
}

/// The text shown for a source: its name, its (masked) text and its line index, which must
/// hold for the text (no `\r`, no masked span across lines).
pub(super) struct Shown<'a> {
    pub source: &'a SourceFile,
    pub text: &'a str,
}

/// A run of lines drawn under one header: the span miette reads it for, and the 0-based lines.
#[derive(Debug, Clone, Copy)]
struct Context {
    start: usize,
    end: usize,
    first_line: usize,
    /// One past the last line drawn.
    end_line: usize,
    /// miette's test for joining the next label's context: first line plus line count.
    reach: usize,
}

/// Appends the report of `finding` to `out` and returns true, or returns false without
/// touching `out` when the finding's shape is one only miette draws.
pub(super) fn draw(out: &mut String, shown: &Shown, finding: &Finding) -> bool {
    let Some(marks) = sorted_marks(shown, &finding.marks) else {
        return false;
    };
    let contexts = contexts(shown, &marks);
    if !contexts.iter().all(|c| lines_drawable(shown, c)) {
        return false;
    }
    header(out, finding);
    for context in &contexts {
        draw_context(out, shown, context, &marks);
    }
    if let Some(help) = finding.help {
        indented(out, help, "  help: ", "        ");
    }
    true
}

/// The marks by offset, when each lies in one line of printable ASCII, is at least a
/// character long, starts where no other does, and has a one-line label.
fn sorted_marks<'a>(shown: &Shown, marks: &[Mark<'a>]) -> Option<Vec<Mark<'a>>> {
    let mut sorted = marks.to_vec();
    sorted.sort_by_key(|m| m.start);
    let distinct = sorted.windows(2).all(|pair| pair[0].start < pair[1].start);
    let drawable = |m: &Mark| {
        let line = shown.source.line_index(m.start);
        m.start < m.end
            && m.end <= line_end_offset(shown, line)
            && m.label.is_none_or(|l| !l.contains('\n'))
            && line_text(shown, line).is_some_and(printable_ascii)
    };
    (distinct && sorted.iter().all(drawable)).then_some(sorted)
}

fn printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// The text of 0-based `line`, without its line break.
fn line_text<'t>(shown: &Shown<'t>, line: usize) -> Option<&'t str> {
    let start = line_start(shown, line);
    let end = line_end_offset(shown, line);
    shown.text.get(start..end)
}

/// Offset where 0-based `line` starts (the text's end past the last line).
fn line_start(shown: &Shown, line: usize) -> usize {
    shown.source.line_start(line + 1)
}

/// Offset of the end of 0-based `line`'s text, before its line break.
fn line_end_offset(shown: &Shown, line: usize) -> usize {
    let next = line_start(shown, line + 1);
    if next > line_start(shown, line) && shown.text.as_bytes().get(next - 1) == Some(&b'\n') {
        next - 1
    } else {
        next
    }
}

/// The contexts as miette builds them: one per mark, joined with the previous one when
/// miette's test says they meet.
fn contexts(shown: &Shown, marks: &[Mark]) -> Vec<Context> {
    let mut contexts: Vec<Context> = Vec::new();
    for mark in marks {
        let own = context(shown, mark.start, mark.end);
        match contexts.last_mut() {
            Some(last) if last.reach >= own.first_line => {
                *last = context(shown, last.start, last.end.max(mark.end));
            }
            _ => contexts.push(own),
        }
    }
    contexts
}

/// What miette's reader gives for `start..end` (which ends inside a line's text) with a line
/// of context on either side.
fn context(shown: &Shown, start: usize, end: usize) -> Context {
    let source = shown.source;
    let first = source.line_index(start);
    let last = source.line_index(end - 1);
    let line_breaks = source.line_count() - 1;
    let first_line = first.saturating_sub(1);
    let end_line = (last + 2).min(source.line_count());
    // A line exists past the last drawn one only after a line break; a file that ends with
    // one has an empty line there, which is not drawn.
    let end_line = if end_line > last + 1 && line_start(shown, last + 1) >= shown.text.len() {
        last + 1
    } else {
        end_line
    };
    Context {
        start,
        end,
        first_line,
        end_line,
        reach: first_line + (last + 2).min(line_breaks),
    }
}

/// Context lines are drawn as they are unless they hold a tab (which miette expands).
fn lines_drawable(shown: &Shown, context: &Context) -> bool {
    (context.first_line..context.end_line)
        .all(|line| line_text(shown, line).is_some_and(|text| !text.contains('\t')))
}

/// The rule, a blank line, and the message after the severity's icon.
fn header(out: &mut String, finding: &Finding) {
    out.push_str(finding.rule);
    out.push_str("\n\n");
    let icon = match finding.severity {
        Severity::Error => "  × ",
        Severity::Warning => "  ⚠ ",
        Severity::Info => "  ☞ ",
    };
    indented(out, finding.message, icon, "  │ ");
}

/// `text` with `first` before its first line and `rest` before the others, and a line break.
fn indented(out: &mut String, text: &str, first: &str, rest: &str) {
    for (i, line) in text.split('\n').enumerate() {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line);
        out.push('\n');
    }
}

fn draw_context(out: &mut String, shown: &Shown, context: &Context, marks: &[Mark]) {
    let number_width = digits(context.end_line);
    let inside = |m: &&Mark| context.start <= m.start && m.end <= context.end;
    let primary = marks
        .iter()
        .filter(inside)
        .find(|m| m.primary)
        .or_else(|| marks.iter().find(inside))
        .expect("a context holds the mark it was made for");
    let primary_line = shown.source.line_index(primary.start);
    let column = primary.start - line_start(shown, primary_line) + 1;
    pad(out, number_width + 2);
    out.push_str("╭─[");
    out.push_str(&shown.source.name);
    out.push(':');
    push_number(out, primary_line + 1);
    out.push(':');
    push_number(out, column);
    out.push_str("]\n");
    for line in context.first_line..context.end_line {
        let start = line_start(shown, line);
        let text = line_text(shown, line).unwrap_or_default();
        out.push(' ');
        pad(out, number_width - digits(line + 1));
        push_number(out, line + 1);
        out.push_str(" │ ");
        out.push_str(text);
        out.push('\n');
        let on_line: Vec<&Mark> = marks
            .iter()
            .filter(|m| start <= m.start && m.start < start + text.len())
            .collect();
        if !on_line.is_empty() {
            underline(out, number_width, start, &on_line);
        }
    }
    pad(out, number_width + 2);
    out.push_str("╰────\n");
}

/// The underlines of the marks on one line, then each label (last first) hanging from its
/// underline, past the bars of the marks before it.
fn underline(out: &mut String, number_width: usize, line_start: usize, marks: &[&Mark]) {
    let mut bars = Vec::with_capacity(marks.len());
    no_number(out, number_width);
    let mut highest = 0;
    for mark in marks {
        let start = (mark.start - line_start).max(highest);
        let end = (mark.end - line_start).max(start + 1);
        let bar = (start + end) / 2;
        pad(out, start.saturating_sub(highest));
        repeat(out, '─', bar - start);
        out.push(if mark.label.is_some() { '┬' } else { '─' });
        repeat(out, '─', end - bar - 1);
        highest = highest.max(end);
        bars.push(bar);
    }
    out.push('\n');
    for (i, mark) in marks.iter().enumerate().rev() {
        let Some(label) = mark.label else { continue };
        no_number(out, number_width);
        let mut column = 1;
        for &bar in &bars[..i] {
            pad(out, (bar + 1).saturating_sub(column));
            column = column.max(bar + 1);
            out.push('│');
            column += 1;
        }
        pad(out, (bars[i] + 1).saturating_sub(column));
        out.push_str("╰── ");
        out.push_str(label);
        out.push('\n');
    }
}

/// The gutter of a line that has no number.
fn no_number(out: &mut String, number_width: usize) {
    pad(out, number_width + 1);
    out.push_str(" · ");
}

fn digits(mut number: usize) -> usize {
    let mut count = 1;
    while number >= 10 {
        number /= 10;
        count += 1;
    }
    count
}

fn push_number(out: &mut String, number: usize) {
    let mut buffer = [0u8; 20];
    let mut at = buffer.len();
    let mut rest = number;
    loop {
        at -= 1;
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buffer[at..]).expect("ASCII digits"));
}

fn pad(out: &mut String, count: usize) {
    repeat(out, ' ', count);
}

fn repeat(out: &mut String, c: char, count: usize) {
    out.extend(std::iter::repeat_n(c, count));
}
