//! CoreDNS is pulled from `<repo>/coredns:<tag>` whenever `imageRepository` is not kubeadm's
//! default, while mirrors of registry.k8s.io keep the upstream path `coredns/coredns`
//! (`GetDNSImage`, cmd/kubeadm/app/images/images.go).

use crate::fix;
use crate::kubeadm::images;
use crate::kubeadm::registry;
use crate::kubeadm::releases::{self, CorednsLayout};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "coredns-image-path-custom-repo",
    summary: "custom imageRepository without dns.imageRepository pulls a CoreDNS path mirrors lack",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/coredns-image-path-custom-repo.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(cluster) = config.cluster() else { return };
    if cluster.path(&["dns", "disabled"]).and_then(|n| n.as_bool()) == Some(true)
        || cluster.str_at(&["dns", "imageRepository"]).is_some()
    {
        return;
    }
    let Some(repo) = cluster.str_at(&["imageRepository"]) else { return };
    let settings = config.image_settings();
    let inputs = settings.inputs();
    let plan = images::coredns(&inputs); // kubeadm's own computation
    let kubeadm = &settings.kubeadm;
    let assumed = config.target().assumption_suffix();
    let pulled = plan.pulled.reference();

    let default = releases::default_image_repository(kubeadm);
    if releases::coredns_layout(kubeadm) == CorednsLayout::NestedEverywhere && repo.value != default {
        sink.report(repo.span, format!("kubeadm {kubeadm} pulls `{pulled}`: 1.21.0 and 1.21.1 nest CoreDNS under custom repositories"))
            .primary_label("CoreDNS path depends on the kubeadm patch release")
            .help(format!(
                "this was a regression (fixed in kubeadm 1.21.2, kubernetes PR #102502): from 1.21.2 on the same file pulls `{}/coredns:{}`, which a mirror of registry.k8s.io lacks; set dns.imageRepository when you upgrade kubeadm",
                repo.value, plan.pulled.tag
            ));
        return;
    }
    if !plan.differs_from_upstream_layout() {
        return;
    }
    let nowhere = registry::legacy_prefix(repo.value) == Some(repo.value) || repo.value == releases::DEFAULT_REGISTRY;
    let report = sink.report(
        repo.span,
        format!("kubeadm {kubeadm} will pull `{pulled}`; a mirror of registry.k8s.io holds `{}`{assumed}", plan.mirror_reference),
    );
    let coredns_repo = format!("{}/coredns", repo.value);
    let report = if nowhere {
        report
            .severity(Severity::Error)
            .primary_label(format!("not this kubeadm's default (`{default}`), so CoreDNS is not nested"))
            .help(format!(
                "kubeadm adds `/coredns` only when imageRepository equals its own default exactly; `{pulled}` does not exist; set dns.imageRepository: {coredns_repo}, or drop imageRepository to use the default"
            ))
    } else if looks_like_path_preserving_mirror(repo.value) {
        report
            .severity(Severity::Error)
            .primary_label("a mirror of registry.k8s.io keeps the coredns/coredns path")
            .help(format!("kubeadm adds `/coredns` only for its default registry; set dns.imageRepository: {coredns_repo}"))
    } else {
        report
            .primary_label("custom repository: kubeadm does not add `/coredns`")
            .help(format!(
                "kubeadm adds `/coredns` only for its default registry; set dns.imageRepository: {coredns_repo}, unless this registry publishes CoreDNS flat as `coredns:{}` (as the google_containers mirrors do)",
                plan.pulled.tag
            ))
    };
    let edits = fix::edits::insert_path(config.text(), cluster, &["dns", "imageRepository"], &coredns_repo);
    report.fix_unsafe(format!("add dns.imageRepository: {coredns_repo}"), edits.unwrap_or_default());
}

/// A pull-through cache of registry.k8s.io usually names it in the path
/// (`harbor.local/registry.k8s.io`, `nexus/k8s.gcr.io`).
fn looks_like_path_preserving_mirror(repository: &str) -> bool {
    repository.split('/').skip(1).any(|segment| segment == releases::DEFAULT_REGISTRY || registry::legacy_prefix(segment).is_some())
}
