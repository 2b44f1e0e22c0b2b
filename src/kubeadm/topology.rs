//! What one file says about the cluster's addresses: the subnets, the DNS domain, the node
//! mask the controller-manager will use, and every node address written anywhere.
//!
//! `kubeadm init` reads the InitConfiguration and ClusterConfiguration of a file and defaults
//! what is missing (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go); KubeletConfiguration and
//! KubeProxyConfiguration are defaulted from them (cmd/kubeadm/app/componentconfigs). A join
//! takes all of this from the cluster instead, so a file without an Init or Cluster document
//! says nothing about the cluster's networking.

use std::net::IpAddr;

use super::Kind;
use super::config::{ConfigSet, KubeadmDocument};
use super::extra_args::{self, Arg};
use super::network::{
    self, Cidr, CidrList, DEFAULT_DNS_DOMAIN, DEFAULT_SERVICE_SUBNET, Family, go_atoi,
};
use crate::yaml::{Node, Span};

/// A subnet setting and where it is written.
#[derive(Debug, Clone)]
pub struct Subnet<'a> {
    /// The value node; `None` when the default applies.
    pub node: Option<Node<'a>>,
    pub text: &'a str,
    pub list: CidrList<'a>,
}

impl<'a> Subnet<'a> {
    /// A written value; one that is not a string (a YAML list, say) has no CIDRs.
    fn written(node: Node<'a>) -> Subnet<'a> {
        let text = node.as_str().unwrap_or_default();
        Subnet {
            node: Some(node),
            text,
            list: CidrList::parse(text),
        }
    }

    fn default_service() -> Subnet<'static> {
        Subnet {
            node: None,
            text: DEFAULT_SERVICE_SUBNET,
            list: CidrList::parse(DEFAULT_SERVICE_SUBNET),
        }
    }

    pub fn span(&self) -> Option<Span> {
        self.node.map(|n| n.span())
    }

    /// The CIDRs, when kubeadm accepts the value.
    pub fn cidrs(&self) -> Option<Vec<Cidr>> {
        self.list.valid()
    }

    /// `serviceSubnet 10.96.0.0/12` or `serviceSubnet (default 10.96.0.0/12)`.
    pub fn name(&self, field: &str) -> String {
        match self.node {
            Some(_) => format!("{field} `{}`", self.text),
            None => format!("{field} (default `{}`)", self.text),
        }
    }
}

/// The networking of the cluster `kubeadm init` would create from this file.
#[derive(Debug, Clone)]
pub struct Networking<'a> {
    pub cluster: Option<KubeadmDocument<'a>>,
    pub init: Option<KubeadmDocument<'a>>,
    pub service: Subnet<'a>,
    /// `None` when unset (kubeadm has no default: node CIDRs are then not allocated).
    pub pod: Option<Subnet<'a>>,
    pub dns_domain: &'a str,
    pub dns_domain_node: Option<Node<'a>>,
    /// False when a document of the file did not parse: what looks absent may be in it.
    pub complete: bool,
}

