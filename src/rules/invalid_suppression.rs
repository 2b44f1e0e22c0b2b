//! A comment that means to suppress a finding but is not a well-formed suppression suppresses
//! nothing. Tools that ignore such comments silently leave their users believing a finding is
//! handled; this rule says so instead, with what is wrong (a misspelt rule name, a missing
//! colon or bracket, a missing reason when the configuration requires one).
//!
//! The suppression pass finds these comments; like `unused-suppression`, the lint pass runs this
//! rule last and hands it that outcome.

use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "invalid-suppression",
    summary: "a comment meant as a suppression is malformed or names an unknown rule, so it suppresses nothing",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/invalid-suppression.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    let Some(report) = config.suppressions() else {
        return;
    };
    for malformed in &report.malformed {
        sink.report(malformed.span, malformed.message.clone())
            .primary_label("suppresses nothing")
            .help(malformed.help.clone());
    }
}
