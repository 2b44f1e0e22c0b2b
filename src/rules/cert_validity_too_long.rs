//! kubeadm 1.31+ (v1beta4) lets the operator choose certificate lifetimes, and only logs a
//! warning when they exceed its defaults of one year for leaf certificates and ten years for
//! CAs (`ValidateCertValidity`, validation.go: "the value … is more than the recommended
//! default"). Long-lived leaf certificates defeat rotation: a stolen client certificate keeps
//! working for as long as it is valid.

use crate::kubeadm::{places, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "cert-validity-too-long",
    summary: "certificateValidityPeriod above 8760h or caCertificateValidityPeriod above 87600h",
    severity: Severity::Info,
    fix: FixAvailability::None,
    page: include_str!("../../rules/cert-validity-too-long.md"),
    check,
};

/// (field, kubeadm's default in hours, what it covers).
const LIMITS: [(&str, f64, &str); 2] = [
    ("certificateValidityPeriod", 8_760.0, "leaf certificates"),
    ("caCertificateValidityPeriod", 87_600.0, "CA certificates"),
];

fn check(config: &ConfigSet, sink: &mut Sink) {
    for cluster in places::documents(config, Kind::ClusterConfiguration) {
        for (field, hours, what) in LIMITS {
            if !places::has_field(cluster, &[field]) {
                continue;
            }
            let Some(node) = cluster.get(field).filter(|n| !n.is_null()) else { continue };
            let Some(text) = node.as_str() else { continue };
            if places::is_templated(config, node) {
                continue;
            }
            let Some(seconds) = validation::parse_go_duration(text) else { continue };
            if seconds > hours * 3600.0 {
                sink.report(node.span(), format!("{field} `{text}` is longer than kubeadm's default of {hours}h for {what}"))
                    .help("kubeadm accepts it with a warning (\"more than the recommended default\"); a stolen certificate stays valid that long, while `kubeadm upgrade` renews certificates anyway and `kubeadm certs renew` covers the rest");
            }
        }
    }
}
