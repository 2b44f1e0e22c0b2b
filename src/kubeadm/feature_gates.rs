//! Feature gates: kubeadm's own (`ClusterConfiguration.featureGates`, checked by
//! `ValidateFeatureGates` in `cmd/kubeadm/app/apis/kubeadm/validation/validation.go`: an unknown
//! key fails with "%s is not a valid feature name.") and the Kubernetes component gates that were
//! removed (the components then refuse to start: "unrecognized feature gate").
//!
//! kubeadm gates: `cmd/kubeadm/app/features/features.go` (≈1.18 and ≈1.22 versions read through
//! the index), facts 8.4 and 11.4, with the PR of each change. Component gates: the "Feature Gates
//! (removed)" table of kubernetes/website
//! (`content/en/docs/reference/command-line-tools-reference/feature-gates-removed.md` @
//! `03655030d5794bedc7e1e67e2f64d892b27a6ac2`) and its per-gate pages for later removals; the
//! table's "To" column is the last release that still accepts the gate.

use super::version::Minor;

const fn m(minor: u32) -> Minor {
    Minor::new(1, minor)
}

/// One kubeadm feature gate's life.
#[derive(Debug, Clone, Copy)]
pub struct KubeadmGate {
    pub name: &'static str,
    /// The first kubeadm release that knows it (`None`: older than the releases modelled).
    pub added: Option<Minor>,
    /// Generally available: on by default, and locked to true.
    pub ga: Option<Minor>,
    pub deprecated: Option<Minor>,
    /// The first kubeadm release that rejects it.
    pub removed: Option<Minor>,
    /// What to do instead, for messages.
    pub instead: &'static str,
    pub source: &'static str,
}

const fn gate(
    name: &'static str,
    added: Option<Minor>,
    ga: Option<Minor>,
    deprecated: Option<Minor>,
    removed: Option<Minor>,
    instead: &'static str,
    source: &'static str,
) -> KubeadmGate {
    KubeadmGate {
        name,
        added,
        ga,
        deprecated,
        removed,
        instead,
        source,
    }
}

/// The release before which kubeadm's gate list is not modelled.
pub const MODELLED_FROM: Minor = m(20);

/// kubeadm's gates. The first rows were removed before 1.20; their exact release is not modelled.
pub const KUBEADM_GATES: &[KubeadmGate] = &[
    gate(
        "CoreDNS",
        None,
        None,
        None,
        Some(MODELLED_FROM),
        "delete it: kubeadm always deploys CoreDNS",
        "features.go: \"featureGates:CoreDNS has been removed in v1.13\"",
    ),
    gate(
        "HighAvailability",
        None,
        None,
        None,
        Some(MODELLED_FROM),
        "delete it: high availability needs controlPlaneEndpoint and `kubeadm join --control-plane`",
        "removed before 1.20 (pitfalls catalogue, rule 31)",
    ),
    gate(
        "SelfHosting",
        None,
        None,
        None,
        Some(MODELLED_FROM),
        "delete it: self-hosted control planes are gone",
        "removed before 1.20 (pitfalls catalogue, rule 31)",
    ),
    gate(
        "StoreCertsInSecrets",
        None,
        None,
        None,
        Some(MODELLED_FROM),
        "delete it: use `kubeadm init --upload-certs`",
        "removed before 1.20 (pitfalls catalogue, rule 31)",
    ),
    gate(
        "DynamicKubeletConfig",
        None,
        None,
        None,
        Some(MODELLED_FROM),
        "delete it: Dynamic Kubelet Configuration is gone",
        "removed before 1.20 (pitfalls catalogue, rule 31)",
    ),
    gate(
        "Auditing",
        None,
        None,
        None,
        Some(MODELLED_FROM),
        "delete it: configure auditing with apiServer extraArgs and extraVolumes",
        "removed before 1.20 (pitfalls catalogue, rule 31)",
    ),
    gate(
        "IPv6DualStack",
        Some(m(16)),
        Some(m(23)),
        None,
        Some(m(24)),
        "delete it: dual-stack is always on; list both families in networking.podSubnet and serviceSubnet",
        "GA in 1.23, removed in 1.24 (PR #106648)",
    ),
    gate(
        "PublicKeysECDSA",
        Some(m(19)),
        None,
        Some(m(31)),
        Some(m(37)),
        "write encryptionAlgorithm: ECDSA-P256 (kubeadm.k8s.io/v1beta4)",
        "deprecated in 1.31, removed with v1beta3 in 1.37 (PR #136016)",
    ),
    gate(
        "RootlessControlPlane",
        Some(m(22)),
        None,
        Some(m(31)),
        None,
        "delete it",
        "deprecated in 1.31 (PR #124997)",
    ),
    gate(
        "UnversionedKubeletConfigMap",
        Some(m(22)),
        Some(m(25)),
        None,
        Some(m(26)),
        "delete it: the kubelet-config ConfigMap has no version suffix any more",
        "GA in 1.25, removed in 1.26 (facts 8.4)",
    ),
    gate(
        "EtcdLearnerMode",
        Some(m(27)),
        Some(m(32)),
        None,
        Some(m(33)),
        "delete it: joining etcd members always start as learners",
        "GA in 1.32, removed in 1.33 (PR #129589)",
    ),
    gate(
        "UpgradeAddonsBeforeControlPlane",
        Some(m(28)),
        None,
        Some(m(28)),
        Some(m(31)),
        "delete it",
        "deprecated from the start (1.28), removed in 1.31 (facts 8.4)",
    ),
    gate(
        "WaitForAllControlPlaneComponents",
        Some(m(30)),
        Some(m(34)),
        None,
        Some(m(35)),
        "delete it: kubeadm always waits for every component",
        "GA in 1.34 (PR #132594), removed in 1.35 (PR #134781)",
    ),
    gate(
        "ControlPlaneKubeletLocalMode",
        Some(m(31)),
        Some(m(35)),
        None,
        Some(m(36)),
        "delete it: control-plane kubelets always talk to the local API server",
        "GA in 1.35 (PR #134106), removed in 1.36 (PR #135773)",
    ),
    gate(
        "NodeLocalCRISocket",
        Some(m(32)),
        Some(m(36)),
        None,
        Some(m(37)),
        "delete it: the CRI socket always lives in /var/lib/kubelet/instance-config.yaml",
        "GA in 1.36 (PR #135742), removed in 1.37 (PR #138645)",
    ),
];

