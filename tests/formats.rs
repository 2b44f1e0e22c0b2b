//! The CI formats (SARIF, GitHub workflow commands, GitLab Code Quality), `--output-file`,
//! and exit codes that are the same whatever the format.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn kubeadm_lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kubeadm-lint").expect("binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = kubeadm_lint(dir).args(args).output().expect("runs");
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
        output.status.code().unwrap_or(-1),
    )
}

fn repo() -> std::path::PathBuf {
    common::repo_root()
}

#[test]
fn github_annotations_snapshot() {
    let (stdout, _, code) = run(
        &repo(),
        &["check", "--format", "github", "testdata/workflow"],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!("github_workflow", stdout);
}

#[test]
fn gitlab_code_quality_snapshot() {
    let (stdout, _, code) = run(
        &repo(),
        &["check", "--format", "gitlab", "testdata/workflow"],
    );
    assert_eq!(code, 1);
    let issues: Vec<Value> = serde_json::from_str(&stdout).expect("a JSON array");
    let fingerprints: std::collections::HashSet<_> =
        issues.iter().map(|i| i["fingerprint"].clone()).collect();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
    insta::assert_snapshot!("gitlab_workflow", stdout);
}

/// A file whose name and finding message hold every character the formats must escape.
fn awkward_file(dir: &Path) -> &'static str {
    let name = "we:ird,name%.yaml";
    std::fs::write(
        dir.join(name),
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\n\"100%: a,b\\r\\nc\": 1\n",
    )
    .unwrap();
    name
}

#[test]
fn github_escapes_percent_newlines_colons_and_commas() {
    let dir = tempfile::tempdir().unwrap();
    let name = awkward_file(dir.path());
    let (stdout, _, code) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "github",
            "--select",
            "unknown-or-miscased-field",
            name,
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stdout.lines().count(),
        1,
        "one command on one line: {stdout}"
    );
    assert!(
        stdout.starts_with("::warning file=we%3Aird%2Cname%25.yaml,line=4,endLine=4,col=1,endColumn=17,title=kubeadm-lint unknown-or-miscased-field::unknown field `100%25: a,b%0D%0Ac` in ClusterConfiguration%0Ahelp: "),
        "{stdout}"
    );
}

#[test]
fn gitlab_keeps_awkward_characters_intact() {
    let dir = tempfile::tempdir().unwrap();
    let name = awkward_file(dir.path());
    let (stdout, _, _) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "gitlab",
            "--select",
            "unknown-or-miscased-field",
            name,
        ],
    );
    let issues: Vec<Value> = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(issues[0]["location"]["path"], "we:ird,name%.yaml");
    let description = issues[0]["description"].as_str().unwrap();
    assert!(
        description.starts_with("unknown field `100%: a,b\r\nc` in ClusterConfiguration"),
        "{description}"
    );
    assert_eq!(issues[0]["severity"], "major");
    assert_eq!(issues[0]["location"]["positions"]["begin"]["line"], 4);
}

fn sarif(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let (stdout, _, _) = run(dir, &all);
    serde_json::from_str(&stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_describes_rules_and_results() {
    let log = sarif(&repo(), &["testdata/workflow"]);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), kubeadm_lint::rules::RULES.len());
    let frozen = rules
        .iter()
        .find(|r| r["id"] == "k8s-gcr-io-frozen-registry")
        .unwrap();
    assert_eq!(frozen["name"], "K8sGcrIoFrozenRegistry");
    assert_eq!(frozen["defaultConfiguration"]["level"], "error");
    assert!(
        frozen["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("registry.k8s.io")
    );
    assert!(
        frozen["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("/rules/k8s-gcr-io-frozen-registry.md")
    );
    assert!(
        frozen["help"]["markdown"]
            .as_str()
            .unwrap()
            .starts_with("# k8s-gcr-io-frozen-registry")
    );
    let results = run["results"].as_array().unwrap();
    let fixed = results
        .iter()
        .find(|r| r["ruleId"] == "k8s-gcr-io-frozen-registry" && r.get("suppressions").is_none())
        .unwrap();
    let region = &fixed["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endColumn"]
        ),
        (&Value::from(18), &Value::from(22), &Value::from(34))
    );
    let replacement = &fixed["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "registry.k8s.io");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 23);
    assert_eq!(
        fixed["partialFingerprints"]["kubeadmLintYamlPath/v1"],
        "k8s-gcr-io-frozen-registry:ClusterConfiguration/etcd/local/imageRepository"
    );
    let suppressed = results
        .iter()
        .find(|r| r["ruleId"] == "coredns-image-path-custom-repo")
        .expect("the suppressed finding is kept");
    assert_eq!(suppressed["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        suppressed["suppressions"][0]["justification"],
        "our mirror flattens the coredns path"
    );
    let external = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "testdata/workflow/vendored-cluster.yaml"
        })
        .unwrap();
    assert_eq!(external["suppressions"][0]["kind"], "external");
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-yaml-keys")
        .unwrap();
    assert_eq!(
        duplicate["relatedLocations"][0]["message"]["text"],
        "first defined here"
    );
}

/// (rule, fingerprint) of every result.
fn fingerprints(log: &Value) -> Vec<(String, String)> {
    let mut found: Vec<_> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["kubeadmLintYamlPath/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

fn start_lines(log: &Value) -> Vec<i64> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_i64()
                .unwrap()
        })
        .collect()
}

