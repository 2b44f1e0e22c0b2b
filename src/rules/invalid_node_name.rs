//! A node's name becomes the name of its Node object and must be a lower-case RFC 1123
//! subdomain; kubeadm refuses anything else (`ValidateNodeRegistrationOptions`, validation.go).
//! Only a name kubeadm detects from the host name is lower-cased for you; one written in the
//! file is taken as is (SUSE/skuba#747: `name: Invalid value: "master_0"`).

use crate::fix::edits;
use crate::kubeadm::placeholders::{self, Shape};
use crate::kubeadm::{places, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "invalid-node-name",
    summary: "nodeRegistration.name is not a lower-case RFC 1123 subdomain",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/invalid-node-name.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for registration in places::node_registrations(config) {
        let Some(name) = registration.node.get("name").filter(|n| !n.is_null()) else { continue };
        // Empty: kubeadm uses the host name.
        let Some(text) = name.as_str().filter(|t| !t.is_empty()) else { continue };
        if places::is_templated(config, name)
            || placeholders::is_hand_written(Shape::NodeName, text)
            || validation::is_dns1123_subdomain(text)
        {
            continue;
        }
        let suggestion = validation::dns1123_subdomain_like(text);
        let report = sink.report(name.span(), format!("node name `{text}` is not a lower-case RFC 1123 subdomain"))
            .primary_label("kubeadm refuses this name");
        let rules = "kubeadm refuses it (\"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character\"), at most 253 characters";
        match suggestion {
            Some(fixed) => {
                let edit = edits::replace_scalar(name, &fixed);
                report
                    .help(format!("{rules}; write `{fixed}` (the name identifies the node: change it only before the node first joins)"))
                    .fix_unsafe(format!("rename the node to `{fixed}`"), edit.into_iter().collect());
            }
            None => {
                report.help(format!("{rules}; write a name of lower-case letters, digits, `-` and `.`"));
            }
        }
    }
}
