//! kubeadm refuses relative paths where it writes or reads cluster files: `certificatesDir`,
//! `etcd.local.dataDir`, ResetConfiguration `certificatesDir` and UpgradeConfiguration patch
//! directories (`ValidateAbsolutePath` in cmd/kubeadm/app/apis/kubeadm/validation/validation.go).
//! An empty value is defaulted first and is fine; `etcd.external` files are covered by
//! etcd-external-incomplete, a JoinConfiguration's `caCertPath` by endpoint-format.

use crate::kubeadm::{places, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "absolute-path-required",
    summary: "certificatesDir, etcd dataDir or an upgrade patches directory that is not an absolute path",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/absolute-path-required.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for cluster in places::documents(config, Kind::ClusterConfiguration) {
        check_path(config, cluster.get("certificatesDir"), "certificatesDir", "/etc/kubernetes/pki", sink);
        check_path(config, cluster.path(&["etcd", "local", "dataDir"]), "etcd.local.dataDir", "/var/lib/etcd", sink);
    }
    for reset in places::documents(config, Kind::ResetConfiguration) {
        check_path(config, reset.get("certificatesDir"), "certificatesDir", "/etc/kubernetes/pki", sink);
    }
    for upgrade in places::documents(config, Kind::UpgradeConfiguration) {
        for phase in ["apply", "node"] {
            let Some((key, patches)) = upgrade.get(phase).and_then(|p| p.entry("patches")) else { continue };
            if patches.is_null() {
                continue;
            }
            let directory = patches.get("directory").filter(|d| !d.is_null() && d.as_str() != Some(""));
            match directory {
                Some(node) => check_path(config, Some(node), &format!("{phase}.patches.directory"), "/etc/kubernetes/patches", sink),
                None => {
                    sink.report(key.span(), format!("`{phase}.patches` has no directory"))
                        .help("kubeadm refuses it (\"path is not absolute\" for the empty directory); set directory to an absolute path such as /etc/kubernetes/patches, or remove patches");
                }
            }
        }
    }
}

fn check_path(config: &ConfigSet, node: Option<Node>, field: &str, example: &str, sink: &mut Sink) {
    let Some(node) = node.filter(|n| !n.is_null()) else { return };
    let Some(text) = node.as_str().filter(|t| !t.is_empty()) else { return };
    if places::is_templated(config, node) || validation::is_absolute_path(text) {
        return;
    }
    sink.report(node.span(), format!("`{field}` `{text}` is not an absolute path"))
        .primary_label("relative path")
        .help(format!("kubeadm refuses it (\"path is not absolute\"); write the full path from the root, such as {example}"));
}
