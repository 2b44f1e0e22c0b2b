//! The documents of one file, classified, with the version the file targets.

use crate::source::SourceFile;
use crate::yaml::{Node, Span, Tree};

use super::api::{self, ApiVersion, Kind, KubeadmVersion};
use super::images::ImageInputs;
use super::releases;
use super::version::{KubernetesVersionValue, Minor, Version};

/// A document whose `apiVersion` names a group kubeadm reads.
#[derive(Debug, Clone, Copy)]
pub struct KubeadmDocument<'a> {
    /// Position of the document in the stream (0-based).
    pub index: usize,
    pub api: ApiVersion,
    /// `None` when the kind is not one kubeadm knows (for example `kind: Foo`).
    pub kind: Option<Kind>,
    pub root: Node<'a>,
    pub api_version_node: Node<'a>,
    pub kind_node: Option<Node<'a>>,
    /// See [`KubeadmDocument::is_run_together`]; found once, many rules ask.
    run_together: bool,
}

impl<'a> KubeadmDocument<'a> {
    pub fn kubeadm_version(&self) -> Option<KubeadmVersion> {
        match self.api {
            ApiVersion::Kubeadm(version) => Some(version),
            _ => None,
        }
    }

    /// The image repository settings of a ClusterConfiguration, with their field paths.
    pub fn image_repositories(&self) -> Vec<(&'static str, Node<'a>)> {
        IMAGE_REPOSITORY_FIELDS
            .iter()
            .filter_map(|(name, path)| {
                let node = self.path(path)?;
                (!node.is_null() && node.as_str().is_some()).then_some((*name, node))
            })
            .collect()
    }

    /// True when `apiVersion` or `kind` appears more than once at the top: several documents
    /// written without `---` between them, of which kubeadm sees only the last values.
    pub fn is_run_together(&self) -> bool {
        self.run_together
    }

    fn repeats_type_meta(root: Node) -> bool {
        let count = |key: &str| {
            root.entries()
                .filter(|(k, _)| k.as_str() == Some(key))
                .count()
        };
        count("apiVersion") > 1 || count("kind") > 1
    }

    pub fn is(&self, kind: Kind) -> bool {
        self.kind == Some(kind)
    }

    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        self.root.get(key)
    }

    pub fn path(&self, keys: &[&str]) -> Option<Node<'a>> {
        self.root.path(keys)
    }

    /// A scalar string at `keys`, nulls and empty strings treated as absent.
    pub fn str_at(&self, keys: &[&str]) -> Option<Spanned<'a, &'a str>> {
        let node = self.path(keys)?;
        if node.is_null() {
            return None;
        }
        let value = node.as_str()?;
        (!value.is_empty()).then_some(Spanned {
            value,
            span: node.span(),
            node,
        })
    }
}

/// Where a ClusterConfiguration names image repositories.
const IMAGE_REPOSITORY_FIELDS: [(&str, &[&str]); 3] = [
    ("imageRepository", &["imageRepository"]),
    ("dns.imageRepository", &["dns", "imageRepository"]),
    (
        "etcd.local.imageRepository",
        &["etcd", "local", "imageRepository"],
    ),
];

/// Keys whose scalar value is a credential, wherever they appear in a kubeadm document: a
/// credential in a misspelt kind, at a place kubeadm ignores, in documents run together
/// without `---` or in a document cut short by a syntax error is still written in the file.
/// `token`, `discoveryToken` and `tlsBootstrapToken` at the top are the v1alpha layout.
const SECRET_KEYS: [&str; 4] = [
    "token",
    "certificateKey",
    "tlsBootstrapToken",
    "discoveryToken",
];

