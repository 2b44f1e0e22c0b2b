//! API groups, versions and kinds kubeadm reads, and their lifecycle.
//!
//! Source: `cmd/kubeadm/app/util/config/common.go` (`validateSupportedVersion`) and the
//! release notes summarised in the facts, sections 1.2 and 11.3.

use super::version::Minor;

/// The `apiVersion` of a document, classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ApiVersion {
    Kubeadm(KubeadmVersion),
    /// `kubelet.config.k8s.io/v1beta1`, the only kubelet version kubeadm accepts.
    KubeletV1beta1,
    /// `kubeproxy.config.k8s.io/v1alpha1`, the only kube-proxy version kubeadm accepts.
    KubeProxyV1alpha1,
    /// A kubelet or kube-proxy group with a version kubeadm does not accept.
    ComponentOther(ComponentGroup),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ComponentGroup {
    Kubelet,
    KubeProxy,
}

impl ApiVersion {
    /// A kubelet or kube-proxy configuration rather than kubeadm's own.
    pub fn is_component_config(self) -> bool {
        !matches!(self, ApiVersion::Kubeadm(_))
    }
}

/// `kubeadm.k8s.io/<version>`, ordered oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KubeadmVersion {
    V1alpha1,
    V1alpha2,
    V1alpha3,
    V1beta1,
    V1beta2,
    V1beta3,
    V1beta4,
    /// The placeholder `v1` API (1.37+: experimental, not usable yet).
    V1,
}

pub const KUBEADM_GROUP: &str = "kubeadm.k8s.io";
pub const KUBELET_GROUP: &str = "kubelet.config.k8s.io";
pub const KUBEPROXY_GROUP: &str = "kubeproxy.config.k8s.io";

/// What a kubeadm release does with a kubeadm API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// Read without complaint.
    Supported,
    /// Read, with a deprecation warning.
    Deprecated,
    /// Only with `--allow-experimental-api` (config validate/migrate); init/join refuse it.
    Experimental,
    /// Refused: "your configuration file uses an old API spec".
    Removed,
    /// Not known to that release at all.
    Unknown,
}

impl KubeadmVersion {
    pub const ALL: [KubeadmVersion; 8] = [
        Self::V1alpha1,
        Self::V1alpha2,
        Self::V1alpha3,
        Self::V1beta1,
        Self::V1beta2,
        Self::V1beta3,
        Self::V1beta4,
        Self::V1,
    ];

    pub fn parse(version: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == version)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1alpha1 => "v1alpha1",
            Self::V1alpha2 => "v1alpha2",
            Self::V1alpha3 => "v1alpha3",
            Self::V1beta1 => "v1beta1",
            Self::V1beta2 => "v1beta2",
            Self::V1beta3 => "v1beta3",
            Self::V1beta4 => "v1beta4",
            Self::V1 => "v1",
        }
    }

    /// Lifecycle row: (introduced, deprecated, removed) in kubeadm minors, facts 1.2 / 11.3.
    /// `experimental_until` is the last minor in which the version was experimental only.
    fn lifecycle(self) -> Lifecycle {
        let m = Minor::new;
        match self {
            Self::V1alpha1 => Lifecycle::new(m(1, 10), None, Some(m(1, 12))),
            Self::V1alpha2 => Lifecycle::new(m(1, 11), None, Some(m(1, 13))),
            Self::V1alpha3 => Lifecycle::new(m(1, 12), None, Some(m(1, 14))),
            Self::V1beta1 => Lifecycle::new(m(1, 13), Some(m(1, 17)), Some(m(1, 22))),
            Self::V1beta2 => Lifecycle::new(m(1, 15), Some(m(1, 24)), Some(m(1, 27))),
            Self::V1beta3 => Lifecycle::new(m(1, 22), Some(m(1, 31)), Some(m(1, 37))),
            Self::V1beta4 => Lifecycle {
                experimental_from: Some(m(1, 28)),
                ..Lifecycle::new(m(1, 31), None, None)
            },
            // A placeholder copy of v1beta4 since 1.37 that "cannot be used yet".
            Self::V1 => Lifecycle {
                experimental_from: Some(m(1, 37)),
                ..Lifecycle::new(m(1, 99), None, None)
            },
        }
    }

    /// How kubeadm `release` treats this version.
    pub fn support_in(self, release: Minor) -> Support {
        let life = self.lifecycle();
        if let Some(removed) = life.removed
            && release >= removed
        {
            return Support::Removed;
        }
        if release >= life.introduced {
            return match life.deprecated {
                Some(deprecated) if release >= deprecated => Support::Deprecated,
                _ => Support::Supported,
            };
        }
        match life.experimental_from {
            Some(from) if release >= from => Support::Experimental,
            _ => Support::Unknown,
        }
    }

    /// The newest kubeadm minor that reads this version without error, if it was ever removed.
    pub fn last_reading_release(self) -> Option<Minor> {
        self.lifecycle().removed.map(Minor::previous)
    }

    /// The first kubeadm minor that reads this version without `--allow-experimental-api`.
    pub fn first_reading_release(self) -> Minor {
        self.lifecycle().introduced
    }

    /// The kubeadm release kubeadm's own error message names for migrating away from a removed
    /// version ("Please use kubeadm v1.22 instead", facts 1.2 and 11.3).
    pub fn migrate_with(self) -> Option<&'static str> {
        match self {
            Self::V1alpha1 => Some("v1.11"),
            Self::V1alpha2 => Some("v1.12"),
            Self::V1alpha3 => Some("v1.14"),
            Self::V1beta1 => Some("v1.15"),
            Self::V1beta2 => Some("v1.22"),
            Self::V1beta3 => Some("v1.36"),
            Self::V1beta4 | Self::V1 => None,
        }
    }
}

