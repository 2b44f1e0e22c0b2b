//! A bootstrap token lets its holder join machines to the cluster (and, the 2022 security audit
//! found, take it over by joining a control-plane node: kubernetes/kubernetes#119639); a
//! certificate key decrypts the `kubeadm-certs` Secret with the cluster CA private keys. Written
//! into a file that is committed, copied and templated, they leak; the values from kubeadm's
//! documentation are known to everybody.

use crate::kubeadm::Secret;
use crate::kubeadm::placeholders::{self, Shape};
use crate::kubeadm::{places, tokens};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "secrets-in-config",
    summary: "a bootstrap token or certificate key is written in the file (an error for the documentation's example values)",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    page: include_str!("../../rules/secrets-in-config.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for secret in config.secrets() {
        if places::is_templated(config, secret.node) {
            continue;
        }
        let is_key = secret.field.ends_with("certificateKey");
        let shape = if is_key {
            Shape::CertificateKey
        } else {
            Shape::Token
        };
        // A placeholder such as `xxx` is no credential (placeholder-defaults-left-in).
        if placeholders::is_hand_written(shape, secret.value) {
            continue;
        }
        let what = describe(&secret);
        let known = if is_key {
            tokens::well_known_certificate_key(secret.value)
        } else {
            tokens::well_known_token(secret.value)
        };
        match known {
            Some((known, exact)) => {
                let how = if exact {
                    "is the example value from"
                } else if is_key {
                    "is derived from the example key in"
                } else {
                    "is a copy, in another case or with the same id or secret, of the example token in"
                };
                sink.report(
                    secret.node.span(),
                    format!("the {what} `{}` in `{}` {how} {}", secret.masked(), secret.field, known.source),
                )
                .severity(Severity::Error)
                .primary_label("published value: anyone can use it")
                .help(help(is_key, true));
            }
            None => {
                sink.report(
                    secret.node.span(),
                    format!("a {what} (`{}`) is written in the file at `{}`", secret.masked(), secret.field),
                )
                .primary_label("credential in plain text")
                .help(help(is_key, false));
            }
        }
    }
}

fn describe(secret: &Secret) -> &'static str {
    match secret.field {
        "discovery.bootstrapToken.token" => "discovery token",
        "discovery.tlsBootstrapToken" => "TLS bootstrap token",
        field if field.ends_with("certificateKey") => "certificate key",
        _ => "bootstrap token",
    }
}

fn help(is_key: bool, published: bool) -> String {
    let risk = if is_key {
        "the certificate key decrypts the kubeadm-certs Secret, which holds the cluster CA and etcd CA private keys"
    } else {
        "whoever holds a bootstrap token can join machines to the cluster, control-plane nodes included, until it expires"
    };
    let instead = if is_key {
        "generate a key per run with `kubeadm certs certificate-key` (or let `kubeadm init --upload-certs` print one) and put it into the file at deploy time from a secret store or template variable"
    } else {
        "leave `token` out of bootstrapTokens so kubeadm generates one, or create one per run with `kubeadm token create` and put it into the file at deploy time from a secret store or template variable"
    };
    if published {
        format!("{risk}, and this value is printed in public documentation; {instead}")
    } else {
        format!("{risk}; {instead}")
    }
}
