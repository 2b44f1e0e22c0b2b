//! kubeadm has no default pod range: without `networking.podSubnet` the controller-manager is
//! not started with `--allocate-node-cidrs`, nodes get no `spec.podCIDR`, and kube-proxy gets no
//! `clusterCIDR` (cmd/kubeadm/app/phases/controlplane/manifests.go,
//! cmd/kubeadm/app/componentconfigs/kubeproxy.go). CNIs that take each node's range from the
//! node (flannel, kube-router, Antrea) then fail; others bring their own IP management and a
//! default pool that must match the one kubeadm was given (kubernetes/kubeadm#1011).

use crate::kubeadm::network::Cidr;
use crate::kubeadm::topology::{self, Networking};
use crate::kubeadm::extra_args;
use crate::rules::prelude::*;
use crate::yaml::Comment;

pub const RULE: Rule = Rule {
    name: "pod-subnet-missing-or-cni-mismatch",
    summary: "no podSubnet (nodes get no pod range), or a podSubnet that differs from the default pool of a CNI the file names",
    severity: Severity::Info,
    fix: FixAvailability::None,
    page: include_str!("../../rules/pod-subnet-missing-or-cni-mismatch.md"),
    check,
};

/// A CNI plugin: the name a comment would use, the pod pool of its stock manifest, and whether it
/// takes each node's range from `node.spec.podCIDR`.
struct Cni {
    name: &'static str,
    default_pool: Option<(&'static str, &'static str)>,
    uses_node_pod_cidr: bool,
}

static CNIS: [Cni; 7] = [
    Cni { name: "flannel", default_pool: Some(("10.244.0.0/16", "kube-flannel.yml, net-conf.json \"Network\"")), uses_node_pod_cidr: true },
    Cni { name: "canal", default_pool: Some(("10.244.0.0/16", "canal.yaml, net-conf.json \"Network\"")), uses_node_pod_cidr: true },
    Cni { name: "calico", default_pool: Some(("192.168.0.0/16", "calico.yaml, CALICO_IPV4POOL_CIDR")), uses_node_pod_cidr: false },
    Cni { name: "weave", default_pool: Some(("10.32.0.0/12", "weave-net, IPALLOC_RANGE")), uses_node_pod_cidr: false },
    Cni { name: "cilium", default_pool: Some(("10.0.0.0/8", "Helm chart, ipam.operator.clusterPoolIPv4PodCIDRList")), uses_node_pod_cidr: false },
    Cni { name: "kube-router", default_pool: None, uses_node_pod_cidr: true },
    Cni { name: "antrea", default_pool: None, uses_node_pod_cidr: true },
];

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let mentioned = mentioned_cni(config);
    match &networking.pod {
        None => missing(networking, mentioned, sink),
        Some(pod) => {
            let (Some(node), Some(cidrs), Some((cni, comment))) = (pod.node, pod.cidrs(), mentioned) else {
                return;
            };
            let Some((pool, source)) = cni.default_pool else { return };
            let Some(pool_cidr) = Cidr::parse(pool) else { return };
            if cidrs.iter().any(|c| c.network() == pool_cidr.network()) {
                return;
            }
            sink.report(
                node.span(),
                format!(
                    "podSubnet `{}` is not the pod pool {pool} of {}'s stock manifest",
                    pod.text, cni.name
                ),
            )
            .label(comment.span, format!("this comment names {}", cni.name))
            .help(format!(
                "{} hands out pod addresses from its own setting ({source}); when it differs from podSubnet, routes, kube-proxy's clusterCIDR and the node ranges disagree. Set one to the other: podSubnet: {pool}, or the CNI's pool to {}",
                cni.name, pod.text
            ));
        }
    }
}

fn missing(networking: &Networking, mentioned: Option<(&Cni, &Comment)>, sink: &mut Sink) {
    if !networking.allocates_node_cidrs() || !networking.complete {
        return;
    }
    let misspelt = networking
        .cluster
        .and_then(|c| c.get("networking"))
        .is_some_and(|n| topology::has_near_key(n, "podSubnet"));
    if misspelt {
        return; // unknown-or-miscased-field
    }
    let cluster_cidr_flag = networking
        .cluster
        .map(|c| extra_args::component_args(c.root, &["controllerManager"]))
        .is_some_and(|args| extra_args::last(&args, "cluster-cidr").is_some());
    if cluster_cidr_flag {
        return; // advertise-address-in-extra-args
    }
    let doc = networking.cluster.or(networking.init);
    let Some(doc) = doc else { return };
    let at = doc.kind_node.map_or(doc.api_version_node.span(), |k| k.span());
    let check = "check on a running cluster with `kubectl get nodes -o jsonpath='{.items[*].spec.podCIDR}'`";
    match mentioned {
        Some((cni, comment)) if cni.uses_node_pod_cidr => {
            let pool = cni.default_pool.map_or("a range for all pods", |(pool, _)| pool);
            sink.report(at, format!("no networking.podSubnet, but {} needs it", cni.name))
                .severity(Severity::Warning)
                .label(comment.span, format!("this comment names {}", cni.name))
                .help(format!(
                    "without podSubnet nodes get no pod range and {} fails (\"failed to acquire lease: node ... pod cidr not assigned\"); set networking.podSubnet: {pool}. kubeadm takes no --pod-network-cidr together with --config",
                    cni.name
                ));
        }
        _ => {
            sink.report(at, "no networking.podSubnet: nodes get no pod range and kube-proxy no clusterCIDR")
                .help(format!(
                    "fine for CNIs with their own IP management (Calico, Cilium cluster-pool, Weave); CNIs that use the node's range (flannel, kube-router, Antrea) fail with \"pod cidr not assigned\". Set networking.podSubnet to the CNI's pod range (flannel's default is 10.244.0.0/16); {check}"
                ));
        }
    }
}

/// The first CNI a comment of the file names, as a whole word.
fn mentioned_cni<'c>(config: &'c ConfigSet) -> Option<(&'static Cni, &'c Comment)> {
    config.tree.comments.iter().find_map(|comment| {
        let lower = comment.text.to_ascii_lowercase();
        CNIS.iter()
            .find(|cni| contains_word(&lower, cni.name))
            .map(|cni| (cni, comment))
    })
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}
