//! The KubeletConfiguration given to `kubeadm init` becomes the `kubelet-config` ConfigMap that
//! every node of the cluster uses, and `kubeadm join` ignores a KubeletConfiguration in its own
//! file (kubernetes/kubeadm#1682; kubernetes-sigs/kind#3872: "kubeadm only reads the kubelet
//! configuration from the first node"). A node's own address, provider ID or serving
//! certificate written there is either copied to every node or never applied.

use std::net::IpAddr;

use crate::fix::{blocks, structure};
use crate::kubeadm::kubelet_defaults::PER_NODE_FIELDS;
use crate::kubeadm::places;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "per-node-settings-in-shared-config",
    summary: "a node's own address, provider ID or certificate in the cluster-wide KubeletConfiguration, or a KubeletConfiguration that join ignores",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/per-node-settings-in-shared-config.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let has_init = places::documents(config, Kind::InitConfiguration).next().is_some()
        || places::documents(config, Kind::ClusterConfiguration).next().is_some();
    let join = places::documents(config, Kind::JoinConfiguration).next();
    let node_names: Vec<&str> = places::node_registrations(config)
        .iter()
        .filter_map(|r| r.node.get_str("name"))
        .filter(|name| name.len() >= 3)
        .collect();
    for kind in [Kind::KubeletConfiguration, Kind::KubeProxyConfiguration] {
        for doc in places::documents(config, kind) {
            if let (Some(join), false) = (join, has_init) {
                let at = doc.kind_node.map_or(doc.api_version_node.span(), |k| k.span());
                let report = sink.report(at, format!("`kubeadm join` ignores this {}", kind.as_str()))
                    .help(format!("joining nodes use the cluster's {} ConfigMap written by `kubeadm init`; for settings of this node use JoinConfiguration nodeRegistration.kubeletExtraArgs or a patches directory (target `kubeletconfiguration`, kubeadm 1.25+), for cluster-wide ones edit the ConfigMap", if kind == Kind::KubeletConfiguration { "kubelet-config" } else { "kube-proxy" }));
                if let Some(join_kind) = join.kind_node {
                    report.label(join_kind.span(), "the file is for `kubeadm join`");
                }
                continue;
            }
            if kind == Kind::KubeletConfiguration {
                check_kubelet(config, doc, &node_names, sink);
            }
        }
    }
}

fn check_kubelet(config: &ConfigSet, doc: &KubeadmDocument, node_names: &[&str], sink: &mut Sink) {
    for (field, flag) in PER_NODE_FIELDS {
        let Some((key, value)) = doc.root.entry(field) else { continue };
        let Some(text) = value.as_str().filter(|t| !t.is_empty() && !value.is_null()) else { continue };
        if places::is_templated(config, value) || !is_per_node(field, text, node_names) {
            continue;
        }
        let fix = move_to_init(config, doc.root, key, flag, text);
        let report = sink.report(key.span(), format!("`{field}: {text}` in KubeletConfiguration applies to every node"))
            .primary_label("one node's value, shared by all")
            .help(format!("kubeadm uploads this document as the kubelet-config ConfigMap that every joining node uses; set it per node as the kubelet flag `--{flag}` in nodeRegistration.kubeletExtraArgs of each node's Init/JoinConfiguration, or with a `kubeletconfiguration` patch"));
        if let Some(edits) = fix {
            report.fix_unsafe(format!("move it to InitConfiguration nodeRegistration.kubeletExtraArgs as `{flag}`"), edits);
        }
    }
}

/// Whether the value can only be right for one node.
fn is_per_node(field: &str, value: &str, node_names: &[&str]) -> bool {
    match field {
        "address" | "healthzBindAddress" => match value.parse::<IpAddr>() {
            Ok(ip) => !ip.is_unspecified() && !ip.is_loopback(),
            Err(_) => false,
        },
        "providerID" => true,
        _ => node_names.iter().any(|name| value.contains(name)),
    }
}

/// Deletes the field and adds the flag to the InitConfiguration of the same file.
fn move_to_init(config: &ConfigSet, mapping: Node, key: Node, flag: &str, text: &str) -> Option<Vec<Edit>> {
    let init = places::documents(config, Kind::InitConfiguration).next()?;
    let registration = init.get("nodeRegistration")?;
    let add = blocks::append_kubelet_arg(config.text(), registration, places::uses_arg_lists(init), flag, text)?;
    let delete = structure::delete_entry(config.text(), mapping, key)?;
    Some(vec![delete, add])
}
