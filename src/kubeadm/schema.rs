//! Field schemas of every document kind kubeadm reads, per API version, as static data.
//!
//! Each `Object` lists its fields with the JSON names of the Go `json:"..."` tags, in the Go
//! struct's field order (embedded `json:",inline"` structs are flattened in place), so a fixer
//! can insert a missing key where kubeadm itself would print it.
//!
//! Sources (Go types in `kubernetes/kubernetes`, read through the stored index; the commit is the
//! one the index attached to the version read):
//! - `cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go`: an early snapshot @ `017b1e4b60ca54b08b5f18a10f109ff969c697e5`
//!   and a ≈1.31 copy of the released file (mirrored in `tengqm/kubeconfig`); the 1.33 field
//!   `UpgradeConfiguration.plan.etcdUpgrade` and the 1.35 field `etcd.external.httpEndpoints`
//!   (PR #134890) with their positions from the generated reference
//!   `kubernetes/website:content/uk/docs/reference/config-api/kubeadm-config.v1beta4.md`
//!   @ `66a4805a22e9d967cfdea8fbc10abb131806cac8` (generated for 1.35).
//! - `cmd/kubeadm/app/apis/kubeadm/v1beta3/types.go` @ `008b3652959ca58af8be3fb5b6ecfe9ae7638282`.
//! - `cmd/kubeadm/app/apis/kubeadm/v1beta2/types.go` @ `046d201c45cebd19eb1fc4612426761c64802825`.
//! - `cmd/kubeadm/app/apis/kubeadm/v1beta1/types.go` @ `054d429d9f8bc8de4fc82e6cf2281e12a13fe1f2`.
//! - `cmd/kubeadm/app/apis/bootstraptoken/v1` (BootstrapToken), `k8s.io/api/core/v1` (Taint,
//!   EnvVar), `k8s.io/component-base` (ClientConnectionConfiguration, TracingConfiguration).
//! - `staging/src/k8s.io/kubelet/config/v1beta1/types.go` @ `001332b0422071acf4860769f18e34b5e9b7c1bc`
//!   (≈1.36: has `memoryReservationPolicy`), plus fields announced for 1.37/1.38 in PRs #140052
//!   (`defaultPodSysctls`) and #142046 (`clientCertificateKeyAlgorithm`,
//!   `serverCertificateKeyAlgorithm`); the positions of those three are not confirmed.
//! - `staging/src/k8s.io/kube-proxy/config/v1alpha1/types.go` @ `052d2d84f95e90aa94868b51a48b1ae7a1c91152`
//!   (≈1.38), plus `udpIdleTimeout`, which older releases (userspace mode, up to ≈1.25) had
//!   right after `portRange`.
//!
//! Component configs list every field any release from 1.20 on has had: the unknown-field rule
//! must not flag a field some supported kubelet or kube-proxy still reads. `kubeadm.k8s.io/v1`
//! (1.37+ placeholder) is a copy of v1beta4. Versions older than v1beta1 return `None`: another
//! rule reports them.

use super::api::{ApiVersion, Kind, KubeadmVersion};