/// What kubeadm `release` does with a gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateStatus {
    /// A gate of a newer kubeadm (`added` is later).
    NotYet(Minor),
    /// Known, alpha or beta.
    Known,
    /// Known and deprecated.
    Deprecated(Minor),
    /// Known, generally available and locked on.
    Ga(Minor),
    /// Removed: "not a valid feature name".
    Removed(Minor),
    /// Removed before the releases modelled, and `release` is older than those.
    Unmodelled,
}

impl KubeadmGate {
    pub fn status(&self, release: Minor) -> GateStatus {
        if let Some(removed) = self.removed
            && release >= removed
        {
            return GateStatus::Removed(removed);
        }
        match self.added {
            None => GateStatus::Unmodelled,
            Some(added) if release < added => GateStatus::NotYet(added),
            _ => match (self.ga, self.deprecated) {
                (Some(ga), _) if release >= ga => GateStatus::Ga(ga),
                (_, Some(deprecated)) if release >= deprecated => {
                    GateStatus::Deprecated(deprecated)
                }
                _ => GateStatus::Known,
            },
        }
    }
}

pub fn kubeadm_gate(name: &str) -> Option<&'static KubeadmGate> {
    KUBEADM_GATES.iter().find(|g| g.name == name)
}

/// The gates kubeadm `release` accepts.
pub fn kubeadm_gates_of(release: Minor) -> Vec<&'static str> {
    KUBEADM_GATES
        .iter()
        .filter(|g| {
            matches!(
                g.status(release),
                GateStatus::Known | GateStatus::Deprecated(_) | GateStatus::Ga(_)
            )
        })
        .map(|g| g.name)
        .collect()
}

/// A Kubernetes component gate that was removed.
#[derive(Debug, Clone, Copy)]
pub struct ComponentGate {
    pub name: &'static str,
    /// Generally available from (None: deprecated or withdrawn instead).
    pub ga: Option<Minor>,
    /// The last release that accepts it.
    pub last: Minor,
}

impl ComponentGate {
    /// The first release that refuses it.
    pub fn removed(&self) -> Minor {
        self.last.offset(1)
    }
}

const fn cg(name: &'static str, ga: Option<Minor>, last: Minor) -> ComponentGate {
    ComponentGate { name, ga, last }
}

