//! Where a finding is, in terms that survive edits elsewhere in the file: the YAML key path of
//! its node (`ClusterConfiguration/networking/podSubnet`), and fingerprints built from it.
//! Line numbers change whenever a line is inserted above; key paths do not.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::{self, Node, NodeKind, Span, Tree};

/// Nesting deeper than this is not followed (hostile input).
const MAX_DEPTH: usize = 128;

/// Computes key paths in one file.
pub struct Locator {
    tree: Tree,
}

impl Locator {
    pub fn new(source: &SourceFile) -> Self {
        Locator {
            tree: yaml::parse(&source.text),
        }
    }

    /// The key path of the innermost node holding `span`, led by the document's kind (or
    /// `document[N]` when it has none). Sequence items are `[name=X]` when they are mappings
    /// with a `name` (kubeadm's extraArgs, volumes, patches), else `[N]`. `/` and `~` in keys
    /// are written `~1` and `~0`, as in a JSON Pointer.
    pub fn path(&self, span: Span) -> String {
        self.locate(span).0
    }

    /// The path, and whether a node below the document's root holds the span (a comment does
    /// not lie in any node).
    fn locate(&self, span: Span) -> (String, bool) {
        let Some((index, document)) = self
            .tree
            .documents
            .iter()
            .enumerate()
            .find(|(_, d)| d.span.start <= span.start && span.start <= d.span.end)
        else {
            return (String::new(), false);
        };
        let root = document.root.map(|id| self.tree.node(id));
        let kind = root
            .and_then(|r| r.get_str("kind"))
            .map(escape)
            .unwrap_or_else(|| format!("document[{index}]"));
        let mut segments = vec![kind];
        if let Some(root) = root {
            descend(root, span, &mut segments, 0);
        }
        let inside = segments.len() > 1;
        (segments.join("/"), inside)
    }

    /// The key path that identifies a finding: its primary span's, or, when that lies in no
    /// node (a finding about a comment), its first label's.
    pub fn finding_path(&self, diagnostic: &Diagnostic) -> String {
        let (path, inside) = self.locate(diagnostic.primary);
        match diagnostic.labels.first() {
            Some(label) if !inside => self.path(label.span),
            _ => path,
        }
    }
}

fn descend(node: Node, span: Span, segments: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match node.kind() {
        NodeKind::Mapping { .. } => {
            for (key, value) in node.entries() {
                let key_text = key.as_str().map(escape).unwrap_or_else(|| "?".into());
                if key.span().contains(span) {
                    segments.push(key_text);
                    return;
                }
                if key.span().cover(value.span()).contains(span) {
                    segments.push(key_text);
                    if !value.is_alias() {
                        descend(value, span, segments, depth + 1);
                    }
                    return;
                }
            }
        }
        NodeKind::Sequence { .. } => {
            for (i, item) in node.items().enumerate() {
                if item.span().contains(span) {
                    let last = segments.pop().unwrap_or_default();
                    let label = match item.get_str("name") {
                        Some(name) if item.is_mapping() => format!("[name={}]", escape(name)),
                        _ => format!("[{i}]"),
                    };
                    segments.push(format!("{last}{label}"));
                    if !item.is_alias() {
                        descend(item, span, segments, depth + 1);
                    }
                    return;
                }
            }
        }
        _ => {}
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Fingerprints for the findings of one file: `rule:path`, with `:N` appended to the Nth
/// finding of the same rule at the same path (N from 2), in span order.
pub fn fingerprints<'d>(
    locator: &Locator,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    diagnostics
        .into_iter()
        .map(|d| {
            let key = format!("{}:{}", d.rule, locator.finding_path(d));
            let count = seen.entry(key.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                key
            } else {
                format!("{key}:{count}")
            }
        })
        .collect()
}

/// A stable 64-bit FNV-1a hash, as 16 hex digits (for formats that want an opaque id).
pub fn hash_hex(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A path as given on the command line, for formats that want it relative and with `/`.
pub fn report_path(name: &str) -> String {
    let name = name.replace('\\', "/");
    let mut name = name.as_str();
    while let Some(rest) = name.strip_prefix("./") {
        name = rest;
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_at(text: &str, needle: &str) -> String {
        let source = SourceFile::new("t.yaml", text);
        let start = text.find(needle).unwrap();
        Locator::new(&source).path(Span::new(start, start + needle.len()))
    }

    #[test]
    fn paths_follow_keys_and_named_items() {
        let text = "kind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.0.0.0/8\napiServer:\n  extraArgs:\n    - name: anonymous-auth\n      value: \"true\"\n  certSANs: [a, b/c]\n---\nkind: InitConfiguration\nx: 1\n---\nfoo: {k/e~y: v}\n";
        assert_eq!(
            path_at(text, "10.0.0.0/8"),
            "ClusterConfiguration/networking/podSubnet"
        );
        assert_eq!(
            path_at(text, "podSubnet"),
            "ClusterConfiguration/networking/podSubnet"
        );
        assert_eq!(
            path_at(text, "\"true\""),
            "ClusterConfiguration/apiServer/extraArgs[name=anonymous-auth]/value"
        );
        assert_eq!(
            path_at(text, "b/c"),
            "ClusterConfiguration/apiServer/certSANs[1]"
        );
        assert_eq!(path_at(text, "x: 1"), "InitConfiguration/x");
        assert_eq!(
            path_at(text, "kind: InitConfiguration\nx: 1"),
            "InitConfiguration"
        );
        assert_eq!(path_at(text, "k/e~y: v"), "document[2]/foo/k~1e~0y");
    }

    #[test]
    fn paths_do_not_move_when_lines_are_inserted() {
        let before = "kind: ClusterConfiguration\nnetworking:\n  podSubnet: x\n";
        let after = "# a new comment\nkind: ClusterConfiguration\nimageRepository: r\n\nnetworking:\n  serviceSubnet: y\n  podSubnet: x\n";
        assert_eq!(path_at(before, "x\n"), path_at(after, "x\n"));
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(hash_hex(""), "cbf29ce484222325");
        assert_eq!(hash_hex("a"), "af63dc4c8601ec8c");
    }
}
