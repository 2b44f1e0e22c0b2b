//! Every input that ever broke an invariant, kept under `testdata/fuzz/<target>/` (raw bytes)
//! and checked on every `cargo test` with the same invariants the fuzz target of that name
//! checks (fuzz/README.md says how inputs get here). Some were found by the fuzzers, some by
//! the property tests in properties.rs.

mod common;
#[path = "common/invariants.rs"]
mod invariants;

use std::path::PathBuf;

const TARGETS: [&str; 3] = ["yaml_tree", "check_file", "fix_round_trip"];

/// The inputs kept for `target` (none yet is fine: a target's folder appears with its first).
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = common::repo_root().join("testdata/fuzz").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Runs `check` on each input of `target`, naming the input that fails.
fn each(target: &str, check: impl Fn(&[u8])) -> usize {
    let inputs = inputs(target);
    for (path, bytes) in &inputs {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(bytes)));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
    inputs.len()
}

#[test]
fn every_kept_input_builds_a_sound_tree() {
    let tree = |bytes: &[u8]| {
        let source = kubeadm_lint::SourceFile::from_bytes("fuzz.yaml", bytes.to_vec());
        invariants::tree(&source.text);
    };
    let checked: usize = TARGETS.iter().map(|target| each(target, tree)).sum();
    assert!(checked >= 3, "{checked}");
}

#[test]
fn check_file_inputs() {
    assert!(each("check_file", invariants::check) > 0);
}

#[test]
fn fix_round_trip_inputs() {
    assert!(
        each("fix_round_trip", |bytes| {
            invariants::fix_round_trip(bytes);
        }) > 0
    );
}
