//! On a control-plane node the API server, etcd, the kubelet, the controller-manager, the
//! scheduler and kube-proxy each listen on their own port (defaults in
//! cmd/kubeadm/app/constants/constants.go and the components' own defaults). A port set in the
//! file that another component of the same node already uses only fails at `kubeadm init`'s
//! preflight (`Port-10250`) or when the second component starts.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::kubeadm::extra_args::{self, Arg};
use crate::kubeadm::network;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "port-conflicts",
    summary: "a port set for one control-plane component that another component on the node already listens on",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/port-conflicts.md"),
    check,
};

/// One listener: the port, who listens, and the node that sets it (`None`: a default).
struct Listener<'a> {
    port: i64,
    /// Mostly a fixed name: borrowed, as this is built for every file with a control plane.
    owner: Cow<'static, str>,
    node: Option<Node<'a>>,
}

fn check(config: &ConfigSet, sink: &mut Sink) {
    let cluster = config.cluster();
    let cluster_listeners = cluster.map(|c| cluster_listeners(c)).unwrap_or_else(default_cluster_listeners);
    let proxy_listeners = proxy_listeners(config);
    if let Some(init) = config.first(Kind::InitConfiguration) {
        let mut listeners = vec![api_server(init, &["localAPIEndpoint", "bindPort"], cluster)];
        listeners.extend(kubelet_listeners(config));
        listeners.extend(cluster_listeners_clone(&cluster_listeners));
        listeners.extend(proxy_listeners.iter().map(|l| Listener { port: l.port, owner: l.owner.clone(), node: l.node }));
        report_conflicts(&listeners, sink);
        rootless(cluster, &listeners[0], sink);
    }
    for join in config.of_kind(Kind::JoinConfiguration) {
        if join.get("controlPlane").is_none_or(|n| n.is_null()) {
            continue;
        }
        // A joining node gets the kubelet and kube-proxy settings from the cluster.
        let mut listeners = vec![api_server(join, &["controlPlane", "localAPIEndpoint", "bindPort"], cluster)];
        listeners.extend(default_kubelet_listeners());
        listeners.extend(cluster_listeners_clone(&cluster_listeners));
        listeners.push(Listener { port: 10256, owner: "kube-proxy healthz".into(), node: None });
        listeners.push(Listener { port: 10249, owner: "kube-proxy metrics".into(), node: None });
        report_conflicts(&listeners, sink);
    }
}

fn cluster_listeners_clone<'a>(listeners: &[Listener<'a>]) -> Vec<Listener<'a>> {
    listeners
        .iter()
        .map(|l| Listener { port: l.port, owner: l.owner.clone(), node: l.node })
        .collect()
}

fn int_at(node: Option<Node>) -> Option<i64> {
    node.and_then(|n| n.as_str()).and_then(|t| t.trim().parse::<i64>().ok())
}

fn api_server<'a>(doc: &KubeadmDocument<'a>, keys: &[&str], cluster: Option<&KubeadmDocument<'a>>) -> Listener<'a> {
    if let Some(arg) = cluster
        .map(|c| extra_args::component_args(c.root, &["apiServer"]))
        .and_then(|args| extra_args::last(&args, "secure-port").copied())
        && let Some(port) = arg_port(&arg)
    {
        return Listener { port, owner: "kube-apiserver (apiServer.extraArgs secure-port)".into(), node: arg.value };
    }
    let node = doc.path(keys);
    match int_at(node).filter(|p| *p != 0) {
        Some(port) => Listener { port, owner: "kube-apiserver (bindPort)".into(), node },
        None => Listener { port: network::DEFAULT_BIND_PORT, owner: "kube-apiserver".into(), node: None },
    }
}

fn arg_port(arg: &Arg) -> Option<i64> {
    arg.text().and_then(|v| v.trim().parse::<i64>().ok())
}

fn default_cluster_listeners<'a>() -> Vec<Listener<'a>> {
    [
        (2379, "etcd client"),
        (2380, "etcd peer"),
        (2381, "etcd metrics"),
        (10257, "kube-controller-manager"),
        (10259, "kube-scheduler"),
    ]
    .into_iter()
    .map(|(port, owner)| Listener { port, owner: owner.into(), node: None })
    .collect()
}

fn cluster_listeners<'a>(cluster: &KubeadmDocument<'a>) -> Vec<Listener<'a>> {
    let mut listeners = Vec::new();
    let external = cluster.path(&["etcd", "external"]).is_some_and(|n| !n.is_null());
    if !external {
        let args = extra_args::component_args(cluster.root, &["etcd", "local"]);
        for (flag, port, owner) in [
            ("listen-client-urls", 2379, "etcd client"),
            ("listen-peer-urls", 2380, "etcd peer"),
            ("listen-metrics-urls", 2381, "etcd metrics"),
        ] {
            match extra_args::last(&args, flag) {
                Some(arg) => {
                    for url in arg.text().unwrap_or_default().split(',') {
                        if let Some(port) = url_port(url.trim()) {
                            listeners.push(Listener { port, owner: format!("etcd ({flag})").into(), node: arg.value });
                        }
                    }
                }
                None => listeners.push(Listener { port, owner: owner.into(), node: None }),
            }
        }
    }
    for (component, port, owner) in [
        ("controllerManager", 10257, "kube-controller-manager"),
        ("scheduler", 10259, "kube-scheduler"),
    ] {
        let args = extra_args::component_args(cluster.root, &[component]);
        match extra_args::last(&args, "secure-port").and_then(|a| Some((arg_port(a)?, a.value))) {
            Some((port, node)) => listeners.push(Listener { port, owner: format!("{owner} ({component}.extraArgs secure-port)").into(), node }),
            None => listeners.push(Listener { port, owner: owner.into(), node: None }),
        }
    }
    listeners
}

