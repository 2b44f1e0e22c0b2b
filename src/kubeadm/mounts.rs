//! What the control-plane static Pods can see of the host: the hostPath volumes kubeadm always
//! mounts, the ones it mounts only when the directory exists on the node, and the flags that
//! take a file path. A component reading a file outside every mount exits with "no such file or
//! directory" and `kubeadm init` waits for it in vain.
//!
//! Source: `cmd/kubeadm/app/phases/controlplane/volumes.go` (`getHostPathVolumesForTheControlPlane`
//! and `caCertsExtraVolumePaths`; the stored version and facts 2, pitfalls rule 14): the API
//! server and the controller manager get `certificatesDir` and `/etc/ssl/certs`, plus `/etc/pki`,
//! `/etc/ca-certificates`, `/usr/share/ca-certificates` and `/usr/local/share/ca-certificates`
//! when they exist on the host; the API server also gets the directories of external etcd's
//! certificate files; the controller manager gets its kubeconfig and, up to 1.35, the flex-volume
//! directory (removed in 1.36, PR #136423); the scheduler gets its kubeconfig only.

use super::extra_args::Component;
use super::version::Minor;

/// The default `certificatesDir`.
pub const DEFAULT_CERTIFICATES_DIR: &str = "/etc/kubernetes/pki";

/// Mounted into the API server and the controller manager only when present on the host.
pub const DISTRO_CA_DIRS: [&str; 4] = [
    "/etc/pki",
    "/etc/ca-certificates",
    "/usr/share/ca-certificates",
    "/usr/local/share/ca-certificates",
];

/// The flex-volume directory kubeadm mounted into the controller manager, and the release that
/// stopped doing it.
pub const FLEX_VOLUME_DIR: &str = "/usr/libexec/kubernetes/kubelet-plugins/volume/exec";
pub const FLEX_VOLUME_MOUNT_REMOVED: Minor = Minor::new(1, 36);

/// Paths a component always sees (directories, or single files), given `certificatesDir`.
pub fn always_mounted(component: Component, certificates_dir: &str) -> Vec<String> {
    let mut paths = Vec::new();
    match component {
        Component::ApiServer => {
            paths.push(certificates_dir.to_string());
            paths.push("/etc/ssl/certs".to_string());
        }
        Component::ControllerManager => {
            paths.push(certificates_dir.to_string());
            paths.push("/etc/ssl/certs".to_string());
            paths.push("/etc/kubernetes/controller-manager.conf".to_string());
        }
        Component::Scheduler => paths.push("/etc/kubernetes/scheduler.conf".to_string()),
        Component::Etcd | Component::Kubelet => {}
    }
    paths
}

