//! Credentials are never printed in full: every output format (as many as the command line
//! has), every mode (check, --diff, --fix, --unsafe-fixes, standard input) and the images
//! command, over files whose findings and fixes sit right next to bootstrap tokens, discovery
//! tokens and certificate keys, some under miscased or misspelt keys or in a comment.

use std::path::Path;

use assert_cmd::Command;
use clap::ValueEnum;
use kubeadm_lint::cli::OutputFormat;

/// (file, text, the credentials in it).
const FILES: [(&str, &str); 2] = [
    (
        "init.yaml",
        "apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
bootstrapTokens:
- Description: for the workers
  token: q8x3z1.m4n7b2v9c5x6z0l1
  ttl: 24h0m0s
- Token: r2d2c3.p0o9i8u7y6t5r4e3
  usages: [signing, authentication]
# join with: kubeadm join --token a1s2d3.f4g5h6j7k8l9z0x1
- tokne: h7j8k9.l0z1x2c3v4b5n6m7
certificateKey: 5c75c6def87995226f15f48e88fbb564970acdca158d56bf39a10f08a9dc45f3
NodeRegistration:
  name: cp-1
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.31.2
imageRepository: k8s.gcr.io
controlPlaneEndpiont: lb.example.com:6443
",
    ),
    (
        "join.yaml",
        "apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
discovery:
  BootstrapToken:
    token: w1e2r3.t4y5u6i7o8p9a0s1
    apiServerEndpoint: lb.example.com:6443
    unsafeSkipCAVerification: true
  tlsBootstrapToken: z9x8c7.v6b5n4m3l2k1j0h9
controlPlane:
  certificateKey: 54d1265e30846d209737447f0bcf22d3660e7dc47a5ca5cf60158ef8e0d529c2
  LocalAPIEndpoint:
    advertiseAddress: 10.0.0.2
",
    ),
];

/// The private part of each credential: a bootstrap token's secret after the dot (the id
/// before it is public; kubeadm prints it), a certificate key after the six characters the
/// masking keeps.
const PRIVATE: [&str; 8] = [
    "m4n7b2v9c5x6z0l1",
    "p0o9i8u7y6t5r4e3",
    "f4g5h6j7k8l9z0x1",
    "l0z1x2c3v4b5n6m7",
    "def87995226f15f48e88fbb564970acdca158d56bf39a10f08a9dc45f3",
    "t4y5u6i7o8p9a0s1",
    "v6b5n4m3l2k1j0h9",
    "5e30846d209737447f0bcf22d3660e7dc47a5ca5cf60158ef8e0d529c2",
];

/// Fails when `output` holds ten consecutive characters of any private part.
fn assert_no_secret(what: &str, output: &[u8]) {
    let output = String::from_utf8_lossy(output);
    for private in PRIVATE {
        for window in private.as_bytes().windows(10) {
            let window = std::str::from_utf8(window).unwrap();
            assert!(
                !output.contains(window),
                "{what} prints `{window}` of a credential:\n{output}"
            );
        }
    }
}

fn formats() -> Vec<String> {
    let formats: Vec<String> = OutputFormat::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value())
        .map(|v| v.get_name().to_string())
        .collect();
    assert!(formats.len() >= 3, "{formats:?}");
    formats
}

fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in FILES {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn kubeadm_lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kubeadm-lint").expect("binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "400");
    cmd
}

#[test]
fn the_fixtures_hold_the_credentials_and_findings_next_to_them() {
    // Otherwise the test below would pass for want of anything to leak.
    for (name, text) in FILES {
        let source = kubeadm_lint::SourceFile::new(name, text);
        let report = kubeadm_lint::lint(&source, &kubeadm_lint::LintOptions::default());
        let private_in_secrets = PRIVATE
            .iter()
            .filter(|p| report.secrets.iter().any(|s| text[s.range()].contains(**p)))
            .count();
        let expected = if name == "init.yaml" { 5 } else { 3 };
        assert_eq!(private_in_secrets, expected, "{name}");
        assert!(
            report.diagnostics.iter().any(|d| d.fix.is_some()),
            "{name} has nothing to fix"
        );
    }
}

