//! Addresses, ranges and endpoints as kubeadm reads them.
//!
//! Everything here re-states kubeadm's own parsing and numbers, so rules can say exactly what
//! kubeadm (and the components it configures) will do with a value:
//! - subnets: `ValidateIPNetFromString`, `ValidateServiceSubnetSize`, `ValidatePodSubnetNodeMask`
//!   and `getClusterNodeMask` in cmd/kubeadm/app/apis/kubeadm/validation/validation.go, with the
//!   constants of cmd/kubeadm/app/constants/constants.go;
//! - the node mask the controller-manager really uses: `setNodeCIDRMaskSizes` in
//!   cmd/kube-controller-manager/app/core.go;
//! - service IPs: `GetKubernetesServiceCIDR`, `GetAPIServerVirtualIP`, `GetDNSIP` (constants.go);
//! - endpoints: `ParseHostPort`/`ParsePort` in cmd/kubeadm/app/util/endpoint.go, Go's
//!   `net.SplitHostPort`, and apimachinery's `IsDNS1123Subdomain`.
//!
//! CIDR arithmetic is done by the `ipnet` crate; this module only adds kubeadm's rules on top.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use ipnet::IpNet;

/// `networking.serviceSubnet` when unset (`DefaultServicesSubnet`).
pub const DEFAULT_SERVICE_SUBNET: &str = "10.96.0.0/12";
/// `networking.dnsDomain` when unset (`DefaultServiceDNSDomain`).
pub const DEFAULT_DNS_DOMAIN: &str = "cluster.local";
/// `localAPIEndpoint.bindPort` when unset or 0 (`DefaultAPIBindPort`).
pub const DEFAULT_BIND_PORT: i64 = 6443;
/// `MinimumAddressesInServiceSubnet`.
pub const MIN_SERVICE_ADDRESSES: i64 = 10;
/// `MinimumAddressesInPodSubnet`.
pub const MIN_POD_ADDRESSES: i64 = 14;
/// `MaximumBitsForServiceSubnet`: host bits a service range may have.
pub const MAX_SERVICE_HOST_BITS: u8 = 20;
/// `PodSubnetNodeMaskMaxDiff`; the controller-manager's cidrset has the same limit.
pub const POD_NODE_MASK_MAX_DIFF: u8 = 16;
/// The controller-manager's node mask defaults (`defaultNodeMaskCIDRIPv4/6`).
pub const DEFAULT_NODE_MASK_V4: u8 = 24;
pub const DEFAULT_NODE_MASK_V6: u8 = 64;
/// The Service IP kubeadm gives CoreDNS: this index in the first service range.
pub const DNS_SERVICE_INDEX: u128 = 10;
/// The Service IP of `kubernetes.default`: this index in the first service range.
pub const API_SERVICE_INDEX: u128 = 1;
/// The API server's bitmap IP allocator tracks at most this many addresses of an IPv6 range
/// (`RangeSize` in pkg/registry/core/service/ipallocator).
pub const IPV6_SERVICE_ALLOCATOR_LIMIT: u128 = 1 << 16;

