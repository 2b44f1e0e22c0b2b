//! Lints one source: parse, classify, run the selected rules, sort the findings.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::kubeadm::api::classify_api_version;
use crate::kubeadm::{ConfigSet, VersionOptions, credential_shapes};
use crate::rules::{self, Rule, Sink};
use crate::source::SourceFile;
use crate::suppress::{self, FileIgnore, Suppressed};
use crate::yaml::{self, Probe, Span};

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
    /// Severities that replace a rule's own (configuration `severity:`).
    pub severities: Vec<(&'static str, Severity)>,
    /// Rules whose unsafe fixes are applied as safe ones (configuration `extend-safe-fixes:`).
    pub safe_fixes: Vec<&'static str>,
    /// Rules ignored for this file by configuration (`per-file-ignores:`): their findings are
    /// kept as suppressed.
    pub file_ignores: Vec<FileIgnore>,
    /// Honour no suppression, inline or configured (`--no-ignores`).
    pub no_ignores: bool,
    /// Suppression comments must give a reason (configuration `require-reason:`).
    pub require_reason: bool,
}

/// The findings for one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The findings left after suppressions.
    pub diagnostics: Vec<Diagnostic>,
    /// The findings a suppression comment or `per-file-ignores` hid, kept for SARIF.
    pub suppressed: Vec<Suppressed>,
    /// False when the file holds no kubeadm document and was skipped.
    pub is_kubeadm: bool,
    /// Spans of credentials in the file, which renderers must mask.
    pub secrets: Vec<Span>,
}

/// True when the text may hold a kubeadm document (cheap substring test, no parsing).
pub fn may_be_kubeadm(text: &str) -> bool {
    may_be_kubeadm_bytes(text.as_bytes())
}

/// [`may_be_kubeadm`] on a file's raw bytes, before they are decoded or copied. Bytes that
/// start with a UTF-16 byte-order mark may be anything until decoded, so they pass.
pub fn may_be_kubeadm_bytes(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    MARKERS
        .iter()
        .any(|marker| memchr::memmem::find(bytes, marker.as_bytes()).is_some())
}

/// True when no document of a well-formed UTF-8 file has a kubeadm apiVersion, found from the
/// parser's events alone: such a file is skipped without building its tree.
fn surely_not_kubeadm(source: &SourceFile) -> bool {
    source.is_utf8()
        && !opens_with_kubeadm_api_version(&source.text)
        && yaml::top_level_value(&source.text, "apiVersion", |value| {
            classify_api_version(value).is_some()
        }) == Probe::NotFound
}

/// True when the first line with content reads `apiVersion: <a version kubeadm reads>`, as
/// nearly every kubeadm file does: it needs its tree, and asking the parser's events first
/// would only cost time. (A wrong guess here costs time too, never a finding.)
fn opens_with_kubeadm_api_version(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(line) = text
        .lines()
        .map(str::trim_end)
        .find(|line| !(line.is_empty() || line.starts_with('#') || *line == "---"))
    else {
        return false;
    };
    line.strip_prefix("apiVersion:").is_some_and(|value| {
        let value = value.split(" #").next().unwrap_or_default().trim();
        classify_api_version(value.trim_matches(['"', '\''])).is_some()
    })
}

/// A seam for tests/internal_errors.rs, in debug builds only: checking a file whose path ends
/// with `$KUBEADM_LINT_PANIC_IN` panics, with a credential in the message, so that the tests
/// see a bug in one file reported for it, without its message, while the others are checked.
fn panic_for_tests(source: &SourceFile) {
    #[cfg(debug_assertions)]
    if std::env::var_os("KUBEADM_LINT_PANIC_IN")
        .is_some_and(|name| std::path::Path::new(&source.name).ends_with(name))
    {
        panic!("panic for tests, quoting k3x9q2.7f4c1d8e9a0b2c3d");
    }
    #[cfg(not(debug_assertions))]
    let _ = source;
}