impl<'a> Networking<'a> {
    /// `None` when the file has neither an InitConfiguration nor a ClusterConfiguration, or
    /// when a document did not parse and no ClusterConfiguration did (the defaults would be
    /// guesses).
    pub fn of<'c>(config: &'c ConfigSet<'a>) -> Option<&'c Networking<'a>> {
        config.networking()
    }

    /// [`Networking::of`], worked out (the config set keeps the answer).
    pub(super) fn compute(config: &ConfigSet<'a>) -> Option<Networking<'a>> {
        let cluster = config.cluster().copied();
        let init = config.first(Kind::InitConfiguration).copied();
        let complete = !config.tree.documents.iter().any(|d| d.broken);
        if (cluster.is_none() && init.is_none()) || (cluster.is_none() && !complete) {
            return None;
        }
        let field = |key: &str| {
            cluster
                .and_then(|c| c.path(&["networking", key]))
                .filter(|n| !n.is_null() && n.as_str() != Some(""))
        };
        let service = match field("serviceSubnet") {
            Some(node) => Subnet::written(node),
            None => Subnet::default_service(),
        };
        let pod = field("podSubnet").map(Subnet::written);
        let dns_domain_node = field("dnsDomain");
        let dns_domain = dns_domain_node
            .and_then(|n| n.as_str())
            .unwrap_or(DEFAULT_DNS_DOMAIN);
        Some(Networking {
            cluster,
            init,
            service,
            pod,
            dns_domain,
            dns_domain_node,
            complete,
        })
    }

    /// The service range `kubernetes.default` and CoreDNS take their IPs from: the first one
    /// (`GetKubernetesServiceCIDR`).
    pub fn primary_service(&self) -> Option<Cidr> {
        self.service.cidrs()?.first().copied()
    }

    /// The ClusterIP of the `kube-dns` Service kubeadm creates, and what it writes into
    /// KubeletConfiguration.clusterDNS by default (`GetDNSIP`).
    pub fn dns_ip(&self) -> Option<IpAddr> {
        self.primary_service()?.indexed(network::DNS_SERVICE_INDEX)
    }

    /// The ClusterIP of `kubernetes.default` (`GetAPIServerVirtualIP`).
    pub fn api_service_ip(&self) -> Option<IpAddr> {
        self.primary_service()?.indexed(network::API_SERVICE_INDEX)
    }

    pub fn component_args(&self, component: &[&str]) -> Vec<Arg<'a>> {
        self.cluster
            .map(|c| extra_args::component_args(c.root, component))
            .unwrap_or_default()
    }

    /// kubeadm's own test: node CIDRs are allocated unless the controller-manager flag
    /// `allocate-node-cidrs` is exactly `"false"` (`ValidateNetworking`).
    pub fn allocates_node_cidrs(&self) -> bool {
        let args = self.component_args(&["controllerManager"]);
        extra_args::last(&args, "allocate-node-cidrs").and_then(|a| a.text()) != Some("false")
    }

    pub fn advertise_address(&self) -> Option<(IpAddr, Node<'a>)> {
        let node = self.init?.path(&["localAPIEndpoint", "advertiseAddress"])?;
        let (ip, _) = network::parse_ip_sloppy(node.as_str()?)?;
        Some((ip, node))
    }
}

/// Whether `mapping` has a key that looks like a misspelling of `field` (other case, or a
/// couple of letters off): then the field is not "missing", unknown-or-miscased-field reports
/// the key kubeadm drops.
pub fn has_near_key(mapping: Node<'_>, field: &str) -> bool {
    let wanted = field.to_ascii_lowercase();
    let length = wanted.chars().count();
    mapping
        .entries()
        .filter_map(|(k, _)| k.as_str())
        .any(|key| {
            // The distance is at least the difference in length: most keys are ruled out
            // before it is computed.
            key != field
                && key.chars().count().abs_diff(length) <= 2
                && strsim::damerau_levenshtein(&key.to_ascii_lowercase(), &wanted) <= 2
        })
}

/// The node mask kubeadm validates a pod range against (`getClusterNodeMask`).
#[derive(Debug, Clone, Copy)]
pub enum KubeadmNodeMask<'a> {
    Default(u8),
    Flag(i64, Arg<'a>),
    /// The flag is not an integer: kubeadm refuses the file.
    Unparsable(Arg<'a>),
}

impl KubeadmNodeMask<'_> {
    pub fn of<'a>(args: &[Arg<'a>], family: Family) -> KubeadmNodeMask<'a> {
        match extra_args::last(args, family.node_mask_flag()) {
            Some(arg) if arg.text().is_some_and(|v| !v.is_empty()) => {
                match arg.text().and_then(go_atoi) {
                    Some(mask) => KubeadmNodeMask::Flag(mask, *arg),
                    None => KubeadmNodeMask::Unparsable(*arg),
                }
            }
            _ => KubeadmNodeMask::Default(family.default_node_mask()),
        }
    }
}

