//! Suppression comments bind to YAML nodes: on the line, above the line, on a parent mapping,
//! above a document; unused and malformed ones are reported; unrelated edits do not break them.

mod common;

use assert_cmd::Command;
use kubeadm_lint::suppress::SuppressionKind;
use kubeadm_lint::{Diagnostic, LintOptions, SourceFile};

const HEAD: &str =
    "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\n";

fn lint_with(text: &str, options: &LintOptions) -> (Vec<Diagnostic>, kubeadm_lint::FileReport) {
    let source = SourceFile::new("t.yaml", text);
    let report = kubeadm_lint::lint(&source, options);
    (report.diagnostics.clone(), report)
}

/// The rules these tests are about; others that fire on the examples (new rules keep coming)
/// are left out.
const WATCHED: [&str; 6] = [
    "coredns-image-path-custom-repo",
    "k8s-gcr-io-frozen-registry",
    "unknown-or-miscased-field",
    "etcd-local-and-external",
    "unused-suppression",
    "invalid-suppression",
];

fn rules(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics
        .iter()
        .map(|d| d.rule)
        .filter(|r| WATCHED.contains(r))
        .collect()
}

/// Asserts `k8s-gcr-io-frozen-registry` is suppressed (with `reason`) and nothing else is left.
fn assert_suppressed(text: &str, reason: Option<&str>) {
    let (left, report) = lint_with(text, &LintOptions::default());
    assert!(
        !rules(&left).contains(&"k8s-gcr-io-frozen-registry"),
        "not suppressed: {left:#?}\n{text}"
    );
    assert!(
        !rules(&left).contains(&"unused-suppression")
            && !rules(&left).contains(&"invalid-suppression"),
        "{left:#?}"
    );
    let suppressed: Vec<_> = report
        .suppressed
        .iter()
        .filter(|s| s.diagnostic.rule == "k8s-gcr-io-frozen-registry")
        .collect();
    assert!(!suppressed.is_empty(), "kept as suppressed");
    for s in suppressed {
        assert_eq!(s.kind, SuppressionKind::InSource);
        assert_eq!(s.justification.as_deref(), reason);
        assert!(s.comment.is_some());
    }
}

#[test]
fn on_the_line() {
    assert_suppressed(
        &format!(
            "{HEAD}imageRepository: k8s.gcr.io  # kubeadm-lint: ignore[k8s-gcr-io-frozen-registry] -- DNS alias\ndns:\n  imageRepository: registry.k8s.io/coredns\n"
        ),
        Some("DNS alias"),
    );
}

#[test]
fn above_the_line() {
    assert_suppressed(
        &format!(
            "{HEAD}# kubeadm-lint: ignore[k8s-gcr-io-frozen-registry]\nimageRepository: k8s.gcr.io\ndns:\n  imageRepository: registry.k8s.io/coredns\n"
        ),
        None,
    );
}

#[test]
fn on_a_parent_mapping_covers_its_subtree() {
    let text = format!(
        "{HEAD}etcd:  # kubeadm-lint: ignore[k8s-gcr-io-frozen-registry] -- mirror\n  local:\n    dataDir: /var/lib/etcd\n    imageRepository: k8s.gcr.io\n"
    );
    assert_suppressed(&text, Some("mirror"));
    let above = format!(
        "{HEAD}# kubeadm-lint: ignore[k8s-gcr-io-frozen-registry] -- mirror\netcd:\n  local:\n    imageRepository: k8s.gcr.io\n"
    );
    assert_suppressed(&above, Some("mirror"));
    // A sibling is not covered.
    let sibling = format!(
        "{HEAD}etcd:  # kubeadm-lint: ignore[k8s-gcr-io-frozen-registry]\n  local:\n    dataDir: /var/lib/etcd\nimageRepository: k8s.gcr.io\n"
    );
    let (left, _) = lint_with(&sibling, &LintOptions::default());
    assert!(rules(&left).contains(&"k8s-gcr-io-frozen-registry"));
    assert!(rules(&left).contains(&"unused-suppression"));
}

#[test]
fn above_a_document_marker_covers_the_document() {
    let text = format!(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n# kubeadm-lint: ignore[k8s-gcr-io-frozen-registry, coredns-image-path-custom-repo] -- vendored\n---\n{HEAD}imageRepository: k8s.gcr.io\n"
    );
    assert_suppressed(&text, Some("vendored"));
}

#[test]
fn keeps_working_after_unrelated_lines_are_inserted() {
    let original = format!(
        "{HEAD}etcd:\n  local:\n    # kubeadm-lint: ignore[k8s-gcr-io-frozen-registry] -- mirror\n    imageRepository: k8s.gcr.io\n"
    );
    assert_suppressed(&original, Some("mirror"));
    let edited = original
        .replace(
            "kind: ClusterConfiguration\n",
            "kind: ClusterConfiguration\n# A new comment.\nclusterName: prod\nnetworking:\n  podSubnet: 10.244.0.0/16\n\n",
        )
        .replace("  local:\n", "  local:\n    dataDir: /var/lib/etcd\n    extraArgs: []\n");
    assert!(edited.lines().count() > original.lines().count() + 5);
    assert_suppressed(&edited, Some("mirror"));
    // Lines inserted between the comment and its node make it bind to the new node instead:
    // the suppression is reported unused rather than silently hiding something else.
    let between = original.replace("-- mirror\n", "-- mirror\n    dataDir: /var/lib/etcd\n");
    let (left, _) = lint_with(&between, &LintOptions::default());
    assert!(rules(&left).contains(&"unused-suppression"), "{left:#?}");
    assert!(rules(&left).contains(&"k8s-gcr-io-frozen-registry"));
}