/// The kind of value a field holds, as kubeadm's decoder (sigs.k8s.io/yaml -> encoding/json into
/// Go types) sees it.
#[derive(Debug, Clone, Copy)]
pub enum ValueKind {
    String,
    Bool,
    Int,
    Float,
    /// Go time.Duration / metav1.Duration written as a string: "4m0s", "24h".
    Duration,
    /// metav1.Time, an RFC 3339 string.
    Time,
    /// resource.Quantity or intstr.IntOrString: a string or a number.
    IntOrString,
    /// Not checked below this point (free-form, e.g. a raw object).
    Any,
    /// A list whose items are of the given kind.
    List(&'static ValueKind),
    /// A map with free keys whose values are of the given kind (extraArgs in v1beta3,
    /// featureGates, evictionHard…).
    Map(&'static ValueKind),
    /// A struct with known fields, in the Go struct's field order.
    Object(&'static [Field]),
}

impl ValueKind {
    /// The fields of an object, or of the items of a list of objects.
    pub fn fields(&self) -> Option<&'static [Field]> {
        match *self {
            ValueKind::Object(fields) => Some(fields),
            ValueKind::List(item) => item.fields(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The JSON name, exactly as in the Go `json:"..."` tag.
    pub name: &'static str,
    pub kind: ValueKind,
}

/// Root fields of a document (excluding `apiVersion` and `kind`, which every document has), or
/// None when that kind does not exist in that API version.
pub fn root_fields(api: ApiVersion, kind: Kind) -> Option<&'static [Field]> {
    use KubeadmVersion as V;
    match (api, kind) {
        (ApiVersion::KubeletV1beta1, Kind::KubeletConfiguration) => Some(KUBELET_CONFIGURATION),
        (ApiVersion::KubeProxyV1alpha1, Kind::KubeProxyConfiguration) => {
            Some(KUBE_PROXY_CONFIGURATION)
        }
        (ApiVersion::Kubeadm(version), kind) => match (version, kind) {
            (V::V1beta4 | V::V1, Kind::InitConfiguration) => Some(v1beta4::INIT),
            (V::V1beta4 | V::V1, Kind::ClusterConfiguration) => Some(v1beta4::CLUSTER),
            (V::V1beta4 | V::V1, Kind::JoinConfiguration) => Some(v1beta4::JOIN),
            (V::V1beta4 | V::V1, Kind::ResetConfiguration) => Some(v1beta4::RESET),
            (V::V1beta4 | V::V1, Kind::UpgradeConfiguration) => Some(v1beta4::UPGRADE),
            (V::V1beta3, Kind::InitConfiguration) => Some(v1beta3::INIT),
            (V::V1beta3, Kind::ClusterConfiguration) => Some(v1beta3::CLUSTER),
            (V::V1beta3, Kind::JoinConfiguration) => Some(v1beta3::JOIN),
            (V::V1beta2, Kind::InitConfiguration) => Some(v1beta2::INIT),
            (V::V1beta2, Kind::ClusterConfiguration) => Some(v1beta2::CLUSTER),
            (V::V1beta2, Kind::JoinConfiguration) => Some(v1beta2::JOIN),
            (V::V1beta1, Kind::InitConfiguration) => Some(v1beta1::INIT),
            (V::V1beta1, Kind::ClusterConfiguration) => Some(v1beta1::CLUSTER),
            (V::V1beta1, Kind::JoinConfiguration) => Some(v1beta1::JOIN),
            _ => None,
        },
        _ => None,
    }
}

/// Looks a field up by exact name.
pub fn field<'a>(fields: &'a [Field], name: &str) -> Option<&'a Field> {
    fields.iter().find(|f| f.name == name)
}

/// Follows a path of field names (`["etcd", "external", "httpEndpoints"]`) through objects and
/// lists of objects. `None` as soon as a name is unknown or a value has no known fields.
pub fn field_at_path<'a>(fields: &'a [Field], path: &[&str]) -> Option<&'a Field> {
    let (first, rest) = path.split_first()?;
    let found = field(fields, first)?;
    if rest.is_empty() {
        return Some(found);
    }
    field_at_path(found.kind.fields()?, rest)
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const fn f(name: &'static str, kind: ValueKind) -> Field {
    Field { name, kind }
}

const fn object(fields: &'static [Field]) -> ValueKind {
    ValueKind::Object(fields)
}

const fn list(item: &'static ValueKind) -> ValueKind {
    ValueKind::List(item)
}

const STR: ValueKind = ValueKind::String;
const BOOL: ValueKind = ValueKind::Bool;
const INT: ValueKind = ValueKind::Int;
const FLOAT: ValueKind = ValueKind::Float;
const DURATION: ValueKind = ValueKind::Duration;
const TIME: ValueKind = ValueKind::Time;
const QUANTITY: ValueKind = ValueKind::IntOrString;
const ANY: ValueKind = ValueKind::Any;
const STR_LIST: ValueKind = ValueKind::List(&ValueKind::String);
const INT_LIST: ValueKind = ValueKind::List(&ValueKind::Int);
const STR_MAP: ValueKind = ValueKind::Map(&ValueKind::String);
const BOOL_MAP: ValueKind = ValueKind::Map(&ValueKind::Bool);

// ---------------------------------------------------------------------------------------------
// Types shared by the kubeadm API versions

/// `bootstraptoken/v1.BootstrapToken` (v1beta3+), same fields as the v1beta1/v1beta2 copy.
const BOOTSTRAP_TOKEN: &[Field] = &[
    f("token", STR),
    f("description", STR),
    f("ttl", DURATION),
    f("expires", TIME),
    f("usages", STR_LIST),
    f("groups", STR_LIST),
];
const BOOTSTRAP_TOKENS: ValueKind = list(&object(BOOTSTRAP_TOKEN));

/// `core/v1.Taint`.
const TAINT: &[Field] = &[
    f("key", STR),
    f("value", STR),
    f("effect", STR),
    f("timeAdded", TIME),
];
const TAINTS: ValueKind = list(&object(TAINT));

const API_ENDPOINT: &[Field] = &[f("advertiseAddress", STR), f("bindPort", INT)];

const HOST_PATH_MOUNT: &[Field] = &[
    f("name", STR),
    f("hostPath", STR),
    f("mountPath", STR),
    f("readOnly", BOOL),
    f("pathType", STR),
];
const HOST_PATH_MOUNTS: ValueKind = list(&object(HOST_PATH_MOUNT));

const PATCHES: &[Field] = &[f("directory", STR)];

const NETWORKING: &[Field] = &[
    f("serviceSubnet", STR),
    f("podSubnet", STR),
    f("dnsDomain", STR),
];

/// `ExternalEtcd` before v1beta4 gained `httpEndpoints`.
const EXTERNAL_ETCD: &[Field] = &[
    f("endpoints", STR_LIST),
    f("caFile", STR),
    f("certFile", STR),
    f("keyFile", STR),
];

/// v1beta1–v1beta3 `LocalEtcd`: `ImageMeta` inlined first, `extraArgs` a map.
const LOCAL_ETCD_MAP_ARGS: &[Field] = &[
    f("imageRepository", STR),
    f("imageTag", STR),
    f("dataDir", STR),
    f("extraArgs", STR_MAP),
    f("serverCertSANs", STR_LIST),
    f("peerCertSANs", STR_LIST),
];

const ETCD_MAP_ARGS: &[Field] = &[
    f("local", object(LOCAL_ETCD_MAP_ARGS)),
    f("external", object(EXTERNAL_ETCD)),
];

/// v1beta1–v1beta3 `ControlPlaneComponent`.
const CONTROL_PLANE_COMPONENT_MAP_ARGS: &[Field] =
    &[f("extraArgs", STR_MAP), f("extraVolumes", HOST_PATH_MOUNTS)];

/// v1beta1–v1beta3 `APIServer`: `ControlPlaneComponent` inlined, then its own fields.
const API_SERVER_MAP_ARGS: &[Field] = &[
    f("extraArgs", STR_MAP),
    f("extraVolumes", HOST_PATH_MOUNTS),
    f("certSANs", STR_LIST),
    f("timeoutForControlPlane", DURATION),
];

const FILE_DISCOVERY: &[Field] = &[f("kubeConfigPath", STR)];

const BOOTSTRAP_TOKEN_DISCOVERY: &[Field] = &[
    f("token", STR),
    f("apiServerEndpoint", STR),
    f("caCertHashes", STR_LIST),
    f("unsafeSkipCAVerification", BOOL),
];

/// v1beta1–v1beta3 `Discovery`, with `timeout` (moved to `timeouts.discovery` in v1beta4).
const DISCOVERY_WITH_TIMEOUT: &[Field] = &[
    f("bootstrapToken", object(BOOTSTRAP_TOKEN_DISCOVERY)),
    f("file", object(FILE_DISCOVERY)),
    f("tlsBootstrapToken", STR),
    f("timeout", DURATION),
];

/// `JoinControlPlane` since v1beta2.
const JOIN_CONTROL_PLANE: &[Field] = &[
    f("localAPIEndpoint", object(API_ENDPOINT)),
    f("certificateKey", STR),
];

/// v1beta1 and v1beta2 `ClusterConfiguration` (identical field lists).
const CLUSTER_V1BETA1_V1BETA2: &[Field] = &[
    f("etcd", object(ETCD_MAP_ARGS)),
    f("networking", object(NETWORKING)),
    f("kubernetesVersion", STR),
    f("controlPlaneEndpoint", STR),
    f("apiServer", object(API_SERVER_MAP_ARGS)),
    f(
        "controllerManager",
        object(CONTROL_PLANE_COMPONENT_MAP_ARGS),
    ),
    f("scheduler", object(CONTROL_PLANE_COMPONENT_MAP_ARGS)),
    f("dns", object(DNS_WITH_TYPE)),
    f("certificatesDir", STR),
    f("imageRepository", STR),
    f("useHyperKubeImage", BOOL),
    f("featureGates", BOOL_MAP),
    f("clusterName", STR),
];

/// v1beta1/v1beta2 `DNS`: `type` (only "CoreDNS" is left), then `ImageMeta` inlined.
const DNS_WITH_TYPE: &[Field] = &[
    f("type", STR),
    f("imageRepository", STR),
    f("imageTag", STR),
];

// ---------------------------------------------------------------------------------------------
// kubeadm.k8s.io/v1beta4 (and the v1 placeholder)

mod v1beta4 {
    use super::*;

