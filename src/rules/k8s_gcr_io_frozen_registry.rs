//! k8s.gcr.io has been frozen since April 2023: releases after 1.23.18, 1.24.12, 1.25.8 and
//! 1.26.3 exist only on registry.k8s.io, kubeadm's default since 1.25 (and 1.22.17, 1.23.15,
//! 1.24.9; cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go).

use crate::fix::edits;
use crate::kubeadm::{registry, releases};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "k8s-gcr-io-frozen-registry",
    summary: "an image repository points at the frozen k8s.gcr.io registry",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/k8s-gcr-io-frozen-registry.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let images = target.kubernetes_or_kubeadm();
    let default = releases::default_image_repository(&target.kubeadm);
    for cluster in config.of_kind(Kind::ClusterConfiguration) {
        for (field, node) in cluster.image_repositories() {
            let Some(repository) = node.as_str() else { continue };
            let Some(prefix) = registry::legacy_prefix(repository) else { continue };
            // Still kubeadm's own default for this release: the images are there.
            if repository == default {
                continue;
            }
            let Some(modern) = registry::modern_equivalent(repository) else { continue };
            let assumed = target.assumption_suffix();
            let report = if registry::published_to_legacy(images) {
                sink.report(node.span(), format!("{field} uses `{prefix}`, frozen since April 2023"))
                    .severity(Severity::Warning)
                    .help(format!(
                        "Kubernetes {images} images are still there, but nothing newer will be; registry.k8s.io holds the same images (allow its redirect targets in egress rules){assumed}"
                    ))
            } else {
                sink.report(node.span(), format!("Kubernetes {images} images were never published to `{prefix}`{assumed}"))
                    .primary_label("image pulls will fail")
                    .help("k8s.gcr.io stopped receiving images after 1.23.18, 1.24.12, 1.25.8 and 1.26.3; use registry.k8s.io")
            };
            let edit = edits::replace_scalar(node, &modern);
            report.fix_safe(format!("replace `{prefix}` with `registry.k8s.io`"), edit.into_iter().collect());
        }
    }
}
