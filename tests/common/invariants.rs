//! What must hold for any input whatever, as checks that panic with a reason. Shared by the
//! fuzz targets (`fuzz/fuzz_targets/*.rs` include this file by path), the fuzz regression tests
//! and the property tests, so a crash found by one is checked by all.
#![allow(dead_code)]

use kubeadm_lint::diagnostic::{Diagnostic, Edit};
use kubeadm_lint::fix::{FixError, fix_source};
use kubeadm_lint::kubeadm::credential_shapes;
use kubeadm_lint::render::{self, FileResult};
use kubeadm_lint::rules;
use kubeadm_lint::yaml::{self, NodeKind, Span, Tree};
use kubeadm_lint::{LintOptions, SourceFile, lint};

/// A span that can be sliced out of `text`.
fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// Parses `text` and checks the tree: every span sliceable, every child inside the arena, and a
/// node count linear in the input (aliases are never expanded).
pub fn tree(text: &str) -> Tree {
    let tree = yaml::parse(text);
    let count = tree.node_count();
    assert!(
        count <= 2 * text.len() + 2,
        "{count} nodes for {} bytes: something was expanded",
        text.len()
    );
    for id in 0..count {
        let node = tree.node(id);
        assert_span(text, node.span(), "node");
        match node.kind() {
            NodeKind::Mapping { entries, .. } => {
                for entry in entries {
                    assert!(
                        entry.key < count && entry.value < count,
                        "entry out of the arena"
                    );
                }
            }
            NodeKind::Sequence { items, .. } => {
                assert!(items.iter().all(|&i| i < count), "item out of the arena");
            }
            NodeKind::Alias {
                target: Some(target),
            } => assert!(*target < count, "alias out of the arena"),
            _ => {}
        }
    }
    for document in &tree.documents {
        assert_span(text, document.span, "document");
        if let Some(marker) = document.start_marker {
            assert_span(text, marker, "document marker");
        }
        assert!(
            document.root.is_none_or(|r| r < count),
            "root out of the arena"
        );
    }
    for comment in &tree.comments {
        assert_span(text, comment.span, "comment");
    }
    for error in &tree.errors {
        assert!(error.offset <= text.len(), "error offset past the end");
        assert!(
            error.document < tree.documents.len().max(1),
            "error in no document"
        );
    }
    for duplicate in &tree.duplicates {
        assert!(duplicate.first < count && duplicate.repeated < count);
    }
    tree
}

fn assert_diagnostic(text: &str, d: &Diagnostic) {
    assert_span(text, d.primary, d.rule);
    for label in &d.labels {
        assert_span(text, label.span, d.rule);
    }
    if let Some(fix) = &d.fix {
        for edit in &fix.edits {
            assert_span(text, edit.span, d.rule);
        }
    }
}

/// Every output format of one checked file, as the command line renders them.
pub fn render_all(result: &FileResult) -> Vec<(&'static str, String)> {
    let results = std::slice::from_ref(result);
    vec![
        (
            "human",
            render::human::render(results, render::human::Style::Plain, 80, false),
        ),
        ("concise", render::concise::render(results)),
        ("json", render::json::render(results)),
        ("sarif", render::sarif::render(results, &[])),
        ("github", render::github::render(results)),
        ("github step summary", render::github::step_summary(results)),
        ("gitlab", render::gitlab::render(results)),
    ]
}

/// The credentials of `source` that must not appear in output: those shaped like a bootstrap
/// token or a certificate key (a value such as `stable-1` under `token:` may be printed for
/// another reason), not written anywhere else in the file unmasked, and not one of the public
/// examples the rule pages quote (`abcdef.0123456789abcdef`), which SARIF embeds.
pub fn unprintable_secrets(source: &SourceFile, secrets: &[Span]) -> Vec<String> {
    let masked = render::masked_text(&source.text, secrets);
    secrets
        .iter()
        .filter_map(|span| source.text.get(span.range()))
        .flat_map(|value| {
            credential_shapes::find(value)
                .into_iter()
                .map(move |span| &value[span.range()])
        })
        .filter(|credential| !masked.contains(*credential))
        .filter(|credential| !rules::RULES.iter().any(|r| r.page.contains(*credential)))
        .map(str::to_string)
        .collect()
}

