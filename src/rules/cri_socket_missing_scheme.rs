//! The kubelet deprecated CRI endpoints without a URL scheme long ago; since 1.24 kubeadm
//! prepends `unix://` in memory and warns ("Usage of CRI endpoints without URL scheme is
//! deprecated and can cause kubelet errors in the future", PR #107295), and its validation
//! (`ValidateSocketPath`, `cmd/kubeadm/app/apis/kubeadm/validation/validation.go`) accepts only
//! the `unix` scheme on Linux and `npipe` on Windows. The value is also stored on the Node, so
//! the bad form spreads. Classification is in `kubeadm::cri`.

use crate::fix::edits;
use crate::kubeadm::cri::{self, Socket};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "cri-socket-missing-scheme",
    summary: "a CRI socket without the unix:// (or npipe://) scheme, or with one kubeadm refuses",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/cri-socket-missing-scheme.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for (field, node) in cri::sockets(config) {
        let Some(value) = node.as_str() else { continue };
        match cri::classify(value) {
            Socket::Valid => {}
            Socket::NoScheme(fixed) => {
                // Replace the whole value, so that a fix of dockershim-socket-removed on the same
                // node conflicts with this one instead of stacking on it.
                let edit = edits::replace_scalar(node, &fixed);
                sink.report(node.span(), format!("`{field}: {value}` has no URL scheme; write `{fixed}`"))
                    .primary_label("no scheme")
                    .help("kubeadm adds the scheme itself and warns (\"Usage of CRI endpoints without URL scheme is deprecated and can cause kubelet errors in the future\"), and the value without it is what the Node keeps")
                    .fix_safe(format!("prepend the scheme: {fixed}"), edit.into_iter().collect());
            }
            Socket::HostInPath(fixed) => {
                let edit = edits::replace_scalar(node, &fixed);
                sink.report(node.span(), format!("`{value}` has two slashes after `unix:`, so the first directory is read as a host name"))
                    .severity(Severity::Error)
                    .primary_label("the path loses its first directory")
                    .help(format!("a unix URL is `unix://` followed by an absolute path: write `{fixed}`"))
                    .fix_safe(format!("write {fixed}"), edit.into_iter().collect());
            }
            Socket::WrongScheme(scheme) => {
                sink.report(node.span(), format!("kubeadm refuses the `{scheme}` scheme in `{field}`"))
                    .severity(Severity::Error)
                    .primary_label("unsupported scheme")
                    .help(format!("kubeadm stops with \"only URL scheme \\\"unix\\\" is supported, got \\\"{scheme}\\\"\" (npipe on Windows); point it at the runtime's local socket, such as unix:///var/run/containerd/containerd.sock"));
            }
            Socket::Relative => {
                sink.report(node.span(), format!("`{field}: {value}` is not an absolute socket path"))
                    .severity(Severity::Error)
                    .primary_label("relative path")
                    .help("the kubelet resolves it against its working directory and finds no runtime; write the full socket URL, such as unix:///var/run/containerd/containerd.sock");
            }
        }
    }
}