#[test]
fn sarif_fingerprints_survive_inserted_lines() {
    let dir = tempfile::tempdir().unwrap();
    let original = common::read(&repo().join("testdata/workflow/cluster.yaml"));
    std::fs::write(dir.path().join("cluster.yaml"), &original).unwrap();
    let before = sarif(dir.path(), &["cluster.yaml"]);
    let shifted = original
        .replacen(
            "apiVersion",
            "# Owned by the platform team.\n# Reviewed 2026-11.\napiVersion",
            1,
        )
        .replacen(
            "networking:\n",
            "clusterName: prod\nnetworking:\n  dnsDomain: cluster.local\n",
            1,
        );
    std::fs::write(dir.path().join("cluster.yaml"), &shifted).unwrap();
    let after = sarif(dir.path(), &["cluster.yaml"]);
    assert_ne!(start_lines(&before), start_lines(&after), "lines moved");
    assert_eq!(fingerprints(&before), fingerprints(&after));
}

#[test]
fn output_file_gets_the_report_and_the_terminal_the_human_one() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("out/report.sarif");
    std::fs::create_dir_all(report.parent().unwrap()).unwrap();
    let output = kubeadm_lint(&repo())
        .args(["check", "--format", "sarif", "--output-file"])
        .arg(&report)
        .arg("testdata/examples/kubeadm.yaml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("Found 3 errors, "), "{stdout}");
    assert!(stdout.contains("× `ServiceSubnet` should be"), "{stdout}");
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let errors = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "error")
        .count();
    assert_eq!(errors, 3);

    let missing = dir.path().join("no/such/dir/report.sarif");
    let output = kubeadm_lint(&repo())
        .args(["check", "--format", "sarif", "--output-file"])
        .arg(&missing)
        .arg("testdata/examples/clean.yaml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write"));
}

#[test]
fn exit_codes_are_the_same_for_every_format() {
    for format in ["human", "concise", "json", "sarif", "github", "gitlab"] {
        let code = |args: &[&str]| {
            let mut all = vec!["check", "--format", format];
            all.extend_from_slice(args);
            run(&repo(), &all).2
        };
        assert_eq!(code(&["testdata/examples/kubeadm.yaml"]), 1, "{format}");
        assert_eq!(code(&["testdata/examples/clean.yaml"]), 0, "{format}");
        assert_eq!(
            code(&["--exit-zero", "testdata/examples/kubeadm.yaml"]),
            0,
            "{format}"
        );
        assert_eq!(
            code(&["testdata/examples/clean.yaml", "missing.yaml"]),
            2,
            "{format}"
        );
        // Only info-level findings: they fail the run only with --fail-on info.
        let info = "testdata/rules/kubernetes-version-label-or-malformed/fires-unset-as-info.yaml";
        assert_eq!(code(&[info]), 0, "{format}");
        assert_eq!(code(&["--fail-on", "info", info]), 1, "{format}");
    }
}

#[test]
fn fail_on_error_lets_warnings_pass() {
    let warnings = "testdata/rules/kubernetes-version-label-or-malformed/fires-label.yaml";
    let (stdout, _, code) = run(&repo(), &["check", "--format", "concise", warnings]);
    assert!(
        stdout.contains("warning[") && !stdout.contains("error["),
        "{stdout}"
    );
    assert_eq!(code, 1);
    assert_eq!(
        run(&repo(), &["check", "--fail-on", "error", warnings]).2,
        0
    );
    assert_eq!(
        run(
            &repo(),
            &[
                "check",
                "--fail-on",
                "error",
                "testdata/examples/kubeadm.yaml"
            ]
        )
        .2,
        1
    );
}

#[test]
fn sarif_reports_inputs_that_could_not_be_checked() {
    let log = sarif(&repo(), &["testdata/examples/clean.yaml", "missing.yaml"]);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("missing.yaml")
    );
}

#[test]
fn exit_non_zero_on_fix_fails_a_run_that_fixed_everything() {
    let dir = tempfile::tempdir().unwrap();
    let text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: registry.k8s.io\nnetworking:\n  ServiceSubnet: 10.96.0.0/12\n";
    let file = dir.path().join("k.yaml");
    std::fs::write(&file, text).unwrap();
    // Everything is fixable: the run is clean afterwards.
    let (_, stderr, code) = run(dir.path(), &["check", "--fix", "k.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("  serviceSubnet:")
    );
    std::fs::write(&file, text).unwrap();
    let (_, _, code) = run(
        dir.path(),
        &["check", "--fix", "--exit-non-zero-on-fix", "k.yaml"],
    );
    assert_eq!(code, 1, "a fix was written");
    // Nothing left to fix: clean again.
    let (_, _, code) = run(
        dir.path(),
        &["check", "--fix", "--exit-non-zero-on-fix", "k.yaml"],
    );
    assert_eq!(code, 0);
}

#[test]
fn github_format_appends_a_job_summary_when_actions_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let output = kubeadm_lint(&repo())
        .args(["check", "--format", "github", "testdata/workflow"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("earlier step\n### kubeadm-lint\n"),
        "{text}"
    );
    assert!(
        text.contains("| ❌ | `k8s-gcr-io-frozen-registry` | `testdata/workflow/cluster.yaml:18` | Kubernetes 1.33.2 images were never published to `k8s.gcr.io` |"),
        "{text}"
    );
    // A clean run says so.
    let output = kubeadm_lint(&repo())
        .args([
            "check",
            "--format",
            "github",
            "testdata/examples/clean.yaml",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&summary)
            .unwrap()
            .ends_with("No problems found in 1 file.\n")
    );
}
