//! `.kubeadm-lint.yaml`: discovery (nearest file wins, the search stops at the repository
//! root), every key, command-line overrides, `--config`, standard input, and bad files, which
//! are errors (exit 2) with a snippet of the file.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Three errors: coredns-image-path-custom-repo @15, unknown-or-miscased-field @17,
/// k8s-gcr-io-frozen-registry @22.
fn example() -> String {
    common::read(&common::repo_root().join("testdata/examples/kubeadm.yaml"))
}

const UNPINNED: &str = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n";

/// A typo with an unsafe fix (rename) and a warning-level finding.
const TYPO: &str = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.37.0\nclusterNmae: prod\n";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn kubeadm_lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kubeadm-lint").expect("binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    cmd
}

/// `(stdout, stderr, exit code)` of `kubeadm-lint check --format concise ARGS` in `dir`.
fn check(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = kubeadm_lint(dir)
        .args(["check", "--format", "concise"])
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// The rules these tests watch: the three errors of the example. Other rules may fire on it
/// too (new rules keep coming); they are left out.
const WATCHED: [&str; 3] = [
    "coredns-image-path-custom-repo",
    "unknown-or-miscased-field",
    "k8s-gcr-io-frozen-registry",
];

/// The watched rules reported for `file`, in order.
fn rules_in(stdout: &str, file: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with(&format!("{file}:")))
        .filter_map(|l| l.split('[').nth(1)?.split(']').next().map(String::from))
        .filter(|rule| WATCHED.contains(&rule.as_str()))
        .collect()
}

/// A temporary directory holding a repository at `repo/` (with a `.git` directory).
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    (dir, repo)
}

#[test]
fn the_nearest_file_wins_and_the_search_stops_at_the_repository_root() {
    let (dir, repo) = workspace();
    write(
        &dir.path().join(".kubeadm-lint.yaml"),
        "ignore: [unknown-or-miscased-field]\n",
    );
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "ignore: [k8s-gcr-io-frozen-registry]\n",
    );
    write(
        &repo.join("clusters/.kubeadm-lint.yaml"),
        "ignore: [coredns-image-path-custom-repo]\n",
    );
    write(&repo.join("clusters/prod/a.yaml"), &example());
    write(&repo.join("b.yaml"), &example());

    let (stdout, _, _) = check(&repo, &["."]);
    // The nearest file alone applies: no merging with the files above it.
    assert_eq!(
        rules_in(&stdout, "./clusters/prod/a.yaml"),
        ["unknown-or-miscased-field", "k8s-gcr-io-frozen-registry"]
    );
    assert_eq!(
        rules_in(&stdout, "./b.yaml"),
        [
            "coredns-image-path-custom-repo",
            "unknown-or-miscased-field"
        ]
    );

    // Without the repository's file, the one above the repository root is not used.
    std::fs::remove_file(repo.join(".kubeadm-lint.yaml")).unwrap();
    let (stdout, _, _) = check(&repo, &["b.yaml"]);
    assert_eq!(rules_in(&stdout, "b.yaml").len(), 3, "{stdout}");

    // A worktree's `.git` is a file; it marks the root too.
    std::fs::remove_dir(repo.join(".git")).unwrap();
    write(&repo.join(".git"), "gitdir: /elsewhere\n");
    let (stdout, _, _) = check(&repo, &["b.yaml"]);
    assert_eq!(rules_in(&stdout, "b.yaml").len(), 3, "{stdout}");

    // Outside any repository the search goes on upward.
    std::fs::remove_file(repo.join(".git")).unwrap();
    let (stdout, _, _) = check(&repo, &["b.yaml"]);
    assert_eq!(
        rules_in(&stdout, "b.yaml"),
        [
            "coredns-image-path-custom-repo",
            "k8s-gcr-io-frozen-registry"
        ]
    );
}

