//! The documented workflow is "print the defaults, then edit them"
//! (https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/), and the values
//! `kubeadm config print init-defaults` / `join-defaults` print for the operator to replace
//! (`advertiseAddress: 1.2.3.4`, `name: node`, `apiServerEndpoint: kube-apiserver:6443`) are
//! easy to forget; so are hand-written markers such as `MASTER_IP` or `xxx`. None of them is
//! ever right for a real node.

use crate::kubeadm::placeholders::{self, Shape};
use crate::kubeadm::{places, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "placeholder-defaults-left-in",
    summary: "a value kubeadm's print-defaults output or a template left for the operator to replace (1.2.3.4, name: node, MASTER_IP, xxx)",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    page: include_str!("../../rules/placeholder-defaults-left-in.md"),
    check,
};

/// Values `kubeadm config print init-defaults` / `join-defaults` print, by kind and path.
const PRINTED_DEFAULTS: [(Kind, &[&str], &str, &str); 4] = [
    (
        Kind::InitConfiguration,
        &["localAPIEndpoint", "advertiseAddress"],
        "1.2.3.4",
        "write this node's own IP address, or remove advertiseAddress so kubeadm uses the address of the default-route interface; 1.2.3.4 is a public address nobody here owns, and the API server would advertise it",
    ),
    (
        Kind::JoinConfiguration,
        &["controlPlane", "localAPIEndpoint", "advertiseAddress"],
        "1.2.3.4",
        "write this node's own IP address, or remove advertiseAddress so kubeadm uses the address of the default-route interface",
    ),
    (
        Kind::JoinConfiguration,
        &["discovery", "bootstrapToken", "apiServerEndpoint"],
        "kube-apiserver:6443",
        "write the cluster's control-plane endpoint, such as k8s-api.example.com:6443 (what `kubeadm token create --print-join-command` prints)",
    ),
    (
        Kind::InitConfiguration,
        &["nodeRegistration", "name"],
        "node",
        "every node set up from this file would register as `node`; write this node's name, or remove the key so kubeadm uses the host name",
    ),
];

/// Fields whose shape tells a placeholder from a value, by kind.
const SHAPED_FIELDS: [(Kind, &[&str], Shape); 18] = [
    (Kind::InitConfiguration, &["localAPIEndpoint", "advertiseAddress"], Shape::Ip),
    (Kind::InitConfiguration, &["nodeRegistration", "name"], Shape::NodeName),
    (Kind::InitConfiguration, &["certificateKey"], Shape::CertificateKey),
    (Kind::InitConfiguration, &["bootstrapTokens", "[]", "token"], Shape::Token),
    (Kind::ClusterConfiguration, &["controlPlaneEndpoint"], Shape::HostPort),
    (Kind::ClusterConfiguration, &["networking", "podSubnet"], Shape::Cidr),
    (Kind::ClusterConfiguration, &["networking", "serviceSubnet"], Shape::Cidr),
    (Kind::ClusterConfiguration, &["apiServer", "certSANs", "[]"], Shape::Host),
    (Kind::ClusterConfiguration, &["etcd", "local", "serverCertSANs", "[]"], Shape::Host),
    (Kind::ClusterConfiguration, &["etcd", "local", "peerCertSANs", "[]"], Shape::Host),
    (Kind::JoinConfiguration, &["discovery", "bootstrapToken", "apiServerEndpoint"], Shape::HostPort),
    (Kind::JoinConfiguration, &["discovery", "bootstrapToken", "token"], Shape::Token),
    (Kind::JoinConfiguration, &["discovery", "bootstrapToken", "caCertHashes", "[]"], Shape::CaHash),
    (Kind::JoinConfiguration, &["discovery", "tlsBootstrapToken"], Shape::Token),
    (Kind::JoinConfiguration, &["controlPlane", "localAPIEndpoint", "advertiseAddress"], Shape::Ip),
    (Kind::JoinConfiguration, &["controlPlane", "certificateKey"], Shape::CertificateKey),
    (Kind::JoinConfiguration, &["nodeRegistration", "name"], Shape::NodeName),
    (Kind::KubeletConfiguration, &["clusterDNS", "[]"], Shape::Ip),
];

