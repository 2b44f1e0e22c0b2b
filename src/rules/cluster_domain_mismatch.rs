//! CoreDNS serves `networking.dnsDomain`, and pods search the kubelet's `clusterDomain`; kubeadm
//! fills `clusterDomain` from `dnsDomain` but only warns when the file sets another one
//! (cmd/kubeadm/app/componentconfigs/kubelet.go), and refuses a `dnsDomain` that is not a
//! DNS-1123 subdomain (`ValidateNetworking` in
//! cmd/kubeadm/app/apis/kubeadm/validation/validation.go).

use crate::fix::careful;
use crate::kubeadm::network;
use crate::kubeadm::topology::Networking;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "cluster-domain-mismatch",
    summary: "KubeletConfiguration.clusterDomain differs from networking.dnsDomain, or dnsDomain is invalid",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/cluster-domain-mismatch.md"),
    check,
};

/// Last labels of names that are not public DNS (RFC 6761, RFC 6762, RFC 8375 and common
/// private use).
const PRIVATE_SUFFIXES: [&str; 12] = [
    "local", "internal", "cluster", "lan", "localdomain", "home", "corp", "intranet", "private",
    "test", "invalid", "localhost",
];

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let domain = networking.dns_domain;
    if network::is_placeholder(domain) {
        return;
    }
    let valid = network::is_dns1123_subdomain(domain);
    if let Some(node) = networking.dns_domain_node {
        if !valid {
            report_invalid(node, domain, sink);
        } else if looks_public(domain) {
            sink.report(
                node.span(),
                format!("dnsDomain `{domain}` looks like a public domain"),
            )
            .severity(Severity::Info)
            .help(format!(
                "CoreDNS answers for every name under {domain} inside the cluster, so pods cannot reach real hosts of that domain; a private name such as cluster.local avoids that. The domain cannot be changed after `kubeadm init`"
            ));
        }
    }
    if !valid {
        return;
    }
    let Some(kubelet) = config.first(Kind::KubeletConfiguration) else { return };
    let Some(node) = kubelet.get("clusterDomain").filter(|n| !n.is_null()) else {
        return;
    };
    let Some(cluster_domain) = node.as_str().filter(|t| !t.is_empty()) else {
        return;
    };
    if cluster_domain == domain || network::is_placeholder(cluster_domain) {
        return;
    }
    let same_name = cluster_domain.trim_end_matches('.').eq_ignore_ascii_case(domain);
    let origin = match networking.dns_domain_node {
        Some(_) => format!("networking.dnsDomain is `{domain}`"),
        None => format!("networking.dnsDomain is unset, so `{domain}`"),
    };
    let report = sink.report(
        node.span(),
        format!("clusterDomain `{cluster_domain}` differs from the cluster's DNS domain: {origin}"),
    );
    let report = if same_name {
        report
            .severity(Severity::Info)
            .help(format!("it names the same domain, but kubeadm compares the text and prints a warning; write `{domain}`"))
    } else {
        report
            .primary_label("pods search this domain")
            .help(format!(
                "CoreDNS answers for {domain}, so `my-svc.my-ns.svc.{cluster_domain}` resolves nowhere; kubeadm only warns. Write `clusterDomain: {domain}`, or drop it and let kubeadm fill it in"
            ))
    };
    let report = match networking.dns_domain_node {
        Some(dns) => report.label(dns.span(), "CoreDNS serves this domain"),
        None => report,
    };
    let edit = careful::set_scalar(node, domain);
    report.fix_safe(format!("write `{domain}`"), edit.into_iter().collect());
}

fn report_invalid(node: Node, domain: &str, sink: &mut Sink) {
    let cleaned = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let report = sink
        .report(
            node.span(),
            format!("dnsDomain `{domain}` is not a valid DNS name"),
        )
        .severity(Severity::Error)
        .primary_label("lowercase letters, digits, `-` and `.` only")
        .help(if network::is_dns1123_subdomain(&cleaned) {
            format!("kubeadm refuses it (ValidateNetworking: a lowercase RFC 1123 subdomain); write `{cleaned}`, the same DNS name")
        } else {
            "kubeadm refuses it (ValidateNetworking: a lowercase RFC 1123 subdomain); use a name such as cluster.local".to_string()
        });
    if network::is_dns1123_subdomain(&cleaned) {
        let edit = careful::set_scalar(node, &cleaned);
        report.fix_safe(format!("write `{cleaned}`"), edit.into_iter().collect());
    }
}

/// Several labels and a last label that is not a private-use one.
fn looks_public(domain: &str) -> bool {
    let mut labels = domain.rsplit('.');
    let last = labels.next().unwrap_or_default();
    let second = labels.next();
    second.is_some() && !PRIVATE_SUFFIXES.contains(&last) && !domain.ends_with("home.arpa")
}