/// Names for the places kubeadm reads credentials from; elsewhere the key itself is the name.
const SECRET_FIELDS: [(&str, &[&str]); 5] = [
    (
        "bootstrapTokens[].token",
        &["bootstrapTokens", "[]", "token"],
    ),
    (
        "discovery.bootstrapToken.token",
        &["discovery", "bootstrapToken", "token"],
    ),
    (
        "discovery.tlsBootstrapToken",
        &["discovery", "tlsBootstrapToken"],
    ),
    (
        "controlPlane.certificateKey",
        &["controlPlane", "certificateKey"],
    ),
    ("certificateKey", &["certificateKey"]),
];

/// How deep credentials are looked for; kubeadm documents nest a few levels.
const SECRET_DEPTH: usize = 12;

fn collect_secrets<'a>(node: Node<'a>, path: &mut Vec<&'a str>, found: &mut Vec<Secret<'a>>) {
    if path.len() > SECRET_DEPTH || node.is_alias() {
        return;
    }
    if node.is_sequence() {
        for item in node.items() {
            path.push("[]");
            collect_secrets(item, path, found);
            path.pop();
        }
        return;
    }
    for (key, value) in node.entries() {
        let Some(name) = key.as_str() else { continue };
        path.push(name);
        // Case is ignored: a credential under a miscased key (`Token:`) is ignored by kubeadm
        // but still a credential in the file.
        if let Some(key_name) = SECRET_KEYS.iter().find(|k| k.eq_ignore_ascii_case(name)) {
            let same_path = |known: &[&str]| {
                known.len() == path.len()
                    && known
                        .iter()
                        .zip(path.iter())
                        .all(|(a, b)| a.eq_ignore_ascii_case(b))
            };
            let field = SECRET_FIELDS
                .iter()
                .find(|(_, known)| same_path(known))
                .map_or(*key_name, |(field, _)| *field);
            push_secret(found, field, value.resolve());
        } else if !value.is_alias() {
            collect_secrets(value, path, found);
        }
        path.pop();
    }
}

/// A credential written in the file.
#[derive(Debug, Clone, Copy)]
pub struct Secret<'a> {
    /// Where it is, as a field path (`bootstrapTokens[].token`).
    pub field: &'static str,
    pub value: &'a str,
    pub node: Node<'a>,
}

impl Secret<'_> {
    /// At most the first characters of the secret: a bootstrap token's public id (6 characters,
    /// which kubeadm itself prints), 4 characters of anything else.
    pub fn masked(&self) -> String {
        let shown = if self.field.ends_with("token") || self.field.ends_with("Token") {
            6
        } else {
            4
        };
        let visible: String = self.value.chars().take(shown).collect();
        format!("{visible}…")
    }
}

fn push_secret<'a>(found: &mut Vec<Secret<'a>>, field: &'static str, node: Node<'a>) {
    if let Some(value) = node.as_str().filter(|v| !v.is_empty() && !node.is_null()) {
        found.push(Secret { field, value, node });
    }
}

/// A value with the node it came from.
#[derive(Debug, Clone, Copy)]
pub struct Spanned<'a, T> {
    pub value: T,
    pub span: Span,
    pub node: Node<'a>,
}

/// Any other document: another API group, or one missing `apiVersion`/`kind`.
#[derive(Debug, Clone, Copy)]
pub struct OtherDocument<'a> {
    pub index: usize,
    pub root: Option<Node<'a>>,
    pub api_version: Option<Node<'a>>,
    pub kind: Option<Node<'a>>,
}

/// Where the target versions came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetOrigin {
    /// `kubernetesVersion` in the file.
    File,
    /// `--kubernetes-version` / `--kubeadm-version` or the config file.
    Option,
    /// Nothing pinned: the newest release that reads the file's apiVersion.
    Assumed,
}

/// The Kubernetes and kubeadm versions the file is checked against.
#[derive(Debug, Clone)]
pub struct Target {
    /// The control-plane version, when known.
    pub kubernetes: Option<Version>,
    /// The kubeadm binary that will read the file.
    pub kubeadm: Version,
    pub origin: TargetOrigin,
    /// Set when `origin` is `Assumed`: a sentence version-dependent findings append.
    pub assumption: Option<String>,
}

