//! kube-proxy's IPVS mode is unmaintained and deprecated since 1.35 (PR #134539; kube-proxy logs
//! a warning and emits an IPVSDeprecation event); kubeadm 1.37 warns about it (PR #139067), and
//! the KubeProxyIPVS gate prepares its removal (KEP-5495). kubeadm 1.37 also writes
//! `mode: iptables` when the mode is empty (PR #139777). Release facts: `kubeadm::components`.

use crate::fix::edits;
use crate::kubeadm::components::{self, IPVS_DEPRECATED};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "kube-proxy-ipvs-deprecated",
    summary: "kube-proxy in IPVS mode, deprecated since Kubernetes 1.35",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/kube-proxy-ipvs-deprecated.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let version = target.kubernetes_or_kubeadm();
    let kubeadm = target.kubeadm_minor();
    let assumed = target.assumption_suffix();
    for doc in config.of_kind(Kind::KubeProxyConfiguration) {
        match doc.str_at(&["mode"]) {
            Some(mode) if mode.value == "ipvs" => {
                if version.minor_line() >= IPVS_DEPRECATED {
                    let edit = edits::replace_scalar(mode.node, "nftables");
                    sink.report(mode.span, format!("kube-proxy {version} deprecates the IPVS mode{assumed}"))
                        .primary_label("deprecated since 1.35")
                        .help("kube-proxy warns and emits IPVSDeprecation events, kubeadm 1.37 warns too, and a later release switches IPVS off (KEP-5495); move to `nftables` (kernel 5.13 or newer) or `iptables`; MetalLB users of `ipvs.strictARP` need its own L2 settings instead")
                        .fix_unsafe("switch kube-proxy to nftables", edit.into_iter().collect());
                } else {
                    sink.report(mode.span, format!("kube-proxy deprecates the IPVS mode from 1.35 on{assumed}"))
                        .severity(Severity::Info)
                        .help(format!("fine for kube-proxy {version}; plan the move to `nftables` (generally available from 1.33) or `iptables` before upgrading to 1.35"));
                }
            }
            Some(_) => {}
            None if kubeadm >= components::KUBEADM_DEFAULTS_PROXY_MODE => {
                let at = doc.kind_node.map_or(doc.api_version_node.span(), |k| k.span());
                sink.report(at, format!("kubeadm {kubeadm} writes `mode: iptables` for this KubeProxyConfiguration{assumed}"))
                    .severity(Severity::Info)
                    .help("kubeadm fills an empty mode since 1.37 (PR #139777), while kube-proxy's own default is to change to nftables later (KEP-5343); write the mode you want");
            }
            None => {}
        }
    }
}
