//! kubeadm decodes leniently: an unknown, misspelt or wrongly-cased key only earns a "strict
//! decoding" warning during init/join and its value is dropped (cmd/kubeadm/app/util/config/
//! strict/strict.go), while a value of the wrong kind fails the real decode.

use crate::fix::edits;
use crate::kubeadm::api::{ApiVersion, KubeadmVersion};
use crate::kubeadm::extra_args;
use crate::kubeadm::relocations;
use crate::kubeadm::schema::{self, Field, HIGH_IMPACT_FIELDS, KNOWN_MISTAKES, ValueKind};
use crate::kubeadm::Secret;
use std::fmt::Write;

use crate::rules::prelude::*;
use crate::yaml::scalar::{self, Resolved};
use crate::yaml::ScalarStyle;

pub const RULE: Rule = Rule {
    name: "unknown-or-miscased-field",
    summary: "a key kubeadm does not know (typo, wrong case, wrong place) or a value of the wrong kind",
    severity: Severity::Warning,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/unknown-or-miscased-field.md"),
    check,
};

/// Markers of template placeholders (Jinja, Go templates, envsubst, Terraform).
const TEMPLATE_MARKERS: [&str; 3] = ["{{", "{%", "${"];

/// Keys every document may carry.
const TYPE_META: [&str; 2] = ["apiVersion", "kind"];

fn check(config: &ConfigSet, sink: &mut Sink) {
    let text = config.text();
    let templated = TEMPLATE_MARKERS.iter().any(|marker| text.contains(marker));
    let secrets = config.secrets();
    for doc in &config.documents {
        let Some(kind) = doc.kind else { continue };
        let Some(fields) = schema::root_fields(doc.api, kind) else { continue };
        // Documents run together without `---` are reported by duplicate-or-untyped-document.
        if doc.is_run_together() {
            continue;
        }
        let walker = Walker { doc, text, templated, sink_component: doc.api.is_component_config(), secrets: &secrets };
        walker.object(doc.root, fields, &mut String::new(), sink);
    }
}

struct Walker<'c, 'a> {
    doc: &'c KubeadmDocument<'a>,
    text: &'a str,
    /// Whether the file holds any template marker at all (most do not).
    templated: bool,
    sink_component: bool,
    /// Credentials, which messages show masked.
    secrets: &'c [Secret<'a>],
}

impl Walker<'_, '_> {
    /// Walks a mapping whose fields are `fields`. `path` is the dotted path of `node`, built in
    /// one buffer for the whole walk (a walk visits every key of the document) and left as it
    /// was found.
    fn object(&self, node: Node, fields: &'static [Field], path: &mut String, sink: &mut Sink) {
        let node = node.resolve();
        if !node.is_mapping() {
            return;
        }
        let parent_len = path.len();
        for (key, value) in node.entries() {
            let Some(name) = key.as_str() else { continue };
            if (parent_len == 0 && (TYPE_META.contains(&name) || self.explained_elsewhere(name))) || name == "<<" {
                continue;
            }
            push_key(path, name);
            let here: &str = path;
            // extra-args-shape owns the shape and values of extraArgs / kubeletExtraArgs.
            let owned_elsewhere = self.doc.kind.is_some_and(|kind| extra_args::is_args_path(kind, here));
            match schema::field(fields, name) {
                _ if owned_elsewhere => {}
                Some(field) => self.value(value, field.kind, path, sink),
                // relocated-or-removed-field explains keys that moved between API versions.
                None if self.doc.kind.and_then(|kind| relocations::find(self.doc.api, kind, here)).is_some() => {}
                None => self.unknown(node, key, name, fields, &here[..parent_len], sink),
            }
            path.truncate(parent_len);
        }
    }

    /// Root keys another rule reports with a better explanation: `metadata`
    /// (metadata-or-kubectl-style) and a JoinConfiguration's misplaced `certificateKey`
    /// (certificate-key-invalid).
    fn explained_elsewhere(&self, name: &str) -> bool {
        name == "metadata"
            || (name == "certificateKey"
                && self.doc.is(Kind::JoinConfiguration)
                && self.doc.kubeadm_version().is_some_and(|v| v >= KubeadmVersion::V1beta2))
    }

