//! Hostile and odd input: each gives a finding or a clear skip, never a panic or a stack
//! overflow, in bounded time and memory (no timing assertions: these machines are shared).

mod common;

use kubeadm_lint::{LintOptions, Severity, SourceFile, lint};

/// The rules with warning or error findings; info-level hints about the (deliberately minimal)
/// configuration are not what these tests are about.
fn rules_fired(name: &str, bytes: Vec<u8>) -> (bool, Vec<&'static str>) {
    let source = SourceFile::from_bytes(name, bytes);
    let report = lint(&source, &LintOptions::default());
    (
        report.is_kubeadm,
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity > Severity::Info)
            .map(|d| d.rule)
            .collect(),
    )
}

const HEADER: &str =
    "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.37.0\n";

#[test]
fn empty_file_is_not_a_kubeadm_file() {
    assert_eq!(rules_fired("empty.yaml", Vec::new()), (false, vec![]));
}

#[test]
fn comments_only_is_not_a_kubeadm_file() {
    let text = "# apiVersion: kubeadm.k8s.io/v1beta4\n# kind: ClusterConfiguration\n";
    assert_eq!(rules_fired("comments.yaml", text.into()), (false, vec![]));
}

#[test]
fn binary_file_without_markers_is_skipped_and_with_markers_is_reported() {
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert_eq!(rules_fired("noise.yaml", noise.clone()), (false, vec![]));
    let mut marked = noise;
    marked.extend_from_slice(b"\napiVersion: kubeadm.k8s.io/v1beta4\n");
    assert_eq!(
        rules_fired("marked.yaml", marked),
        (true, vec!["yaml-syntax"])
    );
}

#[test]
fn invalid_utf8_is_a_finding_at_the_bad_byte() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"clusterName: caf\xe9\n");
    let source = SourceFile::from_bytes("latin1.yaml", bytes);
    let report = lint(&source, &LintOptions::default());
    let findings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Info)
        .collect();
    assert_eq!(findings.len(), 1);
    let d = findings[0];
    assert_eq!(d.rule, "yaml-syntax");
    assert_eq!(source.line_col(d.primary.start), (4, 17));
}

#[test]
fn nul_bytes_are_a_syntax_error() {
    let text = format!("{HEADER}clusterName: a\0b\n");
    assert_eq!(rules_fired("nul.yaml", text.into()).1, vec!["yaml-syntax"]);
}

#[test]
fn utf16_is_reported_not_misread() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in HEADER.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(rules_fired("utf16.yaml", bytes).1, vec!["yaml-syntax"]);
}

#[test]
fn deep_flow_nesting_stops_at_the_parser_limit() {
    let text = format!(
        "{HEADER}x: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        rules_fired("deep-flow.yaml", text.into()).1,
        vec!["yaml-syntax"]
    );
}

#[test]
fn deep_block_nesting_stops_at_the_parser_limit() {
    let text = format!("{HEADER}x: {}a\n", "- ".repeat(100_000));
    assert_eq!(
        rules_fired("deep-block.yaml", text.into()).1,
        vec!["yaml-syntax"]
    );
}

#[test]
fn alias_bomb_is_never_expanded() {
    let mut text = format!("{HEADER}a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..40 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str("networking: *a39\n");
    let (is_kubeadm, rules) = rules_fired("bomb.yaml", text.into());
    assert!(is_kubeadm);
    // 40 unknown keys, and the alias read one level deep is a list where a mapping belongs.
    assert!(
        rules.iter().all(|r| *r == "unknown-or-miscased-field"),
        "{rules:?}"
    );
    assert_eq!(rules.len(), 41);
}

#[test]
fn twenty_megabytes_of_documents_are_checked() {
    let document = "---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\ndiscovery:\n  file:\n    kubeConfigPath: /etc/kubernetes/discovery.conf\n";
    let copies = 20 * 1024 * 1024 / document.len() + 1;
    let text = document.repeat(copies);
    assert!(text.len() >= 20 * 1024 * 1024);
    let source = SourceFile::new("big.yaml", text);
    let report = lint(&source, &LintOptions::default());
    // Every document after the first repeats the kind.
    let repeats = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "duplicate-or-untyped-document")
        .count();
    assert_eq!(repeats, copies - 1);
}

#[test]
fn many_tiny_documents_and_a_very_long_line() {
    let mut text = String::from(HEADER);
    text.push_str(&format!("clusterName: {}\n", "a".repeat(1_000_000)));
    text.push_str(&"---\n".repeat(50_000));
    let (_, rules) = rules_fired("long.yaml", text.into());
    assert!(rules.is_empty(), "{rules:?}");
}
