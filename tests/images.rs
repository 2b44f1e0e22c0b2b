//! `kubeadm-lint images`: the real `kubeadm config images list` outputs recorded in the facts
//! (section 5.4), verbatim, and the mirror view.

mod common;

use assert_cmd::Command;

fn images(args: &[&str], stdin: &str) -> (String, i32) {
    let output = Command::cargo_bin("kubeadm-lint")
        .expect("binary")
        .current_dir(common::repo_root())
        .arg("images")
        .args(args)
        .write_stdin(stdin.to_string())
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn default_list_of_a_1_31_1_binary_for_kubernetes_1_31_0() {
    let config = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.0\n";
    let (stdout, code) = images(&["--kubeadm-version", "1.31.1", "-"], config);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "registry.k8s.io/kube-apiserver:v1.31.0
registry.k8s.io/kube-controller-manager:v1.31.0
registry.k8s.io/kube-scheduler:v1.31.0
registry.k8s.io/kube-proxy:v1.31.0
registry.k8s.io/coredns/coredns:v1.11.3
registry.k8s.io/pause:3.10
registry.k8s.io/etcd:3.5.15-0
"
    );
}

#[test]
fn custom_repository_list_of_a_1_31_1_binary() {
    let config = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: 1.31.1\nimageRepository: hub.8ops.top/google_containers\n";
    let (stdout, _) = images(&["--kubeadm-version", "1.31.1", "-"], config);
    assert_eq!(
        stdout,
        "hub.8ops.top/google_containers/kube-apiserver:v1.31.1
hub.8ops.top/google_containers/kube-controller-manager:v1.31.1
hub.8ops.top/google_containers/kube-scheduler:v1.31.1
hub.8ops.top/google_containers/kube-proxy:v1.31.1
hub.8ops.top/google_containers/coredns:v1.11.3
hub.8ops.top/google_containers/pause:3.10
hub.8ops.top/google_containers/etcd:3.5.15-0
"
    );
}

#[test]
fn disabled_addons_and_external_etcd_are_left_out() {
    let config = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.37.0\ndns: {disabled: true}\nproxy: {disabled: true}\netcd:\n  external:\n    endpoints: [https://10.0.0.5:2379]\n";
    let (stdout, _) = images(&["-"], config);
    assert_eq!(
        stdout,
        "registry.k8s.io/kube-apiserver:v1.37.0
registry.k8s.io/kube-controller-manager:v1.37.0
registry.k8s.io/kube-scheduler:v1.37.0
registry.k8s.io/pause:3.10.2
"
    );
}

#[test]
fn mirror_view_marks_the_coredns_trap() {
    let (stdout, code) = images(
        &[
            "--mirror-of",
            "registry.k8s.io",
            "testdata/examples/kubeadm.yaml",
        ],
        "",
    );
    assert_eq!(code, 1, "a missing image fails the run");
    let coredns = stdout
        .lines()
        .find(|l| l.contains("coredns"))
        .expect("coredns line");
    assert!(coredns.contains("MISSING"), "{coredns}");
    assert!(
        coredns.contains("harbor.example.com/registry.k8s.io/coredns/coredns:v1.12.0"),
        "{coredns}"
    );
    let apiserver = stdout.lines().next().expect("first line");
    assert!(!apiserver.contains("MISSING"), "{apiserver}");

    let (json, _) = images(
        &[
            "--format",
            "json",
            "--mirror-of",
            "registry.k8s.io",
            "testdata/examples/kubeadm.yaml",
        ],
        "",
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let missing: Vec<&str> = value["images"]
        .as_array()
        .expect("images")
        .iter()
        .filter(|i| i["mirror_has_it"] == false)
        .map(|i| i["component"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(missing, ["coredns"]);
}

#[test]
fn unknown_mirror_registry_and_broken_yaml_are_errors() {
    let (_, code) = images(
        &["--mirror-of", "quay.io", "testdata/examples/kubeadm.yaml"],
        "",
    );
    assert_eq!(code, 2);
    let (_, code) = images(&["-"], "apiVersion: kubeadm.k8s.io/v1beta4\nkind: [\n");
    assert_eq!(code, 2);
}
