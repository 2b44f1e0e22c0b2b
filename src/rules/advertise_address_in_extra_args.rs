//! kubeadm builds the control plane's networking flags itself, from `localAPIEndpoint`,
//! `networking` and `etcd` (cmd/kubeadm/app/phases/controlplane/manifests.go), and never reads
//! `extraArgs` back: an `advertise-address` there reaches neither the certificates, etcd, the
//! join command nor the `kubeadm-config` ConfigMap, and since ClusterConfiguration is shared by
//! every control-plane node, a node's own address in it is copied to all of them
//! (kubernetes/kubeadm#1620, #1330; kubernetes/kubernetes#102693). A range repeated there
//! can drift from the one kubeadm computes everything else from.

use crate::fix::careful;
use crate::yaml::Tree;
use crate::kubeadm::extra_args::{self, Arg, ArgsBlock, Component};
use crate::kubeadm::network::{self, CidrList};
use crate::kubeadm::topology::{Networking, Subnet};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "advertise-address-in-extra-args",
    summary: "control-plane extraArgs that override the addresses, port or ranges kubeadm derives from the config",
    severity: Severity::Warning,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/advertise-address-in-extra-args.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let Some(cluster) = networking.cluster else { return };
    let text = config.text();
    for block in extra_args::blocks(config, &cluster) {
        for arg in block.args() {
            let Some(value) = arg.text().filter(|v| !v.is_empty() && !network::is_placeholder(v))
            else {
                continue;
            };
            let flag = Flag { block: &block, arg: &arg, value, text, tree: config.tree };
            match (block.field.component, arg.name) {
                (Component::ApiServer, "advertise-address") => advertise_address(networking, &flag, sink),
                (Component::ApiServer, "bind-address") => bind_address(&flag, sink),
                (Component::ApiServer, "secure-port") => secure_port(networking, &flag, sink),
                (Component::ApiServer, "etcd-servers") => etcd_servers(cluster, &flag, sink),
                (Component::ApiServer, "service-cluster-ip-range") => {
                    range("apiServer", &networking.service, "serviceSubnet", &flag, sink)
                }
                (Component::ControllerManager, "service-cluster-ip-range") => {
                    range("controllerManager", &networking.service, "serviceSubnet", &flag, sink)
                }
                (Component::ControllerManager, "cluster-cidr") => match &networking.pod {
                    Some(pod) => range("controllerManager", pod, "podSubnet", &flag, sink),
                    None => {
                        sink.report(arg.name_node.span(), format!("controllerManager.extraArgs sets cluster-cidr `{value}`, but networking.podSubnet is unset"))
                            .help(format!("kubeadm passes the pod range to the controller-manager, kube-proxy and its own checks from networking.podSubnet; write `podSubnet: \"{value}\"` under networking instead"));
                    }
                },
                (Component::ControllerManager, "allocate-node-cidrs")
                    if value == "true" && networking.pod.is_some() =>
                {
                    sink.report(arg.name_node.span(), "allocate-node-cidrs \"true\" repeats what kubeadm sets when podSubnet is given")
                        .severity(Severity::Info)
                        .help("kubeadm passes --allocate-node-cidrs=true together with --cluster-cidr from networking.podSubnet; the flag can go")
                        .fix_safe("remove the flag", flag.removal());
                }
                _ => {}
            }
        }
    }
}

/// A flag of an extraArgs block, with what the checks need around it.
struct Flag<'f, 'a> {
    block: &'f ArgsBlock<'a>,
    arg: &'f Arg<'a>,
    value: &'a str,
    text: &'a str,
    tree: &'a Tree,
}

impl Flag<'_, '_> {
    /// The edit that removes the flag (the whole extraArgs key when it is the only one).
    fn removal(&self) -> Vec<Edit> {
        careful::keeping_comments(self.tree, self.block.deletion(self.text, self.arg))
            .into_iter()
            .collect()
    }

    fn value_span(&self) -> Span {
        self.arg.value_or_name().span()
    }
}

fn advertise_address(networking: &Networking, flag: &Flag, sink: &mut Sink) {
    let (arg, value) = (flag.arg, flag.value);
    let init_address = networking
        .init
        .and_then(|init| init.path(&["localAPIEndpoint", "advertiseAddress"]))
        .filter(|n| !n.is_null() && n.as_str().is_some_and(|t| !t.is_empty()));
    let report = sink
        .report(
            arg.name_node.span(),
            format!("apiServer.extraArgs sets advertise-address `{value}`"),
        )
        .primary_label("kubeadm does not read this");
    let help = "kubeadm does not put it into the API server certificate, etcd, the join command or kubeadm-config, and every control-plane node that uses this ClusterConfiguration gets the same address";
    match init_address {
        Some(node) if node.as_str() == Some(value) => {
            report
                .help(format!("{help}; InitConfiguration.localAPIEndpoint.advertiseAddress already says `{value}`, so the flag can go"))
                .label(node.span(), "kubeadm's own setting")
                .fix_safe("remove the flag; localAPIEndpoint.advertiseAddress has the same value", flag.removal());
        }
        Some(node) => {
            let mut edits = flag.removal();
            if let Some(edit) = careful::set_scalar(node, value) {
                edits.push(edit);
            } else {
                edits.clear();
            }
            let edits = if edits.len() == 2 { edits } else { Vec::new() };
            report
                .help(format!(
                    "{help}; the flag wins over localAPIEndpoint.advertiseAddress `{}` on this node only. Write `advertiseAddress: {value}` in the InitConfiguration (each joining control-plane node sets its own in controlPlane.localAPIEndpoint) and drop the flag",
                    node.as_str().unwrap_or_default()
                ))
                .label(node.span(), "kubeadm's own setting")
                .fix_unsafe("move the address to InitConfiguration.localAPIEndpoint.advertiseAddress", edits);
        }
        None => {
            report.help(format!(
                "{help}; drop the flag and write it where kubeadm reads it, in the InitConfiguration:\n  localAPIEndpoint:\n    advertiseAddress: {value}"
            ));
        }
    }
}

