//! Building byte-range edits from the spanned tree, so fixes keep quoting, comments and layout.

use crate::diagnostic::Edit;
use crate::yaml::{Node, ScalarStyle, Span};

/// Replaces a scalar's text, keeping its quotes. `None` for block scalars and for new text
/// the existing quoting cannot hold.
pub fn replace_scalar(node: Node, new_text: &str) -> Option<Edit> {
    let span = node.span();
    match node.scalar_style()? {
        ScalarStyle::Plain if is_safe_plain(new_text) => Some(Edit::replace(span, new_text)),
        ScalarStyle::SingleQuoted if span.len() >= 2 => Some(Edit::replace(
            Span::new(span.start + 1, span.end - 1),
            new_text.replace('\'', "''"),
        )),
        ScalarStyle::DoubleQuoted if span.len() >= 2 && !new_text.contains(['"', '\\']) => Some(
            Edit::replace(Span::new(span.start + 1, span.end - 1), new_text),
        ),
        _ => None,
    }
}

/// Text that reads back as the same string when written as a plain scalar.
pub fn is_safe_plain(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(['\n', '\r', '\t'])
        && crate::yaml::scalar::resolve_plain(text) == crate::yaml::scalar::Resolved::String
}
