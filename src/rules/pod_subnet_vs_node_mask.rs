//! The controller-manager cuts `podSubnet` into one range per node of the node mask's size
//! (`--node-cidr-mask-size-ipv4/-ipv6`, default /24 and /64). kubeadm checks the pair
//! (`ValidatePodSubnetNodeMask`, `getClusterNodeMask` in
//! cmd/kubeadm/app/apis/kubeadm/validation/validation.go) but ignores the legacy
//! `node-cidr-mask-size` flag, which the controller-manager itself honours
//! (`setNodeCIDRMaskSizes`, cmd/kube-controller-manager/app/core.go); a pod range no larger
//! than one node range leaves every node but one without pod addresses, and a kubelet
//! `maxPods` above what a node range holds leaves pods without addresses.

use crate::kubeadm::Kind;
use crate::kubeadm::extra_args::Arg;
use crate::kubeadm::network::{Cidr, Family, MIN_POD_ADDRESSES, POD_NODE_MASK_MAX_DIFF};
use crate::kubeadm::topology::{ControllerManagerMasks, KubeadmNodeMask, Networking, Subnet};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "pod-subnet-vs-node-mask",
    summary: "podSubnet too small, smaller than the node mask, too far from it, or with room for one node",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/pod-subnet-vs-node-mask.md"),
    check,
};

/// Fewer node ranges than this earns a hint with the count.
const FEW_NODES: u128 = 16;

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(networking) = Networking::of(config) else { return };
    let args = networking.component_args(&["controllerManager"]);
    let pod_node = networking.pod.as_ref().and_then(|p| p.node);
    let node_ranges = match (pod_node, networking.pod.as_ref().and_then(Subnet::cidrs)) {
        (Some(node), Some(cidrs)) => check_pod(networking, node, &cidrs, &args, sink),
        _ => None,
    };
    check_max_pods(config, pod_node, node_ranges, sink);
}

/// Checks the pod ranges; returns the per-node range sizes the controller-manager will use,
/// when it allocates them and accepts its flags.
fn check_pod(
    networking: &Networking,
    node: Node,
    cidrs: &[Cidr],
    args: &[Arg],
    sink: &mut Sink,
) -> Option<Vec<(Cidr, i64)>> {
    let mut refused = false;
    for cidr in cidrs {
        let size = cidr.kubeadm_range_size();
        if size < MIN_POD_ADDRESSES {
            refused = true;
            sink.report(
                node.span(),
                format!(
                    "the pod range {} holds {size} address(es); kubeadm needs at least {MIN_POD_ADDRESSES}",
                    cidr.shown()
                ),
            )
            .help(format!(
                "kubeadm refuses it (\"subnet with {size} address(es) is too small, the minimum is {MIN_POD_ADDRESSES}\"){}; give pods a range with room for every node, such as {}",
                cidr.written_note().map(|n| format!(" ({n})")).unwrap_or_default(),
                widened(cidr, cidr.family().default_node_mask().saturating_sub(8))
            ));
        }
    }
    if refused || !networking.allocates_node_cidrs() {
        return None;
    }
    for cidr in cidrs {
        let family = cidr.family();
        let (mask, flag) = match KubeadmNodeMask::of(args, family) {
            KubeadmNodeMask::Unparsable(arg) => {
                refused = true;
                sink.report(
                    arg_span(&arg),
                    format!(
                        "`{}` is `{}`, not an integer",
                        arg.name,
                        arg.text().unwrap_or_default()
                    ),
                )
                .help(format!(
                    "kubeadm refuses it (\"could not parse the value of the kube-controller-manager flag {} as an integer\"); write a prefix length such as \"{}\"",
                    arg.name,
                    family.default_node_mask()
                ));
                continue;
            }
            KubeadmNodeMask::Default(mask) => (i64::from(mask), None),
            KubeadmNodeMask::Flag(mask, arg) => (mask, Some(arg)),
        };
        if let Some(problem) = mask_problem(cidr, mask) {
            refused = true;
            let report = sink
                .report(node.span(), problem.message(cidr, mask))
                .help(format!(
                    "kubeadm refuses it (\"{}\"); {}",
                    problem.kubeadm_text(cidr, mask),
                    problem.advice(cidr, mask, family.node_mask_flag())
                ));
            match flag {
                Some(arg) => report.label(arg_span(&arg), format!("node mask /{mask}")),
                None => report.primary_label(format!(
                    "node mask /{mask}: the default for {family}"
                )),
            };
        }
    }
    if refused {
        return None;
    }
    let masks = match ControllerManagerMasks::of(args, cidrs) {
        ControllerManagerMasks::Refused { message, arg } => {
            sink.report(
                arg_span(&arg),
                format!("kube-controller-manager refuses `{}` here and does not start", arg.name),
            )
            .help(format!(
                "it exits with \"{message}\"; kubeadm does not check this. Use only node-cidr-mask-size-ipv4 / node-cidr-mask-size-ipv6, for the families podSubnet has"
            ))
            .label(node.span(), format!("podSubnet: {}", family_list(cidrs)));
            return None;
        }
        ControllerManagerMasks::Masks(masks) => masks,
    };
    let mut ranges = Vec::new();
    for (cidr, (_, mask, arg)) in cidrs.iter().zip(masks) {
        if let (Some(problem), Some(arg)) = (mask_problem(cidr, mask), arg) {
            sink.report(
                node.span(),
                format!(
                    "kube-controller-manager uses `{}` /{mask}, and {}",
                    arg.name,
                    problem.message(cidr, mask)
                ),
            )
            .label(arg_span(&arg), format!("node mask /{mask}"))
            .help(format!(
                "kubeadm validates against node-cidr-mask-size-ipv4/-ipv6 and lets this through, but the controller-manager honours `{}` and exits (\"{}\"); {}",
                arg.name,
                problem.controller_manager_text(),
                problem.advice(cidr, mask, arg.name)
            ));
            return None;
        }
        let nodes = 1u128
            .checked_shl((mask - i64::from(cidr.prefix())) as u32)
            .unwrap_or(u128::MAX);
        let described = format!(
            "the controller-manager cuts {} into /{mask} node ranges",
            cidr.shown()
        );
        if nodes == 1 {
            let report = sink
                .report(
                    node.span(),
                    format!("only one node can get a pod range: {described}"),
                )
                .severity(Severity::Warning)
                .primary_label(format!("room for 1 node of /{mask}"))
                .help(format!(
                    "every other node stays without a podCIDR (\"CIDRNotAvailable\"; CNIs that use it, such as flannel, fail with \"pod cidr not assigned\"); use a larger range such as {}",
                    suggested_range(cidr, mask)
                ));
            if let Some(arg) = arg {
                report.label(arg_span(&arg), format!("node mask /{mask}"));
            }
        } else if nodes < FEW_NODES {
            sink.report(
                node.span(),
                format!("room for {nodes} nodes: {described}"),
            )
            .severity(Severity::Info)
            .help("the pod range cannot be changed after `kubeadm init`; size it for the largest the cluster will grow");
        }
        ranges.push((*cidr, mask));
    }
    Some(ranges)
}

