//! Pod and Service ranges must not share addresses with each other or with the network the
//! nodes live on: routes for the pod range capture traffic to a node inside it, and the
//! controller-manager's node-range allocator fails when the service range covers the pod range
//! (kubernetes/kubernetes pkg/controller/nodeipam). kubeadm did not check any of this until
//! kubernetes/kubeadm#3312, so every release in use accepts it. Ranges in public address space
//! hide the real owners of those addresses from every pod.

use std::net::IpAddr;

use crate::kubeadm::network::{self, Cidr, Family};
use crate::kubeadm::topology::{self, Networking, NodeAddress, Subnet};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "cidr-overlap",
    summary: "pod and service ranges that overlap each other, a node address, or public address space",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/cidr-overlap.md"),
    check,
};

/// At most this many addresses are pointed at per finding.
const MAX_LABELS: usize = 3;

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let addresses = topology::node_addresses(config);
    let service = networking.service.cidrs().unwrap_or_default();
    let pod = networking
        .pod
        .as_ref()
        .and_then(Subnet::cidrs)
        .unwrap_or_default();
    if let Some(pod_setting) = &networking.pod {
        for p in &pod {
            for s in service.iter().filter(|s| s.overlaps(p)) {
                report_pod_service(networking, pod_setting, p, s, sink);
            }
        }
    }
    let api_vip = networking.api_service_ip();
    for (name, setting, cidrs) in [
        ("podSubnet", networking.pod.as_ref(), &pod),
        ("serviceSubnet", Some(&networking.service), &service),
    ] {
        let Some(setting) = setting else { continue };
        for cidr in cidrs {
            let inside: Vec<&NodeAddress> = addresses
                .iter()
                .filter(|a| cidr.contains_ip(a.ip))
                .filter(|a| !(name == "serviceSubnet" && a.field == "apiServer.certSANs"))
                .filter(|a| Some(a.ip) != api_vip)
                .collect();
            if !inside.is_empty() {
                let others = if name == "podSubnet" { &service } else { &pod };
                report_node_addresses(name, setting, cidr, &inside, others, sink);
            }
            if setting.node.is_some() {
                check_address_space(name, setting, cidr, sink);
            }
        }
    }
}

fn report_pod_service(
    networking: &Networking,
    pod_setting: &Subnet,
    pod: &Cidr,
    service: &Cidr,
    sink: &mut Sink,
) {
    let Some(pod_node) = pod_setting.node else { return };
    let relation = if service.network().contains(&pod.network()) {
        "lies inside"
    } else if pod.network().contains(&service.network()) {
        "contains"
    } else {
        "overlaps"
    };
    let report = sink
        .report(
            pod_node.span(),
            format!(
                "the pod range {} {relation} the service range {}",
                pod.describe(),
                service.describe()
            ),
        )
        .primary_label(match pod.written_note() {
            Some(note) => format!("pod range, {note}"),
            None => "pod range".to_string(),
        })
        .help(format!(
            "a ClusterIP and a pod IP can then be the same address, and the controller-manager's node-range allocator refuses a service range covering pod ranges (\"failed after occupy serviceCIDR\"); {}",
            match alternative("pod", pod, &[*service]) {
                Some(other) => format!("use a separate range for pods, such as {other}"),
                None => "use separate ranges for pods and Services".to_string(),
            }
        ));
    match networking.service.span() {
        Some(span) => report.label(span, "service range"),
        None => report.label(
            pod_node.span(),
            format!("serviceSubnet is unset: the default is {}", network::DEFAULT_SERVICE_SUBNET),
        ),
    };
}

