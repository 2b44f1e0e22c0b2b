//! With `serverTLSBootstrap: true` each kubelet asks the cluster for a serving certificate, but
//! kube-controller-manager never approves `kubernetes.io/kubelet-serving` requests
//! (kubernetes/kubernetes#73356, kubernetes/kubeadm#1635): until something approves them,
//! `kubectl logs`/`exec` and metrics-server fail with `tls: internal error`. The reverse, an API
//! server told to verify kubelets with `kubelet-certificate-authority` while kubelets serve
//! self-signed certificates, fails the same calls with x509 errors.

use crate::kubeadm::{places, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "kubelet-serving-cert-approval",
    summary: "kubelet serving certificates that nothing approves, or an API server that verifies self-signed kubelet certificates",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    page: include_str!("../../rules/kubelet-serving-cert-approval.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let mut tls_bootstrap = false;
    for kubelet in places::documents(config, Kind::KubeletConfiguration) {
        let Some(value) = kubelet.get("serverTLSBootstrap") else { continue };
        if value.as_bool() == Some(true) {
            tls_bootstrap = true;
            sink.report(value.span(), "kubelets will request serving certificates that no built-in controller approves")
                .severity(Severity::Info)
                .help("kube-controller-manager never approves kubernetes.io/kubelet-serving CSRs; run an approver (such as kubelet-csr-approver) or approve them with `kubectl certificate approve`, or `kubectl logs`, `exec` and metrics-server fail with \"tls: internal error\"");
        }
    }
    if tls_bootstrap {
        return;
    }
    for cluster in places::documents(config, Kind::ClusterConfiguration) {
        let Some(args) = cluster.path(&["apiServer", "extraArgs"]) else { continue };
        for arg in validation::extra_args(args) {
            if arg.name != "kubelet-certificate-authority" {
                continue;
            }
            sink.report(arg.name_node.span(), "the API server verifies kubelet certificates, but kubelets serve self-signed ones")
                .help("without serverTLSBootstrap: true in the KubeletConfiguration each kubelet signs its own serving certificate, which this CA cannot verify, so `kubectl logs`, `exec` and `port-forward` fail with x509 errors; set serverTLSBootstrap: true (and run a CSR approver) or drop kubelet-certificate-authority");
        }
    }
}
