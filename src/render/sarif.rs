//! SARIF 2.1.0 (OASIS), built from typed structures. Every rule is described in
//! `tool.driver.rules` from its page; results carry regions, related locations, fingerprints
//! from the YAML key path (stable when lines move), the fix as replacements, and suppressed
//! findings are kept with their `suppressions`. Columns count Unicode code points.

use std::collections::BTreeMap;

use serde::Serialize;

use super::FileResult;
use super::locate::{self, Locator};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{self, RULES, Rule};
use crate::source::SourceFile;
use crate::suppress::{Suppressed, SuppressionKind};
use crate::yaml::Span;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of our entry in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "kubeadmLintYamlPath/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: MultiformatText,
    help_uri: String,
    help: MultiformatText,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct RuleProperties {
    /// `safe`, `unsafe`, `safe/unsafe` or `none`.
    fix: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
}

/// Renders the findings, suppressed ones included. `errors` are inputs that could not be
/// checked; they make the invocation unsuccessful and are listed as notifications.
pub fn render(results: &[FileResult], errors: &[String]) -> String {
    let mut out = Vec::new();
    for result in results {
        if result.diagnostics.is_empty() && result.suppressed.is_empty() {
            continue;
        }
        let locator = Locator::new(&result.source);
        let uri = artifact_uri(&result.source.name);
        let mut all: Vec<(&Diagnostic, Option<&Suppressed>)> = result
            .diagnostics
            .iter()
            .map(|d| (d, None))
            .chain(result.suppressed.iter().map(|s| (&s.diagnostic, Some(s))))
            .collect();
        all.sort_by_key(|(d, _)| (d.primary.start, d.primary.end, d.rule));
        let fingerprints = locate::fingerprints(&locator, all.iter().map(|(d, _)| *d));
        for ((diagnostic, suppressed), fingerprint) in all.into_iter().zip(fingerprints) {
            out.push(result_of(result, &uri, diagnostic, suppressed, fingerprint));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "kubeadm-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: RULES.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: errors.is_empty(),
                tool_execution_notifications: errors
                    .iter()
                    .map(|e| Notification {
                        level: "error",
                        message: Text { text: e.clone() },
                    })
                    .collect(),
            }],
            results: out,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("plain data serialises");
    text.push('\n');
    text
}

fn result_of(
    result: &FileResult,
    uri: &ArtifactLocation,
    d: &Diagnostic,
    suppressed: Option<&Suppressed>,
    fingerprint: String,
) -> SarifResult {
    let source = &result.source;
    let location = |span: Span, id: Option<usize>, message: Option<String>| Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: uri.clone(),
            region: region(source, span),
        },
        message: message.map(|text| Text { text }),
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let fixes = match &d.fix {
        Some(fix) if !touches_secret(source, &result.secrets, &fix.edits) => vec![Fix {
            description: Text {
                text: format!("{} ({})", fix.description, fix.applicability.as_str()),
            },
            artifact_changes: vec![ArtifactChange {
                artifact_location: uri.clone(),
                replacements: fix
                    .edits
                    .iter()
                    .map(|edit| Replacement {
                        deleted_region: region(source, edit.span),
                        inserted_content: Text {
                            text: edit.content.clone(),
                        },
                    })
                    .collect(),
            }],
        }],
        _ => Vec::new(),
    };
    let suppressions = suppressed
        .map(|s| Suppression {
            kind: match s.kind {
                SuppressionKind::InSource => "inSource",
                SuppressionKind::External => "external",
            },
            status: "accepted",
            justification: s.justification.clone(),
            location: s.comment.map(|span| location(span, None, None)),
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id: d.rule,
        rule_index: RULES.iter().position(|r| r.name == d.rule).unwrap_or(0),
        level: level(d.severity),
        message: Text { text: message },
        locations: vec![location(d.primary, None, d.primary_label.clone())],
        related_locations: d
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| location(label.span, Some(i + 1), Some(label.message.clone())))
            .collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        fixes,
        suppressions,
    }
}

/// True when a fix would show a credential: it edits one, or its new text contains one.
fn touches_secret(
    source: &SourceFile,
    secrets: &[Span],
    edits: &[crate::diagnostic::Edit],
) -> bool {
    edits.iter().any(|edit| {
        secrets.iter().any(|secret| {
            let overlaps = edit.span.start < secret.end && secret.start < edit.span.end;
            let value = source.text.get(secret.range()).unwrap_or_default();
            overlaps || (!value.is_empty() && edit.content.contains(value))
        })
    })
}