#[test]
fn select_ignore_and_their_command_line_overrides() {
    let (_dir, repo) = workspace();
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "select: [k8s-gcr-io-frozen-registry, unknown-or-miscased-field]\nignore: [unknown-or-miscased-field]\n",
    );
    write(&repo.join("k.yaml"), &example());
    let (stdout, _, _) = check(&repo, &["k.yaml"]);
    assert_eq!(rules_in(&stdout, "k.yaml"), ["k8s-gcr-io-frozen-registry"]);
    // --select replaces the file's selection (its ignore list with it).
    let (stdout, _, _) = check(&repo, &["--select", "unknown-or-miscased-field", "k.yaml"]);
    assert_eq!(rules_in(&stdout, "k.yaml"), ["unknown-or-miscased-field"]);
    // --ignore adds to the file's.
    let (stdout, _, code) = check(&repo, &["--ignore", "k8s-gcr-io-frozen-registry", "k.yaml"]);
    assert_eq!(rules_in(&stdout, "k.yaml"), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn severity_overrides_change_findings_and_the_exit_code() {
    let (_dir, repo) = workspace();
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "severity:\n  k8s-gcr-io-frozen-registry: info\n  coredns-image-path-custom-repo: warning\n  unknown-or-miscased-field: info\n",
    );
    write(&repo.join("k.yaml"), &example());
    let (stdout, _, code) = check(&repo, &["k.yaml"]);
    assert!(
        stdout.contains("k.yaml:22:22: info[k8s-gcr-io-frozen-registry]"),
        "{stdout}"
    );
    assert!(stdout.contains("k.yaml:15:18: warning[coredns-image-path-custom-repo]"));
    assert_eq!(code, 1, "a warning is left");
    let (_, _, code) = check(&repo, &["--fail-on", "error", "k.yaml"]);
    assert_eq!(code, 0);
}

#[test]
fn per_file_ignores_match_globs_relative_to_the_file_and_by_name() {
    let (_dir, repo) = workspace();
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "per-file-ignores:\n  \"clusters/lab/*.yaml\": [k8s-gcr-io-frozen-registry]\n  \"legacy-*.yaml\": [unknown-or-miscased-field, coredns-image-path-custom-repo]\n  \"**/vendor/**\": [k8s-gcr-io-frozen-registry]\n",
    );
    write(&repo.join("clusters/lab/a.yaml"), &example());
    write(&repo.join("clusters/lab/deep/b.yaml"), &example());
    write(&repo.join("nested/legacy-c.yaml"), &example());
    write(&repo.join("x/vendor/y/d.yaml"), &example());
    let (stdout, _, _) = check(&repo, &["."]);
    assert_eq!(
        rules_in(&stdout, "./clusters/lab/a.yaml"),
        [
            "coredns-image-path-custom-repo",
            "unknown-or-miscased-field"
        ]
    );
    // `*` does not cross directories.
    assert_eq!(rules_in(&stdout, "./clusters/lab/deep/b.yaml").len(), 3);
    assert_eq!(
        rules_in(&stdout, "./nested/legacy-c.yaml"),
        ["k8s-gcr-io-frozen-registry"]
    );
    assert_eq!(rules_in(&stdout, "./x/vendor/y/d.yaml").len(), 2);
    // The findings are kept as suppressed, and --no-ignores shows them.
    let output = kubeadm_lint(&repo)
        .args(["check", "clusters/lab/a.yaml"])
        .output()
        .unwrap();
    let human = String::from_utf8(output.stdout).unwrap();
    assert!(human.contains("1 finding suppressed"), "{human}");
    let (stdout, _, _) = check(&repo, &["--no-ignores", "clusters/lab/a.yaml"]);
    assert_eq!(rules_in(&stdout, "clusters/lab/a.yaml").len(), 3);
}

