//! The kubelet and the container runtime must use the same cgroup driver, or pods flap and the
//! kubelet may not start ("kubelet cgroup driver: \"cgroupfs\" is different from docker cgroup
//! driver: \"systemd\""). kubeadm writes `cgroupDriver: systemd` when the KubeletConfiguration
//! leaves it empty (since 1.21, `cmd/kubeadm/app/componentconfigs/kubelet.go`), while
//! containerd's own default is still cgroupfs, so the file alone cannot tell whether they agree.
//! The deprecated `--cgroup-driver` flag overrides the shared configuration on one node only.
//! From 1.35 the kubelet refuses cgroup v1 unless `failCgroupV1: false`, and kubeadm's
//! SystemVerification preflight fails there too (PR #134744). Release facts: `kubeadm::components`.

use crate::fix::structure::{self, NewValue};
use crate::kubeadm::api::ApiVersion;
use crate::kubeadm::components::{self, CGROUP_DRIVERS, CGROUP_V1_REFUSED, SYSTEM_VERIFICATION};
use crate::kubeadm::extra_args::{self, Component};
use crate::kubeadm::schema;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "cgroup-driver-explicit-or-flag",
    summary: "a cgroup driver set by a per-node kubelet flag or to cgroupfs, or cgroup v1 kept without the preflight exception",
    severity: Severity::Warning,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/cgroup-driver-explicit-or-flag.md"),
    check,
};

const CHECK_RUNTIME: &str = "check the runtime's driver on a node: `crictl info | grep -i cgroup` (containerd: `SystemdCgroup = true` in /etc/containerd/config.toml means systemd; CRI-O: `cgroup_manager`)";

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let kubeadm = target.kubeadm_minor();
    let assumed = target.assumption_suffix();
    let kubelet_doc = config.first(Kind::KubeletConfiguration);
    let configured = kubelet_doc.and_then(|d| d.str_at(&["cgroupDriver"]));
    if let Some(driver) = configured {
        if !CGROUP_DRIVERS.contains(&driver.value) {
            sink.report(driver.span, format!("`{}` is not a cgroup driver", driver.value))
                .severity(Severity::Error)
                .primary_label("not systemd or cgroupfs")
                .help("the kubelet accepts only `systemd` or `cgroupfs` and does not start with anything else");
        } else if driver.value == "cgroupfs" {
            sink.report(driver.span, "the kubelet will use the cgroupfs driver; the container runtime must use it too")
                .severity(Severity::Info)
                .help(format!("kubeadm's default is systemd (since 1.21), which systemd hosts and cgroup v2 want; a mismatch makes pods restart or the kubelet fail; {CHECK_RUNTIME}"));
        }
    }
    let effective = configured.map_or_else(|| components::default_cgroup_driver(kubeadm), |d| d.value);
    for doc in &config.documents {
        for block in extra_args::blocks(config, doc).filter(|b| b.field.component == Component::Kubelet) {
            for arg in block.args().into_iter().filter(|a| a.name == "cgroup-driver") {
                let value = arg.text().unwrap_or_default();
                let joining = doc.is(Kind::JoinConfiguration);
                let message = if value == effective && !joining {
                    format!("`--cgroup-driver={value}` repeats the configured driver in a deprecated kubelet flag")
                } else {
                    format!("`--cgroup-driver={value}` is a deprecated kubelet flag that overrides the configured driver on this node only")
                };
                let report = sink.report(arg.name_node.span(), message).primary_label("per-node override");
                let deletion = block.deletion(config.text(), &arg);
                if joining {
                    report.help(format!("a joining node takes cgroupDriver from the cluster's kubelet-config ConfigMap; set the driver there (KubeletConfiguration at init) and drop the flag, so every node agrees; {CHECK_RUNTIME}"))
                        .fix_unsafe("delete the flag (the node then uses the cluster's cgroupDriver)", deletion.into_iter().collect());
                } else if value == effective {
                    report.help(format!("the configuration already gives `{effective}`{assumed}; the flag only adds a second place to change"))
                        .fix_safe(format!("delete the flag, which repeats cgroupDriver: {effective}"), deletion.into_iter().collect());
                } else {
                    let moved = move_to_config(config.text(), kubelet_doc, configured.is_some(), value, deletion);
                    report.help(format!("set `cgroupDriver: {value}` in the KubeletConfiguration document instead, so that joining nodes get the same driver; now they get `{effective}`{assumed}"))
                        .fix_unsafe(format!("move it into the KubeletConfiguration: cgroupDriver: {value}"), moved.unwrap_or_default());
                }
            }
        }
    }
    if kubelet_doc.is_none()
        && kubeadm < components::KUBEADM_DEFAULTS_SYSTEMD
        && let Some(init) = config.first(Kind::InitConfiguration)
        && let Some(kind) = init.kind_node
    {
        sink.report(kind.span(), format!("kubeadm {kubeadm} leaves the kubelet on its default cgroup driver, cgroupfs{assumed}"))
            .severity(Severity::Info)
            .help(format!("kubeadm writes systemd only from 1.21; add a KubeletConfiguration document with the runtime's cgroupDriver; {CHECK_RUNTIME}"));
    }
    fail_cgroup_v1(config, sink, kubelet_doc);
}

