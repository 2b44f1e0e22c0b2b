//! Edits of whole values and entries: set a scalar even where its quoting must change, take an
//! item out of a sequence or an entry out of a mapping, leaving the lines around as they were.

use crate::diagnostic::Edit;
use crate::fix::edits;
use crate::yaml::{Node, ScalarStyle, Span};

/// Sets a scalar's text: as [`edits::replace_scalar`] when the scalar's quoting can hold it,
/// else the plain scalar becomes a double-quoted one (`[fd00::1]:6443` cannot be plain).
/// `None` for block scalars and aliases.
pub fn set_scalar(node: Node, text: &str) -> Option<Edit> {
    if node.is_alias() {
        return None;
    }
    // A plain scalar inside a flow collection cannot hold flow indicators.
    let plain_with_indicators = node.scalar_style() == Some(ScalarStyle::Plain)
        && text.contains(['[', ']', '{', '}', ','])
        && in_flow_collection(node);
    if !plain_with_indicators && let Some(edit) = edits::replace_scalar(node, text) {
        return Some(edit);
    }
    match node.scalar_style()? {
        ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            if !text.contains(['\n', '\r']) =>
        {
            let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
            Some(Edit::replace(node.span(), format!("\"{escaped}\"")))
        }
        _ => None,
    }
}

/// Whether a flow mapping or sequence encloses the node.
pub fn in_flow_collection(node: Node) -> bool {
    let tree = node.tree();
    let span = node.span();
    (0..tree.node_count())
        .map(|id| tree.node(id))
        .any(|n| n.id() != node.id() && n.is_flow() && n.span().contains(span))
}

/// Removes one sequence item. In a block sequence the item's lines go (with a trailing comment
/// on the last one); in a flow sequence the item and one separating comma go. `None` when the
/// item shares a line with other content, or is a scalar spanning several lines.
pub fn remove_item(text: &str, sequence: Node, item: Node) -> Option<Edit> {
    let span = item.span();
    if sequence.is_flow() {
        return remove_flow_element(text, span);
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..span.start];
    let dash = before.trim_end().strip_suffix('-')?;
    if !dash.trim().is_empty() {
        return None;
    }
    let block_mapping = item.is_mapping() && !item.is_flow();
    remove_lines(text, line_start, span.end, block_mapping)
}

/// Removes a block mapping entry whose key and value sit on one line, with that line.
pub fn remove_entry(text: &str, key: Node, value: Node) -> Option<Edit> {
    let line_start = text[..key.span().start].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..key.span().start].trim().is_empty() {
        return None;
    }
    remove_lines(
        text,
        line_start,
        value.span().end.max(key.span().end),
        false,
    )
}

/// Deletes from `start` (a line start) to the end of the line holding `end`, when nothing but
/// blanks and a comment follows `end` on that line and, unless `multi_line`, the range is one
/// line.
fn remove_lines(text: &str, start: usize, end: usize, multi_line: bool) -> Option<Edit> {
    let end = text[start..end].trim_end().len() + start;
    if !multi_line && text[start..end].contains('\n') {
        return None;
    }
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    let rest = text[end..line_end].trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    Some(Edit::delete(Span::new(start, line_end)))
}

fn remove_flow_element(text: &str, span: Span) -> Option<Edit> {
    let after = &text[span.end..];
    let next = after.len() - after.trim_start_matches([' ', '\t']).len();
    if after[next..].starts_with(',') {
        let rest = &after[next + 1..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        return Some(Edit::delete(Span::new(
            span.start,
            span.end + next + 1 + blanks,
        )));
    }
    let before = &text[..span.start];
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.ends_with(',') {
        return Some(Edit::delete(Span::new(trimmed.len() - 1, span.end)));
    }
    Some(Edit::delete(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.span.range(), &edit.content);
        out
    }

    fn item_edit(text: &str, index: usize) -> Option<String> {
        let tree = crate::yaml::parse(text);
        let root = tree.root(0).unwrap();
        let list = root.get("l").unwrap();
        let item = list.items().nth(index).unwrap();
        remove_item(text, list, item).map(|e| apply(text, e))
    }

    #[test]
    fn block_items_take_their_line() {
        let text = "l:\n  - a\n  - b # why\n  - c\nz: 1\n";
        assert_eq!(
            item_edit(text, 1).as_deref(),
            Some("l:\n  - a\n  - c\nz: 1\n")
        );
        assert_eq!(
            item_edit(text, 2).as_deref(),
            Some("l:\n  - a\n  - b # why\nz: 1\n")
        );
        let last = "l:\n- a\n- b";
        assert_eq!(item_edit(last, 1).as_deref(), Some("l:\n- a\n"));
    }

    #[test]
    fn block_mapping_items_take_all_their_lines() {
        let text = "l:\n  - name: a\n    value: \"1\"\n  - name: b\n    value: \"2\"\nz: 1\n";
        assert_eq!(
            item_edit(text, 0).as_deref(),
            Some("l:\n  - name: b\n    value: \"2\"\nz: 1\n")
        );
        assert_eq!(
            item_edit(text, 1).as_deref(),
            Some("l:\n  - name: a\n    value: \"1\"\nz: 1\n")
        );
    }

    #[test]
    fn flow_items_take_one_comma() {
        let text = "l: [a, b, c]\n";
        assert_eq!(item_edit(text, 0).as_deref(), Some("l: [b, c]\n"));
        assert_eq!(item_edit(text, 1).as_deref(), Some("l: [a, c]\n"));
        assert_eq!(item_edit(text, 2).as_deref(), Some("l: [a, b]\n"));
        assert_eq!(item_edit("l: [a]\n", 0).as_deref(), Some("l: []\n"));
    }

    #[test]
    fn scalars_are_quoted_when_plain_cannot_hold_them() {
        let text = "a: fd00::1:6443\nb: 'x'\n";
        let tree = crate::yaml::parse(text);
        let root = tree.root(0).unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(
            apply(text, set_scalar(a, "[fd00::1]:6443").unwrap()),
            "a: \"[fd00::1]:6443\"\nb: 'x'\n"
        );
        let text_flow = "a: [x, y]\n";
        let tree_flow = crate::yaml::parse(text_flow);
        let x = tree_flow
            .root(0)
            .unwrap()
            .get("a")
            .unwrap()
            .items()
            .next()
            .unwrap();
        assert_eq!(
            apply(text_flow, set_scalar(x, "p,q").unwrap()),
            "a: [\"p,q\", y]\n"
        );
        let b = root.get("b").unwrap();
        assert_eq!(
            apply(text, set_scalar(b, "[y]").unwrap()),
            "a: fd00::1:6443\nb: '[y]'\n"
        );
    }

    #[test]
    fn entries_take_their_line() {
        let text = "m:\n  a: 1\n  b: \"2\" # c\n  c: 3\n";
        let tree = crate::yaml::parse(text);
        let m = tree.root(0).unwrap().get("m").unwrap();
        let (k, v) = m.entry("b").unwrap();
        assert_eq!(
            apply(text, remove_entry(text, k, v).unwrap()),
            "m:\n  a: 1\n  c: 3\n"
        );
    }
}
