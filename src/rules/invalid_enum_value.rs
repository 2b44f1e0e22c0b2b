//! Fields with a closed set of values that kubeadm checks (`ValidateImagePullPolicy`,
//! `ValidateUnmountFlags` in validation.go) or that the kubelet checks when it reads the static
//! Pods kubeadm writes (`extraVolumes[].pathType`). Values are case-sensitive: `ifnotpresent` is
//! refused like `foo`. `encryptionAlgorithm`, whose set grows with each release, is checked by
//! kubeadm-api-vs-kubernetes-version.

use crate::fix::edits;
use crate::kubeadm::places;
use crate::kubeadm::validation::{Enumeration, HOST_PATH_TYPE, PULL_POLICY, UNMOUNT_FLAG};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "invalid-enum-value",
    summary: "an image pull policy, unmount flag or host path type that kubeadm or the kubelet refuses",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/invalid-enum-value.md"),
    check,
};

const COMPONENTS: [&str; 3] = ["apiServer", "controllerManager", "scheduler"];

fn check(config: &ConfigSet, sink: &mut Sink) {
    for registration in places::node_registrations(config) {
        if let Some(node) = registration.node.get("imagePullPolicy").filter(|_| places::has_field(registration.doc, &["nodeRegistration", "imagePullPolicy"])) {
            check_value(config, node, "nodeRegistration.imagePullPolicy", &PULL_POLICY, sink);
        }
    }
    for upgrade in places::documents(config, Kind::UpgradeConfiguration) {
        for phase in ["apply", "node"] {
            if let Some(node) = upgrade.path(&[phase, "imagePullPolicy"]) {
                check_value(config, node, &format!("{phase}.imagePullPolicy"), &PULL_POLICY, sink);
            }
        }
    }
    for reset in places::documents(config, Kind::ResetConfiguration) {
        for flag in reset.get("unmountFlags").iter().flat_map(|l| l.items()) {
            check_value(config, flag, "unmountFlags", &UNMOUNT_FLAG, sink);
        }
    }
    for cluster in places::documents(config, Kind::ClusterConfiguration) {
        for component in COMPONENTS {
            let volumes = cluster.path(&[component, "extraVolumes"]);
            for volume in volumes.iter().flat_map(|v| v.items()) {
                if let Some(node) = volume.get("pathType") {
                    check_value(config, node, &format!("{component}.extraVolumes[].pathType"), &HOST_PATH_TYPE, sink);
                }
            }
        }
    }
}

fn check_value(config: &ConfigSet, node: Node, field: &str, allowed: &Enumeration, sink: &mut Sink) {
    if node.is_null() || places::is_templated(config, node) {
        return;
    }
    let Some(text) = node.as_str() else { return };
    if allowed.accepts(text) {
        return;
    }
    let report = sink.report(node.span(), format!("`{text}` is not a valid {} for `{field}`", allowed.what))
        .primary_label(format!("not one of {}", allowed.list()));
    match allowed.case_fix(text) {
        Some(fixed) => {
            let edit = edits::replace_scalar(node, fixed);
            report
                .help(format!("refused by {}; values are case-sensitive: write `{fixed}`", allowed.refused_by))
                .fix_safe(format!("write `{fixed}`"), edit.into_iter().collect());
        }
        None => {
            report.help(format!("refused by {}; write one of {}", allowed.refused_by, allowed.list()));
        }
    }
}
