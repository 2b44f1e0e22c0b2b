//! kube-proxy uses `clusterCIDR` to tell pod traffic from outside traffic when it masquerades;
//! kubeadm fills it from `networking.podSubnet`, but when the file sets another value it only
//! warns (`Default` in cmd/kubeadm/app/componentconfigs/kubeproxy.go). The same file warns
//! about a `bindAddress` that is not the "all addresses" value of the advertise address's
//! family.

use crate::fix::careful;
use crate::kubeadm::network::{self, CidrList, Family};
use crate::kubeadm::topology::Networking;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "kube-proxy-cluster-cidr-mismatch",
    summary: "KubeProxyConfiguration.clusterCIDR differs from networking.podSubnet, or bindAddress has the other family",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/kube-proxy-cluster-cidr-mismatch.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let Some(proxy) = config.first(Kind::KubeProxyConfiguration) else { return };
    check_cluster_cidr(networking, proxy, sink);
    check_bind_address(networking, proxy, sink);
}

fn check_cluster_cidr(networking: &Networking, proxy: &KubeadmDocument, sink: &mut Sink) {
    let Some(node) = proxy.get("clusterCIDR").filter(|n| !n.is_null()) else { return };
    let Some(text) = node.as_str().filter(|t| !t.is_empty()) else { return };
    let Some(pod) = &networking.pod else { return };
    let Some(pod_node) = pod.node else { return };
    if text == pod.text || network::is_placeholder(text) || network::is_placeholder(pod.text) {
        return;
    }
    let (Some(theirs), Some(ours)) = (CidrList::parse(text).valid(), pod.cidrs()) else {
        return;
    };
    let networks = |cidrs: &[network::Cidr]| cidrs.iter().map(|c| c.network()).collect::<Vec<_>>();
    let report = if networks(&theirs) == networks(&ours) {
        sink.report(
            node.span(),
            format!("clusterCIDR `{text}` is podSubnet `{}` written differently", pod.text),
        )
        .severity(Severity::Info)
        .help("the ranges are the same, but kubeadm compares the text and prints a warning; copy podSubnet as written")
    } else {
        let shown = |cidrs: &[network::Cidr]| {
            cidrs.iter().map(network::Cidr::shown).collect::<Vec<_>>().join(",")
        };
        sink.report(
            node.span(),
            format!(
                "kube-proxy's clusterCIDR {} is not the pod range {}",
                shown(&theirs),
                shown(&ours)
            ),
        )
        .primary_label("kube-proxy treats these as pod addresses")
        .help(format!(
            "kube-proxy decides from clusterCIDR which traffic to masquerade, while pods get addresses from podSubnet; traffic from pods outside clusterCIDR to Services is mis-handled. kubeadm only warns. Write `clusterCIDR: \"{}\"`, or drop it and let kubeadm copy podSubnet",
            pod.text
        ))
    };
    let edit = careful::set_scalar(node, pod.text);
    report
        .label(pod_node.span(), "pod range")
        .fix_safe("copy podSubnet into clusterCIDR", edit.into_iter().collect());
}

fn check_bind_address(networking: &Networking, proxy: &KubeadmDocument, sink: &mut Sink) {
    let Some(node) = proxy.get("bindAddress") else { return };
    let Some(text) = node.as_str() else { return };
    let Some(bind) = network::parse_ip(text.trim()) else { return };
    let Some((advertise, advertise_node)) = networking.advertise_address() else { return };
    if advertise.is_unspecified() {
        return;
    }
    let family = Family::of(advertise);
    // `::` listens on both families on Linux.
    if Family::of(bind) == family || (bind.is_unspecified() && Family::of(bind) == Family::V6) {
        return;
    }
    let wanted = family.unspecified();
    let report = sink
        .report(
            node.span(),
            format!(
                "bindAddress {bind} is {}, but the node advertises the {family} address {advertise}",
                Family::of(bind)
            ),
        )
        .label(advertise_node.span(), "advertise address")
        .help(format!(
            "kube-proxy serves on {bind} only; kubeadm defaults bindAddress to {wanted} for an {family} node and warns about any other value. Write `bindAddress: \"{wanted}\"`"
        ));
    if bind.is_unspecified() {
        let edit = careful::set_scalar(node, wanted);
        report.fix_safe(format!("write {wanted}"), edit.into_iter().collect());
    }
}
