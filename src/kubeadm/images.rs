//! The images kubeadm pulls, computed exactly as `kubeadm config images list` does.
//!
//! Source: `cmd/kubeadm/app/images/images.go` (`GetKubernetesImage`, `GetDNSImage`,
//! `GetEtcdImage`, `GetPauseImage`, `GetControlPlaneImages`), summarised in the facts, 5.1–5.4.
//! The per-release values (default registry, CoreDNS/pause/etcd tags, CoreDNS path layout, list
//! order) live in [`super::releases`]; this module only combines them with the configuration.
//!
//! kube-dns (`dns.type: kube-dns`, gone in 1.21) and the `ci-cross/` prefix of old releases are
//! not modelled.

use std::fmt;

use super::releases::{self, CorednsLayout};
use super::version::{KubernetesVersionValue, Version};

/// What the image computation reads from a configuration, already merged with flags.
#[derive(Debug, Clone, Copy)]
pub struct ImageInputs<'a> {
    /// The kubeadm binary version.
    pub kubeadm: &'a Version,
    /// `kubernetesVersion` (Concrete or Ci; for Label/Malformed callers pass the kubeadm version
    /// as Concrete).
    pub kubernetes: &'a KubernetesVersionValue,
    /// `ClusterConfiguration.imageRepository` (None/empty = the binary's default).
    pub image_repository: Option<&'a str>,
    /// `dns.imageRepository`.
    pub dns_image_repository: Option<&'a str>,
    /// `dns.imageTag`.
    pub dns_image_tag: Option<&'a str>,
    /// `dns.disabled` (v1beta4); honoured by kubeadm 1.29+ only.
    pub dns_disabled: bool,
    /// `proxy.disabled` (v1beta4); honoured by kubeadm 1.29+ only.
    pub proxy_disabled: bool,
    /// False with external etcd.
    pub etcd_local: bool,
    /// `etcd.local.imageRepository`.
    pub etcd_image_repository: Option<&'a str>,
    /// `etcd.local.imageTag`.
    pub etcd_image_tag: Option<&'a str>,
}

/// The images of a control-plane node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Component {
    ApiServer,
    ControllerManager,
    Scheduler,
    Proxy,
    CoreDns,
    Pause,
    Etcd,
}

impl Component {
    /// The image name on registry.k8s.io, relative to the registry root (CoreDNS: see
    /// [`upstream_reference`]).
    pub fn image_name(self) -> &'static str {
        match self {
            Component::ApiServer => "kube-apiserver",
            Component::ControllerManager => "kube-controller-manager",
            Component::Scheduler => "kube-scheduler",
            Component::Proxy => "kube-proxy",
            Component::CoreDns => "coredns",
            Component::Pause => "pause",
            Component::Etcd => "etcd",
        }
    }
}

/// One image reference, split the way kubeadm builds it (`GetGenericImage(prefix, image, tag)`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Image {
    pub component: Component,
    /// The prefix kubeadm puts before the name, e.g. `registry.k8s.io/coredns`.
    pub repository: String,
    /// The name after the prefix: `coredns`, or `coredns/coredns` for kubeadm 1.21.0–1.21.1.
    pub name: String,
    pub tag: String,
}

impl Image {
    /// `repository/name:tag`, as kubeadm prints it.
    pub fn reference(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}:{}", self.repository, self.name, self.tag)
    }
}

/// Exactly the list `kubeadm config images list` prints, in its order for that kubeadm release.
///
/// Order from kubeadm 1.29.0: kube-apiserver, kube-controller-manager, kube-scheduler,
/// kube-proxy, coredns, pause, etcd; before: kube-apiserver, kube-controller-manager,
/// kube-scheduler, kube-proxy, pause, etcd, coredns. kube-proxy is left out with
/// `proxy.disabled` and CoreDNS with `dns.disabled` (1.29+, the same change), etcd with external
/// etcd.
pub fn control_plane_images(inputs: &ImageInputs) -> Vec<Image> {
    let kubeadm = inputs.kubeadm;
    let addons_first = releases::lists_addons_before_pause(kubeadm);
    // Before 1.29 kubeadm had no way to leave the add-on images out.
    let with_proxy = !(addons_first && inputs.proxy_disabled);
    let with_dns = !(addons_first && inputs.dns_disabled);

    let mut images = vec![
        kubernetes_image(inputs, Component::ApiServer),
        kubernetes_image(inputs, Component::ControllerManager),
        kubernetes_image(inputs, Component::Scheduler),
    ];
    if with_proxy {
        images.push(kubernetes_image(inputs, Component::Proxy));
    }
    if addons_first && with_dns {
        images.push(coredns_image(inputs));
    }
    images.push(pause_image(inputs));
    if inputs.etcd_local {
        images.push(etcd_image(inputs));
    }
    if !addons_first {
        images.push(coredns_image(inputs));
    }
    images
}

/// The CoreDNS image and where a path-preserving mirror of the default registry would hold it.
///
/// Computed whether or not `dns.disabled` is set.
pub fn coredns(inputs: &ImageInputs) -> CorednsPlan {
    let pulled = coredns_image(inputs);
    let upstream_path = coredns_upstream_path(&pulled.tag);
    let mirror_reference = format!(
        "{}/{}:{}",
        image_repository(inputs),
        upstream_path,
        pulled.tag
    );
    CorednsPlan {
        pulled,
        upstream_path,
        mirror_reference,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorednsPlan {
    pub pulled: Image,
    /// the path the image has upstream, relative to a registry root: "coredns/coredns"
    /// (`coredns` for the un-prefixed tags ≤ 1.7.0 that kubeadm ≤ 1.20 used).
    pub upstream_path: &'static str,
    /// the reference a mirror of registry.k8s.io at the same repository prefix would hold, e.g.
    /// "harbor.local/k8s/coredns/coredns:v1.11.1". The prefix is `imageRepository` (or the
    /// binary's default), the root such a mirror is configured with; `dns.imageRepository` is
    /// not part of it.
    pub mirror_reference: String,
}

impl CorednsPlan {
    /// True when kubeadm pulls CoreDNS from a path other than the one a mirror of
    /// registry.k8s.io at `imageRepository` holds: a custom `imageRepository` without
    /// `dns.imageRepository` on kubeadm 1.21.2+, or a registry that is not the binary's own
    /// default spelled out (`registry.k8s.io` before 1.22.17/1.23.15/1.24.9, `k8s.gcr.io` from
    /// 1.25). Meant for configurations without `dns.imageRepository`: with one set, the pulled
    /// path is whatever the user chose and is compared with the mirror at `imageRepository`.
    pub fn differs_from_upstream_layout(&self) -> bool {
        self.pulled.reference() != self.mirror_reference
    }
}

/// Where an image lives on registry.k8s.io (the mirror-of view): for CoreDNS
/// `registry.k8s.io/coredns/coredns:<tag>`, others `registry.k8s.io/<name>:<tag>`.
///
/// CoreDNS tags without a `v` (1.7.0 and older, used by kubeadm ≤ 1.20) were published flat, as
/// `registry.k8s.io/coredns:<tag>`; those are answered that way.
pub fn upstream_reference(image: &Image) -> String {
    let path = match image.component {
        Component::CoreDns => coredns_upstream_path(&image.tag),
        other => other.image_name(),
    };
    format!("{}/{}:{}", releases::DEFAULT_REGISTRY, path, image.tag)
}

/// CoreDNS moved to `coredns/coredns` with the `v`-prefixed tags (v1.8.0, kubeadm 1.21).
fn coredns_upstream_path(tag: &str) -> &'static str {
    if tag.starts_with('v') {
        "coredns/coredns"
    } else {
        "coredns"
    }
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.filter(|value| !value.is_empty())
}

/// `imageRepository` after defaulting: empty means the binary's `DefaultImageRepository`.
fn image_repository<'a>(inputs: &ImageInputs<'a>) -> &'a str {
    non_empty(inputs.image_repository)
        .unwrap_or_else(|| releases::default_image_repository(inputs.kubeadm))
}

