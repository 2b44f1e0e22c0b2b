//! Builds a [`Tree`] from granit-parser events.

use std::collections::HashMap;

use granit_parser::{Event, Parser, Placement, ScalarStyle as GranitStyle, StructureStyle};

use super::node::{Entry, NodeData, NodeKind, ScalarStyle};
use super::{Comment, CommentPlacement, Document, DuplicateKey, NodeId, Span, SyntaxError, Tree};

/// Mappings larger than this are checked for duplicates with a hash map instead of pairwise.
const SMALL_MAPPING: usize = 16;

/// Parses a whole YAML stream. Never fails: syntax errors are recorded in [`Tree::errors`] and
/// parsing resumes at the next document.
pub fn parse(text: &str) -> Tree {
    Builder::new(text).run()
}

struct Builder<'a> {
    text: &'a str,
    tree: Tree,
    /// Open collections, innermost last, with the key waiting for its value (mappings only).
    stack: Vec<(NodeId, Option<NodeId>)>,
    anchors: HashMap<usize, NodeId>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            tree: Tree::default(),
            stack: Vec::new(),
            anchors: HashMap::new(),
        }
    }

    fn run(mut self) -> Tree {
        let mut parser = Parser::new_from_str(self.text);
        while let Some(item) = parser.next_event() {
            match item {
                Ok((event, span)) => {
                    let range = span.byte_range().unwrap_or(0..0);
                    let tag = span
                        .tag_span()
                        .and_then(|t| t.byte_range())
                        .map(|r| Span::new(r.start, r.end));
                    self.event(event, Span::new(range.start, range.end), tag);
                }
                Err(error) => {
                    let offset = error
                        .marker()
                        .byte_offset()
                        .unwrap_or(0)
                        .min(self.text.len());
                    let document = self.tree.documents.len().saturating_sub(1);
                    if let Some(doc) = self.tree.documents.last_mut() {
                        doc.broken = true;
                        doc.span.end = doc.span.end.max(offset);
                    }
                    self.tree.errors.push(SyntaxError {
                        offset,
                        message: error.info(),
                        document,
                    });
                    self.stack.clear();
                    if !matches!(parser.proceed_next_document(), Ok(true)) {
                        break;
                    }
                }
            }
        }
        self.tree
    }

    fn event(&mut self, event: Event<'_>, span: Span, tag_span: Option<Span>) {
        let (kind, anchor, tag) = match event {
            Event::DocumentStart(explicit, _) => {
                self.anchors.clear();
                let start_marker = explicit.then_some(span);
                self.tree.documents.push(Document {
                    root: None,
                    span: Span::new(span.start, span.end),
                    start_marker,
                    broken: false,
                });
                return;
            }
            Event::DocumentEnd => {
                if let Some(doc) = self.tree.documents.last_mut() {
                    let end = doc
                        .root
                        .map_or(doc.span.end, |r| self.tree.nodes[r].span.end);
                    doc.span.end = doc.span.end.max(end);
                }
                return;
            }
            Event::Comment(text, placement) => {
                let placement = match placement {
                    Placement::Above => CommentPlacement::Above,
                    Placement::Right => CommentPlacement::Trailing,
                    _ => CommentPlacement::Free,
                };
                self.tree.comments.push(Comment {
                    span,
                    text: text.into_owned(),
                    placement,
                });
                return;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    GranitStyle::Plain => ScalarStyle::Plain,
                    GranitStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    GranitStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    GranitStyle::Literal => ScalarStyle::Literal,
                    GranitStyle::Folded => ScalarStyle::Folded,
                };
                (
                    NodeKind::Scalar {
                        value: value.into_owned(),
                        style,
                    },
                    anchor,
                    tag.is_some(),
                )
            }
            Event::Alias(anchor) => {
                let target = self.anchors.get(&anchor).copied();
                (NodeKind::Alias { target }, 0, false)
            }
            Event::MappingStart(style, anchor, tag) => (
                NodeKind::Mapping {
                    entries: Vec::new(),
                    flow: style == StructureStyle::Flow,
                },
                anchor,
                tag.is_some(),
            ),
            Event::SequenceStart(style, anchor, tag) => (
                NodeKind::Sequence {
                    items: Vec::new(),
                    flow: style == StructureStyle::Flow,
                },
                anchor,
                tag.is_some(),
            ),
            Event::MappingEnd | Event::SequenceEnd => {
                self.close(span);
                return;
            }
            _ => return,
        };
        let span = self.node_span(&kind, span);
        let tag = if tag {
            tag_span
                .and_then(|t| self.text.get(t.range()))
                .map(str::to_string)
        } else {
            None
        };
        let container = matches!(kind, NodeKind::Mapping { .. } | NodeKind::Sequence { .. });
        let id = self.tree.nodes.len();
        self.tree.nodes.push(NodeData {
            kind,
            span,
            tag,
            anchored: anchor != 0,
        });
        if anchor != 0 {
            self.anchors.insert(anchor, id);
        }
        self.attach(id);
        if container {
            self.stack.push((id, None));
        }
    }

    /// Block scalars' spans run to the next token; trim the trailing blank lines.
    fn node_span(&self, kind: &NodeKind, span: Span) -> Span {
        let mut end = span.end.min(self.text.len());
        if let NodeKind::Scalar {
            style: ScalarStyle::Literal | ScalarStyle::Folded,
            ..
        } = kind
        {
            let bytes = self.text.as_bytes();
            while end > span.start && bytes[end - 1].is_ascii_whitespace() {
                end -= 1;
            }
        }
        Span::new(span.start.min(end), end)
    }

    fn attach(&mut self, id: NodeId) {
        let Some((parent, pending_key)) = self.stack.last_mut() else {
            if let Some(doc) = self.tree.documents.last_mut()
                && doc.root.is_none()
            {
                doc.root = Some(id);
            }
            return;
        };
        match &mut self.tree.nodes[*parent].kind {
            NodeKind::Sequence { items, .. } => items.push(id),
            NodeKind::Mapping { entries, .. } => match pending_key.take() {
                None => *pending_key = Some(id),
                Some(key) => entries.push(Entry { key, value: id }),
            },
            _ => {}
        }
    }

    fn close(&mut self, end_span: Span) {
        let Some((id, _)) = self.stack.pop() else {
            return;
        };
        let node = &self.tree.nodes[id];
        let flow = matches!(
            node.kind,
            NodeKind::Mapping { flow: true, .. } | NodeKind::Sequence { flow: true, .. }
        );
        let last_child = match &node.kind {
            NodeKind::Mapping { entries, .. } => entries.last().map(|e| e.value),
            NodeKind::Sequence { items, .. } => items.last().copied(),
            _ => None,
        };
        let end = if flow {
            end_span.end
        } else {
            last_child.map_or(node.span.start, |child| self.tree.nodes[child].span.end)
        };
        self.tree.nodes[id].span.end = end.max(self.tree.nodes[id].span.start);
        self.record_duplicates(id);
    }

    fn record_duplicates(&mut self, mapping: NodeId) {
        let NodeKind::Mapping { entries, .. } = &self.tree.nodes[mapping].kind else {
            return;
        };
        let document = self.tree.documents.len().saturating_sub(1);
        let key_text = |id: NodeId| match &self.tree.nodes[id].kind {
            NodeKind::Scalar { value, .. } => Some(value.as_str()),
            _ => None,
        };
        let mut found = Vec::new();
        if entries.len() <= SMALL_MAPPING {
            for (i, entry) in entries.iter().enumerate() {
                let Some(text) = key_text(entry.key) else {
                    continue;
                };
                if let Some(first) = entries[..i].iter().find(|e| key_text(e.key) == Some(text)) {
                    found.push(DuplicateKey {
                        first: first.key,
                        repeated: entry.key,
                        document,
                    });
                }
            }
        } else {
            let mut seen: HashMap<&str, NodeId> = HashMap::with_capacity(entries.len());
            for entry in entries {
                let Some(text) = key_text(entry.key) else {
                    continue;
                };
                match seen.get(text) {
                    Some(&first) => found.push(DuplicateKey {
                        first,
                        repeated: entry.key,
                        document,
                    }),
                    None => {
                        seen.insert(text, entry.key);
                    }
                }
            }
        }
        self.tree.duplicates.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_byte_exact() {
        let text = "# café\na: \"x\"  # c\nb: |\n  lit\n\nc: [1, 2]\n";
        let tree = parse(text);
        let root = tree.root(0).unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span().range()], "\"x\"");
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span().range()], "lit");
        let c = root.get("c").unwrap();
        assert_eq!(&text[c.span().range()], "[1, 2]");
        assert_eq!(tree.comments.len(), 2);
        assert_eq!(&text[tree.comments[1].span.range()], "# c");
    }

    #[test]
    fn records_every_duplicate() {
        let tree = parse("a: 1\nb: 2\na: 3\na: 4\n");
        assert_eq!(tree.duplicates.len(), 2);
        let big: String = (0..40).map(|i| format!("k{i}: 1\n")).collect::<String>() + "k3: 2\n";
        assert_eq!(parse(&big).duplicates.len(), 1);
    }

    #[test]
    fn recovers_at_the_next_document() {
        let tree = parse("a: 1\n---\nc: [1\n---\nd: 4\n");
        assert_eq!(tree.errors.len(), 1);
        assert_eq!(tree.errors[0].document, 1);
        assert_eq!(tree.documents.len(), 3);
        assert!(tree.documents[1].broken);
        assert_eq!(tree.root(2).unwrap().get_str("d"), Some("4"));
    }

    #[test]
    fn aliases_resolve_one_level() {
        let tree = parse("a: &x {q: 1}\nb: *x\n");
        let root = tree.root(0).unwrap();
        assert_eq!(root.path(&["b", "q"]).and_then(|n| n.as_str()), Some("1"));
    }

    #[test]
    fn bom_and_crlf_are_normal_input() {
        let text = "\u{feff}a: 1\r\nb: x\r\n";
        let tree = parse(text);
        assert!(tree.errors.is_empty());
        let b = tree.root(0).unwrap().get("b").unwrap();
        assert_eq!(&text[b.span().range()], "x");
    }

    #[test]
    fn empty_value_is_null() {
        let tree = parse("a:\nb: ~\nc: ''\n");
        let root = tree.root(0).unwrap();
        assert!(root.get("a").unwrap().is_null());
        assert!(root.get("b").unwrap().is_null());
        assert!(!root.get("c").unwrap().is_null());
    }
}
