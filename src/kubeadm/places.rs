//! Where settings live in each kind and API version, so rules ask for "the node registrations"
//! or "the pull policies" instead of walking YAML themselves.
//!
//! Only documents whose layout is known are returned: kubeadm.k8s.io v1beta1 and later (the
//! v1alpha layouts differ and are reported by the API version rule), and kubelet / kube-proxy
//! configurations of the versions kubeadm reads. Documents written without `---` between them
//! are skipped: which of their keys kubeadm keeps is another rule's finding.

use super::api::{ApiVersion, Kind, KubeadmVersion};
use super::config::{ConfigSet, KubeadmDocument};
use crate::yaml::Node;

/// A kubeadm document of v1beta1 or later, or a kubelet / kube-proxy configuration.
pub fn has_known_layout(doc: &KubeadmDocument) -> bool {
    if doc.is_run_together() || doc.kind.is_none() {
        return false;
    }
    match doc.api {
        ApiVersion::Kubeadm(version) => version >= KubeadmVersion::V1beta1,
        ApiVersion::KubeletV1beta1 => doc.is(Kind::KubeletConfiguration),
        ApiVersion::KubeProxyV1alpha1 => doc.is(Kind::KubeProxyConfiguration),
        ApiVersion::ComponentOther(_) => false,
    }
}

/// Documents of `kind` with a known layout.
pub fn documents<'c, 'a>(
    config: &'c ConfigSet<'a>,
    kind: Kind,
) -> impl Iterator<Item = &'c KubeadmDocument<'a>> {
    config.of_kind(kind).filter(|doc| has_known_layout(doc))
}

/// Whether the API version writes `extraArgs` / `kubeletExtraArgs` as `- name:`/`value:` lists.
pub fn uses_arg_lists(doc: &KubeadmDocument) -> bool {
    matches!(
        doc.api,
        ApiVersion::Kubeadm(KubeadmVersion::V1beta4 | KubeadmVersion::V1)
    )
}

/// A `nodeRegistration` block of an InitConfiguration or JoinConfiguration.
#[derive(Debug, Clone, Copy)]
pub struct NodeRegistration<'c, 'a> {
    pub doc: &'c KubeadmDocument<'a>,
    pub node: Node<'a>,
    /// Init, or a Join with a (non-null) `controlPlane`.
    pub control_plane: bool,
}

pub fn node_registrations<'c, 'a>(config: &'c ConfigSet<'a>) -> Vec<NodeRegistration<'c, 'a>> {
    documents(config, Kind::InitConfiguration)
        .chain(documents(config, Kind::JoinConfiguration))
        .filter_map(|doc| {
            let node = doc.get("nodeRegistration").filter(|n| n.is_mapping())?;
            Some(NodeRegistration {
                doc,
                node,
                control_plane: is_control_plane(doc),
            })
        })
        .collect()
}

/// An InitConfiguration, or a JoinConfiguration whose `controlPlane` is set (`controlPlane: {}`
/// counts; `controlPlane:` with nothing is null and joins a worker).
pub fn is_control_plane(doc: &KubeadmDocument) -> bool {
    doc.is(Kind::InitConfiguration)
        || (doc.is(Kind::JoinConfiguration)
            && doc.get("controlPlane").is_some_and(|n| !n.is_null()))
}

/// Every `ignorePreflightErrors` list: Init/Join `nodeRegistration`, ResetConfiguration, and
/// UpgradeConfiguration `apply`, `node` and `plan`.
pub fn ignore_preflight_lists<'a>(config: &ConfigSet<'a>) -> Vec<Node<'a>> {
    let mut lists = Vec::new();
    for registration in node_registrations(config) {
        if has_field(
            registration.doc,
            &["nodeRegistration", "ignorePreflightErrors"],
        ) {
            lists.extend(registration.node.get("ignorePreflightErrors"));
        }
    }
    for doc in documents(config, Kind::ResetConfiguration) {
        lists.extend(doc.get("ignorePreflightErrors"));
    }
    for doc in documents(config, Kind::UpgradeConfiguration) {
        for phase in ["apply", "node", "plan"] {
            lists.extend(doc.path(&[phase, "ignorePreflightErrors"]));
        }
    }
    lists.retain(|n| n.is_sequence());
    lists
}

/// The `certificatesDir` kubeadm will use: the ClusterConfiguration's, or its default.
pub fn certificates_dir<'a>(config: &ConfigSet<'a>) -> &'a str {
    documents(config, Kind::ClusterConfiguration)
        .find_map(|c| c.str_at(&["certificatesDir"]))
        .map_or(super::kubelet_defaults::CERTIFICATES_DIR, |s| s.value)
}

/// True when the source text of `node` holds template syntax (`{{ }}`, `${ }`…).
pub fn is_templated(config: &ConfigSet, node: Node) -> bool {
    config
        .text()
        .get(node.span().range())
        .is_some_and(super::validation::is_templated)
}

/// The masked form of a credential node (`abcdef…`), for messages: never the value in full.
pub fn masked(config: &ConfigSet, node: Node) -> String {
    if let Some(secret) = config
        .secrets()
        .into_iter()
        .find(|s| s.node.span() == node.span())
    {
        return secret.masked();
    }
    let visible: String = node.as_str().unwrap_or_default().chars().take(4).collect();
    format!("{visible}…")
}

/// Whether the document's kind and API version define the field at `path` (`[]` steps into
/// list items): kubeadm drops a field its version does not know before validating anything.
pub fn has_field(doc: &KubeadmDocument, path: &[&str]) -> bool {
    let Some(root) = doc
        .kind
        .and_then(|kind| super::schema::root_fields(doc.api, kind))
    else {
        return false;
    };
    let names: Vec<&str> = path.iter().copied().filter(|p| *p != "[]").collect();
    super::schema::field_at_path(root, &names).is_some()
}
