//! kubeadm appends the image name to each repository (`GetGenericImage(prefix, image, tag)`,
//! `GetDNSImage`, `GetEtcdImage` in `cmd/kubeadm/app/images/images.go`): `<repo>/etcd:<tag>`,
//! `<dns repo>/coredns:<tag>`, `<repo>/kube-apiserver:<tag>`. A repository that already ends in
//! the image name doubles it (`…/etcd/etcd:3.5.15-0`, `…/coredns/coredns/coredns:v1.11.3`); kubespray
//! strips these suffixes from user input for that reason.

use crate::fix::edits;
use crate::kubeadm::images;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "image-repository-includes-image-name",
    summary: "an image repository ends with the image name kubeadm appends itself",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/image-repository-includes-image-name.md"),
    check,
};

const NAMES: [images::Component; 7] = [
    images::Component::ApiServer,
    images::Component::ControllerManager,
    images::Component::Scheduler,
    images::Component::Proxy,
    images::Component::CoreDns,
    images::Component::Pause,
    images::Component::Etcd,
];

fn check(config: &ConfigSet, sink: &mut Sink) {
    for doc in config.of_kind(Kind::ClusterConfiguration) {
        for (field, node) in doc.image_repositories() {
            let Some(repository) = node.as_str() else { continue };
            let trimmed = repository.trim_end_matches('/');
            let doubled = match field {
                "etcd.local.imageRepository" => trimmed.strip_suffix("/etcd").map(|r| (r, "etcd")),
                "dns.imageRepository" => trimmed.strip_suffix("/coredns/coredns").map(|r| (r, "coredns")),
                _ => NAMES
                    .iter()
                    .map(|c| c.image_name())
                    .find_map(|name| trimmed.strip_suffix(&format!("/{name}")).map(|r| (r, name))),
            };
            let Some((base, name)) = doubled else { continue };
            let fixed = if field == "dns.imageRepository" {
                format!("{base}/coredns")
            } else {
                base.to_string()
            };
            if fixed.is_empty() {
                continue;
            }
            let pulled = if field == "imageRepository" {
                format!("{repository}/kube-apiserver:<tag>")
            } else {
                format!("{repository}/{name}:<tag>")
            };
            let edit = edits::replace_scalar(node, &fixed);
            sink.report(node.span(), format!("`{field}` ends with the image name `{name}`, which kubeadm appends itself"))
                .primary_label("image name included")
                .help(format!("kubeadm pulls `{pulled}`, an image that does not exist; {field} is a repository prefix: write `{fixed}`"))
                .fix_safe(format!("write {field}: {fixed}"), edit.into_iter().collect());
        }
    }
}
