//! kubeadm copies `extraArgs` of `apiServer`, `controllerManager` and `scheduler` into the static
//! Pod manifests (`cmd/kubeadm/app/phases/controlplane/manifests.go`); a flag the component no
//! longer knows makes it crash-loop ("unknown flag: --insecure-port"), and `kubeadm init` or
//! `upgrade` times out waiting for the control plane (kubernetes/kubeadm#2156, #2496). The
//! flags, values and releases are in `kubeadm::removals`.

use crate::kubeadm::extra_args::{self, Component};
use crate::rules::prelude::*;

use super::removed_kubelet_flags::report_flag;

pub const RULE: Rule = Rule {
    name: "removed-control-plane-flags",
    summary: "a control-plane extraArgs flag or value the targeted Kubernetes release no longer accepts",
    severity: Severity::Error,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/removed-control-plane-flags.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let version = target.kubernetes_or_kubeadm();
    let assumed = target.assumption_suffix();
    for component in [
        Component::ApiServer,
        Component::ControllerManager,
        Component::Scheduler,
    ] {
        for block in extra_args::blocks_of(config, component) {
            for arg in block.args() {
                report_flag(config.text(), sink, &block, &arg, version, &assumed);
            }
        }
    }
}