fn report_node_addresses(
    name: &str,
    setting: &Subnet,
    cidr: &Cidr,
    inside: &[&NodeAddress],
    others: &[Cidr],
    sink: &mut Sink,
) {
    let first = inside[0];
    let kind = if name == "podSubnet" { "pod" } else { "service" };
    let distinct: std::collections::BTreeSet<IpAddr> = inside.iter().map(|a| a.ip).collect();
    let listed = distinct
        .iter()
        .map(IpAddr::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let message = format!(
        "the {kind} range {} contains the node-side address{} {listed}",
        cidr.describe(),
        if distinct.len() > 1 { "es" } else { "" }
    );
    let consequence = if kind == "pod" {
        "the CNI routes the whole pod range into the cluster, so traffic to these hosts is captured and the nodes lose each other"
    } else {
        "kube-proxy treats the service range as virtual addresses, and the API server may hand one of them to a Service"
    };
    let mut avoid: Vec<Cidr> = inside
        .iter()
        .filter_map(|a| Cidr::parse(&format!("{}/{}", a.ip, Family::of(a.ip).bits())))
        .collect();
    avoid.extend_from_slice(others);
    let field = format!("networking.{name}");
    let advice = match alternative(kind, cidr, &avoid) {
        Some(other) => format!("set {field} to a range away from the node network, such as {other}"),
        None => format!("set {field} to a range away from the node network"),
    };
    let report = match setting.node {
        Some(node) => sink.report(node.span(), message).primary_label(match cidr.written_note() {
            Some(note) => format!("{kind} range, {note}"),
            None => format!("{kind} range"),
        }),
        None => sink.report(first.node.span(), message).primary_label(format!(
            "inside the default service range {}",
            network::DEFAULT_SERVICE_SUBNET
        )),
    };
    // Certificate SANs may name load balancers or virtual IPs rather than nodes.
    let only_sans = inside.iter().all(|a| a.field.ends_with("SANs"));
    let mut report = report.help(format!("{consequence}; {advice}"));
    if only_sans {
        report = report.severity(Severity::Warning);
    }
    if setting.node.is_some() {
        for address in inside.iter().take(MAX_LABELS) {
            report = report.label(address.node.span(), format!("{} ({})", address.ip, address.field));
        }
    }
}

fn check_address_space(name: &str, setting: &Subnet, cidr: &Cidr, sink: &mut Sink) {
    let Some(node) = setting.node else { return };
    let net = cidr.network();
    if network::public_v4_range(cidr) {
        sink.report(
            node.span(),
            format!("{name} {} is public address space", cidr.describe()),
        )
        .severity(Severity::Warning)
        .primary_label("not RFC 1918 or RFC 6598")
        .help(format!(
            "kubeadm accepts it, but pods can no longer reach the real hosts with these addresses; use a private range such as {}",
            private_guess(cidr, name)
        ));
    } else if cidr.family() == Family::V6 && cidr.overlaps(&Cidr::parse("fec0::/10").expect("constant")) {
        sink.report(
            node.span(),
            format!("{name} {net} uses deprecated IPv6 site-local addresses (fec0::/10)"),
        )
        .severity(Severity::Warning)
        .help("kubeadm warns (\"contains IPv6 site-local addresses that belong to fec0::/10 which has been deprecated by rfc3879\"); use a unique local range from fd00::/8");
    } else if net.contains(&network::docker_bridge().network()) || network::docker_bridge().contains(&net) {
        sink.report(
            node.span(),
            format!("{name} {} overlaps Docker's default bridge 172.17.0.0/16", cidr.describe()),
        )
        .severity(Severity::Info)
        .help("on nodes where Docker is installed, docker0 owns 172.17.0.0/16 and its route wins for those addresses; check with `ip -4 addr show docker0` on a node, or move the range (or Docker's bip) elsewhere");
    }
}

/// A common private range of the same size that avoids `taken`.
fn alternative(kind: &str, cidr: &Cidr, taken: &[Cidr]) -> Option<String> {
    if cidr.family() != Family::V4 {
        return None;
    }
    let prefix = cidr.prefix().max(12);
    let candidates: &[&str] = if kind == "pod" {
        &["10.244.0.0", "10.32.0.0", "172.16.0.0", "192.168.0.0", "100.64.0.0"]
    } else {
        &["10.96.0.0", "10.128.0.0", "172.20.0.0", "192.168.0.0", "100.96.0.0"]
    };
    candidates
        .iter()
        .filter_map(|base| Cidr::parse(&format!("{base}/{prefix}")))
        .map(|c| Cidr::parse(&c.network().to_string()).expect("canonical"))
        .find(|c| !network::public_v4_range(c) && !c.overlaps(cidr) && taken.iter().all(|t| !t.overlaps(c)))
        .map(|c| c.network().to_string())
}

/// The private range a public one was probably meant to be (`172.168.0.0/16` ->
/// `172.16.0.0/16`), or a common default.
fn private_guess(cidr: &Cidr, name: &str) -> String {
    let prefix = cidr.prefix();
    let guess = match cidr.network().network() {
        IpAddr::V4(v4) if v4.octets()[0] == 172 && prefix >= 12 => format!("172.16.0.0/{prefix}"),
        IpAddr::V4(v4) if v4.octets()[0] == 192 && prefix >= 16 => format!("192.168.0.0/{prefix}"),
        _ if name == "serviceSubnet" => network::DEFAULT_SERVICE_SUBNET.to_string(),
        _ => "10.244.0.0/16".to_string(),
    };
    Cidr::parse(&guess).map_or(guess, |c| c.network().to_string())
}