/// What is wrong between a pod range and a node mask, in kubeadm's terms.
enum MaskProblem {
    /// The node range is larger than the whole pod range.
    NodeRangeLarger,
    /// More than 2^16 node ranges.
    TooFar,
}

fn mask_problem(cidr: &Cidr, mask: i64) -> Option<MaskProblem> {
    let prefix = i64::from(cidr.prefix());
    if prefix > mask {
        Some(MaskProblem::NodeRangeLarger)
    } else if mask - prefix > i64::from(POD_NODE_MASK_MAX_DIFF) {
        Some(MaskProblem::TooFar)
    } else {
        None
    }
}

impl MaskProblem {
    fn message(&self, cidr: &Cidr, mask: i64) -> String {
        match self {
            MaskProblem::NodeRangeLarger => format!(
                "the pod range {} is smaller than one node range (/{mask})",
                cidr.shown()
            ),
            MaskProblem::TooFar => format!(
                "the pod range {} would be cut into 2^{} node ranges of /{mask}; at most 2^{POD_NODE_MASK_MAX_DIFF} are allowed",
                cidr.shown(),
                mask - i64::from(cidr.prefix())
            ),
        }
    }

    fn kubeadm_text(&self, cidr: &Cidr, mask: i64) -> String {
        match self {
            MaskProblem::NodeRangeLarger => format!(
                "the size of pod subnet with mask {} is smaller than the size of node subnet with mask {mask}",
                cidr.prefix()
            ),
            MaskProblem::TooFar => format!(
                "pod subnet mask ({}) and node-mask ({mask}) difference is greater than {POD_NODE_MASK_MAX_DIFF}",
                cidr.prefix()
            ),
        }
    }

