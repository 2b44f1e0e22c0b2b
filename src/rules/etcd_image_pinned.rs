//! A pinned `etcd.local.imageTag` (or `dns.imageTag`) travels into the kubeadm-config ConfigMap,
//! so `kubeadm upgrade` keeps that image instead of the one the new release wants
//! (kubernetes/kubeadm#2069). A tag older than the etcd kubeadm picks for the control-plane
//! version (its `SupportedEtcdVersion` map, `kubeadm::releases`) runs the API server against an
//! etcd it was not tested with, and etcd 3.5.0–3.5.4 had data-inconsistency and durability bugs
//! for which the Kubernetes project told users to upgrade (KubeOne adds corruption checks for them).

use crate::kubeadm::releases;
use crate::kubeadm::version::Version;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "etcd-image-pinned",
    summary: "etcd or CoreDNS pinned to an image tag that upgrades will keep, older than kubeadm's or with known bugs",
    severity: Severity::Info,
    fix: FixAvailability::None,
    page: include_str!("../../rules/etcd-image-pinned.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let kubernetes = target.kubernetes_or_kubeadm();
    let assumed = target.assumption_suffix();
    for doc in config.of_kind(Kind::ClusterConfiguration) {
        if let Some(tag) = doc.str_at(&["etcd", "local", "imageTag"]) {
            let choice = releases::etcd_version(&target.kubeadm, kubernetes);
            let expected = Version::parse(choice.tag);
            let pinned = Version::parse(tag.value);
            match (pinned, expected) {
                (Some(pinned), _) if pinned.major == 3 && pinned.minor == 5 && pinned.patch <= 4 => {
                    sink.report(tag.span, format!("etcd {} has known data-corruption and durability bugs", tag.value))
                        .severity(Severity::Warning)
                        .primary_label("etcd 3.5.0–3.5.4")
                        .help(format!("etcd 3.5.0–3.5.2 can serve inconsistent data and 3.5.0–3.5.4 can lose writes of a single member on a crash; use 3.5.5 or later, or drop imageTag and get kubeadm's `{}`{assumed}", choice.tag));
                }
                (Some(pinned), Some(expected)) if (pinned.major, pinned.minor) < (expected.major, expected.minor) => {
                    sink.report(tag.span, format!("etcd {} is older than the etcd {} that kubeadm {} uses for Kubernetes {kubernetes}{assumed}", tag.value, choice.tag, target.kubeadm))
                        .severity(Severity::Warning)
                        .primary_label("older etcd minor")
                        .help("the API server is tested with kubeadm's etcd, and `kubeadm upgrade` keeps the pinned tag; drop etcd.local.imageTag, or pin a tag of the same etcd minor");
                }
                _ => {
                    sink.report(tag.span, format!("etcd is pinned to {}; `kubeadm upgrade` keeps this tag", tag.value))
                        .help(format!("kubeadm {} would use {}{assumed}; drop etcd.local.imageTag unless the mirror lacks that tag, and update it with every upgrade (kubernetes/kubeadm#2069)", target.kubeadm, choice.tag));
                }
            }
        }
        if let Some(tag) = doc.str_at(&["dns", "imageTag"]) {
            let coredns = releases::coredns_version(&target.kubeadm);
            if tag.value.trim_start_matches('v') != coredns.trim_start_matches('v') {
                sink.report(tag.span, format!("CoreDNS is pinned to {}; `kubeadm upgrade` keeps this tag", tag.value))
                    .help(format!("kubeadm {} would deploy CoreDNS {coredns}{assumed}; drop dns.imageTag unless the mirror lacks that tag", target.kubeadm));
            }
        }
    }
}