/// Checks a file as `check` does and renders every format: spans are sliceable, JSON is JSON,
/// and no credential is printed.
pub fn check(bytes: &[u8]) {
    let source = SourceFile::from_bytes("fuzz.yaml", bytes.to_vec());
    let report = lint(&source, &LintOptions::default());
    for d in &report.diagnostics {
        assert_diagnostic(&source.text, d);
    }
    for d in report.suppressed.iter().map(|s| &s.diagnostic) {
        assert_diagnostic(&source.text, d);
    }
    for span in &report.secrets {
        assert_span(&source.text, *span, "secret");
    }
    let secrets = unprintable_secrets(&source, &report.secrets);
    let result = FileResult::checked(source, report);
    for (format, output) in render_all(&result) {
        if matches!(format, "json" | "sarif" | "gitlab") {
            let _: serde_json::Value = serde_json::from_str(&output)
                .unwrap_or_else(|e| panic!("--format {format} prints no JSON: {e}"));
        }
        for secret in &secrets {
            assert!(
                !output.contains(secret.as_str()),
                "--format {format} prints the credential {secret:?}"
            );
        }
    }
}

/// Applies `edits` to `text` independently of the fixer: sorted by position (insertions at
/// one offset in their given order), never overlapping.
pub fn splice(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::new();
    let mut at = 0;
    for edit in sorted {
        assert!(edit.span.start >= at, "edits overlap: {edits:?}");
        assert_span(text, edit.span, "edit");
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.content);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Fixes a file with unsafe fixes on, then checks the round trip: the fixed text is the input
/// with exactly the recorded edits made (every other byte unchanged), it has no new syntax
/// error, and fixing it again changes nothing. Returns the fixed text.
///
/// A fix the fixer itself refuses as broken (edits out of range, not converging, invalid
/// YAML) is a rule's bug and fails the check; a file that is not UTF-8, or whose fixes would
/// uncover an error, is left alone, as it must be.
pub fn fix_round_trip(bytes: &[u8]) -> Option<String> {
    let source = SourceFile::from_bytes("fuzz.yaml", bytes.to_vec());
    let options = LintOptions::default();
    let outcome = match fix_source(&source, &options, true) {
        Ok(outcome) => outcome,
        Err(FixError::NotUtf8) => {
            assert!(!source.is_utf8(), "a UTF-8 file refused as not UTF-8");
            return None;
        }
        // The fixed text would have an error the input did not: the rename or insertion
        // uncovered a value that was already wrong (`ImageRepository: {}` becomes
        // `imageRepository: {}`, which is not a string). The fixer refuses and changes
        // nothing, as designed.
        Err(FixError::NewErrors { .. }) => return None,
        Err(error) => panic!("fixing failed: {error}"),
    };
    let mut replayed = source.text.to_string();
    for round in &outcome.rounds {
        replayed = splice(&replayed, round);
    }
    assert_eq!(
        replayed, outcome.text,
        "the fixed text is not the input with the fixes' edits"
    );
    let before = yaml::parse(&source.text).errors.len();
    let after = tree(&outcome.text).errors.len();
    assert!(after <= before, "fixing added a syntax error");
    for d in &outcome.remaining {
        assert_diagnostic(&outcome.text, d);
    }

    let again = SourceFile::new("fuzz.yaml", outcome.text.as_str());
    let second = match fix_source(&again, &options, true) {
        Ok(second) => second,
        Err(error) => panic!("fixing the fixed text failed: {error}"),
    };
    assert!(
        second.applied.is_empty() && second.text == outcome.text,
        "a second run applied {:?}",
        second.applied
    );
    Some(outcome.text)
}