impl Target {
    pub fn kubeadm_minor(&self) -> Minor {
        self.kubeadm.minor_line()
    }

    /// The control-plane version, or the kubeadm version when none is pinned.
    pub fn kubernetes_or_kubeadm(&self) -> &Version {
        self.kubernetes.as_ref().unwrap_or(&self.kubeadm)
    }

    /// `" (assuming …)"` for messages whose truth depends on the version, or nothing.
    pub fn assumption_suffix(&self) -> String {
        match &self.assumption {
            Some(text) => format!(" ({text})"),
            None => String::new(),
        }
    }
}

/// Versions given outside the file.
#[derive(Debug, Clone, Default)]
pub struct VersionOptions {
    pub kubernetes: Option<Version>,
    pub kubeadm: Option<Version>,
}

/// The documents of one file and the versions it targets.
pub struct ConfigSet<'a> {
    pub source: &'a SourceFile,
    pub tree: &'a Tree,
    pub documents: Vec<KubeadmDocument<'a>>,
    pub others: Vec<OtherDocument<'a>>,
    target: Target,
    /// [`ConfigSet::secrets`], found once: several rules and the renderers ask.
    secrets: std::cell::OnceCell<Vec<Secret<'a>>>,
    /// [`ConfigSet::networking`], worked out once: a dozen rules ask.
    networking: std::cell::OnceCell<Option<super::topology::Networking<'a>>>,
    /// [`ConfigSet::args_blocks`], found once.
    args_blocks: std::cell::OnceCell<Vec<super::extra_args::ArgsBlock<'a>>>,
    /// Set by the lint pass for the rules that report on suppressions (they run last).
    suppressions: Option<&'a crate::suppress::SuppressionReport>,
}

impl<'a> ConfigSet<'a> {
    pub fn new(source: &'a SourceFile, tree: &'a Tree, options: &VersionOptions) -> Self {
        let mut documents = Vec::new();
        let mut others = Vec::new();
        for (index, doc) in tree.documents.iter().enumerate() {
            if doc.broken {
                continue;
            }
            let Some(root) = doc.root.map(|id| tree.node(id)) else {
                continue;
            };
            let api_version = root.get("apiVersion");
            let kind = root.get("kind");
            let classified = api_version
                .and_then(|n| n.as_str())
                .and_then(api::classify_api_version);
            match (classified, api_version) {
                (Some(api), Some(api_version_node)) => documents.push(KubeadmDocument {
                    index,
                    api,
                    kind: kind.and_then(|k| k.as_str()).and_then(Kind::parse),
                    root,
                    api_version_node,
                    kind_node: kind,
                    run_together: KubeadmDocument::repeats_type_meta(root),
                }),
                _ => others.push(OtherDocument {
                    index,
                    root: Some(root),
                    api_version,
                    kind,
                }),
            }
        }
        let target = resolve_target(&documents, options);
        ConfigSet {
            source,
            tree,
            documents,
            others,
            target,
            secrets: std::cell::OnceCell::new(),
            networking: std::cell::OnceCell::new(),
            args_blocks: std::cell::OnceCell::new(),
            suppressions: None,
        }
    }