/// The version kubeadm derives image tags and the etcd key from, and whether it is a CI build.
///
/// A `ci/` label without a version (`ci/latest`) is resolved over the network by kubeadm; the
/// binary's own version stands in for it here.
fn kubernetes_version<'a>(inputs: &ImageInputs<'a>) -> (&'a Version, bool) {
    match inputs.kubernetes {
        KubernetesVersionValue::Concrete { version, .. } => (version, false),
        KubernetesVersionValue::Ci {
            version: Some(version),
            ..
        } => (version, true),
        KubernetesVersionValue::Ci { version: None, .. } => (inputs.kubeadm, true),
        KubernetesVersionValue::Label(_) | KubernetesVersionValue::Malformed => {
            (inputs.kubeadm, false)
        }
    }
}

/// `GetKubernetesImage`: control plane and kube-proxy, from `GetControlPlaneImageRepository()`,
/// which is the CI registry when `kubernetesVersion` is a `ci/` version and `imageRepository`
/// is the default (set during `NormalizeKubernetesVersion`), tag = version with `+` → `_`.
fn kubernetes_image(inputs: &ImageInputs, component: Component) -> Image {
    let (version, ci) = kubernetes_version(inputs);
    let repository = image_repository(inputs);
    let repository = if ci && repository == releases::default_image_repository(inputs.kubeadm) {
        releases::CI_REGISTRY
    } else {
        repository
    };
    Image {
        component,
        repository: repository.to_string(),
        name: component.image_name().to_string(),
        tag: version.image_tag(),
    }
}

/// `GetDNSImage`: `dns.imageRepository` else `imageRepository` (never the CI registry); the
/// path depends on the binary's [`CorednsLayout`]; tag = `dns.imageTag` else the binary's
/// `CoreDNSVersion`.
fn coredns_image(inputs: &ImageInputs) -> Image {
    let kubeadm = inputs.kubeadm;
    let repository =
        non_empty(inputs.dns_image_repository).unwrap_or_else(|| image_repository(inputs));
    let (repository, name) = match releases::coredns_layout(kubeadm) {
        CorednsLayout::Flat => (repository.to_string(), "coredns"),
        CorednsLayout::NestedEverywhere => (repository.to_string(), "coredns/coredns"),
        CorednsLayout::NestedUnderDefaultOnly => {
            if repository == releases::default_image_repository(kubeadm) {
                (format!("{repository}/coredns"), "coredns")
            } else {
                (repository.to_string(), "coredns")
            }
        }
    };
    let tag = non_empty(inputs.dns_image_tag).unwrap_or_else(|| releases::coredns_version(kubeadm));
    Image {
        component: Component::CoreDns,
        repository,
        name: name.to_string(),
        tag: tag.to_string(),
    }
}

/// `GetPauseImage`: always `imageRepository` (pause is not published to the CI registry).
fn pause_image(inputs: &ImageInputs) -> Image {
    Image {
        component: Component::Pause,
        repository: image_repository(inputs).to_string(),
        name: "pause".to_string(),
        tag: releases::pause_version(inputs.kubeadm).to_string(),
    }
}

