//! kubeadm splits a file into documents and reads each by its apiVersion and kind
//! (`SplitConfigDocuments`, cmd/kubeadm/app/util/marshal.go): a kind given twice or a document
//! without apiVersion/kind aborts the command, and documents of other groups are ignored.

use std::collections::HashMap;

use crate::kubeadm::api::{ApiVersion, KUBEADM_GROUP};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "duplicate-or-untyped-document",
    summary: "a kind appears twice, a document lacks apiVersion or kind, or kubeadm will ignore it",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/duplicate-or-untyped-document.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    report_run_together(config, sink);
    report_duplicate_kinds(config, sink);
    report_unknown_kubeadm_kinds(config, sink);
    report_other_documents(config, sink);
    report_init_with_join(config, sink);
}

fn report_duplicate_kinds(config: &ConfigSet, sink: &mut Sink) {
    let mut first_of_kind: HashMap<&str, Span> = HashMap::new();
    for doc in &config.documents {
        let Some(kind_node) = doc.kind_node else { continue };
        let Some(kind) = kind_node.as_str() else { continue };
        match first_of_kind.get(kind) {
            Some(&first) => {
                sink.report(kind_node.span(), format!("kind `{kind}` is specified twice in this file"))
                    .primary_label("second document of this kind")
                    .label(first, "first one here")
                    .help("kubeadm refuses the file (\"kind is specified twice in YAML file\"), whatever the apiVersions; merge the two documents into one");
            }
            None => {
                first_of_kind.insert(kind, kind_node.span());
            }
        }
    }
}

/// `apiVersion`/`kind` repeated in one mapping: documents written without `---` separators.
fn report_run_together(config: &ConfigSet, sink: &mut Sink) {
    for doc in config.documents.iter().filter(|d| d.is_run_together()) {
        let kinds: Vec<Node> = doc.root.entries().filter(|(k, _)| k.as_str() == Some("kind")).map(|(_, v)| v).collect();
        let names: Vec<&str> = kinds.iter().filter_map(|k| k.as_str()).collect();
        let Some(last) = kinds.last() else { continue };
        let mut report = sink.report(last.span(), format!("{} documents are written as one, without `---` between them", names.len().max(2)))
            .primary_label("kubeadm sees only this kind")
            .help(format!("kubeadm reads one mapping whose repeated keys overwrite each other, so only the last {} survives; put `---` on its own line before each `apiVersion`", names.last().copied().unwrap_or("kind")));
        for earlier in &kinds[..kinds.len() - 1] {
            report = report.label(earlier.span(), "lost: overwritten by the later kind");
        }
    }
}

fn report_unknown_kubeadm_kinds(config: &ConfigSet, sink: &mut Sink) {
    for doc in config.documents.iter().filter(|d| d.kind.is_none()) {
        let Some(kind_node) = doc.kind_node else {
            let span = doc.api_version_node.span();
            sink.report(span, "this document has an apiVersion but no kind")
                .help("kubeadm requires both: \"kind and apiVersion is mandatory information that must be specified\"");
            continue;
        };
        let written = kind_node.as_str().unwrap_or_default();
        let expected = expected_kinds(doc.api);
        let suggestion = expected
            .iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(written))
            .or_else(|| expected.iter().min_by_key(|k| strsim::levenshtein(k.as_str(), written)))
            .filter(|k| strsim::levenshtein(&k.as_str().to_lowercase(), &written.to_lowercase()) <= 3);
        let group = doc.api_version_node.as_str().unwrap_or_default();
        let report = sink.report(kind_node.span(), format!("`{written}` is not a kind of `{group}`"));
        let names: Vec<&str> = expected.iter().map(|k| k.as_str()).collect();
        match suggestion {
            Some(kind) => report.help(format!("did you mean `{}`?", kind.as_str())),
            None => report.help(format!("kubeadm ignores this document; the kinds are {}", names.join(", "))),
        };
    }
}

fn expected_kinds(api: ApiVersion) -> &'static [Kind] {
    match api {
        ApiVersion::Kubeadm(_) => &[
            Kind::InitConfiguration,
            Kind::ClusterConfiguration,
            Kind::JoinConfiguration,
            Kind::ResetConfiguration,
            Kind::UpgradeConfiguration,
        ],
        ApiVersion::KubeletV1beta1 => &[Kind::KubeletConfiguration],
        ApiVersion::KubeProxyV1alpha1 => &[Kind::KubeProxyConfiguration],
        ApiVersion::ComponentOther(_) => &[Kind::KubeletConfiguration, Kind::KubeProxyConfiguration],
    }
}

fn report_other_documents(config: &ConfigSet, sink: &mut Sink) {
    for doc in &config.others {
        let Some(root) = doc.root else { continue };
        if root.is_null() {
            continue;
        }
        let api_version = doc.api_version.and_then(|n| n.as_str()).filter(|s| !s.is_empty());
        let kind = doc.kind.and_then(|n| n.as_str()).filter(|s| !s.is_empty());
        let at = doc.api_version.or(doc.kind).map_or_else(|| first_line(config, root), |n| n.span());
        match (api_version, kind) {
            (None, _) | (_, None) => {
                let missing = match (api_version, kind) {
                    (None, None) => "apiVersion and kind",
                    (None, Some(_)) => "apiVersion",
                    _ => "kind",
                };
                sink.report(at, format!("this document has no {missing}"))
                    .help("kubeadm refuses the file: \"kind and apiVersion is mandatory information that must be specified\"; add them, or remove the document");
            }
            (Some(api_version), Some(kind)) if !api_version.contains('/') => {
                sink.report(at, format!("`{kind}` ({api_version}) is a core Kubernetes object, not kubeadm configuration"))
                    .help("kubeadm refuses documents of the core API group; apply this object with kubectl from a separate file");
            }
            (Some(api_version), Some(_)) if api_version.starts_with(KUBEADM_GROUP) => {
                sink.report(at, format!("`{api_version}` is not a kubeadm API version"))
                    .help("use kubeadm.k8s.io/v1beta4 (kubeadm 1.31 and later) or v1beta3");
            }
            (Some(api_version), Some(kind)) => {
                sink.report(at, format!("kubeadm ignores this `{kind}` ({api_version}) document"))
                    .severity(Severity::Info)
                    .help("kubeadm prints \"Ignored configuration document\" and skips it; move it to its own file if it is meant for kubectl");
            }
        }
    }
}

/// `init` ignores JoinConfiguration and `join` ignores Init/ClusterConfiguration.
fn report_init_with_join(config: &ConfigSet, sink: &mut Sink) {
    let (Some(init), Some(join)) =
        (config.first(Kind::InitConfiguration), config.first(Kind::JoinConfiguration))
    else {
        return;
    };
    let (Some(join_kind), Some(init_kind)) = (join.kind_node, init.kind_node) else { return };
    sink.report(join_kind.span(), "InitConfiguration and JoinConfiguration in one file")
        .severity(Severity::Info)
        .label(init_kind.span(), "InitConfiguration here")
        .help("`kubeadm init` ignores the JoinConfiguration and `kubeadm join` reads only it; that is fine for a shared template, but each node uses one half");
}

fn first_line(config: &ConfigSet, root: Node) -> Span {
    let start = root.span().start;
    let text = config.text();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Span::new(start, end.max(start))
}
