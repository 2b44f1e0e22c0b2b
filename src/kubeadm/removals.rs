//! Component flags and values that stopped working in a Kubernetes release, for the flags kubeadm
//! passes through `extraArgs` and `kubeletExtraArgs`. A removed flag makes the component exit
//! with `unknown flag: --x`, and kubeadm then times out waiting for it.
//!
//! Each row cites the pull request or release note it rests on (kubernetes/kubernetes unless
//! said otherwise); "removed" is the first minor that rejects the flag. Rows cover what real
//! kubeadm files carry (pitfalls catalogue rules 13 and 32, facts 11.6), not every flag ever
//! removed.

use super::extra_args::Component;
use super::version::{Minor, Version};

const fn m(minor: u32) -> Minor {
    Minor::new(1, minor)
}

/// A flag that was deprecated, made a no-op, or removed.
#[derive(Debug, Clone, Copy)]
pub struct FlagRemoval {
    pub components: &'static [Component],
    pub flag: &'static str,
    /// Deprecated (still works, warns) from this release.
    pub deprecated: Option<Minor>,
    /// Accepted but without any effect from this release.
    pub noop_since: Option<Minor>,
    /// Rejected (`unknown flag`) from this release.
    pub removed: Option<Minor>,
    /// A value with which the flag never did anything (deleting it is safe at any release).
    pub noop_value: Option<&'static str>,
    /// What to write instead.
    pub instead: Instead,
    /// Where the fact comes from.
    pub source: &'static str,
}