#[test]
fn version_defaults_come_from_the_file_unless_flags_say_otherwise() {
    let (_dir, repo) = workspace();
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "kubernetes-version: 1.27.0\nkubeadm-version: \"v1.27.3\"\n",
    );
    write(&repo.join("unpinned.yaml"), UNPINNED);
    let (stdout, _, _) = check(&repo, &["unpinned.yaml"]);
    assert!(
        stdout.contains("kubeadm 1.27 does not know `kubeadm.k8s.io/v1beta4`"),
        "{stdout}"
    );
    let (stdout, _, _) = check(
        &repo,
        &[
            "--kubernetes-version",
            "1.31.0",
            "--kubeadm-version",
            "1.31.0",
            "unpinned.yaml",
        ],
    );
    assert!(!stdout.contains("does not know"), "{stdout}");

    write(
        &repo.join("mirror.yaml"),
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: harbor.example.com/mirror\n",
    );
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "kubeadm-version: 1.31.9\n",
    );
    let (stdout, _, _) = check(&repo, &["mirror.yaml"]);
    assert!(stdout.contains("kubeadm 1.31.9 will pull"), "{stdout}");
}

#[test]
fn fail_on_in_the_file_and_on_the_command_line() {
    let (_dir, repo) = workspace();
    write(&repo.join(".kubeadm-lint.yaml"), "fail-on: error\n");
    write(&repo.join("typo.yaml"), TYPO);
    let (stdout, _, code) = check(&repo, &["typo.yaml"]);
    assert!(
        stdout.contains("warning[unknown-or-miscased-field]"),
        "{stdout}"
    );
    assert_eq!(code, 0);
    assert_eq!(check(&repo, &["--fail-on", "warning", "typo.yaml"]).2, 1);
    write(&repo.join(".kubeadm-lint.yaml"), "fail-on: info\n");
    write(&repo.join("unpinned.yaml"), UNPINNED);
    assert_eq!(check(&repo, &["unpinned.yaml"]).2, 1);
}

#[test]
fn extend_safe_fixes_turns_unsafe_fixes_safe() {
    let (_dir, repo) = workspace();
    write(&repo.join("typo.yaml"), TYPO);
    let applicability = |repo: &Path| {
        let output = kubeadm_lint(repo)
            .args(["check", "--format", "json", "typo.yaml"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        let typo = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "unknown-or-miscased-field")
            .expect("the typo is reported")
            .clone();
        typo["fix"]["applicability"].clone()
    };
    assert_eq!(applicability(&repo), "unsafe");
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "extend-safe-fixes: [unknown-or-miscased-field]\n",
    );
    assert_eq!(applicability(&repo), "safe");
    // --fix now applies it without --unsafe-fixes.
    let (_, stderr, code) = check(&repo, &["--fix", "typo.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        common::read(&repo.join("typo.yaml")).contains("clusterName: prod"),
        "{stderr}"
    );
}

#[test]
fn require_reason_rejects_bare_suppressions() {
    let (_dir, repo) = workspace();
    let text = example().replace(
        "imageRepository: \"k8s.gcr.io\"   # old pin",
        "imageRepository: \"k8s.gcr.io\"   # kubeadm-lint: ignore[k8s-gcr-io-frozen-registry]",
    );
    write(&repo.join("k.yaml"), &text);
    let (stdout, _, _) = check(&repo, &["k.yaml"]);
    assert!(!stdout.contains("k8s-gcr-io-frozen-registry]"), "{stdout}");
    write(&repo.join(".kubeadm-lint.yaml"), "require-reason: true\n");
    let (stdout, _, _) = check(&repo, &["k.yaml"]);
    assert!(
        stdout
            .contains("k.yaml:22:37: error[invalid-suppression] this suppression gives no reason"),
        "{stdout}"
    );
    assert!(
        stdout.contains("error[k8s-gcr-io-frozen-registry]"),
        "{stdout}"
    );
}

#[test]
fn an_explicit_config_applies_everywhere() {
    let (dir, repo) = workspace();
    write(
        &dir.path().join("shared/lint.yaml"),
        "ignore: [unknown-or-miscased-field]\nper-file-ignores:\n  \"*.yaml\": [coredns-image-path-custom-repo]\n",
    );
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "ignore: [k8s-gcr-io-frozen-registry]\n",
    );
    write(&repo.join("k.yaml"), &example());
    let config = dir.path().join("shared/lint.yaml");
    let (stdout, _, _) = check(&repo, &["--config", config.to_str().unwrap(), "k.yaml"]);
    assert_eq!(rules_in(&stdout, "k.yaml"), ["k8s-gcr-io-frozen-registry"]);
    let (_, stderr, code) = check(&repo, &["--config", "missing.yaml", "k.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("missing.yaml: cannot read the configuration file"),
        "{stderr}"
    );
}

#[test]
fn standard_input_is_looked_up_as_its_stdin_filename() {
    let (_dir, repo) = workspace();
    write(
        &repo.join("clusters/.kubeadm-lint.yaml"),
        "ignore: [k8s-gcr-io-frozen-registry, coredns-image-path-custom-repo]\n",
    );
    let output = kubeadm_lint(&repo)
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "clusters/prod.yaml",
            "-",
        ])
        .write_stdin(example())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        rules_in(&stdout, "clusters/prod.yaml"),
        ["unknown-or-miscased-field"]
    );
}