    /// `Arg`: the v1beta4 form of extraArgs / kubeletExtraArgs items.
    const ARG: &[Field] = &[f("name", STR), f("value", STR)];
    const ARGS: ValueKind = list(&object(ARG));

    /// `EnvVar`, a `core/v1.EnvVar` inlined.
    const ENV_VAR: &[Field] = &[f("name", STR), f("value", STR), f("valueFrom", ANY)];
    const ENV_VARS: ValueKind = list(&object(ENV_VAR));

    const NODE_REGISTRATION: &[Field] = &[
        f("name", STR),
        f("criSocket", STR),
        f("taints", TAINTS),
        f("kubeletExtraArgs", ARGS),
        f("ignorePreflightErrors", STR_LIST),
        f("imagePullPolicy", STR),
        f("imagePullSerial", BOOL),
    ];

    const TIMEOUTS: &[Field] = &[
        f("controlPlaneComponentHealthCheck", DURATION),
        f("kubeletHealthCheck", DURATION),
        f("kubernetesAPICall", DURATION),
        f("etcdAPICall", DURATION),
        f("tlsBootstrap", DURATION),
        f("discovery", DURATION),
        f("upgradeManifests", DURATION),
    ];

    pub(super) const INIT: &[Field] = &[
        f("bootstrapTokens", BOOTSTRAP_TOKENS),
        f("dryRun", BOOL),
        f("nodeRegistration", object(NODE_REGISTRATION)),
        f("localAPIEndpoint", object(API_ENDPOINT)),
        f("certificateKey", STR),
        f("skipPhases", STR_LIST),
        f("patches", object(PATCHES)),
        f("timeouts", object(TIMEOUTS)),
    ];

    const LOCAL_ETCD: &[Field] = &[
        f("imageRepository", STR),
        f("imageTag", STR),
        f("dataDir", STR),
        f("extraArgs", ARGS),
        f("extraEnvs", ENV_VARS),
        f("serverCertSANs", STR_LIST),
        f("peerCertSANs", STR_LIST),
    ];

    /// `httpEndpoints` since 1.35 (PR #134890).
    const EXTERNAL_ETCD: &[Field] = &[
        f("endpoints", STR_LIST),
        f("httpEndpoints", STR_LIST),
        f("caFile", STR),
        f("certFile", STR),
        f("keyFile", STR),
    ];

    const ETCD: &[Field] = &[
        f("local", object(LOCAL_ETCD)),
        f("external", object(EXTERNAL_ETCD)),
    ];

    const CONTROL_PLANE_COMPONENT: &[Field] = &[
        f("extraArgs", ARGS),
        f("extraVolumes", HOST_PATH_MOUNTS),
        f("extraEnvs", ENV_VARS),
    ];

    const API_SERVER: &[Field] = &[
        f("extraArgs", ARGS),
        f("extraVolumes", HOST_PATH_MOUNTS),
        f("extraEnvs", ENV_VARS),
        f("certSANs", STR_LIST),
    ];

    const DNS: &[Field] = &[
        f("imageRepository", STR),
        f("imageTag", STR),
        f("disabled", BOOL),
    ];

    const PROXY: &[Field] = &[f("disabled", BOOL)];

    pub(super) const CLUSTER: &[Field] = &[
        f("etcd", object(ETCD)),
        f("networking", object(NETWORKING)),
        f("kubernetesVersion", STR),
        f("controlPlaneEndpoint", STR),
        f("apiServer", object(API_SERVER)),
        f("controllerManager", object(CONTROL_PLANE_COMPONENT)),
        f("scheduler", object(CONTROL_PLANE_COMPONENT)),
        f("dns", object(DNS)),
        f("proxy", object(PROXY)),
        f("certificatesDir", STR),
        f("imageRepository", STR),
        f("featureGates", BOOL_MAP),
        f("clusterName", STR),
        f("encryptionAlgorithm", STR),
        f("certificateValidityPeriod", DURATION),
        f("caCertificateValidityPeriod", DURATION),
    ];

    const DISCOVERY: &[Field] = &[
        f("bootstrapToken", object(BOOTSTRAP_TOKEN_DISCOVERY)),
        f("file", object(FILE_DISCOVERY)),
        f("tlsBootstrapToken", STR),
    ];

    pub(super) const JOIN: &[Field] = &[
        f("dryRun", BOOL),
        f("nodeRegistration", object(NODE_REGISTRATION)),
        f("caCertPath", STR),
        f("discovery", object(DISCOVERY)),
        f("controlPlane", object(JOIN_CONTROL_PLANE)),
        f("skipPhases", STR_LIST),
        f("patches", object(PATCHES)),
        f("timeouts", object(TIMEOUTS)),
    ];

    pub(super) const RESET: &[Field] = &[
        f("cleanupTmpDir", BOOL),
        f("certificatesDir", STR),
        f("criSocket", STR),
        f("dryRun", BOOL),
        f("force", BOOL),
        f("ignorePreflightErrors", STR_LIST),
        f("skipPhases", STR_LIST),
        f("unmountFlags", STR_LIST),
        f("timeouts", object(TIMEOUTS)),
    ];

