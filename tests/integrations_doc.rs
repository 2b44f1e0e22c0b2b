//! docs/integrations.md stays true: its configuration example loads, its pre-commit snippet
//! names hooks that exist, its workflows are YAML, and its suppression example suppresses.

mod common;

use kubeadm_lint::settings::Config;

fn yaml_blocks(page: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("```yaml\n") {
        let body = &rest[start + "```yaml\n".len()..];
        let end = body.find("```").expect("closed fence");
        found.push(&body[..end]);
        rest = &body[end + 3..];
    }
    found
}

fn page() -> String {
    common::read(&common::repo_root().join("docs/integrations.md"))
}

#[test]
fn the_configuration_example_is_valid() {
    let page = page();
    let example = yaml_blocks(&page)
        .into_iter()
        .find(|b| b.contains("per-file-ignores:"))
        .expect("a configuration example");
    let config = Config::parse(std::path::Path::new(".kubeadm-lint.yaml"), example)
        .unwrap_or_else(|errors| panic!("{}", errors[0].render(false)));
    assert!(config.require_reason);
    assert_eq!(config.per_file_ignores.len(), 2);
}

#[test]
fn the_pre_commit_snippet_names_hooks_that_exist() {
    let page = page();
    let hooks = common::read(&common::repo_root().join(".pre-commit-hooks.yaml"));
    let snippet = yaml_blocks(&page)
        .into_iter()
        .find(|b| b.contains("repos:"))
        .expect("a pre-commit snippet");
    let mut named = 0;
    for line in snippet.lines() {
        let id = line
            .trim()
            .trim_start_matches("# ")
            .trim_start_matches("- id: ");
        if line.contains("id: ") {
            let id = id.split_whitespace().next().unwrap();
            assert!(hooks.contains(&format!("- id: {id}\n")), "no hook `{id}`");
            named += 1;
        }
    }
    assert_eq!(named, 2);
}

#[test]
fn every_yaml_block_parses() {
    for block in yaml_blocks(&page()) {
        let tree = kubeadm_lint::yaml::parse(block);
        assert!(tree.errors.is_empty(), "{block}\n{:?}", tree.errors);
    }
}

#[test]
fn the_suppression_example_suppresses() {
    let page = page();
    let example = yaml_blocks(&page)
        .into_iter()
        .find(|b| b.contains("kubeadm-lint: ignore["))
        .expect("a suppression example");
    let text = format!(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\n{example}"
    );
    let source = kubeadm_lint::SourceFile::new("example.yaml", text.as_str());
    let report = kubeadm_lint::lint(&source, &kubeadm_lint::LintOptions::default());
    let left: Vec<_> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert!(
        !left.contains(&"unknown-or-miscased-field")
            && !left.contains(&"k8s-gcr-io-frozen-registry")
            && !left.contains(&"unused-suppression")
            && !left.contains(&"invalid-suppression"),
        "{left:?}"
    );
    assert_eq!(report.suppressed.len(), 2, "{:#?}", report.suppressed);
}