#[test]
fn bad_configuration_files_are_errors_with_snippets() {
    let cases = [
        ("unknown key", "selct: [yaml-syntax]\n"),
        ("wrong type", "select: yaml-syntax\n"),
        ("unknown severity", "fail-on: fatal\n"),
        (
            "unknown rule",
            "select: [yaml-syntax]\nignore:\n  - k8s-gcr-registry\n",
        ),
        (
            "unknown rule in severity",
            "severity:\n  no-such-rule: error\n",
        ),
        (
            "bad glob",
            "per-file-ignores:\n  \"a/[b.yaml\": [yaml-syntax]\n",
        ),
        ("bad version", "kubernetes-version: 1.31\n"),
        ("duplicate key", "fail-on: error\nfail-on: info\n"),
        ("broken YAML", "select: [yaml-syntax\n"),
        ("not a mapping", "- yaml-syntax\n"),
    ];
    let mut report = String::new();
    for (name, text) in cases {
        let (_dir, repo) = workspace();
        write(&repo.join(".kubeadm-lint.yaml"), text);
        write(&repo.join("k.yaml"), &example());
        let (stdout, stderr, code) = check(&repo, &["k.yaml"]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}: nothing is checked: {stdout}");
        report.push_str(&format!("=== {name}\n{stderr}\n"));
    }
    insta::assert_snapshot!("bad_configs", report);
}

#[test]
fn unknown_rule_names_on_the_command_line_are_errors() {
    let (_dir, repo) = workspace();
    write(&repo.join("k.yaml"), &example());
    let (_, stderr, code) = check(&repo, &["--ignore", "k8s-gcr-registry", "k.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown rule `k8s-gcr-registry` in --ignore (did you mean `k8s-gcr-io-frozen-registry`?"),
        "{stderr}"
    );
}

#[test]
fn config_schema_is_a_json_schema_of_every_key() {
    let output = kubeadm_lint(&common::repo_root())
        .args(["config", "schema"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let schema: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let properties = schema["properties"].as_object().unwrap();
    for key in kubeadm_lint::settings::file::KEYS {
        assert!(properties.contains_key(key), "{key}");
    }
    assert_eq!(schema["additionalProperties"], false);
    let text = String::from_utf8(output.stdout).unwrap();
    for rule in kubeadm_lint::rules::RULES {
        assert!(
            text.contains(&format!("\"{}\"", rule.name)),
            "{}",
            rule.name
        );
    }
}

#[test]
fn config_show_tells_which_file_applies() {
    let (_dir, repo) = workspace();
    write(
        &repo.join(".kubeadm-lint.yaml"),
        "ignore: [yaml-syntax]\nfail-on: error\nper-file-ignores:\n  \"lab/*.yaml\": [k8s-gcr-io-frozen-registry]\n",
    );
    let output = kubeadm_lint(&repo)
        .args(["config", "show", "lab/x.yaml"])
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(
        shown["config"]
            .as_str()
            .unwrap()
            .ends_with(".kubeadm-lint.yaml")
    );
    assert_eq!(shown["fail-on"], "error");
    assert!(
        !shown["rules"]
            .as_array()
            .unwrap()
            .contains(&Value::from("yaml-syntax"))
    );
    assert_eq!(
        shown["per-file-ignores"][0]["rule"],
        "k8s-gcr-io-frozen-registry"
    );
}