    const UPGRADE_APPLY: &[Field] = &[
        f("kubernetesVersion", STR),
        f("allowExperimentalUpgrades", BOOL),
        f("allowRCUpgrades", BOOL),
        f("certificateRenewal", BOOL),
        f("dryRun", BOOL),
        f("etcdUpgrade", BOOL),
        f("forceUpgrade", BOOL),
        f("ignorePreflightErrors", STR_LIST),
        f("patches", object(PATCHES)),
        f("printConfig", BOOL),
        f("skipPhases", STR_LIST),
        f("imagePullPolicy", STR),
        f("imagePullSerial", BOOL),
    ];

    const UPGRADE_DIFF: &[Field] = &[f("kubernetesVersion", STR), f("contextLines", INT)];

    const UPGRADE_NODE: &[Field] = &[
        f("certificateRenewal", BOOL),
        f("dryRun", BOOL),
        f("etcdUpgrade", BOOL),
        f("ignorePreflightErrors", STR_LIST),
        f("skipPhases", STR_LIST),
        f("patches", object(PATCHES)),
        f("imagePullPolicy", STR),
        f("imagePullSerial", BOOL),
    ];

    /// `etcdUpgrade` since 1.33.
    const UPGRADE_PLAN: &[Field] = &[
        f("kubernetesVersion", STR),
        f("allowExperimentalUpgrades", BOOL),
        f("allowRCUpgrades", BOOL),
        f("dryRun", BOOL),
        f("etcdUpgrade", BOOL),
        f("ignorePreflightErrors", STR_LIST),
        f("printConfig", BOOL),
    ];

    pub(super) const UPGRADE: &[Field] = &[
        f("apply", object(UPGRADE_APPLY)),
        f("diff", object(UPGRADE_DIFF)),
        f("node", object(UPGRADE_NODE)),
        f("plan", object(UPGRADE_PLAN)),
        f("timeouts", object(TIMEOUTS)),
    ];
}

// ---------------------------------------------------------------------------------------------
// kubeadm.k8s.io/v1beta3

mod v1beta3 {
    use super::*;

    const NODE_REGISTRATION: &[Field] = &[
        f("name", STR),
        f("criSocket", STR),
        f("taints", TAINTS),
        f("kubeletExtraArgs", STR_MAP),
        f("ignorePreflightErrors", STR_LIST),
        f("imagePullPolicy", STR),
    ];

    pub(super) const INIT: &[Field] = &[
        f("bootstrapTokens", BOOTSTRAP_TOKENS),
        f("nodeRegistration", object(NODE_REGISTRATION)),
        f("localAPIEndpoint", object(API_ENDPOINT)),
        f("certificateKey", STR),
        f("skipPhases", STR_LIST),
        f("patches", object(PATCHES)),
    ];

    const DNS: &[Field] = &[f("imageRepository", STR), f("imageTag", STR)];

    pub(super) const CLUSTER: &[Field] = &[
        f("etcd", object(ETCD_MAP_ARGS)),
        f("networking", object(NETWORKING)),
        f("kubernetesVersion", STR),
        f("controlPlaneEndpoint", STR),
        f("apiServer", object(API_SERVER_MAP_ARGS)),
        f(
            "controllerManager",
            object(CONTROL_PLANE_COMPONENT_MAP_ARGS),
        ),
        f("scheduler", object(CONTROL_PLANE_COMPONENT_MAP_ARGS)),
        f("dns", object(DNS)),
        f("certificatesDir", STR),
        f("imageRepository", STR),
        f("featureGates", BOOL_MAP),
        f("clusterName", STR),
    ];

    pub(super) const JOIN: &[Field] = &[
        f("nodeRegistration", object(NODE_REGISTRATION)),
        f("caCertPath", STR),
        f("discovery", object(DISCOVERY_WITH_TIMEOUT)),
        f("controlPlane", object(JOIN_CONTROL_PLANE)),
        f("skipPhases", STR_LIST),
        f("patches", object(PATCHES)),
    ];
}

// ---------------------------------------------------------------------------------------------
// kubeadm.k8s.io/v1beta2

mod v1beta2 {
    use super::*;

    const NODE_REGISTRATION: &[Field] = &[
        f("name", STR),
        f("criSocket", STR),
        f("taints", TAINTS),
        f("kubeletExtraArgs", STR_MAP),
        f("ignorePreflightErrors", STR_LIST),
    ];

    pub(super) const INIT: &[Field] = &[
        f("bootstrapTokens", BOOTSTRAP_TOKENS),
        f("nodeRegistration", object(NODE_REGISTRATION)),
        f("localAPIEndpoint", object(API_ENDPOINT)),
        f("certificateKey", STR),
    ];

    pub(super) const CLUSTER: &[Field] = CLUSTER_V1BETA1_V1BETA2;

    pub(super) const JOIN: &[Field] = &[
        f("nodeRegistration", object(NODE_REGISTRATION)),
        f("caCertPath", STR),
        f("discovery", object(DISCOVERY_WITH_TIMEOUT)),
        f("controlPlane", object(JOIN_CONTROL_PLANE)),
    ];
}

// ---------------------------------------------------------------------------------------------
// kubeadm.k8s.io/v1beta1

mod v1beta1 {
    use super::*;

    /// No `ignorePreflightErrors` yet (added in v1beta2).
    const NODE_REGISTRATION: &[Field] = &[
        f("name", STR),
        f("criSocket", STR),
        f("taints", TAINTS),
        f("kubeletExtraArgs", STR_MAP),
    ];

    /// No `certificateKey` yet (added in v1beta2).
    pub(super) const INIT: &[Field] = &[
        f("bootstrapTokens", BOOTSTRAP_TOKENS),
        f("nodeRegistration", object(NODE_REGISTRATION)),
        f("localAPIEndpoint", object(API_ENDPOINT)),
    ];

    pub(super) const CLUSTER: &[Field] = CLUSTER_V1BETA1_V1BETA2;

    const JOIN_CONTROL_PLANE: &[Field] = &[f("localAPIEndpoint", object(API_ENDPOINT))];