/// An address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    pub fn of(ip: IpAddr) -> Family {
        match ip {
            IpAddr::V4(_) => Family::V4,
            IpAddr::V6(_) => Family::V6,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Family::V4 => "IPv4",
            Family::V6 => "IPv6",
        }
    }

    /// The default node mask of the controller-manager for this family.
    pub fn default_node_mask(self) -> u8 {
        match self {
            Family::V4 => DEFAULT_NODE_MASK_V4,
            Family::V6 => DEFAULT_NODE_MASK_V6,
        }
    }

    /// The controller-manager flag that sets the node mask for this family.
    pub fn node_mask_flag(self) -> &'static str {
        match self {
            Family::V4 => "node-cidr-mask-size-ipv4",
            Family::V6 => "node-cidr-mask-size-ipv6",
        }
    }

    pub fn bits(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }

    /// The "all addresses" value of this family (`0.0.0.0` / `::`).
    pub fn unspecified(self) -> &'static str {
        match self {
            Family::V4 => "0.0.0.0",
            Family::V6 => "::",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Go's `net.ParseIP`: a bare IPv4 or IPv6 address, no zone, no leading zeros in IPv4 octets.
/// IPv4-mapped IPv6 addresses count as IPv4, as they do in Go.
pub fn parse_ip(text: &str) -> Option<IpAddr> {
    let ip = IpAddr::from_str(text).ok()?;
    Some(unmap(ip))
}

/// k8s.io/utils/net `ParseIPSloppy`, which kubeadm uses for advertise addresses and SANs: as
/// [`parse_ip`], but IPv4 octets may carry leading zeros (read as decimal). The flag says
/// whether that leniency was needed.
pub fn parse_ip_sloppy(text: &str) -> Option<(IpAddr, bool)> {
    if let Some(ip) = parse_ip(text) {
        return Some((ip, false));
    }
    let octets: Vec<&str> = text.split('.').collect();
    if octets.len() != 4
        || octets
            .iter()
            .any(|o| o.is_empty() || o.len() > 3 || !o.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut bytes = [0u8; 4];
    for (byte, octet) in bytes.iter_mut().zip(&octets) {
        *byte = octet.parse().ok()?;
    }
    Some((IpAddr::V4(Ipv4Addr::from(bytes)), true))
}

fn unmap(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

/// One CIDR as written: the address may carry host bits (`10.96.0.1/12`), which Go's
/// `ParseCIDR`, and so kubeadm and every component, silently clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// Address and prefix exactly as written.
    pub written: IpNet,
    /// True when an IPv4 octet had leading zeros (accepted by k8s.io/utils/net, read as decimal).
    pub leading_zeros: bool,
}

impl Cidr {
    /// Parses `addr/prefix` the way k8s.io/utils/net `ParseCIDRSloppy` does.
    pub fn parse(text: &str) -> Option<Cidr> {
        let (addr, prefix) = text.split_once('/')?;
        if prefix.is_empty() || prefix.len() > 3 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (ip, leading_zeros) = parse_ip_sloppy(addr)?;
        let written = IpNet::new(ip, prefix.parse().ok()?).ok()?;
        Some(Cidr {
            written,
            leading_zeros,
        })
    }

    /// The network kubeadm and the components really use (host bits cleared).
    pub fn network(&self) -> IpNet {
        self.written.trunc()
    }

    pub fn has_host_bits(&self) -> bool {
        self.written.addr() != self.written.network()
    }

    /// Whether the text differs from the canonical form of the network.
    pub fn is_canonical_text(&self, text: &str) -> bool {
        text == self.network().to_string()
    }

    pub fn family(&self) -> Family {
        Family::of(self.written.addr())
    }

    pub fn prefix(&self) -> u8 {
        self.written.prefix_len()
    }

    pub fn host_bits(&self) -> u8 {
        self.written.max_prefix_len() - self.written.prefix_len()
    }

    /// The number of addresses, saturating at `u128::MAX` for `::/0`.
    pub fn addresses(&self) -> u128 {
        1u128
            .checked_shl(u32::from(self.host_bits()))
            .unwrap_or(u128::MAX)
    }

    /// k8s.io/utils/net `RangeSize`, the count kubeadm compares with its minimums: 0 when the
    /// range has 31+ (IPv4) or 127+ (IPv6) host bits, `i64::MAX` when it would overflow.
    pub fn kubeadm_range_size(&self) -> i64 {
        let host_bits = self.host_bits();
        match self.family() {
            Family::V4 if host_bits >= 31 => 0,
            Family::V6 if host_bits >= 127 => 0,
            _ if host_bits >= 63 => i64::MAX,
            _ => 1i64 << host_bits,
        }
    }

    /// The address `index` places after the network address, if inside the range
    /// (`GetIndexedIP`).
    pub fn indexed(&self, index: u128) -> Option<IpAddr> {
        if index >= self.addresses() {
            return None;
        }
        match self.network().network() {
            IpAddr::V4(base) => {
                let offset = u32::try_from(index).ok()?;
                u32::from(base)
                    .checked_add(offset)
                    .map(|n| IpAddr::V4(Ipv4Addr::from(n)))
            }
            IpAddr::V6(base) => u128::from(base)
                .checked_add(index)
                .map(|n| IpAddr::V6(Ipv6Addr::from(n))),
        }
    }

    pub fn contains_ip(&self, ip: IpAddr) -> bool {
        self.network().contains(&ip)
    }

    /// True when the two ranges share at least one address.
    pub fn overlaps(&self, other: &Cidr) -> bool {
        let (a, b) = (self.network(), other.network());
        a.contains(&b.network()) || b.contains(&a.network())
    }

    /// `10.96.0.0/12 (10.96.0.0–10.111.255.255)`: the network kubeadm uses, whatever the host
    /// bits of the text. Messages use this (or [`Cidr::shown`]) so they read the same before and
    /// after a fix rewrites the text; [`Cidr::written_note`] tells how it was written.
    pub fn describe(&self) -> String {
        let net = self.network();
        format!("{net} ({}–{})", net.network(), net.broadcast())
    }

    /// The network kubeadm uses, `10.96.0.0/12`.
    pub fn shown(&self) -> String {
        self.network().to_string()
    }

    /// `written as 10.96.0.1/12; kubeadm clears the host bits`, when the text is not the
    /// network itself.
    pub fn written_note(&self) -> Option<String> {
        (self.has_host_bits() || self.leading_zeros).then(|| {
            format!(
                "written as {}; kubeadm clears the host bits",
                self.written_text()
            )
        })
    }

    /// The CIDR as written (address with host bits, prefix).
    pub fn written_text(&self) -> String {
        self.written.to_string()
    }
}

/// One comma-separated part of a subnet string, with its byte offset in the string.
#[derive(Debug, Clone)]
pub struct CidrPart<'t> {
    pub text: &'t str,
    pub offset: usize,
    pub cidr: Option<Cidr>,
}

/// Why kubeadm refuses a subnet string (`ValidateIPNetFromString`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrListProblem {
    /// A part is not a CIDR ("couldn't parse subnet").
    Unparsable { index: usize },
    /// More than two parts.
    TooMany(usize),
    /// Two parts of the same family.
    SameFamily(Family),
}