/// `GetEtcdImage`: `etcd.local.imageRepository` else `imageRepository`; tag =
/// `etcd.local.imageTag` else the binary's map entry for the minor of `kubernetesVersion`.
fn etcd_image(inputs: &ImageInputs) -> Image {
    let (version, _) = kubernetes_version(inputs);
    let repository =
        non_empty(inputs.etcd_image_repository).unwrap_or_else(|| image_repository(inputs));
    let tag = match non_empty(inputs.etcd_image_tag) {
        Some(tag) => tag,
        None => releases::etcd_version(inputs.kubeadm, version).tag,
    };
    Image {
        component: Component::Etcd,
        repository: repository.to_string(),
        name: "etcd".to_string(),
        tag: tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    fn concrete(text: &str) -> KubernetesVersionValue {
        KubernetesVersionValue::parse(text)
    }

    /// Inputs for a plain `kubeadm init` config: local etcd, nothing disabled or overridden.
    fn inputs<'a>(
        kubeadm: &'a Version,
        kubernetes: &'a KubernetesVersionValue,
        image_repository: Option<&'a str>,
    ) -> ImageInputs<'a> {
        ImageInputs {
            kubeadm,
            kubernetes,
            image_repository,
            dns_image_repository: None,
            dns_image_tag: None,
            dns_disabled: false,
            proxy_disabled: false,
            etcd_local: true,
            etcd_image_repository: None,
            etcd_image_tag: None,
        }
    }

    fn listed(inputs: &ImageInputs) -> Vec<String> {
        control_plane_images(inputs)
            .iter()
            .map(Image::reference)
            .collect()
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    /// `kubeadm config images list` of kubeadm X for `kubernetesVersion` X, written out from the
    /// facts (5.2 default registry, 5.3 CoreDNS path, 5.4 tags and order, 11.2) and the per-patch
    /// tags minikube recorded by running each released binary (see `releases`), for the `.0` of
    /// every minor 1.20–1.37 and every patch where the etcd tag, the CoreDNS tag, the CoreDNS
    /// path or the default registry changed; each once with the default repository and once with
    /// `imageRepository: harbor.local/k8s`.
    const RECORDED: &str = r#"
# kubeadm 1.20.0
k8s.gcr.io/kube-apiserver:v1.20.0
k8s.gcr.io/kube-controller-manager:v1.20.0
k8s.gcr.io/kube-scheduler:v1.20.0
k8s.gcr.io/kube-proxy:v1.20.0
k8s.gcr.io/pause:3.2
k8s.gcr.io/etcd:3.4.13-0
k8s.gcr.io/coredns:1.7.0
# kubeadm 1.20.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.20.0
harbor.local/k8s/kube-controller-manager:v1.20.0
harbor.local/k8s/kube-scheduler:v1.20.0
harbor.local/k8s/kube-proxy:v1.20.0
harbor.local/k8s/pause:3.2
harbor.local/k8s/etcd:3.4.13-0
harbor.local/k8s/coredns:1.7.0
# kubeadm 1.21.0
k8s.gcr.io/kube-apiserver:v1.21.0
k8s.gcr.io/kube-controller-manager:v1.21.0
k8s.gcr.io/kube-scheduler:v1.21.0
k8s.gcr.io/kube-proxy:v1.21.0
k8s.gcr.io/pause:3.4.1
k8s.gcr.io/etcd:3.4.13-0
k8s.gcr.io/coredns/coredns:v1.8.0
# kubeadm 1.21.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.21.0
harbor.local/k8s/kube-controller-manager:v1.21.0
harbor.local/k8s/kube-scheduler:v1.21.0
harbor.local/k8s/kube-proxy:v1.21.0
harbor.local/k8s/pause:3.4.1
harbor.local/k8s/etcd:3.4.13-0
harbor.local/k8s/coredns/coredns:v1.8.0
# kubeadm 1.21.1
k8s.gcr.io/kube-apiserver:v1.21.1
k8s.gcr.io/kube-controller-manager:v1.21.1
k8s.gcr.io/kube-scheduler:v1.21.1
k8s.gcr.io/kube-proxy:v1.21.1
k8s.gcr.io/pause:3.4.1
k8s.gcr.io/etcd:3.4.13-0
k8s.gcr.io/coredns/coredns:v1.8.0
# kubeadm 1.21.1 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.21.1
harbor.local/k8s/kube-controller-manager:v1.21.1
harbor.local/k8s/kube-scheduler:v1.21.1
harbor.local/k8s/kube-proxy:v1.21.1
harbor.local/k8s/pause:3.4.1
harbor.local/k8s/etcd:3.4.13-0
harbor.local/k8s/coredns/coredns:v1.8.0
# kubeadm 1.21.2
k8s.gcr.io/kube-apiserver:v1.21.2
k8s.gcr.io/kube-controller-manager:v1.21.2
k8s.gcr.io/kube-scheduler:v1.21.2
k8s.gcr.io/kube-proxy:v1.21.2
k8s.gcr.io/pause:3.4.1
k8s.gcr.io/etcd:3.4.13-0
k8s.gcr.io/coredns/coredns:v1.8.0
# kubeadm 1.21.2 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.21.2
harbor.local/k8s/kube-controller-manager:v1.21.2
harbor.local/k8s/kube-scheduler:v1.21.2
harbor.local/k8s/kube-proxy:v1.21.2
harbor.local/k8s/pause:3.4.1
harbor.local/k8s/etcd:3.4.13-0
harbor.local/k8s/coredns:v1.8.0
# kubeadm 1.22.0
k8s.gcr.io/kube-apiserver:v1.22.0
k8s.gcr.io/kube-controller-manager:v1.22.0
k8s.gcr.io/kube-scheduler:v1.22.0
k8s.gcr.io/kube-proxy:v1.22.0
k8s.gcr.io/pause:3.5
k8s.gcr.io/etcd:3.5.0-0
k8s.gcr.io/coredns/coredns:v1.8.4
# kubeadm 1.22.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.22.0
harbor.local/k8s/kube-controller-manager:v1.22.0
harbor.local/k8s/kube-scheduler:v1.22.0
harbor.local/k8s/kube-proxy:v1.22.0
harbor.local/k8s/pause:3.5
harbor.local/k8s/etcd:3.5.0-0
harbor.local/k8s/coredns:v1.8.4
# kubeadm 1.22.16
k8s.gcr.io/kube-apiserver:v1.22.16
k8s.gcr.io/kube-controller-manager:v1.22.16
k8s.gcr.io/kube-scheduler:v1.22.16
k8s.gcr.io/kube-proxy:v1.22.16
k8s.gcr.io/pause:3.5
k8s.gcr.io/etcd:3.5.0-0
k8s.gcr.io/coredns/coredns:v1.8.4
# kubeadm 1.22.16 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.22.16
harbor.local/k8s/kube-controller-manager:v1.22.16
harbor.local/k8s/kube-scheduler:v1.22.16
harbor.local/k8s/kube-proxy:v1.22.16
harbor.local/k8s/pause:3.5
harbor.local/k8s/etcd:3.5.0-0
harbor.local/k8s/coredns:v1.8.4
# kubeadm 1.22.17
registry.k8s.io/kube-apiserver:v1.22.17
registry.k8s.io/kube-controller-manager:v1.22.17
registry.k8s.io/kube-scheduler:v1.22.17
registry.k8s.io/kube-proxy:v1.22.17
registry.k8s.io/pause:3.5
registry.k8s.io/etcd:3.5.6-0
registry.k8s.io/coredns/coredns:v1.8.4
# kubeadm 1.22.17 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.22.17
harbor.local/k8s/kube-controller-manager:v1.22.17
harbor.local/k8s/kube-scheduler:v1.22.17
harbor.local/k8s/kube-proxy:v1.22.17
harbor.local/k8s/pause:3.5
harbor.local/k8s/etcd:3.5.6-0
harbor.local/k8s/coredns:v1.8.4
# kubeadm 1.23.0
k8s.gcr.io/kube-apiserver:v1.23.0
k8s.gcr.io/kube-controller-manager:v1.23.0
k8s.gcr.io/kube-scheduler:v1.23.0
k8s.gcr.io/kube-proxy:v1.23.0
k8s.gcr.io/pause:3.6
k8s.gcr.io/etcd:3.5.1-0
k8s.gcr.io/coredns/coredns:v1.8.6
# kubeadm 1.23.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.23.0
harbor.local/k8s/kube-controller-manager:v1.23.0
harbor.local/k8s/kube-scheduler:v1.23.0
harbor.local/k8s/kube-proxy:v1.23.0
harbor.local/k8s/pause:3.6
harbor.local/k8s/etcd:3.5.1-0
harbor.local/k8s/coredns:v1.8.6
# kubeadm 1.23.14
k8s.gcr.io/kube-apiserver:v1.23.14
k8s.gcr.io/kube-controller-manager:v1.23.14
k8s.gcr.io/kube-scheduler:v1.23.14
k8s.gcr.io/kube-proxy:v1.23.14
k8s.gcr.io/pause:3.6
k8s.gcr.io/etcd:3.5.5-0
k8s.gcr.io/coredns/coredns:v1.8.6
# kubeadm 1.23.14 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.23.14
harbor.local/k8s/kube-controller-manager:v1.23.14
harbor.local/k8s/kube-scheduler:v1.23.14
harbor.local/k8s/kube-proxy:v1.23.14
harbor.local/k8s/pause:3.6
harbor.local/k8s/etcd:3.5.5-0
harbor.local/k8s/coredns:v1.8.6
# kubeadm 1.23.15
registry.k8s.io/kube-apiserver:v1.23.15
registry.k8s.io/kube-controller-manager:v1.23.15
registry.k8s.io/kube-scheduler:v1.23.15
registry.k8s.io/kube-proxy:v1.23.15
registry.k8s.io/pause:3.6
registry.k8s.io/etcd:3.5.6-0
registry.k8s.io/coredns/coredns:v1.8.6
# kubeadm 1.23.15 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.23.15
harbor.local/k8s/kube-controller-manager:v1.23.15
harbor.local/k8s/kube-scheduler:v1.23.15
harbor.local/k8s/kube-proxy:v1.23.15
harbor.local/k8s/pause:3.6
harbor.local/k8s/etcd:3.5.6-0
harbor.local/k8s/coredns:v1.8.6
# kubeadm 1.24.0
k8s.gcr.io/kube-apiserver:v1.24.0
k8s.gcr.io/kube-controller-manager:v1.24.0
k8s.gcr.io/kube-scheduler:v1.24.0
k8s.gcr.io/kube-proxy:v1.24.0
k8s.gcr.io/pause:3.7
k8s.gcr.io/etcd:3.5.3-0
k8s.gcr.io/coredns/coredns:v1.8.6
# kubeadm 1.24.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.24.0
harbor.local/k8s/kube-controller-manager:v1.24.0
harbor.local/k8s/kube-scheduler:v1.24.0
harbor.local/k8s/kube-proxy:v1.24.0
harbor.local/k8s/pause:3.7
harbor.local/k8s/etcd:3.5.3-0
harbor.local/k8s/coredns:v1.8.6
# kubeadm 1.24.8
k8s.gcr.io/kube-apiserver:v1.24.8
k8s.gcr.io/kube-controller-manager:v1.24.8
k8s.gcr.io/kube-scheduler:v1.24.8
k8s.gcr.io/kube-proxy:v1.24.8
k8s.gcr.io/pause:3.7
k8s.gcr.io/etcd:3.5.5-0
k8s.gcr.io/coredns/coredns:v1.8.6
# kubeadm 1.24.8 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.24.8
harbor.local/k8s/kube-controller-manager:v1.24.8
harbor.local/k8s/kube-scheduler:v1.24.8
harbor.local/k8s/kube-proxy:v1.24.8
harbor.local/k8s/pause:3.7
harbor.local/k8s/etcd:3.5.5-0
harbor.local/k8s/coredns:v1.8.6
# kubeadm 1.24.9
registry.k8s.io/kube-apiserver:v1.24.9
registry.k8s.io/kube-controller-manager:v1.24.9
registry.k8s.io/kube-scheduler:v1.24.9
registry.k8s.io/kube-proxy:v1.24.9
registry.k8s.io/pause:3.7
registry.k8s.io/etcd:3.5.6-0
registry.k8s.io/coredns/coredns:v1.8.6
# kubeadm 1.24.9 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.24.9
harbor.local/k8s/kube-controller-manager:v1.24.9
harbor.local/k8s/kube-scheduler:v1.24.9
harbor.local/k8s/kube-proxy:v1.24.9
harbor.local/k8s/pause:3.7
harbor.local/k8s/etcd:3.5.6-0
harbor.local/k8s/coredns:v1.8.6
# kubeadm 1.25.0
registry.k8s.io/kube-apiserver:v1.25.0
registry.k8s.io/kube-controller-manager:v1.25.0
registry.k8s.io/kube-scheduler:v1.25.0
registry.k8s.io/kube-proxy:v1.25.0
registry.k8s.io/pause:3.8
registry.k8s.io/etcd:3.5.4-0
registry.k8s.io/coredns/coredns:v1.9.3
# kubeadm 1.25.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.25.0
harbor.local/k8s/kube-controller-manager:v1.25.0
harbor.local/k8s/kube-scheduler:v1.25.0
harbor.local/k8s/kube-proxy:v1.25.0
harbor.local/k8s/pause:3.8
harbor.local/k8s/etcd:3.5.4-0
harbor.local/k8s/coredns:v1.9.3
# kubeadm 1.25.4
registry.k8s.io/kube-apiserver:v1.25.4
registry.k8s.io/kube-controller-manager:v1.25.4
registry.k8s.io/kube-scheduler:v1.25.4
registry.k8s.io/kube-proxy:v1.25.4
registry.k8s.io/pause:3.8
registry.k8s.io/etcd:3.5.5-0
registry.k8s.io/coredns/coredns:v1.9.3
# kubeadm 1.25.4 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.25.4
harbor.local/k8s/kube-controller-manager:v1.25.4
harbor.local/k8s/kube-scheduler:v1.25.4
harbor.local/k8s/kube-proxy:v1.25.4
harbor.local/k8s/pause:3.8
harbor.local/k8s/etcd:3.5.5-0
harbor.local/k8s/coredns:v1.9.3
# kubeadm 1.25.5
registry.k8s.io/kube-apiserver:v1.25.5
registry.k8s.io/kube-controller-manager:v1.25.5
registry.k8s.io/kube-scheduler:v1.25.5
registry.k8s.io/kube-proxy:v1.25.5
registry.k8s.io/pause:3.8
registry.k8s.io/etcd:3.5.6-0
registry.k8s.io/coredns/coredns:v1.9.3
# kubeadm 1.25.5 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.25.5
harbor.local/k8s/kube-controller-manager:v1.25.5
harbor.local/k8s/kube-scheduler:v1.25.5
harbor.local/k8s/kube-proxy:v1.25.5
harbor.local/k8s/pause:3.8
harbor.local/k8s/etcd:3.5.6-0
harbor.local/k8s/coredns:v1.9.3
# kubeadm 1.25.15
registry.k8s.io/kube-apiserver:v1.25.15
registry.k8s.io/kube-controller-manager:v1.25.15
registry.k8s.io/kube-scheduler:v1.25.15
registry.k8s.io/kube-proxy:v1.25.15
registry.k8s.io/pause:3.8
registry.k8s.io/etcd:3.5.9-0
registry.k8s.io/coredns/coredns:v1.9.3
# kubeadm 1.25.15 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.25.15
harbor.local/k8s/kube-controller-manager:v1.25.15
harbor.local/k8s/kube-scheduler:v1.25.15
harbor.local/k8s/kube-proxy:v1.25.15
harbor.local/k8s/pause:3.8
harbor.local/k8s/etcd:3.5.9-0
harbor.local/k8s/coredns:v1.9.3
# kubeadm 1.26.0
registry.k8s.io/kube-apiserver:v1.26.0
registry.k8s.io/kube-controller-manager:v1.26.0
registry.k8s.io/kube-scheduler:v1.26.0
registry.k8s.io/kube-proxy:v1.26.0
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.6-0
registry.k8s.io/coredns/coredns:v1.9.3
# kubeadm 1.26.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.26.0
harbor.local/k8s/kube-controller-manager:v1.26.0
harbor.local/k8s/kube-scheduler:v1.26.0
harbor.local/k8s/kube-proxy:v1.26.0
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.6-0
harbor.local/k8s/coredns:v1.9.3
# kubeadm 1.26.10
registry.k8s.io/kube-apiserver:v1.26.10
registry.k8s.io/kube-controller-manager:v1.26.10
registry.k8s.io/kube-scheduler:v1.26.10
registry.k8s.io/kube-proxy:v1.26.10
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.9-0
registry.k8s.io/coredns/coredns:v1.9.3
# kubeadm 1.26.10 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.26.10
harbor.local/k8s/kube-controller-manager:v1.26.10
harbor.local/k8s/kube-scheduler:v1.26.10
harbor.local/k8s/kube-proxy:v1.26.10
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.9-0
harbor.local/k8s/coredns:v1.9.3
# kubeadm 1.26.13
registry.k8s.io/kube-apiserver:v1.26.13
registry.k8s.io/kube-controller-manager:v1.26.13
registry.k8s.io/kube-scheduler:v1.26.13
registry.k8s.io/kube-proxy:v1.26.13
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.10-0
registry.k8s.io/coredns/coredns:v1.9.3
# kubeadm 1.26.13 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.26.13
harbor.local/k8s/kube-controller-manager:v1.26.13
harbor.local/k8s/kube-scheduler:v1.26.13
harbor.local/k8s/kube-proxy:v1.26.13
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.10-0
harbor.local/k8s/coredns:v1.9.3
# kubeadm 1.27.0
registry.k8s.io/kube-apiserver:v1.27.0
registry.k8s.io/kube-controller-manager:v1.27.0
registry.k8s.io/kube-scheduler:v1.27.0
registry.k8s.io/kube-proxy:v1.27.0
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.7-0
registry.k8s.io/coredns/coredns:v1.10.1
# kubeadm 1.27.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.27.0
harbor.local/k8s/kube-controller-manager:v1.27.0
harbor.local/k8s/kube-scheduler:v1.27.0
harbor.local/k8s/kube-proxy:v1.27.0
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.7-0
harbor.local/k8s/coredns:v1.10.1
# kubeadm 1.27.7
registry.k8s.io/kube-apiserver:v1.27.7
registry.k8s.io/kube-controller-manager:v1.27.7
registry.k8s.io/kube-scheduler:v1.27.7
registry.k8s.io/kube-proxy:v1.27.7
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.9-0
registry.k8s.io/coredns/coredns:v1.10.1
# kubeadm 1.27.7 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.27.7
harbor.local/k8s/kube-controller-manager:v1.27.7
harbor.local/k8s/kube-scheduler:v1.27.7
harbor.local/k8s/kube-proxy:v1.27.7
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.9-0
harbor.local/k8s/coredns:v1.10.1
# kubeadm 1.27.10
registry.k8s.io/kube-apiserver:v1.27.10
registry.k8s.io/kube-controller-manager:v1.27.10
registry.k8s.io/kube-scheduler:v1.27.10
registry.k8s.io/kube-proxy:v1.27.10
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.10-0
registry.k8s.io/coredns/coredns:v1.10.1
# kubeadm 1.27.10 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.27.10
harbor.local/k8s/kube-controller-manager:v1.27.10
harbor.local/k8s/kube-scheduler:v1.27.10
harbor.local/k8s/kube-proxy:v1.27.10
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.10-0
harbor.local/k8s/coredns:v1.10.1
# kubeadm 1.27.12
registry.k8s.io/kube-apiserver:v1.27.12
registry.k8s.io/kube-controller-manager:v1.27.12
registry.k8s.io/kube-scheduler:v1.27.12
registry.k8s.io/kube-proxy:v1.27.12
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.12-0
registry.k8s.io/coredns/coredns:v1.10.1
# kubeadm 1.27.12 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.27.12
harbor.local/k8s/kube-controller-manager:v1.27.12
harbor.local/k8s/kube-scheduler:v1.27.12
harbor.local/k8s/kube-proxy:v1.27.12
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.12-0
harbor.local/k8s/coredns:v1.10.1
# kubeadm 1.28.0
registry.k8s.io/kube-apiserver:v1.28.0
registry.k8s.io/kube-controller-manager:v1.28.0
registry.k8s.io/kube-scheduler:v1.28.0
registry.k8s.io/kube-proxy:v1.28.0
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.9-0
registry.k8s.io/coredns/coredns:v1.10.1
# kubeadm 1.28.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.28.0
harbor.local/k8s/kube-controller-manager:v1.28.0
harbor.local/k8s/kube-scheduler:v1.28.0
harbor.local/k8s/kube-proxy:v1.28.0
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.9-0
harbor.local/k8s/coredns:v1.10.1
# kubeadm 1.28.6
registry.k8s.io/kube-apiserver:v1.28.6
registry.k8s.io/kube-controller-manager:v1.28.6
registry.k8s.io/kube-scheduler:v1.28.6
registry.k8s.io/kube-proxy:v1.28.6
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.10-0
registry.k8s.io/coredns/coredns:v1.10.1
# kubeadm 1.28.6 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.28.6
harbor.local/k8s/kube-controller-manager:v1.28.6
harbor.local/k8s/kube-scheduler:v1.28.6
harbor.local/k8s/kube-proxy:v1.28.6
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.10-0
harbor.local/k8s/coredns:v1.10.1
# kubeadm 1.28.8
registry.k8s.io/kube-apiserver:v1.28.8
registry.k8s.io/kube-controller-manager:v1.28.8
registry.k8s.io/kube-scheduler:v1.28.8
registry.k8s.io/kube-proxy:v1.28.8
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.12-0
registry.k8s.io/coredns/coredns:v1.10.1
# kubeadm 1.28.8 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.28.8
harbor.local/k8s/kube-controller-manager:v1.28.8
harbor.local/k8s/kube-scheduler:v1.28.8
harbor.local/k8s/kube-proxy:v1.28.8
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.12-0
harbor.local/k8s/coredns:v1.10.1
# kubeadm 1.28.14
registry.k8s.io/kube-apiserver:v1.28.14
registry.k8s.io/kube-controller-manager:v1.28.14
registry.k8s.io/kube-scheduler:v1.28.14
registry.k8s.io/kube-proxy:v1.28.14
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.15-0
registry.k8s.io/coredns/coredns:v1.10.1
# kubeadm 1.28.14 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.28.14
harbor.local/k8s/kube-controller-manager:v1.28.14
harbor.local/k8s/kube-scheduler:v1.28.14
harbor.local/k8s/kube-proxy:v1.28.14
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.15-0
harbor.local/k8s/coredns:v1.10.1
# kubeadm 1.29.0
registry.k8s.io/kube-apiserver:v1.29.0
registry.k8s.io/kube-controller-manager:v1.29.0
registry.k8s.io/kube-scheduler:v1.29.0
registry.k8s.io/kube-proxy:v1.29.0
registry.k8s.io/coredns/coredns:v1.11.1
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.10-0
# kubeadm 1.29.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.29.0
harbor.local/k8s/kube-controller-manager:v1.29.0
harbor.local/k8s/kube-scheduler:v1.29.0
harbor.local/k8s/kube-proxy:v1.29.0
harbor.local/k8s/coredns:v1.11.1
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.10-0
# kubeadm 1.29.3
registry.k8s.io/kube-apiserver:v1.29.3
registry.k8s.io/kube-controller-manager:v1.29.3
registry.k8s.io/kube-scheduler:v1.29.3
registry.k8s.io/kube-proxy:v1.29.3
registry.k8s.io/coredns/coredns:v1.11.1
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.12-0
# kubeadm 1.29.3 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.29.3
harbor.local/k8s/kube-controller-manager:v1.29.3
harbor.local/k8s/kube-scheduler:v1.29.3
harbor.local/k8s/kube-proxy:v1.29.3
harbor.local/k8s/coredns:v1.11.1
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.12-0
# kubeadm 1.29.9
registry.k8s.io/kube-apiserver:v1.29.9
registry.k8s.io/kube-controller-manager:v1.29.9
registry.k8s.io/kube-scheduler:v1.29.9
registry.k8s.io/kube-proxy:v1.29.9
registry.k8s.io/coredns/coredns:v1.11.1
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.15-0
# kubeadm 1.29.9 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.29.9
harbor.local/k8s/kube-controller-manager:v1.29.9
harbor.local/k8s/kube-scheduler:v1.29.9
harbor.local/k8s/kube-proxy:v1.29.9
harbor.local/k8s/coredns:v1.11.1
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.15-0
# kubeadm 1.29.11
registry.k8s.io/kube-apiserver:v1.29.11
registry.k8s.io/kube-controller-manager:v1.29.11
registry.k8s.io/kube-scheduler:v1.29.11
registry.k8s.io/kube-proxy:v1.29.11
registry.k8s.io/coredns/coredns:v1.11.1
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.16-0
# kubeadm 1.29.11 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.29.11
harbor.local/k8s/kube-controller-manager:v1.29.11
harbor.local/k8s/kube-scheduler:v1.29.11
harbor.local/k8s/kube-proxy:v1.29.11
harbor.local/k8s/coredns:v1.11.1
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.16-0
# kubeadm 1.30.0
registry.k8s.io/kube-apiserver:v1.30.0
registry.k8s.io/kube-controller-manager:v1.30.0
registry.k8s.io/kube-scheduler:v1.30.0
registry.k8s.io/kube-proxy:v1.30.0
registry.k8s.io/coredns/coredns:v1.11.1
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.12-0
# kubeadm 1.30.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.30.0
harbor.local/k8s/kube-controller-manager:v1.30.0
harbor.local/k8s/kube-scheduler:v1.30.0
harbor.local/k8s/kube-proxy:v1.30.0
harbor.local/k8s/coredns:v1.11.1
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.12-0
# kubeadm 1.30.5
registry.k8s.io/kube-apiserver:v1.30.5
registry.k8s.io/kube-controller-manager:v1.30.5
registry.k8s.io/kube-scheduler:v1.30.5
registry.k8s.io/kube-proxy:v1.30.5
registry.k8s.io/coredns/coredns:v1.11.3
registry.k8s.io/pause:3.9
registry.k8s.io/etcd:3.5.15-0
# kubeadm 1.30.5 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.30.5
harbor.local/k8s/kube-controller-manager:v1.30.5
harbor.local/k8s/kube-scheduler:v1.30.5
harbor.local/k8s/kube-proxy:v1.30.5
harbor.local/k8s/coredns:v1.11.3
harbor.local/k8s/pause:3.9
harbor.local/k8s/etcd:3.5.15-0
# kubeadm 1.31.0
registry.k8s.io/kube-apiserver:v1.31.0
registry.k8s.io/kube-controller-manager:v1.31.0
registry.k8s.io/kube-scheduler:v1.31.0
registry.k8s.io/kube-proxy:v1.31.0
registry.k8s.io/coredns/coredns:v1.11.1
registry.k8s.io/pause:3.10
registry.k8s.io/etcd:3.5.15-0
# kubeadm 1.31.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.31.0
harbor.local/k8s/kube-controller-manager:v1.31.0
harbor.local/k8s/kube-scheduler:v1.31.0
harbor.local/k8s/kube-proxy:v1.31.0
harbor.local/k8s/coredns:v1.11.1
harbor.local/k8s/pause:3.10
harbor.local/k8s/etcd:3.5.15-0
# kubeadm 1.31.1
registry.k8s.io/kube-apiserver:v1.31.1
registry.k8s.io/kube-controller-manager:v1.31.1
registry.k8s.io/kube-scheduler:v1.31.1
registry.k8s.io/kube-proxy:v1.31.1
registry.k8s.io/coredns/coredns:v1.11.3
registry.k8s.io/pause:3.10
registry.k8s.io/etcd:3.5.15-0
# kubeadm 1.31.1 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.31.1
harbor.local/k8s/kube-controller-manager:v1.31.1
harbor.local/k8s/kube-scheduler:v1.31.1
harbor.local/k8s/kube-proxy:v1.31.1
harbor.local/k8s/coredns:v1.11.3
harbor.local/k8s/pause:3.10
harbor.local/k8s/etcd:3.5.15-0
# kubeadm 1.31.14
registry.k8s.io/kube-apiserver:v1.31.14
registry.k8s.io/kube-controller-manager:v1.31.14
registry.k8s.io/kube-scheduler:v1.31.14
registry.k8s.io/kube-proxy:v1.31.14
registry.k8s.io/coredns/coredns:v1.11.3
registry.k8s.io/pause:3.10
registry.k8s.io/etcd:3.5.24-0
# kubeadm 1.31.14 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.31.14
harbor.local/k8s/kube-controller-manager:v1.31.14
harbor.local/k8s/kube-scheduler:v1.31.14
harbor.local/k8s/kube-proxy:v1.31.14
harbor.local/k8s/coredns:v1.11.3
harbor.local/k8s/pause:3.10
harbor.local/k8s/etcd:3.5.24-0
# kubeadm 1.32.0
registry.k8s.io/kube-apiserver:v1.32.0
registry.k8s.io/kube-controller-manager:v1.32.0
registry.k8s.io/kube-scheduler:v1.32.0
registry.k8s.io/kube-proxy:v1.32.0
registry.k8s.io/coredns/coredns:v1.11.3
registry.k8s.io/pause:3.10
registry.k8s.io/etcd:3.5.16-0
# kubeadm 1.32.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.32.0
harbor.local/k8s/kube-controller-manager:v1.32.0
harbor.local/k8s/kube-scheduler:v1.32.0
harbor.local/k8s/kube-proxy:v1.32.0
harbor.local/k8s/coredns:v1.11.3
harbor.local/k8s/pause:3.10
harbor.local/k8s/etcd:3.5.16-0
# kubeadm 1.32.10
registry.k8s.io/kube-apiserver:v1.32.10
registry.k8s.io/kube-controller-manager:v1.32.10
registry.k8s.io/kube-scheduler:v1.32.10
registry.k8s.io/kube-proxy:v1.32.10
registry.k8s.io/coredns/coredns:v1.11.3
registry.k8s.io/pause:3.10
registry.k8s.io/etcd:3.5.24-0
# kubeadm 1.32.10 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.32.10
harbor.local/k8s/kube-controller-manager:v1.32.10
harbor.local/k8s/kube-scheduler:v1.32.10
harbor.local/k8s/kube-proxy:v1.32.10
harbor.local/k8s/coredns:v1.11.3
harbor.local/k8s/pause:3.10
harbor.local/k8s/etcd:3.5.24-0
# kubeadm 1.33.0
registry.k8s.io/kube-apiserver:v1.33.0
registry.k8s.io/kube-controller-manager:v1.33.0
registry.k8s.io/kube-scheduler:v1.33.0
registry.k8s.io/kube-proxy:v1.33.0
registry.k8s.io/coredns/coredns:v1.12.0
registry.k8s.io/pause:3.10
registry.k8s.io/etcd:3.5.21-0
# kubeadm 1.33.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.33.0
harbor.local/k8s/kube-controller-manager:v1.33.0
harbor.local/k8s/kube-scheduler:v1.33.0
harbor.local/k8s/kube-proxy:v1.33.0
harbor.local/k8s/coredns:v1.12.0
harbor.local/k8s/pause:3.10
harbor.local/k8s/etcd:3.5.21-0
# kubeadm 1.33.6
registry.k8s.io/kube-apiserver:v1.33.6
registry.k8s.io/kube-controller-manager:v1.33.6
registry.k8s.io/kube-scheduler:v1.33.6
registry.k8s.io/kube-proxy:v1.33.6
registry.k8s.io/coredns/coredns:v1.12.0
registry.k8s.io/pause:3.10
registry.k8s.io/etcd:3.5.24-0
# kubeadm 1.33.6 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.33.6
harbor.local/k8s/kube-controller-manager:v1.33.6
harbor.local/k8s/kube-scheduler:v1.33.6
harbor.local/k8s/kube-proxy:v1.33.6
harbor.local/k8s/coredns:v1.12.0
harbor.local/k8s/pause:3.10
harbor.local/k8s/etcd:3.5.24-0
# kubeadm 1.34.0
registry.k8s.io/kube-apiserver:v1.34.0
registry.k8s.io/kube-controller-manager:v1.34.0
registry.k8s.io/kube-scheduler:v1.34.0
registry.k8s.io/kube-proxy:v1.34.0
registry.k8s.io/coredns/coredns:v1.12.1
registry.k8s.io/pause:3.10.1
registry.k8s.io/etcd:3.6.4-0
# kubeadm 1.34.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.34.0
harbor.local/k8s/kube-controller-manager:v1.34.0
harbor.local/k8s/kube-scheduler:v1.34.0
harbor.local/k8s/kube-proxy:v1.34.0
harbor.local/k8s/coredns:v1.12.1
harbor.local/k8s/pause:3.10.1
harbor.local/k8s/etcd:3.6.4-0
# kubeadm 1.34.2
registry.k8s.io/kube-apiserver:v1.34.2
registry.k8s.io/kube-controller-manager:v1.34.2
registry.k8s.io/kube-scheduler:v1.34.2
registry.k8s.io/kube-proxy:v1.34.2
registry.k8s.io/coredns/coredns:v1.12.1
registry.k8s.io/pause:3.10.1
registry.k8s.io/etcd:3.6.5-0
# kubeadm 1.34.2 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.34.2
harbor.local/k8s/kube-controller-manager:v1.34.2
harbor.local/k8s/kube-scheduler:v1.34.2
harbor.local/k8s/kube-proxy:v1.34.2
harbor.local/k8s/coredns:v1.12.1
harbor.local/k8s/pause:3.10.1
harbor.local/k8s/etcd:3.6.5-0
# kubeadm 1.35.0
registry.k8s.io/kube-apiserver:v1.35.0
registry.k8s.io/kube-controller-manager:v1.35.0
registry.k8s.io/kube-scheduler:v1.35.0
registry.k8s.io/kube-proxy:v1.35.0
registry.k8s.io/coredns/coredns:v1.13.1
registry.k8s.io/pause:3.10.1
registry.k8s.io/etcd:3.6.6-0
# kubeadm 1.35.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.35.0
harbor.local/k8s/kube-controller-manager:v1.35.0
harbor.local/k8s/kube-scheduler:v1.35.0
harbor.local/k8s/kube-proxy:v1.35.0
harbor.local/k8s/coredns:v1.13.1
harbor.local/k8s/pause:3.10.1
harbor.local/k8s/etcd:3.6.6-0
# kubeadm 1.36.0
registry.k8s.io/kube-apiserver:v1.36.0
registry.k8s.io/kube-controller-manager:v1.36.0
registry.k8s.io/kube-scheduler:v1.36.0
registry.k8s.io/kube-proxy:v1.36.0
registry.k8s.io/coredns/coredns:v1.14.2
registry.k8s.io/pause:3.10.2
registry.k8s.io/etcd:3.6.8-0
# kubeadm 1.36.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.36.0
harbor.local/k8s/kube-controller-manager:v1.36.0
harbor.local/k8s/kube-scheduler:v1.36.0
harbor.local/k8s/kube-proxy:v1.36.0
harbor.local/k8s/coredns:v1.14.2
harbor.local/k8s/pause:3.10.2
harbor.local/k8s/etcd:3.6.8-0
# kubeadm 1.37.0
registry.k8s.io/kube-apiserver:v1.37.0
registry.k8s.io/kube-controller-manager:v1.37.0
registry.k8s.io/kube-scheduler:v1.37.0
registry.k8s.io/kube-proxy:v1.37.0
registry.k8s.io/coredns/coredns:v1.14.6
registry.k8s.io/pause:3.10.2
registry.k8s.io/etcd:3.7.0-0
# kubeadm 1.37.0 imageRepository=harbor.local/k8s
harbor.local/k8s/kube-apiserver:v1.37.0
harbor.local/k8s/kube-controller-manager:v1.37.0
harbor.local/k8s/kube-scheduler:v1.37.0
harbor.local/k8s/kube-proxy:v1.37.0
harbor.local/k8s/coredns:v1.14.6
harbor.local/k8s/pause:3.10.2
harbor.local/k8s/etcd:3.7.0-0
"#;

    fn recorded() -> Vec<(String, Option<String>, Vec<String>)> {
        let mut cases: Vec<(String, Option<String>, Vec<String>)> = Vec::new();
        for line in RECORDED.lines().filter(|l| !l.is_empty()) {
            if let Some(header) = line.strip_prefix("# kubeadm ") {
                let mut words = header.split(' ');
                let version = words.next().unwrap().to_string();
                let repo = words
                    .next()
                    .map(|w| w.strip_prefix("imageRepository=").unwrap());
                cases.push((version, repo.map(String::from), Vec::new()));
            } else {
                cases.last_mut().unwrap().2.push(line.to_string());
            }
        }
        cases
    }

    #[test]
    fn matches_recorded_outputs_for_every_release_line() {
        let cases = recorded();
        for (version, repo, expected) in &cases {
            let kubeadm = v(version);
            let kubernetes = concrete(version);
            let got = listed(&inputs(&kubeadm, &kubernetes, repo.as_deref()));
            assert_eq!(
                &got, expected,
                "kubeadm {version}, imageRepository {repo:?}"
            );
        }
        // Every minor 1.20..=1.37 has its .0 release, with and without a custom repository.
        for minor in 20..=37 {
            let dot_zero = format!("1.{minor}.0");
            for custom in [false, true] {
                assert!(
                    cases
                        .iter()
                        .any(|(v, r, _)| *v == dot_zero && r.is_some() == custom),
                    "missing {dot_zero} (custom: {custom})"
                );
            }
        }
    }

    #[test]
    fn verbatim_default_list_of_a_1_31_1_binary_for_1_31_0() {
        // Facts 5.4: real output; the CoreDNS tag shows a 1.31.1+ binary.
        let kubeadm = v("1.31.1");
        let kubernetes = concrete("1.31.0");
        let expected = lines(
            "
            registry.k8s.io/kube-apiserver:v1.31.0
            registry.k8s.io/kube-controller-manager:v1.31.0
            registry.k8s.io/kube-scheduler:v1.31.0
            registry.k8s.io/kube-proxy:v1.31.0
            registry.k8s.io/coredns/coredns:v1.11.3
            registry.k8s.io/pause:3.10
            registry.k8s.io/etcd:3.5.15-0
            ",
        );
        assert_eq!(listed(&inputs(&kubeadm, &kubernetes, None)), expected);
    }

    #[test]
    fn verbatim_custom_repository_list_for_1_31_1() {
        // Facts 5.4: the same binary with imageRepository hub.8ops.top/google_containers.
        let kubeadm = v("1.31.1");
        let kubernetes = concrete("1.31.1");
        let repo = Some("hub.8ops.top/google_containers");
        let expected = lines(
            "
            hub.8ops.top/google_containers/kube-apiserver:v1.31.1
            hub.8ops.top/google_containers/kube-controller-manager:v1.31.1
            hub.8ops.top/google_containers/kube-scheduler:v1.31.1
            hub.8ops.top/google_containers/kube-proxy:v1.31.1
            hub.8ops.top/google_containers/coredns:v1.11.3
            hub.8ops.top/google_containers/pause:3.10
            hub.8ops.top/google_containers/etcd:3.5.15-0
            ",
        );
        assert_eq!(listed(&inputs(&kubeadm, &kubernetes, repo)), expected);
    }

    #[test]
    fn coredns_path_across_1_21_patches() {
        let repo = Some("registry.cn-hangzhou.aliyuncs.com/google_containers");
        for (kubeadm, pulled, differs) in [
            (
                "1.21.0",
                "registry.cn-hangzhou.aliyuncs.com/google_containers/coredns/coredns:v1.8.0",
                false,
            ),
            (
                "1.21.1",
                "registry.cn-hangzhou.aliyuncs.com/google_containers/coredns/coredns:v1.8.0",
                false,
            ),
            // Observed for 1.21.7 in the facts (5.3); flat from 1.21.2.
            (
                "1.21.2",
                "registry.cn-hangzhou.aliyuncs.com/google_containers/coredns:v1.8.0",
                true,
            ),
            (
                "1.21.7",
                "registry.cn-hangzhou.aliyuncs.com/google_containers/coredns:v1.8.0",
                true,
            ),
        ] {
            let kubeadm = v(kubeadm);
            let kubernetes = concrete(&kubeadm.to_string());
            let plan = coredns(&inputs(&kubeadm, &kubernetes, repo));
            assert_eq!(plan.pulled.reference(), pulled, "{kubeadm}");
            assert_eq!(plan.pulled.to_string(), pulled, "{kubeadm}");
            assert_eq!(plan.differs_from_upstream_layout(), differs, "{kubeadm}");
            assert_eq!(plan.upstream_path, "coredns/coredns");
            assert_eq!(
                plan.mirror_reference,
                "registry.cn-hangzhou.aliyuncs.com/google_containers/coredns/coredns:v1.8.0"
            );
        }
        // kubernetes/kubeadm#2525: a 1.21.2 binary with a registry on a port.
        let kubeadm = v("1.21.2");
        let kubernetes = concrete("1.21.2");
        let plan = coredns(&inputs(&kubeadm, &kubernetes, Some("x.x.x.x:8082")));
        assert_eq!(plan.pulled.reference(), "x.x.x.x:8082/coredns:v1.8.0");
    }

    #[test]
    fn explicit_registry_that_is_not_the_binarys_default_is_not_nested() {
        // Facts 5.3: the exact-match rule compares with the binary's own default.
        let cases = [
            ("1.25.0", "k8s.gcr.io", "k8s.gcr.io/coredns:v1.9.3"),
            ("1.31.5", "k8s.gcr.io", "k8s.gcr.io/coredns:v1.11.3"),
            (
                "1.24.0",
                "registry.k8s.io",
                "registry.k8s.io/coredns:v1.8.6",
            ),
            ("1.24.9", "k8s.gcr.io", "k8s.gcr.io/coredns:v1.8.6"),
            // Spelling the binary's own default out changes nothing.
            ("1.24.0", "k8s.gcr.io", "k8s.gcr.io/coredns/coredns:v1.8.6"),
            (
                "1.24.9",
                "registry.k8s.io",
                "registry.k8s.io/coredns/coredns:v1.8.6",
            ),
        ];
        for (kubeadm, repo, pulled) in cases {
            let kubeadm = v(kubeadm);
            let kubernetes = concrete(&kubeadm.to_string());
            let inputs = inputs(&kubeadm, &kubernetes, Some(repo));
            let plan = coredns(&inputs);
            assert_eq!(plan.pulled.reference(), pulled, "{kubeadm} {repo}");
            let nested = pulled.contains("/coredns/coredns:");
            assert_eq!(
                plan.differs_from_upstream_layout(),
                !nested,
                "{kubeadm} {repo}"
            );
            assert!(listed(&inputs).contains(&pulled.to_string()));
        }
    }

    #[test]
    fn dns_image_repository_and_tag_overrides() {
        let kubeadm = v("1.29.4");
        let kubernetes = concrete("1.29.4");
        let mut config = inputs(&kubeadm, &kubernetes, Some("harbor.local/k8s"));

        // The maintainers' advice: put the nested path into dns.imageRepository.
        config.dns_image_repository = Some("harbor.local/k8s/coredns");
        let plan = coredns(&config);
        assert_eq!(
            plan.pulled.reference(),
            "harbor.local/k8s/coredns/coredns:v1.11.1"
        );
        assert!(!plan.differs_from_upstream_layout());

        // dns.imageRepository equal to the binary's default gets the nested path, whatever
        // imageRepository is.
        config.dns_image_repository = Some("registry.k8s.io");
        assert_eq!(
            coredns(&config).pulled.reference(),
            "registry.k8s.io/coredns/coredns:v1.11.1"
        );

        // An empty dns.imageRepository is ignored.
        config.dns_image_repository = Some("");
        assert_eq!(
            coredns(&config).pulled.reference(),
            "harbor.local/k8s/coredns:v1.11.1"
        );

        config.dns_image_tag = Some("v1.11.4");
        let plan = coredns(&config);
        assert_eq!(plan.pulled.reference(), "harbor.local/k8s/coredns:v1.11.4");
        assert_eq!(
            plan.mirror_reference,
            "harbor.local/k8s/coredns/coredns:v1.11.4"
        );
        assert_eq!(
            upstream_reference(&plan.pulled),
            "registry.k8s.io/coredns/coredns:v1.11.4"
        );
    }

    #[test]
    fn order_changes_at_1_29_0() {
        use Component::*;
        let order = |version: &str| {
            let kubeadm = v(version);
            let kubernetes = concrete(version);
            control_plane_images(&inputs(&kubeadm, &kubernetes, None))
                .iter()
                .map(|image| image.component)
                .collect::<Vec<_>>()
        };
        let old = [
            ApiServer,
            ControllerManager,
            Scheduler,
            Proxy,
            Pause,
            Etcd,
            CoreDns,
        ];
        let new = [
            ApiServer,
            ControllerManager,
            Scheduler,
            Proxy,
            CoreDns,
            Pause,
            Etcd,
        ];
        assert_eq!(order("1.28.15"), old);
        assert_eq!(order("1.28.14"), old);
        assert_eq!(order("1.29.0"), new);
        assert_eq!(order("1.29.15"), new);
        assert_eq!(order("1.37.0"), new);
    }

    #[test]
    fn disabled_addons_and_external_etcd() {
        let kubeadm = v("1.31.2");
        let kubernetes = concrete("v1.31.2");
        let mut config = inputs(&kubeadm, &kubernetes, None);
        config.proxy_disabled = true;
        config.dns_disabled = true;
        config.etcd_local = false;
        let expected = lines(
            "
            registry.k8s.io/kube-apiserver:v1.31.2
            registry.k8s.io/kube-controller-manager:v1.31.2
            registry.k8s.io/kube-scheduler:v1.31.2
            registry.k8s.io/pause:3.10
            ",
        );
        assert_eq!(listed(&config), expected);
        // The plan is still computed for a disabled CoreDNS.
        assert_eq!(
            coredns(&config).pulled.reference(),
            "registry.k8s.io/coredns/coredns:v1.11.3"
        );

        // kubeadm before 1.29 had no way to leave the add-on images out.
        let kubeadm = v("1.28.3");
        let kubernetes = concrete("1.28.3");
        let mut config = inputs(&kubeadm, &kubernetes, None);
        config.proxy_disabled = true;
        config.dns_disabled = true;
        assert_eq!(listed(&config).len(), 7);
    }

    #[test]
    fn etcd_overrides_and_skew() {
        let kubeadm = v("1.30.2");
        // etcd follows kubernetesVersion through the binary's map, CoreDNS and pause the binary.
        let kubernetes = concrete("1.29.6");
        let mut config = inputs(&kubeadm, &kubernetes, None);
        let expected = lines(
            "
            registry.k8s.io/kube-apiserver:v1.29.6
            registry.k8s.io/kube-controller-manager:v1.29.6
            registry.k8s.io/kube-scheduler:v1.29.6
            registry.k8s.io/kube-proxy:v1.29.6
            registry.k8s.io/coredns/coredns:v1.11.1
            registry.k8s.io/pause:3.9
            registry.k8s.io/etcd:3.5.12-0
            ",
        );
        assert_eq!(listed(&config), expected);

        config.etcd_image_repository = Some("quay.io/coreos");
        config.etcd_image_tag = Some("v3.5.13");
        let etcd = control_plane_images(&config).pop().unwrap();
        assert_eq!(etcd.component, Component::Etcd);
        assert_eq!(etcd.reference(), "quay.io/coreos/etcd:v3.5.13");

        // A 1.34 binary deploying a 1.33 control plane keeps etcd 3.5.
        let kubeadm = v("1.34.3");
        let kubernetes = concrete("1.33.7");
        let etcd = control_plane_images(&inputs(&kubeadm, &kubernetes, None))
            .pop()
            .unwrap();
        assert_eq!(etcd.reference(), "registry.k8s.io/etcd:3.5.24-0");
    }

    #[test]
    fn ci_versions_use_the_ci_registry_for_kubernetes_images_only() {
        let kubeadm = v("1.38.0-alpha.2");
        let kubernetes = concrete("ci/v1.38.0-alpha.2.123+0123456789abcd");
        let expected = lines(
            "
            gcr.io/k8s-staging-ci-images/kube-apiserver:v1.38.0-alpha.2.123_0123456789abcd
            gcr.io/k8s-staging-ci-images/kube-controller-manager:v1.38.0-alpha.2.123_0123456789abcd
            gcr.io/k8s-staging-ci-images/kube-scheduler:v1.38.0-alpha.2.123_0123456789abcd
            gcr.io/k8s-staging-ci-images/kube-proxy:v1.38.0-alpha.2.123_0123456789abcd
            registry.k8s.io/coredns/coredns:v1.14.7
            registry.k8s.io/pause:3.10.2
            registry.k8s.io/etcd:3.7.2-0
            ",
        );
        assert_eq!(listed(&inputs(&kubeadm, &kubernetes, None)), expected);
        // Spelling out the default counts as the default.
        assert_eq!(
            listed(&inputs(&kubeadm, &kubernetes, Some("registry.k8s.io"))),
            expected
        );

        // A custom imageRepository switches the CI registry off.
        let listed_custom = listed(&inputs(&kubeadm, &kubernetes, Some("harbor.local/k8s")));
        assert_eq!(
            listed_custom[0],
            "harbor.local/k8s/kube-apiserver:v1.38.0-alpha.2.123_0123456789abcd"
        );
        assert_eq!(listed_custom[5], "harbor.local/k8s/pause:3.10.2");

        // ci/latest cannot be resolved offline: the binary's version stands in for the tag.
        let latest = concrete("ci/latest");
        let kubeadm = v("1.37.0");
        assert_eq!(
            listed(&inputs(&kubeadm, &latest, None))[0],
            "gcr.io/k8s-staging-ci-images/kube-apiserver:v1.37.0"
        );
    }

    #[test]
    fn empty_repository_means_default_and_tags_get_a_v() {
        let kubeadm = v("1.27.3");
        let kubernetes = concrete("1.27.3+custom.1");
        let got = listed(&inputs(&kubeadm, &kubernetes, Some("")));
        assert_eq!(got[0], "registry.k8s.io/kube-apiserver:v1.27.3_custom.1");
        assert_eq!(got[6], "registry.k8s.io/coredns/coredns:v1.10.1");
    }

    #[test]
    fn upstream_references() {
        let kubeadm = v("1.30.1");
        let kubernetes = concrete("1.30.1");
        let images = control_plane_images(&inputs(&kubeadm, &kubernetes, Some("harbor.local/k8s")));
        let upstream: Vec<String> = images.iter().map(upstream_reference).collect();
        let expected = lines(
            "
            registry.k8s.io/kube-apiserver:v1.30.1
            registry.k8s.io/kube-controller-manager:v1.30.1
            registry.k8s.io/kube-scheduler:v1.30.1
            registry.k8s.io/kube-proxy:v1.30.1
            registry.k8s.io/coredns/coredns:v1.11.1
            registry.k8s.io/pause:3.9
            registry.k8s.io/etcd:3.5.12-0
            ",
        );
        assert_eq!(upstream, expected);

        // kubeadm 1.20 used the flat, un-prefixed CoreDNS tags.
        let kubeadm = v("1.20.15");
        let kubernetes = concrete("1.20.15");
        let plan = coredns(&inputs(&kubeadm, &kubernetes, Some("harbor.local/k8s")));
        assert_eq!(plan.pulled.reference(), "harbor.local/k8s/coredns:1.7.0");
        assert_eq!(plan.upstream_path, "coredns");
        assert!(!plan.differs_from_upstream_layout());
        assert_eq!(
            upstream_reference(&plan.pulled),
            "registry.k8s.io/coredns:1.7.0"
        );
    }
}