/// Whether `path` is `mount` or lies below it.
pub fn covers(mount: &str, path: &str) -> bool {
    let mount = mount.trim_end_matches('/');
    !mount.is_empty()
        && (path == mount
            || path
                .strip_prefix(mount)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// How a flag uses its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads a file.
    ReadFile,
    /// Writes a file (its directory must be mounted writable).
    WriteFile,
    /// Uses a directory, read and write.
    Directory,
}

/// Flags of the control-plane components that take a host path.
pub const FILE_FLAGS: &[(Component, &str, Access)] = &[
    (
        Component::ApiServer,
        "encryption-provider-config",
        Access::ReadFile,
    ),
    (Component::ApiServer, "audit-policy-file", Access::ReadFile),
    (Component::ApiServer, "audit-log-path", Access::WriteFile),
    (
        Component::ApiServer,
        "audit-webhook-config-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "admission-control-config-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "authentication-config",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "authorization-config",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "authentication-token-webhook-config-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "authorization-webhook-config-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "authorization-policy-file",
        Access::ReadFile,
    ),
    (Component::ApiServer, "oidc-ca-file", Access::ReadFile),
    (
        Component::ApiServer,
        "tracing-config-file",
        Access::ReadFile,
    ),
    (Component::ApiServer, "token-auth-file", Access::ReadFile),
    (
        Component::ApiServer,
        "egress-selector-config-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "service-account-key-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "service-account-signing-key-file",
        Access::ReadFile,
    ),
    (Component::ApiServer, "client-ca-file", Access::ReadFile),
    (Component::ApiServer, "tls-cert-file", Access::ReadFile),
    (
        Component::ApiServer,
        "tls-private-key-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "kubelet-client-certificate",
        Access::ReadFile,
    ),
    (Component::ApiServer, "kubelet-client-key", Access::ReadFile),
    (
        Component::ApiServer,
        "kubelet-certificate-authority",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "requestheader-client-ca-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "proxy-client-cert-file",
        Access::ReadFile,
    ),
    (
        Component::ApiServer,
        "proxy-client-key-file",
        Access::ReadFile,
    ),
    (Component::ApiServer, "etcd-cafile", Access::ReadFile),
    (Component::ApiServer, "etcd-certfile", Access::ReadFile),
    (Component::ApiServer, "etcd-keyfile", Access::ReadFile),
    (Component::ApiServer, "cloud-config", Access::ReadFile),
    (
        Component::ControllerManager,
        "cluster-signing-cert-file",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "cluster-signing-key-file",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "root-ca-file",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "service-account-private-key-file",
        Access::ReadFile,
    ),
    (Component::ControllerManager, "kubeconfig", Access::ReadFile),
    (
        Component::ControllerManager,
        "authentication-kubeconfig",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "authorization-kubeconfig",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "client-ca-file",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "requestheader-client-ca-file",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "tls-cert-file",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "tls-private-key-file",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "cloud-config",
        Access::ReadFile,
    ),
    (
        Component::ControllerManager,
        "flex-volume-plugin-dir",
        Access::Directory,
    ),
    (Component::Scheduler, "config", Access::ReadFile),
    (Component::Scheduler, "kubeconfig", Access::ReadFile),
    (
        Component::Scheduler,
        "authentication-kubeconfig",
        Access::ReadFile,
    ),
    (
        Component::Scheduler,
        "authorization-kubeconfig",
        Access::ReadFile,
    ),
    (Component::Scheduler, "tls-cert-file", Access::ReadFile),
    (
        Component::Scheduler,
        "tls-private-key-file",
        Access::ReadFile,
    ),
];

/// How `component` uses the path given to `flag`, if it is a path flag.
pub fn file_flag(component: Component, flag: &str) -> Option<Access> {
    FILE_FLAGS
        .iter()
        .find(|(c, f, _)| *c == component && *f == flag)
        .map(|(_, _, access)| *access)
}

/// The directory to mount for a path: the path itself for a directory flag, else its parent.
pub fn directory_for(path: &str, access: Access) -> String {
    if access == Access::Directory {
        return path.trim_end_matches('/').to_string();
    }
    match path.rsplit_once('/') {
        Some(("", _)) | None => "/".to_string(),
        Some((dir, _)) => dir.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_by_path_prefix() {
        assert!(covers(
            "/etc/kubernetes/pki",
            "/etc/kubernetes/pki/encryption.yaml"
        ));
        assert!(covers("/etc/kubernetes/pki/", "/etc/kubernetes/pki/a/b"));
        assert!(!covers(
            "/etc/kubernetes/pki",
            "/etc/kubernetes/pki-extra/x"
        ));
        assert!(covers(
            "/etc/kubernetes/scheduler.conf",
            "/etc/kubernetes/scheduler.conf"
        ));
        assert_eq!(
            directory_for("/var/log/kubernetes/audit.log", Access::WriteFile),
            "/var/log/kubernetes"
        );
        assert_eq!(directory_for("/x", Access::ReadFile), "/");
        assert_eq!(
            file_flag(Component::ApiServer, "audit-log-path"),
            Some(Access::WriteFile)
        );
        assert_eq!(file_flag(Component::Scheduler, "audit-log-path"), None);
    }
}
