//! The JSON contract of DESIGN.md: one object, `version: 1`.

use serde::Serialize;

use super::{FileResult, Summary};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

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

pub fn render(results: &[FileResult]) -> String {
    let mut diagnostics = Vec::new();
    for result in results {
        for d in &result.diagnostics {
            let (line, column) = result.source.line_col(d.primary.start);
            let (end_line, end_column) = result.source.line_col(d.primary.end);
            diagnostics.push(JsonDiagnostic {
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
            });
        }
    }
    let s = Summary::of(results);
    let output = Output {
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
    let mut text = serde_json::to_string_pretty(&output).expect("plain data serialises");
    text.push('\n');
    text
}
