//! `kubeadm-lint migrate`: moves kubeadm documents to a newer API version by text edits, one
//! version at a time (v1beta1 -> v1beta2 -> v1beta3 -> v1beta4), keeping comments and layout.
//!
//! Unlike `kubeadm config migrate`, it neither drops comments nor the KubeletConfiguration and
//! KubeProxyConfiguration documents, and adds nothing kubeadm would default. Each hop bumps the
//! `apiVersion` and lets the fix loop apply what the migration rules know (facts, section 2.4):
//! extraArgs maps become sorted `{name, value}` lists (`extra-args-shape`), removed and moved
//! fields are dropped or relocated (`relocated-or-removed-field`). Whatever is left that those
//! rules cannot settle blocks the migration of that file, with its location.

use std::fmt;

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::fix::{self, AppliedFix, FixError, edits};
use crate::kubeadm::{ConfigSet, KubeadmVersion, VersionOptions};
use crate::lint::{LintOptions, RuleSelection, lint};
use crate::source::SourceFile;
use crate::yaml::{self, Span};

/// Rules whose fixes carry out a migration hop.
const MIGRATION_RULES: [&str; 2] = ["extra-args-shape", "relocated-or-removed-field"];
/// Rules that must be quiet on a migrated document.
const CHECK_RULES: [&str; 3] = [
    "unknown-or-miscased-field",
    "extra-args-shape",
    "relocated-or-removed-field",
];

/// A migrated file.
#[derive(Debug, Clone)]
pub struct Migration {
    pub text: String,
    /// One line per document and hop: `ClusterConfiguration: v1beta3 -> v1beta4`.
    pub hops: Vec<String>,
    /// The fixes applied along the way.
    pub applied: Vec<AppliedFix>,
}

/// Something that keeps a file from being migrated mechanically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    /// Where, in the text the check ran on (`in_original` tells which).
    pub line: usize,
    pub column: usize,
    pub in_original: bool,
    pub message: String,
}

#[derive(Debug, Clone)]
pub enum MigrateError {
    Blocked(Vec<Blocker>),
    Fix(FixError),
}

impl fmt::Display for MigrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrateError::Fix(error) => write!(f, "{error}"),
            MigrateError::Blocked(blockers) => {
                let list: Vec<String> = blockers
                    .iter()
                    .map(|b| {
                        let which = if b.in_original {
                            ""
                        } else {
                            " (in the migrated text)"
                        };
                        format!("{}:{}{which}: {}", b.line, b.column, b.message)
                    })
                    .collect();
                write!(f, "cannot be migrated mechanically: {}", list.join("; "))
            }
        }
    }
}

/// Migrates every kubeadm document older than `to` in `source`.
pub fn migrate(
    source: &SourceFile,
    to: KubeadmVersion,
    versions: &VersionOptions,
) -> Result<Migration, MigrateError> {
    if !source.is_utf8() {
        return Err(MigrateError::Fix(FixError::NotUtf8));
    }
    let blockers = preexisting_blockers(source, to, versions);
    if !blockers.is_empty() {
        return Err(MigrateError::Blocked(blockers));
    }
    let mut text = source.text.to_string();
    let mut hops = Vec::new();
    let mut applied = Vec::new();
    let untouched_before = untouched_documents(&text, to, versions);
    // At most one hop per version step.
    for hops_done in 0..KubeadmVersion::ALL.len() {
        let bumps = bump_edits(&text, to, versions, &mut hops)?;
        if bumps.is_empty() {
            break;
        }
        let bumped = fix::apply_edits(&text, &bumps)
            .map_err(|_| MigrateError::Fix(FixError::InvalidEdits { rule: "migrate" }))?;
        // Bumping an apiVersion moves no line, so what no fix can settle is reported at its
        // place in the file as the user wrote it (after the first hop).
        let in_original = hops_done == 0;
        let stuck = unsettled(
            &SourceFile::new(source.name.clone(), bumped.as_str()),
            versions,
            in_original,
        );
        if !stuck.is_empty() {
            return Err(MigrateError::Blocked(stuck));
        }
        let options = selection(&MIGRATION_RULES, versions);
        let outcome = fix::fix_source(
            &SourceFile::new(source.name.clone(), bumped.as_str()),
            &options,
            true,
        )
        .map_err(MigrateError::Fix)?;
        applied.extend(outcome.applied);
        text = outcome.text;
    }
    if untouched_documents(&text, to, versions) != untouched_before {
        return Err(MigrateError::Blocked(vec![Blocker {
            line: 1,
            column: 1,
            in_original: true,
            message: "a fix would have changed a document that is not migrated".into(),
        }]));
    }
    let left = findings_in_migrated(
        &SourceFile::new(source.name.clone(), text.as_str()),
        to,
        versions,
        false,
    );
    if !left.is_empty() {
        return Err(MigrateError::Blocked(left));
    }
    Ok(Migration {
        text,
        hops,
        applied,
    })
}

fn selection(rules: &[&str], versions: &VersionOptions) -> LintOptions {
    LintOptions {
        versions: versions.clone(),
        rules: RuleSelection {
            select: Some(rules.iter().map(|r| r.to_string()).collect()),
            ignore: Vec::new(),
        },
        // A suppression says a finding is fine in this version of the file; migrating must
        // still convert what the new version reads differently.
        no_ignores: true,
        ..LintOptions::default()
    }
}

