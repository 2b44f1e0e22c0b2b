//! The KubeletConfiguration values kubeadm sets, forces or warns about, and the per-node
//! settings a shared KubeletConfiguration should not carry.
//!
//! Source: `cmd/kubeadm/app/componentconfigs/kubelet.go` (`kubeletConfig.Default`): kubeadm fills
//! each of these when empty and prints `The recommended value for "<field>" in
//! "KubeletConfiguration" is: <v>; the provided value is: <v>` when the user's value differs;
//! `rotateCertificates` is set to true unconditionally. Static Pod manifests are always written
//! to `/etc/kubernetes/manifests` (`constants.GetStaticPodDirectory`), whatever the kubelet reads.

/// Where kubeadm writes the control-plane static Pod manifests.
pub const STATIC_POD_PATH: &str = "/etc/kubernetes/manifests";

/// The kubelet health endpoint kubeadm polls during `init` and `join` ("[kubelet-check]").
pub const HEALTHZ_BIND_ADDRESS: &str = "127.0.0.1";
pub const HEALTHZ_PORT: i64 = 10248;

/// The default `certificatesDir`, whose `ca.crt` is the kubelet's client CA.
pub const CERTIFICATES_DIR: &str = "/etc/kubernetes/pki";

/// KubeletConfiguration fields whose value differs from node to node, with the kubelet flag
/// that sets them for one node only (through `nodeRegistration.kubeletExtraArgs`).
pub const PER_NODE_FIELDS: [(&str, &str); 5] = [
    ("address", "address"),
    ("healthzBindAddress", "healthz-bind-address"),
    ("providerID", "provider-id"),
    ("tlsCertFile", "tls-cert-file"),
    ("tlsPrivateKeyFile", "tls-private-key-file"),
];
