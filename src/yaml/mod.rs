//! Spanned YAML: our own tree over granit-parser events.
//!
//! Every key and value carries its byte span in the original text, duplicate keys are all
//! recorded, comments are kept for suppressions and fixes, aliases are recorded (never expanded)
//! and syntax errors carry their offset; parsing resumes at the next document. No other module
//! imports the parser, so swapping it stays a change to `parse.rs`.

mod node;
mod parse;
pub mod probe;
pub mod scalar;

pub use node::{Entry, Node, NodeKind, ScalarStyle};
pub use parse::parse;
pub use probe::{Probe, top_level_value};

use std::ops::Range;

/// A byte range into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Index of a node in [`Tree::nodes`].
pub type NodeId = usize;

/// Where a comment sits relative to YAML content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentPlacement {
    /// On its own line right above the next node.
    Above,
    /// After content on the same line.
    Trailing,
    /// On its own line, not obviously attached.
    Free,
}

#[derive(Debug, Clone)]
pub struct Comment {
    /// The whole comment, `#` included, line break excluded.
    pub span: Span,
    /// The text after `#`.
    pub text: String,
    pub placement: CommentPlacement,
}

#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
    /// The document the error was found in (its partial content is not trusted).
    pub document: usize,
}

/// Two keys with the same text in one mapping.
#[derive(Debug, Clone, Copy)]
pub struct DuplicateKey {
    pub first: NodeId,
    pub repeated: NodeId,
    pub document: usize,
}

/// One YAML document of a stream.
#[derive(Debug, Clone)]
pub struct Document {
    /// The root node; `None` for a document that holds only comments or nothing.
    pub root: Option<NodeId>,
    /// From the `---` marker (or the first content) to the end of the last node.
    pub span: Span,
    /// The `---` marker, when written.
    pub start_marker: Option<Span>,
    /// True when a syntax error cut this document short.
    pub broken: bool,
}

/// A parsed stream: an arena of nodes plus the documents, comments, errors and duplicates.
#[derive(Debug, Default)]
pub struct Tree {
    pub(crate) nodes: Vec<node::NodeData>,
    pub documents: Vec<Document>,
    pub comments: Vec<Comment>,
    pub errors: Vec<SyntaxError>,
    pub duplicates: Vec<DuplicateKey>,
}

impl Tree {
    pub fn node(&self, id: NodeId) -> Node<'_> {
        Node::new(self, id)
    }

    /// The root of document `index`, if it has content.
    pub fn root(&self, index: usize) -> Option<Node<'_>> {
        self.documents.get(index)?.root.map(|id| self.node(id))
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }
}
