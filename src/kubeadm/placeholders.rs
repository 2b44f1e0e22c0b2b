//! Values that stand in for a real one: what `kubeadm config print init-defaults` /
//! `join-defaults` print for the operator to replace, and the markers people write by hand
//! (`MASTER_IP`, `__NODE_NAME__`, `<token>`, `xxx`, `publicIp`).
//!
//! Template syntax (`{{ }}`, `${ }`) is not a placeholder here: a template engine fills it, so
//! such values are left to the rendered file.

use std::net::IpAddr;

use super::tokens;
use super::validation;

/// What a field holds, which decides what a placeholder in it looks like and whether kubeadm
/// would accept the placeholder text itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An IP address (`advertiseAddress`, `clusterDNS`).
    Ip,
    /// `host` or `host:port` (`controlPlaneEndpoint`, `apiServerEndpoint`).
    HostPort,
    /// A DNS name, wildcard or IP (`certSANs`).
    Host,
    /// A node name (RFC 1123 subdomain).
    NodeName,
    /// A bootstrap token.
    Token,
    /// A certificate key (64 hex digits).
    CertificateKey,
    /// A `sha256:<hex>` CA pin.
    CaHash,
    /// One CIDR or a comma-separated pair.
    Cidr,
}

impl Shape {
    /// Whether kubeadm would accept `value` in a field of this shape.
    pub fn accepts(self, value: &str) -> bool {
        match self {
            Shape::Ip => value.parse::<IpAddr>().is_ok(),
            Shape::HostPort => {
                let host = split_host_port(value).0;
                host.parse::<IpAddr>().is_ok() || validation::is_dns1123_subdomain(host)
            }
            Shape::Host => {
                value.parse::<IpAddr>().is_ok()
                    || validation::is_dns1123_subdomain(value.strip_prefix("*.").unwrap_or(value))
            }
            Shape::NodeName => validation::is_dns1123_subdomain(value),
            Shape::Token => tokens::is_valid_bootstrap_token(value),
            Shape::CertificateKey => tokens::certificate_key_problem(value).is_none(),
            Shape::CaHash => tokens::ca_cert_hash_problem(value).is_none(),
            Shape::Cidr => value
                .split(',')
                .all(|part| part.trim().parse::<ipnet::IpNet>().is_ok()),
        }
    }
}

/// `host:port`, `[v6]:port`, or a bare host; the port part is returned as written.
fn split_host_port(value: &str) -> (&str, Option<&str>) {
    if let Some(rest) = value.strip_prefix('[')
        && let Some((host, tail)) = rest.split_once(']')
    {
        return (host, tail.strip_prefix(':'));
    }
    match value.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host, Some(port)),
        _ => (value, None),
    }
}

/// Words that mean "fill me in".
const FILL_ME_IN: [&str; 14] = [
    "changeme",
    "change-me",
    "change_me",
    "replaceme",
    "replace-me",
    "replace_me",
    "fixme",
    "todo",
    "tbd",
    "placeholder",
    "redacted",
    "your-token",
    "your_token",
    "token",
];

/// True when `value`, in a field of `shape`, is a hand-written placeholder.
pub fn is_hand_written(shape: Shape, value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || validation::is_templated(value) {
        return false;
    }
    if is_wrapped(value) {
        return true;
    }
    let parts: Vec<&str> = match shape {
        Shape::Token => value.split('.').collect(),
        Shape::CaHash => vec![value.split_once(':').map_or(value, |(_, hash)| hash)],
        Shape::HostPort => vec![split_host_port(value).0],
        _ => vec![value],
    };
    parts
        .iter()
        .any(|part| is_wrapped(part) || is_placeholder_word(shape, part))
}