#[test]
fn no_ignores_shows_everything_and_reports_nothing_unused() {
    let text = format!(
        "{HEAD}imageRepository: k8s.gcr.io  # kubeadm-lint: ignore[k8s-gcr-io-frozen-registry, etcd-local-and-external]\n"
    );
    let (left, _) = lint_with(&text, &LintOptions::default());
    assert_eq!(
        rules(&left),
        ["coredns-image-path-custom-repo", "unused-suppression"]
    );
    let options = LintOptions {
        no_ignores: true,
        ..LintOptions::default()
    };
    let (left, report) = lint_with(&text, &options);
    assert_eq!(
        rules(&left),
        [
            "coredns-image-path-custom-repo",
            "k8s-gcr-io-frozen-registry"
        ]
    );
    assert!(report.suppressed.is_empty());
}

#[test]
fn a_rule_that_did_not_run_does_not_make_a_suppression_unused() {
    let text =
        format!("{HEAD}clusterName: x  # kubeadm-lint: ignore[k8s-gcr-io-frozen-registry]\n");
    let (left, _) = lint_with(&text, &LintOptions::default());
    assert!(rules(&left).contains(&"unused-suppression"));
    let mut options = LintOptions::default();
    options.rules.ignore = vec!["k8s-gcr-io-frozen-registry".into()];
    let (left, _) = lint_with(&text, &options);
    assert!(!rules(&left).contains(&"unused-suppression"), "{left:#?}");
}

#[test]
fn unused_and_malformed_suppressions_on_the_command_line() {
    let output = Command::cargo_bin("kubeadm-lint")
        .unwrap()
        .current_dir(common::repo_root())
        .args([
            "check",
            "--format",
            "concise",
            "testdata/rules/unused-suppression/fires-partly-used-list.yaml",
            "testdata/rules/invalid-suppression/fires-unknown-rule.yaml",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("fires-partly-used-list.yaml:5:81: warning[unused-suppression] `etcd-local-and-external` reported nothing in the node this suppression covers (line 5)"), "{stdout}");
    assert!(stdout.contains("fires-unknown-rule.yaml:5:30: error[invalid-suppression] unknown rule `k8s-gcr-registry` in suppression"), "{stdout}");
    // The malformed suppression suppresses nothing.
    assert!(
        stdout.contains("fires-unknown-rule.yaml:5:18: error[k8s-gcr-io-frozen-registry]"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn the_fixer_removes_unused_suppressions_as_the_fixed_fixtures_show() {
    let dir = common::repo_root().join("testdata/rules/unused-suppression");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("fix-") || name.ends_with(".fixed.yaml") {
            continue;
        }
        let text = common::read(&path);
        let expected = common::read(&path.with_extension("fixed.yaml"));
        let source = SourceFile::new(name.clone(), text.as_str());
        let outcome = kubeadm_lint::fix::fix_source(&source, &LintOptions::default(), false)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(outcome.text, expected, "{name}");
        assert!(
            outcome
                .applied
                .iter()
                .all(|a| a.rule == "unused-suppression"),
            "{name}: {:?}",
            outcome.applied
        );
        assert!(!rules(&outcome.remaining).contains(&"unused-suppression"));
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let text = format!(
        "{HEAD}imageRepository: k8s.gcr.io  # kubeadm-lint: ignore[k8s-gcr-io-frozen-registry] -- DNS alias\netcd:\n  local:\n    imageRepository: k8s.gcr.io\n"
    );
    let source = SourceFile::new("t.yaml", text.as_str());
    let outcome = kubeadm_lint::fix::fix_source(&source, &LintOptions::default(), false).unwrap();
    assert_eq!(
        outcome.text,
        text.replace(
            "    imageRepository: k8s.gcr.io",
            "    imageRepository: registry.k8s.io"
        )
    );
    let suppressed: Vec<_> = outcome
        .suppressed
        .iter()
        .map(|s| s.diagnostic.rule)
        .collect();
    assert_eq!(suppressed, ["k8s-gcr-io-frozen-registry"]);
}

#[test]
fn thousands_of_suppressions_and_findings_are_all_matched() {
    let mut text = String::from(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n# kubeadm-lint: ignore[k8s-gcr-io-frozen-registry] -- the whole next document\n---\n",
    );
    text.push_str(HEAD);
    text.push_str("imageRepository: k8s.gcr.io\n");
    let count = 5_000;
    for i in 0..count {
        text.push_str(&format!(
            "zzUnknown{i}: 1  # kubeadm-lint: ignore[unknown-or-miscased-field] -- generated\n"
        ));
    }
    let started = std::time::Instant::now();
    let (left, report) = lint_with(&text, &LintOptions::default());
    let elapsed = started.elapsed();
    assert!(
        !rules(&left).contains(&"unknown-or-miscased-field"),
        "{:?}",
        &left[..3.min(left.len())]
    );
    assert!(!rules(&left).contains(&"unused-suppression"));
    assert_eq!(
        report
            .suppressed
            .iter()
            .filter(|s| s.diagnostic.rule == "unknown-or-miscased-field")
            .count(),
        count
    );
    assert!(
        report
            .suppressed
            .iter()
            .any(|s| s.diagnostic.rule == "k8s-gcr-io-frozen-registry")
    );
    eprintln!("{count} suppressions matched in {elapsed:?}");
}
