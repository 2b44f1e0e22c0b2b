//! Lints one source: parse, classify, run the selected rules, sort the findings.

use crate::diagnostic::Diagnostic;
use crate::kubeadm::{ConfigSet, VersionOptions, credential_shapes};
use crate::rules::{self, Rule, Sink};
use crate::source::SourceFile;
use crate::yaml::{self, Span};

/// Strings one of which any kubeadm or component-config file must contain. Files without them
/// are not parsed at all: pre-commit hands us every YAML file of a repository.
const MARKERS: [&str; 5] = [
    "kubeadm.k8s.io",
    "kubelet.config.k8s.io",
    "kubeproxy.config.k8s.io",
    "MasterConfiguration",
    "NodeConfiguration",
];

/// Which rules run.
#[derive(Debug, Clone, Default)]
pub struct RuleSelection {
    /// When set, only these rules run.
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

impl RuleSelection {
    pub fn enabled(&self, rule: &Rule) -> bool {
        let selected = match &self.select {
            Some(names) => names.iter().any(|n| n == rule.name),
            None => true,
        };
        selected && !self.ignore.iter().any(|n| n == rule.name)
    }
}

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub versions: VersionOptions,
    pub rules: RuleSelection,
}

/// The findings for one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub diagnostics: Vec<Diagnostic>,
    /// False when the file holds no kubeadm document and was skipped.
    pub is_kubeadm: bool,
    /// Spans of credentials in the file, which renderers must mask.
    pub secrets: Vec<Span>,
}

/// True when the text may hold a kubeadm document (cheap substring test, no parsing).
pub fn may_be_kubeadm(text: &str) -> bool {
    MARKERS.iter().any(|marker| text.contains(marker))
}

pub fn lint(source: &SourceFile, options: &LintOptions) -> FileReport {
    if !may_be_kubeadm(&source.text) {
        return FileReport::skipped();
    }
    let tree = yaml::parse(&source.text);
    let config = ConfigSet::new(source, &tree, &options.versions);
    // A file whose only kubeadm-looking content is broken YAML is still reported.
    let is_kubeadm = config.is_kubeadm_file() || !tree.errors.is_empty() || !source.is_utf8();
    if !is_kubeadm {
        return FileReport::skipped();
    }
    let mut diagnostics = Vec::new();
    for rule in rules::RULES
        .iter()
        .copied()
        .filter(|rule| options.rules.enabled(rule))
    {
        crate::internal_error::in_rule(rule.name, || {
            (rule.check)(&config, &mut Sink::new(rule, &mut diagnostics))
        });
    }
    diagnostics.sort_by(|a, b| {
        (a.primary.start, a.primary.end, a.rule).cmp(&(b.primary.start, b.primary.end, b.rule))
    });
    // A rule quoting a value must not quote a credential pasted into the wrong field.
    for d in &mut diagnostics {
        mask_credentials(d);
    }
    let mut secrets: Vec<Span> = config.secrets().iter().map(|s| s.node.span()).collect();
    secrets.extend(credential_shapes::find(&source.text));
    secrets.sort();
    secrets.dedup();
    FileReport {
        diagnostics,
        is_kubeadm: true,
        secrets,
    }
}

impl FileReport {
    fn skipped() -> Self {
        FileReport {
            diagnostics: Vec::new(),
            is_kubeadm: false,
            secrets: Vec::new(),
        }
    }
}

/// Masks credential-shaped words in everything a finding says (not in its fix's edits, which
/// must write the file's own text).
fn mask_credentials(d: &mut Diagnostic) {
    let mask = |text: &mut String| {
        if let std::borrow::Cow::Owned(masked) = credential_shapes::mask(text) {
            *text = masked;
        }
    };
    mask(&mut d.message);
    d.primary_label.iter_mut().for_each(mask);
    d.help.iter_mut().for_each(mask);
    d.labels.iter_mut().for_each(|l| mask(&mut l.message));
    d.fix.iter_mut().for_each(|f| mask(&mut f.description));
}
