//! kubeadm's own validation cases (facts 4.3, from cmd/kubeadm/app/apis/kubeadm/validation/
//! validation_test.go) for subnets, node masks, endpoints, ports, addresses and SANs, each
//! written as the YAML a user would give `kubeadm init`/`join`: a valid case gives no error from
//! any rule, an invalid one an error from the rule named.
//!
//! Where the YAML outcome differs from the Go unit test, the case says why: the validators run
//! on defaulted objects (an empty subnet or advertise address, `bindPort: 0`, are filled in before
//! validation), and the controller-manager refuses some node-mask flags kubeadm lets through.

mod common;

use kubeadm_lint::Severity;
use kubeadm_lint::kubeadm::extra_args;
use kubeadm_lint::kubeadm::network::{Cidr, Family};
use kubeadm_lint::kubeadm::topology::{ControllerManagerMasks, KubeadmNodeMask};

/// What linting the case's YAML must give.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// No error-level finding from any rule.
    Valid,
    /// At least one error from this rule.
    Error(&'static str),
}

use Expect::{Error, Valid};

const HEAD: &str =
    "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.34.2\n";

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A ClusterConfiguration with the given podSubnet and controller-manager flags (v1beta4 list).
fn pod_subnet(subnet: &str, flags: &[(&str, &str)]) -> String {
    let mut yaml = format!("{HEAD}networking:\n  podSubnet: {}\n", quoted(subnet));
    if !flags.is_empty() {
        yaml.push_str("controllerManager:\n  extraArgs:\n");
        for (name, value) in flags {
            yaml.push_str(&format!(
                "    - name: {name}\n      value: {}\n",
                quoted(value)
            ));
        }
    }
    yaml
}

/// The same in the v1beta3 map form of extraArgs.
fn pod_subnet_v1beta3(subnet: &str, flags: &[(&str, &str)]) -> String {
    let mut yaml = format!(
        "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.30.2\nnetworking:\n  podSubnet: {}\n",
        quoted(subnet)
    );
    if !flags.is_empty() {
        yaml.push_str("controllerManager:\n  extraArgs:\n");
        for (name, value) in flags {
            yaml.push_str(&format!("    {name}: {}\n", quoted(value)));
        }
    }
    yaml
}

fn service_subnet(subnet: &str) -> String {
    format!("{HEAD}networking:\n  serviceSubnet: {}\n", quoted(subnet))
}

fn control_plane_endpoint(endpoint: &str) -> String {
    format!("{HEAD}controlPlaneEndpoint: {}\n", quoted(endpoint))
}

/// An InitConfiguration with the given advertise address (and bind port), and a cluster whose
/// first service range has the address's family (the API server refuses a mismatch, which the
/// Go test does not model).
fn api_endpoint(address: &str, port: Option<&str>) -> String {
    let service = if address.contains(':') {
        "fd00:10:96::/112"
    } else {
        "10.96.0.0/12"
    };
    let mut yaml = format!(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: {}\n",
        quoted(address)
    );
    if let Some(port) = port {
        yaml.push_str(&format!("  bindPort: {port}\n"));
    }
    yaml.push_str(&format!(
        "---\n{HEAD}networking:\n  serviceSubnet: {service}\n"
    ));
    yaml
}

fn cert_sans(sans: &[&str]) -> String {
    let list = sans
        .iter()
        .map(|s| quoted(s))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{HEAD}apiServer:\n  certSANs: [{list}]\n")
}

fn join(endpoint: Option<&str>, control_plane: Option<(&str, &str)>) -> String {
    let mut yaml = String::from(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\ndiscovery:\n  bootstrapToken:\n    token: 7h3k2p.x9q4m2n8v5c1b6z3\n    unsafeSkipCAVerification: true\n",
    );
    if let Some(endpoint) = endpoint {
        yaml.push_str(&format!("    apiServerEndpoint: {}\n", quoted(endpoint)));
    }
    if let Some((address, port)) = control_plane {
        yaml.push_str(&format!(
            "controlPlane:\n  localAPIEndpoint:\n    advertiseAddress: {}\n    bindPort: {port}\n",
            quoted(address)
        ));
    }
    yaml
}

