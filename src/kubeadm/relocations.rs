//! Fields that moved or disappeared between kubeadm API versions. In the newer version the old
//! key is unknown: kubeadm only prints a strict-decoding warning and drops it with its value, so
//! the setting silently stops working after an apiVersion bump.
//!
//! Both relocated-or-removed-field (which explains the move) and unknown-or-miscased-field (which
//! leaves these keys to it) read this table. Sources: `v1beta4/doc.go` and the migrate mutators in
//! `cmd/kubeadm/app/util/config/common.go` (timeouts, facts 2.4 and 7.1), kubernetes/kubeadm#2398
//! and PR #101547 (`dns.type`), PR #101537 (`useHyperKubeImage`), and the v1alpha2/v1alpha3 →
//! v1beta1 field moves (`v1alpha3/conversion.go`, kubernetes/kubeadm#1045, #1066, #1828).

use super::api::{ApiVersion, Kind, KubeadmVersion};

/// Where the setting lives now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// A field of this document (`kind: None`) or of other documents of the file.
    Field {
        kinds: &'static [Kind],
        path: &'static str,
    },
    /// A document of its own.
    Document(Kind),
    /// Gone: what to do instead.
    Gone(&'static str),
}

/// How much is lost when kubeadm drops the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Loss {
    /// Nothing that matters (the only value it could hold is kubeadm's behaviour anyway).
    Nothing,
    /// A setting: kubeadm uses its default instead.
    Setting,
    /// What kind of node or cluster kubeadm builds (etcd topology, discovery).
    Topology,
}

#[derive(Debug, Clone, Copy)]
pub struct Relocation {
    pub kinds: &'static [Kind],
    /// The first kubeadm API version without the key; it stays unknown in every later one.
    pub from: KubeadmVersion,
    /// Dotted path from the document root; the last part is the key.
    pub path: &'static str,
    pub to: Destination,
    pub loss: Loss,
    pub source: &'static str,
}

/// kubeadm's default for `timeouts.controlPlaneComponentHealthCheck` (and, before v1beta4,
/// `apiServer.timeoutForControlPlane`): 4 minutes (cmd/kubeadm/app/constants/constants.go).
pub const CONTROL_PLANE_HEALTH_CHECK_DEFAULT_SECONDS: f64 = 240.0;

const CLUSTER: &[Kind] = &[Kind::ClusterConfiguration];
const INIT: &[Kind] = &[Kind::InitConfiguration];
const JOIN: &[Kind] = &[Kind::JoinConfiguration];
const INIT_JOIN: &[Kind] = &[Kind::InitConfiguration, Kind::JoinConfiguration];

const fn field(kinds: &'static [Kind], path: &'static str) -> Destination {
    Destination::Field { kinds, path }
}

const LEGACY: &str = "moved when v1alpha3 split MasterConfiguration (v1beta1, kubeadm 1.13)";

