//! An advertise address of `0.0.0.0`/`::` or a loopback address is not "listen everywhere" or
//! "this host": kubeadm resolves it on the node, at `init`/`join` time
//! (`SetAPIEndpointDynamicDefaults`, `ChooseAPIServerBindAddress` and
//! `VerifyAPIServerBindAddress` in cmd/kubeadm/app/util/config/common.go), to the address of the
//! default-route interface, or to a global address found on `lo`. On hosts with several
//! interfaces that is often not the network the cluster should use, and the address ends up in
//! certificates, etcd and every kubeconfig. Link-local and multicast addresses are refused.

use std::net::IpAddr;

use crate::kubeadm::network;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "advertise-address-special-value",
    summary: "advertiseAddress 0.0.0.0, ::, loopback or link-local: not an address other nodes can reach",
    severity: Severity::Info,
    fix: FixAvailability::None,
    page: include_str!("../../rules/advertise-address-special-value.md"),
    check,
};

/// `kubeadm config print init-defaults` writes this address.
const INIT_DEFAULTS_PLACEHOLDER: &str = "1.2.3.4";

fn check(config: &ConfigSet, sink: &mut Sink) {
    for doc in &config.documents {
        let (keys, place): (&[&str], &str) = match doc.kind {
            Some(Kind::InitConfiguration) => (&["localAPIEndpoint", "advertiseAddress"], "localAPIEndpoint"),
            Some(Kind::JoinConfiguration) => (
                &["controlPlane", "localAPIEndpoint", "advertiseAddress"],
                "controlPlane.localAPIEndpoint",
            ),
            _ => continue,
        };
        let Some(node) = doc.path(keys) else { continue };
        let Some(text) = node.as_str().map(str::trim) else { continue };
        let Some((ip, _)) = network::parse_ip_sloppy(text) else { continue };
        check_address(ip, text, node, place, sink);
    }
}

fn check_address(ip: IpAddr, text: &str, node: Node, place: &str, sink: &mut Sink) {
    let route_check = match ip {
        IpAddr::V4(_) => "`ip -4 route get 1.1.1.1`",
        IpAddr::V6(_) => "`ip -6 route get 2001:4860:4860::8888`",
    };
    // 1.2.3.4, the init-defaults placeholder, is placeholder-defaults-left-in's to report.
    if text == INIT_DEFAULTS_PLACEHOLDER {
        return;
    }
    if ip.is_unspecified() {
        sink.report(node.span(), format!("{place}.advertiseAddress {ip} means \"the address of the default-route interface\", not \"every address\""))
            .help(format!(
                "kubeadm resolves it on the node; on a host with several interfaces that may be the wrong network, and the result lands in certificates, etcd and every kubeconfig. Check which address it picks with {route_check} on the node, or write that address here"
            ));
    } else if ip.is_loopback() {
        sink.report(node.span(), format!("{place}.advertiseAddress {ip} is a loopback address"))
            .help("kubeadm takes it as \"the global address configured on the lo interface\" (for RFC 5549 routing setups) and fails with \"unable to resolve link-local addresses\" when there is none; other nodes can never reach 127.0.0.1. Check with `ip addr show lo` on the node, or write the node's own address");
    } else if network::is_link_local(ip) || ip.is_multicast() {
        sink.report(node.span(), format!("{place}.advertiseAddress {ip} is not a global unicast address"))
            .severity(Severity::Error)
            .help(format!("kubeadm refuses it (\"cannot use \\\"{ip}\\\" as the bind address for the API Server\"); write the node's routable address"));
    }
}
