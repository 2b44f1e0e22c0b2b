//! kubeadm.k8s.io/v1beta4 changed `extraArgs` and `kubeletExtraArgs` from a map of strings to a
//! list of `{name, value}` (`v1beta4/doc.go`; facts 2.4). Either shape in the wrong API version,
//! or a value YAML types as a number or boolean, fails the real decode ("cannot unmarshal object
//! into Go struct field ... of type []v1beta4.Arg", kubernetes/kubeadm#3067), and kubeadm turns
//! each name into `--name=value`, so a name that is not a flag breaks the component.

use crate::fix::structure::{self, double_quoted};
use crate::kubeadm::extra_args::{self, ArgsBlock, Shape};
use crate::rules::prelude::*;
use crate::yaml::scalar::{self, Resolved};
use crate::yaml::{NodeKind, ScalarStyle};

pub const RULE: Rule = Rule {
    name: "extra-args-shape",
    summary: "extraArgs written in the other API version's shape, a value that is not a string, or a name that is not a flag",
    severity: Severity::Error,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/extra-args-shape.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let text = config.text();
    for doc in &config.documents {
        if doc.is_run_together() {
            continue;
        }
        let api = doc.api_version_node.as_str().unwrap_or_default();
        for block in extra_args::blocks(config, doc) {
            let value = block.value.resolve();
            let path = block.dotted();
            match (block.expected, value.kind()) {
                (Shape::List, NodeKind::Mapping { .. }) => {
                    sink.report(block.key.span(), format!("`{path}` is a map, but `{api}` wants a list of `name`/`value` items"))
                        .primary_label("map of flags")
                        .help("kubeadm cannot decode it (\"cannot unmarshal object into Go struct field ... of type []v1beta4.Arg\") and stops; write each flag as `- name: <flag>` / `  value: \"<value>\"`")
                        .fix_safe("rewrite the map as a list of name/value items, sorted by name", map_to_list(text, block).unwrap_or_default());
                    check_names(block, sink);
                }
                (Shape::Map, NodeKind::Sequence { .. }) => {
                    let help = if value.items().all(|i| i.is_mapping()) {
                        format!("`{api}` takes `flag: \"value\"` pairs; the list of `name`/`value` items is the kubeadm.k8s.io/v1beta4 form (kubeadm stops with \"cannot unmarshal array into Go struct field ... of type map[string]string\")")
                    } else {
                        format!("`{api}` takes `flag: \"value\"` pairs, one per line, without the leading dashes")
                    };
                    sink.report(block.key.span(), format!("`{path}` is a list, but `{api}` wants a map of flag names to values"))
                        .primary_label("list of flags")
                        .help(help)
                        .fix_safe("rewrite the list as a map of flag names to values", list_to_map(text, block).unwrap_or_default());
                    check_names(block, sink);
                }
                (Shape::List, NodeKind::Sequence { .. }) => {
                    check_items(block, sink);
                    check_names(block, sink);
                }
                (Shape::Map, NodeKind::Mapping { .. }) => {
                    check_map_values(block, sink);
                    check_names(block, sink);
                }
                _ => {
                    let wanted = match block.expected {
                        Shape::List => "a list of `name`/`value` items",
                        Shape::Map => "a map of flag names to string values",
                    };
                    sink.report(value.span(), format!("`{path}` must be {wanted}"))
                        .help("kubeadm cannot decode the document and stops");
                }
            }
        }
    }
}

/// A value YAML does not read as a string: what it is, and the string it stands for.
fn not_a_string(node: Node) -> Option<(Resolved, String)> {
    let node = node.resolve();
    let NodeKind::Scalar { value, style } = node.kind() else {
        return None;
    };
    if *style != ScalarStyle::Plain || node.is_null() {
        return None;
    }
    let resolved = scalar::resolve_plain(value);
    let canonical = match resolved {
        Resolved::String | Resolved::Null => return None,
        Resolved::Bool => scalar::as_bool(value).unwrap_or_default().to_string(),
        Resolved::Int | Resolved::Float => value.clone(),
    };
    Some((resolved, canonical))
}

