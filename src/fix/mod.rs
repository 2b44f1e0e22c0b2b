//! Fixes: edits computed from spans, applied and re-checked until stable.
//!
//! Each round applies the fixes whose edits do not overlap (the first finding wins, the others
//! wait for the next round), re-parses and re-lints, until nothing fixable is left. Safe fixes
//! go first: an unsafe fix is only applied in a round where no safe fix is left, because it was
//! computed from text a safe fix may still change. The fixer knows nothing of the rules' logic.

pub mod blocks;
pub mod careful;
pub mod diff;
pub mod edits;
pub mod run;
pub mod structure;
pub mod write;

use std::collections::HashMap;
use std::fmt;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::lint::{FileReport, LintOptions, lint};
use crate::source::SourceFile;
use crate::yaml::{self, Span};

/// Rounds after which fixes that keep changing the file are reported as a bug.
pub const MAX_ROUNDS: usize = 16;

/// A fix that was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    pub rule: &'static str,
    pub applicability: Applicability,
    pub description: String,
}

/// The result of fixing one source.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text (the input itself when nothing was fixed).
    pub text: String,
    /// The fixes applied, in the order they were applied.
    pub applied: Vec<AppliedFix>,
    /// The findings left in `text` (spans point into `text`).
    pub remaining: Vec<Diagnostic>,
    /// Credentials in `text`, which output must mask.
    pub secrets: Vec<Span>,
    /// The findings in `text` that a suppression hides (kept for SARIF).
    pub suppressed: Vec<crate::suppress::Suppressed>,
}

/// Why a file's fixes were discarded. Nothing of the file is changed in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixError {
    /// The fixes kept changing the file (or stopped changing it while still offered): a bug.
    NotConverging {
        rules: Vec<&'static str>,
        rounds: usize,
    },
    /// A rule's edits overlap each other, leave the text or split a character: a bug.
    InvalidEdits { rule: &'static str },
    /// The fixed text is not valid YAML where the input was.
    Unparsable {
        rules: Vec<&'static str>,
        line: usize,
        message: String,
    },
    /// The fixed text has an error-level finding the input did not have.
    NewErrors {
        rules: Vec<&'static str>,
        findings: Vec<(&'static str, String)>,
    },
    /// The file is not UTF-8: writing it back would change bytes no fix asked to change.
    NotUtf8,
}

fn rule_list(rules: &[&str]) -> String {
    rules
        .iter()
        .map(|r| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for FixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FixError::NotConverging { rules, rounds } => write!(
                f,
                "internal error: fixes from {} did not settle after {rounds} rounds; nothing was changed (please report this bug)",
                rule_list(rules)
            ),
            FixError::InvalidEdits { rule } => write!(
                f,
                "internal error: rule `{rule}` produced overlapping or out-of-range edits; nothing was changed (please report this bug)"
            ),
            FixError::Unparsable {
                rules,
                line,
                message,
            } => write!(
                f,
                "fixes from {} would leave invalid YAML (line {line}: {message}); nothing was changed",
                rule_list(rules)
            ),
            FixError::NewErrors { rules, findings } => {
                let (rule, message) = &findings[0];
                write!(
                    f,
                    "fixes from {} would introduce a new error ([{rule}] {message}); nothing was changed",
                    rule_list(rules)
                )
            }
            FixError::NotUtf8 => {
                write!(
                    f,
                    "the file is not valid UTF-8, so fixes are not applied to it"
                )
            }
        }
    }
}

impl std::error::Error for FixError {}

/// Lints `source` and applies its fixes (safe ones, and unsafe ones too when `unsafe_fixes`)
/// until none is left.
pub fn fix_source(
    source: &SourceFile,
    options: &LintOptions,
    unsafe_fixes: bool,
) -> Result<FixOutcome, FixError> {
    fix_with(source, unsafe_fixes, |file| lint(file, options))
}

