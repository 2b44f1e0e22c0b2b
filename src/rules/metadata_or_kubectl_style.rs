//! kubeadm's configuration kinds are not Kubernetes API objects: they have no `metadata`, the
//! API server does not know them (`kubectl apply` fails with `no matches for kind
//! "ClusterConfiguration"`), and kubeadm drops `metadata` as an unknown field
//! (kubernetes/website#20990, #15171). A `metadata` block is the sign of a file written as a
//! manifest, whose name or labels the author expects to mean something.

use crate::fix::structure;
use crate::kubeadm::places;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "metadata-or-kubectl-style",
    summary: "`metadata` in a kubeadm configuration document, as if it were an object for kubectl",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/metadata-or-kubectl-style.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for doc in config.documents.iter().filter(|d| places::has_known_layout(d)) {
        let Some((key, _)) = doc.root.entry("metadata") else { continue };
        let kind = doc.kind.map_or("this kind", |k| k.as_str());
        let edit = structure::delete_entry(config.text(), doc.root, key);
        sink.report(key.span(), format!("`metadata` is not a field of {kind}: kubeadm configuration is not a Kubernetes object"))
            .primary_label("dropped by kubeadm")
            .help("kubeadm ignores it with a strict-decoding warning, and `kubectl apply` cannot create these kinds (no matches for kind); give the file to `kubeadm init|join --config` and remove metadata")
            .fix_safe("remove `metadata`", edit.into_iter().collect());
    }
}
