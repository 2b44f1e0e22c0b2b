//! `ignorePreflightErrors: [all]` turns every preflight error (swap on, no container runtime,
//! ports in use, wrong cgroup driver) into a warning nobody reads, and the failure comes back
//! later as a timeout; with other entries next to it kubeadm refuses the list outright
//! (`ValidateIgnorePreflightErrors`, validation.go: "don't specify individual checks if 'all'
//! is used"). Entries are case-insensitive.

use crate::kubeadm::places;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "ignore-preflight-all",
    summary: "ignorePreflightErrors holds `all` (an error with other entries), or skips ImagePull or SystemVerification",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    page: include_str!("../../rules/ignore-preflight-all.md"),
    check,
};

/// Checks whose skipping hides a broad class of problems.
const BROAD: [(&str, &str); 2] = [
    (
        "imagepull",
        "a missing or unreachable image then fails when the static Pods start, as a timeout, instead of before anything changes on the node",
    ),
    (
        "systemverification",
        "kernel, cgroup and OS checks are skipped; keep it only for a known case such as cgroup v1 with kubelet 1.35 and `failCgroupV1: false`",
    ),
];

fn check(config: &ConfigSet, sink: &mut Sink) {
    for list in places::ignore_preflight_lists(config) {
        let items: Vec<(Node, String)> = list
            .items()
            .filter(|item| !places::is_templated(config, *item))
            .filter_map(|item| Some((item, item.as_str()?.to_ascii_lowercase())))
            .collect();
        let all = items.iter().find(|(_, text)| text == "all");
        let others: Vec<&(Node, String)> = items.iter().filter(|(_, text)| text != "all").collect();
        if let Some((all_node, _)) = all {
            if others.is_empty() {
                sink.report(all_node.span(), "every preflight error is ignored")
                    .primary_label("ignores all checks")
                    .help("swap, container runtime, port and cgroup problems then surface later as timeouts; list only the checks you must skip, by the names preflight prints (such as `Swap` or `NumCPU`)");
            } else {
                let mut report = sink.report(all_node.span(), "`all` is listed together with individual checks")
                    .severity(Severity::Error)
                    .help("kubeadm refuses the list (\"don't specify individual checks if 'all' is used\"); keep either `all` or the individual checks");
                for (other, _) in &others {
                    report = report.label(other.span(), "individual check");
                }
            }
            continue;
        }
        for (node, text) in &items {
            if let Some((_, why)) = BROAD.iter().find(|(name, _)| name == text) {
                sink.report(node.span(), format!("preflight check `{}` is skipped", node.as_str().unwrap_or_default()))
                    .severity(Severity::Info)
                    .help(*why);
            }
        }
    }
}
