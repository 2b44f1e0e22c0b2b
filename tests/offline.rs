//! The tool is offline and side-effect free: it never opens a network connection and never runs
//! another program. Enforced three ways: no networking, HTTP or process-spawning crate among
//! the dependencies the binary links, no such call in src/ outside tests, and the real binary
//! watched by strace (every socket, connect, exec and process creation) and run in a network
//! namespace without interfaces, where it must behave exactly as it does outside.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Crates whose presence would mean the binary can talk to a network or start programs.
const FORBIDDEN: &[&str] = &[
    "async-process",
    "attohttpc",
    "curl",
    "curl-sys",
    "duct",
    "git2",
    "h2",
    "hickory-resolver",
    "http",
    "hyper",
    "isahc",
    "mio",
    "native-tls",
    "openssl",
    "openssl-sys",
    "reqwest",
    "rustls",
    "socket2",
    "subprocess",
    "surf",
    "tokio",
    "trust-dns-resolver",
    "tungstenite",
    "ureq",
];

/// `[[package]]` entries of Cargo.lock: name -> the names it depends on.
fn lock_graph(lock: &str) -> BTreeMap<String, Vec<String>> {
    let mut graph = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .expect("a package name")
            .trim_matches('"')
            .to_string();
        let deps = match block.split_once("dependencies = [") {
            Some((_, rest)) => rest
                .split(']')
                .next()
                .unwrap_or_default()
                .split(',')
                .map(|d| d.trim().trim_matches('"'))
                .filter(|d| !d.is_empty())
                .map(|d| d.split(' ').next().unwrap().to_string())
                .collect(),
            None => Vec::new(),
        };
        graph.entry(name).or_insert_with(Vec::new).extend(deps);
    }
    graph
}

/// Names under `[dependencies]` and `[target.'…'.dependencies]` of Cargo.toml (not dev).
fn normal_dependencies(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_normal = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_normal = line == "[dependencies]"
                || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
            continue;
        }
        if in_normal && let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && !name.starts_with('#') {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[test]
fn no_networking_or_process_crate_is_linked() {
    let root = common::repo_root();
    let graph = lock_graph(&common::read(&root.join("Cargo.lock")));
    let direct = normal_dependencies(&common::read(&root.join("Cargo.toml")));
    assert!(direct.iter().any(|d| d == "granit-parser"), "{direct:?}");
    let mut linked = BTreeSet::new();
    let mut queue = direct;
    while let Some(name) = queue.pop() {
        if linked.insert(name.clone()) {
            queue.extend(graph.get(&name).cloned().unwrap_or_default());
        }
    }
    // The walk reaches transitive dependencies, and not the dev-dependencies.
    assert!(
        linked.contains("memchr") && linked.contains("libc"),
        "{linked:?}"
    );
    assert!(!linked.contains("assert_cmd") && !linked.contains("proptest"));
    let found: Vec<&&str> = FORBIDDEN.iter().filter(|c| linked.contains(**c)).collect();
    assert!(
        found.is_empty(),
        "the binary would link {found:?}; kubeadm-lint must stay offline"
    );
}

#[test]
fn the_source_opens_no_socket_and_runs_no_program() {
    // std::net's address types (IpAddr, parsing) are plain data; its sockets and name
    // resolution are not.
    let forbidden = [
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "UnixStream",
        "UnixListener",
        "UnixDatagram",
        "ToSocketAddrs",
        "to_socket_addrs",
        "process::Command",
        "Command::new",
        "libc::exec",
        "libc::fork",
        "libc::socket",
    ];
    let mut files = Vec::new();
    collect_rust_files(&common::repo_root().join("src"), &mut files);
    assert!(files.len() > 20, "{files:?}");
    let mut found = Vec::new();
    for file in files {
        let text = common::read(&file);
        // Unit tests (the module at the end of a file) may run programs; the tool may not.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (number, line) in code.lines().enumerate() {
            for word in forbidden {
                if line.contains(word) {
                    found.push(format!("{}:{}: {line}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

fn collect_rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("kubeadm-lint")
}

/// A work directory and the invocations that use every part of the tool.
fn scenario() -> (tempfile::TempDir, Vec<Vec<&'static str>>) {
    let dir = tempfile::tempdir().unwrap();
    let text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: k8s.gcr.io\nnetworking:\n  PodSubnet: 10.244.0.0/16\n";
    std::fs::create_dir(dir.path().join("configs")).unwrap();
    std::fs::write(dir.path().join("configs/a.yaml"), text).unwrap();
    std::fs::write(dir.path().join("b.yaml"), text).unwrap();
    let runs = vec![
        vec!["check", "--format", "json", "configs", "b.yaml"],
        vec!["check", "--format", "human", "configs"],
        vec!["check", "--diff", "--unsafe-fixes", "b.yaml"],
        vec!["check", "--fix", "configs"],
        vec!["images", "b.yaml"],
        vec!["explain", "k8s-gcr-io-frozen-registry"],
    ];
    (dir, runs)
}

/// A tool this test needs, if the machine has it and it works here.
fn usable(program: &str, args: &[&str]) -> bool {
    let works = Command::new(program)
        .args(args)
        .arg("true")
        .output()
        .is_ok_and(|o| o.status.success());
    if !works {
        eprintln!("note: `{program}` is not usable here; this check is skipped");
    }
    works
}

#[test]
fn strace_sees_no_socket_no_exec_and_no_child_process() {
    let trace = [
        "-f",
        "-qq",
        "-e",
        "trace=socket,connect,execve,execveat,fork,vfork,clone,clone3",
    ];
    if !usable("strace", &trace) {
        return;
    }
    let (dir, runs) = scenario();
    for args in runs {
        let log = dir.path().join("strace.log");
        let out = Command::new("strace")
            .args(trace)
            .arg("-o")
            .arg(&log)
            .arg(binary())
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{args:?}: {out:?}"
        );
        let calls = std::fs::read_to_string(&log).unwrap();
        let execs = calls.lines().filter(|l| l.contains("execve(")).count();
        assert_eq!(execs, 1, "{args:?} ran a program:\n{calls}");
        for line in calls.lines() {
            let process = (line.contains("clone(") || line.contains("clone3("))
                && !line.contains("CLONE_THREAD");
            assert!(
                !line.contains("socket(")
                    && !line.contains("connect(")
                    && !line.contains("fork(")
                    && !line.contains("execveat(")
                    && !process,
                "{args:?}: {line}"
            );
        }
    }
}

#[test]
fn without_a_network_it_behaves_exactly_the_same() {
    let isolate = ["-r", "-n"];
    if !usable("unshare", &isolate) {
        return;
    }
    let (online, runs) = scenario();
    let (offline, _) = scenario();
    for args in runs {
        let with = Command::new(binary())
            .args(&args)
            .current_dir(online.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let without = Command::new("unshare")
            .args(isolate)
            .arg(binary())
            .args(&args)
            .current_dir(offline.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(with.status.code(), without.status.code(), "{args:?}");
        assert_eq!(with.stdout, without.stdout, "{args:?}");
        assert_eq!(with.stderr, without.stderr, "{args:?}");
    }
    // And the files it fixed are the same.
    for name in ["configs/a.yaml", "b.yaml"] {
        assert_eq!(
            std::fs::read(online.path().join(name)).unwrap(),
            std::fs::read(offline.path().join(name)).unwrap(),
            "{name}"
        );
    }
}