pub fn lint(source: &SourceFile, options: &LintOptions) -> FileReport {
    if !may_be_kubeadm(&source.text) || surely_not_kubeadm(source) {
        return FileReport::skipped();
    }
    panic_for_tests(source);
    let tree = yaml::parse(&source.text);
    let config = ConfigSet::new(source, &tree, &options.versions);
    // A file whose only kubeadm-looking content is broken YAML is still reported.
    let is_kubeadm = config.is_kubeadm_file() || !tree.errors.is_empty() || !source.is_utf8();
    if !is_kubeadm {
        return FileReport::skipped();
    }
    let enabled = |rule: &Rule| options.rules.enabled(rule);
    let mut diagnostics = Vec::new();
    for rule in rules::RULES
        .iter()
        .copied()
        .filter(|rule| enabled(rule) && !rules::is_meta(rule))
    {
        crate::internal_error::in_rule(rule.name, || {
            (rule.check)(&config, &mut Sink::new(rule, &mut diagnostics))
        });
    }
    let mut secrets: Vec<Span> = config.secrets().iter().map(|s| s.node.span()).collect();
    secrets.extend(credential_shapes::find(&source.text));
    secrets.sort();
    secrets.dedup();

    // Suppressions: inline comments first, then the meta rules that report on them (they need
    // to know which findings each comment matched), then `per-file-ignores`.
    let found = suppress::collect(&source.text, &tree, options.require_reason);
    let mut report = suppress::SuppressionReport {
        malformed: found.malformed.clone(),
        unused: Vec::new(),
    };
    let mut suppressed = Vec::new();
    if !options.no_ignores {
        let broken: Vec<Span> = tree
            .documents
            .iter()
            .filter(|d| d.broken)
            .map(|d| d.span)
            .collect();
        let is_enabled = |name: &str| rules::find(name).is_some_and(enabled);
        let (active, hidden, unused) =
            suppress::apply(&source.text, diagnostics, &found, &is_enabled, &broken);
        diagnostics = active;
        suppressed = hidden;
        report.unused = unused;
    }
    let config = config.with_suppressions(&report);
    for rule in rules::RULES
        .iter()
        .copied()
        .filter(|rule| enabled(rule) && rules::is_meta(rule))
    {
        crate::internal_error::in_rule(rule.name, || {
            (rule.check)(&config, &mut Sink::new(rule, &mut diagnostics))
        });
    }
    if !options.no_ignores {
        diagnostics =
            suppress::apply_file_ignores(diagnostics, &options.file_ignores, &mut suppressed);
    }

    for diagnostic in diagnostics
        .iter_mut()
        .chain(suppressed.iter_mut().map(|s| &mut s.diagnostic))
    {
        adjust(diagnostic, options);
        // A rule quoting a value must not quote a credential pasted into the wrong field.
        mask_credentials(diagnostic);
    }
    let order = |a: &Diagnostic, b: &Diagnostic| {
        (a.primary.start, a.primary.end, a.rule).cmp(&(b.primary.start, b.primary.end, b.rule))
    };
    diagnostics.sort_by(order);
    suppressed.sort_by(|a, b| order(&a.diagnostic, &b.diagnostic));
    FileReport {
        diagnostics,
        suppressed,
        is_kubeadm: true,
        secrets,
    }
}

/// Applies the configured severity and fix-safety overrides to one finding.
fn adjust(diagnostic: &mut Diagnostic, options: &LintOptions) {
    if let Some((_, severity)) = options
        .severities
        .iter()
        .find(|(rule, _)| *rule == diagnostic.rule)
    {
        diagnostic.severity = *severity;
    }
    if options.safe_fixes.contains(&diagnostic.rule)
        && let Some(fix) = diagnostic.fix.as_mut()
    {
        fix.applicability = Applicability::Safe;
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

impl FileReport {
    fn skipped() -> Self {
        FileReport {
            diagnostics: Vec::new(),
            suppressed: Vec::new(),
            is_kubeadm: false,
            secrets: Vec::new(),
        }
    }
}
