//! The JSON contract of DESIGN.md: one object, `version: 1`.
//!
//! Written in pieces (a file's diagnostics at a time) that add up to exactly what
//! `serde_json::to_string_pretty` gives for the whole object, so a run over thousands of files
//! never holds them all.

use serde::Serialize;

use super::{FileResult, Summary};
use crate::diagnostic::Diagnostic;

/// Everything before the first diagnostic.
pub(crate) const HEAD: &str = "{\n  \"version\": 1,\n  \"diagnostics\": [\n";

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixed: usize,
}

/// One finding as the contract's JSON object.
fn json_diagnostic<'r>(result: &'r FileResult, d: &'r Diagnostic) -> JsonDiagnostic<'r> {
    let (line, column) = result.source.line_col(d.primary.start);
    let (end_line, end_column) = result.source.line_col(d.primary.end);
    JsonDiagnostic {
        path: &result.source.name,
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        line,
        column,
        end_line,
        end_column,
        fix: d.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability.as_str(),
            description: &fix.description,
        }),
    }
}

/// The diagnostics of one file as elements of the `diagnostics` array, comma-separated.
pub(crate) fn file(result: &FileResult) -> String {
    let mut out = String::new();
    for (i, d) in result.diagnostics.iter().enumerate() {
        let diagnostic = json_diagnostic(result, d);
        if i > 0 {
            out.push_str(",\n");
        }
        push_indented(&mut out, &pretty(&diagnostic), "    ", true);
    }
    out
}

/// Closes the array (`any`: some diagnostic was written after [`HEAD`]) and the object.
pub(crate) fn tail(any: bool, s: &Summary) -> String {
    let mut out = if any {
        "\n  ],\n".to_string()
    } else {
        format!("{}],\n", HEAD.trim_end_matches('\n'))
    };
    out.push_str("  \"summary\": ");
    let summary = JsonSummary {
        files: s.files,
        errors: s.errors,
        warnings: s.warnings,
        infos: s.infos,
        fixed: s.fixed,
    };
    push_indented(&mut out, &pretty(&summary), "  ", false);
    out.push_str("\n}\n");
    out
}

pub fn render(results: &[FileResult]) -> String {
    super::Renderer::Json.render(results)
}

fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("plain data serialises")
}

/// Appends `text` with every line indented (the first only when `first` is set). JSON strings
/// never hold a raw line break, so this nests a pretty-printed value exactly as serde_json would.
fn push_indented(out: &mut String, text: &str, indent: &str, first: bool) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i > 0 || first {
            out.push_str(indent);
        }
        out.push_str(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
    use crate::source::SourceFile;
    use crate::yaml::Span;

    #[derive(Serialize)]
    struct Whole<'a> {
        version: u32,
        diagnostics: Vec<JsonDiagnostic<'a>>,
        summary: JsonSummary,
    }

    /// The whole object serialised in one go, as the renderer did before it streamed.
    fn reference(results: &[FileResult]) -> String {
        let mut diagnostics = Vec::new();
        for result in results {
            for d in &result.diagnostics {
                diagnostics.push(json_diagnostic(result, d));
            }
        }
        let s = Summary::of(results);
        let whole = Whole {
            version: 1,
            diagnostics,
            summary: JsonSummary {
                files: s.files,
                errors: s.errors,
                warnings: s.warnings,
                infos: s.infos,
                fixed: s.fixed,
            },
        };
        pretty(&whole) + "\n"
    }

    fn result(name: &str, diagnostics: Vec<Diagnostic>) -> FileResult {
        FileResult {
            source: SourceFile::new(name, "a: \"\u{e9}\\n\"\nb: 2\n"),
            diagnostics,
            suppressed: Vec::new(),
            fixed: 0,
            secrets: Vec::new(),
        }
    }

    fn diagnostic(at: usize, fix: bool) -> Diagnostic {
        Diagnostic {
            rule: "yaml-syntax",
            severity: Severity::Warning,
            message: "a \"quoted\"\nline\tbreak".into(),
            primary: Span::new(at, at + 1),
            primary_label: None,
            labels: Vec::new(),
            help: None,
            fix: fix.then(|| Fix {
                applicability: Applicability::Unsafe,
                description: "x".into(),
                edits: Vec::new(),
            }),
        }
    }

    #[test]
    fn pieces_add_up_to_one_pretty_object() {
        let cases = vec![
            vec![],
            vec![result("clean.yaml", vec![])],
            vec![
                result("a.yaml", vec![diagnostic(0, true), diagnostic(9, false)]),
                result("b.yaml", vec![]),
                result("c.yaml", vec![diagnostic(3, false)]),
            ],
        ];
        for results in cases {
            assert_eq!(render(&results), reference(&results));
        }
    }
}
