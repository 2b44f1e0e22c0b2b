//! The SARIF output passes Microsoft's SARIF validator (`@microsoft/sarif-multitool validate`,
//! installed by tests/sarif/validate.sh) without an error-level result. A deliberately broken
//! copy must fail it, so the test cannot pass because the validator silently did nothing.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn kubeadm_lint_sarif(args: &[&str]) -> String {
    let output = assert_cmd::Command::cargo_bin("kubeadm-lint")
        .expect("binary")
        .current_dir(common::repo_root())
        .args(["check", "--format", "sarif"])
        .args(args)
        .output()
        .expect("runs");
    String::from_utf8(output.stdout).expect("utf-8")
}

/// Runs the validator on `file`; returns its results as (level, text).
fn validate(file: &Path, dir: &Path) -> Vec<(String, String)> {
    let out = dir.join(format!(
        "{}.validation.sarif",
        file.file_stem().unwrap().to_string_lossy()
    ));
    let script = common::repo_root().join("tests/sarif/validate.sh");
    let output = Command::new("bash")
        .arg(&script)
        .arg(&out)
        .arg(file)
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the SARIF validator could not run (tests/sarif/validate.sh needs npm and the npm registry):\n{stderr}"
    );
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("validator log"))
        .expect("the validator writes SARIF");
    log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["level"].as_str().unwrap_or("warning").to_string(),
                format!("{}: {}", r["ruleId"], r["message"]),
            )
        })
        .collect()
}

#[test]
fn sarif_output_passes_the_sarif_multitool_validator() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Findings with fixes, related locations, in-source and external suppressions, and an input
    // that cannot be read (a tool execution notification).
    let text = kubeadm_lint_sarif(&[
        "testdata/workflow",
        "testdata/examples/kubeadm.yaml",
        "does-not-exist.yaml",
    ]);
    let log: Value = serde_json::from_str(&text).expect("SARIF is JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r.get("fixes").is_some()), "no fixes");
    assert!(
        results
            .iter()
            .any(|r| r["suppressions"][0]["kind"] == "inSource"),
        "no in-source suppression"
    );
    assert!(
        results
            .iter()
            .any(|r| r["suppressions"][0]["kind"] == "external"),
        "no external suppression"
    );
    assert!(results.iter().any(|r| r.get("relatedLocations").is_some()));
    let file = dir.path().join("kubeadm-lint.sarif");
    std::fs::write(&file, &text).unwrap();
    let findings = validate(&file, dir.path());
    for (level, text) in &findings {
        eprintln!("validator {level}: {text}");
    }
    let errors: Vec<_> = findings.iter().filter(|(l, _)| l == "error").collect();
    assert!(errors.is_empty(), "SARIF validator errors: {errors:#?}");

    // The control: a region starting at line 0 breaks the schema.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    let file = dir.path().join("broken.sarif");
    std::fs::write(&file, broken.to_string()).unwrap();
    let findings = validate(&file, dir.path());
    assert!(
        findings.iter().any(|(l, _)| l == "error"),
        "the validator did not reject a broken log: {findings:?}"
    );
}
