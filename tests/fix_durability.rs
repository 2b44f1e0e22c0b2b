//! `--fix` never loses a byte: whatever step of the write fails, the file holds either its old
//! text or the new one, nothing else, and no temporary file is left; the mode and owner are
//! kept; a symlink is written through, however many links lead to the file. (The writer's
//! own unit tests in src/fix/write.rs cover read-only files and files changed meanwhile.)
#![cfg(unix)]

use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::sync::Mutex;

use assert_cmd::Command;
use kubeadm_lint::discover::{self, Input};
use kubeadm_lint::fix::run::{FixSettings, Output, fix_input};
use kubeadm_lint::fix::write::{AtomicWriter, Step};
use kubeadm_lint::lint::LintOptions;

const BROKEN: &str = "apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.31.2
imageRepository: k8s.gcr.io
networking:
  PodSubnet: 10.244.0.0/16
";

const FIXED: &str = "apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.31.2
imageRepository: registry.k8s.io
networking:
  podSubnet: 10.244.0.0/16
";

const SETTINGS: FixSettings = FixSettings {
    output: Output::Write,
    unsafe_fixes: false,
};

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn fix_with(path: &Path, writer: &AtomicWriter) -> Option<String> {
    let input = Input::File(path.to_path_buf());
    let source = discover::read(&input, "-", 1 << 20).unwrap();
    fix_input(&input, source, &LintOptions::default(), SETTINGS, writer).error
}

#[test]
fn a_write_takes_every_step_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.yaml");
    fs::write(&path, BROKEN).unwrap();
    let seen = Mutex::new(Vec::new());
    let record = |step: Step, _: &Path| {
        seen.lock().unwrap().push(step);
        Ok(())
    };
    assert_eq!(fix_with(&path, &AtomicWriter::with_hook(&record)), None);
    assert_eq!(*seen.lock().unwrap(), Step::ALL);
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
}

#[test]
fn a_fix_interrupted_at_any_step_leaves_the_old_file_and_says_so() {
    for failing in Step::ALL {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.yaml");
        fs::write(&path, BROKEN).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let hook = move |step: Step, _: &Path| {
            if step == failing {
                Err(io::Error::other("disk on fire"))
            } else {
                Ok(())
            }
        };
        let error = fix_with(&path, &AtomicWriter::with_hook(&hook))
            .unwrap_or_else(|| panic!("{failing:?}: the failure was not reported"));
        assert!(
            error.contains("disk on fire") && error.contains("the file was left unchanged"),
            "{failing:?}: {error}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), BROKEN, "{failing:?}");
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o640, "{failing:?}");
        assert_eq!(
            names(dir.path()),
            ["k.yaml"],
            "{failing:?}: temporary file left"
        );
    }
}

#[test]
fn until_the_rename_the_original_is_intact_and_the_new_text_is_complete_beside_it() {
    // A process killed at any point before the rename leaves the original as it was (plus,
    // at worst, a hidden temporary file); the rename itself is atomic. Look at the directory
    // at the last moment before it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.yaml");
    fs::write(&path, BROKEN).unwrap();
    let observed = Mutex::new(None);
    let look = |step: Step, _: &Path| {
        if step == Step::Rename {
            let original = fs::read_to_string(&path)?;
            let temp: Vec<String> = names(dir.path())
                .into_iter()
                .filter(|n| n != "k.yaml")
                .collect();
            let temp_text = fs::read_to_string(dir.path().join(&temp[0]))?;
            *observed.lock().unwrap() = Some((original, temp, temp_text));
        }
        Ok(())
    };
    assert_eq!(fix_with(&path, &AtomicWriter::with_hook(&look)), None);
    let (original, temp, temp_text) = observed.lock().unwrap().take().unwrap();
    assert_eq!(original, BROKEN);
    assert_eq!(temp.len(), 1);
    assert!(
        temp[0].starts_with(".k.yaml.") && temp[0].ends_with(".kubeadm-lint.tmp"),
        "{temp:?}"
    );
    assert_eq!(
        temp_text, FIXED,
        "the temporary file is complete before the rename"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!(names(dir.path()), ["k.yaml"]);
}

fn kubeadm_lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kubeadm-lint").expect("binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

#[test]
fn fix_keeps_the_mode_and_the_owner() {
    let dir = tempfile::tempdir().unwrap();
    for (name, mode) in [("a.yaml", 0o600), ("b.yaml", 0o755), ("c.yaml", 0o640)] {
        let path = dir.path().join(name);
        fs::write(&path, BROKEN).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    }
    // As root, give one file another owner: the fixed file must keep it.
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::os::unix::fs::chown(dir.path().join("c.yaml"), Some(4321), Some(4322)).unwrap();
    }
    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "."])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, mode) in [("a.yaml", 0o600), ("b.yaml", 0o755), ("c.yaml", 0o640)] {
        let path = dir.path().join(name);
        assert_eq!(fs::read_to_string(&path).unwrap(), FIXED, "{name}");
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o7777, mode, "{name}");
        if root && name == "c.yaml" {
            assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
        }
    }
    assert_eq!(names(dir.path()), ["a.yaml", "b.yaml", "c.yaml"]);
}

#[test]
fn fix_writes_through_a_chain_of_links_into_another_directory() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    fs::create_dir(dir.path().join("links")).unwrap();
    let target = dir.path().join("real/kubeadm.yaml");
    fs::write(&target, BROKEN).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    symlink("../real/kubeadm.yaml", dir.path().join("links/first.yaml")).unwrap();
    symlink("first.yaml", dir.path().join("links/second.yaml")).unwrap();

    let out = kubeadm_lint(dir.path())
        .args(["check", "--fix", "links/second.yaml"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for link in ["links/first.yaml", "links/second.yaml"] {
        let meta = fs::symlink_metadata(dir.path().join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
    }
    assert_eq!(fs::read_to_string(&target).unwrap(), FIXED);
    assert_eq!(
        fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(names(&dir.path().join("real")), ["kubeadm.yaml"]);
    assert_eq!(
        names(&dir.path().join("links")),
        ["first.yaml", "second.yaml"]
    );
}
