//! Fix properties over every real-world file of the corpus (`../shared/corpus`, templates
//! excluded), with unsafe fixes on: fixing never fails, the result parses, a second run changes
//! nothing, every comment survives, a file with nothing fixable stays byte-identical, no new
//! error-level finding appears; and `check --diff` over the whole corpus applies with
//! `git apply` and gives exactly what `check --unsafe-fixes` writes.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use kubeadm_lint::diagnostic::{Diagnostic, Severity};
use kubeadm_lint::{LintOptions, SourceFile, lint, yaml};

fn corpus_files() -> Vec<(String, Vec<u8>)> {
    let files: Vec<(String, Vec<u8>)> = common::corpus_manifest()
        .into_iter()
        .filter(|(_, is_template, _)| !is_template)
        .map(|(file, _, _)| {
            let path = common::corpus_dir().join(&file);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (file, bytes)
        })
        .collect();
    assert!(files.len() >= 50, "corpus too small: {}", files.len());
    files
}

fn error_findings(diagnostics: &[Diagnostic]) -> HashMap<(&'static str, String), usize> {
    let mut found = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        *found.entry((d.rule, d.message.clone())).or_insert(0) += 1;
    }
    found
}

#[test]
fn fixing_the_corpus_keeps_every_property() {
    let options = LintOptions::default();
    let mut failures = Vec::new();
    let mut changed = 0;
    let files = corpus_files();
    for (name, bytes) in &files {
        let source = SourceFile::from_bytes(name.clone(), bytes.clone());
        let before = lint(&source, &options).diagnostics;
        let outcome = match kubeadm_lint::fix::fix_source(&source, &options, true) {
            Ok(outcome) => outcome,
            Err(error) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let out = outcome.text.as_str();
        if out.as_bytes() != bytes.as_slice() {
            changed += 1;
        }

        // Nothing fixable, or nothing applied: byte for byte the input.
        let fixable = before.iter().any(|d| d.fix.is_some());
        if (!fixable || outcome.applied.is_empty()) && out.as_bytes() != bytes.as_slice() {
            failures.push(format!("{name}: changed although nothing was fixed"));
        }

        // The output parses (no syntax error the input did not have).
        let input_errors = yaml::parse(&source.text).errors.len();
        let output_errors = yaml::parse(out).errors.len();
        if output_errors > input_errors {
            failures.push(format!(
                "{name}: {output_errors} syntax errors after fixing, {input_errors} before"
            ));
        }

        // A second run changes nothing.
        let again = SourceFile::new(name.clone(), out);
        match kubeadm_lint::fix::fix_source(&again, &options, true) {
            Ok(second) if second.text == out && second.applied.is_empty() => {}
            Ok(second) => {
                failures.push(format!("{name}: a second run applied {:?}", second.applied))
            }
            Err(error) => failures.push(format!("{name}: second run: {error}")),
        }

        // Every comment line, and every trailing comment, is still there.
        for line in source
            .text
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
        {
            if !out.lines().any(|o| o == line) {
                failures.push(format!("{name}: comment line lost: {line}"));
            }
        }
        for comment in &yaml::parse(&source.text).comments {
            let text = &source.text[comment.span.range()];
            if !out.contains(text) {
                failures.push(format!("{name}: comment lost: {text}"));
            }
        }

        // No error-level finding the input did not have (checked independently of the fixer).
        let mut old = error_findings(&before);
        let after = lint(&SourceFile::new(name.clone(), out), &options).diagnostics;
        for d in after.iter().filter(|d| d.severity == Severity::Error) {
            match old.get_mut(&(d.rule, d.message.clone())) {
                Some(count) if *count > 0 => *count -= 1,
                _ => failures.push(format!("{name}: new error [{}] {}", d.rule, d.message)),
            }
        }
    }
    eprintln!(
        "{changed} of {} corpus files changed by fixing",
        files.len()
    );
    assert!(
        changed > 0,
        "no corpus file had anything to fix: the test proves nothing"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn copy_corpus(to: &Path) {
    for (name, bytes) in corpus_files() {
        std::fs::write(to.join(name), bytes).unwrap();
    }
}

fn kubeadm_lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kubeadm-lint").expect("binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

#[test]
fn corpus_diff_applies_and_equals_the_written_fix() {
    let diffed = tempfile::tempdir().unwrap();
    let fixed = tempfile::tempdir().unwrap();
    copy_corpus(diffed.path());
    copy_corpus(fixed.path());

    let diff = kubeadm_lint(diffed.path())
        .args(["check", "--diff", "--unsafe-fixes", "."])
        .output()
        .unwrap();
    // A diff whose context would show a credential is withheld (exit 2, one error per file);
    // any other failure is a bug.
    let withheld: Vec<String> = String::from_utf8_lossy(&diff.stderr)
        .lines()
        .filter_map(|line| line.strip_prefix("error: "))
        .map(|error| {
            let (file, why) = error.split_once(": ").expect("error: file: reason");
            assert!(why.contains("credential"), "unexpected error: {error}");
            file.trim_start_matches("./").to_string()
        })
        .collect();
    if withheld.is_empty() {
        assert_ne!(diff.status.code(), Some(2));
    }
    assert!(!diff.stdout.is_empty(), "the corpus has fixable files");
    let stderr = String::from_utf8_lossy(&diff.stderr);
    assert!(
        stderr.contains(": would fix ["),
        "stderr lists the fixes: {stderr}"
    );
    // stdout is only the diff: every line is a header, a hunk line or a no-newline marker.
    let text = String::from_utf8_lossy(&diff.stdout);
    for line in text.lines() {
        assert!(
            line.starts_with("--- a/")
                || line.starts_with("+++ b/")
                || line.starts_with("@@ ")
                || line.starts_with([' ', '+', '-'])
                || line == "\\ No newline at end of file",
            "not a diff line: {line}"
        );
    }
    std::fs::write(diffed.path().join("fix.patch"), &diff.stdout).unwrap();
    for check in [true, false] {
        let mut git = Process::new("git");
        git.arg("apply");
        if check {
            git.arg("--check");
        }
        let status = git
            .arg("fix.patch")
            .current_dir(diffed.path())
            .env("GIT_CEILING_DIRECTORIES", diffed.path().parent().unwrap())
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "git apply: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    std::fs::remove_file(diffed.path().join("fix.patch")).unwrap();

    let fix = kubeadm_lint(fixed.path())
        .args(["check", "--unsafe-fixes", "."])
        .output()
        .unwrap();
    assert_ne!(
        fix.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&fix.stderr)
    );

    let mut differences = Vec::new();
    for (name, original) in corpus_files() {
        let patched = std::fs::read(diffed.path().join(&name)).unwrap();
        let written = std::fs::read(fixed.path().join(&name)).unwrap();
        if patched != written && !withheld.contains(&name) {
            differences.push(name.clone());
        }
        if std::str::from_utf8(&original).is_err() {
            assert_eq!(written, original, "{name}: not UTF-8, so never rewritten");
        }
    }
    assert!(
        differences.is_empty(),
        "diff and --fix disagree on {differences:?}"
    );
}

/// Scalar leaves of a node as (path, value), for comparing two parses of a document.
fn leaves(
    node: kubeadm_lint::yaml::Node,
    path: String,
    out: &mut Vec<(String, String)>,
    depth: usize,
) {
    if depth > 32 || node.is_alias() {
        return;
    }
    if node.is_mapping() {
        for (key, value) in node.entries() {
            let key = key.as_str().unwrap_or("?");
            leaves(value, format!("{path}.{key}"), out, depth + 1);
        }
    } else if node.is_sequence() {
        for (i, item) in node.items().enumerate() {
            leaves(item, format!("{path}[{i}]"), out, depth + 1);
        }
    } else if node.is_null() {
        out.push((path, String::new()));
    } else if let Some(text) = node.as_str() {
        out.push((path, text.to_string()));
    }
}

/// `insert_path` on every real layout of the corpus, for every missing field (and every missing
/// field of a present object): the result parses, the new key reads back with its value at
/// that path, and every other value of every document is unchanged.
#[test]
fn insert_path_keeps_every_corpus_document_intact() {
    use kubeadm_lint::fix::{apply_edits, edits};
    use kubeadm_lint::kubeadm::schema::{self, ValueKind};
    use kubeadm_lint::kubeadm::{ConfigSet, VersionOptions};

    const VALUE: &str = "inserted-by-test";
    let mut failures = Vec::new();
    let mut inserted = 0;
    let mut refused = Vec::new();
    for (name, bytes) in corpus_files() {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let source = SourceFile::new(name.clone(), text.as_str());
        let tree = yaml::parse(&text);
        let config = ConfigSet::new(&source, &tree, &VersionOptions::default());
        for doc in &config.documents {
            let Some(fields) = doc.kind.and_then(|k| schema::root_fields(doc.api, k)) else {
                continue;
            };
            let mut paths: Vec<Vec<&str>> = Vec::new();
            for field in fields {
                match field.kind {
                    ValueKind::Object(children) => {
                        for child in children
                            .iter()
                            .filter(|c| !matches!(c.kind, ValueKind::Object(_)))
                        {
                            paths.push(vec![field.name, child.name]);
                        }
                    }
                    ValueKind::String => paths.push(vec![field.name]),
                    _ => {}
                }
            }
            for path in paths {
                if doc.path(&path).is_some() {
                    continue;
                }
                let Some(edits) = edits::insert_path(&text, doc, &path, VALUE) else {
                    refused.push(format!("{name} doc {} {}", doc.index, path.join(".")));
                    continue;
                };
                inserted += 1;
                let out = apply_edits(&text, &edits).expect("edits fit");
                let out_tree = yaml::parse(&out);
                let where_ = format!("{name} doc {} {}", doc.index, path.join("."));
                if out_tree.errors.len() > tree.errors.len() {
                    failures.push(format!("{where_}: no longer parses:\n{out}"));
                    continue;
                }
                if out_tree.documents.len() != tree.documents.len() {
                    failures.push(format!("{where_}: document count changed"));
                    continue;
                }
                for index in 0..tree.documents.len() {
                    let (Some(before), Some(after)) = (tree.root(index), out_tree.root(index))
                    else {
                        continue;
                    };
                    let (mut old, mut new) = (Vec::new(), Vec::new());
                    leaves(before, String::new(), &mut old, 0);
                    leaves(after, String::new(), &mut new, 0);
                    if index == doc.index {
                        let added = format!(".{}", path.join("."));
                        let at = new.iter().position(|(p, v)| *p == added && v == VALUE);
                        match at {
                            Some(at) => {
                                new.remove(at);
                            }
                            None => failures
                                .push(format!("{where_}: the new key does not read back:\n{out}")),
                        }
                        // An empty parent (`dns:` with only comments) became the new mapping.
                        old.retain(|(p, v)| !(v.is_empty() && added.starts_with(&format!("{p}."))));
                    }
                    old.sort();
                    new.sort();
                    if old != new {
                        failures.push(format!("{where_}: other values changed:\n{out}"));
                    }
                }
            }
        }
    }
    eprintln!("{inserted} insertions checked; refused: {refused:?}");
    assert!(
        inserted > 500,
        "only {inserted} insertions: the corpus was not exercised"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
