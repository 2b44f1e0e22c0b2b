//! Edits on plain scalars that are not strings (replacing `false` or `10255`) and appending a
//! kubelet argument to `nodeRegistration.kubeletExtraArgs` in the shape of the file's API
//! version. Deleting entries lives in `structure.rs`.
//!
//! Like the other helpers, these only compute edits, and return `None` for a layout they cannot
//! change so that the result still looks hand-written (flow collections, several entries on one
//! line, aliases).

use crate::diagnostic::Edit;
use crate::yaml::{Node, ScalarStyle};

/// Replaces a plain scalar's text as is (`false` -> `true`, `10255` -> `0`); `None` for quoted,
/// block or aliased values, where the new text would change type or meaning.
pub fn replace_plain(node: Node, new_text: &str) -> Option<Edit> {
    if node.is_alias() || node.scalar_style()? != ScalarStyle::Plain || node.span().is_empty() {
        return None;
    }
    Some(Edit::replace(node.span(), new_text))
}

/// Appends the kubelet flag `name` with `value` to `nodeRegistration.kubeletExtraArgs`, as a
/// `name: value` map entry (`list_shape == false`, v1beta3 and older) or as a `- name:` /
/// `value:` list item (v1beta4), creating `kubeletExtraArgs` at the end of `node_registration`
/// when it is missing. `None` for flow style, an empty `kubeletExtraArgs:`, or a flag that is
/// already there.
pub fn append_kubelet_arg(
    text: &str,
    node_registration: Node,
    list_shape: bool,
    name: &str,
    value: &str,
) -> Option<Edit> {
    let node_registration = node_registration.resolve();
    if !node_registration.is_mapping()
        || node_registration.is_flow()
        || node_registration.is_empty()
    {
        return None;
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let value = quoted(value);
    match node_registration.entry("kubeletExtraArgs") {
        Some((_, args)) => {
            let args = args.resolve();
            if args.is_flow() || args.is_empty() || args.is_alias() {
                return None;
            }
            if has_arg(args, name) {
                return None;
            }
            let (first, last) = (
                first_child_start(args)?,
                args.span().end.max(args.span().start),
            );
            let indent = column(text, first)?;
            let (at, lead) = after_line(text, last, eol);
            if args.is_mapping() && !list_shape {
                Some(Edit::insert(
                    at,
                    format!("{lead}{}{name}: {value}{eol}", " ".repeat(indent)),
                ))
            } else if args.is_sequence() && list_shape {
                let dash = indent.checked_sub(2)?;
                if text.get(first - 2..first) != Some("- ") {
                    return None;
                }
                let pad = " ".repeat(dash);
                Some(Edit::insert(
                    at,
                    format!("{lead}{pad}- name: {name}{eol}{pad}  value: {value}{eol}"),
                ))
            } else {
                None
            }
        }
        None => {
            let first = node_registration.entries().next()?.0.span().start;
            let indent = column(text, first)?;
            let (at, lead) = after_line(text, node_registration.span().end, eol);
            let pad = " ".repeat(indent);
            let body = if list_shape {
                format!("{pad}  - name: {name}{eol}{pad}    value: {value}{eol}")
            } else {
                format!("{pad}  {name}: {value}{eol}")
            };
            Some(Edit::insert(
                at,
                format!("{lead}{pad}kubeletExtraArgs:{eol}{body}"),
            ))
        }
    }
}

fn has_arg(args: Node, name: &str) -> bool {
    crate::kubeadm::validation::extra_args(args)
        .iter()
        .any(|arg| arg.name == name)
}

/// Where the first key or item of a block collection starts.
fn first_child_start(node: Node) -> Option<usize> {
    if node.is_mapping() {
        node.entries().next().map(|(k, _)| k.span().start)
    } else {
        node.items().next().map(|item| item.span().start)
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The column of `offset` when only spaces (and, for list items, `- `) precede it on its line.
fn column(text: &str, offset: usize) -> Option<usize> {
    let start = line_start(text, offset);
    let before = &text[start..offset];
    before
        .bytes()
        .all(|b| b == b' ' || b == b'-')
        .then_some(before.len())
}

/// The offset after the line holding `offset - 1`, and a line break to write first when that
/// line is the last of the file and has none.
fn after_line<'e>(text: &str, offset: usize, eol: &'e str) -> (usize, &'e str) {
    let from = offset.min(text.len());
    match text[from..].find('\n') {
        Some(i) => (from + i + 1, ""),
        None => (text.len(), eol),
    }
}

/// A value written plain when it reads back as the same string, double-quoted otherwise.
fn quoted(value: &str) -> String {
    if super::edits::is_safe_plain(value) {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.span.range(), &edit.content);
        out
    }

    fn entry<'t>(tree: &'t crate::yaml::Tree, path: &[&str]) -> (Node<'t>, Node<'t>) {
        let root = tree.root(0).unwrap();
        let (last, parents) = path.split_last().unwrap();
        root.path(parents).unwrap().entry(last).unwrap()
    }

    #[test]
    fn the_shared_delete_entry_takes_the_block_and_keeps_comments() {
        let text = "kind: X\n# about metadata\nmetadata:\n  name: a # trailing\n  labels:\n    x: y\n# after\nnext: 1\n";
        let tree = parse(text);
        let (k, _) = entry(&tree, &["metadata"]);
        let root = tree.root(0).unwrap();
        let edit = crate::fix::structure::delete_entry(text, root, k).unwrap();
        assert_eq!(
            apply(text, &edit),
            "kind: X\n# about metadata\n# after\nnext: 1\n"
        );
    }

    #[test]
    fn deletes_flow_and_empty_values_and_the_last_line() {
        for (text, expected) in [
            ("a: 1\nmetadata: {}\nb: 2\n", "a: 1\nb: 2\n"),
            ("a: 1\nmetadata:\nb: 2\n", "a: 1\nb: 2\n"),
            ("a: 1\nmetadata: {name: x}", "a: 1\n"),
            (
                "a: 1\r\nmetadata:\r\n  name: x\r\nb: 2\r\n",
                "a: 1\r\nb: 2\r\n",
            ),
        ] {
            let tree = parse(text);
            let (k, _) = entry(&tree, &["metadata"]);
            let root = tree.root(0).unwrap();
            let edit = crate::fix::structure::delete_entry(text, root, k).unwrap();
            assert_eq!(apply(text, &edit), expected);
        }
    }

    #[test]
    fn replaces_plain_scalars_only() {
        let text = "a: false\nb: \"10255\"\n";
        let tree = parse(text);
        let root = tree.root(0).unwrap();
        let edit = replace_plain(root.get("a").unwrap(), "true").unwrap();
        assert_eq!(apply(text, &edit), "a: true\nb: \"10255\"\n");
        assert!(replace_plain(root.get("b").unwrap(), "0").is_none());
    }

    #[test]
    fn appends_kubelet_args_in_both_shapes() {
        let map =
            "nodeRegistration:\n  name: n1\n  kubeletExtraArgs:\n    node-ip: 10.0.0.1\nnext: 1\n";
        let tree = parse(map);
        let nr = tree.root(0).unwrap().get("nodeRegistration").unwrap();
        let edit = append_kubelet_arg(map, nr, false, "provider-id", "aws:///i-1").unwrap();
        assert_eq!(
            apply(map, &edit),
            "nodeRegistration:\n  name: n1\n  kubeletExtraArgs:\n    node-ip: 10.0.0.1\n    provider-id: aws:///i-1\nnext: 1\n"
        );

        let list =
            "nodeRegistration:\n  kubeletExtraArgs:\n  - name: node-ip\n    value: 10.0.0.1\n";
        let tree = parse(list);
        let nr = tree.root(0).unwrap().get("nodeRegistration").unwrap();
        let edit = append_kubelet_arg(list, nr, true, "address", "10.0.0.1").unwrap();
        assert_eq!(
            apply(list, &edit),
            "nodeRegistration:\n  kubeletExtraArgs:\n  - name: node-ip\n    value: 10.0.0.1\n  - name: address\n    value: 10.0.0.1\n"
        );

        let bare = "nodeRegistration:\n  name: n1";
        let tree = parse(bare);
        let nr = tree.root(0).unwrap().get("nodeRegistration").unwrap();
        let edit = append_kubelet_arg(bare, nr, true, "address", "10.0.0.1").unwrap();
        assert_eq!(
            apply(bare, &edit),
            "nodeRegistration:\n  name: n1\n  kubeletExtraArgs:\n    - name: address\n      value: 10.0.0.1\n"
        );
    }

    #[test]
    fn does_not_add_a_flag_twice() {
        let map = "nodeRegistration:\n  kubeletExtraArgs:\n    address: 10.0.0.1\n";
        let tree = parse(map);
        let nr = tree.root(0).unwrap().get("nodeRegistration").unwrap();
        assert!(append_kubelet_arg(map, nr, false, "address", "10.0.0.2").is_none());
    }
}
