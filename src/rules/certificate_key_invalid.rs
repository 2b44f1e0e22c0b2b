//! The certificate key is the AES-256 key that encrypts the `kubeadm-certs` Secret; kubeadm
//! refuses one that is not 32 bytes of hex (`ValidateCertificateKey`, validation.go;
//! `CertificateKeySize = 32` in constants.go). At the top of a JoinConfiguration, where people
//! put it by analogy with InitConfiguration, kubeadm ignores it and the control-plane join then
//! fails for lack of certificates.

use crate::kubeadm::placeholders::{self, Shape};
use crate::kubeadm::{KubeadmVersion, places, tokens};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "certificate-key-invalid",
    summary: "a certificate key that is not 64 hex digits, or one kubeadm ignores at the top of a JoinConfiguration",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/certificate-key-invalid.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for init in places::documents(config, Kind::InitConfiguration) {
        if let Some(key) = init.get("certificateKey").filter(|_| places::has_field(init, &["certificateKey"])) {
            check_key(config, key, "certificateKey", sink);
        }
    }
    for join in places::documents(config, Kind::JoinConfiguration) {
        if let Some(key) = join.path(&["controlPlane", "certificateKey"]) {
            check_key(config, key, "controlPlane.certificateKey", sink);
        }
        // v1beta1 has no certificate key anywhere; from v1beta2 on it lives in controlPlane.
        let has_join_key = join.kubeadm_version().is_some_and(|v| v >= KubeadmVersion::V1beta2);
        if let Some((key, _)) = join.root.entry("certificateKey").filter(|_| has_join_key) {
            let control_plane = places::is_control_plane(join);
            let consequence = if control_plane {
                "so this control-plane join downloads no certificates and fails unless they were copied to the node"
            } else {
                "and without `controlPlane` this file joins a worker, which needs no certificate key"
            };
            sink.report(key.span(), "`certificateKey` at the top of a JoinConfiguration is ignored")
                .severity(Severity::Warning)
                .primary_label("ignored by kubeadm")
                .help(format!("kubeadm reads the key only from controlPlane.certificateKey, {consequence}; move it under `controlPlane:`"));
        }
    }
}

fn check_key(config: &ConfigSet, key: Node, field: &str, sink: &mut Sink) {
    let Some(text) = key.as_str().filter(|_| !key.is_null()) else { return };
    if places::is_templated(config, key) || placeholders::is_hand_written(Shape::CertificateKey, text) {
        return;
    }
    if let Some(problem) = tokens::certificate_key_problem(text) {
        sink.report(key.span(), format!("`{field}` `{}` {problem}", places::masked(config, key)))
            .primary_label("not 64 hex digits")
            .help("kubeadm refuses it (\"invalid certificate key size\" or \"certificate key decoding error\"); use the key `kubeadm init --upload-certs` prints, or generate one with `kubeadm certs certificate-key` — and remember the uploaded certificates and the key expire after two hours");
    }
}
