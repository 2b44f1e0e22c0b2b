//! Building byte-range edits from the spanned tree, so fixes keep quoting, comments and layout.
//!
//! Rules describe a change with these helpers; nothing here applies it. Every helper returns
//! `None` when it cannot make the change look hand-written (an alias in the way, a block scalar,
//! a layout it does not understand): the rule then reports without a fix.

use crate::diagnostic::Edit;
use crate::kubeadm::KubeadmDocument;
use crate::kubeadm::schema::{self, Field, ValueKind};
use crate::yaml::{Node, NodeKind, ScalarStyle, Span, Tree};

/// Replaces a scalar's text, keeping its quotes. `None` for block scalars and for new text
/// the existing quoting cannot hold.
pub fn replace_scalar(node: Node, new_text: &str) -> Option<Edit> {
    let span = node.span();
    if node.is_alias() {
        return None;
    }
    match node.scalar_style()? {
        ScalarStyle::Plain if is_safe_plain(new_text) => {
            if in_flow_collection(node) && !is_safe_plain_in_flow(new_text) {
                return None;
            }
            Some(Edit::replace(span, new_text))
        }
        ScalarStyle::SingleQuoted if span.len() >= 2 && !new_text.contains(['\n', '\r']) => {
            Some(Edit::replace(
                Span::new(span.start + 1, span.end - 1),
                new_text.replace('\'', "''"),
            ))
        }
        ScalarStyle::DoubleQuoted if span.len() >= 2 => Some(Edit::replace(
            Span::new(span.start + 1, span.end - 1),
            escape_double(new_text),
        )),
        _ => None,
    }
}

/// Renames a mapping key in place, keeping its quotes. `None` when `mapping` already holds
/// `new_name` (the rename would create a duplicate) or the key cannot hold the new text.
pub fn rename_key(mapping: Node, key: Node, new_name: &str) -> Option<Edit> {
    if mapping.entry(new_name).is_some() {
        return None;
    }
    replace_scalar(key, new_name)
}

/// Text that reads back as the same string when written as a plain scalar.
pub fn is_safe_plain(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(|c: char| c.is_control())
        && !text.contains('\u{feff}')
        && crate::yaml::scalar::resolve_plain(text) == crate::yaml::scalar::Resolved::String
}

/// Plain text that also survives inside `{…}` or `[…]`, where `,[]{}` end a scalar.
fn is_safe_plain_in_flow(text: &str) -> bool {
    is_safe_plain(text) && !text.contains([',', '[', ']', '{', '}'])
}

/// Whether `node` sits inside a flow mapping or sequence.
pub fn in_flow_collection(node: Node) -> bool {
    let tree = node.tree();
    let span = node.span();
    (0..tree.node_count()).map(|id| tree.node(id)).any(|n| {
        n.id() != node.id()
            && n.is_flow()
            && n.span().start < span.start
            && span.end <= n.span().end
    })
}

/// The body of a double-quoted scalar holding `text`.
fn escape_double(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// How a file writes string values that could have been plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Plain,
    Single,
    Double,
}

impl Quoting {
    fn of(style: Option<ScalarStyle>) -> Quoting {
        match style {
            Some(ScalarStyle::SingleQuoted) => Quoting::Single,
            Some(ScalarStyle::DoubleQuoted) => Quoting::Double,
            _ => Quoting::Plain,
        }
    }

    /// `text` written in this style; plain text that would read back differently is quoted.
    fn write(self, text: &str, in_flow: bool) -> String {
        let plain_ok = if in_flow {
            is_safe_plain_in_flow(text)
        } else {
            is_safe_plain(text)
        };
        match self {
            Quoting::Plain if plain_ok => text.to_string(),
            Quoting::Single if !text.contains(|c: char| c.is_control()) => {
                format!("'{}'", text.replace('\'', "''"))
            }
            _ => format!("\"{}\"", escape_double(text)),
        }
    }
}

/// The layout conventions of a file, read from its tree: what an insertion must imitate.
struct Layout<'t> {
    text: &'t str,
    tree: &'t Tree,
    eol: &'static str,
    /// Extra indentation of a nested block mapping under its key.
    step: usize,
    /// How values are quoted when they need not be.
    values: Quoting,
}

