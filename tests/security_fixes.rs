//! The fixes of the security and validation rules do what their pages and fixtures say: applying
//! every offered fix (safe and unsafe) to a page's `yaml bad` example, round after round, yields
//! its `yaml fixed` example exactly, and each `fix-*.yaml` fixture becomes its `fix-*.fixed.yaml`.
//!
//! The rounds here are deliberately simple (non-overlapping edits, first finding wins, at most
//! 16 rounds); they stand in for the fixer only as far as these rules' edits go.

mod common;

use kubeadm_lint::diagnostic::Edit;
use kubeadm_lint::rules;

/// The rules of this group that offer fixes.
const FIXABLE: [&str; 6] = [
    "bootstrap-token-never-expires",
    "invalid-node-name",
    "per-node-settings-in-shared-config",
    "kubelet-insecure-settings",
    "metadata-or-kubectl-style",
    "invalid-enum-value",
];

fn block<'p>(page: &'p str, tag: &str) -> Option<&'p str> {
    let fence = format!("```yaml {tag}\n");
    let start = page.find(&fence)? + fence.len();
    let end = page[start..].find("```")?;
    Some(&page[start..start + end])
}

/// Applies all fixes until none is offered.
fn fix_all(text: &str) -> String {
    let mut text = text.to_string();
    for _ in 0..16 {
        let (_, diagnostics) = common::lint_text("fix.yaml", &text);
        let mut edits: Vec<Vec<Edit>> = diagnostics
            .into_iter()
            .filter_map(|d| d.fix.map(|f| f.edits))
            .collect();
        if edits.is_empty() {
            return text;
        }
        // Keep the fixes whose edits overlap no edit already taken (the first finding wins).
        let mut taken: Vec<Edit> = Vec::new();
        for fix in edits.drain(..) {
            let overlaps = fix.iter().any(|e| {
                taken.iter().any(|t| {
                    e.span.start < t.span.end.max(t.span.start + 1)
                        && t.span.start < e.span.end.max(e.span.start + 1)
                })
            });
            if !overlaps {
                taken.extend(fix);
            }
        }
        taken.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
        for edit in taken {
            text.replace_range(edit.span.range(), &edit.content);
        }
    }
    panic!("fixes did not settle in 16 rounds:\n{text}");
}

#[test]
fn page_fixed_examples_are_what_the_fixes_write() {
    let mut failures = Vec::new();
    for name in FIXABLE {
        let rule = rules::find(name).expect("registered");
        let bad = block(rule.page, "bad").expect("bad example");
        let fixed = block(rule.page, "fixed").unwrap_or_else(|| panic!("{name}: no fixed example"));
        let got = fix_all(bad);
        if got != fixed {
            failures.push(format!("{name}:\n--- expected\n{fixed}--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fix_fixtures_become_their_fixed_files() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for name in FIXABLE {
        let dir = common::repo_root().join("testdata/rules").join(name);
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                let file = p.file_name().unwrap().to_string_lossy().into_owned();
                file.starts_with("fix-") && !file.ends_with(".fixed.yaml")
            })
            .collect();
        inputs.sort();
        for input in inputs {
            let expected = common::read(&input.with_extension("fixed.yaml"));
            let got = fix_all(&common::read(&input));
            checked += 1;
            if got != expected {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}--- got\n{got}",
                    input.display()
                ));
            }
        }
    }
    assert!(checked >= FIXABLE.len(), "only {checked} fix fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
