//! The command line as users run it: output formats (snapshots), exit codes, inputs.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn kubeadm_lint() -> Command {
    let mut cmd = Command::cargo_bin("kubeadm-lint").expect("binary");
    cmd.current_dir(common::repo_root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    cmd
}

fn stdout_of(args: &[&str]) -> (String, i32) {
    let output = kubeadm_lint().args(args).output().expect("runs");
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn human_output_shows_snippets_labels_help_and_a_summary() {
    let (stdout, code) = stdout_of(&["check", "testdata/examples/kubeadm.yaml"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("human_example", stdout);
}

#[test]
fn json_output_follows_the_contract() {
    let (stdout, code) = stdout_of(&[
        "check",
        "--format",
        "json",
        "testdata/examples/kubeadm.yaml",
    ]);
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    assert_eq!(value["version"], 1);
    let first = &value["diagnostics"][0];
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "fix",
    ] {
        assert!(first.get(key).is_some(), "diagnostic lacks `{key}`");
    }
    insta::assert_snapshot!("json_example", stdout);
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let (stdout, _) = stdout_of(&[
        "check",
        "--format",
        "concise",
        "testdata/rules/yaml-syntax/fires-second-document-only.yaml",
    ]);
    insta::assert_snapshot!("concise_yaml_syntax", stdout);
}

#[test]
fn clean_file_exits_zero_and_says_so() {
    let (stdout, code) = stdout_of(&["check", "testdata/examples/clean.yaml"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("No problems found in 1 file."), "{stdout}");
}

#[test]
fn exit_zero_overrides_findings() {
    let (_, code) = stdout_of(&["check", "--exit-zero", "testdata/examples/kubeadm.yaml"]);
    assert_eq!(code, 0);
}

#[test]
fn info_findings_do_not_fail_the_run() {
    let (stdout, code) = stdout_of(&[
        "check",
        "--format",
        "concise",
        "testdata/rules/kubernetes-version-label-or-malformed/fires-unset-as-info.yaml",
    ]);
    assert!(
        stdout.contains("info[kubernetes-version-label-or-malformed]"),
        "{stdout}"
    );
    assert_eq!(code, 0);
}

#[test]
fn unreadable_path_is_exit_2_and_other_inputs_are_still_checked() {
    let output = kubeadm_lint()
        .args([
            "check",
            "--format",
            "concise",
            "does-not-exist.yaml",
            "testdata/examples/kubeadm.yaml",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("does-not-exist.yaml: no such file or directory"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("kubeadm.yaml:17:3: error[unknown-or-miscased-field]"),
        "{stdout}"
    );
}

#[test]
fn stdin_is_read_with_its_filename() {
    kubeadm_lint()
        .args(["check", "--format", "concise", "--stdin-filename", "piped.yaml", "-"])
        .write_stdin("apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("piped.yaml:3:20: error[kubernetes-version-label-or-malformed]"));
}

#[test]
fn directories_are_walked_and_non_kubeadm_yaml_is_silent() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("deploy.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("nested")).unwrap();
    std::fs::write(
        dir.path().join("nested/kubeadm.yml"),
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: stable\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "kubeadm.k8s.io/v1beta1").unwrap();
    kubeadm_lint()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "kubeadm.yml:3:20: warning[kubernetes-version-label-or-malformed]",
        ))
        .stdout(predicate::str::contains("deploy.yaml").not())
        .stdout(predicate::str::contains("notes.txt").not());
}

#[test]
fn unknown_rule_names_are_refused() {
    kubeadm_lint()
        .args([
            "check",
            "--select",
            "no-such-rule",
            "testdata/examples/clean.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
}

#[test]
fn select_and_ignore_filter_rules() {
    let (stdout, _) = stdout_of(&[
        "check",
        "--format",
        "concise",
        "--select",
        "k8s-gcr-io-frozen-registry",
        "testdata/examples/kubeadm.yaml",
    ]);
    assert!(
        stdout.contains("k8s-gcr-io-frozen-registry")
            && !stdout.contains("unknown-or-miscased-field"),
        "{stdout}"
    );
    let (stdout, _) = stdout_of(&[
        "check",
        "--format",
        "concise",
        "--ignore",
        "k8s-gcr-io-frozen-registry",
        "testdata/examples/kubeadm.yaml",
    ]);
    assert!(!stdout.contains("k8s-gcr-io-frozen-registry"), "{stdout}");
}

#[test]
fn rules_lists_every_rule_and_explain_prints_its_page() {
    let (stdout, code) = stdout_of(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("json");
    assert_eq!(list.len(), kubeadm_lint::rules::RULES.len());
    for rule in kubeadm_lint::rules::RULES {
        let (page, code) = stdout_of(&["explain", rule.name]);
        assert_eq!(code, 0);
        assert!(page.starts_with(&format!("# {}", rule.name)));
    }
    let (_, code) = stdout_of(&["explain", "nope"]);
    assert_eq!(code, 2);
}

#[test]
fn kubernetes_version_flag_sets_the_target_when_the_file_does_not() {
    let file = "testdata/rules/kubernetes-version-label-or-malformed/fires-unset-as-info.yaml";
    let (stdout, _) = stdout_of(&["check", "--format", "json", file]);
    assert!(
        stdout.contains("assuming kubeadm") || !stdout.contains("kubeadm-api-version-unsupported")
    );
    let (stdout, _) = stdout_of(&[
        "check",
        "--format",
        "concise",
        "--kubernetes-version",
        "1.27.0",
        file,
    ]);
    assert!(
        stdout.contains("kubeadm 1.27 does not know `kubeadm.k8s.io/v1beta4`"),
        "{stdout}"
    );
    let (_, code) = stdout_of(&["check", "--kubernetes-version", "1.29", file]);
    assert_eq!(code, 2);
}

#[test]
fn credentials_under_miscased_keys_are_masked_too() {
    let config = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nBootstrapTokens:\n  - Token: q8x2pd.0123456789abcdef\n";
    let output = kubeadm_lint()
        .args(["check", "-"])
        .write_stdin(config)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("q8x2pd"),
        "the finding should show the masked token: {stdout}"
    );
    assert!(!stdout.contains("0123456789abcdef"), "{stdout}");
}
