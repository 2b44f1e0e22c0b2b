//! An IPv6 address followed by `:port` must be written in brackets (`[fd00::1]:6443`): without
//! them `fd00::1:6443` is itself an IPv6 address, so kubeadm's `ParseHostPort`
//! (cmd/kubeadm/app/util/endpoint.go) takes it as a host without port, Go's `SplitHostPort`
//! refuses it ("too many colons in address") and etcd and the API server cannot parse such URLs
//! (kubernetes/kubeadm#334, #1212, #1569).

use crate::fix::careful;
use crate::kubeadm::extra_args::{self, Arg};
use crate::kubeadm::network;
use crate::kubeadm::topology;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "ipv6-endpoint-brackets",
    summary: "an IPv6 address with a port written without [brackets] in an endpoint or URL",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/ipv6-endpoint-brackets.md"),
    check,
};

/// etcd's client, peer and metrics ports.
const ETCD_PORTS: [u16; 3] = [2379, 2380, 2381];

/// etcd flags that hold URL lists; `initial-cluster` holds `name=URL` pairs.
const ETCD_URL_FLAGS: [&str; 6] = [
    "listen-client-urls",
    "advertise-client-urls",
    "listen-peer-urls",
    "initial-advertise-peer-urls",
    "listen-metrics-urls",
    "initial-cluster",
];

fn check(config: &ConfigSet, sink: &mut Sink) {
    let api_ports = topology::api_ports(config);
    for doc in &config.documents {
        match doc.kind {
            Some(Kind::ClusterConfiguration) => {
                if let Some(node) = doc.get("controlPlaneEndpoint") {
                    host_port(node, "controlPlaneEndpoint", &api_ports, sink);
                }
                for item in doc
                    .path(&["etcd", "external", "endpoints"])
                    .into_iter()
                    .flat_map(|n| n.items())
                {
                    url_list(item, "etcd.external.endpoints", sink);
                }
                for arg in extra_args::component_args(doc.root, &["etcd", "local"]) {
                    if ETCD_URL_FLAGS.contains(&arg.name) {
                        flag(&arg, "etcd.local.extraArgs", sink);
                    }
                }
                for arg in extra_args::component_args(doc.root, &["apiServer"]) {
                    if arg.name == "etcd-servers" {
                        flag(&arg, "apiServer.extraArgs", sink);
                    }
                }
            }
            Some(Kind::JoinConfiguration) => {
                if let Some(node) = doc.path(&["discovery", "bootstrapToken", "apiServerEndpoint"])
                {
                    host_port(node, "discovery.bootstrapToken.apiServerEndpoint", &api_ports, sink);
                }
            }
            _ => {}
        }
    }
}

fn host_port(node: Node, field: &str, likely_ports: &[u16], sink: &mut Sink) {
    let Some(text) = node.as_str() else { return };
    let Some((ip, port)) = network::unbracketed_ipv6_with_port(text.trim(), likely_ports) else {
        return;
    };
    let fixed = format!("[{ip}]:{port}");
    let reading = if network::parse_ip(text.trim()).is_some() {
        format!("kubeadm reads `{text}` as one IPv6 address without a port")
    } else {
        format!("`{text}` is not an address kubeadm can split into host and port")
    };
    let edit = careful::set_scalar(node, &fixed);
    sink.report(node.span(), format!("{field}: {reading}"))
        .primary_label("IPv6 address and port without brackets")
        .help(format!(
            "an IPv6 address with a port is written in brackets: `{fixed}`"
        ))
        .fix_safe(format!("write `{fixed}`"), edit.into_iter().collect());
}

/// A node holding one URL or a comma-separated list of URLs (optionally `name=URL`).
fn url_list(node: Node, field: &str, sink: &mut Sink) {
    let Some(text) = node.as_str() else { return };
    let mut fixed_parts = Vec::new();
    let mut unfixable = None;
    let mut changed = false;
    for part in text.split(',') {
        let (name, url) = match part.split_once('=') {
            Some((name, url)) if !name.contains("://") => (Some(name), url),
            _ => (None, part),
        };
        let url_fixed = match network::unbracketed_ipv6_url(url.trim(), &ETCD_PORTS) {
            Some(Ok(fixed)) => {
                changed = true;
                fixed
            }
            Some(Err(())) => {
                unfixable.get_or_insert(url.trim().to_string());
                url.to_string()
            }
            None => url.to_string(),
        };
        fixed_parts.push(match name {
            Some(name) => format!("{name}={url_fixed}"),
            None => url_fixed,
        });
    }
    if let Some(url) = unfixable {
        sink.report(
            node.span(),
            format!("{field}: the IPv6 address in `{url}` needs brackets"),
        )
        .help("write the address in brackets with its port, such as https://[fd00::10]:2379");
    } else if changed {
        let fixed = fixed_parts.join(",");
        let edit = careful::set_scalar(node, &fixed);
        sink.report(
            node.span(),
            format!("{field}: `{text}` has an IPv6 address and port without brackets"),
        )
        .primary_label("the URL parser cannot tell the port from the address")
        .help(format!(
            "etcd and kubeadm fail to parse it (\"invalid port\", \"too many colons\"); write `{fixed}`"
        ))
        .fix_safe("put the IPv6 addresses in brackets", edit.into_iter().collect());
    }
}

fn flag(arg: &Arg, place: &str, sink: &mut Sink) {
    if let Some(value) = arg.value {
        url_list(value, &format!("{place} {}", arg.name), sink);
    }
}