/// A subnet setting: one CIDR, or two of different families for dual-stack, separated by a
/// comma without spaces (kubeadm splits on `,` and parses each part as is).
#[derive(Debug, Clone)]
pub struct CidrList<'t> {
    pub text: &'t str,
    pub parts: Vec<CidrPart<'t>>,
}

impl<'t> CidrList<'t> {
    pub fn parse(text: &'t str) -> CidrList<'t> {
        let mut parts = Vec::new();
        let mut offset = 0;
        for piece in text.split(',') {
            parts.push(CidrPart {
                text: piece,
                offset,
                cidr: Cidr::parse(piece),
            });
            offset += piece.len() + 1;
        }
        CidrList { text, parts }
    }

    /// What kubeadm's validation rejects, in the order it checks.
    pub fn problems(&self) -> Vec<CidrListProblem> {
        if let Some(index) = self.parts.iter().position(|p| p.cidr.is_none()) {
            return vec![CidrListProblem::Unparsable { index }];
        }
        let cidrs = self.all();
        match cidrs.len() {
            0 | 1 => Vec::new(),
            2 if cidrs[0].family() == cidrs[1].family() => {
                vec![CidrListProblem::SameFamily(cidrs[0].family())]
            }
            2 => Vec::new(),
            n => vec![CidrListProblem::TooMany(n)],
        }
    }

    /// The parsed CIDRs, when every part parses.
    pub fn all(&self) -> Vec<Cidr> {
        self.parts.iter().filter_map(|p| p.cidr).collect()
    }

    /// The CIDRs when kubeadm accepts the string, else nothing.
    pub fn valid(&self) -> Option<Vec<Cidr>> {
        self.problems().is_empty().then(|| self.all())
    }

    /// The first (primary) CIDR, which decides the family of `kubernetes.default` and CoreDNS.
    pub fn primary(&self) -> Option<Cidr> {
        self.parts.first().and_then(|p| p.cidr)
    }

    pub fn of_family(&self, family: Family) -> Option<Cidr> {
        self.all().into_iter().find(|c| c.family() == family)
    }

    pub fn families(&self) -> Vec<Family> {
        self.all().iter().map(Cidr::family).collect()
    }

    pub fn is_dual_stack(&self) -> bool {
        self.valid().is_some_and(|c| c.len() == 2)
    }
}

/// Go's `net.SplitHostPort`: `host:port`, `[v6]:port`; the port may be empty or any text.
pub fn split_host_port(text: &str) -> Result<(&str, &str), SplitError> {
    let Some(last_colon) = text.rfind(':') else {
        return Err(SplitError::MissingPort);
    };
    let (host, rest_start) = if let Some(stripped) = text.strip_prefix('[') {
        let Some(close) = stripped.find(']').map(|i| i + 1) else {
            return Err(SplitError::MissingBracket);
        };
        if close + 1 == text.len() {
            return Err(SplitError::MissingPort);
        }
        if close + 1 != last_colon {
            return Err(if text.as_bytes()[close + 1] == b':' {
                SplitError::TooManyColons
            } else {
                SplitError::MissingPort
            });
        }
        (&text[1..close], close + 1)
    } else {
        let host = &text[..last_colon];
        if host.contains(':') {
            return Err(SplitError::TooManyColons);
        }
        (host, 0)
    };
    let inner_start = if rest_start > 0 { 1 } else { 0 };
    if text[inner_start..].contains('[') {
        return Err(SplitError::UnexpectedBracket);
    }
    if text[rest_start..].contains(']') {
        return Err(SplitError::UnexpectedBracket);
    }
    Ok((host, &text[last_colon + 1..]))
}

/// Why Go's `net.SplitHostPort` refuses a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    MissingPort,
    TooManyColons,
    MissingBracket,
    UnexpectedBracket,
}