    /// The same file, with the outcome of the suppression pass for the rules that run after it.
    pub fn with_suppressions<'b>(
        self,
        report: &'b crate::suppress::SuppressionReport,
    ) -> ConfigSet<'b>
    where
        'a: 'b,
    {
        // The cached secrets move along (a cell cannot be shortened to 'b in place).
        let secrets = std::cell::OnceCell::new();
        if let Some(found) = self.secrets.into_inner() {
            let _ = secrets.set(found);
        }
        let networking = std::cell::OnceCell::new();
        if let Some(found) = self.networking.into_inner() {
            let _ = networking.set(found);
        }
        let args_blocks = std::cell::OnceCell::new();
        if let Some(found) = self.args_blocks.into_inner() {
            let _ = args_blocks.set(found);
        }
        ConfigSet {
            source: self.source,
            tree: self.tree,
            documents: self.documents,
            others: self.others,
            target: self.target,
            secrets,
            networking,
            args_blocks,
            suppressions: Some(report),
        }
    }

    /// The outcome of the suppression pass; `None` while the ordinary rules run.
    pub fn suppressions(&self) -> Option<&crate::suppress::SuppressionReport> {
        self.suppressions
    }

    /// True when the file holds at least one kubeadm or component-config document.
    pub fn is_kubeadm_file(&self) -> bool {
        !self.documents.is_empty()
    }

    pub fn text(&self) -> &'a str {
        &self.source.text
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The first document of `kind`.
    pub fn first(&self, kind: Kind) -> Option<&KubeadmDocument<'a>> {
        self.documents.iter().find(|d| d.kind == Some(kind))
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &KubeadmDocument<'a>> {
        self.documents.iter().filter(move |d| d.kind == Some(kind))
    }

    /// The ClusterConfiguration, or for the pre-v1alpha3 layout the MasterConfiguration.
    pub fn cluster(&self) -> Option<&KubeadmDocument<'a>> {
        self.first(Kind::ClusterConfiguration)
    }

    /// The networking of the cluster this file would create; see
    /// [`super::topology::Networking::of`].
    pub fn networking(&self) -> Option<&super::topology::Networking<'a>> {
        self.networking
            .get_or_init(|| super::topology::Networking::compute(self))
            .as_ref()
    }

    /// The extra-flags blocks (`extraArgs`, `kubeletExtraArgs`) of every document, in stream
    /// order; see [`super::extra_args::blocks`].
    pub fn args_blocks(&self) -> &[super::extra_args::ArgsBlock<'a>] {
        self.args_blocks.get_or_init(|| {
            self.documents
                .iter()
                .flat_map(super::extra_args::find_blocks)
                .collect()
        })
    }

    /// Every value in the file that is a credential: bootstrap tokens, discovery tokens and
    /// certificate keys. Renderers mask them; rules must never print them in full.
    pub fn secrets(&self) -> Vec<Secret<'a>> {
        self.secrets.get_or_init(|| self.find_secrets()).clone()
    }

    fn find_secrets(&self) -> Vec<Secret<'a>> {
        // Component configurations too: documents run together without `---` carry the
        // apiVersion of the last one.
        let roots = self.documents.iter().map(|d| d.root);
        // A document cut short by a syntax error keeps the part before the error.
        let broken_roots = self
            .tree
            .documents
            .iter()
            .filter(|d| d.broken)
            .filter_map(|d| d.root.map(|id| self.tree.node(id)))
            .filter(|root| {
                root.get_str("apiVersion")
                    .and_then(api::classify_api_version)
                    .is_some()
            });
        let mut found = Vec::new();
        for root in roots.chain(broken_roots) {
            collect_secrets(root, &mut Vec::new(), &mut found);
        }
        found
    }

    /// What kubeadm's image computation reads from this file and the target versions.
    pub fn image_settings(&self) -> ImageSettings<'a> {
        let cluster = self.cluster().copied();
        let from_file = cluster
            .and_then(|c| c.root.get_str("kubernetesVersion"))
            .map(KubernetesVersionValue::parse)
            .filter(|v| {
                matches!(
                    v,
                    KubernetesVersionValue::Concrete { .. } | KubernetesVersionValue::Ci { .. }
                )
            });
        let kubernetes = from_file.unwrap_or_else(|| KubernetesVersionValue::Concrete {
            version: self.target.kubernetes_or_kubeadm().clone(),
            had_v: true,
        });
        ImageSettings {
            kubeadm: self.target.kubeadm.clone(),
            kubernetes,
            cluster,
        }
    }
}

