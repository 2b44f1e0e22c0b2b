//! Hostile input as a pipeline meets it: a directory anyone can write to, full of files and
//! things that are not files. The command must finish in bounded time and memory, give each
//! bad file a finding or a clear error, and still check the others. (Single-file parser limits
//! are in bad_input.rs; here is what only the command line and the file system can show.)
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use kubeadm_lint::discover::{self, Input};

const HEADER: &str =
    "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\n";

/// A file with one finding everyone agrees on.
const GOOD: &str = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: k8s.gcr.io\n";

/// More than any hostile file below needs; a blow-up (an expanded alias bomb) would not fit.
const MEMORY_LIMIT: u64 = 2 << 30;
const TIME_LIMIT: Duration = Duration::from_secs(120);

fn kubeadm_lint(dir: &Path) -> Command {
    let mut std_cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kubeadm-lint"));
    // SAFETY: setrlimit is async-signal-safe and touches nothing of the parent.
    unsafe {
        std_cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut cmd = Command::from_std(std_cmd);
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .timeout(TIME_LIMIT);
    cmd
}

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every hostile file, each with the rule it must get (all of them name kubeadm, so none is
/// skipped as "not a kubeadm file").
fn hostile_files(dir: &Path) -> Vec<(&'static str, &'static str)> {
    let mut bomb = format!("{HEADER}a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..60 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    bomb.push_str("networking: *a59\n");
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for unit in GOOD.encode_utf16() {
        utf16le.extend_from_slice(&unit.to_le_bytes());
        utf16be.extend_from_slice(&unit.to_be_bytes());
    }
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("alias-bomb.yaml", bomb.into(), "unknown-or-miscased-field"),
        (
            "deep-flow.yaml",
            format!("{HEADER}x: {}\n", "[".repeat(1_000_000)).into(),
            "yaml-syntax",
        ),
        (
            "deep-block.yaml",
            format!("{HEADER}x:\n{}", {
                let mut s = String::new();
                for depth in 0..3000 {
                    s.push_str(&" ".repeat(depth));
                    s.push_str("k:\n");
                }
                s
            })
            .into(),
            "yaml-syntax",
        ),
        (
            "long-line.yaml",
            format!("{GOOD}clusterName: {}\n", "a".repeat(8 << 20)).into(),
            "k8s-gcr-io-frozen-registry",
        ),
        (
            "many-documents.yaml",
            format!("{GOOD}{}", "---\n".repeat(1_000_000)).into(),
            "k8s-gcr-io-frozen-registry",
        ),
        (
            "nul.yaml",
            format!("{HEADER}clusterName: a\0b\n").into(),
            "yaml-syntax",
        ),
        (
            "latin1.yaml",
            [HEADER.as_bytes(), b"clusterName: caf\xe9\n"].concat(),
            "yaml-syntax",
        ),
        ("utf16le.yaml", utf16le, "yaml-syntax"),
        ("utf16be.yaml", utf16be, "yaml-syntax"),
    ];
    files
        .into_iter()
        .map(|(name, bytes, rule)| {
            fs::write(dir.join(name), bytes).unwrap();
            (name, rule)
        })
        .collect()
}

#[test]
fn a_hostile_directory_is_checked_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let expected = hostile_files(root);
    fs::write(root.join("good.yaml"), GOOD).unwrap();
    // Things that are not regular files, or not files at all.
    mkfifo(&root.join("fifo.yaml"));
    symlink("loop.yaml", root.join("loop.yaml")).unwrap();
    symlink("missing.yaml", root.join("dangling.yaml")).unwrap();
    symlink("good.yaml", root.join("link.yaml")).unwrap();
    fs::create_dir(root.join("x.yaml")).unwrap();
    fs::write(root.join("x.yaml/inner.yaml"), GOOD).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink("../x.yaml", root.join("sub/dir-link.yaml")).unwrap();
    let huge = fs::File::create(root.join("huge.yaml")).unwrap();
    huge.set_len(65 << 20).unwrap();

    let out = kubeadm_lint(root)
        .args(["check", "--format", "concise", "."])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");

    for (name, rule) in &expected {
        assert!(
            stdout.contains(&format!("./{name}:")) && stdout.contains(&format!("[{rule}]")),
            "{name} lacks its [{rule}] finding:\n{stdout}\n{stderr}"
        );
    }
    // The ordinary files around them are checked: directly, through a link, inside a
    // directory named like a YAML file.
    for name in ["good.yaml", "link.yaml", "x.yaml/inner.yaml"] {
        assert!(
            stdout.contains(&format!("./{name}:4:18: error[k8s-gcr-io-frozen-registry]")),
            "{name}:\n{stdout}"
        );
    }
    // Clear errors for what cannot be read, one line each.
    for line in [
        "error: ./loop.yaml: symbolic link loop",
        "error: ./dangling.yaml: dangling symbolic link: its target does not exist",
        "error: ./huge.yaml: larger than 64 MiB; not a kubeadm configuration",
    ] {
        assert!(stderr.contains(line), "{line}\n{stderr}");
    }
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    // Never read, never reported: the FIFO, the directory links (no walk through `sub/up`).
    for name in ["fifo.yaml", "sub/"] {
        assert!(!stdout.contains(name) && !stderr.contains(name), "{name}");
    }
}

#[test]
fn a_fifo_named_on_the_command_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("helm-output");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::write(fifo, GOOD).unwrap())
    };
    let out = kubeadm_lint(dir.path())
        .args(["check", "--format", "concise", "helm-output"])
        .output()
        .unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("helm-output:4:18: error[k8s-gcr-io-frozen-registry]"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn fixes_are_not_written_back_into_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("helm-output");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::write(fifo, GOOD).unwrap())
    };
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "helm-output"])
        .output()
        .unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains(
            "error: helm-output: not a regular file, so fixes cannot be written back (use --diff)"
        ),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("k8s-gcr-io-frozen-registry"));
}

#[test]
fn a_file_that_disappears_or_turns_into_a_fifo_after_listing_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.yaml", "b.yaml", "c.yaml"] {
        fs::write(dir.path().join(name), GOOD).unwrap();
    }
    let (inputs, errors) = discover::expand(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty());
    assert_eq!(inputs.len(), 3);
    fs::remove_file(dir.path().join("a.yaml")).unwrap();
    fs::remove_file(dir.path().join("b.yaml")).unwrap();
    mkfifo(&dir.path().join("b.yaml"));

    let results: Vec<_> = inputs
        .iter()
        .map(|input| discover::read(input, "-", 1 << 20))
        .collect();
    let message = |i: usize| results[i].as_ref().unwrap_err().message.clone();
    assert_eq!(message(0), "no such file or directory");
    // Opened without blocking (nobody will ever write to it) and refused.
    assert_eq!(message(1), "not a regular file");
    assert_eq!(&*results[2].as_ref().unwrap().text, GOOD);
}

#[test]
fn a_path_named_on_the_command_line_is_read_as_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    fs::write(&file, GOOD).unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let (inputs, errors) = discover::expand(&[file.clone(), fifo.clone(), "-".into()]);
    assert!(errors.is_empty());
    assert_eq!(
        inputs,
        [Input::File(file), Input::Stream(fifo), Input::Stdin]
    );
}
