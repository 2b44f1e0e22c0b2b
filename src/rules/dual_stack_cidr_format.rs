//! kubeadm reads `podSubnet` and `serviceSubnet` as one string: a CIDR, or two CIDRs of
//! different families separated by a bare comma (`ValidateIPNetFromString` in
//! cmd/kubeadm/app/apis/kubeadm/validation/validation.go), and passes it to the API server,
//! controller-manager and kube-proxy as is. A YAML list, spaces, a missing prefix or two ranges
//! of one family stop `kubeadm init`; host bits (`10.96.0.1/12`) are silently cleared, so the
//! range is not the one the text suggests; and the first range's family must be the API
//! server's advertise-address family, or the API server refuses to start.

use crate::fix::{careful, edits};
use crate::kubeadm::network::{self, Cidr, CidrList, CidrListProblem, Family};
use crate::kubeadm::topology::Networking;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "dual-stack-cidr-format",
    summary: "a subnet written as a list, with spaces, host bits, two ranges of one family, or a family order that breaks dual-stack",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/dual-stack-cidr-format.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for doc in &config.documents {
        let fields: &[(&str, &[&str])] = match doc.kind {
            Some(Kind::ClusterConfiguration) => &[
                ("networking.podSubnet", &["networking", "podSubnet"]),
                ("networking.serviceSubnet", &["networking", "serviceSubnet"]),
            ],
            Some(Kind::KubeProxyConfiguration) => &[("clusterCIDR", &["clusterCIDR"])],
            _ => continue,
        };
        for (field, keys) in fields {
            let (parent, last) = keys.split_at(keys.len() - 1);
            let Some((key, value)) = doc.path(parent).and_then(|p| p.entry(last[0])) else {
                continue;
            };
            check_field(config.text(), field, key, value.resolve(), sink);
        }
    }
    if let Some(networking) = Networking::of(config) {
        check_families(networking, sink);
    }
}

fn check_field(text: &str, field: &str, key: Node, value: Node, sink: &mut Sink) {
    if value.is_null() {
        return;
    }
    if value.is_sequence() {
        let items: Vec<&str> = value.items().filter_map(|i| i.as_str()).collect();
        let joined = items.join(",");
        let report = sink
            .report(
                value.span(),
                format!("`{field}` is a list, but kubeadm reads one string and cannot decode this"),
            )
            .primary_label("a YAML list")
            .help(format!(
                "write the ranges as one comma-separated string: `{}: \"{joined}\"`",
                last_key(field)
            ));
        if items.len() == value.len() && !items.is_empty() {
            let edit = list_to_string(text, key, value, &joined);
            report.fix_safe("join the list into one comma-separated string", edit.into_iter().collect());
        }
        return;
    }
    let Some(written) = value
        .as_str()
        .filter(|t| !t.is_empty() && !network::is_placeholder(t))
    else {
        return;
    };
    let list = CidrList::parse(written);
    let problems = list.problems();
    if let Some(problem) = problems.first() {
        let normalized = normalize(written);
        let fixable = normalized != written && CidrList::parse(&normalized).problems().is_empty();
        let message = match problem {
            _ if fixable => format!(
                "`{field}` `{written}` has spaces or separators kubeadm does not expect (\"couldn't parse subnet\")"
            ),
            CidrListProblem::Unparsable { index } => {
                let part = list.parts[*index].text;
                if network::parse_ip(part.trim()).is_some() {
                    format!("`{field}`: `{part}` is an address, not a range; kubeadm refuses it (\"couldn't parse subnet\")")
                } else {
                    format!("`{field}`: `{part}` is not a CIDR; kubeadm refuses it (\"couldn't parse subnet\")")
                }
            }
            CidrListProblem::TooMany(n) => format!(
                "`{field}` lists {n} ranges; kubeadm takes one, or two of different families for dual-stack"
            ),
            CidrListProblem::SameFamily(family) => format!(
                "`{field}` lists two {family} ranges; kubeadm takes one, or one IPv4 and one IPv6 range for dual-stack"
            ),
        };
        let help = match problem {
            _ if fixable => format!("write `{normalized}`: kubeadm splits on `,` and parses each part exactly as written"),
            CidrListProblem::Unparsable { .. } => {
                "write address/prefix such as 10.244.0.0/16; for dual-stack add the IPv6 range after a comma, without spaces".to_string()
            }
            _ => "kubeadm refuses it: \"expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking\"".to_string(),
        };
        let report = sink.report(value.span(), message).help(help);
        if fixable {
            let edit = careful::set_scalar(value, &normalized);
            report.fix_safe(format!("write `{normalized}`"), edit.into_iter().collect());
        }
        return;
    }
    let cidrs = list.all();
    if cidrs.iter().any(|c| c.has_host_bits() || c.leading_zeros) {
        let canonical = cidrs
            .iter()
            .map(|c| c.network().to_string())
            .collect::<Vec<_>>()
            .join(",");
        let described = cidrs
            .iter()
            .filter(|c| c.has_host_bits() || c.leading_zeros)
            .map(|c| format!("{} is the network {}", c.written_text(), c.describe()))
            .collect::<Vec<_>>()
            .join("; ");
        let edit = careful::set_scalar(value, &canonical);
        sink.report(value.span(), format!("`{field}` has host bits set: {described}"))
            .severity(Severity::Warning)
            .primary_label(format!("kubeadm and every component use `{canonical}`"))
            .help(format!(
                "kubeadm accepts it and clears the host bits; write `{canonical}`, or a prefix that covers the range you meant"
            ))
            .fix_safe(format!("write the network `{canonical}`"), edit.into_iter().collect());
    }
}

