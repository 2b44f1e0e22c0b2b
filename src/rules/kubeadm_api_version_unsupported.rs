//! Each kubeadm release reads a window of kubeadm.k8s.io API versions
//! (`validateSupportedVersion`, cmd/kubeadm/app/util/config/common.go): removed versions are
//! refused, deprecated ones warned about, experimental ones need a flag init/join lack.

use crate::kubeadm::api::{ApiVersion, KubeadmVersion, Support};
use crate::kubeadm::releases;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "kubeadm-api-version-unsupported",
    summary: "the kubeadm apiVersion is removed, deprecated or not yet usable in the targeted kubeadm",
    severity: Severity::Error,
    fix: FixAvailability::None,
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
                sink.report(span, format!("kubeadm {release} no longer reads `{written}`{assumed}"))
                    .primary_label("removed API version")
                    .help(format!(
                        "kubeadm refuses the file (\"your configuration file uses an old API spec\"); migrate with kubeadm {migrate} (`kubeadm config migrate --old-config old.yaml --new-config new.yaml`), hop by hop up to kubeadm.k8s.io/v1beta4"
                    ));
            }
            Support::Deprecated => {
                let removal = removal_note(version);
                sink.report(span, format!("`{written}` is deprecated in kubeadm {release}{assumed}"))
                    .severity(Severity::Info)
                    .help(format!("kubeadm still reads it but warns{removal}; move to kubeadm.k8s.io/v1beta4 with `kubeadm config migrate`"));
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

fn removal_note(version: KubeadmVersion) -> String {
    match version.last_reading_release() {
        Some(last) if last < releases::NEWEST_KNOWN => {
            format!(", and kubeadm {} and later refuse it", last.offset(1))
        }
        _ => String::new(),
    }
}
