//! A bug met while checking one file (a panic) is reported as an internal error for that file,
//! without the panic's message (it may quote the file), and the other files are still checked
//! and reported; the run ends with exit code 2. Both ways of reporting are covered: streamed
//! (human, concise, JSON) and collected (SARIF, fixing). Uses the debug-only seam in
//! `lint::panic_for_tests`, so these tests run in debug builds only.
#![cfg(debug_assertions)]

use std::path::Path;
use std::process::Command;

use assert_cmd::prelude::*;

const BROKEN: &str = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.33.2\nimageRepository: k8s.gcr.io\n";

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::cargo_bin("kubeadm-lint")
        .expect("binary")
        .current_dir(dir)
        .env("KUBEADM_LINT_PANIC_IN", "b.yaml")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["a.yaml", "b.yaml", "c.yaml"] {
        std::fs::write(dir.path().join(name), BROKEN).unwrap();
    }
    dir
}

fn assert_reported_for_b_only(out: &str, err: &str, code: i32) {
    assert_eq!(code, 2, "{out}\n{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with("error: ./b.yaml: internal error"),
        "{err}"
    );
    assert!(
        errors[0].contains("src/lint.rs:"),
        "where it happened: {err}"
    );
    assert!(!err.contains("7f4c1d8e9a0b2c3d") && !out.contains("7f4c1d8e9a0b2c3d"));
    assert!(
        !err.contains("panic for tests"),
        "the message is never shown: {err}"
    );
    for checked in ["a.yaml", "c.yaml"] {
        assert!(out.contains(checked), "{checked} still checked:\n{out}");
    }
    // Only SARIF names the file in its report: as a notification of the run's failure.
    let named = out.matches("b.yaml").count();
    let notified = out
        .matches("./b.yaml: internal error at src/lint.rs:")
        .count();
    assert_eq!(named, notified, "{out}");
}

#[test]
fn streamed_formats_report_the_file_and_go_on() {
    let dir = tree();
    for format in ["human", "concise", "json"] {
        let (out, err, code) = run(dir.path(), &["check", "--format", format, "-j", "2", "."]);
        assert_reported_for_b_only(&out, &err, code);
    }
}

#[test]
fn collected_formats_and_fixing_report_the_file_and_go_on() {
    let dir = tree();
    let (out, err, code) = run(dir.path(), &["check", "--format", "sarif", "."]);
    assert_reported_for_b_only(&out, &err, code);
    let (out, err, code) = run(dir.path(), &["check", "--diff", "."]);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(err.contains("error: ./b.yaml: internal error"), "{err}");
    assert!(
        out.contains("a/a.yaml") && out.contains("a/c.yaml"),
        "{out}"
    );
    assert!(!out.contains("b.yaml"), "{out}");
}