fn bind_address(flag: &Flag, sink: &mut Sink) {
    let value = flag.value;
    let Some(ip) = network::parse_ip(value.trim()) else { return };
    if ip.is_unspecified() || ip.is_loopback() {
        return;
    }
    sink.report(
        flag.value_span(),
        format!("apiServer.extraArgs binds the API server to the node address {ip}"),
    )
    .help("ClusterConfiguration is shared by every control-plane node, and the others do not own this address, so their API servers fail to start; leave bind-address unset (all addresses) or set it per node with a patch (patches.directory)");
}

fn secure_port(networking: &Networking, flag: &Flag, sink: &mut Sink) {
    let (arg, value) = (flag.arg, flag.value);
    let Some(port) = network::parse_port(value.trim()) else { return };
    let bind_port = networking
        .init
        .and_then(|init| init.path(&["localAPIEndpoint", "bindPort"]))
        .and_then(|n| n.as_str())
        .and_then(|t| t.parse::<i64>().ok())
        .filter(|p| *p != 0)
        .unwrap_or(network::DEFAULT_BIND_PORT);
    if i64::from(port) == bind_port {
        sink.report(arg.name_node.span(), format!("apiServer.extraArgs secure-port {port} repeats localAPIEndpoint.bindPort"))
            .severity(Severity::Info)
            .help("kubeadm passes --secure-port from bindPort; the flag can go")
            .fix_safe("remove the flag", flag.removal());
    } else {
        sink.report(arg.name_node.span(), format!("apiServer.extraArgs sets secure-port {port}, but localAPIEndpoint.bindPort is {bind_port}"))
            .primary_label("kubeadm does not read this")
            .help(format!("kubeadm's health checks, static Pod probes, kubeconfig files and join command use bindPort {bind_port}, so init times out waiting for the API server; set `bindPort: {port}` in localAPIEndpoint instead and drop the flag"));
    }
}

fn etcd_servers(cluster: KubeadmDocument, flag: &Flag, sink: &mut Sink) {
    let arg = flag.arg;
    let external = cluster.path(&["etcd", "external"]).is_some_and(|n| !n.is_null());
    let help = if external {
        "kubeadm builds --etcd-servers from etcd.external.endpoints; list the endpoints there and drop the flag"
    } else {
        "with local (stacked) etcd kubeadm points each API server at its own etcd member; a list here is copied to every control-plane node and bypasses that. Drop the flag, or use etcd.external.endpoints for an external cluster"
    };
    sink.report(arg.name_node.span(), "apiServer.extraArgs overrides etcd-servers")
        .help(help);
}

fn range(component: &str, setting: &Subnet, field: &str, flag: &Flag, sink: &mut Sink) {
    let (arg, value) = (flag.arg, flag.value);
    let (Some(flag_cidrs), Some(field_cidrs)) = (CidrList::parse(value).valid(), setting.cidrs()) else {
        return;
    };
    let same = flag_cidrs.iter().map(|c| c.network()).eq(field_cidrs.iter().map(|c| c.network()));
    let shown = |cidrs: &[network::Cidr]| cidrs.iter().map(network::Cidr::shown).collect::<Vec<_>>().join(",");
    if same {
        let field_name = setting.name(&format!("networking.{field}"));
        let report = sink
            .report(arg.name_node.span(), format!("{component}.extraArgs {} repeats {field_name}", arg.name))
            .severity(Severity::Info)
            .help(format!("kubeadm passes --{} from networking.{field}; a copy here only drifts apart when one of them changes", arg.name))
            .fix_safe("remove the flag", flag.removal());
        if let Some(span) = setting.span() {
            report.label(span, "kubeadm's own setting");
        }
        return;
    }
    let consequence = if field == "serviceSubnet" {
        "the API server hands out ClusterIPs from the flag's range while kubeadm puts the kubernetes Service, the kube-dns Service and the certificate's service IP in networking.serviceSubnet, so creating the DNS Service fails"
    } else {
        "the controller-manager cuts node ranges from the flag's range while kube-proxy and kubeadm's checks use networking.podSubnet"
    };
    let report = sink
        .report(
            flag.value_span(),
            format!(
                "{component}.extraArgs {} {} differs from networking.{field}",
                arg.name,
                shown(&flag_cidrs)
            ),
        )
        .severity(if field == "serviceSubnet" { Severity::Error } else { Severity::Warning })
        .help(format!("{consequence}; set the range once, in networking.{field}, and drop the flag"));
    match setting.span() {
        Some(span) => report.label(span, format!("networking.{field}: {}", shown(&field_cidrs))),
        None => report.primary_label(format!("networking.{field} is the default {}", setting.text)),
    };
}
