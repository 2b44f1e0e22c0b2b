//! The kubelet lost its built-in dockershim in 1.24 (PR #106907): preflight then fails with
//! "[ERROR CRI]: container runtime is not running ... unix:///var/run/dockershim.sock"
//! (containerd/containerd#4581). Docker users need cri-dockerd and its socket; everyone else
//! points `criSocket` at containerd or CRI-O (kubeadm's handling: PR #106973).

use crate::fix::edits;
use crate::kubeadm::cri;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "dockershim-socket-removed",
    summary: "criSocket points at dockershim, which kubelets from 1.24 on no longer have",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/dockershim-socket-removed.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let kubelet = target.kubernetes_or_kubeadm();
    let assumed = target.assumption_suffix();
    for (field, node) in cri::sockets(config) {
        let Some(value) = node.as_str() else { continue };
        if !cri::is_dockershim(value) {
            continue;
        }
        let replacement = cri::cri_dockerd_for(value);
        if kubelet.minor_line() >= cri::DOCKERSHIM_REMOVED {
            let edit = edits::replace_scalar(node, replacement);
            sink.report(node.span(), format!("kubelet {kubelet} has no dockershim: `{field}: {value}` answers only if cri-dockerd serves it{assumed}"))
                .primary_label("dockershim was removed in 1.24")
                .help(format!("preflight fails with \"container runtime is not running\"; with Docker Engine install cri-dockerd and write `{replacement}`, otherwise use containerd (unix:///var/run/containerd/containerd.sock) or CRI-O (unix:///var/run/crio/crio.sock)"))
                .fix_unsafe(format!("switch to cri-dockerd: {replacement}"), edit.into_iter().collect());
        } else {
            sink.report(node.span(), format!("`{field}: {value}` uses dockershim, which kubelet 1.24 and later no longer have{assumed}"))
                .severity(Severity::Info)
                .help(format!("fine for kubelet {kubelet}; before upgrading to 1.24 move to containerd, CRI-O, or cri-dockerd (`{replacement}`)"));
        }
    }
}