/// The owned half of [`ImageInputs`]: versions, plus the ClusterConfiguration to read from.
pub struct ImageSettings<'a> {
    pub kubeadm: Version,
    pub kubernetes: KubernetesVersionValue,
    pub cluster: Option<KubeadmDocument<'a>>,
}

impl<'a> ImageSettings<'a> {
    pub fn inputs(&self) -> ImageInputs<'_> {
        let text = |keys: &[&str]| {
            self.cluster
                .as_ref()
                .and_then(|c| c.str_at(keys))
                .map(|s| s.value)
        };
        let flag = |keys: &[&str]| {
            self.cluster
                .as_ref()
                .and_then(|c| c.path(keys))
                .and_then(|n| n.as_bool())
                .unwrap_or(false)
        };
        let external = self
            .cluster
            .as_ref()
            .and_then(|c| c.path(&["etcd", "external"]))
            .is_some_and(|n| !n.is_null());
        ImageInputs {
            kubeadm: &self.kubeadm,
            kubernetes: &self.kubernetes,
            image_repository: text(&["imageRepository"]),
            dns_image_repository: text(&["dns", "imageRepository"]),
            dns_image_tag: text(&["dns", "imageTag"]),
            dns_disabled: flag(&["dns", "disabled"]),
            proxy_disabled: flag(&["proxy", "disabled"]),
            etcd_local: !external,
            etcd_image_repository: text(&["etcd", "local", "imageRepository"]),
            etcd_image_tag: text(&["etcd", "local", "imageTag"]),
        }
    }
}

fn resolve_target(documents: &[KubeadmDocument<'_>], options: &VersionOptions) -> Target {
    let from_file = documents
        .iter()
        .filter(|d| d.is(Kind::ClusterConfiguration) || d.is(Kind::MasterConfiguration))
        .filter_map(|d| d.root.get_str("kubernetesVersion"))
        .find_map(|text| match KubernetesVersionValue::parse(text) {
            KubernetesVersionValue::Concrete { version, .. } => Some(version),
            KubernetesVersionValue::Ci { version, .. } => version,
            _ => None,
        });
    let (kubernetes, mut origin) = match (from_file, &options.kubernetes) {
        (Some(version), _) => (Some(version), TargetOrigin::File),
        (None, Some(version)) => (Some(version.clone()), TargetOrigin::Option),
        (None, None) => (None, TargetOrigin::Assumed),
    };
    let mut assumption = None;
    let kubeadm = match (&options.kubeadm, &kubernetes) {
        (Some(kubeadm), _) => {
            if origin == TargetOrigin::Assumed {
                origin = TargetOrigin::Option;
            }
            kubeadm.clone()
        }
        (None, Some(kubernetes)) => kubernetes.clone(),
        (None, None) => {
            let (minor, reason) = assumed_kubeadm(documents);
            assumption = Some(format!("{reason}; pin kubernetesVersion to be sure"));
            releases::newest_patch(minor)
        }
    };
    Target {
        kubernetes,
        kubeadm,
        origin,
        assumption,
    }
}

/// The newest kubeadm release that reads every kubeadm apiVersion in the file.
fn assumed_kubeadm(documents: &[KubeadmDocument<'_>]) -> (Minor, String) {
    let oldest = documents.iter().filter_map(|d| d.kubeadm_version()).min();
    match oldest {
        Some(version) => match version.last_reading_release() {
            Some(minor) => (
                minor.max(releases::OLDEST_KNOWN),
                format!(
                    "assuming kubeadm {minor}, the newest that reads {}",
                    version.as_str()
                ),
            ),
            None => (
                releases::NEWEST_RELEASED,
                format!(
                    "assuming kubeadm {}, the newest release",
                    releases::NEWEST_RELEASED
                ),
            ),
        },
        None => (
            releases::NEWEST_RELEASED,
            format!(
                "assuming kubeadm {}, the newest release",
                releases::NEWEST_RELEASED
            ),
        ),
    }
}
