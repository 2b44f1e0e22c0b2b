//! kubeadm passes `nodeRegistration.taints` on without checking them ("TODO: Maybe validate
//! .Taints", `ValidateNodeRegistrationOptions` in validation.go): a malformed taint makes the
//! kubelet's `--register-with-taints` or the API server's Node validation fail during init or
//! join. The legacy `node-role.kubernetes.io/master` key is no longer what kubeadm and add-ons
//! use (kubernetes/kubeadm#2200), and `taints: []` versus an empty `taints:` (null, so the
//! default taint applies) is easy to get backwards (kubernetes-sigs/cluster-api#7149).

use std::collections::HashMap;

use crate::kubeadm::{places, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "taints-invalid-or-ambiguous",
    summary: "a taint without key, with a bad key, value or effect, a duplicate, the legacy master taint, or taints that leave a control plane schedulable",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/taints-invalid-or-ambiguous.md"),
    check,
};

const LEGACY_MASTER: &str = "node-role.kubernetes.io/master";
const CONTROL_PLANE: &str = "node-role.kubernetes.io/control-plane";

fn check(config: &ConfigSet, sink: &mut Sink) {
    for registration in places::node_registrations(config) {
        let Some((key, taints)) = registration.node.entry("taints") else { continue };
        if places::is_templated(config, taints) {
            continue;
        }
        if taints.is_null() {
            // `taints:` with nothing after it (comments at most), not an explicit `null`.
            if taints.span().is_empty() && registration.control_plane {
                sink.report(key.span(), "`taints:` with no value is null, so kubeadm applies the default control-plane taint")
                    .severity(Severity::Info)
                    .help(format!("an empty key is not an empty list: this node gets `{CONTROL_PLANE}:NoSchedule`; write `taints: []` for a control plane that runs workloads, or remove the key"));
            }
            continue;
        }
        if !taints.is_sequence() {
            continue;
        }
        if taints.is_empty() {
            if registration.control_plane {
                sink.report(taints.span(), "`taints: []` leaves this control-plane node without its NoSchedule taint")
                    .severity(Severity::Info)
                    .help(format!("regular workloads will be scheduled on it; that is right for a single-node or small cluster, otherwise remove the key so kubeadm applies `{CONTROL_PLANE}:NoSchedule`"));
            }
            continue;
        }
        let mut seen: HashMap<(String, String), Span> = HashMap::new();
        for taint in taints.items() {
            check_taint(config, taint, &mut seen, sink);
        }
    }
}

fn check_taint(config: &ConfigSet, taint: Node, seen: &mut HashMap<(String, String), Span>, sink: &mut Sink) {
    if !taint.is_mapping() {
        sink.report(taint.span(), "a taint must be a mapping with key, value and effect")
            .help("write `- key: example.com/dedicated` / `value: gpu` / `effect: NoSchedule`");
        return;
    }
    if places::is_templated(config, taint) {
        return;
    }
    let key = taint.get("key").filter(|k| !k.is_null()).and_then(|k| Some((k, k.as_str()?)));
    let value = taint.get("value").filter(|v| !v.is_null()).and_then(|v| Some((v, v.as_str()?)));
    let effect = taint.get("effect").filter(|e| !e.is_null()).and_then(|e| Some((e, e.as_str()?)));

    match key {
        None | Some((_, "")) => {
            sink.report(taint.span(), "a taint without a key")
                .help("the kubelet (--register-with-taints) and the API server refuse a taint without key; write `key: <domain>/<name>`");
        }
        Some((node, text)) => {
            if let Some(problem) = validation::qualified_name_problem(text) {
                sink.report(node.span(), format!("taint key `{text}` {problem}"))
                    .help("a taint key is a qualified name such as `example.com/dedicated`; the kubelet and the API server refuse others, so the node does not register");
            } else if text == LEGACY_MASTER {
                sink.report(node.span(), format!("`{LEGACY_MASTER}` is the legacy control-plane taint"))
                    .severity(Severity::Warning)
                    .primary_label("kubeadm stopped using this key in 1.25")
                    .help(format!("since 1.25 kubeadm taints control planes with `{CONTROL_PLANE}` (kubernetes/kubeadm#2200); current add-ons and DaemonSets meant for control planes tolerate only that key, so they will not schedule on this node; write `key: {CONTROL_PLANE}`"));
            }
        }
    }
    if let Some((node, text)) = value
        && let Some(problem) = validation::label_value_problem(text)
    {
        sink.report(node.span(), format!("taint value `{text}` {problem}"))
            .help("a taint value follows the rules of a label value (at most 63 characters of letters, digits, `-`, `_`, `.`); the kubelet and the API server refuse others");
    }
    let effects = validation::TAINT_EFFECTS.map(|e| format!("`{e}`")).join(", ");
    match effect {
        None | Some((_, "")) => {
            sink.report(taint.span(), "a taint without an effect")
                .help(format!("the kubelet refuses a taint without effect; add `effect:` with one of {effects}"));
        }
        Some((node, text)) if !validation::TAINT_EFFECTS.contains(&text) => {
            let hint = validation::TAINT_EFFECTS
                .iter()
                .find(|e| e.eq_ignore_ascii_case(text))
                .map_or(String::new(), |e| format!(" (write `{e}`: effects are case-sensitive)"));
            sink.report(node.span(), format!("`{text}` is not a taint effect{hint}"))
                .help(format!("the effects are {effects}; the kubelet and the API server refuse others"));
        }
        _ => {}
    }
    if let (Some((key_node, key_text)), Some((_, effect_text))) = (key, effect) {
        let pair = (key_text.to_string(), effect_text.to_string());
        match seen.get(&pair) {
            Some(&first) => {
                sink.report(key_node.span(), format!("taint `{key_text}:{effect_text}` is listed twice"))
                    .label(first, "first here")
                    .help("the API server refuses a Node whose taints repeat a key and effect pair (\"taints must be unique by key and effect pair\"); keep one");
            }
            None => {
                seen.insert(pair, key_node.span());
            }
        }
    }
}