/// Kubelet flags (and the API server flag) that take this node's address.
const ADDRESS_ARGS: [&str; 3] = ["node-ip", "advertise-address", "address"];

fn check(config: &ConfigSet, sink: &mut Sink) {
    for (kind, path, value, help) in PRINTED_DEFAULTS {
        for doc in places::documents(config, kind) {
            let Some(node) = doc.path(path) else { continue };
            if node.as_str() == Some(value) && !node.is_null() {
                sink.report(node.span(), format!("`{}: {value}` is the placeholder `kubeadm config print` writes", path.join(".")))
                    .primary_label("left from the printed defaults")
                    .help(help);
            }
        }
    }
    // join-defaults writes `name: node` too.
    for doc in places::documents(config, Kind::JoinConfiguration) {
        if let Some(node) = doc.path(&["nodeRegistration", "name"]).filter(|n| n.as_str() == Some("node")) {
            sink.report(node.span(), "`nodeRegistration.name: node` is the placeholder `kubeadm config print` writes")
                .primary_label("left from the printed defaults")
                .help("every node joined with this file would register as `node`; write this node's name, or remove the key so kubeadm uses the host name");
        }
    }

    for (kind, path, shape) in SHAPED_FIELDS {
        for doc in places::documents(config, kind) {
            for node in nodes_at(doc.root, path) {
                report_hand_written(config, node, || path.join(".").replace(".[]", "[]"), shape, sink);
            }
        }
    }
    for registration in places::node_registrations(config) {
        if let Some(args) = registration.node.get("kubeletExtraArgs") {
            report_address_args(config, args, "nodeRegistration.kubeletExtraArgs", sink);
        }
    }
    for cluster in places::documents(config, Kind::ClusterConfiguration) {
        if let Some(args) = cluster.path(&["apiServer", "extraArgs"]) {
            report_address_args(config, args, "apiServer.extraArgs", sink);
        }
    }
}

fn report_address_args(config: &ConfigSet, args: Node, place: &str, sink: &mut Sink) {
    for arg in validation::extra_args(args) {
        if !ADDRESS_ARGS.contains(&arg.name) {
            continue;
        }
        if let Some(value) = arg.value {
            report_hand_written(config, value, || format!("{place} {}", arg.name), Shape::Ip, sink);
        }
    }
}

/// `field` names the setting in the message; made only for a finding, as this runs for every
/// value of a shaped field.
fn report_hand_written(config: &ConfigSet, node: Node, field: impl FnOnce() -> String, shape: Shape, sink: &mut Sink) {
    let Some(text) = node.as_str().filter(|_| !node.is_null()) else { return };
    if places::is_templated(config, node) || !placeholders::is_hand_written(shape, text) {
        return;
    }
    let field = field();
    let secret = matches!(shape, Shape::Token | Shape::CertificateKey);
    let shown = if secret { places::masked(config, node) } else { text.to_string() };
    let report = sink.report(node.span(), format!("`{field}` is `{shown}`, a placeholder that was never filled in"))
        .primary_label("placeholder");
    let accepted = shape.accepts(text);
    let report = if accepted {
        report
    } else {
        report.severity(Severity::Error)
    };
    let consequence = if accepted {
        "kubeadm would take it literally"
    } else {
        "kubeadm refuses it, or the component that reads it fails"
    };
    report.help(format!("{consequence}; render the file with the real value before running kubeadm (a template engine's own syntax, such as {{{{ … }}}} or ${{…}}, is left alone by this check)"));
}

/// The nodes at `path`, where `[]` steps into every item of a list.
fn nodes_at<'a>(node: Node<'a>, path: &[&str]) -> Vec<Node<'a>> {
    let Some((first, rest)) = path.split_first() else {
        return vec![node];
    };
    if *first == "[]" {
        node.items().flat_map(|item| nodes_at(item, rest)).collect()
    } else {
        node.get(first).map(|child| nodes_at(child, rest)).unwrap_or_default()
    }
}
