//! kubeadm writes `nodeRegistration.kubeletExtraArgs` into `/var/lib/kubelet/kubeadm-flags.env`
//! on every node joined from the file; a flag the kubelet no longer knows makes it exit at once
//! ("failed to parse kubelet flag: unknown flag: --network-plugin"), and kubeadm times out waiting
//! for it. The flags and releases are in `kubeadm::removals` (dockershim flags 1.24, PR #106907;
//! --container-runtime 1.27, PR #114017; --pod-infra-container-image 1.35, PR #133779; cAdvisor
//! flags 1.37, PR #139870). The same rows drive removed-control-plane-flags.

use crate::fix::edits;
use crate::kubeadm::extra_args::{self, Arg, ArgsBlock, Component};
use crate::kubeadm::removals::{self, FlagRemoval, Instead, Status, ValueRemoval};
use crate::kubeadm::version::{Minor, Version};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "removed-kubelet-flags",
    summary: "a kubeletExtraArgs flag the targeted kubelet no longer accepts, or a kubelet setting whose meaning changed",
    severity: Severity::Error,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/removed-kubelet-flags.md"),
    check,
};

/// `eventRecordQPS: 0` (and `--event-qps=0`) means "unlimited" from this kubelet on; before, it
/// meant the default of 50 (PR #117119, facts 11.6).
const EVENT_QPS_CHANGE: Minor = Minor::new(1, 37);

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let kubelet = target.kubernetes_or_kubeadm();
    let assumed = target.assumption_suffix();
    for block in extra_args::blocks_of(config, Component::Kubelet) {
        for arg in block.args() {
            match arg.name {
                // cgroup-driver-explicit-or-flag owns the cgroup driver flag.
                "cgroup-driver" => {}
                "container-runtime-endpoint" => {
                    sink.report(arg.name_node.span(), "kubeadm already passes --container-runtime-endpoint, from nodeRegistration.criSocket")
                        .severity(Severity::Info)
                        .help("two sources for one setting drift apart; set the socket once, in nodeRegistration.criSocket, and drop this flag");
                }
                "event-qps" if arg.text() == Some("0") => {
                    event_qps(sink, arg.value_or_name().span(), "--event-qps=0", kubelet, &assumed);
                }
                _ => report_flag(config.text(), sink, &block, &arg, kubelet, &assumed),
            }
        }
    }
    for doc in config.of_kind(Kind::KubeletConfiguration) {
        if let Some(qps) = doc.get("eventRecordQPS")
            && qps.as_str() == Some("0")
        {
            event_qps(sink, qps.span(), "eventRecordQPS: 0", kubelet, &assumed);
        }
    }
}

fn event_qps(sink: &mut Sink, span: Span, written: &str, kubelet: &Version, assumed: &str) {
    let report = if kubelet.minor_line() >= EVENT_QPS_CHANGE {
        sink.report(span, format!("`{written}` means unlimited events for kubelet {kubelet}{assumed}"))
            .severity(Severity::Warning)
            .primary_label("unlimited from 1.37")
    } else {
        sink.report(span, format!("`{written}` changes meaning with kubelet 1.37: it becomes unlimited{assumed}"))
            .severity(Severity::Info)
    };
    report.help("before 1.37 a 0 meant the default of 50 events per second; from 1.37 it lifts the limit (PR #117119); write the limit you want, such as 50");
}

/// Reports a flag found in the removals table, and its values.
pub(super) fn report_flag(
    text: &str,
    sink: &mut Sink,
    block: &ArgsBlock,
    arg: &Arg,
    version: &Version,
    assumed: &str,
) {
    let component = block.field.component;
    let value = arg.text().unwrap_or_default();
    if let Some(row) = removals::flag(component, arg.name) {
        report_row(text, sink, block, arg, row, version, assumed);
        return;
    }
    for row in removals::values(component, arg.name, value) {
        report_value(text, sink, block, arg, row, version, assumed);
    }
}

