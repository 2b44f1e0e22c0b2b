//! End to end: the hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit (installed
//! from PyPI by tests/pre-commit/install.sh), in a temporary git repository with a broken
//! kubeadm configuration, a clean one and unrelated YAML.
//!
//! The hook repository is a snapshot of this work tree (tracked and new files, as they are on
//! disk) committed in a temporary repository, so the test checks what is being changed, and
//! needs no network but PyPI. pre-commit builds the hook with `cargo install`; its target
//! directory is kept in target/pre-commit-e2e so later runs rebuild only this crate, and it
//! runs offline, with the crates `cargo test` has already downloaded.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BROKEN: &str = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: \"k8s.gcr.io\"\nnetworking:\n  ServiceSubnet: 10.96.0.0/12\n";

const FIXED: &str = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: \"registry.k8s.io\"\nnetworking:\n  serviceSubnet: 10.96.0.0/12\n";

/// Not kubeadm, not even valid YAML until Helm renders it: skipped without a word.
const UNRELATED: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }\n";

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let output = run(Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com"));
    assert!(
        output.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        text(&output)
    );
    output
}

/// Commits the work tree's files (tracked ones as on disk, and new ones not ignored) into a new
/// repository at `dest`; returns the commit.
fn snapshot(root: &Path, dest: &Path) -> String {
    let listed = git(
        root,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    for name in listed.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = Path::new(std::str::from_utf8(name).expect("utf-8 path"));
        let from = root.join(name);
        if !from.is_file() {
            continue; // deleted in the work tree
        }
        let to = dest.join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    git(dest, &["init", "-q"]);
    git(dest, &["add", "-A"]);
    git(dest, &["commit", "-q", "-m", "snapshot"]);
    String::from_utf8(git(dest, &["rev-parse", "HEAD"]).stdout)
        .unwrap()
        .trim()
        .to_string()
}

fn install_pre_commit(root: &Path) -> PathBuf {
    let output = run(Command::new("bash").arg(root.join("tests/pre-commit/install.sh")));
    assert!(
        output.status.success(),
        "pre-commit could not be installed (tests/pre-commit/install.sh needs python3 and PyPI):\n{}",
        text(&output)
    );
    PathBuf::from(String::from_utf8(output.stdout).unwrap().trim())
}

fn config(hooks: &Path, rev: &str, hook: &str) -> String {
    format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n",
        hooks.display()
    )
}

#[test]
fn pre_commit_hooks_check_fix_and_skip_unrelated_yaml() {
    let root = common::repo_root();
    let pre_commit = install_pre_commit(&root);
    let tmp = tempfile::tempdir().unwrap();
    let hooks = tmp.path().join("hooks");
    let rev = snapshot(&root, &hooks);

    let project = tmp.path().join("project");
    std::fs::create_dir_all(project.join("clusters")).unwrap();
    std::fs::create_dir_all(project.join("chart/templates")).unwrap();
    std::fs::write(project.join("clusters/broken.yaml"), BROKEN).unwrap();
    let clean = common::read(&root.join("testdata/examples/clean.yaml"));
    std::fs::write(project.join("clusters/clean.yaml"), &clean).unwrap();
    std::fs::write(project.join("chart/templates/deployment.yaml"), UNRELATED).unwrap();
    std::fs::write(
        project.join(".pre-commit-config.yaml"),
        config(&hooks, &rev, "kubeadm-lint"),
    )
    .unwrap();
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);

    let pre_commit = |args: &[&str]| {
        run(Command::new(&pre_commit)
            .current_dir(&project)
            .args(args)
            .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", root.join("target/pre-commit-e2e"))
            // A test build: no LTO, no optimisation, parallel codegen; and resolved with the
            // crates `cargo test` already downloaded (the lockfile's), without index traffic.
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_NET_OFFLINE", "true")
            .env("NO_COLOR", "1")
            .env("GIT_AUTHOR_NAME", "test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com"))
    };

    // The checking hook fails on the broken file only.
    let output = pre_commit(&["run", "--all-files"]);
    let log = text(&output);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(
        log.contains("kubeadm-lint") && log.contains("Failed"),
        "{log}"
    );
    assert!(log.contains("clusters/broken.yaml:4:18"), "{log}");
    assert!(log.contains("k8s-gcr-io-frozen-registry"), "{log}");
    assert!(log.contains("unknown-or-miscased-field"), "{log}");
    assert!(!log.contains("clean.yaml"), "{log}");
    assert!(!log.contains("deployment.yaml"), "{log}");
    assert_eq!(
        common::read(&project.join("clusters/broken.yaml")),
        BROKEN,
        "the checking hook writes nothing"
    );

    // Installed as a git hook, it stops the commit.
    let output = pre_commit(&["install"]);
    assert!(output.status.success(), "{}", text(&output));
    let commit = run(Command::new("git")
        .current_dir(&project)
        .args(["commit", "-q", "-m", "add clusters"])
        .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-home"))
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com"));
    assert!(!commit.status.success(), "{}", text(&commit));
    assert!(text(&commit).contains("broken.yaml"), "{}", text(&commit));

    // The fixing hook fixes the broken file (pre-commit fails the run because files changed),
    // and leaves the others alone; then everything passes.
    std::fs::write(
        project.join(".pre-commit-config.yaml"),
        config(&hooks, &rev, "kubeadm-lint-fix"),
    )
    .unwrap();
    git(&project, &["add", "-A"]);
    let output = pre_commit(&["run", "--all-files"]);
    let log = text(&output);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(log.contains("files were modified by this hook"), "{log}");
    assert_eq!(common::read(&project.join("clusters/broken.yaml")), FIXED);
    assert_eq!(common::read(&project.join("clusters/clean.yaml")), clean);
    assert_eq!(
        common::read(&project.join("chart/templates/deployment.yaml")),
        UNRELATED
    );
    git(&project, &["add", "-A"]);
    let output = pre_commit(&["run", "--all-files"]);
    assert!(output.status.success(), "{}", text(&output));
}