/// `__NAME__`, `_Name_`, `@@NAME@@`, `<name>`, `%NAME%`, `[[name]]`.
fn is_wrapped(value: &str) -> bool {
    let single_underscored = value.len() > 2
        && value.starts_with('_')
        && value.ends_with('_')
        && value[1..value.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if single_underscored {
        return true;
    }
    let wrapped = |open: &str, close: &str| {
        value.len() > open.len() + close.len() && value.starts_with(open) && value.ends_with(close)
    };
    wrapped("__", "__")
        || wrapped("@@", "@@")
        || wrapped("<", ">")
        || wrapped("%", "%")
        || wrapped("[[", "]]")
}

fn is_placeholder_word(shape: Shape, part: &str) -> bool {
    if part.is_empty() {
        return false;
    }
    let lower = part.to_ascii_lowercase();
    // `xxx`, `yyyy`, `***`: a redacted value.
    let first = part.chars().next().expect("not empty");
    if part.chars().count() >= 3 && "xyzXYZ*#?".contains(first) && part.chars().all(|c| c == first)
    {
        return true;
    }
    if FILL_ME_IN.contains(&lower.as_str()) {
        return true;
    }
    // `MASTER_IP`, `HOSTNAME`, `TOKEN`: an upper-case word or words joined by `_`. Upper case
    // with digits (`NODE1`, `7F3K2Q`) is more likely a real value written in the wrong case, and
    // a key or a hash may be upper-case hex.
    let screaming = part
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && part.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && (part.contains('_') || (part.len() >= 4 && !part.chars().any(|c| c.is_ascii_digit())))
        && !part.chars().all(|c| c.is_ascii_hexdigit());
    if screaming {
        return true;
    }
    // `publicIp`, `masterNodeName`: an identifier where an address or a name goes.
    matches!(
        shape,
        Shape::Ip | Shape::HostPort | Shape::Host | Shape::NodeName
    ) && first.is_ascii_lowercase()
        && part.chars().all(|c| c.is_ascii_alphanumeric())
        && part.chars().any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_hand_written_placeholders() {
        for (shape, value) in [
            (Shape::HostPort, "publicIp"),
            (Shape::HostPort, "VIRTUAL_IP:6443"),
            (Shape::Ip, "ANSIBLE_NODE_IP"),
            (Shape::Ip, "LOCAL_IP_ADDRESS"),
            (Shape::NodeName, "__NODE_NAME__"),
            (Shape::HostPort, "_MasterDomain_:6443"),
            (Shape::Ip, "@@PUBLIC_IP_ADDRESS@@"),
            (Shape::Token, "zzz.aaabbb"),
            (Shape::Token, "TOKEN"),
            (Shape::Token, "<token>"),
            (Shape::CertificateKey, "xxx"),
            (Shape::CaHash, "sha256:yyy"),
            (Shape::Cidr, "PODSUBNET"),
        ] {
            assert!(is_hand_written(shape, value), "{shape:?} {value}");
        }
    }

    #[test]
    fn real_values_are_not_placeholders() {
        for (shape, value) in [
            (Shape::HostPort, "ubuntu:6443"),
            (Shape::HostPort, "cp:6443"),
            (Shape::HostPort, "[2001:db8::1]:6443"),
            (Shape::Ip, "10.0.0.1"),
            (Shape::Ip, "FD00::1"),
            (Shape::NodeName, "control-plane"),
            (Shape::Token, "abcdef.0123456789abcdef"),
            (
                Shape::CertificateKey,
                "E6A2EB8581237AB72A4F494F30285EC12A9694D750B9785706A83BFCBBBD2204",
            ),
            (
                Shape::CaHash,
                "sha256:7173b809ca12ec5dee4506cd86be934c4596dd234ee82c0662eac04a8c2c71dc",
            ),
            (Shape::Ip, "${MASTER_IP}"),
            (Shape::Token, "7F3K2Q.0123456789ABCDEF"),
            (Shape::NodeName, "NODE1"),
            (Shape::Ip, "{{ ip }}"),
        ] {
            assert!(!is_hand_written(shape, value), "{shape:?} {value}");
        }
    }

    #[test]
    fn shapes_accept_what_kubeadm_accepts() {
        assert!(Shape::HostPort.accepts("cp.k8s.io:8081"));
        assert!(Shape::HostPort.accepts("[2001:db7::1]:8081"));
        assert!(!Shape::HostPort.accepts("publicIp"));
        assert!(Shape::Host.accepts("*.example.com"));
        assert!(Shape::Cidr.accepts("10.0.0.0/8,fd00::/64"));
        assert!(!Shape::Ip.accepts("1.2.34"));
        assert!(!Shape::NodeName.accepts("__NODE__"));
        assert!(Shape::NodeName.accepts("xxx"));
    }
}
