//! Command-line flags kubeadm passes through to components: `extraArgs` of the control-plane
//! components and local etcd, and `nodeRegistration.kubeletExtraArgs`.
//!
//! Up to v1beta3 they are a map (`flag: value`); v1beta4 made them a list of `{name, value}`
//! where a flag may repeat. kubeadm reads a flag with `GetArgValue(args, name, -1)`, which
//! walks the list backwards, so the last occurrence wins (cmd/kubeadm/app/apis/kubeadm/
//! argument.go); a v1beta3 map is converted to that list first.

use crate::yaml::{Node, Span};

/// One flag as written.
#[derive(Debug, Clone, Copy)]
pub struct Arg<'a> {
    pub name: &'a str,
    /// The value text; `None` when the value is missing or not a scalar.
    pub value: Option<&'a str>,
    /// The key (map form) or the `name` value (list form).
    pub name_node: Node<'a>,
    pub value_node: Option<Node<'a>>,
    /// The map entry (key to value) or the list item.
    pub span: Span,
    /// True for the v1beta4 list form.
    pub listed: bool,
    /// The `extraArgs` mapping or sequence holding the flag.
    pub container: Node<'a>,
    /// The list item (v1beta4 form).
    pub item: Option<Node<'a>>,
}

/// The flags held by an `extraArgs`-like node, map or list, in order.
pub fn args_of(node: Node<'_>) -> Vec<Arg<'_>> {
    let node = node.resolve();
    if node.is_mapping() {
        node.entries()
            .filter_map(|(key, value)| {
                let name = key.as_str()?;
                Some(Arg {
                    name,
                    value: scalar(value),
                    name_node: key,
                    value_node: Some(value),
                    span: key.span().cover(value.span()),
                    listed: false,
                    container: node,
                    item: None,
                })
            })
            .collect()
    } else {
        node.items()
            .filter_map(|item| {
                let name_node = item.get("name")?;
                let name = name_node.as_str()?;
                let value_node = item.get("value");
                Some(Arg {
                    name,
                    value: value_node.and_then(scalar),
                    name_node,
                    value_node,
                    span: item.span(),
                    listed: true,
                    container: node,
                    item: Some(item),
                })
            })
            .collect()
    }
}

fn scalar(node: Node<'_>) -> Option<&str> {
    if node.is_null() { None } else { node.as_str() }
}

/// The flags of `<component>.extraArgs` in a ClusterConfiguration (`apiServer`,
/// `controllerManager`, `scheduler`; `etcd.local` takes the path `["etcd", "local"]`).
pub fn component_args<'a>(root: Node<'a>, component: &[&str]) -> Vec<Arg<'a>> {
    let mut keys: Vec<&str> = component.to_vec();
    keys.push("extraArgs");
    root.path(&keys).map(args_of).unwrap_or_default()
}

/// The value kubeadm uses for `name`: the last occurrence.
pub fn last<'s, 'a>(args: &'s [Arg<'a>], name: &str) -> Option<&'s Arg<'a>> {
    args.iter().rev().find(|a| a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_tree(text: &str, check: impl Fn(Node<'_>)) {
        let tree = crate::yaml::parse(text);
        check(tree.root(0).expect("root"));
    }

    #[test]
    fn reads_both_shapes_and_the_last_value_wins() {
        with_tree(
            "controllerManager:\n  extraArgs:\n    node-cidr-mask-size-ipv4: \"23\"\n",
            |root| {
                let args = component_args(root, &["controllerManager"]);
                assert_eq!(
                    last(&args, "node-cidr-mask-size-ipv4").unwrap().value,
                    Some("23")
                );
            },
        );
        with_tree(
            "controllerManager:\n  extraArgs:\n  - name: a\n    value: \"1\"\n  - name: a\n    value: \"2\"\n",
            |root| {
                let args = component_args(root, &["controllerManager"]);
                assert_eq!(args.len(), 2);
                assert!(args[0].listed);
                assert_eq!(last(&args, "a").unwrap().value, Some("2"));
            },
        );
    }
}
