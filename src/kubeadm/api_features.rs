//! Fields and values of kubeadm.k8s.io/v1beta4 that arrived after the API version itself, so a
//! file that uses them needs a kubeadm at least that new. An older kubeadm drops an unknown field
//! with a strict-decoding warning, and refuses an unknown value in validation.
//!
//! Sources: facts 11.5 and 11.7 (`etcd.external.httpEndpoints`, PR #134890;
//! `UpgradeConfiguration.plan.etcdUpgrade`, the v1beta4 changelog on kubernetes.io;
//! `encryptionAlgorithm` values, PRs #131677 and #142037; the v1beta4 set at GA,
//! `ValidateEncryptionAlgorithm` in `cmd/kubeadm/app/apis/kubeadm/validation/validation.go`).

use super::api::Kind;
use super::version::Minor;

const fn m(minor: u32) -> Minor {
    Minor::new(1, minor)
}

/// A field that a later kubeadm release added to an existing API version.
#[derive(Debug, Clone, Copy)]
pub struct FieldAddition {
    pub kind: Kind,
    /// Dotted path from the document root.
    pub path: &'static str,
    pub since: Minor,
    pub source: &'static str,
}

pub const FIELDS: &[FieldAddition] = &[
    FieldAddition {
        kind: Kind::ClusterConfiguration,
        path: "etcd.external.httpEndpoints",
        since: m(35),
        source: "added in 1.35 (PR #134890)",
    },
    FieldAddition {
        kind: Kind::UpgradeConfiguration,
        path: "plan.etcdUpgrade",
        since: m(33),
        source: "added in 1.33 (kubeadm-config.v1beta4 changelog)",
    },
];

/// The field addition for `path` of `kind`.
pub fn field(kind: Kind, path: &str) -> Option<&'static FieldAddition> {
    FIELDS.iter().find(|f| f.kind == kind && f.path == path)
}

/// `ClusterConfiguration.encryptionAlgorithm` values, with the first kubeadm release that
/// accepts each.
pub const ENCRYPTION_ALGORITHMS: &[(&str, Minor, &str)] = &[
    ("RSA-2048", m(31), "v1beta4 (1.31)"),
    ("RSA-3072", m(31), "v1beta4 (1.31)"),
    ("RSA-4096", m(31), "v1beta4 (1.31)"),
    ("ECDSA-P256", m(31), "v1beta4 (1.31)"),
    ("ECDSA-P384", m(34), "PR #131677 (1.34)"),
    ("ML-DSA-44", m(38), "PR #142037 (1.38)"),
    ("ML-DSA-65", m(38), "PR #142037 (1.38)"),
    ("ML-DSA-87", m(38), "PR #142037 (1.38)"),
];

/// The encryption algorithms kubeadm `release` accepts.
pub fn encryption_algorithms(release: Minor) -> Vec<&'static str> {
    ENCRYPTION_ALGORITHMS
        .iter()
        .filter(|(_, since, _)| release >= *since)
        .map(|(name, _, _)| *name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_fields_exist_in_v1beta4() {
        use crate::kubeadm::api::{ApiVersion, KubeadmVersion};
        use crate::kubeadm::schema;
        for addition in FIELDS {
            let root =
                schema::root_fields(ApiVersion::Kubeadm(KubeadmVersion::V1beta4), addition.kind)
                    .unwrap();
            let parts: Vec<&str> = addition.path.split('.').collect();
            assert!(
                schema::field_at_path(root, &parts).is_some(),
                "{}",
                addition.path
            );
        }
    }

    #[test]
    fn values_per_release() {
        assert_eq!(encryption_algorithms(m(33)).len(), 4);
        assert!(encryption_algorithms(m(34)).contains(&"ECDSA-P384"));
        assert!(!encryption_algorithms(m(37)).contains(&"ML-DSA-44"));
        assert!(encryption_algorithms(m(38)).contains(&"ML-DSA-65"));
        assert_eq!(
            field(Kind::UpgradeConfiguration, "plan.etcdUpgrade").map(|f| f.since),
            Some(m(33))
        );
    }
}
