//! kubeadm pulls `<imageRepository>/pause:<tag>`, but pod sandboxes are created by the container
//! runtime with its own sandbox image (containerd `sandbox_image`, CRI-O `pause_image`), often
//! `registry.k8s.io/pause:3.x`; an air-gapped node with a mirror then cannot start any pod, and
//! kubeadm 1.27+ only warns that "the sandbox image … is inconsistent with that used by kubeadm"
//! (kubernetes/kubeadm#2801, kubernetes/kubernetes#115610). The runtime's configuration is node
//! state, so this is a hint with the command that checks it.

use crate::kubeadm::{registry, releases};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "sandbox-image-not-mirrored",
    summary: "a custom image repository or pull policy that the container runtime's sandbox image must follow (node state)",
    severity: Severity::Info,
    fix: FixAvailability::None,
    page: include_str!("../../rules/sandbox-image-not-mirrored.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let kubeadm = &target.kubeadm;
    let pause = releases::pause_version(kubeadm);
    let default = releases::default_image_repository(kubeadm);
    let assumed = target.assumption_suffix();
    let custom = config.cluster().and_then(|c| c.str_at(&["imageRepository"])).filter(|repo| {
        repo.value != default && repo.value != releases::DEFAULT_REGISTRY && registry::legacy_prefix(repo.value).is_none()
    });
    if let Some(repo) = custom {
        sink.report(repo.span, format!("the container runtime must use `{}/pause:{pause}` as its sandbox image too{assumed}", repo.value))
            .primary_label("the runtime's sandbox image must come from here too")
            .help(format!("kubeadm pulls {}/pause:{pause}, but containerd uses its `sandbox_image` (CRI-O: `pause_image`), often registry.k8s.io/pause; without access to that registry no pod starts; check on a node with `crictl info | grep -i sandboxImage` and set it to {}/pause:{pause}", repo.value, repo.value));
    }
    for doc in config.documents.iter().filter(|d| d.is(Kind::InitConfiguration) || d.is(Kind::JoinConfiguration)) {
        if let Some(policy) = doc.str_at(&["nodeRegistration", "imagePullPolicy"])
            && policy.value == "Never"
        {
            sink.report(policy.span, "with imagePullPolicy: Never every image must already be on the node")
                .help(format!("kubeadm pulls nothing and preflight fails on a missing image; load the images from `kubeadm config images list` (pause {pause} included) into the runtime beforehand{assumed}"));
        }
    }
}