fn discovery_file(path: &str) -> String {
    format!(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\ndiscovery:\n  file:\n    kubeConfigPath: {}\n",
        quoted(path)
    )
}

fn cases() -> Vec<(&'static str, String, Expect)> {
    let off = [("allocate-node-cidrs", "false")];
    vec![
        // Subnet (ValidateIPNetFromString), on podSubnet with node ranges off so only the
        // subnet rules apply; no case lies between the minimums of 10 and 14 addresses.
        // The Go test refuses "", but kubeadm only validates a non-empty podSubnet.
        ("subnet: empty is unset", pod_subnet("", &off), Valid),
        (
            "subnet: 10.0.0.16/12",
            pod_subnet("10.0.0.16/12", &off),
            Valid,
        ),
        (
            "subnet: 2001:db8::/98",
            pod_subnet("2001:db8::/98", &off),
            Valid,
        ),
        (
            "subnet: address without prefix",
            pod_subnet("1.2.3.4,2001:db8::/98", &off),
            Error("dual-stack-cidr-format"),
        ),
        (
            "subnet: IPv4 part too small",
            pod_subnet("10.0.0.16/29,2001:db8::/98", &off),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "subnet: IPv6 part too small",
            pod_subnet("10.0.0.16/12,2001:db8::/125", &off),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "subnet: two IPv4",
            pod_subnet("10.0.0.16/12,192.168.0.0/16", &off),
            Error("dual-stack-cidr-format"),
        ),
        (
            "subnet: two IPv6",
            pod_subnet("2001:db8::/98,2005:db8::/98", &off),
            Error("dual-stack-cidr-format"),
        ),
        (
            "subnet: dual-stack",
            pod_subnet("10.0.0.16/12,2001:db8::/98", &off),
            Valid,
        ),
        (
            "subnet: three ranges",
            pod_subnet("10.0.0.16/12,2001:db8::/98,2001:db9::/98", &off),
            Error("dual-stack-cidr-format"),
        ),
        // Pod subnet vs node mask (ValidatePodSubnetNodeMask), in both extraArgs shapes.
        (
            "pod/mask: /29",
            pod_subnet("10.0.0.16/29", &[]),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "pod/mask: /24 with ipv4 mask 23",
            pod_subnet("10.0.0.16/24", &[("node-cidr-mask-size-ipv4", "23")]),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "pod/mask: /24 with ipv4 mask 23 (v1beta3 map)",
            pod_subnet_v1beta3("10.0.0.16/24", &[("node-cidr-mask-size-ipv4", "23")]),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "pod/mask: IPv6 /112",
            pod_subnet("2001:db8::1/112", &[]),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "pod/mask: IPv6 /64 with ipv6 mask 24",
            pod_subnet("2001:db8::1/64", &[("node-cidr-mask-size-ipv6", "24")]),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "pod/mask: IPv6 /12, difference over 16",
            pod_subnet("2001:db8::1/12", &[]),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "pod/mask: IPv6 /64 with ipv6 mask 120",
            pod_subnet("2001:db8::1/64", &[("node-cidr-mask-size-ipv6", "120")]),
            Error("pod-subnet-vs-node-mask"),
        ),
        (
            "pod/mask: 10.0.0.16/12",
            pod_subnet("10.0.0.16/12", &[]),
            Valid,
        ),
        (
            "pod/mask: 2001:db8::/48",
            pod_subnet("2001:db8::/48", &[]),
            Valid,
        ),
        (
            "pod/mask: dual-stack",
            pod_subnet("2001:db8::/48,10.0.0.16/12", &[]),
            Valid,
        ),
        (
            "pod/mask: allocation off skips the mask check",
            pod_subnet_v1beta3(
                "10.0.0.16/24",
                &[
                    ("allocate-node-cidrs", "false"),
                    ("node-cidr-mask-size-ipv4", "23"),
                ],
            ),
            Valid,
        ),
        // Node mask resolution: an unparsable flag is refused.
        (
            "mask: ipv4 flag aa",
            pod_subnet("10.0.0.0/16", &[("node-cidr-mask-size-ipv4", "aa")]),
            Error("pod-subnet-vs-node-mask"),
        ),
        // kubeadm resolves 23 here and accepts it, but the controller-manager refuses the legacy
        // flag next to a per-family one (setNodeCIDRMaskSizes).
        (
            "mask: legacy and ipv4 flags together",
            pod_subnet(
                "10.0.0.0/16",
                &[
                    ("node-cidr-mask-size", "21"),
                    ("node-cidr-mask-size-ipv4", "23"),
                ],
            ),
            Error("pod-subnet-vs-node-mask"),
        ),
        // Service subnet size (ValidateServiceSubnetSize).
        (
            "service: /2",
            service_subnet("10.0.0.16/2"),
            Error("service-subnet-size"),
        ),
        (
            "service: IPv6 /64",
            service_subnet("2001:db8::1/64"),
            Error("service-subnet-size"),
        ),
        ("service: /12", service_subnet("10.0.0.16/12"), Valid),
        (
            "service: IPv6 /112",
            service_subnet("2001:db8::/112"),
            Valid,
        ),
        (
            "service: dual-stack with IPv4 /6",
            service_subnet("10.0.0.16/6,2001:db8::/112"),
            Error("service-subnet-size"),
        ),
        (
            "service: dual-stack with IPv6 /12",
            service_subnet("10.0.0.16/12,2001:db8::/12"),
            Error("service-subnet-size"),
        ),
        (
            "service: /29 below 10 addresses",
            service_subnet("10.0.0.16/29"),
            Error("service-subnet-size"),
        ),
        // HostPort (controlPlaneEndpoint, ValidateHostPort).
        (
            "endpoint: cp.k8s.io:8081",
            control_plane_endpoint("cp.k8s.io:8081"),
            Valid,
        ),
        (
            "endpoint: cp.k8s.io",
            control_plane_endpoint("cp.k8s.io"),
            Valid,
        ),
        (
            "endpoint: 1.2.3.4:8081",
            control_plane_endpoint("1.2.3.4:8081"),
            Valid,
        ),
        (
            "endpoint: 1.2.3.4",
            control_plane_endpoint("1.2.3.4"),
            Valid,
        ),
        (
            "endpoint: [2001:db7::1]:8081",
            control_plane_endpoint("[2001:db7::1]:8081"),
            Valid,
        ),
        (
            "endpoint: 2001:db7::1",
            control_plane_endpoint("2001:db7::1"),
            Valid,
        ),
        (
            "endpoint: 1.2.34 is a DNS name",
            control_plane_endpoint("1.2.34"),
            Valid,
        ),
        (
            "endpoint: a.B.c.d.e",
            control_plane_endpoint("a.B.c.d.e"),
            Error("endpoint-format"),
        ),
        (
            "endpoint: 2001:db7:1",
            control_plane_endpoint("2001:db7:1"),
            Error("endpoint-format"),
        ),
        (
            "endpoint: port 0",
            control_plane_endpoint("1.2.3.4:0"),
            Error("endpoint-format"),
        ),
        // APIEndpoint (ValidateAPIEndpoint). bindPort 0 is refused by the Go test but defaulted
        // to 6443 before validation when it comes from YAML.
        (
            "api endpoint: 4.5.6.7:6443",
            api_endpoint("4.5.6.7", Some("6443")),
            Valid,
        ),
        (
            "api endpoint: 2001:db7::2:6443",
            api_endpoint("2001:db7::2", Some("6443")),
            Valid,
        ),
        (
            "api endpoint: 1.2.34",
            api_endpoint("1.2.34", Some("6443")),
            Error("endpoint-format"),
        ),
        (
            "api endpoint: 2001:db7:1",
            api_endpoint("2001:db7:1", Some("6443")),
            Error("endpoint-format"),
        ),
        (
            "api endpoint: port 0 is the default",
            api_endpoint("4.5.6.7", Some("0")),
            Valid,
        ),
        // IP (ValidateIPFromString) on advertiseAddress; "" is filled in by dynamic defaulting.
        (
            "ip: empty is detected on the node",
            api_endpoint("", None),
            Valid,
        ),
        (
            "ip: 1234",
            api_endpoint("1234", None),
            Error("endpoint-format"),
        ),
        (
            "ip: 1.2",
            api_endpoint("1.2", None),
            Error("endpoint-format"),
        ),
        (
            "ip: 1.2.3.4/16",
            api_endpoint("1.2.3.4/16", None),
            Error("endpoint-format"),
        ),
        ("ip: 1.2.3.4", api_endpoint("1.2.3.4", None), Valid),
        ("ip: 2001:db8::1", api_endpoint("2001:db8::1", None), Valid),
        (
            "ip: 2001:db8::1/64",
            api_endpoint("2001:db8::1/64", None),
            Error("endpoint-format"),
        ),
        (
            "ip: 2001:xb8::",
            api_endpoint("2001:xb8::", None),
            Error("endpoint-format"),
        ),
        (
            "ip: 2001::db8::",
            api_endpoint("2001::db8::", None),
            Error("endpoint-format"),
        ),
        // Port (ValidatePort) on bindPort.
        (
            "port: -1234",
            api_endpoint("4.5.6.7", Some("-1234")),
            Error("endpoint-format"),
        ),
        ("port: 1", api_endpoint("4.5.6.7", Some("1")), Valid),
        ("port: 300", api_endpoint("4.5.6.7", Some("300")), Valid),
        ("port: 65535", api_endpoint("4.5.6.7", Some("65535")), Valid),
        (
            "port: 65538",
            api_endpoint("4.5.6.7", Some("65538")),
            Error("endpoint-format"),
        ),
        // CertSANs (ValidateCertSANs).
        ("sans: none", cert_sans(&[]), Valid),
        (
            "sans: 1,2,,3",
            cert_sans(&["1", "2", "", "3"]),
            Error("cert-sans-invalid-or-redundant"),
        ),
        (
            "sans: garbage",
            cert_sans(&["my-hostname", "???&?.garbage"]),
            Error("cert-sans-invalid-or-redundant"),
        ),
        (
            "sans: names and an IP",
            cert_sans(&["my-hostname", "my.subdomain", "1.2.3.4"]),
            Valid,
        ),
        ("sans: IPv6", cert_sans(&["2001:db8::4"]), Valid),
        (
            "sans: wildcards",
            cert_sans(&["*.my-hostname2", "*.my.other.subdomain"]),
            Valid,
        ),
        (
            "sans: **.",
            cert_sans(&["**.my-hostname2"]),
            Error("cert-sans-invalid-or-redundant"),
        ),
        (
            "sans: *.*.",
            cert_sans(&["*.*.my-hostname2"]),
            Error("cert-sans-invalid-or-redundant"),
        ),
        (
            "sans: a.*.",
            cert_sans(&["a.*.my-hostname2"]),
            Error("cert-sans-invalid-or-redundant"),
        ),
        (
            "sans: *",
            cert_sans(&["*"]),
            Error("cert-sans-invalid-or-redundant"),
        ),
        // InitConfiguration: host bits are accepted; a subnet without mask is not.
        (
            "init: host bits in both subnets",
            format!(
                "{HEAD}networking:\n  serviceSubnet: 10.96.0.1/12\n  podSubnet: 10.0.1.15/16\netcd:\n  local:\n    dataDir: /some/path\n"
            ),
            Valid,
        ),
        (
            "init: podSubnet without mask",
            pod_subnet("10.0.1.15", &[]),
            Error("dual-stack-cidr-format"),
        ),
        (
            "init: IPv6 advertise address and service range",
            format!(
                "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: 1:2:3::4\n  bindPort: 3446\n---\n{HEAD}networking:\n  serviceSubnet: 2001:db8::1/112\n"
            ),
            Valid,
        ),
        // JoinConfiguration and discovery.
        (
            "join: endpoint with port",
            join(Some("1.2.3.4:6443"), None),
            Valid,
        ),
        (
            "join: control-plane advertise aaa",
            join(Some("1.2.3.4:6443"), Some(("aaa", "6443"))),
            Error("endpoint-format"),
        ),
        (
            "join: control-plane bindPort -1",
            join(Some("1.2.3.4:6443"), Some(("1.2.3.4", "-1"))),
            Error("endpoint-format"),
        ),
        (
            "discovery: no endpoint",
            join(None, None),
            Error("endpoint-format"),
        ),
        (
            "discovery: no port",
            join(Some("192.168.122.100"), None),
            Error("endpoint-format"),
        ),
        (
            "discovery: with port",
            join(Some("192.168.122.100:6443"), None),
            Valid,
        ),
        (
            "discovery file: http://[::1]a",
            discovery_file("http://[::1]a"),
            Error("endpoint-format"),
        ),
        (
            "discovery file: http URL",
            discovery_file("http://url/file.conf"),
            Error("endpoint-format"),
        ),
        (
            "discovery file: space in host",
            discovery_file("https://u r l/file.conf"),
            Error("endpoint-format"),
        ),
        (
            "discovery file: https URL",
            discovery_file("https://url/file.conf"),
            Valid,
        ),
    ]
}

