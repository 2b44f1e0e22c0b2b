//! Container runtime sockets as kubeadm handles them (`nodeRegistration.criSocket`,
//! `ResetConfiguration.criSocket`).
//!
//! kubeadm validates the socket after defaulting (`ValidateSocketPath`,
//! `cmd/kubeadm/app/apis/kubeadm/validation/validation.go`): only the `unix` scheme on Linux and
//! `npipe` on Windows; a path without a scheme gets `unix://` prepended with the warning "Usage of
//! CRI endpoints without URL scheme is deprecated and can cause kubelet errors in the future"
//! (since 1.24, PR #107295). Known sockets: `cmd/kubeadm/app/constants/constants_unix.go`
//! (facts 6.2). The kubelet lost dockershim in 1.24 (PR #106907): its socket then answers only if
//! cri-dockerd provides it (kubeadm handles that case since 1.24, PR #106973).

use crate::yaml::Node;

use super::api::Kind;
use super::config::ConfigSet;
use super::version::Minor;

/// Every criSocket value of the file, with its field path: InitConfiguration and
/// JoinConfiguration `nodeRegistration.criSocket`, ResetConfiguration `criSocket`, and a
/// KubeletConfiguration's `containerRuntimeEndpoint`. Nulls and empty strings (detection) are
/// left out. Documents written without `---` between them (one mapping whose later `kind` wins)
/// are searched for `nodeRegistration.criSocket` whatever their last kind: the value applies as
/// soon as the separators are added.
pub fn sockets<'a>(config: &ConfigSet<'a>) -> Vec<(&'static str, Node<'a>)> {
    let mut found = Vec::new();
    for doc in &config.documents {
        let kind = if doc.is_run_together() {
            Some(Kind::InitConfiguration)
        } else {
            doc.kind
        };
        let (path, field): (&[&str], &'static str) = match kind {
            Some(Kind::InitConfiguration | Kind::JoinConfiguration) => (
                &["nodeRegistration", "criSocket"],
                "nodeRegistration.criSocket",
            ),
            Some(Kind::ResetConfiguration) => (&["criSocket"], "criSocket"),
            Some(Kind::KubeletConfiguration) => {
                (&["containerRuntimeEndpoint"], "containerRuntimeEndpoint")
            }
            _ => continue,
        };
        if let Some(value) = doc.str_at(path) {
            found.push((field, value.node));
        }
    }
    found
}

/// The kubelet release without the built-in dockershim.
pub const DOCKERSHIM_REMOVED: Minor = Minor::new(1, 24);

/// cri-dockerd's socket, the replacement for dockershim.
pub const CRI_DOCKERD_UNIX: &str = "unix:///var/run/cri-dockerd.sock";
pub const CRI_DOCKERD_NPIPE: &str = "npipe:////./pipe/cri-dockerd";

/// What a socket value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Socket {
    /// `unix:///abs/path` or `npipe:////./pipe/name`.
    Valid,
    /// An absolute path without a scheme: kubeadm prepends the scheme and warns. Holds the
    /// value with the scheme.
    NoScheme(String),
    /// `unix://var/run/x.sock`: two slashes, so the URL's host swallows the first directory.
    /// Holds the intended value.
    HostInPath(String),
    /// A scheme kubeadm refuses (`tcp`, `http`, …).
    WrongScheme(String),
    /// Not an absolute path.
    Relative,
}

/// Classifies a criSocket value (non-empty; an empty value means "detect").
pub fn classify(value: &str) -> Socket {
    if let Some((scheme, rest)) = value.split_once("://") {
        return match scheme {
            "unix" if rest.starts_with('/') => Socket::Valid,
            "unix" => Socket::HostInPath(format!("unix:///{rest}")),
            "npipe" => Socket::Valid,
            other => Socket::WrongScheme(other.to_string()),
        };
    }
    if value.starts_with("//./pipe/") {
        Socket::NoScheme(format!("npipe://{value}"))
    } else if value.starts_with('/') {
        Socket::NoScheme(format!("unix://{value}"))
    } else {
        Socket::Relative
    }
}

/// True for dockershim's socket, with or without a scheme.
pub fn is_dockershim(value: &str) -> bool {
    let path = value
        .strip_prefix("unix://")
        .or_else(|| value.strip_prefix("npipe:"))
        .unwrap_or(value);
    path.ends_with("/dockershim.sock") || path.ends_with("pipe/dockershim")
}

/// The cri-dockerd socket in the same style (Unix or Windows) as `dockershim`.
pub fn cri_dockerd_for(dockershim: &str) -> &'static str {
    if dockershim.contains("pipe/") {
        CRI_DOCKERD_NPIPE
    } else {
        CRI_DOCKERD_UNIX
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_like_kubeadm() {
        assert_eq!(
            classify("unix:///run/containerd/containerd.sock"),
            Socket::Valid
        );
        assert_eq!(
            classify("npipe:////./pipe/containerd-containerd"),
            Socket::Valid
        );
        assert_eq!(
            classify("/var/run/crio/crio.sock"),
            Socket::NoScheme("unix:///var/run/crio/crio.sock".into())
        );
        assert_eq!(
            classify("//./pipe/dockershim"),
            Socket::NoScheme("npipe:////./pipe/dockershim".into())
        );
        assert_eq!(
            classify("unix://var/run/containerd/containerd.sock"),
            Socket::HostInPath("unix:///var/run/containerd/containerd.sock".into())
        );
        assert_eq!(
            classify("tcp://10.0.0.1:2376"),
            Socket::WrongScheme("tcp".into())
        );
        assert_eq!(classify("containerd.sock"), Socket::Relative);
        assert!(is_dockershim("/var/run/dockershim.sock"));
        assert!(is_dockershim("unix:///var/run/dockershim.sock"));
        assert!(is_dockershim("npipe:////./pipe/dockershim"));
        assert!(!is_dockershim("unix:///var/run/cri-dockerd.sock"));
        assert_eq!(
            cri_dockerd_for("/var/run/dockershim.sock"),
            CRI_DOCKERD_UNIX
        );
    }
}
