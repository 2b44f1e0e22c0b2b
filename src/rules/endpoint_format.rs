//! kubeadm takes `controlPlaneEndpoint` as `host[:port]`, the advertise address as a bare IP with
//! the port in `bindPort`, and the discovery endpoint as `host:port`
//! (`ValidateHostPort`, `ValidateAPIEndpoint`, `ValidateDiscoveryTokenAPIServer`,
//! `ValidateDiscoveryKubeConfigPath` and `ValidateJoinConfiguration` in
//! cmd/kubeadm/app/apis/kubeadm/validation/validation.go, `ParseHostPort` in
//! cmd/kubeadm/app/util/endpoint.go). A scheme, a path, a port in the wrong field or an upper-case
//! host name stops `kubeadm init` or `join` before it does anything.

use crate::fix::careful;
use crate::kubeadm::network::{self, HostPortError, SplitError};
use crate::kubeadm::topology;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "endpoint-format",
    summary: "controlPlaneEndpoint, advertiseAddress/bindPort or the discovery endpoint in a form kubeadm refuses",
    severity: Severity::Error,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/endpoint-format.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let api_ports = topology::api_ports(config);
    for doc in &config.documents {
        match doc.kind {
            Some(Kind::ClusterConfiguration) => {
                if let Some(node) = doc.get("controlPlaneEndpoint") {
                    control_plane_endpoint(node, &api_ports, sink);
                }
            }
            Some(Kind::InitConfiguration) => {
                if let Some(endpoint) = doc.get("localAPIEndpoint") {
                    api_endpoint(endpoint, "localAPIEndpoint", sink);
                }
            }
            Some(Kind::JoinConfiguration) => {
                if let Some(endpoint) = doc.path(&["controlPlane", "localAPIEndpoint"]) {
                    api_endpoint(endpoint, "controlPlane.localAPIEndpoint", sink);
                }
                discovery(doc, &api_ports, sink);
                if let Some(node) = doc.get("caCertPath") {
                    ca_cert_path(node, sink);
                }
            }
            _ => {}
        }
    }
}

/// The text a value should be once surrounding blanks, a scheme and a path are gone and the host
/// is lower case: the same endpoint, in the form kubeadm takes.
fn tidy(text: &str) -> String {
    let mut rest = text.trim();
    if let Some((_, after)) = rest.split_once("://") {
        rest = after;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest[..end].trim().to_ascii_lowercase()
}

fn usable<'a>(node: Node<'a>) -> Option<&'a str> {
    let text = node.as_str()?;
    (!node.is_null() && !text.is_empty() && !network::is_placeholder(text)).then_some(text)
}

fn control_plane_endpoint(node: Node, api_ports: &[u16], sink: &mut Sink) {
    let Some(text) = usable(node) else { return };
    if network::unbracketed_ipv6_with_port(text.trim(), api_ports).is_some() {
        return; // ipv6-endpoint-brackets
    }
    let Err(error) = network::parse_host_port(text) else { return };
    let tidied = tidy(text);
    let fixable = tidied != text && network::parse_host_port(&tidied).is_ok();
    let why = match error {
        HostPortError::Port => "port must be a valid number between 1 and 65535, inclusive",
        HostPortError::Host => "host must be a valid IP address or a valid RFC-1123 DNS subdomain",
    };
    let report = sink
        .report(
            node.span(),
            format!("controlPlaneEndpoint `{text}` is not `host[:port]`"),
        )
        .primary_label(why);
    if fixable {
        let edit = careful::set_scalar(node, &tidied);
        report
            .help(format!(
                "kubeadm refuses it (\"endpoint is not valid\": {why}); write `{tidied}`: no scheme, no path, a lower-case host"
            ))
            .fix_safe(format!("write `{tidied}`"), edit.into_iter().collect());
    } else {
        report.help(format!(
            "kubeadm refuses it (\"endpoint is not valid\": {why}); write a DNS name or IP address, optionally with a port, such as `k8s-api.example.com:6443`"
        ));
    }
}

