//! Extra names for the API server and etcd certificates must each be an IP address, a DNS name or
//! a `*.` wildcard DNS name (`ValidateCertSANs` in
//! cmd/kubeadm/app/apis/kubeadm/validation/validation.go), or kubeadm stops; kubeadm lower-cases
//! `apiServer.certSANs` first but not the etcd lists. Several names kubeadm adds on its own
//! (`GetAPIServerAltNames`, `GetEtcdAltNames` in cmd/kubeadm/app/util/pkiutil), so listing them
//! changes nothing.

use std::collections::HashMap;

use crate::fix::{careful, structure};
use crate::kubeadm::network;
use crate::kubeadm::topology::Networking;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "cert-sans-invalid-or-redundant",
    summary: "certificate SANs that are not an IP or DNS name (with scheme, port, path, upper case), duplicated, or added by kubeadm anyway",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/cert-sans-invalid-or-redundant.md"),
    check,
};

/// Which certificate a SAN list is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Certificate {
    ApiServer,
    Etcd,
}

fn check(config: &ConfigSet, sink: &mut Sink) {
    let networking = Networking::of(config);
    let node_name = config
        .first(Kind::InitConfiguration)
        .and_then(|init| init.str_at(&["nodeRegistration", "name"]))
        .map(|name| name.value.to_ascii_lowercase());
    for cluster in config.of_kind(Kind::ClusterConfiguration) {
        for (keys, field, certificate) in [
            (&["apiServer", "certSANs"][..], "apiServer.certSANs", Certificate::ApiServer),
            (&["etcd", "local", "serverCertSANs"][..], "etcd.local.serverCertSANs", Certificate::Etcd),
            (&["etcd", "local", "peerCertSANs"][..], "etcd.local.peerCertSANs", Certificate::Etcd),
        ] {
            let Some(list) = cluster.path(keys).filter(|n| n.is_sequence()) else { continue };
            let automatic = automatic_names(certificate, networking, node_name.as_deref());
            check_list(config.text(), config.tree, list, field, certificate, &automatic, sink);
        }
    }
}

/// The names kubeadm puts into the certificate itself, with where each comes from.
fn automatic_names(
    certificate: Certificate,
    networking: Option<&Networking>,
    node_name: Option<&str>,
) -> Vec<(String, String)> {
    let mut names = Vec::new();
    if let Some(name) = node_name {
        names.push((name.to_string(), "the node name".to_string()));
    }
    let advertise = networking.and_then(|n| n.advertise_address()).map(|(ip, _)| ip);
    if let Some(ip) = advertise.filter(|ip| !ip.is_unspecified()) {
        names.push((ip.to_string(), "the advertise address".to_string()));
    }
    match certificate {
        Certificate::ApiServer => {
            let domain = networking.map_or(network::DEFAULT_DNS_DOMAIN, |n| n.dns_domain);
            for name in ["kubernetes", "kubernetes.default", "kubernetes.default.svc"] {
                names.push((name.to_string(), "a name of the kubernetes Service".to_string()));
            }
            names.push((
                format!("kubernetes.default.svc.{domain}"),
                "a name of the kubernetes Service".to_string(),
            ));
            if let Some(ip) = networking.and_then(Networking::api_service_ip) {
                names.push((ip.to_string(), "the kubernetes Service IP".to_string()));
            }
            let endpoint = networking
                .and_then(|n| n.cluster)
                .and_then(|c| c.str_at(&["controlPlaneEndpoint"]))
                .and_then(|e| network::parse_host_port(e.value).ok().map(|hp| hp.host.to_ascii_lowercase()));
            if let Some(host) = endpoint {
                let host = network::parse_ip(&host).map_or(host, |ip| ip.to_string());
                names.push((host, "the controlPlaneEndpoint host".to_string()));
            }
        }
        Certificate::Etcd => {
            names.push(("localhost".to_string(), "always added for etcd".to_string()));
            names.push(("127.0.0.1".to_string(), "always added for etcd".to_string()));
            names.push(("::1".to_string(), "always added for etcd".to_string()));
        }
    }
    names
}

fn is_valid(text: &str) -> bool {
    network::is_dns1123_subdomain(text)
        || network::is_wildcard_dns1123_subdomain(text)
        || network::parse_ip_sloppy(text).is_some()
}

