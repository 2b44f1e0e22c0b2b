//! A key written twice in one mapping: kubeadm's strict decoder complains and the last value
//! silently wins, which is rarely the one the author was looking at.

use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "duplicate-yaml-keys",
    summary: "a key appears twice in one mapping; only the last value takes effect",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/duplicate-yaml-keys.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for duplicate in &config.tree.duplicates {
        if config.tree.documents.get(duplicate.document).is_some_and(|d| d.broken) {
            continue;
        }
        let first = config.tree.node(duplicate.first);
        let repeated = config.tree.node(duplicate.repeated);
        let key = repeated.as_str().unwrap_or_default();
        sink.report(repeated.span(), format!("duplicate key `{key}`"))
            .primary_label("duplicate")
            .label(first.span(), "first defined here")
            .help("YAML keys must be unique: kubeadm keeps the last value and warns about strict decoding; remove one of them");
    }
}
