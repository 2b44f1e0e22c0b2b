//! kubeadm accepts only its own gates in `ClusterConfiguration.featureGates`
//! (`ValidateFeatureGates`, `cmd/kubeadm/app/apis/kubeadm/validation/validation.go`: "%s is not a
//! valid feature name."), and its list changes every few releases
//! (`cmd/kubeadm/app/features/features.go`). Kubernetes component gates that were removed make
//! the component refuse to start, wherever they are set: a component's `feature-gates` flag, or
//! the featureGates of a KubeletConfiguration or KubeProxyConfiguration. The tables are in
//! `kubeadm::feature_gates`.

use crate::fix::{edits, structure};
use crate::kubeadm::api::{ApiVersion, KubeadmVersion};
use crate::kubeadm::extra_args::{self, Component};
use crate::kubeadm::feature_gates::{self, ComponentGate, GateStatus};
use crate::kubeadm::releases;
use crate::kubeadm::version::Version;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "removed-kubeadm-feature-gate",
    summary: "a kubeadm feature gate the targeted kubeadm does not know, or a removed Kubernetes feature gate",
    severity: Severity::Error,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/removed-kubeadm-feature-gate.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    kubeadm_gates(config, sink);
    component_gates(config, sink);
}

fn kubeadm_gates(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let release = target.kubeadm_minor();
    let assumed = target.assumption_suffix();
    let text = config.text();
    for doc in config.of_kind(Kind::ClusterConfiguration) {
        let Some(gates) = doc.get("featureGates").filter(|g| g.is_mapping()) else { continue };
        let v1beta4 = matches!(doc.api, ApiVersion::Kubeadm(v) if v >= KubeadmVersion::V1beta4);
        for (key, value) in gates.entries() {
            let Some(name) = key.as_str() else { continue };
            // relocated-or-removed-field explains PublicKeysECDSA -> encryptionAlgorithm in v1beta4.
            if name == "PublicKeysECDSA" && v1beta4 {
                continue;
            }
            let on = value.as_bool();
            let delete = || structure::delete_entry(text, gates, key).into_iter().collect::<Vec<_>>();
            let Some(gate) = feature_gates::kubeadm_gate(name) else {
                unknown_gate(sink, key, name, release, &assumed);
                continue;
            };
            match gate.status(release) {
                GateStatus::Removed(removed) => {
                    let when = if gate.added.is_none() {
                        format!("before {removed}")
                    } else {
                        format!("in {removed}")
                    };
                    let report = sink.report(key.span(), format!("kubeadm {release} has no feature gate `{name}`: it was removed {when}{assumed}"))
                        .primary_label("not a valid feature name")
                        .help(format!("kubeadm refuses the configuration (\"{name} is not a valid feature name.\"); {} ({})", gate.instead, gate.source));
                    if gate.ga.is_some() && on == Some(true) {
                        report.fix_safe(format!("delete `{name}`, which is always on"), delete());
                    } else {
                        report.fix_unsafe(format!("delete `{name}`"), delete());
                    }
                }
                GateStatus::NotYet(added) => {
                    sink.report(key.span(), format!("kubeadm {release} does not know the feature gate `{name}` yet: it arrived in {added}{assumed}"))
                        .primary_label("not a valid feature name")
                        .help(format!("kubeadm refuses the configuration (\"{name} is not a valid feature name.\"); use kubeadm {added} or later, or delete the gate"));
                }
                GateStatus::Ga(ga) if on == Some(false) => {
                    sink.report(value.span(), format!("`{name}` is generally available and always on since kubeadm {ga}; `false` cannot turn it off{assumed}"))
                        .severity(Severity::Warning)
                        .help(format!("{} ({})", gate.instead, gate.source));
                }
                GateStatus::Ga(ga) => {
                    sink.report(key.span(), format!("`{name}` is generally available and always on since kubeadm {ga}{assumed}"))
                        .severity(Severity::Info)
                        .help(format!("the setting does nothing, and a later kubeadm refuses it; {} ({})", gate.instead, gate.source))
                        .fix_safe(format!("delete `{name}`, which is always on"), delete());
                }
                GateStatus::Deprecated(since) => {
                    let removal = gate.removed.map_or(String::new(), |r| format!(", and kubeadm {r} refuses it"));
                    sink.report(key.span(), format!("the feature gate `{name}` is deprecated since kubeadm {since}{removal}{assumed}"))
                        .severity(Severity::Info)
                        .help(format!("{} ({})", gate.instead, gate.source));
                }
                GateStatus::Unmodelled => {
                    sink.report(key.span(), format!("the feature gate `{name}` was removed from kubeadm long ago{assumed}"))
                        .severity(Severity::Info)
                        .help(format!("kubeadm 1.20 and later refuse it; {} ({})", gate.instead, gate.source));
                }
                GateStatus::Known => {}
            }
        }
    }
}

