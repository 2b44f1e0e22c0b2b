//! The fixes of the networking rules: every `yaml fixed` block of their pages and every
//! `fix-*.yaml` / `fix-*.fixed.yaml` pair of their fixtures is what fixing gives, and fixing
//! every `fires-*.yaml` settles, leaves YAML that parses and brings in no new error.
//!
//! The fixing here follows the fix engine's contract (DESIGN.md "Fixes"): safe fixes first, an
//! unsafe one only in a round where no safe fix is left, non-overlapping edits with the first
//! finding winning, then re-lint, until nothing is offered.

mod common;

use std::collections::BTreeSet;

use kubeadm_lint::diagnostic::{Applicability, Edit};
use kubeadm_lint::rules::RULES;
use kubeadm_lint::{Diagnostic, Severity};

/// The rules this branch added.
const NETWORK_RULES: &[&str] = &[
    "dual-stack-cidr-format",
    "service-subnet-size",
    "pod-subnet-vs-node-mask",
    "cidr-overlap",
    "cluster-dns-mismatch",
    "cluster-domain-mismatch",
    "kube-proxy-cluster-cidr-mismatch",
    "ipv6-endpoint-brackets",
    "endpoint-format",
    "advertise-address-in-extra-args",
    "advertise-address-special-value",
    "control-plane-endpoint-is-node-ip",
    "missing-control-plane-endpoint",
    "pod-subnet-missing-or-cni-mismatch",
    "port-conflicts",
    "cert-sans-invalid-or-redundant",
];

const MAX_ROUNDS: usize = 16;

/// Applies every fix (safe and unsafe) until none is offered.
fn fix_all(text: &str) -> Result<String, String> {
    let mut text = text.to_string();
    for _ in 0..MAX_ROUNDS {
        let (_, diagnostics) = common::lint_text("fix.yaml", &text);
        let offered: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.fix.is_some()).collect();
        if offered.is_empty() {
            return Ok(text);
        }
        let safe: Vec<&Diagnostic> = offered
            .iter()
            .copied()
            .filter(|d| d.fix.as_ref().unwrap().applicability == Applicability::Safe)
            .collect();
        let round = if safe.is_empty() { offered } else { safe };
        let mut taken: Vec<Edit> = Vec::new();
        for diagnostic in round {
            let edits = &diagnostic.fix.as_ref().unwrap().edits;
            if edits
                .iter()
                .all(|e| taken.iter().all(|t| !overlaps(&t.span, &e.span)))
            {
                taken.extend(edits.iter().cloned());
            }
        }
        taken.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
        for edit in taken {
            text.replace_range(edit.span.range(), &edit.content);
        }
    }
    Err(format!(
        "fixes did not settle after {MAX_ROUNDS} rounds:\n{text}"
    ))
}

fn overlaps(a: &kubeadm_lint::yaml::Span, b: &kubeadm_lint::yaml::Span) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

fn errors(text: &str) -> BTreeSet<(String, String)> {
    let (_, diagnostics) = common::lint_text("x.yaml", text);
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule.to_string(), d.message.clone()))
        .collect()
}

fn blocks<'p>(page: &'p str, tag: &str) -> Vec<(usize, &'p str)> {
    let fence = format!("```yaml {tag}\n");
    page.match_indices(&fence)
        .map(|(at, _)| {
            let body = &page[at + fence.len()..];
            (at, &body[..body.find("```").expect("closed fence")])
        })
        .collect()
}

#[test]
fn network_rules_are_registered() {
    assert_eq!(NETWORK_RULES.len(), 16);
    for name in NETWORK_RULES {
        assert!(
            RULES.iter().any(|r| r.name == *name),
            "{name} is not in the registry"
        );
    }
}

#[test]
fn good_examples_of_the_pages_are_clean_for_every_rule() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| NETWORK_RULES.contains(&r.name)) {
        for (_, good) in blocks(rule.page, "good") {
            let (_, diagnostics) = common::lint_text("good.yaml", good);
            for d in diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
            {
                failures.push(format!(
                    "{}: good example gets {}[{}] {}",
                    rule.name,
                    d.severity.as_str(),
                    d.rule,
                    d.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixed_blocks_of_the_pages_are_what_fixing_gives() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| NETWORK_RULES.contains(&r.name)) {
        let fixed = blocks(rule.page, "fixed");
        if rule.fix != kubeadm_lint::rules::FixAvailability::None && fixed.is_empty() {
            failures.push(format!(
                "{}: fixable, but the page shows no fixed block",
                rule.name
            ));
        }
        for (at, expected) in fixed {
            let Some((_, bad)) = blocks(&rule.page[..at], "bad").pop() else {
                failures.push(format!(
                    "{}: fixed block without a bad block above",
                    rule.name
                ));
                continue;
            };
            match fix_all(bad) {
                Ok(got) if got == expected && got != bad => {}
                Ok(got) => failures.push(format!(
                    "{}: fixing the bad example gives\n{got}\nbut the page shows\n{expected}",
                    rule.name
                )),
                Err(e) => failures.push(format!("{}: {e}", rule.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fix_pairs_and_fires_fixtures_settle() {
    let root = common::repo_root().join("testdata/rules");
    let mut failures = Vec::new();
    let mut pairs = 0;
    for name in NETWORK_RULES {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            failures.push(format!("{name}: no fixture folder"));
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            if file.ends_with(".fixed.yaml") || !file.ends_with(".yaml") {
                continue;
            }
            let text = common::read(&path);
            let fixed = match fix_all(&text) {
                Ok(fixed) => fixed,
                Err(e) => {
                    failures.push(format!("{name}/{file}: {e}"));
                    continue;
                }
            };
            let new_errors: Vec<_> = errors(&fixed).difference(&errors(&text)).cloned().collect();
            if !new_errors.is_empty() {
                failures.push(format!(
                    "{name}/{file}: fixing brings new errors {new_errors:?}"
                ));
            }
            if kubeadm_lint::yaml::parse(&fixed).errors.len()
                > kubeadm_lint::yaml::parse(&text).errors.len()
            {
                failures.push(format!("{name}/{file}: fixed text does not parse"));
            }
            if let Some(stem) = file.strip_prefix("fix-") {
                pairs += 1;
                let expected_path =
                    dir.join(format!("fix-{}", stem.replace(".yaml", ".fixed.yaml")));
                let expected = common::read(&expected_path);
                if fixed != expected {
                    failures.push(format!(
                        "{name}/{file}: fixing gives\n{fixed}\nexpected\n{expected}"
                    ));
                }
            }
        }
    }
    assert!(pairs > 0, "no fix pairs found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
