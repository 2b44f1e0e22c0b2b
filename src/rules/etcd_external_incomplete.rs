//! External etcd settings kubeadm rejects (`ValidateEtcd`, `ValidateURLs` in
//! cmd/kubeadm/app/apis/kubeadm/validation/validation.go), plus the ones it lets through that
//! leave the API server unable to reach etcd: no endpoints at all, or TLS half configured.

use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "etcd-external-incomplete",
    summary: "etcd.external lacks endpoints, has endpoints without a scheme, or half-configured TLS",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/etcd-external-incomplete.md"),
    check,
};

const TLS_FILES: [&str; 3] = ["caFile", "certFile", "keyFile"];

fn check(config: &ConfigSet, sink: &mut Sink) {
    for cluster in config.of_kind(Kind::ClusterConfiguration) {
        let Some((external_key, external)) = cluster.get("etcd").and_then(|e| e.entry("external"))
        else {
            continue;
        };
        if external.is_null() {
            continue;
        }
        check_external(external_key, external, sink);
    }
}

fn check_external(external_key: Node, external: Node, sink: &mut Sink) {
    let file = |name: &str| external.entry(name).filter(|(_, v)| !v.is_null() && v.as_str() != Some(""));
    let (ca, cert, key) = (file("caFile"), file("certFile"), file("keyFile"));
    let tls = ca.is_some() || cert.is_some() || key.is_some();

    let endpoints = external.entry("endpoints");
    let items: Vec<Node> = endpoints.map(|(_, v)| v.items().collect()).unwrap_or_default();
    if items.is_empty() {
        let at = endpoints.map_or(external_key.span(), |(k, _)| k.span());
        sink.report(at, "external etcd has no endpoints")
            .help("kubeadm accepts this, then starts the API server with an empty --etcd-servers and `kubeadm init` hangs; list the etcd client URLs, such as https://10.0.0.5:2379");
    }
    for endpoint in &items {
        let Some(url) = endpoint.as_str() else { continue };
        match url.split_once("://") {
            None => {
                sink.report(endpoint.span(), format!("etcd endpoint `{url}` has no scheme"))
                    .help(format!("kubeadm refuses it (\"the URL without scheme is not allowed\"); write `{}://{url}`", if tls { "https" } else { "http" }));
            }
            Some((scheme, rest)) if scheme.is_empty() || rest.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) => {
                sink.report(endpoint.span(), format!("etcd endpoint `{url}` is not a valid URL"))
                    .help("write it as https://host:2379");
            }
            Some((scheme, _)) if tls && scheme != "https" => {
                sink.report(endpoint.span(), format!("etcd endpoint `{url}` does not use https while TLS files are set"))
                    .help("kubeadm refuses it (\"the URL must be using the HTTPS scheme\"); use https://");
            }
            Some(("https", _)) if !tls => {
                sink.report(endpoint.span(), format!("etcd endpoint `{url}` uses https but no caFile, certFile or keyFile is set"))
                    .severity(Severity::Warning)
                    .help("without the CA and a client certificate the API server cannot verify or authenticate to etcd; set caFile, certFile and keyFile");
            }
            Some(_) => {}
        }
    }
    match (cert, key) {
        (Some((cert_key, _)), None) => {
            sink.report(cert_key.span(), "certFile is set without keyFile")
                .help("kubeadm refuses it (\"either both or none of .Etcd.External.CertFile and .Etcd.External.KeyFile must be set\")");
        }
        (None, Some((key_key, _))) => {
            sink.report(key_key.span(), "keyFile is set without certFile")
                .help("kubeadm refuses it (\"either both or none of .Etcd.External.CertFile and .Etcd.External.KeyFile must be set\")");
        }
        (Some((cert_key, _)), Some(_)) if ca.is_none() => {
            sink.report(cert_key.span(), "certFile and keyFile are set without caFile")
                .help("kubeadm refuses it (\"setting .Etcd.External.CertFile and .Etcd.External.KeyFile requires .Etcd.External.CAFile\")");
        }
        _ => {}
    }
    for name in TLS_FILES {
        let Some((_, value)) = file(name) else { continue };
        let Some(path) = value.as_str() else { continue };
        if !path.starts_with('/') {
            sink.report(value.span(), format!("{name} `{path}` is not an absolute path"))
                .help("kubeadm refuses relative paths here (\"path is not absolute\")");
        }
    }
}