    pub(super) const JOIN: &[Field] = &[
        f("nodeRegistration", object(NODE_REGISTRATION)),
        f("caCertPath", STR),
        f("discovery", object(DISCOVERY_WITH_TIMEOUT)),
        f("controlPlane", object(JOIN_CONTROL_PLANE)),
    ];
}

// ---------------------------------------------------------------------------------------------
// kubelet.config.k8s.io/v1beta1 KubeletConfiguration

const KUBELET_AUTHENTICATION: &[Field] = &[
    f("x509", object(&[f("clientCAFile", STR)])),
    f(
        "webhook",
        object(&[f("enabled", BOOL), f("cacheTTL", DURATION)]),
    ),
    f("anonymous", object(&[f("enabled", BOOL)])),
];

const KUBELET_AUTHORIZATION: &[Field] = &[
    f("mode", STR),
    f(
        "webhook",
        object(&[
            f("cacheAuthorizedTTL", DURATION),
            f("cacheUnauthorizedTTL", DURATION),
        ]),
    ),
];

const SHUTDOWN_GRACE_PERIOD_BY_POD_PRIORITY: &[Field] =
    &[f("priority", INT), f("shutdownGracePeriodSeconds", INT)];

/// `MemoryReservation`: `limits` is a `core/v1.ResourceList` (quantities).
const MEMORY_RESERVATION: &[Field] = &[f("numaNode", INT), f("limits", ValueKind::Map(&QUANTITY))];

/// `component-base/tracing/api/v1.TracingConfiguration`.
const TRACING: &[Field] = &[f("endpoint", STR), f("samplingRatePerMillion", INT)];

const KUBELET_CONFIGURATION: &[Field] = &[
    f("enableServer", BOOL),
    f("staticPodPath", STR),
    f("podLogsDir", STR),
    f("syncFrequency", DURATION),
    f("fileCheckFrequency", DURATION),
    f("httpCheckFrequency", DURATION),
    f("staticPodURL", STR),
    f("staticPodURLHeader", ValueKind::Map(&STR_LIST)),
    f("address", STR),
    f("port", INT),
    f("readOnlyPort", INT),
    f("tlsCertFile", STR),
    f("tlsPrivateKeyFile", STR),
    f("tlsCipherSuites", STR_LIST),
    f("tlsCurvePreferences", INT_LIST),
    f("tlsMinVersion", STR),
    f("rotateCertificates", BOOL),
    f("serverTLSBootstrap", BOOL),
    // 1.38 (PR #142046); position after serverTLSBootstrap as in the internal type, unconfirmed.
    f("clientCertificateKeyAlgorithm", STR),
    f("serverCertificateKeyAlgorithm", STR),
    f("authentication", object(KUBELET_AUTHENTICATION)),
    f("authorization", object(KUBELET_AUTHORIZATION)),
    f("registryPullQPS", INT),
    f("registryBurst", INT),
    f("imagePullCredentialsVerificationPolicy", STR),
    f("preloadedImagesVerificationAllowlist", STR_LIST),
    f("eventRecordQPS", INT),
    f("eventBurst", INT),
    f("enableDebuggingHandlers", BOOL),
    f("enableContentionProfiling", BOOL),
    f("healthzPort", INT),
    f("healthzBindAddress", STR),
    f("oomScoreAdj", INT),
    f("clusterDomain", STR),
    f("clusterDNS", STR_LIST),
    f("streamingConnectionIdleTimeout", DURATION),
    f("nodeStatusUpdateFrequency", DURATION),
    f("nodeStatusReportFrequency", DURATION),
    f("nodeLeaseDurationSeconds", INT),
    f("imageMinimumGCAge", DURATION),
    f("imageMaximumGCAge", DURATION),
    f("imageGCHighThresholdPercent", INT),
    f("imageGCLowThresholdPercent", INT),
    f("volumeStatsAggPeriod", DURATION),
    f("kubeletCgroups", STR),
    f("systemCgroups", STR),
    f("cgroupRoot", STR),
    f("cgroupsPerQOS", BOOL),
    f("cgroupDriver", STR),
    f("cpuManagerPolicy", STR),
    f("singleProcessOOMKill", BOOL),
    f("cpuManagerPolicyOptions", STR_MAP),
    f("cpuManagerReconcilePeriod", DURATION),
    f("draManagerReconcilePeriod", DURATION),
    f("memoryManagerPolicy", STR),
    f("topologyManagerPolicy", STR),
    f("topologyManagerScope", STR),
    f("topologyManagerPolicyOptions", STR_MAP),
    f("qosReserved", STR_MAP),
    f("runtimeRequestTimeout", DURATION),
    f("hairpinMode", STR),
    f("maxPods", INT),
    f("podCIDR", STR),
    f("podPidsLimit", INT),
    f("resolvConf", STR),
    f("runOnce", BOOL),
    f("cpuCFSQuota", BOOL),
    f("cpuCFSQuotaPeriod", DURATION),
    f("nodeStatusMaxImages", INT),
    f("maxOpenFiles", INT),
    f("contentType", STR),
    f("kubeAPIQPS", INT),
    f("kubeAPIBurst", INT),
    f("serializeImagePulls", BOOL),
    f("maxParallelImagePulls", INT),
    f("evictionHard", STR_MAP),
    f("evictionSoft", STR_MAP),
    f("evictionSoftGracePeriod", STR_MAP),
    f("evictionPressureTransitionPeriod", DURATION),
    f("evictionMaxPodGracePeriod", INT),
    f("evictionMinimumReclaim", STR_MAP),
    f("mergeDefaultEvictionSettings", BOOL),
    f("podsPerCore", INT),
    f("enableControllerAttachDetach", BOOL),
    f("protectKernelDefaults", BOOL),
    f("makeIPTablesUtilChains", BOOL),
    f("iptablesMasqueradeBit", INT),
    f("iptablesDropBit", INT),
    f("featureGates", BOOL_MAP),
    f("failSwapOn", BOOL),
    f("memorySwap", object(&[f("swapBehavior", STR)])),
    f("containerLogMaxSize", STR),
    f("containerLogMaxFiles", INT),
    f("containerLogMaxWorkers", INT),
    f("containerLogMonitorInterval", DURATION),
    f("configMapAndSecretChangeDetectionStrategy", STR),
    f("systemReserved", STR_MAP),
    f("kubeReserved", STR_MAP),
    f("reservedSystemCPUs", STR),
    f("showHiddenMetricsForVersion", STR),
    f("systemReservedCgroup", STR),
    f("kubeReservedCgroup", STR),
    f("enforceNodeAllocatable", STR_LIST),
    f("allowedUnsafeSysctls", STR_LIST),
    // 1.37 alpha (PR #140052, feature gate DefaultPodSysctls); position unconfirmed.
    f("defaultPodSysctls", STR_MAP),
    f("volumePluginDir", STR),
    f("providerID", STR),
    f("kernelMemcgNotification", BOOL),
    f("logging", ANY),
    f("enableSystemLogHandler", BOOL),
    f("enableSystemLogQuery", BOOL),
    f("shutdownGracePeriod", DURATION),
    f("shutdownGracePeriodCriticalPods", DURATION),
    f(
        "shutdownGracePeriodByPodPriority",
        list(&object(SHUTDOWN_GRACE_PERIOD_BY_POD_PRIORITY)),
    ),
    f(
        "crashLoopBackOff",
        object(&[f("maxContainerRestartPeriod", DURATION)]),
    ),
    f("reservedMemory", list(&object(MEMORY_RESERVATION))),
    f("enableProfilingHandler", BOOL),
    f("enableDebugFlagsHandler", BOOL),
    f("seccompDefault", BOOL),
    f("memoryThrottlingFactor", FLOAT),
    f("memoryReservationPolicy", STR),
    f("registerWithTaints", TAINTS),
    f("registerNode", BOOL),
    f("tracing", object(TRACING)),
    f("localStorageCapacityIsolation", BOOL),
    f("containerRuntimeEndpoint", STR),
    f("imageServiceEndpoint", STR),
    f("failCgroupV1", BOOL),
    f("userNamespaces", object(&[f("idsPerPod", INT)])),
];

// ---------------------------------------------------------------------------------------------
// kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration

/// `component-base/config/v1alpha1.ClientConnectionConfiguration`.
const CLIENT_CONNECTION: &[Field] = &[
    f("kubeconfig", STR),
    f("acceptContentTypes", STR),
    f("contentType", STR),
    f("qps", FLOAT),
    f("burst", INT),
];

const KUBE_PROXY_IPTABLES: &[Field] = &[
    f("masqueradeBit", INT),
    f("masqueradeAll", BOOL),
    f("localhostNodePorts", BOOL),
    f("snatNodeInternalIP", BOOL),
    f("syncPeriod", DURATION),
    f("minSyncPeriod", DURATION),
];

const KUBE_PROXY_IPVS: &[Field] = &[
    f("syncPeriod", DURATION),
    f("minSyncPeriod", DURATION),
    f("scheduler", STR),
    f("excludeCIDRs", STR_LIST),
    f("strictARP", BOOL),
    f("tcpTimeout", DURATION),
    f("tcpFinTimeout", DURATION),
    f("udpTimeout", DURATION),
];

const KUBE_PROXY_NFTABLES: &[Field] = &[
    f("masqueradeBit", INT),
    f("masqueradeAll", BOOL),
    f("syncPeriod", DURATION),
    f("minSyncPeriod", DURATION),
];

const KUBE_PROXY_WINKERNEL: &[Field] = &[
    f("networkName", STR),
    f("sourceVip", STR),
    f("enableDSR", BOOL),
    f("rootHnsEndpointName", STR),
    f("forwardHealthCheckVip", BOOL),
];

const KUBE_PROXY_DETECT_LOCAL: &[Field] =
    &[f("bridgeInterface", STR), f("interfaceNamePrefix", STR)];

const KUBE_PROXY_CONNTRACK: &[Field] = &[
    f("maxPerCore", INT),
    f("min", INT),
    f("tcpEstablishedTimeout", DURATION),
    f("tcpCloseWaitTimeout", DURATION),
    f("tcpBeLiberal", BOOL),
    f("udpTimeout", DURATION),
    f("udpStreamTimeout", DURATION),
];

const KUBE_PROXY_CONFIGURATION: &[Field] = &[
    f("featureGates", BOOL_MAP),
    f("clientConnection", object(CLIENT_CONNECTION)),
    f("logging", ANY),
    f("hostnameOverride", STR),
    f("bindAddress", STR),
    f("healthzBindAddress", STR),
    f("metricsBindAddress", STR),
    f("bindAddressHardFail", BOOL),
    f("enableProfiling", BOOL),
    f("showHiddenMetricsForVersion", STR),
    f("mode", STR),
    f("iptables", object(KUBE_PROXY_IPTABLES)),
    f("ipvs", object(KUBE_PROXY_IPVS)),
    f("nftables", object(KUBE_PROXY_NFTABLES)),
    f("winkernel", object(KUBE_PROXY_WINKERNEL)),
    f("detectLocalMode", STR),
    f("detectLocal", object(KUBE_PROXY_DETECT_LOCAL)),
    f("clusterCIDR", STR),
    f("nodePortAddresses", STR_LIST),
    f("oomScoreAdj", INT),
    f("conntrack", object(KUBE_PROXY_CONNTRACK)),
    f("configSyncPeriod", DURATION),
    f("portRange", STR),
    // Userspace-mode setting of releases up to ≈1.25, which sat right after portRange.
    f("udpIdleTimeout", DURATION),
    f("windowsRunAsService", BOOL),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn kubeadm(version: KubeadmVersion) -> ApiVersion {
        ApiVersion::Kubeadm(version)
    }

    fn root(api: ApiVersion, kind: Kind) -> &'static [Field] {
        root_fields(api, kind).unwrap_or_else(|| panic!("no schema for {api:?} {kind:?}"))
    }