/// The port of `scheme://host:port/...`, IPv6 hosts in brackets.
fn url_port(url: &str) -> Option<i64> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let port = match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split_once("]:")?.1,
        None => authority.rsplit_once(':').filter(|(host, _)| !host.contains(':'))?.1,
    };
    port.parse().ok()
}

fn default_kubelet_listeners<'a>() -> Vec<Listener<'a>> {
    vec![
        Listener { port: 10250, owner: "kubelet".into(), node: None },
        Listener { port: 10248, owner: "kubelet healthz".into(), node: None },
    ]
}

fn kubelet_listeners<'a>(config: &ConfigSet<'a>) -> Vec<Listener<'a>> {
    let Some(kubelet) = config.first(Kind::KubeletConfiguration) else {
        return default_kubelet_listeners();
    };
    let mut listeners = Vec::new();
    for (key, port, owner) in [("port", 10250, "kubelet"), ("healthzPort", 10248, "kubelet healthz")] {
        let node = kubelet.get(key);
        match int_at(node).filter(|p| *p != 0) {
            Some(port) => listeners.push(Listener { port, owner: format!("kubelet ({key})").into(), node }),
            None => listeners.push(Listener { port, owner: owner.into(), node: None }),
        }
    }
    let read_only = kubelet.get("readOnlyPort");
    if let Some(port) = int_at(read_only).filter(|p| *p > 0) {
        listeners.push(Listener { port, owner: "kubelet (readOnlyPort)".into(), node: read_only });
    }
    listeners
}

fn proxy_listeners<'a>(config: &ConfigSet<'a>) -> Vec<Listener<'a>> {
    let disabled = config
        .cluster()
        .and_then(|c| c.path(&["proxy", "disabled"]))
        .and_then(|n| n.as_bool())
        == Some(true);
    if disabled {
        return Vec::new();
    }
    let proxy = config.first(Kind::KubeProxyConfiguration);
    let mut listeners = Vec::new();
    for (key, port, owner) in [
        ("healthzBindAddress", 10256, "kube-proxy healthz"),
        ("metricsBindAddress", 10249, "kube-proxy metrics"),
    ] {
        let node = proxy.and_then(|p| p.get(key));
        let written = node
            .and_then(|n| n.as_str())
            .and_then(|t| network::split_host_port(t.trim()).ok())
            .and_then(|(_, p)| p.parse::<i64>().ok());
        match written {
            Some(port) => listeners.push(Listener { port, owner: format!("kube-proxy ({key})").into(), node }),
            None => listeners.push(Listener { port, owner: owner.into(), node: None }),
        }
    }
    listeners
}

fn report_conflicts(listeners: &[Listener], sink: &mut Sink) {
    let mut by_port: BTreeMap<i64, Vec<&Listener>> = BTreeMap::new();
    for listener in listeners {
        by_port.entry(listener.port).or_default().push(listener);
    }
    for (port, group) in by_port {
        if group.len() < 2 {
            continue;
        }
        let Some(primary) = group.iter().find(|l| l.node.is_some()) else { continue };
        let others: Vec<&&Listener> = group.iter().filter(|l| !std::ptr::eq(**l, *primary)).collect();
        let names = others.iter().map(|l| l.owner.as_ref()).collect::<Vec<_>>().join(" and ");
        let mut report = sink
            .report(
                primary.node.expect("checked").span(),
                format!("{} is set to port {port}, where {names} already listens", primary.owner),
            )
            .primary_label(format!("port {port} taken"))
            .help(format!(
                "two components on one node cannot listen on the same port: kubeadm's preflight fails (\"Port-{port}\": port is in use) or the second component crash-loops; pick a free port (the API server's usual one is 6443)"
            ));
        for other in others {
            if let Some(node) = other.node {
                report = report.label(node.span(), other.owner.to_string());
            }
        }
    }
}

fn rootless(cluster: Option<&KubeadmDocument>, api: &Listener, sink: &mut Sink) {
    let rootless = cluster
        .and_then(|c| c.path(&["featureGates", "RootlessControlPlane"]))
        .and_then(|n| n.as_bool())
        == Some(true);
    let (Some(node), true) = (api.node, rootless) else { return };
    if api.port < 1024 {
        sink.report(node.span(), format!("the API server port {} needs root, but RootlessControlPlane runs it as a non-root user", api.port))
            .severity(Severity::Warning)
            .help("non-root processes cannot bind ports below 1024 without extra capabilities; use 6443");
    }
}
