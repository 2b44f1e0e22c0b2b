//! A joining node first talks to the API server without knowing its CA; only the pinned CA hash
//! (or a kubeconfig fetched over https or from disk) stops a network attacker, or anyone holding
//! a token, from posing as the cluster (kubernetes/kubernetes#49520, kubernetes/kubeadm#534).
//! kubeadm refuses token discovery without `caCertHashes` unless the operator opts out, refuses
//! both or neither discovery method (`ValidateDiscovery*`, validation.go), and fails `kubeadm
//! join` on a hash that is not `sha256:<64 hex>` (cmd/kubeadm/app/util/pubkeypin/pubkeypin.go).
//! The shape of `apiServerEndpoint` and a non-https `kubeConfigPath` URL are endpoint-format's.

use crate::kubeadm::placeholders::{self, Shape};
use crate::kubeadm::{places, tokens, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "discovery-ca-pinning",
    summary: "join discovery without CA pinning, with unsafeSkipCAVerification, a malformed CA hash or kubeconfig URL, or not exactly one discovery method",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/discovery-ca-pinning.md"),
    check,
};

const HASH_HELP: &str = "on a control-plane node, `kubeadm token create --print-join-command` prints it, or: openssl x509 -pubkey -in /etc/kubernetes/pki/ca.crt | openssl rsa -pubin -outform der 2>/dev/null | openssl dgst -sha256 -hex | sed 's/^.* /sha256:/'";

fn check(config: &ConfigSet, sink: &mut Sink) {
    for join in places::documents(config, Kind::JoinConfiguration) {
        check_join(config, join, sink);
    }
}

fn check_join(config: &ConfigSet, join: &KubeadmDocument, sink: &mut Sink) {
    let discovery_entry = join.root.entry("discovery");
    if discovery_entry.is_some_and(|(_, v)| places::is_templated(config, v) && !v.is_mapping()) {
        return;
    }
    let discovery = discovery_entry.map(|(_, v)| v).filter(|v| v.is_mapping());
    let method = |name: &str| discovery.and_then(|d| d.entry(name)).filter(|(_, v)| !v.is_null());
    let (token, file) = (method("bootstrapToken"), method("file"));
    match (token, file) {
        (None, None) => {
            let at = discovery_entry.map(|(k, _)| k.span()).or(join.kind_node.map(|k| k.span())).unwrap_or(join.api_version_node.span());
            sink.report(at, "JoinConfiguration sets neither discovery.bootstrapToken nor discovery.file")
                .help("kubeadm refuses it (\"bootstrapToken or file must be set\"), and `--config` cannot be combined with discovery flags; add discovery.bootstrapToken with apiServerEndpoint, token and caCertHashes, or discovery.file.kubeConfigPath");
        }
        (Some((token_key, _)), Some((file_key, _))) => {
            sink.report(file_key.span(), "discovery sets both bootstrapToken and file")
                .label(token_key.span(), "bootstrapToken here")
                .help("kubeadm refuses it (\"bootstrapToken and file cannot both be set\"); keep one discovery method");
        }
        _ => {}
    }
    if let Some((key, bootstrap_token)) = token {
        check_token_discovery(config, key, bootstrap_token, sink);
    }
    if let Some((key, file)) = file {
        check_file_discovery(config, key, file, sink);
    }
}

fn check_token_discovery(config: &ConfigSet, key: Node, discovery: Node, sink: &mut Sink) {
    // A missing or malformed apiServerEndpoint is endpoint-format's finding.
    let hashes: Vec<Node> = discovery.get("caCertHashes").map(|h| h.items().collect()).unwrap_or_default();
    let skip = discovery.entry("unsafeSkipCAVerification").filter(|(_, v)| v.as_bool() == Some(true));
    match (hashes.is_empty(), skip) {
        (true, None) => {
            let at = discovery.entry("caCertHashes").map_or(key.span(), |(k, _)| k.span());
            sink.report(at, "token-based discovery without caCertHashes")
                .help(format!("kubeadm refuses it (\"using token-based discovery without caCertHashes can be unsafe\"); pin the cluster CA with caCertHashes: [\"sha256:<hash>\"] — {HASH_HELP}"));
        }
        (true, Some((skip_key, skip_value))) => {
            sink.report(skip_value.span(), "unsafeSkipCAVerification: true joins without checking who the API server is")
                .severity(Severity::Warning)
                .label(skip_key.span(), "CA pinning turned off")
                .help(format!("anyone who can intercept the connection, or who holds a bootstrap token, can pose as the cluster to this node; pin the CA with caCertHashes instead — {HASH_HELP}"));
        }
        (false, Some((skip_key, _))) => {
            sink.report(skip_key.span(), "unsafeSkipCAVerification has no effect while caCertHashes are set")
                .severity(Severity::Info)
                .help("kubeadm pins the CA whenever hashes are given (cmd/kubeadm/app/discovery/token/token.go); remove unsafeSkipCAVerification so nobody deletes the hashes believing the flag is what matters");
        }
        (false, None) => {}
    }
    for hash in hashes {
        let Some(text) = hash.as_str() else { continue };
        if places::is_templated(config, hash) || placeholders::is_hand_written(Shape::CaHash, text) {
            continue;
        }
        if let Some(problem) = tokens::ca_cert_hash_problem(text) {
            sink.report(hash.span(), format!("caCertHashes entry `{text}` {problem}"))
                .help(format!("`kubeadm join` fails with \"invalid discovery token CA certificate hash\" (kubeadm's validation lets it through); write `sha256:` and the 64-hex-digit hash of the CA public key — {HASH_HELP}"));
        }
    }
}