#[test]
fn no_format_and_no_mode_prints_a_credential() {
    let dir = workdir();
    let modes: [&[&str]; 4] = [&[], &["--diff"], &["--diff", "--unsafe-fixes"], &["--fix"]];
    for format in formats() {
        for mode in modes {
            let dir = workdir();
            let out = kubeadm_lint(dir.path())
                .args(["check", "--format", &format])
                .args(mode)
                .args(["init.yaml", "join.yaml"])
                .output()
                .unwrap();
            let what = format!("check --format {format} {}", mode.join(" "));
            assert!(out.status.code().is_some_and(|c| c <= 2), "{what}");
            assert!(
                !out.stdout.is_empty() || !out.stderr.is_empty(),
                "{what} printed nothing"
            );
            assert_no_secret(&what, &out.stdout);
            assert_no_secret(&what, &out.stderr);
        }
        // Standard input: checked, and fixed (stdout is then the document itself, which
        // holds its credentials; nothing else may).
        for (name, text) in FILES {
            let out = kubeadm_lint(dir.path())
                .args(["check", "--format", &format, "-"])
                .write_stdin(text)
                .output()
                .unwrap();
            assert_no_secret(&format!("check --format {format} - < {name}"), &out.stdout);
            assert_no_secret(&format!("check --format {format} - < {name}"), &out.stderr);
            let out = kubeadm_lint(dir.path())
                .args(["check", "--unsafe-fixes", "--format", &format, "-"])
                .write_stdin(text)
                .output()
                .unwrap();
            let what = format!("check --unsafe-fixes --format {format} - < {name}");
            assert_no_secret(&what, &out.stderr);
            let fixed = kubeadm_lint::fix::fix_source(
                &kubeadm_lint::SourceFile::new(name, text),
                &kubeadm_lint::LintOptions::default(),
                true,
            )
            .unwrap();
            assert!(!fixed.applied.is_empty(), "{name}");
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                fixed.text,
                "{what}: stdout is exactly the fixed document"
            );
        }
    }
}

#[test]
fn the_images_command_prints_no_credential() {
    let dir = workdir();
    for format in ["text", "json"] {
        let out = kubeadm_lint(dir.path())
            .args(["images", "--format", format, "init.yaml"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_no_secret("images", &out.stdout);
        assert_no_secret("images", &out.stderr);
    }
}

#[test]
fn migrate_prints_no_credential() {
    let dir = workdir();
    // The token is far from what changes: the diff is printed, without it.
    let far = "apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
bootstrapTokens:
- token: q8x3z1.m4n7b2v9c5x6z0l1
  ttl: 24h0m0s
  usages: [signing, authentication]
  groups: [system:bootstrappers:kubeadm:default-node-token]
  description: for the workers
nodeRegistration:
  name: cp-1
  kubeletExtraArgs:
    node-ip: 10.0.0.1
";
    // The token is next to what changes: the diff is withheld.
    let near = "apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
discovery:
  tlsBootstrapToken: z9x8c7.v6b5n4m3l2k1j0h9
nodeRegistration:
  kubeletExtraArgs:
    node-ip: 10.0.0.2
";
    std::fs::write(dir.path().join("far.yaml"), far).unwrap();
    std::fs::write(dir.path().join("near.yaml"), near).unwrap();
    let out = kubeadm_lint(dir.path())
        .args(["migrate", "--diff", "far.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("+  - name: node-ip"));
    assert_no_secret("migrate --diff far.yaml", &out.stdout);
    assert_no_secret("migrate --diff far.yaml", &out.stderr);

    let out = kubeadm_lint(dir.path())
        .args(["migrate", "--diff", "near.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("near.yaml: the diff would show the credential on line 4"),
        "{stderr}"
    );
    assert_no_secret("migrate --diff near.yaml", &out.stderr);

    let out = kubeadm_lint(dir.path())
        .args(["migrate", "--write", "far.yaml", "near.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_no_secret("migrate --write", &out.stdout);
    assert_no_secret("migrate --write", &out.stderr);
}
