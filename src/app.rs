//! Runs a parsed command line and returns the exit code (0 clean, 1 findings, 2 failure).

use std::io::{IsTerminal, Write};

use rayon::prelude::*;

use crate::cli::{CheckArgs, Cli, Command, ListFormat, OutputFormat};
use crate::diagnostic::Severity;
use crate::discover::{self, Input, InputError};
use crate::kubeadm::version::Version;
use crate::lint::LintOptions;
use crate::render::{self, FileResult, Summary};
use crate::rules::{self, RULES};

pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

/// Inputs larger than this are refused: no kubeadm configuration is anywhere near it.
pub(crate) const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Explain { rule } => explain(&rule),
        Command::Images(args) => crate::images_command::run(&args),
        Command::Rules { format } => list_rules(format),
        Command::Config(command) => crate::workflow::config_command(command),
        Command::Completions { shell } => crate::workflow::completions(shell),
        Command::Man { command } => crate::workflow::man(command.as_deref()),
    }
}

pub(crate) fn fail(message: impl std::fmt::Display) -> u8 {
    eprintln!("error: {message}");
    EXIT_FAILURE
}

fn check(args: CheckArgs) -> u8 {
    let mut resolver = match crate::workflow::resolver(&args) {
        Ok(resolver) => resolver,
        Err(error) => return crate::workflow::fail_setup(error),
    };
    let (inputs, mut errors) = discover::expand(&args.paths);
    let planned = match crate::workflow::plan(&mut resolver, inputs, &args.stdin_filename) {
        Ok(planned) => planned,
        Err(error) => return crate::workflow::fail_setup(error),
    };
    let outcomes: Vec<Result<(FileResult, Severity), InputError>> = planned
        .par_iter()
        .map(|(input, settings)| {
            check_input(input, &args, &settings.lint).map(|r| (r, settings.fail_on))
        })
        .collect();
    let mut results = Vec::new();
    let mut failing = 0;
    for outcome in outcomes {
        match outcome {
            Ok((result, fail_on)) => {
                failing += Summary::of(std::slice::from_ref(&result)).at_least(fail_on);
                results.push(result);
            }
            Err(error) => errors.push(error),
        }
    }
    results.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    let error_texts: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let output = render_report(
        args.format,
        &results,
        &error_texts,
        std::io::stdout().is_terminal(),
    );
    let mut stdout = std::io::stdout().lock();
    match &args.output_file {
        Some(path) => {
            if let Err(error) = std::fs::write(path, output.as_bytes()) {
                return fail(format!("cannot write {}: {error}", path.display()));
            }
            let human = render_report(
                OutputFormat::Human,
                &results,
                &error_texts,
                std::io::stdout().is_terminal(),
            );
            let _ = stdout.write_all(human.as_bytes());
        }
        None => {
            let _ = stdout.write_all(output.as_bytes());
        }
    }
    let _ = stdout.flush();
    for error in &errors {
        eprintln!("error: {error}");
    }
    let summary = Summary::of(&results);
    if !errors.is_empty() {
        EXIT_FAILURE
    } else if args.exit_zero {
        EXIT_CLEAN
    } else if failing > 0 || (args.exit_non_zero_on_fix && summary.fixed > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The findings in `format`; human output is coloured only for a terminal that wants colour.
fn render_report(
    format: OutputFormat,
    results: &[FileResult],
    errors: &[String],
    terminal: bool,
) -> String {
    match format {
        OutputFormat::Human => {
            let style = if terminal && std::env::var_os("NO_COLOR").is_none() {
                render::human::Style::Color
            } else {
                render::human::Style::Plain
            };
            render::human::render(results, style, terminal_width())
        }
        OutputFormat::Concise => render::concise::render(results),
        OutputFormat::Json => render::json::render(results),
        OutputFormat::Sarif => render::sarif::render(results, errors),
        OutputFormat::Github => render::github::render(results),
        OutputFormat::Gitlab => render::gitlab::render(results),
    }
}

fn check_input(
    input: &Input,
    args: &CheckArgs,
    options: &LintOptions,
) -> Result<FileResult, InputError> {
    let source = discover::read(input, &args.stdin_filename, MAX_INPUT_BYTES)?;
    let report = crate::lint::lint(&source, options);
    Ok(FileResult {
        source,
        diagnostics: report.diagnostics,
        suppressed: report.suppressed,
        fixed: 0,
        secrets: report.secrets,
    })
}

/// Parses a `--kubernetes-version`/`--kubeadm-version` value.
pub(crate) fn parse_version(flag: &str, text: &Option<String>) -> Result<Option<Version>, String> {
    match text {
        None => Ok(None),
        Some(text) => Version::parse(text)
            .map(Some)
            .ok_or_else(|| format!("{flag} `{text}` is not a version such as 1.37.0")),
    }
}

pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn explain(name: &str) -> u8 {
    match rules::find(name) {
        Some(rule) => {
            let style = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            {
                render::page::Style::Terminal {
                    width: terminal_width(),
                }
            } else {
                render::page::Style::Plain
            };
            print!("{}", render::page::render(rule.page, style));
            EXIT_CLEAN
        }
        None => fail(format!("unknown rule `{name}` (see `kubeadm-lint rules`)")),
    }
}

fn list_rules(format: ListFormat) -> u8 {
    match format {
        ListFormat::Text => {
            let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for rule in RULES {
                println!(
                    "{:width$}  {:7}  {:11}  {}",
                    rule.name,
                    rule.severity.as_str(),
                    rule.fix.as_str(),
                    rule.summary
                );
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|rule| {
                    serde_json::json!({
                        "name": rule.name,
                        "summary": rule.summary,
                        "severity": rule.severity.as_str(),
                        "fix": rule.fix.as_str(),
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).expect("plain data serialises")
            );
        }
    }
    EXIT_CLEAN
}
