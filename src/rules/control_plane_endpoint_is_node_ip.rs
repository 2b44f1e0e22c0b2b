//! `controlPlaneEndpoint` is baked into the API server certificate, every kubeconfig and the
//! `cluster-info` ConfigMap joining nodes read (cmd/kubeadm/app/phases/kubeconfig,
//! cmd/kubeadm/app/phases/bootstraptoken/clusterinfo). Pointing it at one node's own address
//! works until that node is replaced; pointing it at loopback works for no other node.

use std::net::IpAddr;

use crate::kubeadm::network;
use crate::kubeadm::topology;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "control-plane-endpoint-is-node-ip",
    summary: "controlPlaneEndpoint is one node's own address, or a loopback address",
    severity: Severity::Info,
    fix: FixAvailability::None,
    page: include_str!("../../rules/control-plane-endpoint-is-node-ip.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(cluster) = config.cluster() else { return };
    let Some(node) = cluster.get("controlPlaneEndpoint") else { return };
    let Some(text) = node.as_str().filter(|t| !t.is_empty()) else { return };
    let Ok(host_port) = network::parse_host_port(text) else { return };
    let host = host_port.host;
    let loopback = host == "localhost" || host_port.ip.is_some_and(|ip| ip.is_loopback());
    if loopback {
        sink.report(node.span(), format!("controlPlaneEndpoint `{text}` is a loopback address"))
            .severity(Severity::Warning)
            .primary_label("every other node reads this from cluster-info")
            .help("joining nodes and every kubeconfig would connect to their own loopback; use a DNS name or virtual IP that reaches the control plane from every node. This only works when each node runs a local proxy to the API servers on that port");
        return;
    }
    let Some(ip) = host_port.ip else { return };
    let nodes: Vec<topology::NodeAddress> = topology::node_addresses(config)
        .into_iter()
        .filter(|a| a.ip == ip && is_own_address(a.field))
        .collect();
    let Some(own) = nodes.first() else { return };
    sink.report(node.span(), format!("controlPlaneEndpoint {ip} is this node's own address ({})", own.field))
        .label(own.node.span(), "the node's address")
        .help(format!(
            "it works for one control-plane node, but {ip} is written into the API server certificate and every kubeconfig: replacing this node or adding more means re-issuing them. A DNS name (or a virtual IP) you can move later avoids that: {}",
            suggestion(ip, host_port.port)
        ));
}

/// Fields that hold an address of the node itself, not of something in front of it.
fn is_own_address(field: &str) -> bool {
    matches!(field, "advertiseAddress" | "kubeletExtraArgs node-ip")
}

fn suggestion(ip: IpAddr, port: Option<&str>) -> String {
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    format!("`controlPlaneEndpoint: k8s-api.example.com{port}` resolving to {ip} for now")
}