    fn controller_manager_text(&self) -> &'static str {
        match self {
            MaskProblem::NodeRangeLarger => {
                "Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family"
            }
            MaskProblem::TooFar => "New CIDR set failed; the node CIDR size is too big",
        }
    }

    fn advice(&self, cidr: &Cidr, mask: i64, flag: &str) -> String {
        match self {
            MaskProblem::NodeRangeLarger => format!(
                "use a pod range such as {}, or a node mask of at least /{} (controllerManager.extraArgs {flag})",
                suggested_range(cidr, mask),
                cidr.prefix()
            ),
            MaskProblem::TooFar => format!(
                "use a node mask of at most /{} (controllerManager.extraArgs {flag}), or a smaller pod range such as {}",
                i64::from(cidr.prefix()) + i64::from(POD_NODE_MASK_MAX_DIFF),
                widened(cidr, (mask - i64::from(POD_NODE_MASK_MAX_DIFF)).max(0) as u8)
            ),
        }
    }
}

/// A pod range with room for a fair number of nodes of `mask`: 256 when that keeps the range
/// at /16 or smaller for IPv4 (/56 or smaller for IPv6), else 16.
fn suggested_range(cidr: &Cidr, mask: i64) -> String {
    let limit = match cidr.family() {
        Family::V4 => 16,
        Family::V6 => 48,
    };
    let bits = if mask - 8 >= limit { 8 } else { 4 };
    let prefix = (mask - bits).max(0) as u8;
    format!("{} (room for {} nodes)", widened(cidr, prefix), 1u32 << bits)
}

/// The pod range's address with another prefix length, as an example to write.
fn widened(cidr: &Cidr, prefix: u8) -> String {
    ipnet::IpNet::new(cidr.written.addr(), prefix.min(cidr.family().bits()))
        .map(|n| n.trunc().to_string())
        .unwrap_or_else(|_| cidr.network().to_string())
}

fn family_list(cidrs: &[Cidr]) -> String {
    cidrs
        .iter()
        .map(|c| c.family().as_str())
        .collect::<Vec<_>>()
        .join(" and ")
}

fn arg_span(arg: &Arg) -> Span {
    arg.value_or_name().span()
}

/// KubeletConfiguration.maxPods above the pod addresses of one node range.
fn check_max_pods(
    config: &ConfigSet,
    pod_node: Option<Node>,
    node_ranges: Option<Vec<(Cidr, i64)>>,
    sink: &mut Sink,
) {
    let Some(kubelet) = config.first(Kind::KubeletConfiguration) else { return };
    let Some(max_pods_node) = kubelet.get("maxPods") else { return };
    let Some(max_pods) = max_pods_node.as_str().and_then(|t| t.parse::<u128>().ok()) else {
        return;
    };
    let v4_mask = match (&node_ranges, pod_node) {
        (Some(ranges), Some(_)) => ranges
            .iter()
            .find(|(c, _)| c.family() == Family::V4)
            .map(|(_, mask)| (*mask, true)),
        (None, None) => Some((i64::from(Family::V4.default_node_mask()), false)),
        _ => None,
    };
    let Some((mask, from_pod_subnet)) = v4_mask else { return };
    let usable = (1u128 << (32 - mask.clamp(0, 32))).saturating_sub(2);
    if max_pods <= usable {
        return;
    }
    if from_pod_subnet {
        let report = sink
            .report(
                max_pods_node.span(),
                format!(
                    "maxPods {max_pods} is more than the {usable} pod addresses of a /{mask} node range"
                ),
            )
            .severity(Severity::Warning)
            .help(format!(
                "the scheduler keeps placing pods on a node whose range is used up, and they stay ContainerCreating; lower maxPods to {usable} or less, or shorten the node mask (node-cidr-mask-size-ipv4: \"{}\")",
                mask_for_pods(max_pods)
            ));
        if let Some(node) = pod_node {
            report.label(node.span(), "podSubnet");
        }
    } else {
        sink.report(
            max_pods_node.span(),
            format!(
                "maxPods {max_pods} is more than the {usable} pod addresses of a /{mask} range, the controller-manager's default per-node size"
            ),
        )
        .severity(Severity::Info)
        .help(format!(
            "no podSubnet is set, so the CNI decides each node's range; if it gives nodes a /{mask} (flannel and kube-router take the node's podCIDR, Cilium's cluster-pool defaults to /24), pods beyond {usable} get no address. Check one node with `kubectl get node <name> -o jsonpath='{{.spec.podCIDRs}}'` or the CNI's IPAM settings"
        ));
    }
}

/// The longest IPv4 node mask whose range holds `pods` addresses besides the network and
/// broadcast addresses.
fn mask_for_pods(pods: u128) -> u32 {
    let needed = pods + 2;
    let host_bits = 128 - (needed - 1).leading_zeros();
    32u32.saturating_sub(host_bits)
}