/// The node mask the controller-manager itself will use, per family, following
/// `setNodeCIDRMaskSizes` (cmd/kube-controller-manager/app/core.go): the legacy
/// `node-cidr-mask-size` wins for single-stack clusters (kubeadm's validation ignores it), is
/// refused for dual-stack ones, and may not be combined with the per-family flags.
#[derive(Debug, Clone)]
pub enum ControllerManagerMasks<'a> {
    Masks(Vec<(Family, i64, Option<Arg<'a>>)>),
    /// The controller-manager refuses the flags and does not start.
    Refused {
        message: String,
        arg: Arg<'a>,
    },
}

impl<'a> ControllerManagerMasks<'a> {
    pub fn of(args: &[Arg<'a>], pod: &[Cidr]) -> ControllerManagerMasks<'a> {
        let flag = |name: &str| {
            extra_args::last(args, name)
                .filter(|a| a.text().and_then(go_atoi).is_some_and(|n| n != 0))
                .copied()
        };
        let value = |arg: &Arg| arg.text().and_then(go_atoi).unwrap_or_default();
        let (legacy, v4, v6) = (
            flag("node-cidr-mask-size"),
            flag("node-cidr-mask-size-ipv4"),
            flag("node-cidr-mask-size-ipv6"),
        );
        for name in [
            "node-cidr-mask-size",
            "node-cidr-mask-size-ipv4",
            "node-cidr-mask-size-ipv6",
        ] {
            if let Some(arg) = extra_args::last(args, name)
                && let Some(text) = arg.text().filter(|t| !t.is_empty())
                && go_atoi(text).is_none()
            {
                return ControllerManagerMasks::Refused {
                    message: format!("invalid argument \"{text}\" for \"--{name}\" flag"),
                    arg: *arg,
                };
            }
        }
        let families: Vec<Family> = pod.iter().map(Cidr::family).collect();
        let mut masks = Vec::new();
        if families.len() > 1 {
            if let Some(arg) = legacy {
                return ControllerManagerMasks::Refused {
                    message:
                        "usage of --node-cidr-mask-size is not allowed with dual-stack clusters"
                            .into(),
                    arg,
                };
            }
        } else if let Some(arg) = legacy {
            if let Some(other) = v4.or(v6) {
                return ControllerManagerMasks::Refused {
                    message: "usage of --node-cidr-mask-size-ipv4 and --node-cidr-mask-size-ipv6 is not allowed if --node-cidr-mask-size is set".into(),
                    arg: other,
                };
            }
            for family in families {
                masks.push((family, value(&arg), Some(arg)));
            }
            return ControllerManagerMasks::Masks(masks);
        } else if let (true, Some(arg)) = (families == [Family::V6], v4) {
            return ControllerManagerMasks::Refused {
                message: "usage of --node-cidr-mask-size-ipv4 is not allowed for a single-stack IPv6 cluster".into(),
                arg,
            };
        } else if let (true, Some(arg)) = (families == [Family::V4], v6) {
            return ControllerManagerMasks::Refused {
                message: "usage of --node-cidr-mask-size-ipv6 is not allowed for a single-stack IPv4 cluster".into(),
                arg,
            };
        }
        for family in families {
            let arg = match family {
                Family::V4 => v4,
                Family::V6 => v6,
            };
            let mask = arg
                .as_ref()
                .map_or(i64::from(family.default_node_mask()), value);
            masks.push((family, mask, arg));
        }
        ControllerManagerMasks::Masks(masks)
    }
}

/// An address of a node (or of the control plane's endpoint) written somewhere in the file.
#[derive(Debug, Clone, Copy)]
pub struct NodeAddress<'a> {
    pub ip: IpAddr,
    pub node: Node<'a>,
    /// Where it is, as a field path.
    pub field: &'static str,
}

/// Every routable node-side address in the file: advertise addresses, the kubelet's
/// `node-ip`, the control-plane endpoint, certificate SANs, etcd endpoints and the discovery
/// endpoint. Loopback, unspecified and link-local addresses are left out.
pub fn node_addresses<'a>(config: &ConfigSet<'a>) -> Vec<NodeAddress<'a>> {
    let mut found = Vec::new();
    let mut push = |node: Node<'a>, text: &str, field: &'static str| {
        if let Some((ip, _)) = network::parse_ip_sloppy(text.trim())
            && !ip.is_loopback()
            && !ip.is_unspecified()
            && !network::is_link_local(ip)
        {
            found.push(NodeAddress { ip, node, field });
        }
    };
    for doc in &config.documents {
        let Some(kind) = doc.kind else { continue };
        let text_at = |keys: &[&str]| doc.path(keys).and_then(|n| n.as_str().map(|t| (n, t)));
        match kind {
            Kind::InitConfiguration | Kind::JoinConfiguration => {
                let endpoint: &[&str] = if kind == Kind::InitConfiguration {
                    &["localAPIEndpoint", "advertiseAddress"]
                } else {
                    &["controlPlane", "localAPIEndpoint", "advertiseAddress"]
                };
                if let Some((node, text)) = text_at(endpoint) {
                    push(node, text, "advertiseAddress");
                }
                let kubelet_args = doc
                    .path(&["nodeRegistration", "kubeletExtraArgs"])
                    .map(extra_args::args_of)
                    .unwrap_or_default();
                if let Some(arg) = extra_args::last(&kubelet_args, "node-ip")
                    && let (Some(node), Some(value)) = (arg.value, arg.text())
                {
                    for part in value.split(',') {
                        push(node, part, "kubeletExtraArgs node-ip");
                    }
                }
                if let Some((node, text)) =
                    text_at(&["discovery", "bootstrapToken", "apiServerEndpoint"])
                    && let Ok((host, _)) = network::split_host_port(text)
                {
                    push(node, host, "discovery.bootstrapToken.apiServerEndpoint");
                }
            }
            Kind::ClusterConfiguration => {
                if let Some((node, text)) = text_at(&["controlPlaneEndpoint"])
                    && let Ok(host_port) = network::parse_host_port(text)
                {
                    push(node, host_port.host, "controlPlaneEndpoint");
                }
                let lists: [(&[&str], &'static str); 4] = [
                    (&["apiServer", "certSANs"], "apiServer.certSANs"),
                    (
                        &["etcd", "local", "serverCertSANs"],
                        "etcd.local.serverCertSANs",
                    ),
                    (
                        &["etcd", "local", "peerCertSANs"],
                        "etcd.local.peerCertSANs",
                    ),
                    (
                        &["etcd", "external", "endpoints"],
                        "etcd.external.endpoints",
                    ),
                ];
                for (keys, field) in lists {
                    for item in doc.path(keys).into_iter().flat_map(|n| n.items()) {
                        let Some(text) = item.as_str() else { continue };
                        let host = url_host(text).unwrap_or(text);
                        push(item, host, field);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The host of `scheme://host[:port][/path]`, brackets removed.
pub fn url_host(text: &str) -> Option<&str> {
    let (_, rest) = text.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    if let Some(bracketed) = authority.strip_prefix('[') {
        return bracketed.split_once(']').map(|(host, _)| host);
    }
    Some(match authority.rsplit_once(':') {
        Some((host, _)) if !host.contains(':') => host,
        _ => authority,
    })
}

/// The ports the file says the API server listens on: every `bindPort`, the port of
/// `controlPlaneEndpoint`, and 6443.
pub fn api_ports(config: &ConfigSet<'_>) -> Vec<u16> {
    let mut ports = vec![network::DEFAULT_BIND_PORT as u16, 443, 8443];
    for doc in &config.documents {
        for keys in [
            &["localAPIEndpoint", "bindPort"][..],
            &["controlPlane", "localAPIEndpoint", "bindPort"][..],
        ] {
            if let Some(port) = doc
                .path(keys)
                .and_then(|n| n.as_str())
                .and_then(network::parse_port)
            {
                ports.push(port);
            }
        }
        if let Some(port) = doc
            .path(&["controlPlaneEndpoint"])
            .and_then(|n| n.as_str())
            .and_then(|t| network::split_host_port(t).ok())
            .and_then(|(_, port)| network::parse_port(port))
        {
            ports.push(port);
        }
    }
    ports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_keys() {
        let tree = crate::yaml::parse("controlPlaneEndpiont: x\nPodSubnet: y\nclusterName: z\n");
        let root = tree.root(0).unwrap();
        assert!(has_near_key(root, "controlPlaneEndpoint"));
        assert!(has_near_key(root, "podSubnet"));
        assert!(!has_near_key(root, "serviceSubnet"));
    }

    #[test]
    fn url_hosts() {
        assert_eq!(url_host("https://10.0.0.5:2379"), Some("10.0.0.5"));
        assert_eq!(url_host("https://[fd00::5]:2379/x"), Some("fd00::5"));
        assert_eq!(url_host("https://etcd"), Some("etcd"));
        assert_eq!(url_host("https://fd00::1:2379"), Some("fd00::1:2379"));
        assert_eq!(url_host("10.0.0.5:2379"), None);
    }
}
