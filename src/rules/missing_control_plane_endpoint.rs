//! Without `controlPlaneEndpoint` the cluster is tied to the first node's address: kubeadm
//! refuses to add control-plane nodes to it ("unable to add a new control plane instance to a
//! cluster that doesn't have a stable controlPlaneEndpoint address",
//! `checkIfReadyForAdditionalControlPlane` in cmd/kubeadm/app/cmd/phases/join/preflight.go) and
//! adding one later means
//! re-issuing the API server certificate and every kubeconfig (kubernetes/kubernetes#95564).

use crate::kubeadm::topology::{self, Networking};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "missing-control-plane-endpoint",
    summary: "no controlPlaneEndpoint: the cluster can never get a second control-plane node without re-issuing certificates",
    severity: Severity::Info,
    fix: FixAvailability::None,
    page: include_str!("../../rules/missing-control-plane-endpoint.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let Some(cluster) = networking.cluster.filter(|_| networking.complete) else {
        return;
    };
    if cluster
        .get("controlPlaneEndpoint")
        .and_then(|n| n.as_str())
        .is_some_and(|t| !t.trim().is_empty())
        || topology::has_near_key(cluster.root, "controlPlaneEndpoint")
    {
        return;
    }
    let at = cluster.kind_node.map_or(cluster.api_version_node.span(), |k| k.span());
    let control_plane_join = config.of_kind(Kind::JoinConfiguration).find_map(|join| {
        join.root
            .entry("controlPlane")
            .filter(|(_, value)| !value.is_null())
            .map(|(key, _)| key)
    });
    let certificate_key = networking
        .init
        .and_then(|init| init.root.entry("certificateKey"))
        .filter(|(_, v)| v.as_str().is_some_and(|t| !t.is_empty()));
    if let Some(key) = control_plane_join {
        sink.report(at, "this file joins a control-plane node, but the ClusterConfiguration has no controlPlaneEndpoint")
            .severity(Severity::Error)
            .label(key.span(), "control-plane join")
            .help("kubeadm refuses it (\"unable to add a new control plane instance to a cluster that doesn't have a stable controlPlaneEndpoint address\"); set controlPlaneEndpoint to a DNS name or virtual IP in front of all API servers, such as `k8s-api.example.com:6443`, before the first `kubeadm init`");
    } else if let Some((key, _)) = certificate_key {
        sink.report(at, "certificateKey is set to share control-plane certificates, but there is no controlPlaneEndpoint")
            .severity(Severity::Warning)
            .label(key.span(), "prepared for control-plane joins")
            .help("no control-plane node can join a cluster without controlPlaneEndpoint; set it to a DNS name or virtual IP in front of all API servers, such as `k8s-api.example.com:6443`");
    } else {
        sink.report(at, "no controlPlaneEndpoint: kubeadm will refuse to add control-plane nodes to this cluster")
            .help("the first node's address goes into the certificates and every kubeconfig; adding control-plane nodes later means re-issuing all of them. If the cluster may grow, set controlPlaneEndpoint now to a DNS name (better than an IP) that points at this node for the time being, such as `k8s-api.example.com:6443`");
    }
}
