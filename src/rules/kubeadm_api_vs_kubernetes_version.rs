//! A kubeadm release deploys only its own minor or the one before (`MinimumControlPlaneVersion`,
//! `cmd/kubeadm/app/constants/constants.go`: "this version of kubeadm only supports deploying
//! clusters with the control plane version >= …"; a newer control plane is only a preflight
//! warning), and it reads only a window of kubeadm API versions (`validateSupportedVersion`,
//! `cmd/kubeadm/app/util/config/common.go`). So a file whose apiVersion no kubeadm that can deploy
//! its `kubernetesVersion` reads is unusable, whatever binary runs it. Fields and values added to
//! v1beta4 later need a kubeadm at least that new (`kubeadm::api_features`).

use crate::kubeadm::api::{ApiVersion, KubeadmVersion};
use crate::kubeadm::api_features;
use crate::kubeadm::version::Minor;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "kubeadm-api-vs-kubernetes-version",
    summary: "no kubeadm release both reads the file's apiVersion and deploys its kubernetesVersion, or the file needs a newer kubeadm",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/kubeadm-api-vs-kubernetes-version.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    skew(config, sink);
    api_window(config, sink);
    run_together(config, sink);
    newer_fields(config, sink);
}

/// The node that states the Kubernetes version: `kubernetesVersion`, else the first apiVersion.
fn version_node<'a>(config: &ConfigSet<'a>) -> Option<Node<'a>> {
    config
        .cluster()
        .and_then(|c| c.get("kubernetesVersion"))
        .filter(|n| !n.is_null())
        .or_else(|| config.documents.first().map(|d| d.api_version_node))
}

/// kubeadm X deploys X and X-1; a newer control plane is only a preflight warning.
fn skew(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let Some(kubernetes) = &target.kubernetes else { return };
    let kubeadm = target.kubeadm_minor();
    let wanted = kubernetes.minor_line();
    let Some(at) = version_node(config) else { return };
    if wanted < kubeadm.previous() {
        sink.report(at.span(), format!("kubeadm {} cannot deploy Kubernetes {kubernetes}: it deploys {} and {kubeadm} only", target.kubeadm, kubeadm.previous()))
            .primary_label("control plane too old for this kubeadm")
            .help(format!("kubeadm stops with \"this version of kubeadm only supports deploying clusters with the control plane version >= {}\"; use kubeadm {wanted} (or {}) for this file", kubeadm.previous().dot_zero(), wanted.offset(1)));
    } else if wanted > kubeadm {
        sink.report(at.span(), format!("Kubernetes {kubernetes} is newer than kubeadm {}", target.kubeadm))
            .severity(Severity::Warning)
            .primary_label("control plane newer than kubeadm")
            .help(format!("kubeadm only warns (\"Kubernetes version is greater than kubeadm version\") and then uses its own CoreDNS and pause images and the nearest etcd it knows; use kubeadm {wanted}"));
    }
}

/// The releases that can deploy `kubernetes`: kubeadm of the same minor or the next.
fn deployers(kubernetes: Minor) -> (Minor, Minor) {
    (kubernetes, kubernetes.offset(1))
}

fn api_window(config: &ConfigSet, sink: &mut Sink) {
    let Some(kubernetes) = &config.target().kubernetes else { return };
    let wanted = kubernetes.minor_line();
    let (low, high) = deployers(wanted);
    let at = config
        .cluster()
        .and_then(|c| c.get("kubernetesVersion"))
        .filter(|n| !n.is_null());
    let mut seen = Vec::new();
    for doc in &config.documents {
        let ApiVersion::Kubeadm(version) = doc.api else { continue };
        if version < KubeadmVersion::V1beta1 || version == KubeadmVersion::V1 || seen.contains(&version) {
            continue;
        }
        seen.push(version);
        let Some(window) = unreadable_window(version, wanted) else { continue };
        let advice = advice(version, wanted);
        let span = at.map_or(doc.api_version_node.span(), |n| n.span());
        sink.report(span, format!("no kubeadm release reads `{}` ({window}) and deploys Kubernetes {kubernetes} (kubeadm {low} or {high})", doc.api_version_node.as_str().unwrap_or_default()))
            .primary_label("version and apiVersion do not meet")
            .label(doc.api_version_node.span(), "read only by ".to_string() + &window)
            .help(advice);
    }
}

/// The releases that read `version` ("kubeadm 1.22–1.36"), when none of them deploys `wanted`.
fn unreadable_window(version: KubeadmVersion, wanted: Minor) -> Option<String> {
    let (low, high) = deployers(wanted);
    let first = version.first_reading_release();
    let last = version.last_reading_release();
    let readable = |release: Minor| release >= first && last.is_none_or(|l| release <= l);
    if readable(low) || readable(high) {
        return None;
    }
    Some(match last {
        Some(last) => format!("kubeadm {first}–{last}"),
        None => format!("kubeadm {first} and later"),
    })
}