/// What replaces a removed flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instead {
    /// Nothing: delete it.
    Nothing,
    /// Another flag of the same component, same value.
    Flag(&'static str),
    /// A field of KubeletConfiguration.
    KubeletField(&'static str),
    /// Free text.
    Note(&'static str),
}

const KUBELET: &[Component] = &[Component::Kubelet];
const APISERVER: &[Component] = &[Component::ApiServer];
const KCM: &[Component] = &[Component::ControllerManager];
const SCHEDULER: &[Component] = &[Component::Scheduler];
const ALL_KUBE: &[Component] = &[
    Component::ApiServer,
    Component::ControllerManager,
    Component::Scheduler,
    Component::Kubelet,
];

const fn removed(
    components: &'static [Component],
    flag: &'static str,
    deprecated: Option<Minor>,
    removed: Minor,
    instead: Instead,
    source: &'static str,
) -> FlagRemoval {
    FlagRemoval {
        components,
        flag,
        deprecated,
        noop_since: None,
        removed: Some(removed),
        noop_value: None,
        instead,
        source,
    }
}

const DOCKERSHIM: &str = "kubelet: dockershim flags removed with dockershim in 1.24 (PR #106907)";
const KLOG: &str = "klog flags removed from every component in 1.26, only -v and -vmodule remain (PR #112120, KEP-2845)";
const CADVISOR: &str =
    "deprecated cAdvisor flags make the kubelet fail to start from 1.37 (PR #139870)";

/// Flags that went away, by component.
pub const FLAGS: &[FlagRemoval] = &[
    // kubelet: dockershim (1.24)
    FlagRemoval {
        noop_value: Some("cni"),
        ..removed(
            KUBELET,
            "network-plugin",
            Some(m(20)),
            m(24),
            Instead::Note("the container runtime configures CNI itself"),
            DOCKERSHIM,
        )
    },
    removed(
        KUBELET,
        "cni-bin-dir",
        Some(m(20)),
        m(24),
        Instead::Note("set the CNI directories in the container runtime's configuration"),
        DOCKERSHIM,
    ),
    removed(
        KUBELET,
        "cni-conf-dir",
        Some(m(20)),
        m(24),
        Instead::Note("set the CNI directories in the container runtime's configuration"),
        DOCKERSHIM,
    ),
    removed(
        KUBELET,
        "cni-cache-dir",
        Some(m(20)),
        m(24),
        Instead::Note("set the CNI directories in the container runtime's configuration"),
        DOCKERSHIM,
    ),
    removed(
        KUBELET,
        "network-plugin-mtu",
        Some(m(20)),
        m(24),
        Instead::Note("set the MTU in the CNI plugin's configuration"),
        DOCKERSHIM,
    ),
    removed(
        KUBELET,
        "docker-endpoint",
        Some(m(20)),
        m(24),
        Instead::Note(
            "use cri-dockerd and nodeRegistration.criSocket: unix:///var/run/cri-dockerd.sock",
        ),
        DOCKERSHIM,
    ),
    removed(
        KUBELET,
        "image-pull-progress-deadline",
        Some(m(20)),
        m(24),
        Instead::Nothing,
        DOCKERSHIM,
    ),
    removed(
        KUBELET,
        "experimental-dockershim-root-directory",
        Some(m(20)),
        m(24),
        Instead::Nothing,
        DOCKERSHIM,
    ),
    removed(
        KUBELET,
        "dynamic-config-dir",
        Some(m(22)),
        m(24),
        Instead::Note(
            "Dynamic Kubelet Configuration was removed; use the KubeletConfiguration document",
        ),
        "Dynamic Kubelet Configuration removed from the kubelet in 1.24 (PR #106932)",
    ),
    // kubelet: runtime (1.27)
    FlagRemoval {
        noop_value: Some("remote"),
        ..removed(
            KUBELET,
            "container-runtime",
            Some(m(24)),
            m(27),
            Instead::Note(
                "remote is the only runtime; kubeadm sets --container-runtime-endpoint from nodeRegistration.criSocket",
            ),
            "kubelet: --container-runtime removed in 1.27 (PR #114017)",
        )
    },
    removed(
        KUBELET,
        "pod-infra-container-image",
        Some(m(24)),
        m(35),
        Instead::Note(
            "the sandbox (pause) image is set in the container runtime's configuration (containerd `sandbox_image`, CRI-O `pause_image`)",
        ),
        "kubelet: --pod-infra-container-image removed in 1.35 (PR #133779); kubeadm stopped writing it (PR #133778)",
    ),
    removed(
        KUBELET,
        "allow-privileged",
        Some(m(13)),
        m(15),
        Instead::Nothing,
        "kubelet: --allow-privileged removed in 1.15 (CHANGELOG-1.15)",
    ),
    // kubelet: cAdvisor (1.37)
    removed(
        KUBELET,
        "application-metrics-count-limit",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "boot-id-file",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "container-hints",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "containerd",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "containerd-namespace",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "enable-load-reader",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "event-storage-age-limit",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "event-storage-event-limit",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "global-housekeeping-interval",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "log-cadvisor-usage",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "machine-id-file",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "storage-driver-user",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "storage-driver-password",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "storage-driver-host",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "storage-driver-db",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "storage-driver-table",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "storage-driver-secure",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    removed(
        KUBELET,
        "storage-driver-buffer-duration",
        None,
        m(37),
        Instead::Nothing,
        CADVISOR,
    ),
    // klog (1.26), every Kubernetes component
    removed(
        ALL_KUBE,
        "logtostderr",
        Some(m(23)),
        m(26),
        Instead::Note("components log to stderr; redirect the output instead"),
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "alsologtostderr",
        Some(m(23)),
        m(26),
        Instead::Nothing,
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "log-dir",
        Some(m(23)),
        m(26),
        Instead::Note("components log to stderr; redirect the output instead"),
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "log-file",
        Some(m(23)),
        m(26),
        Instead::Note("components log to stderr; redirect the output instead"),
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "log-file-max-size",
        Some(m(23)),
        m(26),
        Instead::Nothing,
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "one-output",
        Some(m(23)),
        m(26),
        Instead::Nothing,
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "skip-headers",
        Some(m(23)),
        m(26),
        Instead::Nothing,
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "skip-log-headers",
        Some(m(23)),
        m(26),
        Instead::Nothing,
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "stderrthreshold",
        Some(m(23)),
        m(26),
        Instead::Nothing,
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "add-dir-header",
        Some(m(23)),
        m(26),
        Instead::Nothing,
        KLOG,
    ),
    removed(
        ALL_KUBE,
        "log-backtrace-at",
        Some(m(23)),
        m(26),
        Instead::Nothing,
        KLOG,
    ),
    // kube-apiserver
    FlagRemoval {
        noop_since: Some(m(20)),
        noop_value: Some("0"),
        ..removed(
            APISERVER,
            "insecure-port",
            Some(m(10)),
            m(24),
            Instead::Nothing,
            "kube-apiserver: insecure serving removed in 1.20, the flags only accept 0 (PR #95856) and are removed in 1.24 (PR #106859)",
        )
    },
    FlagRemoval {
        noop_since: Some(m(20)),
        noop_value: Some("0"),
        ..removed(
            APISERVER,
            "port",
            Some(m(10)),
            m(24),
            Instead::Nothing,
            "kube-apiserver: insecure serving removed in 1.20, the flags only accept 0 (PR #95856) and are removed in 1.24 (PR #106859)",
        )
    },
    FlagRemoval {
        noop_since: Some(m(20)),
        ..removed(
            APISERVER,
            "insecure-bind-address",
            Some(m(10)),
            m(24),
            Instead::Nothing,
            "kube-apiserver: insecure serving removed in 1.20 (PR #95856), the flags are removed in 1.24 (PR #106859)",
        )
    },
    FlagRemoval {
        noop_since: Some(m(20)),
        ..removed(
            APISERVER,
            "address",
            Some(m(10)),
            m(24),
            Instead::Nothing,
            "kube-apiserver: insecure serving removed in 1.20 (PR #95856), the flags are removed in 1.24 (PR #106859)",
        )
    },
    FlagRemoval {
        noop_since: Some(m(19)),
        noop_value: Some("true"),
        ..removed(
            APISERVER,
            "kubelet-https",
            Some(m(19)),
            m(22),
            Instead::Nothing,
            "kube-apiserver: --kubelet-https deprecated in 1.19 (PR #91630) and removed in 1.22 (PR #101178); connections to kubelets always use HTTPS",
        )
    },
    removed(
        APISERVER,
        "basic-auth-file",
        Some(m(16)),
        m(19),
        Instead::Note("use client certificates, tokens or an authentication webhook"),
        "kube-apiserver: basic authentication removed in 1.19 (CHANGELOG-1.19)",
    ),
    // kube-controller-manager
    FlagRemoval {
        noop_since: Some(m(22)),
        noop_value: Some("0"),
        ..removed(
            KCM,
            "port",
            Some(m(20)),
            m(24),
            Instead::Nothing,
            "kube-controller-manager: insecure serving disabled in 1.22 (PR #96216), --address and --port removed in 1.24 (PR #106860)",
        )
    },
    FlagRemoval {
        noop_since: Some(m(22)),
        ..removed(
            KCM,
            "address",
            Some(m(20)),
            m(24),
            Instead::Note("the secure port listens on --bind-address"),
            "kube-controller-manager: insecure serving disabled in 1.22 (PR #96216), --address and --port removed in 1.24 (PR #106860)",
        )
    },
    removed(
        KCM,
        "experimental-cluster-signing-duration",
        Some(m(19)),
        m(25),
        Instead::Flag("cluster-signing-duration"),
        "kube-controller-manager: deprecated in 1.19 (PR #91154), removed in 1.25 (PR #108476)",
    ),
    removed(
        KCM,
        "horizontal-pod-autoscaler-use-rest-clients",
        Some(m(12)),
        m(19),
        Instead::Nothing,
        "kube-controller-manager: Heapster support and the flag removed (PR #90368)",
    ),
    FlagRemoval {
        noop_since: Some(m(12)),
        ..removed(
            KCM,
            "horizontal-pod-autoscaler-upscale-delay",
            Some(m(12)),
            m(31),
            Instead::Nothing,
            "kube-controller-manager: no-op since 1.12, removed in 1.31 (PR #124948)",
        )
    },
    FlagRemoval {
        noop_since: Some(m(12)),
        ..removed(
            KCM,
            "horizontal-pod-autoscaler-downscale-delay",
            Some(m(12)),
            m(31),
            Instead::Nothing,
            "kube-controller-manager: no-op since 1.12, removed in 1.31 (PR #124948)",
        )
    },
    // kube-scheduler
    FlagRemoval {
        noop_since: Some(m(23)),
        noop_value: Some("0"),
        ..removed(
            SCHEDULER,
            "port",
            Some(m(12)),
            m(24),
            Instead::Nothing,
            "kube-scheduler: insecure serving disabled in 1.23 (PR #96345), --port and --address removed in 1.24 (PR #106865)",
        )
    },
    FlagRemoval {
        noop_since: Some(m(23)),
        ..removed(
            SCHEDULER,
            "address",
            Some(m(12)),
            m(24),
            Instead::Note("the secure port listens on --bind-address"),
            "kube-scheduler: insecure serving disabled in 1.23 (PR #96345), --port and --address removed in 1.24 (PR #106865)",
        )
    },
];

/// A value of a flag that stopped working (the flag itself still exists).
#[derive(Debug, Clone, Copy)]
pub struct ValueRemoval {
    pub components: &'static [Component],
    pub flag: &'static str,
    /// The flag takes a comma-separated list and this is one item of it.
    pub list_item: bool,
    pub value: &'static str,
    pub removed: Minor,
    pub instead: &'static str,
    pub source: &'static str,
}

const CLOUD: &[Component] = &[
    Component::ApiServer,
    Component::ControllerManager,
    Component::Kubelet,
];

/// Values that stopped working.
pub const VALUES: &[ValueRemoval] = &[
    ValueRemoval {
        components: &[Component::ApiServer],
        flag: "enable-admission-plugins",
        list_item: true,
        value: "PodSecurityPolicy",
        removed: m(25),
        instead: "replace PodSecurityPolicy with Pod Security Admission (the PodSecurity plugin, on by default) before upgrading",
        source: "PodSecurityPolicy removed in 1.25 (kubernetes/kubeadm#2496)",
    },
    ValueRemoval {
        components: &[Component::ApiServer],
        flag: "admission-control",
        list_item: true,
        value: "PodSecurityPolicy",
        removed: m(25),
        instead: "replace PodSecurityPolicy with Pod Security Admission (the PodSecurity plugin, on by default) before upgrading",
        source: "PodSecurityPolicy removed in 1.25 (kubernetes/kubeadm#2496)",
    },
    ValueRemoval {
        components: CLOUD,
        flag: "cloud-provider",
        list_item: false,
        value: "openstack",
        removed: m(26),
        instead: "run the external OpenStack cloud controller manager and set cloud-provider: external",
        source: "in-tree OpenStack provider removed in 1.26 (PR #67782)",
    },
    ValueRemoval {
        components: CLOUD,
        flag: "cloud-provider",
        list_item: false,
        value: "aws",
        removed: m(27),
        instead: "run the AWS cloud controller manager and set cloud-provider: external",
        source: "in-tree AWS provider removed in 1.27 (PR #115838)",
    },
    ValueRemoval {
        components: CLOUD,
        flag: "cloud-provider",
        list_item: false,
        value: "gce",
        removed: m(29),
        instead: "run the external cloud controller manager and set cloud-provider: external",
        source: "in-tree providers disabled by default in 1.29 (DisableCloudProviders on, PR #117503; v1.29 release blog) and their code removed in 1.31 (KEP-2395)",
    },
    ValueRemoval {
        components: CLOUD,
        flag: "cloud-provider",
        list_item: false,
        value: "azure",
        removed: m(29),
        instead: "run the external cloud controller manager and set cloud-provider: external",
        source: "in-tree providers disabled by default in 1.29 (DisableCloudProviders on, PR #117503; v1.29 release blog) and their code removed in 1.31 (KEP-2395)",
    },
    ValueRemoval {
        components: CLOUD,
        flag: "cloud-provider",
        list_item: false,
        value: "vsphere",
        removed: m(29),
        instead: "run the external cloud controller manager and set cloud-provider: external",
        source: "in-tree providers disabled by default in 1.29 (DisableCloudProviders on, PR #117503; v1.29 release blog) and their code removed in 1.31 (KEP-2395)",
    },
];

/// What a flag or value means for one release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The component rejects it.
    Removed,
    /// Accepted, but does nothing.
    NoOp,
    /// Works for now; gone (or deprecated) in a later release.
    Later,
}

impl FlagRemoval {
    /// What the flag does at `version`, or `None` when nothing is known against it there.
    pub fn status(&self, version: &Version) -> Option<Status> {
        let minor = version.minor_line();
        if self.removed.is_some_and(|r| minor >= r) {
            return Some(Status::Removed);
        }
        if self.noop_since.is_some_and(|n| minor >= n) {
            return Some(Status::NoOp);
        }
        (self.removed.is_some() || self.deprecated.is_some()).then_some(Status::Later)
    }

    /// Deleting the flag changes nothing the component does at `version` (only asked for a flag
    /// that is removed or a no-op there): it had no effect before its removal, or `value` is the
    /// one value that never did anything.
    pub fn deletion_is_safe(&self, version: &Version, value: &str) -> bool {
        match self.status(version) {
            Some(Status::NoOp) => true,
            Some(Status::Removed) => {
                self.noop_since.is_some() || self.noop_value.is_some_and(|v| v == value)
            }
            _ => false,
        }
    }
}

/// The row for `flag` of `component`.
pub fn flag(component: Component, flag: &str) -> Option<&'static FlagRemoval> {
    FLAGS
        .iter()
        .find(|f| f.flag == flag && f.components.contains(&component))
}

/// The rows that match a flag's value.
pub fn values(component: Component, flag: &str, value: &str) -> Vec<&'static ValueRemoval> {
    VALUES
        .iter()
        .filter(|v| v.flag == flag && v.components.contains(&component))
        .filter(|v| {
            if v.list_item {
                value.split(',').any(|item| item.trim() == v.value)
            } else {
                value.trim().eq_ignore_ascii_case(v.value)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(minor: u32) -> Version {
        Version::new(1, minor, 0)
    }

    #[test]
    fn statuses_follow_the_release_notes() {
        let plugin = flag(Component::Kubelet, "network-plugin").unwrap();
        assert_eq!(plugin.status(&v(23)), Some(Status::Later));
        assert_eq!(plugin.status(&v(24)), Some(Status::Removed));
        assert!(plugin.deletion_is_safe(&v(24), "cni"));
        assert!(!plugin.deletion_is_safe(&v(24), "kubenet"));
        let port = flag(Component::ApiServer, "insecure-port").unwrap();
        assert_eq!(port.status(&v(21)), Some(Status::NoOp));
        // Before 1.20 "0" is what keeps the insecure port closed.
        assert!(!port.deletion_is_safe(&v(19), "0"));
        assert!(port.deletion_is_safe(&v(21), "0"));
        let sched = flag(Component::Scheduler, "port").unwrap();
        assert_eq!(sched.status(&v(23)), Some(Status::NoOp));
        assert_eq!(sched.status(&v(30)), Some(Status::Removed));
        assert!(flag(Component::Scheduler, "insecure-port").is_none());
        assert_eq!(
            flag(Component::Kubelet, "pod-infra-container-image")
                .unwrap()
                .status(&v(35)),
            Some(Status::Removed)
        );
        assert!(flag(Component::Etcd, "log-dir").is_none());
    }

    #[test]
    fn values_match_list_items_and_whole_values() {
        assert_eq!(
            values(
                Component::ApiServer,
                "enable-admission-plugins",
                "NodeRestriction,PodSecurityPolicy"
            )
            .len(),
            1
        );
        assert!(
            values(
                Component::ApiServer,
                "enable-admission-plugins",
                "PodSecurity"
            )
            .is_empty()
        );
        assert_eq!(
            values(Component::Kubelet, "cloud-provider", "aws")[0].removed,
            m(27)
        );
        assert!(values(Component::Kubelet, "cloud-provider", "external").is_empty());
    }
}
