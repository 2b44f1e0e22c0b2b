//! kubeadm reads exactly one version of each component configuration it deploys:
//! `kubelet.config.k8s.io/v1beta1` KubeletConfiguration and `kubeproxy.config.k8s.io/v1alpha1`
//! KubeProxyConfiguration. Any other version of those groups fails `init` ("unsupported apiVersion
//! %q, you may have to do manual conversion to %q and run kubeadm again",
//! `cmd/kubeadm/app/componentconfigs/utils.go`), and a component kind filed under the kubeadm
//! group is an unknown kubeadm kind that kubeadm ignores (facts 3, steps 7 and 9).

use crate::fix::edits;
use crate::kubeadm::api::{ApiVersion, ComponentGroup, KUBELET_GROUP, KUBEPROXY_GROUP};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "component-config-api-version",
    summary: "a KubeletConfiguration or KubeProxyConfiguration with an apiVersion kubeadm does not read",
    severity: Severity::Error,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/component-config-api-version.md"),
    check,
};

fn expected(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::KubeletConfiguration => Some("kubelet.config.k8s.io/v1beta1"),
        Kind::KubeProxyConfiguration => Some("kubeproxy.config.k8s.io/v1alpha1"),
        _ => None,
    }
}

fn group_of(kind: Kind) -> Option<ComponentGroup> {
    match kind {
        Kind::KubeletConfiguration => Some(ComponentGroup::Kubelet),
        Kind::KubeProxyConfiguration => Some(ComponentGroup::KubeProxy),
        _ => None,
    }
}

fn check(config: &ConfigSet, sink: &mut Sink) {
    for doc in &config.documents {
        let Some(kind) = doc.kind else { continue };
        let Some(want) = expected(kind) else { continue };
        let node = doc.api_version_node;
        let written = node.as_str().unwrap_or_default();
        let name = kind.as_str();
        let fix = edits::replace_scalar(node, want);
        match doc.api {
            ApiVersion::KubeletV1beta1 | ApiVersion::KubeProxyV1alpha1 if written == want => {}
            ApiVersion::ComponentOther(group) if Some(group) == group_of(kind) => {
                sink.report(node.span(), format!("kubeadm reads {name} only as `{want}`, not `{written}`"))
                    .primary_label("unsupported version")
                    .help(format!("kubeadm stops with \"unsupported apiVersion \\\"{written}\\\", you may have to do manual conversion to \\\"{want}\\\" and run kubeadm again\"; no other version of {name} exists for kubeadm"))
                    .fix_safe(format!("write {want}"), fix.into_iter().collect());
            }
            ApiVersion::Kubeadm(_) => {
                sink.report(node.span(), format!("{name} is not a kubeadm kind: its apiVersion is `{want}`"))
                    .primary_label("kubeadm group")
                    .help(format!("kubeadm.k8s.io has no {name}, so kubeadm only warns and ignores the whole document: none of its settings reach the {}; write apiVersion: {want}", if kind == Kind::KubeletConfiguration { "kubelet" } else { "kube-proxy" }))
                    .fix_unsafe(format!("write {want} (kubeadm then applies the document)"), fix.into_iter().collect());
            }
            _ => {
                let other = match group_of(kind) {
                    Some(ComponentGroup::Kubelet) => KUBEPROXY_GROUP,
                    _ => KUBELET_GROUP,
                };
                sink.report(node.span(), format!("{name} belongs to `{want}`, not to the {other} group"))
                    .primary_label("wrong group")
                    .help(format!("kubeadm reads `{written}` as the other component's configuration and cannot decode this document; write apiVersion: {want}"))
                    .fix_unsafe(format!("write {want}"), fix.into_iter().collect());
            }
        }
    }
}
