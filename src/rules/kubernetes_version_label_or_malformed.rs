//! kubeadm resolves `kubernetesVersion` labels (`stable-1`, the default when it is unset) over
//! the network at run time and refuses values that are neither a version nor a label
//! (`KubernetesReleaseVersion`, cmd/kubeadm/app/util/version.go).

use crate::kubeadm::releases;
use crate::kubeadm::version::{KubernetesVersionValue, Version};
use crate::rules::prelude::*;
use crate::yaml::ScalarStyle;

pub const RULE: Rule = Rule {
    name: "kubernetes-version-label-or-malformed",
    summary: "kubernetesVersion is malformed, a label resolved over the network, or not set",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/kubernetes-version-label-or-malformed.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for doc in &config.documents {
        match doc.kind {
            Some(Kind::ClusterConfiguration | Kind::MasterConfiguration) => match doc.root.entry("kubernetesVersion") {
                Some((_, value)) if !value.is_null() => check_value(value, sink),
                _ => {
                    let at = doc.kind_node.map_or(doc.api_version_node.span(), |k| k.span());
                    sink.report(at, "kubernetesVersion is not set, so kubeadm looks up `stable-1` on dl.k8s.io at run time")
                        .severity(Severity::Info)
                        .help("pin the version (for example `kubernetesVersion: v1.37.0`) for reproducible, offline-capable runs");
                }
            },
            Some(Kind::UpgradeConfiguration) => {
                for section in ["apply", "plan", "diff"] {
                    if let Some(value) = doc.path(&[section, "kubernetesVersion"]).filter(|v| !v.is_null()) {
                        check_value(value, sink);
                    }
                }
            }
            _ => {}
        }
    }
    // A broken document may be the ClusterConfiguration: then nothing is known to be missing.
    let any_broken = config.tree.documents.iter().any(|d| d.broken);
    if config.first(Kind::ClusterConfiguration).is_none()
        && !any_broken
        && let Some(init) = config.first(Kind::InitConfiguration)
        && let Some(kind) = init.kind_node
    {
        sink.report(kind.span(), "no ClusterConfiguration, so kubeadm looks up `stable-1` on dl.k8s.io at run time")
            .severity(Severity::Info)
            .help("add a ClusterConfiguration document with a pinned kubernetesVersion for reproducible, offline-capable runs");
    }
}

fn check_value(value: Node, sink: &mut Sink) {
    let Some(text) = value.as_str() else {
        sink.report(value.span(), "kubernetesVersion must be a string such as v1.37.0");
        return;
    };
    match KubernetesVersionValue::parse(text) {
        KubernetesVersionValue::Malformed => {
            let report = sink.report(value.span(), format!("kubernetesVersion `{text}` is neither a version nor a label"))
                .primary_label("kubeadm: \"doesn't match patterns for neither semantic version nor labels\"");
            match minor_only(text) {
                Some(example) => report.help(format!("write a full version with its patch number, such as `{example}`")),
                None => report.help("write a full version such as `v1.37.0`"),
            };
        }
        KubernetesVersionValue::Concrete { version, .. } if is_package_revision(&version) => {
            let release = Version::new(version.major, version.minor, version.patch);
            sink.report(value.span(), format!("kubernetesVersion `{text}` carries a package revision"))
                .primary_label("no image is tagged like this")
                .help(format!("kubeadm would pull images tagged `{}`, which do not exist; write `v{release}`", version.image_tag()));
        }
        KubernetesVersionValue::Concrete { had_v: false, .. } => {
            let at = value.span().start + usize::from(value.scalar_style().is_some_and(ScalarStyle::is_quoted));
            sink.report(value.span(), format!("kubernetesVersion `{text}` has no leading `v`"))
                .severity(Severity::Info)
                .help(format!("kubeadm adds it; write `v{text}` to match what it records"))
                .fix_safe("add the leading `v`", vec![Edit::insert(at, "v")]);
        }
        KubernetesVersionValue::Concrete { .. } => {}
        KubernetesVersionValue::Label(label) => {
            sink.report(value.span(), format!("kubernetesVersion `{label}` is a label resolved over the network at run time"))
                .severity(Severity::Warning)
                .help("the version then depends on the day you run kubeadm, and air-gapped or proxied nodes fail to resolve it; pin a version such as `v1.37.0`");
        }
        KubernetesVersionValue::Ci { .. } => {
            sink.report(value.span(), format!("kubernetesVersion `{text}` is a CI build"))
                .severity(Severity::Info)
                .help("CI builds pull control-plane images from gcr.io/k8s-staging-ci-images; use a release for real clusters");
        }
    }
}

/// `v1.21` -> the newest known patch of 1.21, as an example to write instead.
fn minor_only(text: &str) -> Option<String> {
    let rest = text.strip_prefix('v').unwrap_or(text);
    let (major, minor) = rest.split_once('.')?;
    let minor = crate::kubeadm::version::Minor::new(major.parse().ok()?, minor.parse().ok()?);
    let newest = releases::newest_patch(minor);
    (releases::is_known(minor) && !newest.is_prerelease()).then(|| format!("v{newest}"))
}

/// `1.30.0-0`, `1.30.0-00`: a distro package revision, not a Kubernetes pre-release.
fn is_package_revision(version: &Version) -> bool {
    version.suffix.strip_prefix('-').is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}