fn check_map_values(block: ArgsBlock, sink: &mut Sink) {
    let path = block.dotted();
    for (key, value) in block.value.resolve().entries() {
        let name = key.as_str().unwrap_or_default();
        let value = value.resolve();
        if let Some((resolved, canonical)) = not_a_string(value) {
            let written = value.as_str().unwrap_or_default();
            let retyped = if canonical != written {
                format!(" (YAML 1.1 reads `{written}` as {canonical})")
            } else {
                String::new()
            };
            sink.report(value.span(), format!("`{path}.{name}` must be a string, but `{written}` is {} in YAML{retyped}", resolved.describe()))
                .primary_label("not a string")
                .help(format!("kubeadm cannot decode it (\"cannot unmarshal {} into Go struct field ... of type string\") and stops; write {}", go_kind(resolved), double_quoted(&canonical)))
                .fix_safe(format!("quote the value as {}", double_quoted(&canonical)), structure::quote(value, &canonical).into_iter().collect());
        } else if value.is_sequence() {
            let parts: Vec<&str> = value.items().filter_map(|i| i.as_str()).collect();
            let joined = parts.join(",");
            let report = sink.report(value.span(), format!("`{path}.{name}` is a list; flags take one string"))
                .primary_label("list")
                .help(format!("kubeadm cannot decode it (\"cannot unmarshal array into Go struct field ... of type string\"); list-valued flags take comma-separated values: {name}: {}", double_quoted(&joined)));
            if parts.len() == value.len() && !parts.is_empty() {
                report.fix_unsafe(
                    "join the items with commas",
                    vec![Edit::replace(value.span(), double_quoted(&joined))],
                );
            }
        } else if value.is_mapping() {
            sink.report(value.span(), format!("`{path}.{name}` is a map; flags take one string"))
                .help("kubeadm cannot decode it and stops; write the flag's value as one string");
        }
    }
}

fn check_items(block: ArgsBlock, sink: &mut Sink) {
    let path = block.dotted();
    let list = block.value.resolve();
    for (index, item) in list.items().enumerate() {
        let item = item.resolve();
        if !item.is_mapping() {
            let written = item.as_str().unwrap_or_default();
            let help = match written.trim_start_matches('-').split_once('=') {
                Some((name, value)) => format!("write `- name: {name}` / `  value: {}`", double_quoted(value)),
                None => "write each flag as `- name: <flag>` / `  value: \"<value>\"`".to_string(),
            };
            sink.report(item.span(), format!("`{path}[{index}]` must be a `name`/`value` item"))
                .help(format!("kubeadm cannot decode it and stops; {help}"));
            continue;
        }
        for (key, value) in item.entries() {
            let Some(name) = key.as_str() else { continue };
            match name {
                "name" | "value" => {
                    if let Some((resolved, canonical)) = not_a_string(value) {
                        let written = value.as_str().unwrap_or_default();
                        sink.report(value.span(), format!("`{path}[{index}].{name}` must be a string, but `{written}` is {} in YAML", resolved.describe()))
                            .primary_label("not a string")
                            .help(format!("kubeadm cannot decode it (\"cannot unmarshal {} into Go struct field Arg.{name} of type string\") and stops; write {name}: {}", go_kind(resolved), double_quoted(&canonical)))
                            .fix_safe(format!("quote the {name} as {}", double_quoted(&canonical)), structure::quote(value, &canonical).into_iter().collect());
                    } else if !value.is_null() && value.as_str().is_none() {
                        sink.report(value.span(), format!("`{path}[{index}].{name}` must be one string"))
                            .help("kubeadm cannot decode it and stops");
                    }
                }
                other => {
                    let suggestion = ["name", "value"]
                        .into_iter()
                        .find(|f| strsim::levenshtein(f, &other.to_ascii_lowercase()) <= 2);
                    let help = match suggestion {
                        Some(f) => format!("did you mean `{f}`? kubeadm only warns and drops unknown fields, so this item loses that part"),
                        None => "items have only `name` and `value`; kubeadm only warns and drops other fields".to_string(),
                    };
                    let report = sink.report(key.span(), format!("unknown field `{other}` in `{path}[{index}]`"))
                        .severity(Severity::Warning)
                        .primary_label("ignored by kubeadm")
                        .help(help);
                    if let Some(f) = suggestion
                        && item.entry(f).is_none()
                    {
                        let edit = crate::fix::edits::replace_scalar(key, f);
                        report.fix_unsafe(format!("rename `{other}` to `{f}`"), edit.into_iter().collect());
                    }
                }
            }
        }
        let name = item.get("name");
        if name.is_none_or(|n| n.is_null() || n.as_str() == Some("")) {
            let at = name.map_or(item.span(), |n| n.span());
            let at = if at.is_empty() { Span::new(item.span().start, item.span().start + 1) } else { at };
            sink.report(at, format!("`{path}[{index}]` has no name"))
                .help("kubeadm refuses the configuration (\"argument has no name\"); give the flag name without dashes, or remove the item");
        }
    }
}

