//! Every folder `testdata/fix/<case>/` holds `input.yaml`, the `output.yaml` that fixing it must
//! give byte for byte, the `diff.patch` that `check --diff` must print, and optionally `args`
//! (extra `check` arguments, one a line: `--unsafe-fixes`, `--kubernetes-version=1.31.0`).
//!
//! Each case is checked four ways: the library (`fix_source`), `check --diff` (exact stdout,
//! then `git apply --check` and `git apply` on a copy), `check --fix`/`--unsafe-fixes` on
//! another copy, and a second `--fix` run that must change nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use kubeadm_lint::kubeadm::VersionOptions;
use kubeadm_lint::kubeadm::version::Version;
use kubeadm_lint::{LintOptions, SourceFile};

struct Case {
    name: String,
    dir: PathBuf,
    args: Vec<String>,
}

impl Case {
    fn file(&self, name: &str) -> Vec<u8> {
        let path = self.dir.join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn unsafe_fixes(&self) -> bool {
        self.args.iter().any(|a| a == "--unsafe-fixes")
    }

    fn options(&self) -> LintOptions {
        let flag = |name: &str| {
            self.args
                .iter()
                .find_map(|a| a.strip_prefix(&format!("{name}=")))
                .map(|v| Version::parse(v).expect("version"))
        };
        LintOptions {
            versions: VersionOptions {
                kubernetes: flag("--kubernetes-version"),
                kubeadm: flag("--kubeadm-version"),
            },
            ..LintOptions::default()
        }
    }
}

fn cases() -> Vec<Case> {
    let root = common::repo_root().join("testdata/fix");
    let mut cases: Vec<Case> = std::fs::read_dir(&root)
        .expect("testdata/fix")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .map(|dir| {
            let args = std::fs::read_to_string(dir.join("args"))
                .unwrap_or_default()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
            Case {
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                dir,
                args,
            }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(
        cases.len() >= 10,
        "expected the fix fixtures, found {}",
        cases.len()
    );
    cases
}

fn kubeadm_lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kubeadm-lint").expect("binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn git_apply(dir: &Path, args: &[&str]) -> std::process::Output {
    Process::new("git")
        .args(["apply"])
        .args(args)
        .arg("fix.patch")
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap())
        .output()
        .expect("git runs")
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\r', "\\r")
}

#[test]
fn library_fixes_give_the_expected_output() {
    let mut failures = Vec::new();
    for case in cases() {
        let input = String::from_utf8(case.file("input.yaml")).expect("utf-8 input");
        let expected = case.file("output.yaml");
        let source = SourceFile::new("input.yaml", input.as_str());
        match kubeadm_lint::fix::fix_source(&source, &case.options(), case.unsafe_fixes()) {
            Ok(outcome) if outcome.text.as_bytes() == expected.as_slice() => {
                // Fixing the output again finds nothing left to do.
                let again = SourceFile::new("output.yaml", outcome.text.as_str());
                let second =
                    kubeadm_lint::fix::fix_source(&again, &case.options(), case.unsafe_fixes())
                        .unwrap();
                if !second.applied.is_empty() || second.text != outcome.text {
                    failures.push(format!(
                        "{}: a second run still fixes {:?}",
                        case.name, second.applied
                    ));
                }
                if (outcome.text == input) != outcome.applied.is_empty() {
                    failures.push(format!(
                        "{}: applied {:?} but the text says otherwise",
                        case.name, outcome.applied
                    ));
                }
            }
            Ok(outcome) => failures.push(format!(
                "{}: got\n{}\nexpected\n{}",
                case.name,
                show(outcome.text.as_bytes()),
                show(&expected)
            )),
            Err(error) => failures.push(format!("{}: {error}", case.name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn diff_output_is_exact_and_applies_to_the_fix_result() {
    let mut failures = Vec::new();
    for case in cases() {
        let work = tempfile::tempdir().unwrap();
        std::fs::write(work.path().join("input.yaml"), case.file("input.yaml")).unwrap();
        let output = kubeadm_lint(work.path())
            .args(["check", "--diff", "input.yaml"])
            .args(&case.args)
            .output()
            .unwrap();
        let expected = case.file("diff.patch");
        if output.stdout != expected {
            failures.push(format!(
                "{}: --diff printed\n{}\nexpected\n{}\nstderr: {}",
                case.name,
                show(&output.stdout),
                show(&expected),
                show(&output.stderr)
            ));
            continue;
        }
        if output.status.code() == Some(2) {
            failures.push(format!(
                "{}: --diff failed: {}",
                case.name,
                show(&output.stderr)
            ));
        }
        assert_eq!(
            std::fs::read(work.path().join("input.yaml")).unwrap(),
            case.file("input.yaml"),
            "{}: --diff wrote the file",
            case.name
        );
        if expected.is_empty() {
            if case.file("output.yaml") != case.file("input.yaml") {
                failures.push(format!(
                    "{}: empty diff but output differs from input",
                    case.name
                ));
            }
            continue;
        }
        std::fs::write(work.path().join("fix.patch"), &output.stdout).unwrap();
        let check = git_apply(work.path(), &["--check"]);
        if !check.status.success() {
            failures.push(format!(
                "{}: git apply --check: {}",
                case.name,
                show(&check.stderr)
            ));
            continue;
        }
        let apply = git_apply(work.path(), &[]);
        assert!(
            apply.status.success(),
            "{}: {}",
            case.name,
            show(&apply.stderr)
        );
        let patched = std::fs::read(work.path().join("input.yaml")).unwrap();
        if patched != case.file("output.yaml") {
            failures.push(format!(
                "{}: the applied diff gives\n{}",
                case.name,
                show(&patched)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fix_writes_the_expected_output_and_a_second_run_changes_nothing() {
    let mut failures = Vec::new();
    for case in cases() {
        let work = tempfile::tempdir().unwrap();
        let path = work.path().join("input.yaml");
        std::fs::write(&path, case.file("input.yaml")).unwrap();
        // --unsafe-fixes fixes on its own; everything else needs --fix.
        let fix_flag: &[&str] = if case.unsafe_fixes() { &[] } else { &["--fix"] };
        let first = kubeadm_lint(work.path())
            .args(["check", "input.yaml"])
            .args(fix_flag)
            .args(&case.args)
            .output()
            .unwrap();
        let written = std::fs::read(&path).unwrap();
        if written != case.file("output.yaml") {
            failures.push(format!(
                "{}: --fix wrote\n{}\nstderr: {}",
                case.name,
                show(&written),
                show(&first.stderr)
            ));
            continue;
        }
        if first.status.code() == Some(2) {
            failures.push(format!(
                "{}: --fix failed: {}",
                case.name,
                show(&first.stderr)
            ));
        }
        let changed = case.file("input.yaml") != case.file("output.yaml");
        let stderr = show(&first.stderr);
        if changed != stderr.contains("input.yaml: fixed [") {
            failures.push(format!(
                "{}: stderr does not list the fixes: {stderr}",
                case.name
            ));
        }
        let second = kubeadm_lint(work.path())
            .args(["check", "input.yaml"])
            .args(fix_flag)
            .args(&case.args)
            .output()
            .unwrap();
        if std::fs::read(&path).unwrap() != written || show(&second.stderr).contains("fixed [") {
            failures.push(format!(
                "{}: the second --fix changed something: {}",
                case.name,
                show(&second.stderr)
            ));
        }
        if first.status.code() != second.status.code() {
            failures.push(format!(
                "{}: exit code {:?} after fixing, {:?} on the fixed file",
                case.name,
                first.status.code(),
                second.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