impl SplitError {
    /// Go's message, which kubeadm prints.
    pub fn message(self) -> &'static str {
        match self {
            SplitError::MissingPort => "missing port in address",
            SplitError::TooManyColons => "too many colons in address",
            SplitError::MissingBracket => "missing ']' in address",
            SplitError::UnexpectedBracket => "unexpected bracket in address",
        }
    }
}

/// kubeadm's `ParsePort` (Go's `strconv.Atoi`, then 1–65535).
pub fn parse_port(text: &str) -> Option<u16> {
    let value = go_atoi(text)?;
    (1..=65535).contains(&value).then_some(value as u16)
}

/// Go's `strconv.Atoi`: an optional sign, then decimal digits.
pub fn go_atoi(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<i64>().ok()
}

/// A `host[:port]` value as kubeadm's `ParseHostPort` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPort<'t> {
    pub host: &'t str,
    pub port: Option<&'t str>,
    pub ip: Option<IpAddr>,
}

/// Why `ParseHostPort` refuses a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostPortError {
    /// "port must be a valid number between 1 and 65535, inclusive"
    Port,
    /// "host must be a valid IP address or a valid RFC-1123 DNS subdomain"
    Host,
}

/// kubeadm's `ParseHostPort`: when `SplitHostPort` fails the whole text is the host; the port,
/// when present, must be 1–65535; the host must be an IP or a DNS-1123 subdomain.
pub fn parse_host_port(text: &str) -> Result<HostPort<'_>, HostPortError> {
    let (host, port) = match split_host_port(text) {
        Ok((host, port)) => (host, (!port.is_empty()).then_some(port)),
        Err(_) => (text, None),
    };
    if let Some(port) = port
        && parse_port(port).is_none()
    {
        return Err(HostPortError::Port);
    }
    if let Some(ip) = parse_ip(host) {
        return Ok(HostPort {
            host,
            port,
            ip: Some(ip),
        });
    }
    if is_dns1123_subdomain(host) {
        return Ok(HostPort {
            host,
            port,
            ip: None,
        });
    }
    Err(HostPortError::Host)
}