/// The fix loop over any linter: `lint` is called once per round on the current text.
pub fn fix_with(
    source: &SourceFile,
    unsafe_fixes: bool,
    lint: impl Fn(&SourceFile) -> FileReport,
) -> Result<FixOutcome, FixError> {
    let wanted = |d: &Diagnostic| {
        d.fix
            .as_ref()
            .is_some_and(|fix| unsafe_fixes || fix.applicability == Applicability::Safe)
    };
    let first = lint(source);
    if !first.diagnostics.iter().any(wanted) {
        return Ok(FixOutcome {
            text: source.text.to_string(),
            applied: Vec::new(),
            remaining: first.diagnostics,
            secrets: first.secrets,
            suppressed: first.suppressed,
        });
    }
    if !source.is_utf8() {
        return Err(FixError::NotUtf8);
    }
    let input_errors = error_findings(&first.diagnostics);
    let mut syntax_errors = yaml::parse(&source.text).errors.len();
    let mut text = source.text.to_string();
    let mut report = first;
    let mut applied: Vec<AppliedFix> = Vec::new();
    let mut rounds: Vec<Vec<&'static str>> = Vec::new();
    loop {
        let chosen = choose(&text, &report.diagnostics, &wanted)?;
        if chosen.is_empty() {
            break;
        }
        let rules_now: Vec<&'static str> = dedup(chosen.iter().map(|d| d.rule));
        if rounds.len() == MAX_ROUNDS {
            let mut rules = rules_now;
            rules.extend(rounds.last().into_iter().flatten());
            return Err(FixError::NotConverging {
                rules: dedup(rules.into_iter()),
                rounds: MAX_ROUNDS,
            });
        }
        let edits: Vec<Edit> = chosen
            .iter()
            .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.iter().cloned()))
            .collect();
        let fixed = apply_edits(&text, &edits).map_err(|_| FixError::InvalidEdits {
            rule: chosen[0].rule,
        })?;
        if fixed == text {
            return Err(FixError::NotConverging {
                rules: rules_now,
                rounds: rounds.len() + 1,
            });
        }
        applied.extend(chosen.iter().filter_map(|d| {
            d.fix.as_ref().map(|fix| AppliedFix {
                rule: d.rule,
                applicability: fix.applicability,
                description: fix.description.clone(),
            })
        }));
        rounds.push(rules_now);
        let tree = yaml::parse(&fixed);
        if tree.errors.len() > syntax_errors {
            let error = &tree.errors[0];
            let line = fixed[..error.offset.min(fixed.len())].matches('\n').count() + 1;
            return Err(FixError::Unparsable {
                rules: applied_rules(&applied),
                line,
                message: error.message.clone(),
            });
        }
        syntax_errors = tree.errors.len();
        text = fixed;
        report = lint(&SourceFile::new(source.name.clone(), text.as_str()));
    }
    let mut before = input_errors;
    let mut new = Vec::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        match before.get_mut(&(d.rule, d.message.clone())) {
            Some(count) if *count > 0 => *count -= 1,
            _ => new.push((d.rule, d.message.clone())),
        }
    }
    if !new.is_empty() {
        return Err(FixError::NewErrors {
            rules: applied_rules(&applied),
            findings: new,
        });
    }
    Ok(FixOutcome {
        text,
        applied,
        remaining: report.diagnostics,
        secrets: report.secrets,
        suppressed: report.suppressed,
    })
}

fn dedup(rules: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for rule in rules {
        if !out.contains(&rule) {
            out.push(rule);
        }
    }
    out
}

fn applied_rules(applied: &[AppliedFix]) -> Vec<&'static str> {
    dedup(applied.iter().map(|a| a.rule))
}

/// Error-level findings as `(rule, message)` with their multiplicity.
fn error_findings(diagnostics: &[Diagnostic]) -> HashMap<(&'static str, String), usize> {
    let mut found = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        *found.entry((d.rule, d.message.clone())).or_insert(0) += 1;
    }
    found
}

/// The findings whose fixes go in this round: safe ones if any is left, else all wanted ones;
/// in report order, skipping a fix that touches one already taken.
fn choose<'d>(
    text: &str,
    diagnostics: &'d [Diagnostic],
    wanted: &impl Fn(&Diagnostic) -> bool,
) -> Result<Vec<&'d Diagnostic>, FixError> {
    let candidates: Vec<&Diagnostic> = diagnostics.iter().filter(|d| wanted(d)).collect();
    let any_safe = candidates.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    let mut taken: Vec<&Edit> = Vec::new();
    let mut chosen = Vec::new();
    for d in candidates {
        let Some(fix) = &d.fix else { continue };
        if any_safe && fix.applicability != Applicability::Safe {
            continue;
        }
        if check_edits(text, &fix.edits).is_err() {
            return Err(FixError::InvalidEdits { rule: d.rule });
        }
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| touches(e, t)));
        if !clashes {
            taken.extend(&fix.edits);
            chosen.push(d);
        }
    }
    Ok(chosen)
}

/// Two edits of different fixes that overlap or touch: their order would be ambiguous.
fn touches(a: &Edit, b: &Edit) -> bool {
    a.span.start <= b.span.end && b.span.start <= a.span.end
}

