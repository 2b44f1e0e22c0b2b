//! ClusterConfiguration is shared by every control-plane node (kubeadm stores it in the
//! kubeadm-config ConfigMap), and kubeadm computes etcd's member name, cluster list and URLs per
//! node (`cmd/kubeadm/app/phases/etcd/local.go`). A node-specific value in `etcd.local.extraArgs`
//! is replayed on every joining control plane, which then fails to join etcd
//! (kubernetes/kubeadm#1468, #2036). kubeadm's own validation requires an absolute
//! `etcd.local.dataDir`.

use std::net::IpAddr;

use crate::kubeadm::extra_args::{self, Component};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "etcd-local-node-specific-args",
    summary: "etcd.local.extraArgs pins a per-node value kubeadm computes itself, or dataDir is relative",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/etcd-local-node-specific-args.md"),
    check,
};

/// Flags kubeadm derives for each member.
const PER_MEMBER: [&str; 5] = [
    "name",
    "initial-cluster",
    "initial-cluster-state",
    "initial-advertise-peer-urls",
    "advertise-client-urls",
];

/// Flags that are node-specific only when they name a concrete address.
const LISTEN: [&str; 3] = ["listen-client-urls", "listen-peer-urls", "listen-metrics-urls"];

fn check(config: &ConfigSet, sink: &mut Sink) {
    let text = config.text();
    for block in extra_args::blocks_of(config, Component::Etcd) {
        for arg in block.args() {
            let value = arg.text().unwrap_or_default();
            let reason = if PER_MEMBER.contains(&arg.name) {
                Some(format!("kubeadm sets --{} for each member itself", arg.name))
            } else if LISTEN.contains(&arg.name) {
                concrete_address(value).map(|ip| format!("`{ip}` is one node's address, and every control-plane node gets this value"))
            } else {
                None
            };
            let Some(reason) = reason else { continue };
            let edit = block.deletion(text, &arg);
            sink.report(arg.name_node.span(), format!("`etcd.local.extraArgs.{}` is node-specific, but ClusterConfiguration is shared by all control-plane nodes", arg.name))
                .primary_label("per-node value")
                .help(format!("{reason}; a second control-plane node joining with it cannot join etcd (kubernetes/kubeadm#1468); drop it and let kubeadm compute it from each node's advertise address"))
                .fix_unsafe(format!("drop {}", arg.name), edit.into_iter().collect());
        }
    }
    for doc in config.of_kind(Kind::ClusterConfiguration) {
        if let Some(dir) = doc.str_at(&["etcd", "local", "dataDir"])
            && !dir.value.starts_with('/')
            && !dir.value.contains("{{")
            && !dir.value.contains("${")
        {
            sink.report(dir.span, format!("`etcd.local.dataDir: {}` is not an absolute path", dir.value))
                .severity(Severity::Error)
                .primary_label("relative path")
                .help("kubeadm refuses it (\"path is not absolute\"); write the full path, such as /var/lib/etcd");
        }
    }
}

/// The first address in a comma-separated URL list that is neither loopback nor a wildcard.
fn concrete_address(urls: &str) -> Option<IpAddr> {
    urls.split(',').find_map(|url| {
        let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
        let host = if let Some(v6) = rest.strip_prefix('[') {
            v6.split(']').next()?
        } else {
            rest.split([':', '/']).next()?
        };
        let ip: IpAddr = host.parse().ok()?;
        (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_concrete_addresses() {
        assert!(concrete_address("https://127.0.0.1:2379,https://10.0.0.5:2379").is_some());
        assert!(concrete_address("http://0.0.0.0:2381").is_none());
        assert!(concrete_address("https://[::1]:2379").is_none());
        assert!(concrete_address("https://[fd00::5]:2379").is_some());
        assert!(concrete_address("https://etcd.local:2379").is_none());
    }
}