fn api_endpoint(endpoint: Node, place: &str, sink: &mut Sink) {
    let bind_port = endpoint.get("bindPort");
    let bind_value = bind_port.and_then(|n| n.as_str()).and_then(|t| t.parse::<i64>().ok());
    if let (Some(node), Some(port)) = (bind_port, bind_value)
        && !(0..=65535).contains(&port)
    {
        sink.report(
            node.span(),
            format!("{place}.bindPort {port} is not a port number"),
        )
        .help("kubeadm refuses it (\"port number is not valid\"); use 1–65535, usually 6443 (0 or no value means 6443)");
    }
    let Some(node) = endpoint.get("advertiseAddress") else { return };
    let Some(text) = usable(node) else { return };
    if network::parse_ip_sloppy(text).is_some() {
        return;
    }
    let message = format!("{place}.advertiseAddress `{text}` is not an IP address");
    let kubeadm = format!(
        "kubeadm refuses it (\"couldn't use \\\"{text}\\\" as \\\"apiserver-advertise-address\\\", must be ipv4 or ipv6 address\")"
    );
    let tidied = tidy(text);
    let bare = tidied.trim_start_matches('[').trim_end_matches(']');
    if let Some((ip, _)) = network::parse_ip_sloppy(bare) {
        let edit = careful::set_scalar(node, &ip.to_string());
        sink.report(node.span(), message)
            .help(format!("{kubeadm}; write the bare address `{ip}`"))
            .fix_safe(format!("write `{ip}`"), edit.into_iter().collect());
        return;
    }
    if let Ok((host, port)) = network::split_host_port(&tidied)
        && let (Some((ip, _)), Some(port)) = (network::parse_ip_sloppy(host), network::parse_port(port))
    {
        let written_port = bind_value.filter(|p| *p != 0);
        let effective = written_port.unwrap_or(network::DEFAULT_BIND_PORT);
        let report = sink
            .report(node.span(), message)
            .primary_label("address and port in one field");
        if i64::from(port) == effective {
            let edit = careful::set_scalar(node, &ip.to_string());
            report
                .help(format!(
                    "{kubeadm}; the port belongs in bindPort, which is already {effective}: write `advertiseAddress: {ip}`"
                ))
                .fix_safe(format!("write `{ip}`"), edit.into_iter().collect());
        } else {
            report.help(format!(
                "{kubeadm}; write `advertiseAddress: {ip}` and `bindPort: {port}` (bindPort is {effective} now)"
            ));
        }
        return;
    }
    sink.report(node.span(), message)
        .primary_label("a host name or other text")
        .help(format!(
            "{kubeadm}; kubeadm does not resolve names here: write this node's IP address, and put DNS names in controlPlaneEndpoint"
        ));
}

fn discovery(doc: &KubeadmDocument, api_ports: &[u16], sink: &mut Sink) {
    if let Some(token) = doc.path(&["discovery", "bootstrapToken"]).filter(|n| n.is_mapping()) {
        match token.entry("apiServerEndpoint") {
            Some((_, node)) if usable(node).is_some() => {
                api_server_endpoint(node, api_ports, sink);
            }
            Some((_, node)) if network::is_placeholder(node.as_str().unwrap_or_default()) => {}
            Some((key, _)) => {
                sink.report(key.span(), "discovery.bootstrapToken.apiServerEndpoint is empty")
                    .help("kubeadm refuses it (\"APIServerEndpoint is not set\"); write the control plane's `host:port`, such as k8s-api.example.com:6443");
            }
            None => {
                sink.report(token.span(), "discovery.bootstrapToken has no apiServerEndpoint")
                    .help("kubeadm refuses it (\"APIServerEndpoint is not set\"); add `apiServerEndpoint: <host>:<port>`, such as k8s-api.example.com:6443");
            }
        }
    }
    if let Some(node) = doc.path(&["discovery", "file", "kubeConfigPath"])
        && let Some(text) = usable(node)
        && let Some((scheme, rest)) = text.split_once("://")
        && !scheme.eq_ignore_ascii_case("file")
    {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host_ok = match authority.strip_prefix('[') {
            Some(bracketed) => bracketed
                .split_once(']')
                .is_some_and(|(host, after)| network::parse_ip(host).is_some() && (after.is_empty() || after.starts_with(':'))),
            None => !authority.is_empty(),
        } && !authority.contains(char::is_whitespace);
        if !host_ok {
            sink.report(node.span(), format!("discovery.file.kubeConfigPath `{text}` is not a valid URL"))
                .help("kubeadm refuses it (\"not a valid HTTPS URL or a file on disk\"); write https://host[:port]/path, or a path on the node");
        } else if !scheme.eq_ignore_ascii_case("https") {
            sink.report(
                node.span(),
                format!("discovery.file.kubeConfigPath `{text}` is a {scheme} URL"),
            )
            .help("kubeadm refuses it (\"if a URL is used, the scheme must be https\"); serve the file over https or give a path on the node");
        }
    }
}