/// Names kubeadm would turn into something that is not a flag of the component.
fn check_names(block: ArgsBlock, sink: &mut Sink) {
    let binary = block.field.component.binary();
    let path = block.dotted();
    let args = block.args();
    for arg in &args {
        let name = arg.name;
        if name.is_empty() {
            continue;
        }
        if name.starts_with('-') {
            let bare = name.trim_start_matches('-');
            let report = sink.report(arg.name_node.span(), format!("`{name}` in `{path}` starts with dashes"))
                .primary_label("written with dashes")
                .help(format!("kubeadm adds `--` itself and would run {binary} with `--{name}`, which it rejects; write `{bare}`"));
            if !bare.is_empty() && !args.iter().any(|a| a.name == bare) {
                let edit = crate::fix::edits::replace_scalar(arg.name_node, bare);
                report.fix_safe(format!("drop the leading dashes: `{bare}`"), edit.into_iter().collect());
            }
            continue;
        }
        let valid = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        if !valid {
            let hint = if name.contains('=') {
                format!("write the value separately: `{}` with value `{}`", name.split('=').next().unwrap_or(name), name.split_once('=').map_or("", |(_, v)| v))
            } else if name.contains(['_', ' ']) || name.chars().any(|c| c.is_ascii_uppercase()) {
                let kebab = to_kebab(name);
                format!("{binary} flags are lower-case words joined by dashes (`{kebab}`?); a kubeadm setting such as `{name}` belongs in the kubeadm configuration itself, not in its flags")
            } else {
                format!("{binary} flags are lower-case words joined by dashes")
            };
            sink.report(arg.name_node.span(), format!("`{name}` is not a {binary} flag"))
                .primary_label("not a flag name")
                .help(format!("kubeadm passes `--{name}=…` and {binary} exits with \"unknown flag\"; {hint}"));
        }
    }
}

fn to_kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('-') {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '_' || c == ' ' {
            out.push('-');
        } else {
            out.push(c);
        }
    }
    out
}

fn go_kind(resolved: Resolved) -> &'static str {
    match resolved {
        Resolved::Bool => "bool",
        _ => "number",
    }
}

/// A name or value as it should be written in the new shape: kept as written when YAML reads it
/// as a string, otherwise quoted.
fn as_string(text: &str, node: Node) -> Option<String> {
    let node = node.resolve();
    if node.is_null() {
        return Some("\"\"".to_string());
    }
    if let Some((_, canonical)) = not_a_string(node) {
        return Some(double_quoted(&canonical));
    }
    let source = structure::string_source(text, node)?;
    (!source.contains('\n')).then(|| source.to_string())
}

/// What follows a node on its line: `   # comment`, or nothing.
fn trailing(text: &str, end: usize) -> &str {
    let line_end = text[end..].find(['\n', '\r']).map_or(text.len(), |i| end + i);
    let rest = &text[end..line_end];
    if rest.trim_start().starts_with('#') { rest } else { "" }
}

fn same_line(text: &str, a: usize, b: usize) -> bool {
    structure::line_start(text, a) == structure::line_start(text, b)
}

/// The column the new block collection's lines start at, and the padding of item bodies.
fn list_column(text: &str, block: ArgsBlock, map_column: usize) -> usize {
    let key_column = structure::column(text, block.key.span().start);
    match structure::indents_sequences(text, block.value) {
        Some(false) if structure::first_on_line(text, block.key.span().start) => key_column,
        _ => map_column,
    }
}

/// `flag: value` pairs -> `- name: flag` / `  value: value` items, sorted by name.
fn map_to_list(text: &str, block: ArgsBlock) -> Option<Vec<Edit>> {
    let map = block.value.resolve();
    if map.is_alias() || block.value.is_alias() {
        return None;
    }
    let mut entries: Vec<(Node, Node)> = map.entries().collect();
    if entries.is_empty() || has_duplicate_names(entries.iter().map(|(k, _)| k.as_str())) {
        return None;
    }
    let eol = structure::line_ending(text);
    if map.is_flow() {
        if comments_within(map, map.span()) {
            return None;
        }
        entries.sort_by_key(|(k, _)| k.as_str().unwrap_or_default().to_string());
        let mut items = Vec::new();
        for (key, value) in &entries {
            items.push(format!("{{name: {}, value: {}}}", as_string(text, *key)?, as_string(text, *value)?));
        }
        return Some(vec![Edit::replace(map.span(), format!("[{}]", items.join(", ")))]);
    }
    let first_key = entries[0].0;
    let map_column = structure::column(text, first_key.span().start);
    let dash_column = list_column(text, block, map_column);
    let pad = " ".repeat(dash_column);
    let region_start = structure::line_start(text, first_key.span().start);
    let mut pieces: Vec<(String, String)> = Vec::new();
    let mut cursor = region_start;
    for (key, value) in &entries {
        let lines = structure::entry_lines(text, *key, *value)?;
        if !value.is_null() && !same_line(text, key.span().start, value.span().start) {
            return None;
        }
        let leading = &text[cursor..lines.start];
        let last_end = value.span().end.max(key.span().end);
        let after_line = structure::line_end(text, last_end);
        let owned_comments = &text[after_line.min(lines.end)..lines.end];
        let item = format!(
            "{leading}{pad}- name: {}{eol}{pad}  value: {}{}{eol}{owned_comments}",
            as_string(text, *key)?,
            as_string(text, *value)?,
            trailing(text, last_end),
        );
        pieces.push((key.as_str().unwrap_or_default().to_string(), item));
        cursor = lines.end;
    }
    pieces.sort_by(|a, b| a.0.cmp(&b.0));
    let mut content: String = pieces.into_iter().map(|(_, item)| item).collect();
    let region = Span::new(region_start, cursor);
    if !text[..cursor].ends_with('\n') {
        content.truncate(content.len() - eol.len());
    }
    Some(vec![Edit::replace(region, content)])
}

