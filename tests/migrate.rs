//! `kubeadm-lint migrate`: fixture pairs per hop and corpus properties.

mod common;

use kubeadm_lint::kubeadm::{KubeadmVersion, VersionOptions};
use kubeadm_lint::migrate::{MigrateError, migrate};
use kubeadm_lint::{LintOptions, SourceFile, lint};

fn migrated(text: &str, to: KubeadmVersion) -> String {
    let source = SourceFile::new("m.yaml", text);
    migrate(&source, to, &VersionOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .text
}

#[test]
fn fixture_pairs_migrate_exactly() {
    let dir = common::repo_root().join("testdata/migrate");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("testdata/migrate") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".yaml").filter(|s| !s.contains('.')) else {
            continue;
        };
        let (to, expected_name) = if stem.ends_with("to-v1beta3") {
            (KubeadmVersion::V1beta3, format!("{stem}.migrated.yaml"))
        } else {
            (KubeadmVersion::V1beta4, format!("{stem}.migrated.yaml"))
        };
        let expected = common::read(&dir.join(expected_name));
        let got = migrated(&common::read(&path), to);
        assert_eq!(got, expected, "{name}");
        assert_eq!(
            migrated(&got, to),
            got,
            "{name}: migrating again changed it"
        );
        checked += 1;
    }
    assert!(checked >= 3, "too few migrate fixtures: {checked}");
}

#[test]
fn v1alpha_and_unknown_fields_block_with_their_location() {
    let source = SourceFile::new(
        "old.yaml",
        "apiVersion: kubeadm.k8s.io/v1alpha3\nkind: InitConfiguration\n",
    );
    let Err(MigrateError::Blocked(blockers)) =
        migrate(&source, KubeadmVersion::V1beta4, &VersionOptions::default())
    else {
        panic!("v1alpha3 must be refused");
    };
    assert_eq!((blockers[0].line, blockers[0].column), (1, 13));
    let source = SourceFile::new(
        "typo.yaml",
        "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnett: 10.244.0.0/16\n",
    );
    let Err(MigrateError::Blocked(blockers)) =
        migrate(&source, KubeadmVersion::V1beta4, &VersionOptions::default())
    else {
        panic!("an unknown field must block");
    };
    assert_eq!((blockers[0].line, blockers[0].column), (4, 3));
}

#[test]
fn corpus_v1beta2_and_v1beta3_files_migrate_or_are_refused_with_a_location() {
    let mut migrated_files = 0;
    for (file, is_template, _) in common::corpus_manifest() {
        if is_template {
            continue;
        }
        let text = common::read(&common::corpus_dir().join(&file));
        if !text.contains("kubeadm.k8s.io/v1beta2") && !text.contains("kubeadm.k8s.io/v1beta3") {
            continue;
        }
        let source = SourceFile::new(file.clone(), text.as_str());
        match migrate(&source, KubeadmVersion::V1beta4, &VersionOptions::default()) {
            Ok(migration) => {
                migrated_files += 1;
                let out = SourceFile::new(file.clone(), migration.text.as_str());
                assert!(
                    kubeadm_lint::yaml::parse(&migration.text).errors.is_empty(),
                    "{file}: output does not parse"
                );
                let report = lint(&out, &LintOptions::default());
                for d in &report.diagnostics {
                    assert!(
                        d.rule != "extra-args-shape"
                            && !(d.rule == "unknown-or-miscased-field"
                                && d.severity >= kubeadm_lint::Severity::Warning),
                        "{file}: {}[{}] {} after migration",
                        d.severity.as_str(),
                        d.rule,
                        d.message
                    );
                }
                for line in text.lines().filter(|l| l.trim_start().starts_with('#')) {
                    assert!(
                        migration.text.contains(line.trim()),
                        "{file}: lost comment {line}"
                    );
                }
                let again = migrate(&out, KubeadmVersion::V1beta4, &VersionOptions::default())
                    .expect("again");
                assert_eq!(
                    again.text, migration.text,
                    "{file}: migrating again changed it"
                );
            }
            Err(MigrateError::Blocked(blockers)) => {
                assert!(!blockers.is_empty());
                assert!(
                    blockers.iter().all(|b| b.in_original && b.line >= 1),
                    "{file}: {blockers:?}"
                );
            }
            Err(other) => panic!("{file}: {other}"),
        }
    }
    assert!(
        migrated_files >= 20,
        "only {migrated_files} corpus files migrated"
    );
}
