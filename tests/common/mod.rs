//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kubeadm_lint::kubeadm::VersionOptions;
use kubeadm_lint::kubeadm::version::Version;
use kubeadm_lint::{Diagnostic, LintOptions, SourceFile};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus` beside the repository.
pub fn corpus_dir() -> PathBuf {
    repo_root().join("../shared/corpus")
}

/// Options from `# kubernetes-version: X` / `# kubeadm-version: X` header comments.
pub fn options_from_header(text: &str) -> LintOptions {
    let header = |key: &str| {
        text.lines()
            .filter_map(|l| l.strip_prefix("# "))
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| Version::parse(v.trim()))
    };
    LintOptions {
        versions: VersionOptions {
            kubernetes: header("kubernetes-version:"),
            kubeadm: header("kubeadm-version:"),
        },
        ..LintOptions::default()
    }
}

pub fn lint_text(name: &str, text: &str) -> (SourceFile, Vec<Diagnostic>) {
    let source = SourceFile::new(name, text);
    let report = kubeadm_lint::lint(&source, &options_from_header(text));
    (source, report.diagnostics)
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Rows of the corpus MANIFEST.tsv: (file, is_template, tags).
pub fn corpus_manifest() -> Vec<(String, bool, Vec<String>)> {
    let text = read(&corpus_dir().join("MANIFEST.tsv"));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect("column");
    let (file, template, notes) = (col("file"), col("is_template"), col("notes"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let notes = cells.get(notes).copied().unwrap_or_default();
            let tags = notes
                .strip_prefix("tags:")
                .map(|rest| rest.split('|').next().unwrap_or_default())
                .unwrap_or_default()
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            (cells[file].to_string(), cells[template] == "yes", tags)
        })
        .collect()
}