/// `- name: flag` / `  value: value` items -> `flag: value` pairs, sorted by name.
fn list_to_map(text: &str, block: ArgsBlock) -> Option<Vec<Edit>> {
    let list = block.value.resolve();
    if block.value.is_alias() {
        return None;
    }
    let items: Vec<Node> = list.items().collect();
    if items.is_empty() {
        return None;
    }
    let mut pairs = Vec::new();
    for item in &items {
        if !item.is_mapping() || item.entries().any(|(k, _)| !matches!(k.as_str(), Some("name" | "value"))) {
            return None;
        }
        let name = item.get("name")?;
        if name.as_str().is_none_or(str::is_empty) {
            return None;
        }
        pairs.push((*item, name, item.get("value")));
    }
    if has_duplicate_names(pairs.iter().map(|(_, n, _)| n.as_str())) {
        return None;
    }
    let eol = structure::line_ending(text);
    if list.is_flow() {
        if comments_within(list, list.span()) {
            return None;
        }
        pairs.sort_by_key(|(_, n, _)| n.as_str().unwrap_or_default().to_string());
        let mut entries = Vec::new();
        for (_, name, value) in &pairs {
            let value = match value {
                Some(v) => as_string(text, *v)?,
                None => "\"\"".to_string(),
            };
            entries.push(format!("{}: {value}", as_string(text, *name)?));
        }
        return Some(vec![Edit::replace(list.span(), format!("{{{}}}", entries.join(", ")))]);
    }
    let first_dash = structure::item_dash(text, items[0])?;
    let key_column = structure::column(text, block.key.span().start);
    let dash_column = structure::column(text, first_dash);
    let column = if dash_column > key_column {
        dash_column
    } else {
        key_column + structure::indent_step(text, block.value)
    };
    let pad = " ".repeat(column);
    let region_start = structure::line_start(text, first_dash);
    let mut pieces: Vec<(String, String)> = Vec::new();
    let mut cursor = region_start;
    for (item, name, value) in &pairs {
        let lines = structure::item_lines(text, *item)?;
        let leading = &text[cursor..lines.start];
        let mut above = String::new();
        let mut after = String::new();
        for comment in &item.tree().comments {
            if !lines.contains(comment.span) {
                continue;
            }
            let body = &text[comment.span.range()];
            let on_name = same_line(text, comment.span.start, name.span().start);
            let on_value = value.is_some_and(|v| same_line(text, comment.span.start, v.span().start));
            if on_name || on_value {
                after.push_str("  ");
                after.push_str(body);
            } else {
                above.push_str(&format!("{pad}{body}{eol}"));
            }
        }
        let rendered = match value {
            Some(v) => {
                if !v.is_null() && !same_line(text, v.span().start, v.span().end) {
                    return None;
                }
                as_string(text, *v)?
            }
            None => "\"\"".to_string(),
        };
        let entry = format!("{leading}{above}{pad}{}: {rendered}{after}{eol}", as_string(text, *name)?);
        pieces.push((name.as_str().unwrap_or_default().to_string(), entry));
        cursor = lines.end;
    }
    pieces.sort_by(|a, b| a.0.cmp(&b.0));
    let mut content: String = pieces.into_iter().map(|(_, entry)| entry).collect();
    if !text[..cursor].ends_with('\n') {
        content.truncate(content.len() - eol.len());
    }
    Some(vec![Edit::replace(Span::new(region_start, cursor), content)])
}

fn has_duplicate_names<'a>(names: impl Iterator<Item = Option<&'a str>>) -> bool {
    let mut seen = std::collections::HashSet::new();
    names.into_iter().any(|n| !seen.insert(n))
}

fn comments_within(node: Node, span: Span) -> bool {
    node.tree().comments.iter().any(|c| span.contains(c.span))
}