impl<'t> Layout<'t> {
    fn new(text: &'t str, doc: &KubeadmDocument<'t>) -> Self {
        let tree = doc.root.tree();
        let eol = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        let roots =
            std::iter::once(doc.root).chain((0..tree.documents.len()).filter_map(|i| tree.root(i)));
        let step = roots
            .clone()
            .find_map(|root| nested_step(text, root))
            .unwrap_or(2);
        let values = value_quoting(doc.root);
        Layout {
            text,
            tree,
            eol,
            step,
            values,
        }
    }

    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }

    /// The offset just after the line break that ends the line holding `offset`.
    fn next_line(&self, offset: usize) -> usize {
        self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i + 1)
    }

    /// Columns (characters) from the start of the line to `offset`.
    fn column(&self, offset: usize) -> usize {
        self.text[self.line_start(offset)..offset].chars().count()
    }

    /// Whether only spaces precede `offset` on its line.
    fn starts_line(&self, offset: usize) -> bool {
        self.text[self.line_start(offset)..offset]
            .bytes()
            .all(|b| b == b' ')
    }

    /// The indentation of a line that holds only a comment, or `None` for any other line.
    fn comment_line_indent(&self, line_start: usize) -> Option<usize> {
        let line = &self.text[line_start..self.next_line(line_start)];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let at = line_start + indent;
        self.tree
            .comments
            .iter()
            .any(|c| c.span.start == at)
            .then_some(indent)
    }

    /// Where a new sibling goes after the entry `key: value` of a block mapping at `column`:
    /// after its last line and after comment lines indented deeper than its key, which still
    /// belong to it. Comments at the key's column stay above the next key.
    fn after_entry(&self, key: Node, value: Node, column: usize) -> usize {
        let end = if value.span().is_empty() {
            key.span().end
        } else {
            value.span().end.max(key.span().end)
        };
        let mut at = self.next_line(end);
        if self.keeps_trailing_lines(value) {
            while at < self.text.len() && self.text[at..self.next_line(at)].trim().is_empty() {
                at = self.next_line(at);
            }
        }
        while at < self.text.len() && self.comment_line_indent(at).is_some_and(|i| i > column) {
            at = self.next_line(at);
        }
        at
    }

    /// A `|+` or `>+` scalar owns the blank lines after it.
    fn keeps_trailing_lines(&self, value: Node) -> bool {
        if !matches!(
            value.scalar_style(),
            Some(ScalarStyle::Literal | ScalarStyle::Folded)
        ) {
            return false;
        }
        let header_end = self.text[..value.span().start].rfind('\n').unwrap_or(0);
        let header_start = self.text[..header_end]
            .rfind(['|', '>'])
            .unwrap_or(header_end);
        self.text[header_start..header_end].contains('+')
    }

    /// Where a new sibling goes before the key `next`: above the comment lines at its column
    /// that sit directly on top of it.
    fn before_key(&self, next: Node, column: usize) -> usize {
        let mut at = self.line_start(next.span().start);
        while at > 0 {
            let above = self.line_start(at - 1);
            if self.comment_line_indent(above) == Some(column) {
                at = above;
            } else {
                break;
            }
        }
        at
    }

    /// Block lines for `path` (all but the last are parent keys) with `value` at the end.
    fn block_lines(
        &self,
        column: usize,
        path: &[&str],
        value: &str,
        key_quoting: Quoting,
    ) -> Vec<String> {
        let (leaf, parents) = path.split_last().expect("a path has a key");
        let mut lines = Vec::with_capacity(path.len());
        for (depth, key) in parents.iter().enumerate() {
            let pad = " ".repeat(column + depth * self.step);
            lines.push(format!("{pad}{}:", key_quoting.write(key, false)));
        }
        let pad = " ".repeat(column + parents.len() * self.step);
        lines.push(format!(
            "{pad}{}: {}",
            key_quoting.write(leaf, false),
            self.values.write(value, false)
        ));
        lines
    }

    /// The text of an insertion at `at` made of whole `lines`.
    fn insertion(&self, at: usize, lines: &[String]) -> Edit {
        let body = lines.join(self.eol);
        let content =
            if at == self.text.len() && !self.text.is_empty() && !self.text.ends_with('\n') {
                // A file without a final newline keeps lacking one.
                format!("{}{body}", self.eol)
            } else {
                format!("{body}{}", self.eol)
            };
        Edit::insert(at, content)
    }

    /// `key: {key2: value}` for a flow mapping.
    fn flow_entry(&self, path: &[&str], value: &str, key_quoting: Quoting) -> String {
        let (first, rest) = path.split_first().expect("a path has a key");
        let key = key_quoting.write(first, true);
        if rest.is_empty() {
            format!("{key}: {}", self.values.write(value, true))
        } else {
            format!("{key}: {{{}}}", self.flow_entry(rest, value, key_quoting))
        }
    }
}

