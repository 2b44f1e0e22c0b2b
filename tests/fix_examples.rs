//! Fixes do what the pages and fixtures say: applying every fix (safe and unsafe) of a rule page's
//! ```yaml bad``` example gives its ```yaml fixed``` example, and `fix-*.yaml` fixtures give their
//! `fix-*.fixed.yaml` twins. Fixes are applied the way DESIGN.md describes the fix loop:
//! non-overlapping edits, the first fix wins, re-lint, repeat until nothing is left to fix.

mod common;

use kubeadm_lint::diagnostic::Edit;
use kubeadm_lint::rules::RULES;

/// Applies the fixes of one round; `None` when there was nothing to apply.
fn apply_round(text: &str, options_from: &str) -> Option<String> {
    let source = kubeadm_lint::SourceFile::new("fix.yaml", text);
    let report = kubeadm_lint::lint(&source, &common::options_from_header(options_from));
    let mut taken: Vec<Edit> = Vec::new();
    for diagnostic in &report.diagnostics {
        let Some(fix) = &diagnostic.fix else { continue };
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.span.start < t.span.end && t.span.start < e.span.end
                    || (e.span.is_empty() && t.span.is_empty() && e.span.start == t.span.start)
            })
        });
        if !overlaps {
            taken.extend(fix.edits.iter().cloned());
        }
    }
    if taken.is_empty() {
        return None;
    }
    taken.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_string();
    for edit in taken {
        out.replace_range(edit.span.range(), &edit.content);
    }
    Some(out)
}

/// Applies fixes until none is left (at most 10 rounds).
fn fix_all(text: &str) -> String {
    let mut current = text.to_string();
    for _ in 0..10 {
        match apply_round(&current, text) {
            Some(next) if next != current => {
                let tree = kubeadm_lint::yaml::parse(&next);
                assert!(
                    tree.errors.is_empty(),
                    "a fix produced invalid YAML:\n{next}"
                );
                current = next;
            }
            _ => return current,
        }
    }
    panic!("fixes did not settle after 10 rounds:\n{current}");
}

fn block<'p>(page: &'p str, tag: &str) -> Option<&'p str> {
    let fence = format!("```yaml {tag}\n");
    let start = page.find(&fence)? + fence.len();
    let body = &page[start..];
    Some(&body[..body.find("```")?])
}

#[test]
fn fixed_examples_are_what_the_fixes_write() {
    let mut failures = Vec::new();
    for rule in RULES {
        let (Some(bad), Some(fixed)) = (block(rule.page, "bad"), block(rule.page, "fixed")) else {
            continue;
        };
        let got = fix_all(bad);
        if got != fixed {
            failures.push(format!(
                "{}: fixing the bad example gives\n{got}\ninstead of\n{fixed}",
                rule.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fix_fixtures_give_their_fixed_twins() {
    let root = common::repo_root().join("testdata/rules");
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in RULES {
        let Ok(entries) = std::fs::read_dir(root.join(rule.name)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("fix-") || name.ends_with(".fixed.yaml") {
                continue;
            }
            let twin = path.with_file_name(name.replace(".yaml", ".fixed.yaml"));
            let expected = common::read(&twin);
            let got = fix_all(&common::read(&path));
            checked += 1;
            if got != expected {
                failures.push(format!(
                    "{}/{name}: got\n{got}\nexpected\n{expected}",
                    rule.name
                ));
            }
        }
    }
    assert!(checked > 0, "no fix fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixing_every_corpus_file_keeps_it_valid_yaml_and_settles() {
    let mut fixed = 0;
    for (file, _, _) in common::corpus_manifest() {
        let path = common::corpus_dir().join(&file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if !kubeadm_lint::yaml::parse(&text).errors.is_empty() {
            continue;
        }
        // fix_all panics when a round produces invalid YAML or the rounds do not settle.
        if fix_all(&text) != text {
            fixed += 1;
        }
    }
    assert!(fixed > 20, "only {fixed} corpus files had anything to fix");
}