/// apimachinery's `IsDNS1123Subdomain`: at most 253 characters of lowercase labels
/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?` joined by dots.
pub fn is_dns1123_subdomain(text: &str) -> bool {
    !text.is_empty() && text.len() <= 253 && text.split('.').all(is_dns1123_label_chars)
}

/// apimachinery's `IsWildcardDNS1123Subdomain`: `*.` followed by a DNS-1123 subdomain.
pub fn is_wildcard_dns1123_subdomain(text: &str) -> bool {
    text.len() <= 253
        && text
            .strip_prefix("*.")
            .is_some_and(|rest| !rest.is_empty() && rest.split('.').all(is_dns1123_label_chars))
}

fn is_dns1123_label_chars(label: &str) -> bool {
    let bytes = label.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            alnum(first) && alnum(last) && bytes.iter().all(|b| alnum(b) || *b == b'-')
        }
        _ => false,
    }
}

/// An IPv6 literal written with a port but without brackets (`fd00::1:6443`), and the
/// bracketed form that was meant. `likely_ports` are ports the file uses for the API server;
/// a whole text that is itself a valid IPv6 address only counts when its last group is one.
pub fn unbracketed_ipv6_with_port(text: &str, likely_ports: &[u16]) -> Option<(Ipv6Addr, u16)> {
    if text.starts_with('[') {
        return None;
    }
    let (head, tail) = text.rsplit_once(':')?;
    let port = parse_port(tail)?;
    let head_ip = Ipv6Addr::from_str(head).ok()?;
    let whole_is_ipv6 = Ipv6Addr::from_str(text).is_ok();
    if whole_is_ipv6 && !likely_ports.contains(&port) {
        return None;
    }
    Some((head_ip, port))
}

/// An IPv6 URL written without brackets around the address (`https://fd00::1:2379`): the
/// bracketed URL when the port can be told apart, else `None` with `true` when the authority
/// is an IPv6 address that needs brackets anyway.
pub fn unbracketed_ipv6_url(url: &str, likely_ports: &[u16]) -> Option<Result<String, ()>> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.starts_with('[') || authority.matches(':').count() < 2 {
        return None;
    }
    if let Some((ip, port)) = unbracketed_ipv6_with_port(authority, likely_ports) {
        return Some(Ok(format!("{scheme}://[{ip}]:{port}{tail}")));
    }
    Ipv6Addr::from_str(authority).is_ok().then_some(Err(()))
}

/// A value a template fills in later (`${POD_CIDR}`, `{{ pod_cidr }}`, `$(CIDR)`,
/// `__POD_CIDR__`, `PODSUBNET`): not checked, since it is not what kubeadm will read.
pub fn is_placeholder(text: &str) -> bool {
    const MARKERS: [&str; 5] = ["${", "{{", "{%", "$(", "%{"];
    let text = text.trim();
    let word = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let upper_word = |t: &str| {
        word(t)
            && t.starts_with(|c: char| c.is_ascii_uppercase())
            && t.bytes().filter(u8::is_ascii_uppercase).count() >= 3
            && !t.bytes().any(|b| b.is_ascii_lowercase())
    };
    let double_underscored = text
        .split("__")
        .enumerate()
        .any(|(i, inner)| i % 2 == 1 && word(inner) && text.matches("__").count() >= 2);
    let underscored =
        |t: &str| t.len() > 2 && t.starts_with('_') && t.ends_with('_') && word(&t[1..t.len() - 1]);
    MARKERS.iter().any(|m| text.contains(m))
        || double_underscored
        || text.split(['.', ':', '/', ',', '=', '@']).any(underscored)
        || (text.starts_with('<') && text.ends_with('>'))
        || upper_word(text)
}