/// Every relocation, newest API change first.
pub const RELOCATIONS: &[Relocation] = &[
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta4,
        path: "apiServer.timeoutForControlPlane",
        to: field(INIT_JOIN, "timeouts.controlPlaneComponentHealthCheck"),
        loss: Loss::Setting,
        source: "v1beta4 moved it to timeouts (v1beta4/doc.go; `kubeadm config migrate` copies it, PR #122529)",
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta4,
        path: "discovery.timeout",
        to: field(JOIN, "timeouts.discovery"),
        loss: Loss::Setting,
        source: "v1beta4 moved it to timeouts (v1beta4/doc.go; `kubeadm config migrate` copies it, PR #122529)",
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta3,
        path: "dns.type",
        to: Destination::Gone(
            "kubeadm deploys only CoreDNS (kube-dns support was removed in 1.21, PR #99646)",
        ),
        loss: Loss::Nothing,
        source: "removed in v1beta3 (kubernetes/kubeadm#2398, PR #101547)",
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta3,
        path: "useHyperKubeImage",
        to: Destination::Gone(
            "kubeadm pulls one image per component; the hyperkube image is no longer published",
        ),
        loss: Loss::Nothing,
        source: "removed in v1beta3 (PR #101537)",
    },
    // MasterConfiguration / NodeConfiguration keys written into v1beta1+ documents.
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "api",
        to: Destination::Gone(
            "split into InitConfiguration.localAPIEndpoint (advertiseAddress, bindPort) and ClusterConfiguration.controlPlaneEndpoint",
        ),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "apiServerExtraArgs",
        to: field(CLUSTER, "apiServer.extraArgs"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "controllerManagerExtraArgs",
        to: field(CLUSTER, "controllerManager.extraArgs"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "schedulerExtraArgs",
        to: field(CLUSTER, "scheduler.extraArgs"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "apiServerExtraVolumes",
        to: field(CLUSTER, "apiServer.extraVolumes"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "controllerManagerExtraVolumes",
        to: field(CLUSTER, "controllerManager.extraVolumes"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "schedulerExtraVolumes",
        to: field(CLUSTER, "scheduler.extraVolumes"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "apiServerCertSANs",
        to: field(CLUSTER, "apiServer.certSANs"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "kubeProxy",
        to: Destination::Document(Kind::KubeProxyConfiguration),
        loss: Loss::Setting,
        source: "component configs became their own documents (kubernetes/kubeadm#1828)",
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "kubeletConfiguration",
        to: Destination::Document(Kind::KubeletConfiguration),
        loss: Loss::Setting,
        source: "component configs became their own documents (kubernetes/kubeadm#1828)",
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "auditPolicy",
        to: Destination::Gone(
            "set audit-policy-file and audit-log-path in apiServer.extraArgs and mount them with apiServer.extraVolumes",
        ),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "unifiedControlPlaneImage",
        to: Destination::Gone("kubeadm pulls one image per component"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "cloudProvider",
        to: Destination::Gone(
            "set cloud-provider in apiServer.extraArgs, controllerManager.extraArgs and nodeRegistration.kubeletExtraArgs",
        ),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "authorizationModes",
        to: Destination::Gone("set authorization-mode in apiServer.extraArgs"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "privilegedPods",
        to: Destination::Gone("privileged pods are allowed by default"),
        loss: Loss::Nothing,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.endpoints",
        to: field(CLUSTER, "etcd.external.endpoints"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.caFile",
        to: field(CLUSTER, "etcd.external.caFile"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.certFile",
        to: field(CLUSTER, "etcd.external.certFile"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.keyFile",
        to: field(CLUSTER, "etcd.external.keyFile"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.dataDir",
        to: field(CLUSTER, "etcd.local.dataDir"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.image",
        to: Destination::Gone("set etcd.local.imageRepository and etcd.local.imageTag"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.extraArgs",
        to: field(CLUSTER, "etcd.local.extraArgs"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.serverCertSANs",
        to: field(CLUSTER, "etcd.local.serverCertSANs"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: CLUSTER,
        from: KubeadmVersion::V1beta1,
        path: "etcd.peerCertSANs",
        to: field(CLUSTER, "etcd.local.peerCertSANs"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: INIT_JOIN,
        from: KubeadmVersion::V1beta1,
        path: "nodeName",
        to: field(INIT_JOIN, "nodeRegistration.name"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: INIT_JOIN,
        from: KubeadmVersion::V1beta1,
        path: "criSocket",
        to: field(INIT_JOIN, "nodeRegistration.criSocket"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: INIT,
        from: KubeadmVersion::V1beta1,
        path: "token",
        to: field(INIT, "bootstrapTokens[].token"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: INIT,
        from: KubeadmVersion::V1beta1,
        path: "tokenTTL",
        to: field(INIT, "bootstrapTokens[].ttl"),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: INIT,
        from: KubeadmVersion::V1beta1,
        path: "noTaintMaster",
        to: Destination::Gone(
            "set nodeRegistration.taints: [] to schedule workloads on the control plane",
        ),
        loss: Loss::Setting,
        source: LEGACY,
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta1,
        path: "token",
        to: field(JOIN, "discovery.bootstrapToken.token"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta1,
        path: "discoveryToken",
        to: field(JOIN, "discovery.bootstrapToken.token"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta1,
        path: "discoveryTokenAPIServers",
        to: field(JOIN, "discovery.bootstrapToken.apiServerEndpoint"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta1,
        path: "discoveryTokenCACertHashes",
        to: field(JOIN, "discovery.bootstrapToken.caCertHashes"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta1,
        path: "discoveryTokenUnsafeSkipCAVerification",
        to: field(JOIN, "discovery.bootstrapToken.unsafeSkipCAVerification"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta1,
        path: "discoveryFile",
        to: field(JOIN, "discovery.file.kubeConfigPath"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta1,
        path: "tlsBootstrapToken",
        to: field(JOIN, "discovery.tlsBootstrapToken"),
        loss: Loss::Topology,
        source: LEGACY,
    },
    Relocation {
        kinds: JOIN,
        from: KubeadmVersion::V1beta1,
        path: "apiEndpoint",
        to: field(JOIN, "controlPlane.localAPIEndpoint"),
        loss: Loss::Topology,
        source: LEGACY,
    },
];

/// The relocation that explains `path` (dotted) in a document of `api`/`kind`, if any.
pub fn find(api: ApiVersion, kind: Kind, path: &str) -> Option<&'static Relocation> {
    let ApiVersion::Kubeadm(version) = api else {
        return None;
    };
    RELOCATIONS
        .iter()
        .find(|r| r.path == path && version >= r.from && r.kinds.contains(&kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_from_the_api_version_that_dropped_the_key() {
        let v3 = ApiVersion::Kubeadm(KubeadmVersion::V1beta3);
        let v4 = ApiVersion::Kubeadm(KubeadmVersion::V1beta4);
        let cluster = Kind::ClusterConfiguration;
        assert!(find(v3, cluster, "apiServer.timeoutForControlPlane").is_none());
        assert!(find(v4, cluster, "apiServer.timeoutForControlPlane").is_some());
        assert!(find(v3, cluster, "dns.type").is_some());
        let v2 = ApiVersion::Kubeadm(KubeadmVersion::V1beta2);
        assert!(find(v2, cluster, "dns.type").is_none());
        assert!(find(v4, Kind::JoinConfiguration, "token").is_some());
        assert!(find(v4, Kind::InitConfiguration, "discovery.timeout").is_none());
        assert!(find(ApiVersion::KubeletV1beta1, cluster, "dns.type").is_none());
    }

    #[test]
    fn no_relocated_key_is_a_field_where_the_row_applies() {
        use crate::kubeadm::schema;
        for row in RELOCATIONS {
            let parts: Vec<&str> = row.path.split('.').collect();
            for version in KubeadmVersion::ALL.into_iter().filter(|v| *v >= row.from) {
                for kind in row.kinds {
                    let Some(root) = schema::root_fields(ApiVersion::Kubeadm(version), *kind)
                    else {
                        continue;
                    };
                    assert!(
                        schema::field_at_path(root, &parts).is_none(),
                        "{} is a field of {kind:?} in {version:?}",
                        row.path
                    );
                }
            }
        }
        // And the moves point at fields that exist.
        let v4 = ApiVersion::Kubeadm(KubeadmVersion::V1beta4);
        let init = schema::root_fields(v4, Kind::InitConfiguration).unwrap();
        assert!(
            schema::field_at_path(init, &["timeouts", "controlPlaneComponentHealthCheck"])
                .is_some()
        );
        let join = schema::root_fields(v4, Kind::JoinConfiguration).unwrap();
        assert!(schema::field_at_path(join, &["timeouts", "discovery"]).is_some());
        let v2 = ApiVersion::Kubeadm(KubeadmVersion::V1beta2);
        let cluster = schema::root_fields(v2, Kind::ClusterConfiguration).unwrap();
        assert!(schema::field_at_path(cluster, &["dns", "type"]).is_some());
        assert!(schema::field_at_path(cluster, &["useHyperKubeImage"]).is_some());
    }
}