    fn value(&self, node: Node, kind: ValueKind, path: &mut String, sink: &mut Sink) {
        let node = node.resolve();
        if node.is_null() || self.is_template_placeholder(node) {
            return;
        }
        match kind {
            ValueKind::Any => {}
            ValueKind::Object(fields) => {
                if node.is_mapping() {
                    self.object(node, fields, path, sink);
                } else {
                    self.wrong_kind(node, "a mapping", path, sink);
                }
            }
            ValueKind::List(item) => {
                if node.is_sequence() {
                    let parent_len = path.len();
                    for (i, element) in node.items().enumerate() {
                        let _ = write!(path, "[{i}]");
                        self.value(element, *item, path, sink);
                        path.truncate(parent_len);
                    }
                } else {
                    self.wrong_kind(node, "a list", path, sink);
                }
            }
            ValueKind::Map(item) => {
                if node.is_mapping() {
                    let parent_len = path.len();
                    for (key, element) in node.entries() {
                        push_key(path, key.as_str().unwrap_or_default());
                        self.value(element, *item, path, sink);
                        path.truncate(parent_len);
                    }
                } else {
                    self.wrong_kind(node, "a mapping", path, sink);
                }
            }
            scalar_kind => self.scalar(node, scalar_kind, path, sink),
        }
    }

    fn scalar(&self, node: Node, kind: ValueKind, path: &str, sink: &mut Sink) {
        let (Some(text), Some(style)) = (node.as_str(), node.scalar_style()) else {
            let expected = match kind {
                ValueKind::Bool => "true or false",
                ValueKind::Int | ValueKind::Float => "a number",
                _ => "a single value",
            };
            self.wrong_kind(node, expected, path, sink);
            return;
        };
        let resolved = if style == ScalarStyle::Plain { scalar::resolve_plain(text) } else { Resolved::String };
        let fits = match kind {
            ValueKind::String | ValueKind::Time => matches!(resolved, Resolved::String | Resolved::Null),
            ValueKind::Duration => resolved == Resolved::String && schema::is_go_duration(text),
            ValueKind::Bool => resolved == Resolved::Bool,
            ValueKind::Int => resolved == Resolved::Int,
            ValueKind::Float => matches!(resolved, Resolved::Int | Resolved::Float),
            _ => true,
        };
        // This runs for every scalar of the document: the message is made only when needed.
        if fits {
            return;
        }
        let masked = self.secrets.iter().find(|s| s.node.span() == node.span()).map(|s| s.masked());
        let quote = match &masked {
            Some(_) => "put it in quotes".to_string(),
            None => format!("write \"{text}\""),
        };
        let text = masked.as_deref().unwrap_or(text);
        let problem = match kind {
            ValueKind::String | ValueKind::Time => {
                Some(format!("`{path}` must be a string, but `{text}` is {} in YAML; {quote}", resolved.describe()))
            }
            ValueKind::Duration if resolved == Resolved::String => {
                Some(format!("`{path}` must be a duration such as \"4m0s\" or \"24h\", not `{text}`"))
            }
            ValueKind::Duration => Some(format!(
                "`{path}` must be a duration string such as \"4m0s\", but `{text}` is {}",
                resolved.describe()
            )),
            ValueKind::Bool => Some(format!("`{path}` must be true or false, but `{text}` is {}", resolved.describe())),
            ValueKind::Int => Some(format!("`{path}` must be an integer, but `{text}` is {}", resolved.describe())),
            ValueKind::Float => Some(format!("`{path}` must be a number, but `{text}` is {}", resolved.describe())),
            _ => None,
        };
        if let Some(message) = problem {
            sink.report(node.span(), message)
                .severity(Severity::Error)
                .primary_label("wrong kind of value")
                .help(self.decode_failure_help());
        }
    }

    fn wrong_kind(&self, node: Node, expected: &str, path: &str, sink: &mut Sink) {
        sink.report(node.span(), format!("`{path}` must be {expected}"))
            .severity(Severity::Error)
            .primary_label("wrong kind of value")
            .help(self.decode_failure_help());
    }

    /// `${port}` or `{{ ip }}`: a value a template fills in later, not checked here.
    fn is_template_placeholder(&self, node: Node) -> bool {
        if !self.templated {
            return false;
        }
        let text = &self.text[node.span().range()];
        TEMPLATE_MARKERS.iter().any(|marker| text.contains(marker))
    }

