//! A control-plane join fails late, after preflight, when the node has no way to get the
//! cluster certificates or advertises another node's address (kubernetes/kubernetes#80582,
//! #89499); and `controlPlane:` written with nothing after it is null, so kubeadm quietly joins
//! a worker instead (`controlPlane: {}` is what `--control-plane` means: kubernetes/kubernetes#94067).

use crate::kubeadm::{KubeadmVersion, places};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "join-control-plane-config",
    summary: "a control-plane join without a certificate key, with the init node's address, or an empty `controlPlane:` that joins a worker",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    page: include_str!("../../rules/join-control-plane-config.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let init_address = places::documents(config, Kind::InitConfiguration)
        .find_map(|init| init.path(&["localAPIEndpoint", "advertiseAddress"]))
        .filter(|n| n.as_str().is_some_and(|s| !s.is_empty()));
    for join in places::documents(config, Kind::JoinConfiguration) {
        let Some((key, control_plane)) = join.root.entry("controlPlane") else { continue };
        if control_plane.is_null() {
            if control_plane.span().is_empty() {
                sink.report(key.span(), "`controlPlane:` with no value is null, so this file joins a worker node")
                    .help("kubeadm makes a control-plane join only when controlPlane is set; write `controlPlane: {}` (the same as --control-plane) or fill in localAPIEndpoint / certificateKey, or remove the key for a worker");
            }
            continue;
        }
        if !control_plane.is_mapping() {
            continue;
        }
        let has_key = control_plane
            .get("certificateKey")
            .is_some_and(|k| !k.is_null() && k.as_str() != Some(""));
        // A key misplaced at the top of the document is reported by certificate-key-invalid.
        let misplaced = join.root.get("certificateKey").is_some();
        let knows_keys = join.kubeadm_version().is_some_and(|v| v >= KubeadmVersion::V1beta2);
        if !has_key && !misplaced && knows_keys {
            sink.report(key.span(), "control-plane join without controlPlane.certificateKey")
                .help("kubeadm then downloads no certificates: /etc/kubernetes/pki must already hold the cluster CA, front-proxy CA, service-account key pair and etcd CA copied from the first control plane, or the join fails; otherwise set certificateKey to the key `kubeadm init --upload-certs` (or `kubeadm init phase upload-certs --upload-certs`) prints, valid for two hours");
        }
        if let (Some(own), Some(init)) = (control_plane.path(&["localAPIEndpoint", "advertiseAddress"]), init_address)
            && own.as_str() == init.as_str()
            && !places::is_templated(config, own)
        {
            sink.report(own.span(), format!("this control-plane node advertises `{}`, the address of the init node", own.as_str().unwrap_or_default()))
                .label(init.span(), "InitConfiguration advertises the same address")
                .help("each control-plane node must advertise its own IP: the API server and etcd on this node would claim another node's address; write this node's address or remove advertiseAddress so kubeadm detects it");
        }
    }
}
