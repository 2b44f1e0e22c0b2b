//! Services get their ClusterIPs from `serviceSubnet`, which the API server keeps as a bitmap in
//! etcd: kubeadm (`ValidateServiceSubnetSize` and `ValidateIPNetFromString` in
//! cmd/kubeadm/app/apis/kubeadm/validation/validation.go) and the API server refuse a range with
//! more than 20 host bits or fewer than 10 addresses. Within those limits an IPv6 range is only
//! used up to 65,536 addresses, and a small IPv4 range caps the number of Services.

use crate::kubeadm::network::{
    self, Cidr, Family, IPV6_SERVICE_ALLOCATOR_LIMIT, MAX_SERVICE_HOST_BITS,
    MIN_SERVICE_ADDRESSES,
};
use crate::kubeadm::topology::Networking;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "service-subnet-size",
    summary: "serviceSubnet larger than kubeadm allows (more than 20 host bits) or smaller than 10 addresses",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/service-subnet-size.md"),
    check,
};

/// IPv4 service ranges this small (a /24) get a hint with the number of Services they hold.
const SMALL_V4_RANGE: u128 = 256;

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let Some(node) = networking.service.node else { return };
    let Some(cidrs) = networking.service.cidrs() else { return };
    for cidr in cidrs {
        check_range(&cidr, node, sink);
    }
}

fn check_range(cidr: &Cidr, node: Node, sink: &mut Sink) {
    let net = cidr.shown();
    let note = cidr.written_note().map(|n| format!(" ({n})")).unwrap_or_default();
    let bits = cidr.family().bits();
    let min_prefix = bits - MAX_SERVICE_HOST_BITS;
    if cidr.host_bits() > MAX_SERVICE_HOST_BITS {
        sink.report(
            node.span(),
            format!(
                "the service range {net} has {} host bits; kubeadm allows at most {MAX_SERVICE_HOST_BITS}",
                cidr.host_bits()
            ),
        )
        .primary_label(format!("prefix must be /{min_prefix} or longer{note}"))
        .help(format!(
            "kubeadm refuses it (\"specified service subnet is too large; for {bits}-bit addresses, the mask must be >= {min_prefix}\"), and so does the API server; use a /{min_prefix} or smaller such as {}",
            suggestion(cidr, min_prefix)
        ));
        return;
    }
    let size = cidr.kubeadm_range_size();
    if size < MIN_SERVICE_ADDRESSES {
        sink.report(
            node.span(),
            format!("the service range {net} holds {size} address(es); kubeadm needs at least {MIN_SERVICE_ADDRESSES}"),
        )
        .help(format!(
            "kubeadm refuses it (\"subnet with {size} address(es) is too small, the minimum is {MIN_SERVICE_ADDRESSES}\"){note}; CoreDNS alone takes the 10th address. Use at least a /{} ",
            bits - 4
        ).trim_end().to_string());
        return;
    }
    match cidr.family() {
        Family::V6 if cidr.addresses() > IPV6_SERVICE_ALLOCATOR_LIMIT => {
            sink.report(
                node.span(),
                format!(
                    "the API server allocates ClusterIPs from at most the first 65,536 addresses of {net}"
                ),
            )
            .severity(Severity::Info)
            .help("the IPv6 Service IP allocator is capped at 65,536 addresses (a /112); a /112 says what you get");
        }
        Family::V4 if cidr.addresses() <= SMALL_V4_RANGE => {
            sink.report(
                node.span(),
                format!(
                    "the service range {net} leaves room for about {} Services",
                    cidr.addresses().saturating_sub(2)
                ),
            )
            .severity(Severity::Info)
            .help("`kubernetes` takes the 1st address and kube-dns the 10th; the range cannot be changed after `kubeadm init`, so size it for the cluster's lifetime");
        }
        _ => {}
    }
}

/// The address as written with the shortest prefix kubeadm accepts.
fn suggestion(cidr: &Cidr, prefix: u8) -> String {
    match ipnet::IpNet::new(cidr.written.addr(), prefix) {
        Ok(net) => net.trunc().to_string(),
        Err(_) => network::DEFAULT_SERVICE_SUBNET.to_string(),
    }
}