#[test]
fn kubeadm_validation_cases() {
    let mut failures = Vec::new();
    let cases = cases();
    for (name, yaml, expect) in &cases {
        let (_, diagnostics) = common::lint_text("case.yaml", yaml);
        let errors: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        match expect {
            Valid if !errors.is_empty() => failures.push(format!(
                "{name}: valid, but got {}",
                errors
                    .iter()
                    .map(|d| format!("[{}] {}", d.rule, d.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
            Error(rule) if !errors.iter().any(|d| d.rule == *rule) => failures.push(format!(
                "{name}: expected an error from {rule}, got {:?}",
                diagnostics
                    .iter()
                    .map(|d| (d.severity.as_str(), d.rule, d.message.as_str()))
                    .collect::<Vec<_>>()
            )),
            _ => {}
        }
    }
    assert!(cases.len() > 70, "{} cases", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `getClusterNodeMask`: the per-family flag, else 24/64; the legacy flag is ignored.
#[test]
fn node_mask_resolution_follows_kubeadm_and_the_controller_manager() {
    let masks = |flags: &str, family: Family| {
        let yaml = format!("controllerManager:\n  extraArgs:\n{flags}");
        let tree = kubeadm_lint::yaml::parse(&yaml);
        let root = tree.root(0).expect("root");
        match KubeadmNodeMask::of(
            &extra_args::component_args(root, &["controllerManager"]),
            family,
        ) {
            KubeadmNodeMask::Default(mask) => format!("default {mask}"),
            KubeadmNodeMask::Flag(mask, _) => format!("flag {mask}"),
            KubeadmNodeMask::Unparsable(_) => "unparsable".to_string(),
        }
    };
    assert_eq!(masks("    other: \"1\"\n", Family::V4), "default 24");
    assert_eq!(masks("    other: \"1\"\n", Family::V6), "default 64");
    assert_eq!(
        masks(
            "    node-cidr-mask-size: \"21\"\n    node-cidr-mask-size-ipv4: \"23\"\n",
            Family::V4
        ),
        "flag 23"
    );
    assert_eq!(
        masks("    node-cidr-mask-size: \"23\"\n", Family::V6),
        "default 64"
    );
    assert_eq!(
        masks("    node-cidr-mask-size-ipv4: aa\n", Family::V4),
        "unparsable"
    );

    // The controller-manager, unlike kubeadm, honours the legacy flag for a single-stack cluster.
    let yaml = "controllerManager:\n  extraArgs:\n    node-cidr-mask-size: \"23\"\n";
    let tree = kubeadm_lint::yaml::parse(yaml);
    let args = extra_args::component_args(tree.root(0).unwrap(), &["controllerManager"]);
    let pod = [Cidr::parse("2001:db8::/48").unwrap()];
    match ControllerManagerMasks::of(&args, &pod) {
        ControllerManagerMasks::Masks(masks) => assert_eq!(masks[0].1, 23),
        ControllerManagerMasks::Refused { message, .. } => panic!("refused: {message}"),
    }
    let dual = [
        Cidr::parse("10.0.0.0/16").unwrap(),
        Cidr::parse("2001:db8::/48").unwrap(),
    ];
    assert!(matches!(
        ControllerManagerMasks::of(&args, &dual),
        ControllerManagerMasks::Refused { .. }
    ));
}