/// The indentation step of the first block mapping nested in a block mapping.
fn nested_step(text: &str, node: Node) -> Option<usize> {
    let column = |offset: usize| {
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        text[start..offset].chars().count()
    };
    if node.is_alias() {
        return None;
    }
    match node.kind() {
        NodeKind::Mapping { flow: false, .. } => {
            for (key, value) in node.entries() {
                if value.is_alias() {
                    continue;
                }
                if let NodeKind::Mapping { flow: false, .. } = value.kind()
                    && let Some((child, _)) = value.entries().next()
                {
                    let (outer, inner) = (column(key.span().start), column(child.span().start));
                    if inner > outer {
                        return Some(inner - outer);
                    }
                }
                if let Some(step) = nested_step(text, value) {
                    return Some(step);
                }
            }
            None
        }
        NodeKind::Sequence { flow: false, .. } => {
            node.items().find_map(|item| nested_step(text, item))
        }
        _ => None,
    }
}

/// The quoting the document uses for values that could be plain: the majority wins, plain on
/// a tie.
fn value_quoting(root: Node) -> Quoting {
    fn walk(node: Node, counts: &mut [usize; 3], depth: usize) {
        if depth > 64 || node.is_alias() {
            return;
        }
        match node.kind() {
            NodeKind::Scalar { value, style } if is_safe_plain(value) => {
                counts[Quoting::of(Some(*style)) as usize] += 1;
            }
            NodeKind::Mapping { .. } => {
                for (_, value) in node.entries() {
                    walk(value, counts, depth + 1);
                }
            }
            NodeKind::Sequence { .. } => {
                for item in node.items() {
                    walk(item, counts, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut counts = [0usize; 3];
    walk(root, &mut counts, 0);
    let [plain, single, double] = counts;
    if double > plain && double >= single {
        Quoting::Double
    } else if single > plain && single > double {
        Quoting::Single
    } else {
        Quoting::Plain
    }
}

/// How the keys of a mapping are ordered, so an insertion can follow it.
enum Order {
    /// kubeadm's Go field order (after `apiVersion` and `kind` at the root).
    Go(&'static [Field], bool),
    /// Sorted by name, as `kubeadm config print` writes files.
    Alphabetical(Option<&'static [Field]>, bool),
    /// Nothing to go by: append.
    Unknown,
}

impl Order {
    /// Picks the order the existing keys follow: Go order unless the known keys are sorted by
    /// name and not in Go order.
    fn detect(mapping: Node, fields: Option<&'static [Field]>, root: bool) -> Order {
        let names: Vec<&str> = mapping.entries().filter_map(|(k, _)| k.as_str()).collect();
        let sorted = |keys: &[&str]| keys.windows(2).all(|w| w[0] <= w[1]);
        match fields {
            Some(fields) => {
                let go = Order::Go(fields, root);
                let known: Vec<&str> = names
                    .iter()
                    .copied()
                    .filter(|n| go.rank(n).is_some())
                    .collect();
                let ranks: Vec<usize> = known.iter().filter_map(|n| go.rank(n)).collect();
                if known.len() >= 3 && sorted(&known) && !ranks.windows(2).all(|w| w[0] <= w[1]) {
                    Order::Alphabetical(Some(fields), root)
                } else {
                    go
                }
            }
            None if names.len() >= 2 && sorted(&names) => Order::Alphabetical(None, root),
            None => Order::Unknown,
        }
    }

    fn rank(&self, name: &str) -> Option<usize> {
        match self {
            Order::Go(fields, root) => match name {
                "apiVersion" if *root => Some(0),
                "kind" if *root => Some(1),
                _ => fields.iter().position(|f| f.name == name).map(|i| i + 2),
            },
            _ => None,
        }
    }

    /// Whether a key `existing` sorts before `new`; `None` when `existing` has no place.
    fn before(&self, existing: &str, new: &str) -> Option<bool> {
        match self {
            Order::Go(..) => Some(self.rank(existing)? < self.rank(new)?),
            Order::Alphabetical(fields, root) => {
                let known = match fields {
                    Some(fields) => {
                        (*root && (existing == "apiVersion" || existing == "kind"))
                            || fields.iter().any(|f| f.name == existing)
                    }
                    None => true,
                };
                known.then(|| existing < new)
            }
            Order::Unknown => None,
        }
    }
}

/// The fields of an object-valued field, when the schema knows them.
fn object_fields(fields: Option<&'static [Field]>, name: &str) -> Option<&'static [Field]> {
    match schema::field(fields?, name)?.kind {
        ValueKind::Object(children) => Some(children),
        _ => None,
    }
}

/// Inserts the scalar `value` at the key path `path` of `doc` (`["dns", "imageRepository"]`),
/// creating the parent mappings that are missing. The new key goes where kubeadm's field order
/// puts it among its siblings (or by name when the siblings are sorted by name), indented,
/// quoted and line-ended like the file; inside a flow mapping it is written in flow style.
///
/// `None` when the key already exists, when a parent on the path is not a mapping (or is an
/// alias or an anchor, whose other users would change too), or when the layout is one this
/// helper cannot imitate.
pub fn insert_path(
    text: &str,
    doc: &KubeadmDocument,
    path: &[&str],
    value: &str,
) -> Option<Vec<Edit>> {
    if path.is_empty() || doc.root.is_alias() || !doc.root.is_mapping() {
        return None;
    }
    let layout = Layout::new(text, doc);
    let mut fields = doc.kind.and_then(|kind| schema::root_fields(doc.api, kind));
    let mut mapping = doc.root;
    let mut depth = 0;
    while depth + 1 < path.len() {
        let name = path[depth];
        let matches = mapping
            .entries()
            .filter(|(k, _)| k.as_str() == Some(name))
            .count();
        if matches > 1 {
            return None;
        }
        let Some((key, child)) = mapping.entry(name) else {
            break;
        };
        if child.is_alias() || child.is_anchored() {
            return None;
        }
        if child.is_null() {
            return fill_null(&layout, mapping, key, child, &path[depth + 1..], value);
        }
        if !child.is_mapping() {
            return None;
        }
        fields = object_fields(fields, name);
        mapping = child;
        depth += 1;
    }
    let rest = &path[depth..];
    if mapping.entries().any(|(k, _)| k.as_str() == Some(rest[0])) {
        return None;
    }
    let order = Order::detect(mapping, fields, depth == 0);
    let key_quoting = Quoting::of(mapping.entries().next().and_then(|(k, _)| k.scalar_style()));
    if mapping.is_flow() {
        insert_flow(&layout, mapping, &order, rest, value, key_quoting)
    } else {
        insert_block(&layout, mapping, &order, rest, value, key_quoting)
    }
}

/// Adds `rest` (with `value` at its end) to a non-empty block mapping.
fn insert_block(
    layout: &Layout,
    mapping: Node,
    order: &Order,
    rest: &[&str],
    value: &str,
    key_quoting: Quoting,
) -> Option<Vec<Edit>> {
    let entries: Vec<(Node, Node)> = mapping.entries().collect();
    let (first_key, _) = *entries.first()?;
    let column = layout.column(first_key.span().start);
    // Every key of the mapping must sit at the same column, or the layout is not understood.
    if entries
        .iter()
        .any(|(k, _)| layout.column(k.span().start) != column)
    {
        return None;
    }
    let new = rest[0];
    let prev = entries
        .iter()
        .rev()
        .find(|(k, _)| k.as_str().and_then(|name| order.before(name, new)) == Some(true));
    let next = entries
        .iter()
        .find(|(k, _)| k.as_str().and_then(|name| order.before(name, new)) == Some(false));
    let at = match (prev, next) {
        (Some((key, val)), _) => layout.after_entry(*key, *val, column),
        // Before the first key of a sequence item (`- a: 1`) nothing can go.
        (None, Some((key, _))) if layout.starts_line(key.span().start) => {
            layout.before_key(*key, column)
        }
        _ => {
            let (key, val) = entries.last()?;
            layout.after_entry(*key, *val, column)
        }
    };
    let lines = layout.block_lines(column, rest, value, key_quoting);
    Some(vec![layout.insertion(at, &lines)])
}

/// Adds `rest` to a flow mapping: `{a: 1}` becomes `{a: 1, new: x}`.
fn insert_flow(
    layout: &Layout,
    mapping: Node,
    order: &Order,
    rest: &[&str],
    value: &str,
    key_quoting: Quoting,
) -> Option<Vec<Edit>> {
    let span = mapping.span();
    if !layout.text[span.range()].starts_with('{') || !layout.text[span.range()].ends_with('}') {
        return None;
    }
    let entry = layout.flow_entry(rest, value, key_quoting);
    let entries: Vec<(Node, Node)> = mapping.entries().collect();
    if entries.is_empty() {
        let inner = &layout.text[span.start + 1..span.end - 1];
        if !inner.trim().is_empty() {
            return None;
        }
        return Some(vec![Edit::replace(
            Span::new(span.start + 1, span.end - 1),
            entry,
        )]);
    }
    let new = rest[0];
    let prev = entries
        .iter()
        .rev()
        .find(|(k, _)| k.as_str().and_then(|name| order.before(name, new)) == Some(true));
    let next = entries
        .iter()
        .find(|(k, _)| k.as_str().and_then(|name| order.before(name, new)) == Some(false));
    let edit = match (prev, next) {
        (Some((key, val)), _) => {
            Edit::insert(key.span().end.max(val.span().end), format!(", {entry}"))
        }
        (None, Some((key, _))) => Edit::insert(key.span().start, format!("{entry}, ")),
        _ => {
            let (key, val) = entries.last()?;
            Edit::insert(key.span().end.max(val.span().end), format!(", {entry}"))
        }
    };
    Some(vec![edit])
}

/// Gives an empty key (`dns:`, `dns: ~`) the nested mapping `rest` with `value` at its end.
fn fill_null(
    layout: &Layout,
    parent: Node,
    key: Node,
    null: Node,
    rest: &[&str],
    value: &str,
) -> Option<Vec<Edit>> {
    let key_quoting = Quoting::of(key.scalar_style());
    if parent.is_flow() {
        // `{dns: ~}`: write the value in flow style over the null.
        if null.span().is_empty() {
            return None;
        }
        let body = format!("{{{}}}", layout.flow_entry(rest, value, key_quoting));
        return Some(vec![Edit::replace(null.span(), body)]);
    }
    let column = layout.column(key.span().start);
    let colon = key.span().end + layout.text[key.span().end..].find(':')?;
    let mut edits = Vec::new();
    if !null.span().is_empty() {
        // `dns: ~` -> `dns:` plus the nested lines.
        if !layout.text[colon + 1..null.span().start].trim().is_empty() {
            return None;
        }
        edits.push(Edit::delete(Span::new(colon + 1, null.span().end)));
    }
    let at = layout.after_entry(key, null, column);
    let lines = layout.block_lines(column + layout.step, rest, value, key_quoting);
    edits.push(layout.insertion(at, &lines));
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeadm::{ConfigSet, VersionOptions};
    use crate::source::SourceFile;

    /// Applies `insert_path` to the first document and returns the new text.
    fn insert(text: &str, path: &[&str], value: &str) -> Option<String> {
        let source = SourceFile::new("t.yaml", text);
        let tree = crate::yaml::parse(text);
        let config = ConfigSet::new(&source, &tree, &VersionOptions::default());
        let doc = config.documents.first().expect("a kubeadm document");
        let edits = insert_path(text, doc, path, value)?;
        let out = crate::fix::apply_edits(text, &edits).expect("edits apply");
        assert!(
            crate::yaml::parse(&out).errors.is_empty(),
            "does not parse:\n{out}"
        );
        Some(out)
    }

    const HEAD: &str = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n";

    #[test]
    fn creates_the_parent_in_go_field_order() {
        let text = format!(
            "{HEAD}kubernetesVersion: v1.31.2\n# the mirror\nimageRepository: harbor.local/k8s\nscheduler:\n  extraArgs: []\n"
        );
        let out = insert(
            &text,
            &["dns", "imageRepository"],
            "harbor.local/k8s/coredns",
        )
        .unwrap();
        assert_eq!(
            out,
            format!(
                "{HEAD}kubernetesVersion: v1.31.2\n# the mirror\nimageRepository: harbor.local/k8s\nscheduler:\n  extraArgs: []\ndns:\n  imageRepository: harbor.local/k8s/coredns\n"
            )
        );
    }

    #[test]
    fn goes_before_a_later_field_and_above_its_comment() {
        let text = format!("{HEAD}# where images come from\nimageRepository: harbor.local/k8s\n");
        let out = insert(&text, &["dns", "imageRepository"], "x/coredns").unwrap();
        assert_eq!(
            out,
            format!(
                "{HEAD}dns:\n  imageRepository: x/coredns\n# where images come from\nimageRepository: harbor.local/k8s\n"
            )
        );
    }

    #[test]
    fn follows_four_space_indentation_and_crlf() {
        let text = "apiVersion: kubeadm.k8s.io/v1beta3\r\nkind: ClusterConfiguration\r\nnetworking:\r\n    podSubnet: 10.244.0.0/16\r\nimageRepository: r.example/k8s\r\n";
        let out = insert(text, &["dns", "imageRepository"], "r.example/k8s/coredns").unwrap();
        assert_eq!(
            out,
            "apiVersion: kubeadm.k8s.io/v1beta3\r\nkind: ClusterConfiguration\r\nnetworking:\r\n    podSubnet: 10.244.0.0/16\r\ndns:\r\n    imageRepository: r.example/k8s/coredns\r\nimageRepository: r.example/k8s\r\n"
        );
    }

    #[test]
    fn keeps_a_missing_final_newline() {
        let text = format!("{HEAD}imageRepository: r.example/k8s");
        let out = insert(&text, &["clusterName"], "prod").unwrap();
        assert_eq!(
            out,
            format!("{HEAD}imageRepository: r.example/k8s\nclusterName: prod")
        );
    }

    #[test]
    fn adds_to_an_existing_mapping_in_order() {
        let text = format!("{HEAD}dns:\n  imageTag: v1.11.1 # pinned\n    # about the tag\n");
        let out = insert(&text, &["dns", "imageRepository"], "x/coredns").unwrap();
        assert_eq!(
            out,
            format!(
                "{HEAD}dns:\n  imageRepository: x/coredns\n  imageTag: v1.11.1 # pinned\n    # about the tag\n"
            )
        );
        let text = format!(
            "{HEAD}dns:\n  imageRepository: a\n    # belongs to imageRepository\n  # above disabled\n  disabled: false\n"
        );
        let out = insert(&text, &["dns", "imageTag"], "v1").unwrap();
        assert_eq!(
            out,
            format!(
                "{HEAD}dns:\n  imageRepository: a\n    # belongs to imageRepository\n  imageTag: v1\n  # above disabled\n  disabled: false\n"
            )
        );
    }

    #[test]
    fn writes_flow_style_into_flow_mappings() {
        let text = format!("{HEAD}dns: {{}}\n");
        assert_eq!(
            insert(&text, &["dns", "imageRepository"], "x/coredns").unwrap(),
            format!("{HEAD}dns: {{imageRepository: x/coredns}}\n")
        );
        let text = format!("{HEAD}dns: {{imageTag: v1.11.1, disabled: false}}\n");
        assert_eq!(
            insert(&text, &["dns", "imageRepository"], "x/coredns").unwrap(),
            format!(
                "{HEAD}dns: {{imageRepository: x/coredns, imageTag: v1.11.1, disabled: false}}\n"
            )
        );
        let text = "{apiVersion: kubeadm.k8s.io/v1beta4, kind: ClusterConfiguration}\n";
        assert_eq!(
            insert(text, &["dns", "imageRepository"], "a,b").unwrap(),
            "{apiVersion: kubeadm.k8s.io/v1beta4, kind: ClusterConfiguration, dns: {imageRepository: \"a,b\"}}\n"
        );
    }

    #[test]
    fn fills_an_empty_parent() {
        let text = format!("{HEAD}dns:   # CoreDNS\nimageRepository: x\n");
        assert_eq!(
            insert(&text, &["dns", "imageRepository"], "x/coredns").unwrap(),
            format!("{HEAD}dns:   # CoreDNS\n  imageRepository: x/coredns\nimageRepository: x\n")
        );
        let text = format!("{HEAD}dns: ~\n");
        assert_eq!(
            insert(&text, &["dns", "imageRepository"], "x/coredns").unwrap(),
            format!("{HEAD}dns:\n  imageRepository: x/coredns\n")
        );
    }

    #[test]
    fn quotes_like_the_file_and_when_needed() {
        let text = "apiVersion: \"kubeadm.k8s.io/v1beta4\"\nkind: \"ClusterConfiguration\"\nimageRepository: \"r.example\"\n";
        assert_eq!(
            insert(text, &["dns", "imageRepository"], "r.example/coredns").unwrap(),
            "apiVersion: \"kubeadm.k8s.io/v1beta4\"\nkind: \"ClusterConfiguration\"\ndns:\n  imageRepository: \"r.example/coredns\"\nimageRepository: \"r.example\"\n"
        );
        let text = format!("{HEAD}imageRepository: r\n");
        assert_eq!(
            insert(&text, &["clusterName"], "yes").unwrap(),
            format!("{HEAD}imageRepository: r\nclusterName: \"yes\"\n")
        );
    }

    #[test]
    fn follows_alphabetical_files() {
        let text = "apiServer:\n  timeoutForControlPlane: 4m0s\napiVersion: kubeadm.k8s.io/v1beta3\ncertificatesDir: /etc/kubernetes/pki\nclusterName: kubernetes\ncontrollerManager: {}\netcd:\n  local:\n    dataDir: /var/lib/etcd\nimageRepository: r.example\nkind: ClusterConfiguration\n";
        let out = insert(text, &["dns", "imageRepository"], "r.example/coredns").unwrap();
        assert!(
            out.contains(
                "controllerManager: {}\ndns:\n  imageRepository: r.example/coredns\netcd:\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn refuses_what_it_cannot_do_cleanly() {
        // The key exists.
        assert!(
            insert(
                &format!("{HEAD}dns:\n  imageRepository: a\n"),
                &["dns", "imageRepository"],
                "b"
            )
            .is_none()
        );
        // A parent that is not a mapping.
        assert!(
            insert(
                &format!("{HEAD}dns: [a]\n"),
                &["dns", "imageRepository"],
                "b"
            )
            .is_none()
        );
        // A parent shared through an anchor.
        assert!(
            insert(
                &format!("{HEAD}dns: &d\n  imageTag: v1\n"),
                &["dns", "imageRepository"],
                "b"
            )
            .is_none()
        );
    }

    #[test]
    fn inserts_after_a_nested_block_and_its_comments() {
        let text = format!(
            "{HEAD}networking:\n  podSubnet: 10.244.0.0/16\n  # trailing note\n\n# the endpoint\ncontrolPlaneEndpoint: lb:6443\n"
        );
        let out = insert(&text, &["kubernetesVersion"], "v1.31.0").unwrap();
        assert_eq!(
            out,
            format!(
                "{HEAD}networking:\n  podSubnet: 10.244.0.0/16\n  # trailing note\nkubernetesVersion: v1.31.0\n\n# the endpoint\ncontrolPlaneEndpoint: lb:6443\n"
            )
        );
    }

    #[test]
    fn replace_scalar_keeps_quotes_and_refuses_what_would_reparse() {
        let text = "a: \"k8s.gcr.io\"  # x\nb: {c: k8s.gcr.io}\nd: 'it'\n";
        let tree = crate::yaml::parse(text);
        let root = tree.root(0).unwrap();
        let edit = replace_scalar(root.get("a").unwrap(), "registry.k8s.io").unwrap();
        assert_eq!(
            crate::fix::apply_edits(text, &[edit]).unwrap(),
            "a: \"registry.k8s.io\"  # x\nb: {c: k8s.gcr.io}\nd: 'it'\n"
        );
        let c = root.path(&["b", "c"]).unwrap();
        assert!(replace_scalar(c, "x,y").is_none());
        assert!(replace_scalar(c, "x y").is_some());
        let edit = replace_scalar(root.get("d").unwrap(), "it's").unwrap();
        assert_eq!(
            crate::fix::apply_edits(text, &[edit]).unwrap(),
            "a: \"k8s.gcr.io\"  # x\nb: {c: k8s.gcr.io}\nd: 'it''s'\n"
        );
    }
}
