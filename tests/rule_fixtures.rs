//! Every folder `testdata/rules/<rule>/` holds `fires-*.yaml` files whose `# expect: <rule> @ <line>`
//! headers list exactly where that rule fires, and `quiet-*.yaml` near misses where it must not.

mod common;

use std::collections::BTreeSet;

use kubeadm_lint::rules::RULES;

#[test]
fn every_rule_has_fixtures_that_fire_and_near_misses_that_stay_quiet() {
    let root = common::repo_root().join("testdata/rules");
    let mut failures = Vec::new();
    for rule in RULES {
        let dir = root.join(rule.name);
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("no fixture folder {}", dir.display()))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        entries.sort();
        let fires = entries
            .iter()
            .filter(|p| name_of(p).starts_with("fires-"))
            .count();
        let quiet = entries
            .iter()
            .filter(|p| name_of(p).starts_with("quiet-"))
            .count();
        assert!(
            fires > 0 && quiet > 0,
            "{}: needs fires-*.yaml and quiet-*.yaml",
            rule.name
        );
        for path in &entries {
            let name = name_of(path);
            if name.ends_with(".fixed.yaml") {
                continue;
            }
            let text = common::read(path);
            let (source, diagnostics) = common::lint_text(&path.display().to_string(), &text);
            let found: BTreeSet<usize> = diagnostics
                .iter()
                .filter(|d| d.rule == rule.name)
                .map(|d| source.line_col(d.primary.start).0)
                .collect();
            let expected: BTreeSet<usize> = text
                .lines()
                .filter_map(|l| l.strip_prefix("# expect: "))
                .filter_map(|l| l.split_once(" @ "))
                .filter(|(r, _)| r.trim() == rule.name)
                .map(|(_, line)| line.trim().parse().expect("line number"))
                .collect();
            if name.starts_with("fires-") && (expected.is_empty() || found != expected) {
                failures.push(format!(
                    "{name}: expected {} at {expected:?}, found {found:?}",
                    rule.name
                ));
            }
            if name.starts_with("quiet-") && !found.is_empty() {
                failures.push(format!("{name}: {} fired at {found:?}", rule.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fixture failures:\n{}",
        failures.join("\n")
    );
}

fn name_of(path: &std::path::Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}
