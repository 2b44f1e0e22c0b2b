//! Runs a parsed command line and returns the exit code (0 clean, 1 findings, 2 failure).

use std::io::{IsTerminal, Write};

use rayon::prelude::*;

use crate::cli::{CheckArgs, Cli, Command, ListFormat, OutputFormat};
use crate::discover::{self, Input, InputError};
use crate::kubeadm::VersionOptions;
use crate::kubeadm::version::Version;
use crate::lint::{LintOptions, RuleSelection};
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
    }
}

pub(crate) fn fail(message: impl std::fmt::Display) -> u8 {
    eprintln!("error: {message}");
    EXIT_FAILURE
}

fn check(args: CheckArgs) -> u8 {
    let options = match lint_options(&args) {
        Ok(options) => options,
        Err(message) => return fail(message),
    };
    let (inputs, mut errors) = discover::expand(&args.paths);
    let outcomes: Vec<Result<FileResult, InputError>> = inputs
        .par_iter()
        .map(|input| check_input(input, &args, &options))
        .collect();
    let mut results = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(result) => results.push(result),
            Err(error) => errors.push(error),
        }
    }
    results.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    let output = match args.format {
        OutputFormat::Human => {
            let style = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            {
                render::human::Style::Color
            } else {
                render::human::Style::Plain
            };
            let width = terminal_width();
            render::human::render(&results, style, width)
        }
        OutputFormat::Concise => render::concise::render(&results),
        OutputFormat::Json => render::json::render(&results),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    for error in &errors {
        eprintln!("error: {error}");
    }
    let summary = Summary::of(&results);
    if !errors.is_empty() {
        EXIT_FAILURE
    } else if summary.has_failures() && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
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

fn lint_options(args: &CheckArgs) -> Result<LintOptions, String> {
    for name in args.select.iter().flatten().chain(&args.ignore) {
        if rules::find(name).is_none() {
            return Err(format!("unknown rule `{name}` (see `kubeadm-lint rules`)"));
        }
    }
    Ok(LintOptions {
        versions: VersionOptions {
            kubernetes: parse_version("--kubernetes-version", &args.kubernetes_version)?,
            kubeadm: parse_version("--kubeadm-version", &args.kubeadm_version)?,
        },
        rules: RuleSelection {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
        },
        ..LintOptions::default()
    })
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn explain(name: &str) -> u8 {
    match rules::find(name) {
        Some(rule) => {
            print!("{}", rule.page);
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