fn unknown_gate(sink: &mut Sink, key: Node, name: &str, release: crate::kubeadm::version::Minor, assumed: &str) {
    let known = feature_gates::kubeadm_gates_of(release);
    let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
    let kubeadm_gate = feature_gates::KUBEADM_GATES
        .iter()
        .find(|g| g.name.eq_ignore_ascii_case(name) || strsim::levenshtein(g.name, name) <= 2);
    let help = if let Some(gate) = kubeadm_gate {
        format!("did you mean `{}`? kubeadm {release} knows: {known}", gate.name)
    } else if let Some(component) = feature_gates::component_gate(name) {
        format!(
            "it is a Kubernetes component gate (removed from Kubernetes in {}); component gates go into a component's `feature-gates` flag or the featureGates of a KubeletConfiguration or KubeProxyConfiguration",
            component.removed()
        )
    } else {
        format!("if it is a Kubernetes component gate, set it in the component's `feature-gates` flag or the featureGates of a KubeletConfiguration or KubeProxyConfiguration; kubeadm {release} knows: {known}")
    };
    let report = sink.report(key.span(), format!("`{name}` is not a kubeadm feature gate{assumed}"))
        .primary_label("not a valid feature name")
        .help(format!("kubeadm refuses the configuration (\"{name} is not a valid feature name.\"); {help}"));
    // Newer kubeadm releases may have gates these tables do not list yet.
    if release > releases::NEWEST_RELEASED {
        report.severity(Severity::Warning);
    }
}

fn component_gates(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let version = target.kubernetes_or_kubeadm();
    let assumed = target.assumption_suffix();
    let text = config.text();
    for (kind, binary) in [
        (Kind::KubeletConfiguration, "kubelet"),
        (Kind::KubeProxyConfiguration, "kube-proxy"),
    ] {
        for doc in config.of_kind(kind) {
            let Some(gates) = doc.get("featureGates").filter(|g| g.is_mapping()) else { continue };
            for (key, value) in gates.entries() {
                let Some(gate) = key.as_str().and_then(feature_gates::component_gate) else { continue };
                let delete = structure::delete_entry(text, gates, key);
                report_component_gate(sink, gate, key.span(), value.as_bool(), binary, version, &assumed, delete);
            }
        }
    }
    for component in [
        Component::ApiServer,
        Component::ControllerManager,
        Component::Scheduler,
        Component::Kubelet,
    ] {
        for block in extra_args::blocks_of(config, component) {
            for arg in block.args().into_iter().filter(|a| a.name == "feature-gates") {
                let Some(value) = arg.value.filter(|v| v.as_str().is_some()) else { continue };
                let written = value.as_str().unwrap_or_default();
                let items = feature_gates::parse_flag(written);
                for (name, on, _) in &items {
                    let Some(gate) = feature_gates::component_gate(name) else { continue };
                    let rest: Vec<String> = items
                        .iter()
                        .filter(|(other, _, _)| other != name)
                        .map(|(other, v, _)| format!("{other}={v}"))
                        .collect();
                    let delete = if rest.is_empty() {
                        block.deletion(text, &arg)
                    } else {
                        edits::replace_scalar(value, &rest.join(","))
                    };
                    let on = crate::yaml::scalar::as_bool(on);
                    report_component_gate(sink, gate, value.span(), on, component.binary(), version, &assumed, delete);
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn report_component_gate(
    sink: &mut Sink,
    gate: &ComponentGate,
    span: Span,
    on: Option<bool>,
    binary: &str,
    version: &Version,
    assumed: &str,
    delete: Option<Edit>,
) {
    let name = gate.name;
    let removed = gate.removed();
    let minor = version.minor_line();
    let always_on = gate.ga.is_some_and(|ga| minor >= ga);
    let report = if minor >= removed {
        sink.report(span, format!("{binary} {version} has no feature gate `{name}`: it was removed in {removed}{assumed}"))
            .primary_label("unrecognized feature gate")
            .help(format!("{binary} refuses to start (\"unrecognized feature gate: {name}\"); delete it{}", if gate.ga.is_some() { ", the feature is always on" } else { "" }))
    } else if always_on {
        sink.report(span, format!("the feature gate `{name}` is generally available in {binary} {version} and removed in {removed}{assumed}"))
            .severity(Severity::Info)
            .help("the setting does nothing now and breaks the upgrade to that release; delete it")
    } else {
        sink.report(span, format!("the feature gate `{name}` works with {binary} {version}, but {binary} {removed} refuses it{assumed}"))
            .severity(Severity::Info)
            .help("delete it before upgrading to that release")
    };
    if !always_on && minor < removed {
        return;
    }
    let edits: Vec<Edit> = delete.into_iter().collect();
    if gate.ga.is_some() && on == Some(true) {
        report.fix_safe(format!("delete `{name}`, which is always on"), edits);
    } else {
        report.fix_unsafe(format!("delete `{name}`"), edits);
    }
}