/// Removed component gates found in kubeadm files and kubelet/kube-proxy configurations.
pub const COMPONENT_GATES: &[ComponentGate] = &[
    cg("Accelerators", None, m(11)),
    cg("AllowInsecureBackendProxy", Some(m(21)), m(25)),
    cg("BlockVolume", Some(m(18)), m(21)),
    cg("BoundServiceAccountTokenVolume", Some(m(22)), m(23)),
    cg("CRIContainerLogRotation", Some(m(21)), m(22)),
    cg("CSIBlockVolume", Some(m(18)), m(21)),
    cg("CSIDriverRegistry", Some(m(18)), m(21)),
    cg("CSIInlineVolume", Some(m(25)), m(26)),
    cg("CSIMigration", Some(m(25)), m(26)),
    cg("CSIMigrationAWS", Some(m(25)), m(26)),
    cg("CSIMigrationAzureDisk", Some(m(24)), m(26)),
    cg("CSIMigrationOpenStack", Some(m(24)), m(25)),
    cg("CSINodeInfo", Some(m(17)), m(22)),
    cg("CSIServiceAccountToken", Some(m(22)), m(24)),
    cg("CustomPodDNS", Some(m(14)), m(16)),
    cg("DefaultPodTopologySpread", Some(m(24)), m(25)),
    cg("DevicePlugins", Some(m(26)), m(27)),
    cg("DynamicAuditing", None, m(19)),
    cg("DynamicKubeletConfig", None, m(25)),
    cg("EndpointSlice", Some(m(21)), m(24)),
    cg("EndpointSliceProxying", Some(m(22)), m(24)),
    cg("EphemeralContainers", Some(m(25)), m(26)),
    cg("ExpandCSIVolumes", Some(m(24)), m(26)),
    cg("ExpandInUsePersistentVolumes", Some(m(24)), m(26)),
    cg("ExpandPersistentVolumes", Some(m(24)), m(26)),
    cg("GenericEphemeralVolume", Some(m(23)), m(24)),
    cg("HugePages", Some(m(14)), m(16)),
    cg("IPv6DualStack", Some(m(23)), m(24)),
    cg("IdentifyPodOS", Some(m(25)), m(26)),
    cg("LocalStorageCapacityIsolation", Some(m(25)), m(26)),
    cg("MountPropagation", Some(m(12)), m(14)),
    cg("NodeLease", Some(m(17)), m(23)),
    cg("NonPreemptingPriority", Some(m(24)), m(25)),
    cg("PodOverhead", Some(m(24)), m(25)),
    cg("PodPriority", Some(m(14)), m(18)),
    cg("PodSecurity", Some(m(25)), m(27)),
    cg("PodShareProcessNamespace", Some(m(17)), m(19)),
    cg("RotateKubeletClientCertificate", Some(m(19)), m(21)),
    cg("RunAsGroup", Some(m(21)), m(22)),
    cg("RuntimeClass", Some(m(20)), m(24)),
    cg("SCTPSupport", Some(m(20)), m(22)),
    cg("ServiceAccountIssuerDiscovery", Some(m(21)), m(23)),
    cg("StartupProbe", Some(m(20)), m(23)),
    cg("SupportIPVSProxyMode", Some(m(11)), m(20)),
    cg("SupportNodePidsLimit", Some(m(20)), m(23)),
    cg("SupportPodPidsLimit", Some(m(20)), m(23)),
    cg("Sysctls", Some(m(21)), m(22)),
    cg("TTLAfterFinished", Some(m(23)), m(24)),
    cg("TaintBasedEvictions", Some(m(18)), m(20)),
    cg("TokenRequest", Some(m(20)), m(21)),
    cg("TokenRequestProjection", Some(m(20)), m(21)),
    cg("VolumeSnapshotDataSource", Some(m(20)), m(22)),
    cg("WindowsGMSA", Some(m(18)), m(20)),
];

pub fn component_gate(name: &str) -> Option<&'static ComponentGate> {
    COMPONENT_GATES.iter().find(|g| g.name == name)
}

/// Parses a `feature-gates` flag value (`A=true,B=false`) into (name, value text, byte offset of
/// the item within the value).
pub fn parse_flag(value: &str) -> Vec<(&str, &str, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for item in value.split(',') {
        let start = offset + (item.len() - item.trim_start().len());
        offset += item.len() + 1;
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let (name, val) = item.split_once('=').unwrap_or((item, ""));
        out.push((name.trim(), val.trim(), start));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubeadm_gates_follow_the_facts() {
        let ecdsa = kubeadm_gate("PublicKeysECDSA").unwrap();
        assert_eq!(ecdsa.status(m(30)), GateStatus::Known);
        assert_eq!(ecdsa.status(m(31)), GateStatus::Deprecated(m(31)));
        assert_eq!(ecdsa.status(m(37)), GateStatus::Removed(m(37)));
        let local = kubeadm_gate("NodeLocalCRISocket").unwrap();
        assert_eq!(local.status(m(31)), GateStatus::NotYet(m(32)));
        assert_eq!(local.status(m(36)), GateStatus::Ga(m(36)));
        assert_eq!(kubeadm_gates_of(m(37)), vec!["RootlessControlPlane"]);
        assert_eq!(
            kubeadm_gates_of(m(35)),
            vec![
                "PublicKeysECDSA",
                "RootlessControlPlane",
                "ControlPlaneKubeletLocalMode",
                "NodeLocalCRISocket"
            ]
        );
        let coredns = kubeadm_gate("CoreDNS").unwrap();
        assert_eq!(coredns.status(m(18)), GateStatus::Unmodelled);
        assert_eq!(coredns.status(m(22)), GateStatus::Removed(m(20)));
    }

    #[test]
    fn component_gates_and_flag_values() {
        assert_eq!(
            component_gate("SupportIPVSProxyMode").unwrap().removed(),
            m(21)
        );
        assert_eq!(component_gate("PodSecurity").unwrap().removed(), m(28));
        assert_eq!(
            parse_flag("TTLAfterFinished=true, PodOverhead=false"),
            vec![
                ("TTLAfterFinished", "true", 0),
                ("PodOverhead", "false", 23)
            ]
        );
    }
}