fn report_row(
    text: &str,
    sink: &mut Sink,
    block: &ArgsBlock,
    arg: &Arg,
    row: &FlagRemoval,
    version: &Version,
    assumed: &str,
) {
    let Some(status) = row.status(version) else { return };
    let binary = block.field.component.binary();
    let flag = arg.name;
    let value = arg.text().unwrap_or_default();
    let instead = match row.instead {
        Instead::Nothing => "delete it".to_string(),
        Instead::Flag(new) => format!("write `{new}` instead"),
        Instead::KubeletField(field) => format!("set `{field}` in the KubeletConfiguration document instead"),
        Instead::Note(note) => format!("delete it; {note}"),
    };
    let help = format!("{instead} ({})", row.source);
    let span = arg.name_node.span();
    let report = match status {
        Status::Removed => {
            let removed = row.removed.map(|r| r.to_string()).unwrap_or_default();
            sink.report(span, format!("{binary} {version} has no `--{flag}` flag: it was removed in {removed}{assumed}"))
                .primary_label("unknown flag")
                .help(format!("{binary} exits with \"unknown flag: --{flag}\"; {help}"))
        }
        Status::NoOp => {
            let since = row.noop_since.map(|r| r.to_string()).unwrap_or_default();
            let later = row.removed.map_or(String::new(), |r| format!(", and {binary} {r} rejects it"));
            sink.report(span, format!("`--{flag}` has no effect on {binary} {version}: it has done nothing since {since}{later}{assumed}"))
                .severity(Severity::Warning)
                .primary_label("no-op flag")
                .help(help)
        }
        Status::Later => {
            let when = match (row.removed, row.deprecated) {
                (Some(r), _) => format!("{binary} {r} removes it"),
                (None, Some(d)) => format!("it is deprecated since {d}"),
                (None, None) => "it is going away".to_string(),
            };
            sink.report(span, format!("`--{flag}` still works with {binary} {version}, but {when}{assumed}"))
                .severity(Severity::Info)
                .help(format!("the next upgrade breaks on it; {help}"))
        }
    };
    if status == Status::Later {
        return;
    }
    if let Instead::Flag(new) = row.instead
        && block.get(new).is_none()
    {
        let edit = edits::replace_scalar(arg.name_node, new);
        report.fix_safe(format!("rename `{flag}` to `{new}`"), edit.into_iter().collect());
    } else if let Some(edit) = block.deletion(text, arg) {
        if row.deletion_is_safe(version, value) {
            report.fix_safe(format!("delete `{flag}`, which does nothing here"), vec![edit]);
        } else {
            report.fix_unsafe(format!("delete `{flag}`"), vec![edit]);
        }
    }
}

fn report_value(
    text: &str,
    sink: &mut Sink,
    block: &ArgsBlock,
    arg: &Arg,
    row: &ValueRemoval,
    version: &Version,
    assumed: &str,
) {
    let binary = block.field.component.binary();
    let flag = arg.name;
    let span = arg.value_or_name().span();
    let gone = version.minor_line() >= row.removed;
    let what = if row.list_item {
        format!("`{}` in `--{flag}`", row.value)
    } else {
        format!("`--{flag}={}`", arg.text().unwrap_or(row.value))
    };
    let report = if gone {
        sink.report(span, format!("{what} no longer works with {binary} {version}: it was removed in {}{assumed}", row.removed))
            .primary_label("removed")
            .help(format!("{}; {} ({})", "the component refuses to start", row.instead, row.source))
    } else {
        sink.report(span, format!("{what} works with {binary} {version}, but {binary} {} removes it{assumed}", row.removed))
            .severity(Severity::Info)
            .help(format!("the next upgrade breaks on it; {} ({})", row.instead, row.source))
    };
    if !gone || !row.list_item {
        return;
    }
    let rest: Vec<&str> = arg
        .text()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|item| *item != row.value && !item.is_empty())
        .collect();
    let edit = if rest.is_empty() {
        block.deletion(text, arg)
    } else {
        arg.value
            .and_then(|v| edits::replace_scalar(v, &rest.join(",")))
    };
    report.fix_unsafe(format!("drop `{}` from `{flag}`", row.value), edit.into_iter().collect());
}
