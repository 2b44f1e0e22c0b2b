//! Every rule page runs: its `yaml bad` example must fire the rule, its `yaml good` example must
//! not, so a page cannot drift from behaviour.

mod common;

use kubeadm_lint::rules::RULES;

/// The fenced blocks of a page tagged ```yaml <tag>.
fn blocks<'p>(page: &'p str, tag: &str) -> Vec<&'p str> {
    let fence = format!("```yaml {tag}\n");
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find(&fence) {
        let body = &rest[start + fence.len()..];
        let end = body
            .find("```\n")
            .or_else(|| body.find("```"))
            .expect("closed fence");
        found.push(&body[..end]);
        rest = &body[end..];
    }
    found
}

#[test]
fn every_page_has_the_required_sections() {
    for rule in RULES {
        for section in [
            "## What it catches",
            "## Why it matters",
            "## Example",
            "## When to ignore it",
        ] {
            assert!(
                rule.page.contains(section),
                "{}: page lacks `{section}`",
                rule.name
            );
        }
        assert!(
            !blocks(rule.page, "bad").is_empty(),
            "{}: no bad example",
            rule.name
        );
        assert!(
            !blocks(rule.page, "good").is_empty(),
            "{}: no good example",
            rule.name
        );
        let second = rule.page.lines().nth(1).unwrap_or_default();
        assert!(
            second.starts_with(rule.severity.as_str()),
            "{}: second line `{second}` should start with the default severity",
            rule.name
        );
    }
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let mut failures = Vec::new();
    for rule in RULES {
        for bad in blocks(rule.page, "bad") {
            let (_, diagnostics) = common::lint_text("bad.yaml", bad);
            if !diagnostics.iter().any(|d| d.rule == rule.name) {
                failures.push(format!("{}: bad example does not fire", rule.name));
            }
        }
        for good in blocks(rule.page, "good") {
            let (_, diagnostics) = common::lint_text("good.yaml", good);
            if let Some(d) = diagnostics.iter().find(|d| d.rule == rule.name) {
                failures.push(format!("{}: good example fires: {}", rule.name, d.message));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each ```yaml fixed``` block is what fixing (safe and unsafe fixes) the nearest ```yaml bad```
/// block above it gives, byte for byte; a rule with a fix shows at least one.
#[test]
fn fixed_examples_are_what_the_fixer_writes() {
    use kubeadm_lint::SourceFile;
    use kubeadm_lint::rules::FixAvailability;

    let mut failures = Vec::new();
    for rule in RULES {
        let fixed_fence = "```yaml fixed\n";
        let mut shown = 0;
        for (at, _) in rule.page.match_indices(fixed_fence) {
            shown += 1;
            let before = &rule.page[..at];
            let Some(bad) = before
                .rfind("```yaml bad\n")
                .and_then(|start| blocks(&before[start..], "bad").into_iter().next())
            else {
                failures.push(format!(
                    "{}: a fixed block with no bad block above it",
                    rule.name
                ));
                continue;
            };
            let fixed = blocks(&rule.page[at..], "fixed")[0];
            let source = SourceFile::new("bad.yaml", bad);
            let options = common::options_from_header(bad);
            match kubeadm_lint::fix::fix_source(&source, &options, true) {
                Ok(outcome) if outcome.text == fixed && fixed != bad => {}
                Ok(outcome) => failures.push(format!(
                    "{}: fixing the bad example gives\n{}\nbut the page shows\n{fixed}",
                    rule.name, outcome.text
                )),
                Err(error) => failures.push(format!("{}: {error}", rule.name)),
            }
        }
        if rule.fix != FixAvailability::None && shown == 0 {
            failures.push(format!(
                "{}: has a fix but its page shows no fixed example",
                rule.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