/// Unknown or miscased fields already in the documents to migrate: kubeadm's own migrate
/// refuses them (strict decoding), and carrying them into a new version hides them.
fn preexisting_blockers(
    source: &SourceFile,
    to: KubeadmVersion,
    versions: &VersionOptions,
) -> Vec<Blocker> {
    let tree = yaml::parse(&source.text);
    let mut blockers: Vec<Blocker> = tree
        .errors
        .iter()
        .map(|e| {
            blocker(
                source,
                Span::new(e.offset, e.offset),
                format!("YAML syntax error: {}", e.message),
                true,
            )
        })
        .collect();
    if !blockers.is_empty() {
        return blockers;
    }
    let config = ConfigSet::new(source, &tree, versions);
    for doc in &config.documents {
        let Some(version) = doc.kubeadm_version() else {
            continue;
        };
        if version >= to {
            continue;
        }
        if version < KubeadmVersion::V1beta1
            || doc
                .kind
                .is_some_and(|k| !k.exists_in(KubeadmVersion::V1beta4))
        {
            let hint = version.migrate_with().unwrap_or("an older kubeadm");
            blockers.push(blocker(
                source,
                doc.api_version_node.span(),
                format!(
                    "{} changed kinds and layout; convert it with kubeadm {hint} first",
                    version.as_str()
                ),
                true,
            ));
        }
    }
    // Unknown fields block even when fixable (migrating them would hide them); the migration
    // rules' findings block only when no fix of theirs will settle them.
    let report = lint(source, &selection(&CHECK_RULES, versions));
    let blocking = |d: &&Diagnostic| {
        d.severity >= Severity::Warning
            && (d.rule == "unknown-or-miscased-field" || d.fix.is_none())
    };
    for d in report.diagnostics.iter().filter(blocking) {
        if in_document_to_migrate(&config, d, to) {
            let how = if d.fix.is_some() {
                "fix it first (`kubeadm-lint check --fix`)"
            } else {
                "fix or remove it first"
            };
            blockers.push(blocker(
                source,
                d.primary,
                format!("{}; {how}", d.message),
                true,
            ));
        }
    }
    blockers
}

fn in_document_to_migrate(config: &ConfigSet, diagnostic: &Diagnostic, to: KubeadmVersion) -> bool {
    config.documents.iter().any(|doc| {
        doc.kubeadm_version().is_some_and(|v| v < to)
            && doc.root.span().contains(diagnostic.primary)
    })
}

/// Findings of the migration rules that carry no fix, in documents just bumped.
fn unsettled(bumped: &SourceFile, versions: &VersionOptions, in_original: bool) -> Vec<Blocker> {
    let report = lint(bumped, &selection(&MIGRATION_RULES, versions));
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning && d.fix.is_none())
        .map(|d| blocker(bumped, d.primary, d.message.clone(), in_original))
        .collect()
}

/// The `apiVersion` edits of one hop; records each hop.
fn bump_edits(
    text: &str,
    to: KubeadmVersion,
    versions: &VersionOptions,
    hops: &mut Vec<String>,
) -> Result<Vec<Edit>, MigrateError> {
    let source = SourceFile::new("", text);
    let tree = yaml::parse(text);
    let config = ConfigSet::new(&source, &tree, versions);
    let mut edits_out = Vec::new();
    for doc in &config.documents {
        let Some(version) = doc.kubeadm_version() else {
            continue;
        };
        if version >= to {
            continue;
        }
        let Some(next) = KubeadmVersion::ALL.iter().copied().find(|v| *v > version) else {
            continue;
        };
        let written = format!("kubeadm.k8s.io/{}", next.as_str());
        let Some(edit) = edits::replace_scalar(doc.api_version_node, &written) else {
            return Err(MigrateError::Blocked(vec![blocker(
                &source,
                doc.api_version_node.span(),
                "this apiVersion cannot be rewritten in place".into(),
                false,
            )]));
        };
        let kind = doc.kind.map_or("document", |k| k.as_str());
        hops.push(format!("{kind}: {} -> {}", version.as_str(), next.as_str()));
        edits_out.push(edit);
    }
    Ok(edits_out)
}

/// The text of every document that is not a kubeadm document older than `to`.
fn untouched_documents(text: &str, to: KubeadmVersion, versions: &VersionOptions) -> Vec<String> {
    let source = SourceFile::new("", text);
    let tree = yaml::parse(text);
    let config = ConfigSet::new(&source, &tree, versions);
    let migrated: Vec<usize> = config
        .documents
        .iter()
        .filter(|d| d.kubeadm_version().is_some_and(|v| v < to) || d.kubeadm_version() == Some(to))
        .map(|d| d.index)
        .collect();
    tree.documents
        .iter()
        .enumerate()
        .filter(|(i, _)| !migrated.contains(i))
        .filter_map(|(_, d)| {
            d.root
                .map(|r| text[tree.node(r).span().range()].to_string())
        })
        .collect()
}

/// Findings of the check rules left in documents now at `to`.
fn findings_in_migrated(
    source: &SourceFile,
    to: KubeadmVersion,
    versions: &VersionOptions,
    in_original: bool,
) -> Vec<Blocker> {
    let tree = yaml::parse(&source.text);
    let config = ConfigSet::new(source, &tree, versions);
    let report = lint(source, &selection(&CHECK_RULES, versions));
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .filter(|d| {
            config
                .documents
                .iter()
                .any(|doc| doc.kubeadm_version() == Some(to) && doc.root.span().contains(d.primary))
        })
        .map(|d| blocker(source, d.primary, d.message.clone(), in_original))
        .collect()
}

fn blocker(source: &SourceFile, span: Span, message: String, in_original: bool) -> Blocker {
    let (line, column) = source.line_col(span.start);
    Blocker {
        line,
        column,
        in_original,
        message,
    }
}