/// Deletes the flag and writes its value into the KubeletConfiguration (a new document when
/// there is none). `None` when the document already sets another driver.
fn move_to_config(text: &str, kubelet_doc: Option<&KubeadmDocument>, configured: bool, value: &str, deletion: Option<Edit>) -> Option<Vec<Edit>> {
    let deletion = deletion?;
    if configured || !CGROUP_DRIVERS.contains(&value) {
        return None;
    }
    let insert = match kubelet_doc {
        Some(doc) => {
            let order: Vec<&str> = schema::root_fields(ApiVersion::KubeletV1beta1, Kind::KubeletConfiguration)
                .map(|f| f.iter().map(|f| f.name).collect())
                .unwrap_or_default();
            structure::insert_in_order(text, doc.root, &order, "cgroupDriver", &NewValue::Scalar(value.to_string()))?
        }
        None => {
            let eol = structure::line_ending(text);
            let lead = if text.ends_with('\n') { "" } else { eol };
            Edit::insert(text.len(), format!("{lead}---{eol}apiVersion: kubelet.config.k8s.io/v1beta1{eol}kind: KubeletConfiguration{eol}cgroupDriver: {value}{eol}"))
        }
    };
    Some(vec![deletion, insert])
}

/// `failCgroupV1: false` keeps a cgroup v1 host usable for the kubelet, but kubeadm 1.35's
/// SystemVerification preflight still fails there unless it is ignored.
fn fail_cgroup_v1(config: &ConfigSet, sink: &mut Sink, kubelet_doc: Option<&KubeadmDocument>) {
    let Some(node) = kubelet_doc.and_then(|d| d.get("failCgroupV1")) else { return };
    if node.as_bool() != Some(false) {
        return;
    }
    let target = config.target();
    let kubeadm = target.kubeadm_minor();
    if kubeadm < CGROUP_V1_REFUSED {
        return;
    }
    let ignored = config
        .documents
        .iter()
        .filter(|d| d.is(Kind::InitConfiguration) || d.is(Kind::JoinConfiguration))
        .filter_map(|d| d.path(&["nodeRegistration", "ignorePreflightErrors"]))
        .flat_map(|list| list.items())
        .filter_map(|item| item.as_str())
        .any(|check| check.eq_ignore_ascii_case(SYSTEM_VERIFICATION) || check.eq_ignore_ascii_case("all"));
    if ignored {
        return;
    }
    let assumed = target.assumption_suffix();
    sink.report(node.span(), format!("`failCgroupV1: false` keeps cgroup v1 for the kubelet, but kubeadm {kubeadm}'s preflight still refuses cgroup v1 hosts{assumed}"))
        .primary_label("cgroup v1 opt-out")
        .help("from 1.35 the SystemVerification check is an error on cgroup v1 (PR #134744); add `SystemVerification` to nodeRegistration.ignorePreflightErrors of the InitConfiguration and JoinConfiguration, or move the hosts to cgroup v2");
}
