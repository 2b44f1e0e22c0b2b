//! The fixes of the networking rules on every `fires-*.yaml` fixture: the real fix loop (safe
//! and unsafe fixes) accepts them, which means they settle, leave YAML that parses and bring in
//! no new error (messages that quote a value a fix rewrites would look like new errors), and a
//! second run changes nothing. Their pages' good examples are clean for every rule, not only
//! their own. (Pages' `fixed` examples and `fix-*.yaml` pairs are checked for every rule in
//! rule_pages.rs and fix_examples.rs.)

mod common;

use kubeadm_lint::Severity;
use kubeadm_lint::rules::RULES;

/// The rules of the networking group.
const NETWORK_RULES: &[&str] = &[
    "dual-stack-cidr-format",
    "service-subnet-size",
    "pod-subnet-vs-node-mask",
    "cidr-overlap",
    "cluster-dns-mismatch",
    "cluster-domain-mismatch",
    "kube-proxy-cluster-cidr-mismatch",
    "ipv6-endpoint-brackets",
    "endpoint-format",
    "advertise-address-in-extra-args",
    "advertise-address-special-value",
    "control-plane-endpoint-is-node-ip",
    "missing-control-plane-endpoint",
    "pod-subnet-missing-or-cni-mismatch",
    "port-conflicts",
    "cert-sans-invalid-or-redundant",
];

fn blocks<'p>(page: &'p str, tag: &str) -> Vec<&'p str> {
    let fence = format!("```yaml {tag}\n");
    page.match_indices(&fence)
        .map(|(at, _)| {
            let body = &page[at + fence.len()..];
            &body[..body.find("```").expect("closed fence")]
        })
        .collect()
}

#[test]
fn network_rules_are_registered() {
    assert_eq!(NETWORK_RULES.len(), 16);
    for name in NETWORK_RULES {
        assert!(
            RULES.iter().any(|r| r.name == *name),
            "{name} is not in the registry"
        );
    }
}

#[test]
fn good_examples_of_the_pages_are_clean_for_every_rule() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| NETWORK_RULES.contains(&r.name)) {
        for good in blocks(rule.page, "good") {
            let (_, diagnostics) = common::lint_text("good.yaml", good);
            for d in diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
            {
                failures.push(format!(
                    "{}: good example gets {}[{}] {}",
                    rule.name,
                    d.severity.as_str(),
                    d.rule,
                    d.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_fix_loop_accepts_every_fires_fixture() {
    let root = common::repo_root().join("testdata/rules");
    let mut failures = Vec::new();
    let mut fixed = 0;
    for name in NETWORK_RULES {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(name))
            .unwrap_or_else(|_| panic!("{name}: no fixture folder"))
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|f| f.to_string_lossy().starts_with("fires-"))
            })
            .collect();
        paths.sort();
        for path in paths {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = common::read(&path);
            let options = common::options_from_header(&text);
            let source = kubeadm_lint::SourceFile::new(file.clone(), text.as_str());
            let outcome = match kubeadm_lint::fix::fix_source(&source, &options, true) {
                Ok(outcome) => outcome,
                Err(error) => {
                    failures.push(format!("{name}/{file}: {error}"));
                    continue;
                }
            };
            if outcome.text != text {
                fixed += 1;
            }
            let again = kubeadm_lint::SourceFile::new(file.clone(), outcome.text.as_str());
            match kubeadm_lint::fix::fix_source(&again, &options, true) {
                Ok(second) if second.applied.is_empty() => {}
                Ok(second) => failures.push(format!(
                    "{name}/{file}: a second run applied {:?}",
                    second.applied
                )),
                Err(error) => failures.push(format!("{name}/{file}: second run: {error}")),
            }
        }
    }
    assert!(
        fixed > 10,
        "only {fixed} fixtures changed: the test proves little"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
