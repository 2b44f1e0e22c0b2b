//! Many files at once: the output does not depend on the number of threads, files come out
//! sorted by name, and files that only mention kubeadm are skipped.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::cargo_bin("kubeadm-lint")
        .expect("binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
        output.status.code().unwrap_or(-1),
    )
}

/// A tree of kubeadm files with findings, clean files and unrelated manifests.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let examples = common::repo_root().join("testdata/examples");
    let kubeadm = common::read(&examples.join("kubeadm.yaml"));
    let clean = common::read(&examples.join("clean.yaml"));
    for i in 0..60 {
        let sub = dir.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let (name, text) = match i % 3 {
            0 => (format!("k{i}.yaml"), kubeadm.clone()),
            1 => (format!("c{i}.yml"), clean.clone()),
            _ => (
                format!("m{i}.yaml"),
                "apiVersion: v1\nkind: Service\nmetadata: {name: x}\n".to_string(),
            ),
        };
        std::fs::write(sub.join(name), text).unwrap();
    }
    dir
}

#[test]
fn output_is_the_same_on_one_thread_and_on_many() {
    let dir = tree();
    for format in ["human", "concise", "json"] {
        let one = run(dir.path(), &["check", "-j", "1", "--format", format, "."]);
        let many = run(
            dir.path(),
            &["check", "--threads", "4", "--format", format, "."],
        );
        let default = run(dir.path(), &["check", "--format", format, "."]);
        assert_eq!(one, many, "{format}");
        assert_eq!(one, default, "{format}");
        assert_eq!(one.2, 1);
    }
    let (json, _, _) = run(dir.path(), &["check", "--format", "json", "."]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
    assert_eq!(value["summary"]["files"], 60);
}

#[test]
fn files_come_out_sorted_by_name_and_a_file_named_twice_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let kubeadm = common::read(&common::repo_root().join("testdata/examples/kubeadm.yaml"));
    std::fs::create_dir(dir.path().join("x")).unwrap();
    std::fs::write(dir.path().join("x/a.yaml"), &kubeadm).unwrap();
    std::fs::write(dir.path().join("x-a.yaml"), &kubeadm).unwrap();
    let (out, _, _) = run(
        dir.path(),
        &["check", "--format", "concise", "x", "x-a.yaml", "x-a.yaml"],
    );
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    let mut expected = files.clone();
    expected.sort();
    assert_eq!(files, expected, "{out}");
    assert!(files.first().is_some_and(|f| *f == "x-a.yaml"), "{out}");
    let twice = files.iter().filter(|f| **f == "x-a.yaml").count();
    let once = files.iter().filter(|f| **f == "x/a.yaml").count();
    assert_eq!(twice, 2 * once, "{out}");
}

#[test]
fn a_config_map_holding_kubeadm_text_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeadm-config\n  namespace: kube-system\ndata:\n  ClusterConfiguration: |\n    apiVersion: kubeadm.k8s.io/v1beta3\n    kind: ClusterConfiguration\n    imageRepository: k8s.gcr.io\n    kubernetesVersion: v1.33.0\n";
    std::fs::write(dir.path().join("cm.yaml"), config_map).unwrap();
    let (out, _, code) = run(dir.path(), &["check", "cm.yaml"]);
    assert_eq!((out.as_str(), code), ("No problems found in 1 file.\n", 0));
    // Broken YAML that mentions kubeadm is still reported, as before.
    std::fs::write(dir.path().join("cm.yaml"), format!("{config_map}x: [1\n")).unwrap();
    let (out, _, code) = run(dir.path(), &["check", "--format", "concise", "cm.yaml"]);
    assert!(out.contains("[yaml-syntax]"), "{out}");
    assert_eq!(code, 1);
}

#[test]
fn clean_json_is_the_whole_contract_object() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("s.yaml"), "apiVersion: v1\nkind: Service\n").unwrap();
    let (out, _, code) = run(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\n  \"version\": 1,\n  \"diagnostics\": [],\n  \"summary\": {\n    \"files\": 1,\n    \"errors\": 0,\n    \"warnings\": 0,\n    \"infos\": 0,\n    \"fixed\": 0\n  }\n}\n"
    );
}

#[test]
fn read_errors_are_reported_in_the_order_given() {
    let dir = tree();
    // Files over the 64 MiB limit fail only when read, on the worker threads; sparse, so cheap.
    for name in ["big-z.yaml", "big-a.yaml"] {
        let file = std::fs::File::create(dir.path().join(name)).unwrap();
        file.set_len(65 * 1024 * 1024).unwrap();
    }
    let (_, err, code) = run(
        dir.path(),
        &[
            "check",
            "zz-missing.yaml",
            "big-z.yaml",
            "d0",
            "big-a.yaml",
            "aa-missing.yaml",
        ],
    );
    assert_eq!(code, 2);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "error: zz-missing.yaml: no such file or directory",
            "error: aa-missing.yaml: no such file or directory",
            "error: big-z.yaml: larger than 64 MiB; not a kubeadm configuration",
            "error: big-a.yaml: larger than 64 MiB; not a kubeadm configuration",
        ],
        "{err}"
    );
}
