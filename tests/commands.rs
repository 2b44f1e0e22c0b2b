//! `explain`, `completions` and `man`.

mod common;

use assert_cmd::Command;

fn output(args: &[&str]) -> (String, i32) {
    let output = Command::cargo_bin("kubeadm-lint")
        .unwrap()
        .current_dir(common::repo_root())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn explain_prints_the_page_as_markdown_when_not_a_terminal() {
    for rule in kubeadm_lint::rules::RULES {
        let (page, code) = output(&["explain", rule.name]);
        assert_eq!(code, 0);
        assert_eq!(page, rule.page, "{}", rule.name);
    }
    let (_, code) = output(&["explain", "k8s-gcr-registry"]);
    assert_eq!(code, 2);
}

#[test]
fn completions_for_every_shell_know_the_commands_and_flags() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (script, code) = output(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        let mut words = vec!["check", "explain", "--format", "--fail-on", "--no-ignores"];
        if ["bash", "zsh", "fish"].contains(&shell) {
            // These also complete flag values.
            words.push("sarif");
        }
        for word in words {
            // fish spells long flags `-l format`.
            let fish = word.strip_prefix("--").map(|w| format!("-l {w}"));
            assert!(
                script.contains(word) || fish.is_some_and(|f| script.contains(&f)),
                "{shell} completions lack `{word}`"
            );
        }
    }
    let (_, code) = output(&["completions", "tcsh"]);
    assert_eq!(code, 2);
}

#[test]
fn man_pages_for_the_tool_and_each_command() {
    let (page, code) = output(&["man"]);
    assert_eq!(code, 0);
    assert!(
        page.starts_with(".ie"),
        "roff: {}",
        &page[..40.min(page.len())]
    );
    assert!(page.contains(".TH kubeadm-lint 1"), "{page}");
    assert!(page.contains("explain"));
    let (page, code) = output(&["man", "check"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH kubeadm-lint-check 1"), "{page}");
    for flag in [
        "\\-\\-output\\-file",
        "\\-\\-fail\\-on",
        "\\-\\-exit\\-non\\-zero\\-on\\-fix",
    ] {
        assert!(page.contains(flag), "check's page lacks {flag}");
    }
    let (_, code) = output(&["man", "nope"]);
    assert_eq!(code, 2);
}

/// `kubeadm-lint rules | head -1`: a reader that goes away early is not an error. The pipe's
/// reading end is closed before the command starts, so every write fails with EPIPE.
#[cfg(unix)]
#[test]
fn a_closed_pipe_on_stdout_is_no_error() {
    for args in [
        &["rules"][..],
        &["rules", "--format", "json"],
        &["explain", "yaml-syntax"],
        &["config", "schema"],
        &["completions", "bash"],
        &["man"],
        &["images", "testdata/examples/kubeadm.yaml"],
        &["check", "testdata/examples/kubeadm.yaml"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("kubeadm-lint"))
            .current_dir(common::repo_root())
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(output.status.code(), Some(expected), "{args:?}: {stderr}");
    }
}