/// Cross-field family checks over the cluster's subnets and advertise address.
fn check_families(networking: &Networking, sink: &mut Sink) {
    let service = networking.service.cidrs();
    let pod = networking.pod.as_ref().and_then(|p| p.cidrs().map(|c| (p, c)));
    if let (Some(service), Some((pod_setting, pod))) = (&service, &pod)
        && let Some(pod_node) = pod_setting.node
    {
        let service_families: Vec<Family> = service.iter().map(Cidr::family).collect();
        let pod_families: Vec<Family> = pod.iter().map(Cidr::family).collect();
        if service.len() == 2 && pod.len() == 2 && service_families != pod_families {
            let report = sink
                .report(
                    pod_node.span(),
                    format!(
                        "podSubnet lists {} first, serviceSubnet lists {} first",
                        pod_families[0], service_families[0]
                    ),
                )
                .severity(Severity::Warning)
                .help("the first range decides each side's primary family; list both families in the same order");
            if let Some(span) = networking.service.span() {
                report.label(span, "serviceSubnet order");
            }
        } else if service.len() == 2 && pod.len() == 1 {
            let missing = service_families
                .iter()
                .find(|f| !pod_families.contains(f))
                .copied()
                .unwrap_or(Family::V6);
            let report = sink
                .report(
                    pod_node.span(),
                    format!(
                        "serviceSubnet is dual-stack, but podSubnet has no {missing} range: pods get no {missing} address and {missing} Services have no endpoints"
                    ),
                )
                .severity(Severity::Warning)
                .help(format!(
                    "add a {missing} range to podSubnet after a comma (`{},<{missing} range>`), or make serviceSubnet single-stack",
                    pod_setting.text
                ));
            if let Some(span) = networking.service.span() {
                report.label(span, "dual-stack here");
            }
        }
    }
    let (Some(primary), Some((advertise, node))) = (
        service.as_ref().and_then(|s| s.first().copied()),
        networking.advertise_address(),
    ) else {
        return;
    };
    if advertise.is_unspecified() || Family::of(advertise) == primary.family() {
        return;
    }
    let report = sink
        .report(
            networking.service.span().unwrap_or(node.span()),
            format!(
                "the advertise address {advertise} is {}, but the first service range {} is {}",
                Family::of(advertise),
                primary.network(),
                primary.family()
            ),
        )
        .help(format!(
            "kube-apiserver refuses to start (\"service IP family \\\"{}\\\" must match public address family \\\"{advertise}\\\"\"); {}",
            networking.service.text,
            if networking.service.node.is_none() {
                format!("set networking.serviceSubnet to a {} range, or list one first for dual-stack", Family::of(advertise))
            } else {
                format!("list the {} service range first, or advertise an {} address", Family::of(advertise), primary.family())
            }
        ));
    if networking.service.node.is_some() {
        report.label(node.span(), "advertise address");
    } else {
        report.primary_label("advertise address; serviceSubnet defaults to IPv4 10.96.0.0/12");
    }
}

/// Removes blanks and turns `;` and blank separators into commas.
fn normalize(text: &str) -> String {
    text.split([',', ';', ' ', '\t'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(",")
}

fn last_key(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

/// Replaces a sequence value with a plain string: a flow list in place, a block list together
/// with the line break after the key. `None` when a comment sits in the way.
fn list_to_string(text: &str, key: Node, list: Node, joined: &str) -> Option<Edit> {
    // Inside a flow mapping a plain comma would split the value.
    let value = if edits::is_safe_plain(joined) && !edits::in_flow_collection(list) {
        joined.to_string()
    } else {
        format!("\"{joined}\"")
    };
    if list.is_flow() {
        return Some(Edit::replace(list.span(), value));
    }
    let between_start = key.span().end;
    let between = &text[between_start..list.span().start];
    let colon = between.find(':')?;
    let inner = &text[between_start + colon + 1..list.span().end];
    if inner.contains('#') {
        return None;
    }
    Some(Edit::replace(
        Span::new(between_start + colon + 1, list.span().end),
        format!(" {value}"),
    ))
}
