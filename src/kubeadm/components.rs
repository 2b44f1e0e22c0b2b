//! What kubeadm and the kubelet/kube-proxy do with a few settings, by release.
//!
//! Sources: facts 2.5 (kubeadm writes `cgroupDriver: systemd` when it is empty,
//! `cmd/kubeadm/app/componentconfigs/kubelet.go`; release note of PR #99471 for 1.21), 11.6
//! (`failCgroupV1`, PRs #134298 and #134744; IPVS deprecation, PRs #134539 and #139067;
//! `mode` defaulting, PR #139777).

use super::version::Minor;

/// The cgroup drivers the kubelet accepts.
pub const CGROUP_DRIVERS: [&str; 2] = ["systemd", "cgroupfs"];

/// From this kubeadm release `init` writes `cgroupDriver: systemd` when the KubeletConfiguration
/// leaves it empty (PR #99471; `upgrade` followed in 1.22). Before, the kubelet's own default
/// applied: `cgroupfs`.
pub const KUBEADM_DEFAULTS_SYSTEMD: Minor = Minor::new(1, 21);

/// The cgroup driver a node gets when nothing sets it.
pub fn default_cgroup_driver(kubeadm: Minor) -> &'static str {
    if kubeadm >= KUBEADM_DEFAULTS_SYSTEMD {
        "systemd"
    } else {
        "cgroupfs"
    }
}

/// From this release the kubelet refuses cgroup v1 by default (`failCgroupV1: true`, PR
/// #134298), and kubeadm's SystemVerification preflight check fails on cgroup v1 hosts
/// (PR #134744): `failCgroupV1: false` alone no longer gets a node through `init`/`join`.
pub const CGROUP_V1_REFUSED: Minor = Minor::new(1, 35);

/// The preflight check that refuses cgroup v1, as named in `ignorePreflightErrors`.
pub const SYSTEM_VERIFICATION: &str = "SystemVerification";

/// kube-proxy's IPVS mode is deprecated from this release (PR #134539)…
pub const IPVS_DEPRECATED: Minor = Minor::new(1, 35);
/// …and kubeadm warns about it from this one (PR #139067), the release that also writes
/// `mode: iptables` when the mode is empty (PR #139777).
pub const KUBEADM_WARNS_IPVS: Minor = Minor::new(1, 37);
/// The kubeadm release that fills an empty `KubeProxyConfiguration.mode` with `iptables`.
pub const KUBEADM_DEFAULTS_PROXY_MODE: Minor = Minor::new(1, 37);
/// nftables mode is generally available from this release (facts 11.6).
pub const NFTABLES_GA: Minor = Minor::new(1, 33);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_change_at_the_documented_releases() {
        assert_eq!(default_cgroup_driver(Minor::new(1, 20)), "cgroupfs");
        assert_eq!(default_cgroup_driver(Minor::new(1, 21)), "systemd");
        assert!(CGROUP_DRIVERS.contains(&"systemd"));
    }
}