    fn decode_failure_help(&self) -> &'static str {
        if self.sink_component {
            "the component refuses a configuration whose values do not decode into its types"
        } else {
            "kubeadm cannot decode the document (\"cannot unmarshal … into Go struct field\") and stops"
        }
    }

    fn unknown(&self, mapping: Node, key: Node, name: &str, fields: &'static [Field], path: &str, sink: &mut Sink) {
        let kind_name = self.doc.kind.map_or("this document", |k| k.as_str());
        let location = if path.is_empty() { kind_name.to_string() } else { format!("`{path}`") };
        let exists = |candidate: &str| mapping.entry(candidate).is_some();

        // Wrong case: kubeadm matches names exactly.
        if let Some(field) = fields.iter().find(|f| f.name.eq_ignore_ascii_case(name)) {
            let report = sink.report(key.span(), format!("`{name}` should be `{}`: kubeadm matches field names case-sensitively", field.name))
                .severity(self.severity_for(field.name))
                .primary_label("ignored by kubeadm")
                .help(format!("kubeadm only warns and drops `{name}` with its value; write `{}`", field.name));
            if exists(field.name) {
                report.label(mapping.entry(field.name).map_or(key.span(), |(k, _)| k.span()), "the correctly cased key is already here");
            } else {
                let edit = edits::replace_scalar(key, field.name);
                report.fix_safe(format!("rename `{name}` to `{}`", field.name), edit.into_iter().collect());
            }
            return;
        }

        let suggestion = KNOWN_MISTAKES
            .iter()
            .find(|(wrong, right)| wrong.eq_ignore_ascii_case(name) && schema::field(fields, right).is_some())
            .map(|(_, right)| *right)
            .or_else(|| closest(fields, name));
        if let Some(right) = suggestion {
            let report = sink.report(key.span(), format!("unknown field `{name}` in {location}"))
                .severity(self.severity_for(right))
                .primary_label("ignored by kubeadm")
                .help(format!("did you mean `{right}`? kubeadm only warns and drops unknown fields with their values"));
            if !exists(right) {
                let edit = edits::replace_scalar(key, right);
                report.fix_unsafe(format!("rename `{name}` to `{right}`"), edit.into_iter().collect());
            }
            return;
        }

        let help = match self.elsewhere(name) {
            Some(place) => format!("`{name}` belongs {place}; here kubeadm only warns and drops it"),
            None => "kubeadm only warns about unknown fields and drops them with their values; remove it or check the field reference".to_string(),
        };
        sink.report(key.span(), format!("unknown field `{name}` in {location}"))
            .primary_label("ignored by kubeadm")
            .help(help);
    }

    fn severity_for(&self, intended: &str) -> Severity {
        if !self.sink_component && HIGH_IMPACT_FIELDS.contains(&intended) {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// Where a field of this name lives instead: another kind of the file's API version, or
    /// another place in this kind.
    fn elsewhere(&self, name: &str) -> Option<String> {
        let api = self.doc.api;
        for kind in Kind::ALL {
            if Some(kind) == self.doc.kind {
                continue;
            }
            if let Some(root) = schema::root_fields(api, kind)
                && schema::field(root, name).is_some()
            {
                return Some(format!("in {}", kind.as_str()));
            }
        }
        let root = self.doc.kind.and_then(|k| schema::root_fields(api, k))?;
        find_nested(root, name, "")
            .map(|path| format!("under `{path}`"))
            .or_else(|| other_component(api, name))
    }
}

/// Appends `.name` to a dotted path (just `name` at the root).
fn push_key(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}

/// Breadth-limited search for a nested field of that name: `podSubnet` -> `networking`.
fn find_nested(fields: &'static [Field], name: &str, prefix: &str) -> Option<String> {
    for field in fields {
        if let Some(children) = field.kind.fields() {
            let path = if prefix.is_empty() { field.name.to_string() } else { format!("{prefix}.{}", field.name) };
            if schema::field(children, name).is_some() {
                return Some(path);
            }
            if prefix.matches('.').count() < 2
                && let Some(found) = find_nested(children, name, &path)
            {
                return Some(found);
            }
        }
    }
    None
}

/// Kubelet settings written into a kubeadm document, and the reverse.
fn other_component(api: ApiVersion, name: &str) -> Option<String> {
    let candidates = [
        (ApiVersion::KubeletV1beta1, Kind::KubeletConfiguration),
        (ApiVersion::KubeProxyV1alpha1, Kind::KubeProxyConfiguration),
    ];
    candidates
        .into_iter()
        .filter(|(candidate, _)| *candidate != api)
        .find(|(candidate, kind)| schema::root_fields(*candidate, *kind).is_some_and(|f| schema::field(f, name).is_some()))
        .map(|(_, kind)| format!("in a {} document", kind.as_str()))
}

/// The nearest field name by edit distance, when it is close enough to be a typo.
fn closest(fields: &'static [Field], name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let length = lower.chars().count();
    let limit = |candidate: &str| if candidate.len() <= 4 { 1 } else if candidate.len() <= 8 { 2 } else { 3 };
    fields
        .iter()
        // The distance is at least the difference in length (field names are ASCII): skip the
        // names that cannot be within the limit before computing it.
        .filter(|f| f.name.len().abs_diff(length) <= limit(f.name))
        .map(|f| (strsim::damerau_levenshtein(&f.name.to_ascii_lowercase(), &lower), f.name))
        .filter(|(distance, candidate)| *distance <= limit(candidate))
        .min()
        .map(|(_, candidate)| candidate)
}
