//! `etcd.local` and `etcd.external` are mutually exclusive (`ValidateEtcd`,
//! cmd/kubeadm/app/apis/kubeadm/validation/validation.go): kubeadm refuses a file with both.

use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "etcd-local-and-external",
    summary: "etcd.local and etcd.external are both set; kubeadm accepts only one",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/etcd-local-and-external.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for cluster in config.of_kind(Kind::ClusterConfiguration) {
        let Some(etcd) = cluster.get("etcd") else { continue };
        let (Some((local_key, local)), Some((external_key, external))) =
            (etcd.entry("local"), etcd.entry("external"))
        else {
            continue;
        };
        // `local: null` decodes to no local etcd at all.
        if local.is_null() || external.is_null() {
            continue;
        }
        sink.report(external_key.span(), "etcd.local and etcd.external are both set")
            .primary_label("external etcd")
            .label(local_key.span(), "local (stacked) etcd")
            .help("kubeadm refuses this (\".Etcd.Local and .Etcd.External are mutually exclusive\"); keep `local` for etcd on the control-plane nodes, or `external` for a separate etcd cluster");
    }
}