    fn path(api: ApiVersion, kind: Kind, dotted: &str) -> Option<&'static Field> {
        let parts: Vec<&str> = dotted.split('.').collect();
        field_at_path(root(api, kind), &parts)
    }

    fn all_roots() -> Vec<(ApiVersion, Kind, &'static [Field])> {
        let mut apis: Vec<ApiVersion> = KubeadmVersion::ALL.into_iter().map(kubeadm).collect();
        apis.push(ApiVersion::KubeletV1beta1);
        apis.push(ApiVersion::KubeProxyV1alpha1);
        let mut out = Vec::new();
        for api in apis {
            for kind in Kind::ALL {
                if let Some(fields) = root_fields(api, kind) {
                    out.push((api, kind, fields));
                }
            }
        }
        out
    }

    #[test]
    fn every_kind_that_exists_has_a_schema() {
        use KubeadmVersion::*;
        for version in [V1beta1, V1beta2, V1beta3, V1beta4, V1] {
            for kind in Kind::ALL {
                let expected = kind.exists_in(version);
                assert_eq!(
                    root_fields(kubeadm(version), kind).is_some(),
                    expected,
                    "{version:?} {kind:?}"
                );
            }
        }
        assert!(root_fields(ApiVersion::KubeletV1beta1, Kind::KubeletConfiguration).is_some());
        assert!(root_fields(ApiVersion::KubeProxyV1alpha1, Kind::KubeProxyConfiguration).is_some());
    }

    #[test]
    fn old_and_mismatched_pairs_have_none() {
        use KubeadmVersion::*;
        for version in [V1alpha1, V1alpha2, V1alpha3] {
            for kind in Kind::ALL {
                assert!(
                    root_fields(kubeadm(version), kind).is_none(),
                    "{version:?} {kind:?}"
                );
            }
        }
        assert!(root_fields(kubeadm(V1beta4), Kind::KubeletConfiguration).is_none());
        assert!(root_fields(kubeadm(V1beta3), Kind::ResetConfiguration).is_none());
        assert!(root_fields(kubeadm(V1beta3), Kind::UpgradeConfiguration).is_none());
        assert!(root_fields(ApiVersion::KubeletV1beta1, Kind::KubeProxyConfiguration).is_none());
        assert!(root_fields(ApiVersion::KubeProxyV1alpha1, Kind::ClusterConfiguration).is_none());
        let other = ApiVersion::ComponentOther(crate::kubeadm::api::ComponentGroup::Kubelet);
        assert!(root_fields(other, Kind::KubeletConfiguration).is_none());
    }

    #[test]
    fn v1_placeholder_is_v1beta4() {
        use KubeadmVersion::*;
        for kind in Kind::ALL {
            let a = root_fields(kubeadm(V1), kind).map(|f| f.as_ptr());
            let b = root_fields(kubeadm(V1beta4), kind).map(|f| f.as_ptr());
            assert_eq!(a, b, "{kind:?}");
        }
    }

    #[test]
    fn no_duplicate_or_malformed_names_anywhere() {
        fn walk(fields: &'static [Field], at: &str, seen: &mut HashSet<usize>) {
            if !seen.insert(fields.as_ptr() as usize) {
                return;
            }
            let mut names = HashSet::new();
            for field in fields {
                assert!(
                    names.insert(field.name),
                    "duplicate `{}` in {at}",
                    field.name
                );
                let first = field.name.chars().next().expect("empty field name");
                assert!(first.is_ascii_lowercase(), "`{}` in {at}", field.name);
                assert!(field.name.chars().all(|c| c.is_ascii_alphanumeric()));
                let mut kind = field.kind;
                while let ValueKind::List(item) | ValueKind::Map(item) = kind {
                    kind = *item;
                }
                if let ValueKind::Object(inner) = kind {
                    walk(inner, &format!("{at}.{}", field.name), seen);
                }
            }
        }
        let mut seen = HashSet::new();
        for (api, kind, fields) in all_roots() {
            assert!(field(fields, "apiVersion").is_none());
            assert!(field(fields, "kind").is_none());
            walk(fields, &format!("{api:?}/{kind:?}"), &mut seen);
        }
    }

    #[test]
    fn v1beta4_facts() {
        let v4 = kubeadm(KubeadmVersion::V1beta4);
        let cluster = Kind::ClusterConfiguration;
        assert!(path(v4, cluster, "encryptionAlgorithm").is_some());
        assert!(path(v4, cluster, "certificateValidityPeriod").is_some());
        assert!(path(v4, cluster, "caCertificateValidityPeriod").is_some());
        assert!(path(v4, cluster, "etcd.external.httpEndpoints").is_some());
        assert!(path(v4, cluster, "etcd.local.httpEndpoints").is_none());
        assert!(path(v4, cluster, "etcd.local.extraEnvs.valueFrom").is_some());
        assert!(path(v4, cluster, "dns.disabled").is_some());
        assert!(path(v4, cluster, "proxy.disabled").is_some());
        assert!(path(v4, cluster, "apiServer.timeoutForControlPlane").is_none());
        assert!(path(v4, cluster, "useHyperKubeImage").is_none());
        let args = path(v4, cluster, "apiServer.extraArgs").unwrap();
        assert!(matches!(args.kind, ValueKind::List(ValueKind::Object(_))));
        assert!(path(v4, cluster, "controllerManager.extraArgs.value").is_some());
        let kubelet_args = path(
            v4,
            Kind::InitConfiguration,
            "nodeRegistration.kubeletExtraArgs",
        );
        assert!(matches!(kubelet_args.unwrap().kind, ValueKind::List(_)));
        assert!(
            path(
                v4,
                Kind::InitConfiguration,
                "nodeRegistration.taints.timeAdded"
            )
            .is_some()
        );
        assert!(path(v4, Kind::InitConfiguration, "bootstrapTokens.ttl").is_some());
        assert!(path(v4, Kind::InitConfiguration, "timeouts.kubeletHealthCheck").is_some());
        assert!(path(v4, Kind::JoinConfiguration, "discovery.timeout").is_none());
        assert!(path(v4, Kind::JoinConfiguration, "timeouts.discovery").is_some());
        assert!(path(v4, Kind::UpgradeConfiguration, "plan.etcdUpgrade").is_some());
        assert!(path(v4, Kind::UpgradeConfiguration, "diff.contextLines").is_some());
        assert!(path(v4, Kind::ResetConfiguration, "unmountFlags").is_some());
        // Go field order, which the fixer follows when inserting.
        let names: Vec<&str> = root(v4, cluster).iter().map(|f| f.name).collect();
        assert_eq!(&names[..3], ["etcd", "networking", "kubernetesVersion"]);
        assert_eq!(names.last(), Some(&"caCertificateValidityPeriod"));
    }

    #[test]
    fn v1beta3_facts() {
        let v3 = kubeadm(KubeadmVersion::V1beta3);
        let cluster = Kind::ClusterConfiguration;
        assert!(path(v3, cluster, "encryptionAlgorithm").is_none());
        assert!(path(v3, cluster, "proxy").is_none());
        assert!(path(v3, cluster, "dns.disabled").is_none());
        assert!(path(v3, cluster, "etcd.external.httpEndpoints").is_none());
        assert!(path(v3, cluster, "apiServer.timeoutForControlPlane").is_some());
        let args = path(v3, cluster, "apiServer.extraArgs").unwrap();
        assert!(matches!(args.kind, ValueKind::Map(ValueKind::String)));
        assert!(path(v3, Kind::JoinConfiguration, "discovery.timeout").is_some());
        assert!(
            path(
                v3,
                Kind::InitConfiguration,
                "nodeRegistration.imagePullPolicy"
            )
            .is_some()
        );
        assert!(
            path(
                v3,
                Kind::InitConfiguration,
                "nodeRegistration.imagePullSerial"
            )
            .is_none()
        );
        assert!(path(v3, Kind::InitConfiguration, "dryRun").is_none());
    }

    #[test]
    fn v1beta2_and_v1beta1_facts() {
        let v2 = kubeadm(KubeadmVersion::V1beta2);
        let v1 = kubeadm(KubeadmVersion::V1beta1);
        let init = Kind::InitConfiguration;
        assert!(path(v2, init, "nodeRegistration.ignorePreflightErrors").is_some());
        assert!(path(v1, init, "nodeRegistration.ignorePreflightErrors").is_none());
        assert!(path(v2, init, "certificateKey").is_some());
        assert!(path(v1, init, "certificateKey").is_none());
        assert!(path(v2, Kind::JoinConfiguration, "controlPlane.certificateKey").is_some());
        assert!(path(v1, Kind::JoinConfiguration, "controlPlane.certificateKey").is_none());
        for api in [v1, v2] {
            let cluster = Kind::ClusterConfiguration;
            assert!(path(api, cluster, "useHyperKubeImage").is_some());
            assert!(path(api, cluster, "dns.type").is_some());
            assert!(path(api, cluster, "apiServer.timeoutForControlPlane").is_some());
            assert!(path(api, Kind::JoinConfiguration, "discovery.timeout").is_some());
            assert!(path(api, init, "skipPhases").is_none());
            assert!(path(api, init, "patches").is_none());
            assert!(path(api, init, "nodeRegistration.imagePullPolicy").is_none());
        }
    }

    #[test]
    fn kubelet_facts() {
        let api = ApiVersion::KubeletV1beta1;
        let kind = Kind::KubeletConfiguration;
        for name in [
            "cgroupDriver",
            "failCgroupV1",
            "memorySwap.swapBehavior",
            "crashLoopBackOff.maxContainerRestartPeriod",
            "imagePullCredentialsVerificationPolicy",
            "authentication.x509.clientCAFile",
            "authentication.webhook.cacheTTL",
            "authentication.anonymous.enabled",
            "authorization.mode",
            "authorization.webhook.cacheUnauthorizedTTL",
            "registerWithTaints.effect",
            "reservedMemory.limits",
            "shutdownGracePeriodByPodPriority.priority",
            "containerRuntimeEndpoint",
            "staticPodPath",
            "clusterDNS",
            "resolvConf",
            "iptablesMasqueradeBit",
        ] {
            assert!(path(api, kind, name).is_some(), "{name}");
        }
        let gates = path(api, kind, "featureGates").unwrap();
        assert!(matches!(gates.kind, ValueKind::Map(ValueKind::Bool)));
        let hard = path(api, kind, "evictionHard").unwrap();
        assert!(matches!(hard.kind, ValueKind::Map(ValueKind::String)));
        assert!(matches!(
            path(api, kind, "logging").unwrap().kind,
            ValueKind::Any
        ));
        assert!(path(api, kind, "cgroupdriver").is_none());
    }

    #[test]
    fn kube_proxy_facts() {
        let api = ApiVersion::KubeProxyV1alpha1;
        let kind = Kind::KubeProxyConfiguration;
        for name in [
            "mode",
            "clusterCIDR",
            "bindAddress",
            "clientConnection.kubeconfig",
            "iptables.localhostNodePorts",
            "ipvs.strictARP",
            "nftables.masqueradeBit",
            "conntrack.udpTimeout",
            "conntrack.tcpBeLiberal",
            "winkernel.enableDSR",
            "detectLocal.bridgeInterface",
            "udpIdleTimeout",
        ] {
            assert!(path(api, kind, name).is_some(), "{name}");
        }
        assert!(path(api, kind, "resourceContainer").is_none());
        assert!(path(api, kind, "linux").is_none());
    }
}