fn region(source: &SourceFile, span: Span) -> Region {
    let (start_line, start_column) = source.line_col(span.start);
    let (end_line, end_column) = source.line_col(span.end);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &'static Rule) -> ReportingDescriptor {
    let catches = section(rule.page, "What it catches").unwrap_or(rule.summary);
    ReportingDescriptor {
        id: rule.name,
        name: pascal_case(rule.name),
        short_description: Text {
            text: sentence(rule.summary),
        },
        full_description: MultiformatText {
            text: plain(catches),
            markdown: catches.trim().to_string(),
        },
        help_uri: rules::page_url(rule),
        help: MultiformatText {
            text: plain(rule.page),
            markdown: rule.page.to_string(),
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            fix: rule.fix.as_str(),
        },
    }
}

/// The body of the `## title` section of a page.
fn section<'p>(page: &'p str, title: &str) -> Option<&'p str> {
    let heading = format!("## {title}\n");
    let start = page.find(&heading)? + heading.len();
    let body = &page[start..];
    Some(body.find("\n## ").map_or(body, |end| &body[..end + 1]))
}

/// Markdown as plain text: paragraphs joined into lines, headings without `#`, list items on
/// their own lines, code blocks indented.
fn plain(markdown: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    let mut joinable = false;
    for line in markdown.trim().lines() {
        let text = line.trim();
        if text.starts_with("```") {
            in_fence = !in_fence;
            joinable = false;
        } else if in_fence {
            lines.push(format!("    {}", line.trim_end()));
        } else if text.is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            joinable = false;
        } else if text.starts_with('#') {
            lines.push(text.trim_start_matches('#').trim().to_string());
            joinable = false;
        } else if joinable && !text.starts_with("- ") {
            let last = lines.last_mut().expect("joinable after a line");
            last.push(' ');
            last.push_str(text);
        } else {
            lines.push(text.to_string());
            joinable = true;
        }
    }
    lines.join("\n").trim().to_string()
}

/// A summary as a sentence: capitalised, ending with a full stop.
fn sentence(summary: &str) -> String {
    let mut chars = summary.chars();
    let mut text: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// `k8s-gcr-io-frozen-registry` → `K8sGcrIoFrozenRegistry`.
fn pascal_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

/// A relative URI reference for a path as given (percent-encoded, `/`-separated), or a
/// `file://` URI for an absolute path.
fn artifact_uri(name: &str) -> ArtifactLocation {
    let path = locate::report_path(name);
    let encoded = encode_path(&path);
    let uri = if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    };
    ArtifactLocation { uri }
}

fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Edit};

    #[test]
    fn fixes_that_would_show_a_credential_are_left_out() {
        let text = "token: abcdef.0123456789abcdef\nother: x\n";
        let secret = Span::new(7, 30);
        let finding = |edit: Edit| Diagnostic {
            rule: "yaml-syntax",
            severity: Severity::Error,
            message: "m".into(),
            primary: Span::new(0, 5),
            primary_label: None,
            labels: Vec::new(),
            help: None,
            fix: Some(crate::diagnostic::Fix {
                applicability: Applicability::Safe,
                description: "d".into(),
                edits: vec![edit],
            }),
        };
        let render_one = |edit: Edit| {
            let result = FileResult {
                source: SourceFile::new("t.yaml", text),
                diagnostics: vec![finding(edit)],
                suppressed: Vec::new(),
                fixed: 0,
                secrets: vec![secret],
            };
            let log: serde_json::Value = serde_json::from_str(&render(&[result], &[])).unwrap();
            log["runs"][0]["results"].to_string()
        };
        let touching = render_one(Edit::replace(Span::new(7, 13), "ghijkl"));
        assert!(touching.contains("\"ruleId\""), "{touching}");
        assert!(!touching.contains("\"fixes\""), "{touching}");
        let copying = render_one(Edit::insert(31, "t: abcdef.0123456789abcdef\n"));
        assert!(!copying.contains("0123456789abcdef"), "{copying}");
        let elsewhere = render_one(Edit::replace(Span::new(38, 39), "y"));
        assert!(elsewhere.contains("\"fixes\""), "{elsewhere}");
    }

    #[test]
    fn uris_are_encoded_relative_references() {
        assert_eq!(artifact_uri("./a b/c%.yaml").uri, "a%20b/c%25.yaml");
        assert_eq!(artifact_uri("/abs/k.yaml").uri, "file:///abs/k.yaml");
        assert_eq!(artifact_uri("dir\\k.yaml").uri, "dir/k.yaml");
    }

    #[test]
    fn rule_text_comes_from_the_page() {
        let page =
            "# x\nerror\n\n## What it catches\nOne\nline.\n\n- a\n- b\n\n## Why it matters\nno\n";
        assert_eq!(
            section(page, "What it catches"),
            Some("One\nline.\n\n- a\n- b\n\n")
        );
        assert_eq!(
            plain("One\nline.\n\n- a\n  more\n- b\n"),
            "One line.\n\n- a more\n- b"
        );
        assert_eq!(
            pascal_case("k8s-gcr-io-frozen-registry"),
            "K8sGcrIoFrozenRegistry"
        );
        assert_eq!(sentence("a thing"), "A thing.");
    }
}
