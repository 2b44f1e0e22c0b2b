//! kubeadm builds every image as `<imageRepository>/<name>:<tag>`; a scheme, a trailing slash,
//! white space or a tag in the repository gives an invalid reference
//! (`ValidateImageRepository`, cmd/kubeadm/app/apis/kubeadm/validation/validation.go, since 1.26).

use crate::fix::edits;
use crate::kubeadm::reference::{self, RepositoryProblem};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "image-repository-format",
    summary: "an image repository has a scheme, a trailing slash, white space, a tag or bad characters",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/image-repository-format.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for cluster in config.of_kind(Kind::ClusterConfiguration) {
        for (field, node) in cluster.image_repositories() {
            let Some(repository) = node.as_str() else { continue };
            // An empty value is defaulted by kubeadm.
            let Some(problem) = reference::check_repository(repository).filter(|p| *p != RepositoryProblem::Empty)
            else {
                continue;
            };
            let message = format!("{field} `{}` {}", repository.escape_debug(), problem.describe());
            let report = sink.report(node.span(), message)
                .primary_label(format!("kubeadm would pull `{}/kube-apiserver:<tag>`", repository.trim_end()));
            if problem.is_mechanically_fixable() {
                let normalized = reference::normalize_repository(repository);
                let valid = reference::check_repository(&normalized).is_none();
                let edit = valid.then(|| edits::replace_scalar(node, &normalized)).flatten();
                report
                    .help(format!("write `{normalized}`: a repository is a registry host and path, nothing more"))
                    .fix_safe(format!("write `{normalized}`"), edit.into_iter().collect());
            } else {
                report.help(match problem {
                    RepositoryProblem::TagOrDigest => "remove the tag or digest: kubeadm appends `/<image>:<tag>` itself; pin versions with kubernetesVersion, dns.imageTag or etcd.local.imageTag".to_string(),
                    RepositoryProblem::Uppercase => "image paths are lower case: registries refuse upper-case repository names".to_string(),
                    _ => "write a registry host and path such as `registry.example.com/k8s`".to_string(),
                });
            }
        }
    }
}
