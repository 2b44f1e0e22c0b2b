//! A `# kubeadm-lint: ignore[...]` that suppresses nothing hides the next real finding of that
//! rule in the node it covers, without anyone having looked at it. Stale suppressions pile up
//! when a file is fixed or a rule learns better; this rule keeps them honest.
//!
//! It needs the other rules' findings, so the lint pass runs it last and hands it the outcome
//! of the suppression pass (`ConfigSet::suppressions`); run any earlier, it has nothing to say.

use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "unused-suppression",
    summary: "a suppression comment names a rule that reports nothing in the node it covers",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    page: include_str!("../../rules/unused-suppression.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(report) = config.suppressions() else {
        return;
    };
    let source = config.source;
    for unused in &report.unused {
        let names: Vec<String> = unused.names.iter().map(|(n, _)| format!("`{n}`")).collect();
        let span = unused
            .names
            .iter()
            .map(|(_, s)| *s)
            .reduce(Span::cover)
            .unwrap_or(unused.comment);
        let (first, _) = source.line_col(unused.target.start);
        let (last, _) = source.line_col(unused.target.end);
        let lines = if first == last {
            format!("line {first}")
        } else {
            format!("lines {first}-{last}")
        };
        let message = format!(
            "{} reported nothing in the node this suppression covers ({lines})",
            names.join(", ")
        );
        let line_end = config.text()[unused.target.start..]
            .find('\n')
            .map_or(unused.target.end, |i| (unused.target.start + i).min(unused.target.end));
        let description = if unused.whole {
            "remove the unused suppression".to_string()
        } else {
            format!("remove {} from the suppression", names.join(", "))
        };
        sink.report(span, message)
            .primary_label("suppresses nothing")
            .label(Span::new(unused.target.start, line_end), "the node it covers")
            .help("remove it; if a finding moved, put the suppression on the node the finding points at")
            .fix_safe(description, unused.removal.clone());
    }
}