struct Lifecycle {
    introduced: Minor,
    deprecated: Option<Minor>,
    removed: Option<Minor>,
    experimental_from: Option<Minor>,
}

impl Lifecycle {
    fn new(introduced: Minor, deprecated: Option<Minor>, removed: Option<Minor>) -> Self {
        Lifecycle {
            introduced,
            deprecated,
            removed,
            experimental_from: None,
        }
    }
}

/// Kinds found in kubeadm files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    InitConfiguration,
    ClusterConfiguration,
    JoinConfiguration,
    ResetConfiguration,
    UpgradeConfiguration,
    KubeletConfiguration,
    KubeProxyConfiguration,
    /// The pre-v1alpha3 kind that held what Init + Cluster hold now.
    MasterConfiguration,
    /// The pre-v1alpha3 kind that became JoinConfiguration.
    NodeConfiguration,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Self::InitConfiguration,
        Self::ClusterConfiguration,
        Self::JoinConfiguration,
        Self::ResetConfiguration,
        Self::UpgradeConfiguration,
        Self::KubeletConfiguration,
        Self::KubeProxyConfiguration,
        Self::MasterConfiguration,
        Self::NodeConfiguration,
    ];

    pub fn parse(kind: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == kind)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InitConfiguration => "InitConfiguration",
            Self::ClusterConfiguration => "ClusterConfiguration",
            Self::JoinConfiguration => "JoinConfiguration",
            Self::ResetConfiguration => "ResetConfiguration",
            Self::UpgradeConfiguration => "UpgradeConfiguration",
            Self::KubeletConfiguration => "KubeletConfiguration",
            Self::KubeProxyConfiguration => "KubeProxyConfiguration",
            Self::MasterConfiguration => "MasterConfiguration",
            Self::NodeConfiguration => "NodeConfiguration",
        }
    }

    /// Whether `version` of the kubeadm group defines this kind.
    pub fn exists_in(self, version: KubeadmVersion) -> bool {
        use KubeadmVersion::*;
        match self {
            Self::InitConfiguration | Self::ClusterConfiguration | Self::JoinConfiguration => {
                version >= V1alpha3
            }
            Self::ResetConfiguration | Self::UpgradeConfiguration => version >= V1beta4,
            Self::MasterConfiguration | Self::NodeConfiguration => version <= V1alpha2,
            Self::KubeletConfiguration | Self::KubeProxyConfiguration => false,
        }
    }
}

/// Splits `group/version` and classifies it. `None` for groups kubeadm does not read.
pub fn classify_api_version(api_version: &str) -> Option<ApiVersion> {
    let (group, version) = api_version.split_once('/')?;
    match group {
        KUBEADM_GROUP => KubeadmVersion::parse(version).map(ApiVersion::Kubeadm),
        KUBELET_GROUP if version == "v1beta1" => Some(ApiVersion::KubeletV1beta1),
        KUBELET_GROUP => Some(ApiVersion::ComponentOther(ComponentGroup::Kubelet)),
        KUBEPROXY_GROUP if version == "v1alpha1" => Some(ApiVersion::KubeProxyV1alpha1),
        KUBEPROXY_GROUP => Some(ApiVersion::ComponentOther(ComponentGroup::KubeProxy)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_matches_the_facts() {
        let m = Minor::new;
        assert_eq!(
            KubeadmVersion::V1beta3.support_in(m(1, 30)),
            Support::Supported
        );
        assert_eq!(
            KubeadmVersion::V1beta3.support_in(m(1, 31)),
            Support::Deprecated
        );
        assert_eq!(
            KubeadmVersion::V1beta3.support_in(m(1, 36)),
            Support::Deprecated
        );
        assert_eq!(
            KubeadmVersion::V1beta3.support_in(m(1, 37)),
            Support::Removed
        );
        assert_eq!(
            KubeadmVersion::V1beta4.support_in(m(1, 27)),
            Support::Unknown
        );
        assert_eq!(
            KubeadmVersion::V1beta4.support_in(m(1, 28)),
            Support::Experimental
        );
        assert_eq!(
            KubeadmVersion::V1beta4.support_in(m(1, 31)),
            Support::Supported
        );
        assert_eq!(
            KubeadmVersion::V1beta2.support_in(m(1, 26)),
            Support::Deprecated
        );
        assert_eq!(
            KubeadmVersion::V1beta2.support_in(m(1, 27)),
            Support::Removed
        );
        assert_eq!(
            KubeadmVersion::V1.support_in(m(1, 38)),
            Support::Experimental
        );
        assert_eq!(
            KubeadmVersion::V1beta3.last_reading_release(),
            Some(m(1, 36))
        );
        assert_eq!(
            KubeadmVersion::V1beta2.last_reading_release(),
            Some(m(1, 26))
        );
    }

    #[test]
    fn classifies_groups() {
        assert_eq!(
            classify_api_version("kubeadm.k8s.io/v1beta4"),
            Some(ApiVersion::Kubeadm(KubeadmVersion::V1beta4))
        );
        assert_eq!(
            classify_api_version("kubeproxy.config.k8s.io/v1beta1"),
            Some(ApiVersion::ComponentOther(ComponentGroup::KubeProxy))
        );
        assert_eq!(classify_api_version("v1"), None);
        assert_eq!(classify_api_version("apps/v1"), None);
    }
}
