//! Structural edits computed from the spanned tree: remove a mapping entry or a sequence item,
//! insert an entry, quote a scalar. Each helper returns byte-range [`Edit`]s that touch only the
//! lines or characters of the node concerned, so comments, quoting and layout elsewhere survive.
//! A helper returns `None` where it cannot edit without guessing (a key that shares its line with
//! other content it does not own, a block scalar that would need re-indenting); the rule then
//! reports without a fix.

use crate::diagnostic::Edit;
use crate::yaml::{Node, NodeKind, ScalarStyle, Span};

use super::edits::is_safe_plain;

/// Start of the line holding `offset`.
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

/// Just past the line break of the line holding `offset` (or the end of the text).
pub fn line_end(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// Column (in bytes; indentation is ASCII) of `offset` on its line.
pub fn column(text: &str, offset: usize) -> usize {
    offset - line_start(text, offset)
}

/// True when only spaces precede `offset` on its line.
pub fn first_on_line(text: &str, offset: usize) -> bool {
    text[line_start(text, offset)..offset]
        .bytes()
        .all(|b| b == b' ')
}

/// The `-` that introduces a block sequence item, when it is the first thing on its line.
pub fn item_dash(text: &str, item: Node) -> Option<usize> {
    let start = item.span().start;
    let before = text[..start].trim_end_matches(' ');
    let dash = before.len().checked_sub(1)?;
    (before.ends_with('-') && first_on_line(text, dash)).then_some(dash)
}

/// End of the last line of a node (past its line break), extended over the comment lines right
/// after it that are indented deeper than `column`: those belong to it.
fn block_end(text: &str, last: usize, column: usize) -> usize {
    // `last` is just past the node; step back only over a line break, never into a character.
    let last = if text[..last.min(text.len())].ends_with('\n') {
        last - 1
    } else {
        last
    };
    let mut end = line_end(text, last);
    while end < text.len() {
        let next = line_end(text, end);
        let line = &text[end..next];
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if body.starts_with('#') && indent > column {
            end = next;
        } else {
            break;
        }
    }
    end
}

/// The bytes a block mapping entry occupies: from the start of the key's line to the end of the
/// value's last line, with the deeper-indented comments that follow. `None` when the key does
/// not start its line.
pub fn entry_lines(text: &str, key: Node, value: Node) -> Option<Span> {
    let key_start = key.span().start;
    if !first_on_line(text, key_start) {
        return None;
    }
    let last = value.span().end.max(key.span().end);
    Some(Span::new(
        line_start(text, key_start),
        block_end(text, last, column(text, key_start)),
    ))
}

/// The bytes a block sequence item occupies, from the start of its `-` line.
pub fn item_lines(text: &str, item: Node) -> Option<Span> {
    let dash = item_dash(text, item)?;
    let last = item.span().end.max(dash + 1);
    Some(Span::new(
        line_start(text, dash),
        block_end(text, last, column(text, dash)),
    ))
}

/// Removes the entry whose key is `key` from `mapping`.
pub fn delete_entry(text: &str, mapping: Node, key: Node) -> Option<Edit> {
    let entries: Vec<(Node, Node)> = mapping.entries().collect();
    let index = entries.iter().position(|(k, _)| k.id() == key.id())?;
    let (_, value) = entries[index];
    if mapping.is_flow() {
        return Some(delete_flow_element(&entries_as_spans(&entries), index));
    }
    if let Some(lines) = entry_lines(text, key, value) {
        return Some(Edit::delete(lines));
    }
    // `- name: x` : the first key of a mapping that is a sequence item.
    if index == 0
        && let Some((next_key, _)) = entries.get(1)
    {
        return Some(Edit::delete(Span::new(
            key.span().start,
            next_key.span().start,
        )));
    }
    None
}

/// Removes `item` from the sequence `sequence`.
pub fn delete_item(text: &str, sequence: Node, item: Node) -> Option<Edit> {
    let items: Vec<Node> = sequence.items().collect();
    let index = items.iter().position(|i| i.id() == item.id())?;
    if sequence.is_flow() {
        let spans: Vec<Span> = items.iter().map(|i| i.span()).collect();
        return Some(delete_flow_element(&spans, index));
    }
    item_lines(text, item).map(Edit::delete)
}

fn entries_as_spans(entries: &[(Node, Node)]) -> Vec<Span> {
    entries
        .iter()
        .map(|(k, v)| Span::new(k.span().start, v.span().end.max(k.span().end)))
        .collect()
}

/// Removes element `index` of a flow collection together with one separating comma.
fn delete_flow_element(spans: &[Span], index: usize) -> Edit {
    let this = spans[index];
    if let Some(next) = spans.get(index + 1) {
        Edit::delete(Span::new(this.start, next.start))
    } else if index > 0 {
        Edit::delete(Span::new(spans[index - 1].end, this.end))
    } else {
        Edit::delete(this)
    }
}

/// A value to write into a new entry.
#[derive(Debug, Clone)]
pub enum NewValue {
    /// Written after `key: ` as given (already rendered, quoted if needed).
    Scalar(String),
    /// A nested block mapping of rendered scalars.
    Map(Vec<(String, String)>),
}

/// Inserts `key: value` into `mapping`, after the entry at `after` (or after the last entry).
/// Follows the mapping's column, the document's indentation step and the file's line ending.
pub fn insert_entry(
    text: &str,
    mapping: Node,
    after: Option<usize>,
    key: &str,
    value: &NewValue,
) -> Option<Edit> {
    let entries: Vec<(Node, Node)> = mapping.entries().collect();
    let eol = line_ending(text);
    if mapping.is_flow() {
        let NewValue::Scalar(scalar) = value else {
            return None;
        };
        let close = mapping.span().end.checked_sub(1)?;
        if !text[close..].starts_with('}') {
            return None;
        }
        return Some(match entries.last() {
            Some((_, last)) => Edit::insert(last.span().end, format!(", {key}: {scalar}")),
            None => Edit::insert(close, format!("{key}: {scalar}")),
        });
    }
    let (first_key, _) = entries.first()?;
    let pad = " ".repeat(column(text, first_key.span().start));
    let anchor_index = after.unwrap_or(entries.len() - 1).min(entries.len() - 1);
    let (anchor_key, anchor_value) = entries[anchor_index];
    let last = anchor_value.span().end.max(anchor_key.span().end);
    let at = block_end(text, last, column(text, anchor_key.span().start));
    let mut content = String::new();
    if at == text.len() && !text.ends_with('\n') {
        content.push_str(eol);
    }
    match value {
        NewValue::Scalar(scalar) => content.push_str(&format!("{pad}{key}: {scalar}{eol}")),
        NewValue::Map(children) => {
            let step = " ".repeat(indent_step(text, mapping));
            content.push_str(&format!("{pad}{key}:{eol}"));
            for (child, scalar) in children {
                content.push_str(&format!("{pad}{step}{child}: {scalar}{eol}"));
            }
        }
    }
    Some(Edit::insert(at, content))
}

/// Inserts `key: value` into `mapping` where `order` (a Go struct's field order) puts it: after
/// the last entry whose key comes before `key` in `order`. Keys not in `order` (`apiVersion`,
/// `kind`) count as coming first.
pub fn insert_in_order(
    text: &str,
    mapping: Node,
    order: &[&str],
    key: &str,
    value: &NewValue,
) -> Option<Edit> {
    let rank = |name: &str| order.iter().position(|o| *o == name);
    let mine = rank(key)?;
    let after = mapping
        .entries()
        .enumerate()
        .filter(|(_, (k, _))| {
            k.as_str()
                .is_none_or(|name| rank(name).is_none_or(|r| r < mine))
        })
        .map(|(i, _)| i)
        .last();
    insert_entry(text, mapping, after, key, value)
}

/// The file's line ending.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The indentation step the document uses for nested block mappings (2 when none is nested).
pub fn indent_step(text: &str, node: Node) -> usize {
    fn find(text: &str, node: Node, depth: usize) -> Option<usize> {
        if depth > 6 || node.is_flow() {
            return None;
        }
        for (key, value) in node.entries() {
            let value = value.resolve();
            if value.is_mapping()
                && !value.is_flow()
                && let Some((child, _)) = value.entries().next()
                && first_on_line(text, child.span().start)
            {
                let step = column(text, child.span().start)
                    .checked_sub(column(text, key.span().start))
                    .filter(|s| *s > 0);
                if step.is_some() {
                    return step;
                }
            }
            if let Some(step) = find(text, value, depth + 1) {
                return Some(step);
            }
        }
        None
    }
    let root = document_root(node);
    find(text, root, 0).unwrap_or(2)
}

/// Whether the document indents block sequences under their key (`key:\n  - a`) rather than
/// writing the dash at the key's column (`key:\n- a`), as kubeadm's own output does. `None`
/// when the document has no block sequence under a key.
pub fn indents_sequences(text: &str, node: Node) -> Option<bool> {
    fn find(text: &str, node: Node, depth: usize) -> Option<bool> {
        if depth > 8 || node.is_flow() {
            return None;
        }
        for (key, value) in node.entries() {
            let value = value.resolve();
            if value.is_sequence()
                && !value.is_flow()
                && let Some(first) = value.items().next()
                && let Some(dash) = item_dash(text, first)
                && first_on_line(text, key.span().start)
            {
                return Some(column(text, dash) > column(text, key.span().start));
            }
            if let Some(found) = find(text, value, depth + 1) {
                return Some(found);
            }
        }
        for item in node.items() {
            if let Some(found) = find(text, item, depth + 1) {
                return Some(found);
            }
        }
        None
    }
    find(text, document_root(node), 0)
}

/// The root of the document holding `node`.
pub fn document_root(node: Node) -> Node {
    let tree = node.tree();
    let at = node.span().start;
    tree.documents
        .iter()
        .filter_map(|d| d.root.map(|id| tree.node(id)))
        .find(|root| root.span().contains(Span::new(at, at)))
        .unwrap_or(node)
}

/// A string as a YAML scalar: plain when that reads back as the same string, double-quoted
/// otherwise.
pub fn render_string(value: &str) -> String {
    if is_safe_plain(value) {
        value.to_string()
    } else {
        double_quoted(value)
    }
}

/// A double-quoted YAML scalar holding `value`.
pub fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The source text of a scalar that YAML reads as a string, kept as written; `None` for block
/// scalars and non-scalars.
pub fn string_source<'t>(text: &'t str, node: Node) -> Option<&'t str> {
    match node.resolve().kind() {
        NodeKind::Scalar { style, .. } => match style {
            ScalarStyle::Literal | ScalarStyle::Folded => None,
            _ if node.is_alias() => None,
            _ => Some(&text[node.span().range()]),
        },
        _ => None,
    }
}

