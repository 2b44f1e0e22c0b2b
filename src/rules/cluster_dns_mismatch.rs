//! kubeadm always creates the `kube-dns` Service at the 10th address of the first service range
//! (`GetDNSIP` in cmd/kubeadm/app/constants/constants.go), and writes that address into the
//! kubelet's `clusterDNS` unless the file sets one; a different value only earns a warning
//! (`Default` in cmd/kubeadm/app/componentconfigs/kubelet.go) and leaves every pod's
//! resolv.conf pointing at an address where nothing answers.

use std::net::IpAddr;

use crate::fix::careful;
use crate::kubeadm::network::{self, Family};
use crate::kubeadm::topology::Networking;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "cluster-dns-mismatch",
    summary: "KubeletConfiguration.clusterDNS is not the 10th address of the first service range, where kubeadm puts CoreDNS",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/cluster-dns-mismatch.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let Some(kubelet) = config.first(Kind::KubeletConfiguration) else { return };
    let Some(list) = kubelet.get("clusterDNS").filter(|n| n.is_sequence()) else {
        return;
    };
    let (Some(expected), Some(primary)) = (networking.dns_ip(), networking.primary_service()) else {
        return;
    };
    let service_cidrs = networking.service.cidrs().unwrap_or_default();
    let entries: Vec<(Node, IpAddr)> = list
        .items()
        .filter_map(|item| {
            let text = item.as_str()?;
            if network::is_placeholder(text) {
                return None;
            }
            network::parse_ip_sloppy(text.trim()).map(|(ip, _)| (item, ip))
        })
        .collect();
    if entries.len() != list.len() {
        return;
    }
    let where_dns = format!(
        "kubeadm creates the kube-dns Service at {expected}, the 10th address of {}",
        match networking.service.node {
            Some(_) => format!("the service range {}", primary.shown()),
            None => format!("the default service range {}", network::DEFAULT_SERVICE_SUBNET),
        }
    );
    let wrong: Vec<&(Node, IpAddr)> = entries
        .iter()
        .filter(|(_, ip)| *ip != expected && !network::is_link_local(*ip))
        .collect();
    if wrong.is_empty() {
        if entries.iter().any(|(_, ip)| network::is_link_local(*ip)) {
            sink.report(
                list.span(),
                format!("clusterDNS points pods at a link-local address; {where_dns}"),
            )
            .severity(Severity::Info)
            .help(format!(
                "this is right when NodeLocal DNSCache listens there and forwards to {expected}; otherwise pods get no DNS. kubeadm prints a warning either way"
            ));
        }
        return;
    }
    let only_entry = entries.len() == 1;
    for (node, ip) in wrong {
        let problem = if Family::of(*ip) != primary.family() {
            format!(
                "clusterDNS {ip} is {}, but the first service range is {}",
                Family::of(*ip),
                primary.family()
            )
        } else if service_cidrs.iter().any(|c| c.contains_ip(*ip)) {
            format!("clusterDNS {ip} is not the kube-dns Service address")
        } else {
            format!("clusterDNS {ip} is outside every service range")
        };
        let report = sink
            .report(node.span(), format!("{problem}; {where_dns}"))
            .primary_label("nothing answers DNS here")
            .help(format!(
                "pods would send every DNS query to {ip}; write `clusterDNS: [{expected}]`, or drop clusterDNS and let kubeadm fill it in"
            ));
        let report = match networking.service.span() {
            Some(span) => report.label(span, "service range"),
            None => report,
        };
        if only_entry {
            let edit = careful::set_scalar(*node, &expected.to_string());
            report.fix_safe(format!("write {expected}"), edit.into_iter().collect());
        }
    }
}