/// Edits that do not fit `text`: out of range, splitting a character, or overlapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidEdits;

fn check_edits(text: &str, edits: &[Edit]) -> Result<Vec<Edit>, InvalidEdits> {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut end = 0;
    for edit in &sorted {
        let span = edit.span;
        if span.start > span.end
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
            || span.start < end
        {
            return Err(InvalidEdits);
        }
        end = span.end;
    }
    Ok(sorted)
}

/// Applies non-overlapping edits; insertions at one offset keep their given order.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String, InvalidEdits> {
    let sorted = check_edits(text, edits)?;
    let mut out =
        String::with_capacity(text.len() + sorted.iter().map(|e| e.content.len()).sum::<usize>());
    let mut at = 0;
    for edit in &sorted {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.content);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;

    /// The fix loop over a fake linter.
    fn run(
        source: &SourceFile,
        unsafe_fixes: bool,
        lint: impl Fn(&SourceFile) -> Vec<Diagnostic>,
    ) -> Result<FixOutcome, FixError> {
        fix_with(source, unsafe_fixes, |file| FileReport {
            diagnostics: lint(file),
            suppressed: Vec::new(),
            is_kubeadm: true,
            secrets: Vec::new(),
        })
    }

    fn finding(
        rule: &'static str,
        severity: Severity,
        fix: Option<(Applicability, Vec<Edit>)>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message: format!("{rule} fired"),
            primary: Span::new(0, 0),
            primary_label: None,
            labels: Vec::new(),
            help: None,
            fix: fix.map(|(applicability, edits)| Fix {
                applicability,
                description: format!("fix {rule}"),
                edits,
            }),
        }
    }

    /// A fake rule: wherever `from` occurs, offer to replace it with `to`.
    fn replacing(
        text: &str,
        rule: &'static str,
        applicability: Applicability,
        from: &str,
        to: &str,
    ) -> Option<Diagnostic> {
        let at = text.find(from)?;
        Some(finding(
            rule,
            Severity::Warning,
            Some((
                applicability,
                vec![Edit::replace(Span::new(at, at + from.len()), to)],
            )),
        ))
    }

    #[test]
    fn applies_sorted_edits_and_refuses_overlaps() {
        let edits = [
            Edit::insert(4, "X"),
            Edit::replace(Span::new(0, 1), "b"),
            Edit::insert(4, "Y"),
        ];
        assert_eq!(apply_edits("a: 1\n", &edits).unwrap(), "b: 1XY\n");
        assert_eq!(
            apply_edits(
                "a: 1\n",
                &[Edit::delete(Span::new(0, 3)), Edit::delete(Span::new(2, 4))]
            ),
            Err(InvalidEdits)
        );
        assert_eq!(
            apply_edits("é", &[Edit::delete(Span::new(0, 1))]),
            Err(InvalidEdits)
        );
        assert_eq!(
            apply_edits("a", &[Edit::delete(Span::new(0, 2))]),
            Err(InvalidEdits)
        );
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let source = SourceFile::new("t.yaml", "a: old\n");
        let outcome = run(&source, false, |file| {
            // Both rules want the same bytes; the first wins, the second sees new text.
            [
                replacing(&file.text, "first", Applicability::Safe, "old", "new"),
                replacing(&file.text, "second", Applicability::Safe, "old", "other"),
                replacing(&file.text, "third", Applicability::Safe, "a:", "b:"),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
        .unwrap();
        assert_eq!(outcome.text, "b: new\n");
        let rules: Vec<_> = outcome.applied.iter().map(|a| a.rule).collect();
        assert_eq!(rules, ["first", "third"]);
        assert!(outcome.remaining.is_empty());
    }

    #[test]
    fn unsafe_fixes_need_the_flag_and_wait_for_safe_ones() {
        // `risky` is reported first, but as long as a safe fix is left it waits.
        let lint = |file: &SourceFile| -> Vec<Diagnostic> {
            [
                replacing(&file.text, "risky", Applicability::Unsafe, "z: 1", "z: 2"),
                replacing(&file.text, "tidy", Applicability::Safe, "K: v", "k: v"),
            ]
            .into_iter()
            .flatten()
            .collect()
        };
        let source = SourceFile::new("t.yaml", "K: v\nz: 1\n");
        let safe_only = run(&source, false, lint).unwrap();
        assert_eq!(safe_only.text, "k: v\nz: 1\n");
        assert_eq!(safe_only.remaining.len(), 1, "the unsafe fix is left");
        let both = run(&source, true, lint).unwrap();
        assert_eq!(both.text, "k: v\nz: 2\n");
        let rules: Vec<_> = both.applied.iter().map(|a| a.rule).collect();
        assert_eq!(rules, ["tidy", "risky"]);
    }

    #[test]
    fn a_fix_loop_that_never_settles_is_a_reported_bug() {
        let source = SourceFile::new("t.yaml", "a: x\n");
        let error = run(&source, false, |file| {
            [
                replacing(&file.text, "ping", Applicability::Safe, "x", "y"),
                replacing(&file.text, "pong", Applicability::Safe, "y", "x"),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
        .unwrap_err();
        assert_eq!(
            error,
            FixError::NotConverging {
                rules: vec!["ping", "pong"],
                rounds: MAX_ROUNDS
            }
        );
        assert!(error.to_string().contains("`ping`, `pong` did not settle"));
        // A fix that changes nothing but is offered again is the same bug.
        let error = run(&source, false, |file| {
            replacing(&file.text, "noop", Applicability::Safe, "x", "x")
                .into_iter()
                .collect()
        })
        .unwrap_err();
        assert_eq!(
            error,
            FixError::NotConverging {
                rules: vec!["noop"],
                rounds: 1
            }
        );
    }

    #[test]
    fn a_result_that_does_not_parse_is_discarded() {
        let source = SourceFile::new("t.yaml", "a: x\nb: y\n");
        let error = run(&source, false, |file| {
            replacing(&file.text, "breaker", Applicability::Safe, "x", "[x")
                .into_iter()
                .collect()
        })
        .unwrap_err();
        match error {
            FixError::Unparsable { rules, line, .. } => {
                assert_eq!(rules, ["breaker"]);
                assert!(line >= 1);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_result_with_a_new_error_is_discarded() {
        let source = SourceFile::new("t.yaml", "a: x\n");
        let lint = |file: &SourceFile| -> Vec<Diagnostic> {
            let mut found: Vec<Diagnostic> =
                replacing(&file.text, "changer", Applicability::Safe, "x", "z")
                    .into_iter()
                    .collect();
            if file.text.contains('z') {
                found.push(finding("checker", Severity::Error, None));
            }
            found
        };
        let error = run(&source, false, lint).unwrap_err();
        assert_eq!(
            error,
            FixError::NewErrors {
                rules: vec!["changer"],
                findings: vec![("checker", "checker fired".to_string())],
            }
        );
        // An error the input already had is no reason to discard.
        let lint_with_old_error = |file: &SourceFile| -> Vec<Diagnostic> {
            let mut found = lint(file);
            if file.text.contains('x') {
                found.push(finding("checker", Severity::Error, None));
            }
            found
        };
        assert_eq!(
            run(&source, false, lint_with_old_error).unwrap().text,
            "a: z\n"
        );
    }

    #[test]
    fn bad_edits_from_a_rule_are_a_reported_bug() {
        let source = SourceFile::new("t.yaml", "a: x\n");
        let error = run(&source, false, |_| {
            vec![finding(
                "sloppy",
                Severity::Warning,
                Some((Applicability::Safe, vec![Edit::delete(Span::new(2, 40))])),
            )]
        })
        .unwrap_err();
        assert_eq!(error, FixError::InvalidEdits { rule: "sloppy" });
    }

    #[test]
    fn undecodable_files_are_not_rewritten() {
        let source = SourceFile::from_bytes("t.yaml", b"a: x\xff\n".to_vec());
        let fixable = |file: &SourceFile| -> Vec<Diagnostic> {
            replacing(&file.text, "r", Applicability::Safe, "a", "b")
                .into_iter()
                .collect()
        };
        assert_eq!(run(&source, false, fixable).unwrap_err(), FixError::NotUtf8);
        // Nothing fixable: the text comes back as it was.
        assert!(
            run(&source, false, |_| Vec::new())
                .unwrap()
                .applied
                .is_empty()
        );
    }

    #[test]
    fn fixes_a_real_file_keeping_quotes_and_comments() {
        let text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: \"k8s.gcr.io\"   # legacy\n";
        let source = SourceFile::new("kubeadm.yaml", text);
        let outcome = fix_source(&source, &LintOptions::default(), false).unwrap();
        assert_eq!(
            outcome.text,
            "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nimageRepository: \"registry.k8s.io\"   # legacy\n"
        );
        assert_eq!(outcome.applied.len(), 1);
        assert_eq!(outcome.applied[0].rule, "k8s-gcr-io-frozen-registry");
        assert!(outcome.remaining.iter().all(|d| d.fix.is_none()));
    }
}