/// Documents written without `---` are one mapping to kubeadm, whose last `kind` wins; the pair
/// check still applies to what was written, for when the separators are added.
fn run_together(config: &ConfigSet, sink: &mut Sink) {
    if config.target().kubernetes.is_some() {
        return;
    }
    for doc in config.documents.iter().filter(|d| d.is_run_together()) {
        let Some(at) = doc.get("kubernetesVersion").filter(|n| !n.is_null()) else { continue };
        let Some(kubernetes) = at.as_str().and_then(crate::kubeadm::version::Version::parse) else { continue };
        let wanted = kubernetes.minor_line();
        let (low, high) = deployers(wanted);
        for (_, api) in doc.root.entries().filter(|(k, _)| k.as_str() == Some("apiVersion")) {
            let Some(ApiVersion::Kubeadm(version)) = api.as_str().and_then(crate::kubeadm::api::classify_api_version) else { continue };
            if version < KubeadmVersion::V1beta1 || version == KubeadmVersion::V1 {
                continue;
            }
            let Some(window) = unreadable_window(version, wanted) else { continue };
            sink.report(at.span(), format!("no kubeadm release reads `{}` ({window}) and deploys Kubernetes {kubernetes} (kubeadm {low} or {high})", api.as_str().unwrap_or_default()))
                .primary_label("version and apiVersion do not meet")
                .label(api.span(), "read only by ".to_string() + &window)
                .help(advice(version, wanted));
            return;
        }
    }
}

fn advice(version: KubeadmVersion, wanted: Minor) -> String {
    let newest = [
        KubeadmVersion::V1beta1,
        KubeadmVersion::V1beta2,
        KubeadmVersion::V1beta3,
        KubeadmVersion::V1beta4,
    ]
    .into_iter()
    .filter(|v| {
        let first = v.first_reading_release();
        let last = v.last_reading_release();
        [wanted, wanted.offset(1)]
            .into_iter()
            .any(|r| r >= first && last.is_none_or(|l| r <= l))
    })
    .max();
    match newest {
        Some(fit) if fit > version => format!("write the file as kubeadm.k8s.io/{} (`kubeadm config migrate`, hop by hop), or pin the Kubernetes version the file was written for", fit.as_str()),
        Some(fit) => format!("write the file as kubeadm.k8s.io/{}, which kubeadm {wanted} reads, or pin a newer kubernetesVersion", fit.as_str()),
        None => "pin a kubernetesVersion that a kubeadm reading this apiVersion can deploy".to_string(),
    }
}

/// v1beta4 fields and values that need a newer kubeadm than the target.
fn newer_fields(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let release = target.kubeadm_minor();
    let assumed = target.assumption_suffix();
    // A kubeadm that does not read v1beta4 at all is kubeadm-api-version-unsupported's finding.
    if release < KubeadmVersion::V1beta4.first_reading_release() {
        return;
    }
    for doc in config.of_kind(Kind::ClusterConfiguration) {
        if !matches!(doc.api, ApiVersion::Kubeadm(v) if v >= KubeadmVersion::V1beta4) {
            continue;
        }
        if let Some(addition) = api_features::field(Kind::ClusterConfiguration, "etcd.external.httpEndpoints")
            && let Some((key, _)) = doc.path(&["etcd", "external"]).and_then(|e| e.entry("httpEndpoints"))
            && release < addition.since
        {
            sink.report(key.span(), format!("kubeadm {release} does not know `etcd.external.httpEndpoints`: it arrived in {}{assumed}", addition.since))
                .severity(Severity::Warning)
                .primary_label("dropped by this kubeadm")
                .help(format!("kubeadm only warns and drops it, so the API server keeps using `endpoints` for health and metrics traffic; use kubeadm {} or later ({})", addition.since, addition.source));
        }
        if let Some(algorithm) = doc.str_at(&["encryptionAlgorithm"]) {
            let accepted = api_features::encryption_algorithms(release);
            if !accepted.contains(&algorithm.value) {
                let later = api_features::ENCRYPTION_ALGORITHMS.iter().find(|(name, _, _)| *name == algorithm.value);
                let message = match later {
                    Some((_, _, source)) => format!("kubeadm {release} does not accept `encryptionAlgorithm: {}`: it arrived with {source}{assumed}", algorithm.value),
                    None => format!("`{}` is not an encryption algorithm kubeadm knows{assumed}", algorithm.value),
                };
                sink.report(algorithm.span, message)
                    .primary_label("invalid encryption algorithm")
                    .help(format!("kubeadm refuses the configuration (\"Invalid encryption algorithm\"); kubeadm {release} accepts {}", accepted.join(", ")));
            }
        }
    }
}