/// Replaces a plain scalar with the double-quoted form of `value`.
pub fn quote(node: Node, value: &str) -> Option<Edit> {
    (node.scalar_style()? == ScalarStyle::Plain && !node.is_alias())
        .then(|| Edit::replace(node.span(), double_quoted(value)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    /// The fixer's own edit application, which also refuses an edit that splits a character.
    fn apply(text: &str, edit: Edit) -> String {
        crate::fix::apply_edits(text, &[edit]).expect("a valid edit")
    }

    #[test]
    fn deletes_block_entries_with_their_comments() {
        let text = "a:\n  b: 1   # why\n    # more about b\n  c: 2\n";
        let tree = parse(text);
        let a = tree.root(0).unwrap().get("a").unwrap();
        let (b, _) = a.entry("b").unwrap();
        let edit = delete_entry(text, a, b).unwrap();
        assert_eq!(apply(text, edit), "a:\n  c: 2\n");
    }

    #[test]
    fn handles_multibyte_text_at_the_end_of_a_value() {
        let text = "a:\n  b: café\n  c: é # ü\n";
        let tree = parse(text);
        let a = tree.root(0).unwrap().get("a").unwrap();
        let (b, _) = a.entry("b").unwrap();
        assert_eq!(
            apply(text, delete_entry(text, a, b).unwrap()),
            "a:\n  c: é # ü\n"
        );
        let edit = insert_entry(text, a, Some(1), "d", &NewValue::Scalar("ö".into())).unwrap();
        assert_eq!(apply(text, edit), "a:\n  b: café\n  c: é # ü\n  d: ö\n");
    }

    #[test]
    fn deletes_the_first_key_of_a_sequence_item() {
        let text = "l:\n- name: x\n  value: y\n";
        let tree = parse(text);
        let item = tree
            .root(0)
            .unwrap()
            .get("l")
            .unwrap()
            .items()
            .next()
            .unwrap();
        let (name, _) = item.entry("name").unwrap();
        assert_eq!(
            apply(text, delete_entry(text, item, name).unwrap()),
            "l:\n- value: y\n"
        );
    }

    #[test]
    fn deletes_flow_elements() {
        let text = "m: {a: 1, b: 2, c: 3}\ns: [x, y]\n";
        let tree = parse(text);
        let m = tree.root(0).unwrap().get("m").unwrap();
        let (b, _) = m.entry("b").unwrap();
        assert_eq!(
            apply(text, delete_entry(text, m, b).unwrap()),
            "m: {a: 1, c: 3}\ns: [x, y]\n"
        );
        let (c, _) = m.entry("c").unwrap();
        assert_eq!(
            apply(text, delete_entry(text, m, c).unwrap()),
            "m: {a: 1, b: 2}\ns: [x, y]\n"
        );
        let s = tree.root(0).unwrap().get("s").unwrap();
        let y = s.items().nth(1).unwrap();
        assert_eq!(
            apply(text, delete_item(text, s, y).unwrap()),
            "m: {a: 1, b: 2, c: 3}\ns: [x]\n"
        );
    }

    #[test]
    fn deletes_block_items() {
        let text = "s:\n  - name: a\n    value: b\n  - name: c\n";
        let tree = parse(text);
        let s = tree.root(0).unwrap().get("s").unwrap();
        let first = s.items().next().unwrap();
        assert_eq!(
            apply(text, delete_item(text, s, first).unwrap()),
            "s:\n  - name: c\n"
        );
    }

    #[test]
    fn inserts_after_an_entry_keeping_layout() {
        let text = "a:\r\n    b: 1\r\n    c:\r\n        d: 2\r\n";
        let tree = parse(text);
        let a = tree.root(0).unwrap().get("a").unwrap();
        let edit = insert_entry(
            text,
            a,
            Some(0),
            "t",
            &NewValue::Map(vec![("x".into(), "4m0s".into())]),
        )
        .unwrap();
        assert_eq!(
            apply(text, edit),
            "a:\r\n    b: 1\r\n    t:\r\n        x: 4m0s\r\n    c:\r\n        d: 2\r\n"
        );
        let no_newline = "k: v";
        let tree = parse(no_newline);
        let root = tree.root(0).unwrap();
        let edit = insert_entry(no_newline, root, None, "n", &NewValue::Scalar("1".into()));
        assert_eq!(apply(no_newline, edit.unwrap()), "k: v\nn: 1\n");
    }

    #[test]
    fn inserts_into_flow_mappings() {
        let text = "m: {a: 1}\n";
        let tree = parse(text);
        let m = tree.root(0).unwrap().get("m").unwrap();
        let edit = insert_entry(text, m, None, "b", &NewValue::Scalar("2".into())).unwrap();
        assert_eq!(apply(text, edit), "m: {a: 1, b: 2}\n");
    }

    #[test]
    fn detects_sequence_indentation() {
        let tree = parse("a:\n  b:\n  - x\n");
        let root = tree.root(0).unwrap();
        assert_eq!(indents_sequences("a:\n  b:\n  - x\n", root), Some(false));
        let text = "a:\n  b:\n    - x\n";
        let tree = parse(text);
        assert_eq!(indents_sequences(text, tree.root(0).unwrap()), Some(true));
    }

    #[test]
    fn renders_strings() {
        assert_eq!(render_string("Node,RBAC"), "Node,RBAC");
        assert_eq!(render_string("true"), "\"true\"");
        assert_eq!(render_string("a: b"), "\"a: b\"");
        assert_eq!(double_quoted("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
