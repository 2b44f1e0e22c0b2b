//! No output format prints a credential in full (DESIGN.md, Contracts): the binary runs on a
//! file with bootstrap tokens and certificate keys in every place kubeadm-lint knows, shaped
//! so that many rules report on them, and its output is searched for the secrets.

mod common;

use assert_cmd::Command;

const FIXTURE: &str = "testdata/secrets/everywhere.yaml";

/// Every credential of the fixture, as `ConfigSet::secrets` finds them.
fn secrets() -> Vec<String> {
    let text = common::read(&common::repo_root().join(FIXTURE));
    let source = kubeadm_lint::SourceFile::new(FIXTURE, text.as_str());
    let tree = kubeadm_lint::yaml::parse(&source.text);
    let config = kubeadm_lint::kubeadm::ConfigSet::new(&source, &tree, &Default::default());
    config
        .secrets()
        .iter()
        .map(|s| s.value.to_string())
        .collect()
}

/// What must never be printed: the whole value, and any eight characters of its secret part
/// (the 16 characters after a token's dot, a key's digits after the four shown). Text after a
/// token's secret (`2>/dev/null`) is no secret and may well appear in help texts.
fn forbidden(secret: &str) -> Vec<String> {
    let hidden: String = match secret.split_once('.') {
        Some((_, tail)) if secret.len() > 10 => tail.chars().take(16).collect(),
        _ => secret.chars().skip(4).collect(),
    };
    let chars: Vec<char> = hidden.chars().collect();
    let mut pieces = vec![secret.to_string()];
    pieces.extend(chars.windows(8).map(|w| w.iter().collect::<String>()));
    pieces
}

fn run(format: &str) -> String {
    let output = Command::cargo_bin("kubeadm-lint")
        .expect("binary")
        .current_dir(common::repo_root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args(["check", "--format", format, FIXTURE])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{format}: findings expected");
    let mut text = String::from_utf8(output.stdout).expect("utf-8");
    text.push_str(&String::from_utf8(output.stderr).expect("utf-8"));
    text
}

#[test]
fn the_fixture_has_secrets_everywhere() {
    let secrets = secrets();
    assert!(
        secrets.len() >= 14,
        "only {} secrets: {secrets:?}",
        secrets.len()
    );
}

#[test]
fn no_output_format_prints_a_secret() {
    let secrets = secrets();
    let mut leaks = Vec::new();
    for format in ["human", "concise", "json"] {
        let output = run(format);
        // The rules did report on the secrets, so the output had every chance to leak them.
        assert!(output.contains("secrets-in-config"), "{format}: {output}");
        assert!(output.contains("bootstrap-token-invalid"), "{format}");
        assert!(output.contains("certificate-key-invalid"), "{format}");
        for secret in &secrets {
            for piece in forbidden(secret) {
                if output.contains(&piece) {
                    leaks.push(format!("{format}: `{piece}` of a secret is printed"));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