/// Keys people write for a field that has another name; the lost value changes the node's
/// role or the cluster's topology (pitfalls catalogue, rule 5).
pub const KNOWN_MISTAKES: [(&str, &str); 6] = [
    ("podCIDR", "podSubnet"),
    ("podNetworkCidr", "podSubnet"),
    ("serviceCIDR", "serviceSubnet"),
    ("localEtcd", "local"),
    ("externalEtcd", "external"),
    ("controlplane", "controlPlane"),
];

/// Fields whose loss changes what kind of node or cluster kubeadm builds: a misspelt key for
/// one of them is an error, not a warning.
pub const HIGH_IMPACT_FIELDS: [&str; 12] = [
    "controlPlane",
    "etcd",
    "local",
    "external",
    "networking",
    "podSubnet",
    "serviceSubnet",
    "discovery",
    "nodeRegistration",
    "controlPlaneEndpoint",
    "criSocket",
    "taints",
];

/// Go's `time.ParseDuration` syntax: `300ms`, `1h30m`, `-1.5h`, or `0`.
pub fn is_go_duration(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if body == "0" {
        return true;
    }
    let mut rest = body;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let number = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if number == 0 || rest[..number] == *"." {
            return false;
        }
        rest = &rest[number..];
        let unit = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
            .into_iter()
            .filter(|u| rest.starts_with(u))
            .max_by_key(|u| u.len());
        let Some(unit) = unit else { return false };
        rest = &rest[unit.len()..];
    }
    true
}

#[cfg(test)]
mod duration_tests {
    use super::is_go_duration;

    #[test]
    fn parses_go_durations() {
        for ok in ["4m0s", "24h", "300ms", "1h30m", "0", "1.5h", "10us"] {
            assert!(is_go_duration(ok), "{ok}");
        }
        for bad in ["", "5", "4 m", "1d", "m", "1h30"] {
            assert!(!is_go_duration(bad), "{bad}");
        }
    }
}
