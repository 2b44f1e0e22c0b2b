//! The real configurations of ../shared/corpus: all load without a panic, the clean ones get no
//! error or warning, and each tagged pitfall is found by its rule.

mod common;

use kubeadm_lint::Severity;

/// MANIFEST tag -> the rule that must fire on every non-template file so tagged.
const TAG_RULES: &[(&str, &str)] = &[
    ("duplicate-key", "duplicate-yaml-keys"),
    (
        "custom-image-repo-without-dns-repo",
        "coredns-image-path-custom-repo",
    ),
    (
        "kubernetes-version-label",
        "kubernetes-version-label-or-malformed",
    ),
    ("invalid-yaml", "yaml-syntax"),
    // Version-indexed rules and the extraArgs shape (issue 4).
    ("extraargs-map-in-v1beta4", "extra-args-shape"),
    ("wrong-value-type", "extra-args-shape"),
    ("invalid-component-flag", "extra-args-shape"),
    ("crisocket-no-scheme", "cri-socket-missing-scheme"),
    ("dockershim-socket", "dockershim-socket-removed"),
    ("cgroup-driver-cgroupfs", "cgroup-driver-explicit-or-flag"),
    (
        "wrong-component-config-apiversion",
        "component-config-api-version",
    ),
    (
        "unknown-kubeadm-feature-gate",
        "removed-kubeadm-feature-gate",
    ),
    ("etcd-image-pinned-incompatible", "etcd-image-pinned"),
    (
        "dns-image-repo-path-doubled",
        "image-repository-includes-image-name",
    ),
    ("version-skew", "kubeadm-api-vs-kubernetes-version"),
    ("secret-in-file", "secrets-in-config"),
    ("docs-example-copied", "secrets-in-config"),
    ("unsafe-skip-ca-verification", "discovery-ca-pinning"),
    ("token-never-expires", "bootstrap-token-never-expires"),
    ("legacy-master-taint", "taints-invalid-or-ambiguous"),
    ("placeholder-values", "placeholder-defaults-left-in"),
    (
        "placeholder-advertise-address",
        "placeholder-defaults-left-in",
    ),
    ("invalid-node-name", "invalid-node-name"),
    // Networking and endpoints (issue 4).
    ("cidr-host-bits-set", "dual-stack-cidr-format"),
    ("partial-dual-stack", "dual-stack-cidr-format"),
    ("pod-subnet-too-small", "pod-subnet-vs-node-mask"),
    (
        "pod-subnet-smaller-than-node-mask",
        "pod-subnet-vs-node-mask",
    ),
    ("maxpods-exceeds-node-cidr", "pod-subnet-vs-node-mask"),
    ("pod-service-subnet-overlap", "cidr-overlap"),
    ("pod-subnet-overlaps-node-network", "cidr-overlap"),
    ("non-private-cidr", "cidr-overlap"),
    ("subnet-collides-docker-bridge", "cidr-overlap"),
    ("cluster-domain-is-public-domain", "cluster-domain-mismatch"),
    ("cluster-dns-family-mismatch", "cluster-dns-mismatch"),
    (
        "extraargs-override-networking",
        "advertise-address-in-extra-args",
    ),
    (
        "loopback-control-plane-endpoint",
        "control-plane-endpoint-is-node-ip",
    ),
];

/// MANIFEST tag -> rules of which at least one must fire: tags that name a kind of problem
/// several rules share, each reporting its own cases.
const TAG_RULE_GROUPS: &[(&str, &[&str])] = &[
    // A key kubeadm does not know; keys that moved between API versions are explained by
    // relocated-or-removed-field (047: `dns.type` in v1beta3) and a root `metadata` by
    // metadata-or-kubectl-style (005: `metadata: {}` in a JoinConfiguration).
    (
        "unknown-field",
        &[
            "unknown-or-miscased-field",
            "relocated-or-removed-field",
            "metadata-or-kubectl-style",
        ],
    ),
    // A component flag, gate or value that is gone or going: kubelet flags, control-plane flags,
    // component feature gates, and the kubelet's --cgroup-driver each have their own rule.
    (
        "obsolete-component-flag",
        &[
            "removed-kubelet-flags",
            "removed-control-plane-flags",
            "removed-kubeadm-feature-gate",
            "cgroup-driver-explicit-or-flag",
        ],
    ),
];

/// Tags of ../shared/corpus/MANIFEST.tsv that do not apply to a file, with the reason, kept in
/// `testdata/corpus/tag-corrections.tsv` (the shared corpus is read-only).
fn tag_corrections() -> Vec<(String, String)> {
    let text = common::read(&common::repo_root().join("testdata/corpus/tag-corrections.tsv"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut cells = line.split('\t');
            let file = cells.next().unwrap_or_default().to_string();
            let tag = cells.next().unwrap_or_default().to_string();
            let reason = cells.next().unwrap_or_default();
            assert!(
                reason.len() > 20,
                "tag correction {file}/{tag} needs a reason"
            );
            (file, tag)
        })
        .collect()
}

fn lint_corpus_file(file: &str) -> (String, Vec<kubeadm_lint::Diagnostic>) {
    let path = common::corpus_dir().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = kubeadm_lint::SourceFile::from_bytes(file, bytes);
    let report = kubeadm_lint::lint(&source, &kubeadm_lint::LintOptions::default());
    (source.text.to_string(), report.diagnostics)
}

#[test]
fn every_corpus_file_loads() {
    let manifest = common::corpus_manifest();
    assert!(
        manifest.len() > 100,
        "corpus manifest too small: {}",
        manifest.len()
    );
    for (file, _, _) in &manifest {
        let (_, diagnostics) = lint_corpus_file(file);
        for d in &diagnostics {
            assert!(
                d.primary.start <= d.primary.end,
                "{file}: bad span from {}",
                d.rule
            );
        }
    }
}

#[test]
fn clean_files_get_no_error_or_warning() {
    let mut failures = Vec::new();
    for (file, is_template, tags) in common::corpus_manifest() {
        if is_template || !tags.iter().any(|t| t == "clean") {
            continue;
        }
        let (_, diagnostics) = lint_corpus_file(&file);
        for d in diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
        {
            failures.push(format!(
                "{file}: {}[{}] {}",
                d.severity.as_str(),
                d.rule,
                d.message
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "false alarms on clean files:\n{}",
        failures.join("\n")
    );
}

#[test]
fn tagged_pitfalls_are_found() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let corrections = tag_corrections();
    for (file, is_template, mut tags) in common::corpus_manifest() {
        if is_template {
            continue;
        }
        tags.retain(|tag| !corrections.iter().any(|(f, t)| *f == file && t == tag));
        let (_, diagnostics) = lint_corpus_file(&file);
        for (tag, rule) in TAG_RULES {
            if tags.iter().any(|t| t == tag) {
                checked += 1;
                if !diagnostics.iter().any(|d| d.rule == *rule) {
                    failures.push(format!("{file}: tagged `{tag}` but `{rule}` did not fire"));
                }
            }
        }
        for (tag, rules) in TAG_RULE_GROUPS {
            if tags.iter().any(|t| t == tag) {
                checked += 1;
                if !diagnostics.iter().any(|d| rules.contains(&d.rule)) {
                    failures.push(format!(
                        "{file}: tagged `{tag}` but none of {} fired",
                        rules.join(", ")
                    ));
                }
            }
        }
    }
    assert!(checked > 10, "too few tagged files checked: {checked}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