/// Address ranges that are not public, where pod and service ranges belong: RFC 1918,
/// RFC 6598 (shared/CGNAT), RFC 2544 (benchmarking), IPv6 unique local (RFC 4193).
pub fn private_ranges() -> Vec<(IpNet, &'static str)> {
    [
        ("10.0.0.0/8", "RFC 1918"),
        ("172.16.0.0/12", "RFC 1918"),
        ("192.168.0.0/16", "RFC 1918"),
        ("100.64.0.0/10", "RFC 6598 shared address space"),
        ("198.18.0.0/15", "RFC 2544 benchmarking"),
        ("fc00::/7", "RFC 4193 unique local"),
    ]
    .into_iter()
    .map(|(net, name)| (IpNet::from_str(net).expect("constant range"), name))
    .collect()
}

/// The deprecated IPv6 site-local range kubeadm warns about (RFC 3879).
pub fn site_local_v6() -> IpNet {
    IpNet::from_str("fec0::/10").expect("constant range")
}

/// Docker's default bridge network, `docker0`, present on nodes where Docker is installed.
pub fn docker_bridge() -> IpNet {
    IpNet::from_str("172.17.0.0/16").expect("constant range")
}

/// Whether a whole IPv4 range lies outside the private ranges (public address space).
/// IPv6 global unicast ranges are normal for pods and services and are not reported.
pub fn public_v4_range(cidr: &Cidr) -> bool {
    if cidr.family() != Family::V4 {
        return false;
    }
    let net = cidr.network();
    !private_ranges()
        .iter()
        .any(|(range, _)| range.contains(&net) || net.contains(range))
}

/// Link-local addresses (169.254.0.0/16, fe80::/10): where NodeLocal DNSCache listens.
pub fn is_link_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_link_local(),
        IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) == 0xfe80,
    }
}