fn api_server_endpoint(node: Node, api_ports: &[u16], sink: &mut Sink) {
    let Some(text) = usable(node) else { return };
    if network::unbracketed_ipv6_with_port(text.trim(), api_ports).is_some() {
        return; // ipv6-endpoint-brackets
    }
    let split = network::split_host_port(text);
    if let Ok((_, port)) = split
        && network::parse_port(port).is_some()
    {
        return;
    }
    let message = format!("discovery.bootstrapToken.apiServerEndpoint `{text}` is not `host:port`");
    let tidied = tidy(text);
    if tidied != text
        && let Ok((_, port)) = network::split_host_port(&tidied)
        && network::parse_port(port).is_some()
    {
        let edit = careful::set_scalar(node, &tidied);
        sink.report(node.span(), message)
            .help(format!("kubeadm refuses it or cannot connect; write `{tidied}`: no scheme, no path"))
            .fix_safe(format!("write `{tidied}`"), edit.into_iter().collect());
        return;
    }
    match split {
        Err(SplitError::MissingPort | SplitError::TooManyColons)
            if network::parse_host_port(&tidied).is_ok_and(|hp| hp.port.is_none()) =>
        {
            let host = network::parse_host_port(&tidied).map(|hp| hp.host.to_string()).unwrap_or_default();
            let with_port = match network::parse_ip(&host) {
                Some(std::net::IpAddr::V6(ip)) => format!("[{ip}]:{}", network::DEFAULT_BIND_PORT),
                _ => format!("{host}:{}", network::DEFAULT_BIND_PORT),
            };
            let edit = careful::set_scalar(node, &with_port);
            sink.report(node.span(), message)
                .primary_label("no port")
                .help(format!(
                    "kubeadm refuses it (\"missing port in address\"); the port is required: `{with_port}` if the API server listens on kubeadm's default port"
                ))
                .fix_unsafe(format!("write `{with_port}`"), edit.into_iter().collect());
        }
        Err(error) => {
            sink.report(node.span(), message)
                .help(format!("kubeadm refuses it (\"{}\"); write `host:port`, with IPv6 addresses in brackets", error.message()));
        }
        Ok((_, port)) => {
            sink.report(node.span(), message)
                .primary_label("not a port number")
                .help(format!("`{port}` is not a port between 1 and 65535; join cannot connect. Write `host:port`, such as k8s-api.example.com:6443"));
        }
    }
}

fn ca_cert_path(node: Node, sink: &mut Sink) {
    let Some(text) = usable(node) else { return };
    let windows_absolute = text.len() > 2 && text.as_bytes()[1] == b':';
    if (text.starts_with('/') || windows_absolute) && text.ends_with(".crt") {
        return;
    }
    sink.report(node.span(), format!("caCertPath `{text}` is not an absolute path to a .crt file"))
        .help("kubeadm refuses it (\"the ca certificate path must be an absolute path\"; it must also end in .crt); the default is /etc/kubernetes/pki/ca.crt");
}
