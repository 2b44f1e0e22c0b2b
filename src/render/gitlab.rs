//! GitLab Code Quality: a JSON array of issues (`description`, `check_name`, `fingerprint`,
//! `severity`, `location`). Severities: error is `critical`, warning `major`, info `info`.
//! Fingerprints hash the path, the rule and the YAML key path, so an issue keeps its identity
//! in merge-request widgets when lines are inserted above it.

use serde::Serialize;

use super::FileResult;
use super::locate::{self, Locator, report_path};
use crate::diagnostic::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    positions: Positions,
}

#[derive(Serialize)]
struct Positions {
    begin: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

pub fn render(results: &[FileResult]) -> String {
    let mut issues = Vec::new();
    for result in results {
        if result.diagnostics.is_empty() {
            continue;
        }
        let locator = Locator::new(&result.source);
        let path = report_path(&result.source.name);
        let fingerprints = locate::fingerprints(&locator, &result.diagnostics);
        for (d, fingerprint) in result.diagnostics.iter().zip(fingerprints) {
            let (line, column) = result.source.line_col(d.primary.start);
            let (end_line, end_column) = result.source.line_col(d.primary.end);
            let mut description = d.message.clone();
            if let Some(help) = &d.help {
                description.push_str("\nhelp: ");
                description.push_str(help);
            }
            issues.push(Issue {
                description,
                check_name: d.rule,
                fingerprint: locate::hash_hex(&format!("{path}\u{0}{fingerprint}")),
                severity: match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "info",
                },
                location: Location {
                    path: path.clone(),
                    positions: Positions {
                        begin: Position { line, column },
                        end: Position {
                            line: end_line,
                            column: end_column,
                        },
                    },
                },
            });
        }
    }
    let mut text = serde_json::to_string_pretty(&issues).expect("plain data serialises");
    text.push('\n');
    text
}
