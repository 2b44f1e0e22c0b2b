//! Nodes of the spanned tree and a cheap, copyable handle to read them.

use super::{NodeId, Span, Tree};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

impl ScalarStyle {
    pub fn is_quoted(self) -> bool {
        matches!(self, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
    }
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar {
        value: String,
        style: ScalarStyle,
    },
    Mapping {
        entries: Vec<Entry>,
        flow: bool,
    },
    Sequence {
        items: Vec<NodeId>,
        flow: bool,
    },
    /// `*name`; `target` is the anchored node, resolved one level when read.
    Alias {
        target: Option<NodeId>,
    },
}

#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub key: NodeId,
    pub value: NodeId,
}

#[derive(Debug, Clone)]
pub(crate) struct NodeData {
    pub kind: NodeKind,
    pub span: Span,
    /// The `!tag` as written, if any.
    pub tag: Option<String>,
    pub anchored: bool,
}

/// A read-only handle to a node of a [`Tree`].
#[derive(Clone, Copy)]
pub struct Node<'t> {
    tree: &'t Tree,
    id: NodeId,
}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Node#{}@{:?}", self.id, self.span())
    }
}

impl<'t> Node<'t> {
    pub(crate) fn new(tree: &'t Tree, id: NodeId) -> Self {
        Node { tree, id }
    }

    fn data(&self) -> &'t NodeData {
        &self.tree.nodes[self.id]
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn tree(&self) -> &'t Tree {
        self.tree
    }

    pub fn span(&self) -> Span {
        self.data().span
    }

    pub fn kind(&self) -> &'t NodeKind {
        &self.data().kind
    }

    /// Whether an `&anchor` is defined on this node.
    pub fn is_anchored(&self) -> bool {
        self.data().anchored
    }

    pub fn tag(&self) -> Option<&'t str> {
        self.data().tag.as_deref()
    }

    /// Follows an alias one level; any other node is returned as is. Aliases of aliases are
    /// not followed further, so a crafted chain cannot make a reader loop or blow up.
    pub fn resolve(self) -> Node<'t> {
        match self.kind() {
            NodeKind::Alias {
                target: Some(target),
            } => Node::new(self.tree, *target),
            _ => self,
        }
    }

    pub fn is_alias(&self) -> bool {
        matches!(self.kind(), NodeKind::Alias { .. })
    }

    /// The scalar text (after YAML unescaping), following one alias level.
    pub fn as_str(&self) -> Option<&'t str> {
        match self.resolve().kind() {
            NodeKind::Scalar { value, .. } => Some(value.as_str()),
            _ => None,
        }
    }

    pub fn scalar_style(&self) -> Option<ScalarStyle> {
        match self.resolve().kind() {
            NodeKind::Scalar { style, .. } => Some(*style),
            _ => None,
        }
    }

    /// A YAML null: an empty value, `~` or `null` (plain).
    pub fn is_null(&self) -> bool {
        let node = self.resolve();
        match node.kind() {
            NodeKind::Scalar {
                value,
                style: ScalarStyle::Plain,
            } => node.span().is_empty() || super::scalar::is_null(value),
            _ => false,
        }
    }

    pub fn is_mapping(&self) -> bool {
        matches!(self.resolve().kind(), NodeKind::Mapping { .. })
    }

    pub fn is_sequence(&self) -> bool {
        matches!(self.resolve().kind(), NodeKind::Sequence { .. })
    }

    pub fn is_flow(&self) -> bool {
        match self.kind() {
            NodeKind::Mapping { flow, .. } | NodeKind::Sequence { flow, .. } => *flow,
            _ => false,
        }
    }

    /// Entries of a mapping (duplicates included, in source order); empty for other nodes.
    pub fn entries(self) -> impl Iterator<Item = (Node<'t>, Node<'t>)> + 't {
        let tree = self.tree;
        let entries: &'t [Entry] = match self.resolve().kind() {
            NodeKind::Mapping { entries, .. } => entries,
            _ => &[],
        };
        entries
            .iter()
            .map(move |e| (Node::new(tree, e.key), Node::new(tree, e.value)))
    }

    /// Items of a sequence; empty for other nodes.
    pub fn items(self) -> impl Iterator<Item = Node<'t>> + 't {
        let tree = self.tree;
        let items: &'t [NodeId] = match self.resolve().kind() {
            NodeKind::Sequence { items, .. } => items,
            _ => &[],
        };
        items.iter().map(move |&id| Node::new(tree, id))
    }

    /// The entry whose key is exactly `key` (the last one, as kubeadm's decoder keeps the last).
    pub fn entry(&self, key: &str) -> Option<(Node<'t>, Node<'t>)> {
        let NodeKind::Mapping { entries, .. } = self.resolve().kind() else {
            return None;
        };
        // The last one: search from the end.
        entries
            .iter()
            .rev()
            .map(|e| (Node::new(self.tree, e.key), Node::new(self.tree, e.value)))
            .find(|(k, _)| k.as_str() == Some(key))
    }

    /// The value under `key`, following one alias level on the value.
    pub fn get(&self, key: &str) -> Option<Node<'t>> {
        self.entry(key).map(|(_, v)| v.resolve())
    }

    /// Follows a path of keys.
    pub fn path(&self, keys: &[&str]) -> Option<Node<'t>> {
        let mut node = *self;
        for key in keys {
            node = node.get(key)?;
        }
        Some(node)
    }

    /// The scalar text under `key`, ignoring nulls.
    pub fn get_str(&self, key: &str) -> Option<&'t str> {
        let value = self.get(key)?;
        if value.is_null() {
            None
        } else {
            value.as_str()
        }
    }

    /// A boolean as kubeadm's YAML 1.1 decoder reads a plain scalar.
    pub fn as_bool(&self) -> Option<bool> {
        match self.resolve().kind() {
            NodeKind::Scalar {
                value,
                style: ScalarStyle::Plain,
            } => super::scalar::as_bool(value),
            _ => None,
        }
    }

    /// The number of mapping entries or sequence items.
    pub fn len(&self) -> usize {
        match self.resolve().kind() {
            NodeKind::Mapping { entries, .. } => entries.len(),
            NodeKind::Sequence { items, .. } => items.len(),
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