/// The ports each control-plane component listens on by default (constants.go, component
/// defaults), for the port-conflict check.
pub const WELL_KNOWN_PORTS: &[(u16, &str)] = &[
    (2379, "etcd client"),
    (2380, "etcd peer"),
    (2381, "etcd metrics"),
    (10248, "kubelet healthz"),
    (10249, "kube-proxy metrics"),
    (10250, "kubelet"),
    (10256, "kube-proxy healthz"),
    (10257, "kube-controller-manager"),
    (10259, "kube-scheduler"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(text: &str) -> Cidr {
        Cidr::parse(text).unwrap_or_else(|| panic!("{text} should parse"))
    }

    #[test]
    fn host_bits_are_cleared_like_go() {
        let c = cidr("10.196.0.0/12");
        assert!(c.has_host_bits());
        assert_eq!(c.network().to_string(), "10.192.0.0/12");
        assert_eq!(c.describe(), "10.192.0.0/12 (10.192.0.0–10.207.255.255)");
        assert_eq!(
            c.written_note().as_deref(),
            Some("written as 10.196.0.0/12; kubeadm clears the host bits")
        );
        assert!(!cidr("10.96.0.0/12").has_host_bits());
        assert_eq!(
            cidr("2001:db8::1/112").network().to_string(),
            "2001:db8::/112"
        );
    }

    #[test]
    fn indexed_addresses_are_taken_from_the_network() {
        assert_eq!(
            cidr("10.96.0.0/12").indexed(10).unwrap().to_string(),
            "10.96.0.10"
        );
        assert_eq!(
            cidr("10.196.0.0/12").indexed(10).unwrap().to_string(),
            "10.192.0.10"
        );
        assert_eq!(
            cidr("fd00:10:96::/112").indexed(10).unwrap().to_string(),
            "fd00:10:96::a"
        );
        assert_eq!(cidr("10.0.0.0/29").indexed(10), None);
    }

    #[test]
    fn range_size_follows_k8s_utils_net() {
        assert_eq!(cidr("10.0.0.16/29").kubeadm_range_size(), 8);
        assert_eq!(cidr("10.0.0.16/28").kubeadm_range_size(), 16);
        assert_eq!(cidr("10.0.0.1/32").kubeadm_range_size(), 1);
        assert_eq!(cidr("0.0.0.0/1").kubeadm_range_size(), 0);
        assert_eq!(cidr("2001:db8::/125").kubeadm_range_size(), 8);
        assert_eq!(cidr("2001:db8::/64").kubeadm_range_size(), i64::MAX);
        assert_eq!(cidr("::/0").kubeadm_range_size(), 0);
    }

    #[test]
    fn lists_are_checked_like_validate_ip_net_from_string() {
        assert!(
            CidrList::parse("10.0.0.16/12,2001:db8::/98")
                .problems()
                .is_empty()
        );
        assert_eq!(
            CidrList::parse("1.2.3.4,2001:db8::/98").problems(),
            vec![CidrListProblem::Unparsable { index: 0 }]
        );
        assert_eq!(
            CidrList::parse("10.0.0.16/12,192.168.0.0/16").problems(),
            vec![CidrListProblem::SameFamily(Family::V4)]
        );
        assert_eq!(
            CidrList::parse("10.0.0.0/16,fd00::/64,10.1.0.0/16").problems(),
            vec![CidrListProblem::TooMany(3)]
        );
        assert_eq!(
            CidrList::parse("10.0.0.0/16, fd00::/64").problems(),
            vec![CidrListProblem::Unparsable { index: 1 }]
        );
        assert!(Cidr::parse("010.000.0.0/8").unwrap().leading_zeros);
    }

    #[test]
    fn split_host_port_matches_go() {
        assert_eq!(split_host_port("cp:6443"), Ok(("cp", "6443")));
        assert_eq!(split_host_port("[::1]:6443"), Ok(("::1", "6443")));
        assert_eq!(split_host_port("cp:"), Ok(("cp", "")));
        assert_eq!(split_host_port("cp"), Err(SplitError::MissingPort));
        assert_eq!(
            split_host_port("fd00::1:6443"),
            Err(SplitError::TooManyColons)
        );
        assert_eq!(split_host_port("[::1]"), Err(SplitError::MissingPort));
        assert_eq!(split_host_port("[::1]:1:2"), Err(SplitError::TooManyColons));
        assert_eq!(split_host_port("1.2.3.4:6443/"), Ok(("1.2.3.4", "6443/")));
    }

    #[test]
    fn parse_host_port_matches_kubeadm() {
        for valid in [
            "cp.k8s.io:8081",
            "cp.k8s.io",
            "1.2.3.4:8081",
            "1.2.3.4",
            "[2001:db7::1]:8081",
            "2001:db7::1",
            "1.2.34",
        ] {
            assert!(parse_host_port(valid).is_ok(), "{valid}");
        }
        assert_eq!(parse_host_port("a.B.c.d.e"), Err(HostPortError::Host));
        assert_eq!(parse_host_port("2001:db7:1"), Err(HostPortError::Host));
        assert_eq!(parse_host_port("1.2.3.4:0"), Err(HostPortError::Port));
        assert_eq!(parse_host_port("[2001:db7::1]"), Err(HostPortError::Host));
        assert_eq!(parse_host_port("https://cp:6443"), Err(HostPortError::Host));
    }

    #[test]
    fn dns_names() {
        assert!(is_dns1123_subdomain("my.subdomain"));
        assert!(!is_dns1123_subdomain("???&?.garbage"));
        assert!(!is_dns1123_subdomain("Upper.case"));
        assert!(!is_dns1123_subdomain(""));
        assert!(!is_dns1123_subdomain("trailing.dot."));
        assert!(is_wildcard_dns1123_subdomain("*.my.other.subdomain"));
        assert!(!is_wildcard_dns1123_subdomain("**.my-hostname2"));
        assert!(!is_wildcard_dns1123_subdomain("*.*.my-hostname2"));
        assert!(!is_wildcard_dns1123_subdomain("a.*.my-hostname2"));
        assert!(!is_wildcard_dns1123_subdomain("*"));
    }

    #[test]
    fn unbracketed_ipv6_ports() {
        assert_eq!(
            unbracketed_ipv6_with_port("fd00::1:6443", &[6443]).map(|(ip, p)| (ip.to_string(), p)),
            Some(("fd00::1".to_string(), 6443))
        );
        assert_eq!(unbracketed_ipv6_with_port("fd00::1:6443", &[]), None);
        assert_eq!(unbracketed_ipv6_with_port("2001:db7::1", &[6443]), None);
        assert_eq!(unbracketed_ipv6_with_port("[fd00::1]:6443", &[6443]), None);
        assert_eq!(
            unbracketed_ipv6_with_port("fd00:1:2:3:4:5:6:7:6443", &[])
                .map(|(ip, p)| (ip.to_string(), p)),
            Some(("fd00:1:2:3:4:5:6:7".to_string(), 6443))
        );
    }

    #[test]
    fn placeholders() {
        for text in [
            "${POD_CIDR}",
            "{{ cidr }}",
            "$(CIDR)",
            "__POD_NETWORK_CIDR__",
            "__CONTROL_PLANE_ENDPOINT__:6443",
            "_MasterDomain_",
            "api._MasterDomain_:6443",
            "MASTER_IP_1",
            "PODSUBNET",
            "<node-ip>",
        ] {
            assert!(is_placeholder(text), "{text}");
        }
        for text in [
            "10.96.0.0/12",
            "fd00::/64",
            "cp",
            "ADDR1.example",
            "publicIp",
            "FD00::1",
            "my_host",
        ] {
            assert!(!is_placeholder(text), "{text}");
        }
    }

    #[test]
    fn unbracketed_ipv6_urls() {
        assert_eq!(
            unbracketed_ipv6_url("https://fd00::1:2379", &[2379]),
            Some(Ok("https://[fd00::1]:2379".to_string()))
        );
        assert_eq!(
            unbracketed_ipv6_url("https://fd00:20::2:2379/x", &[2379]),
            Some(Ok("https://[fd00:20::2]:2379/x".to_string()))
        );
        assert_eq!(
            unbracketed_ipv6_url("https://[fd00::1]:2379", &[2379]),
            None
        );
        assert_eq!(unbracketed_ipv6_url("https://10.0.0.1:2379", &[2379]), None);
        assert_eq!(
            unbracketed_ipv6_url("https://fd00::1", &[2379]),
            Some(Err(()))
        );
    }

    #[test]
    fn public_ranges() {
        assert!(public_v4_range(&cidr("172.168.0.0/16")));
        assert!(public_v4_range(&cidr("192.96.0.0/12")));
        assert!(!public_v4_range(&cidr("100.64.0.0/17")));
        assert!(!public_v4_range(&cidr("10.96.0.0/12")));
        assert!(!public_v4_range(&cidr("fd00::/64")));
    }

    #[test]
    fn ipv4_mapped_addresses_are_ipv4() {
        assert_eq!(parse_ip("::ffff:1.2.3.4").map(Family::of), Some(Family::V4));
        assert_eq!(parse_ip("1.2.34"), None);
        assert_eq!(
            parse_ip_sloppy("010.0.0.1"),
            Some((IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)), true))
        );
    }
}
