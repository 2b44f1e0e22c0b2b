//! `check --fix`, `--unsafe-fixes` and `--diff` as pipelines use them: what goes to stdout and
//! stderr, exit codes, and files that must be left alone.

use std::path::Path;

use assert_cmd::Command;

const GCR_AND_CASE: &str = "apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.31.2
imageRepository: k8s.gcr.io
networking:
  ServiceSubnet: 10.96.0.0/12
";

const GCR_AND_CASE_FIXED: &str = "apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.31.2
imageRepository: registry.k8s.io
networking:
  serviceSubnet: 10.96.0.0/12
";

/// A typo whose fix is unsafe, and a wrong case whose fix is safe.
const TYPO: &str = "apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.31.2
controlPlaneEndpiont: lb.example.com:6443
networking:
  PodSubnet: 10.244.0.0/16
";

fn kubeadm_lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kubeadm-lint").expect("binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    cmd
}

fn workdir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn stdin_with_fix_prints_the_fixed_document_and_reports_on_stderr() {
    let dir = workdir(&[]);
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(GCR_AND_CASE)
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout), GCR_AND_CASE_FIXED);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("-: fixed [k8s-gcr-io-frozen-registry]"),
        "{stderr}"
    );
    assert!(stderr.contains("Fixed 2 problems."), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn stdin_with_fix_passes_through_what_it_cannot_or_need_not_fix() {
    let dir = workdir(&[]);
    let plain = "apiVersion: v1\nkind: ConfigMap\n";
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(plain)
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout), plain);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn json_summary_counts_fixed_problems_and_lists_what_is_left() {
    let dir = workdir(&[("k.yaml", TYPO)]);
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "--format", "json", "k.yaml"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["summary"]["fixed"], 1);
    let left = json["diagnostics"].as_array().unwrap();
    assert_eq!(left.len(), 1, "{json}");
    assert_eq!(left[0]["fix"]["applicability"], "unsafe");
    assert_eq!(left[0]["line"], 4, "positions refer to the fixed file");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the finding left decides the exit code"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("k.yaml"))
            .unwrap()
            .contains("podSubnet:")
    );
}

#[test]
fn human_output_counts_fixes_and_says_how_to_apply_the_rest() {
    let dir = workdir(&[("k.yaml", TYPO)]);
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "k.yaml"])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("fix (--unsafe-fixes): rename `controlPlaneEndpiont`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Fixed 1 problem. 1 fixable with --unsafe-fixes."),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("k.yaml: fixed [unknown-or-miscased-field] rename `PodSubnet`")
    );

    let out = kubeadm_lint(dir.path())
        .args(["check", "--unsafe-fixes", "k.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("No problems found in 1 file. Fixed 1 problem."));
}

#[test]
fn diff_prints_only_the_diff_and_writes_nothing() {
    let dir = workdir(&[("k.yaml", GCR_AND_CASE)]);
    let out = kubeadm_lint(dir.path())
        .args(["check", "--diff", "--format", "json", "./k.yaml"])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("--- a/k.yaml\n+++ b/k.yaml\n@@ "),
        "{stdout}"
    );
    assert!(!stdout.contains('{'), "the JSON report is not on stdout");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("./k.yaml: would fix [unknown-or-miscased-field]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"fixed\": 2"),
        "the report goes to stderr: {stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("k.yaml")).unwrap(),
        GCR_AND_CASE
    );
    assert_eq!(out.status.code(), Some(0), "nothing would be left");
}

#[test]
fn fix_and_diff_cannot_be_combined() {
    let dir = workdir(&[("k.yaml", GCR_AND_CASE)]);
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "--diff", "k.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("k.yaml")).unwrap(),
        GCR_AND_CASE
    );
}

#[test]
fn a_read_only_file_is_left_alone_and_the_run_fails() {
    let dir = workdir(&[("k.yaml", GCR_AND_CASE), ("other.yaml", GCR_AND_CASE)]);
    let path = dir.path().join("k.yaml");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error: ./k.yaml: the file is read-only; the file was left unchanged"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), GCR_AND_CASE);
    // The findings of the file that could not be fixed are still reported.
    assert!(
        text(&out.stdout).contains("k8s.gcr.io"),
        "{}",
        text(&out.stdout)
    );
    // Other files are fixed all the same.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("other.yaml")).unwrap(),
        GCR_AND_CASE_FIXED
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_written_through_the_link() {
    let dir = workdir(&[("real.yaml", GCR_AND_CASE)]);
    std::os::unix::fs::symlink("real.yaml", dir.path().join("link.yaml")).unwrap();
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "link.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let link = dir.path().join("link.yaml");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("real.yaml")).unwrap(),
        GCR_AND_CASE_FIXED
    );
}

#[test]
fn a_file_named_twice_is_fixed_once() {
    let dir = workdir(&[("k.yaml", GCR_AND_CASE)]);
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "k.yaml", "./k.yaml", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr)
            .matches("fixed [k8s-gcr-io-frozen-registry]")
            .count(),
        1
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("k.yaml")).unwrap(),
        GCR_AND_CASE_FIXED
    );
}

#[test]
fn a_diff_that_would_show_a_credential_is_withheld() {
    let secret_below = "apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
bootstrapTokens:
- Description: for the workers
  token: k3x9q2.7f4c1d8e9a0b2c3d
";
    let dir = workdir(&[("init.yaml", secret_below)]);
    let out = kubeadm_lint(dir.path())
        .args(["check", "--diff", "init.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("7f4c1d8e9a0b2c3d"), "{stderr}");
    assert!(
        stderr.contains("would show the credential on line 5"),
        "{stderr}"
    );
    // --fix still fixes it.
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "init.yaml"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(dir.path().join("init.yaml"))
            .unwrap()
            .contains("- description: for")
    );
}

#[test]
fn undecodable_stdin_passes_through_byte_for_byte() {
    let dir = workdir(&[]);
    let latin1 = b"apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: k8s.gcr.io\n# caf\xe9\n".to_vec();
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(latin1.clone())
        .output()
        .unwrap();
    assert_eq!(out.stdout, latin1, "not the lossy copy");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not valid UTF-8"),
        "{}",
        text(&out.stderr)
    );
    // The same file on disk is not rewritten either.
    std::fs::write(dir.path().join("latin1.yaml"), &latin1).unwrap();
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "latin1.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(dir.path().join("latin1.yaml")).unwrap(),
        latin1
    );
}
