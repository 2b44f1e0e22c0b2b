//! Each kubeadm release reads a window of kubeadm.k8s.io API versions
//! (`validateSupportedVersion`, cmd/kubeadm/app/util/config/common.go): removed versions are
//! refused, deprecated ones warned about, experimental ones need a flag init/join lack.

use crate::fix::edits;
use crate::kubeadm::api::{ApiVersion, KubeadmVersion, Support};
use crate::kubeadm::version::Minor;
use crate::kubeadm::releases;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "kubeadm-api-version-unsupported",
    summary: "the kubeadm apiVersion is removed, deprecated or not yet usable in the targeted kubeadm",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/kubeadm-api-version-unsupported.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let release = target.kubeadm_minor();
    for doc in &config.documents {
        let ApiVersion::Kubeadm(version) = doc.api else { continue };
        // A kubelet or kube-proxy configuration filed under kubeadm.k8s.io is
        // component-config-api-version's finding.
        if matches!(doc.kind, Some(Kind::KubeletConfiguration | Kind::KubeProxyConfiguration)) {
            continue;
        }
        let span = doc.api_version_node.span();
        let written = doc.api_version_node.as_str().unwrap_or_default();
        let assumed = target.assumption_suffix();
        if let Some(kind) = doc.kind
            && !kind.exists_in(version)
        {
            let help = match kind {
                Kind::MasterConfiguration => "MasterConfiguration was split into InitConfiguration and ClusterConfiguration in v1alpha3; write those kinds with kubeadm.k8s.io/v1beta4".to_string(),
                Kind::NodeConfiguration => "NodeConfiguration became JoinConfiguration in v1alpha3".to_string(),
                _ => format!("{} exists from kubeadm.k8s.io/v1beta4 on (kubeadm 1.31)", kind.as_str()),
            };
            sink.report(span, format!("{} does not exist in `{written}`", kind.as_str()))
                .label(doc.kind_node.map_or(span, |k| k.span()), "this kind")
                .help(help);
            continue;
        }
        match version.support_in(release) {
            Support::Supported => {}
            Support::Removed => {
                let migrate = version.migrate_with().unwrap_or("an older kubeadm");
                let report = sink
                    .report(span, format!("kubeadm {release} no longer reads `{written}`{assumed}"))
                    .primary_label("removed API version")
                    .help(format!(
                        "kubeadm refuses the file (\"your configuration file uses an old API spec\"); `kubeadm-lint migrate` converts it keeping comments, or migrate with kubeadm {migrate} (`kubeadm config migrate --old-config old.yaml --new-config new.yaml`), hop by hop up to kubeadm.k8s.io/v1beta4"
                    ));
                offer_migration(report, doc, version, release);
            }
            Support::Deprecated => {
                let removal = removal_note(version);
                // No fix here: the file works, and --unsafe-fixes should not churn it; the
                // migration is one `kubeadm-lint migrate` away.
                sink.report(span, format!("`{written}` is deprecated in kubeadm {release}{assumed}"))
                    .severity(Severity::Info)
                    .help(format!("kubeadm still reads it but warns{removal}; move to kubeadm.k8s.io/v1beta4 with `kubeadm-lint migrate` or `kubeadm config migrate`"));
            }
            Support::Experimental => {
                sink.report(span, format!("`{written}` is experimental in kubeadm {release}{assumed}"))
                    .help("init and join refuse it (\"experimental API spec … is not allowed\"); use kubeadm.k8s.io/v1beta4");
            }
            Support::Unknown => {
                let first = version.first_reading_release();
                sink.report(span, format!("kubeadm {release} does not know `{written}`{assumed}"))
                    .help(format!("`{written}` needs kubeadm {first} or later; use an API version this kubeadm reads, or pin a newer kubernetesVersion"));
            }
        }
    }
}

/// The unsafe fix: the newest apiVersion `release` reads without complaint. Bumping it is the
/// first step of the migration; the fix loop's next rounds let `extra-args-shape` and
/// `relocated-or-removed-field` convert what the new version lays out differently.
fn offer_migration(report: crate::rules::Report, doc: &KubeadmDocument, version: KubeadmVersion, release: Minor) {
    // Before v1beta1 the kinds themselves changed: nothing mechanical to offer.
    if version < KubeadmVersion::V1beta1 {
        return;
    }
    let Some(newest) = KubeadmVersion::ALL
        .into_iter()
        .filter(|v| *v > version && v.support_in(release) == Support::Supported)
        .max()
    else {
        return;
    };
    let written = format!("kubeadm.k8s.io/{}", newest.as_str());
    let edit = edits::replace_scalar(doc.api_version_node, &written);
    report.fix_unsafe(format!("migrate to {written}"), edit.into_iter().collect());
}

fn removal_note(version: KubeadmVersion) -> String {
    match version.last_reading_release() {
        Some(last) if last < releases::NEWEST_KNOWN => {
            format!(", and kubeadm {} and later refuse it", last.offset(1))
        }
        _ => String::new(),
    }
}