/// The SAN a value was meant to be: blanks, a scheme, a path, brackets and a port removed,
/// lower case.
fn tidy(text: &str) -> String {
    let mut rest = text.trim();
    if let Some((_, after)) = rest.split_once("://") {
        rest = after;
    }
    rest = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    if let Some(bracketed) = rest.strip_prefix('[') {
        rest = bracketed.split(']').next().unwrap_or(bracketed);
    } else if let Ok((host, port)) = network::split_host_port(rest)
        && port.bytes().all(|b| b.is_ascii_digit())
    {
        rest = host;
    }
    rest.to_ascii_lowercase()
}

/// The form two SANs are compared in.
fn normalized(text: &str) -> String {
    match network::parse_ip_sloppy(text) {
        Some((ip, _)) => ip.to_string(),
        None => text.to_ascii_lowercase(),
    }
}

fn check_list(
    text: &str,
    tree: &crate::yaml::Tree,
    list: Node,
    field: &str,
    certificate: Certificate,
    automatic: &[(String, String)],
    sink: &mut Sink,
) {
    let mut seen: HashMap<String, Node> = HashMap::new();
    let mut redundant: Vec<(Node, &str, &str)> = Vec::new();
    for item in list.items() {
        let Some(value) = item.as_str() else { continue };
        if network::is_placeholder(value) {
            continue;
        }
        if value.trim().is_empty() {
            let edit = careful::keeping_comments(tree, structure::delete_item(text, list, item));
            sink.report(item.span(), format!("{field} has an empty entry"))
                .help("kubeadm refuses it (\"altname is not a valid IP address, DNS label or a DNS label with subdomain wildcards\"); remove it")
                .fix_safe("remove the empty entry", edit.into_iter().collect());
            continue;
        }
        if !is_valid(value) {
            invalid(item, value, field, certificate, sink);
            continue;
        }
        let key = normalized(value);
        if let Some(first) = seen.get(&key) {
            let edit = careful::keeping_comments(tree, structure::delete_item(text, list, item));
            sink.report(item.span(), format!("{field} lists `{value}` twice"))
                .severity(Severity::Info)
                .label(first.span(), "first listed here")
                .help("a certificate carries each name once; remove the repeat")
                .fix_safe("remove the repeated entry", edit.into_iter().collect());
            continue;
        }
        seen.insert(key.clone(), item);
        if let Some((_, why)) = automatic.iter().find(|(name, _)| *name == key) {
            redundant.push((item, value, why));
        }
    }
    if let Some(((first, _, _), rest)) = redundant.split_first() {
        let listed = redundant
            .iter()
            .map(|(_, value, why)| format!("`{value}` ({why})"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut report = sink
            .report(first.span(), format!("kubeadm adds these to the certificate anyway: {listed}"))
            .severity(Severity::Info)
            .help(format!("listing them in {field} changes nothing; keep the names kubeadm cannot know, such as a load balancer's DNS name or public IP"));
        for (node, _, _) in rest {
            report = report.label(node.span(), "added by kubeadm too");
        }
    }
}

fn invalid(item: Node, value: &str, field: &str, certificate: Certificate, sink: &mut Sink) {
    let kubeadm = "\"altname is not a valid IP address, DNS label or a DNS label with subdomain wildcards\"";
    let lower = value.to_ascii_lowercase();
    if certificate == Certificate::ApiServer && is_valid(&lower) {
        let edit = careful::set_scalar(item, &lower);
        sink.report(item.span(), format!("{field} entry `{value}` has upper-case letters"))
            .severity(Severity::Info)
            .help(format!("kubeadm lower-cases apiServer.certSANs before using them, so the certificate holds `{lower}`; write it that way"))
            .fix_safe(format!("write `{lower}`"), edit.into_iter().collect());
        return;
    }
    let tidied = tidy(value);
    let report = sink.report(item.span(), format!("{field} entry `{value}` is not an IP address or DNS name"));
    if is_valid(&tidied) {
        let edit = careful::set_scalar(item, &tidied);
        report
            .help(format!("kubeadm refuses it ({kubeadm}); a SAN is a bare name or address, without scheme, port, path or upper case: write `{tidied}`"))
            .fix_safe(format!("write `{tidied}`"), edit.into_iter().collect());
    } else {
        report.help(format!("kubeadm refuses it ({kubeadm}); write an IP address, a lower-case DNS name, or `*.` followed by a DNS name"));
    }
}
