//! `kubeadm upgrade apply|plan|node|diff --config` reads only UpgradeConfiguration
//! (`cmd/kubeadm/app/util/config/upgradeconfiguration.go`, facts 1.3): InitConfiguration and
//! ClusterConfiguration were "deprecated for upgrade" in 1.30/1.31 and are ignored later,
//! component configurations are ignored, and newer releases require an UpgradeConfiguration.
//! Changing the cluster's configuration goes through the kubeadm-config and kubelet-config
//! ConfigMaps instead (kubernetes/kubeadm#2940, the kubeadm-reconfigure task). Fields added to
//! UpgradeConfiguration later need a kubeadm that new (`kubeadm::api_features`).

use crate::kubeadm::api_features;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "upgrade-config-kinds",
    summary: "configuration that kubeadm upgrade ignores, or an UpgradeConfiguration field the targeted kubeadm lacks",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    page: include_str!("../../rules/upgrade-config-kinds.md"),
    check,
};

/// Kinds `kubeadm upgrade` does not read from its --config file.
const IGNORED_BY_UPGRADE: [Kind; 4] = [
    Kind::InitConfiguration,
    Kind::ClusterConfiguration,
    Kind::KubeletConfiguration,
    Kind::KubeProxyConfiguration,
];

fn check(config: &ConfigSet, sink: &mut Sink) {
    let ignored: Vec<&KubeadmDocument> = config
        .documents
        .iter()
        .filter(|d| d.kind.is_some_and(|k| IGNORED_BY_UPGRADE.contains(&k)))
        .collect();
    let names: Vec<&str> = ignored.iter().filter_map(|d| d.kind).map(|k| k.as_str()).collect();
    match config.first(Kind::UpgradeConfiguration) {
        Some(upgrade) => {
            if let (Some(kind), false) = (upgrade.kind_node, ignored.is_empty()) {
                let mut report = sink.report(kind.span(), format!("`kubeadm upgrade` reads only the UpgradeConfiguration of this file, not its {}", names.join(", ")))
                    .severity(Severity::Info)
                    .help("fine when `kubeadm init` uses the rest of the file; to change a running cluster's configuration, edit the kubeadm-config and kubelet-config ConfigMaps (see \"Reconfiguring a kubeadm cluster\") before upgrading");
                for doc in &ignored {
                    if let Some(k) = doc.kind_node {
                        report = report.label(k.span(), "ignored by kubeadm upgrade");
                    }
                }
            }
            etcd_upgrade_field(config, sink, upgrade);
        }
        None if is_upgrade_file(&config.source.name) && !ignored.is_empty() => {
            let Some(kind) = ignored.iter().find_map(|d| d.kind_node) else { return };
            sink.report(kind.span(), format!("this upgrade file holds {} but no UpgradeConfiguration", names.join(", ")))
                .primary_label("not read by kubeadm upgrade")
                .help("`kubeadm upgrade apply --config` reads only an UpgradeConfiguration (kubeadm.k8s.io/v1beta4): kubeadm 1.30/1.31 warn that these kinds are \"deprecated for upgrade\", later releases ignore them and need an UpgradeConfiguration; put the upgrade options (apply.kubernetesVersion, etcdUpgrade, …) in an UpgradeConfiguration, and change the cluster's settings in the kubeadm-config ConfigMap");
        }
        None => {}
    }
}

/// A file meant for `kubeadm upgrade`, judging by its name.
fn is_upgrade_file(name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.to_ascii_lowercase().contains("upgrade")
}

fn etcd_upgrade_field(config: &ConfigSet, sink: &mut Sink, upgrade: &KubeadmDocument) {
    let Some(addition) = api_features::field(Kind::UpgradeConfiguration, "plan.etcdUpgrade") else { return };
    let Some((key, _)) = upgrade.get("plan").and_then(|p| p.entry("etcdUpgrade")) else { return };
    let target = config.target();
    let release = target.kubeadm_minor();
    if release >= addition.since {
        return;
    }
    let assumed = target.assumption_suffix();
    sink.report(key.span(), format!("kubeadm {release} does not know `plan.etcdUpgrade`: it arrived in {}{assumed}", addition.since))
        .primary_label("dropped by this kubeadm")
        .help(format!("kubeadm only warns and drops it, so `kubeadm upgrade plan` still plans the etcd upgrade; use kubeadm {} or later ({})", addition.since, addition.source));
}