fn check_file_discovery(config: &ConfigSet, key: Node, file: Node, sink: &mut Sink) {
    let path = file.get("kubeConfigPath").filter(|p| !p.is_null());
    let Some(path) = path.filter(|p| p.as_str().is_some_and(|s| !s.is_empty())) else {
        sink.report(key.span(), "file discovery without kubeConfigPath")
            .help("kubeadm refuses it (\"not a valid HTTPS URL or a file on disk\"); set discovery.file.kubeConfigPath to a kubeconfig file or an https:// URL");
        return;
    };
    let text = path.as_str().unwrap_or_default();
    if places::is_templated(config, path) {
        return;
    }
    match url_scheme(text) {
        Some(scheme) if scheme.eq_ignore_ascii_case("file") => {}
        Some(scheme) if scheme.eq_ignore_ascii_case("https") => {
            if let Some(problem) = https_url_problem(text) {
                sink.report(path.span(), format!("kubeConfigPath `{text}` is not a valid URL: {problem}"))
                    .help("kubeadm refuses it (\"not a valid HTTPS URL or a file on disk\")");
            }
        }
        // Another scheme is endpoint-format's finding.
        Some(_) => {}
        None if !validation::is_absolute_path(text) => {
            sink.report(path.span(), format!("kubeConfigPath `{text}` is a relative path"))
                .severity(Severity::Info)
                .help("kubeadm looks for it relative to the directory `kubeadm join` runs in and refuses a missing file (\"not a valid HTTPS URL or a file on disk\"); an absolute path does not depend on where the command runs");
        }
        None => {}
    }
}

/// The scheme of `scheme://…` or `scheme:…` as Go's url.Parse finds it; a Windows drive letter
/// (`C:\…`, `C:/…`) is a path, not a scheme.
fn url_scheme(text: &str) -> Option<&str> {
    let (scheme, _) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    (valid && scheme.len() > 1).then_some(scheme)
}

/// What Go's url.Parse refuses in the host part of an https URL.
fn https_url_problem(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.is_empty() {
        return Some("it has no host".to_string());
    }
    if let Some(c) = host_port.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("the host contains {:?}", c));
    }
    let port = if let Some(inner) = host_port.strip_prefix('[') {
        let (_, after) = inner.split_once(']')?;
        match after {
            "" => None,
            tail => match tail.strip_prefix(':') {
                Some(port) => Some(port),
                None => return Some("characters follow the bracketed address".to_string()),
            },
        }
    } else {
        host_port.rsplit_once(':').map(|(_, p)| p)
    };
    match port {
        Some(port) if !port.chars().all(|c| c.is_ascii_digit()) => Some(format!("the port `{port}` is not a number")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubeconfig_urls_like_go() {
        // validation_test.go, TestValidateDiscoveryKubeConfigPath (URL cases).
        assert_eq!(url_scheme("http://[::1]a"), Some("http"));
        assert_eq!(url_scheme("/etc/kubernetes/discovery.yaml"), None);
        assert_eq!(url_scheme("C:/k/discovery.yaml"), None);
        assert!(https_url_problem("https://u r l/file.conf").is_some());
        assert!(https_url_problem("https://url/file.conf").is_none());
        assert!(https_url_problem("https://[::1]:64a3/x").is_some());
        assert!(https_url_problem("https://[::1]:6443/x").is_none());
    }
}
