//! Runs a parsed command line and returns the exit code (0 clean, 1 findings, 2 failure).

use std::io::{IsTerminal, Write};

use rayon::prelude::*;

use crate::cli::{CheckArgs, Cli, Command, ListFormat, OutputFormat};
use crate::discover::{self, Input, InputError};
use crate::fix::run::{self, FixSettings, FixedInput, Output};
use crate::fix::write::AtomicWriter;
use crate::kubeadm::VersionOptions;
use crate::kubeadm::version::Version;
use crate::lint::{LintOptions, RuleSelection};
use crate::render::{self, FileResult, Renderer, Summary};
use crate::rules::{self, RULES};
use crate::source::SourceFile;

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
        Command::Migrate(args) => crate::migrate_command::run(&args),
        Command::Rules { format } => list_rules(format),
    }
}

pub(crate) fn fail(message: impl std::fmt::Display) -> u8 {
    eprintln!("error: {message}");
    EXIT_FAILURE
}

/// Files checked between two writes to standard output: enough to keep every thread busy,
/// few enough that the findings waiting to be written stay small.
const CHUNK: usize = 2048;

/// Read buffers above this size are not kept for the next file.
const KEEP_BUFFER_BYTES: usize = 1024 * 1024;

thread_local! {
    /// Each thread reads every file into the same buffer; only kubeadm files are copied out.
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn check(args: CheckArgs) -> u8 {
    let options = match lint_options(&args) {
        Ok(options) => options,
        Err(message) => return fail(message),
    };
    let (inputs, errors) = discover::expand(&args.paths);
    match fix_settings(&args) {
        None => report(&args, &options, inputs, errors),
        Some(settings) => {
            if let Some(threads) = args.threads {
                use_threads(threads.get());
            }
            fix(&args, &options, settings, inputs, errors)
        }
    }
}

/// Sizes rayon's pool. Only fails when the pool already runs (a library caller set it up):
/// that one is kept.
fn use_threads(threads: usize) {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
}

/// `check` without fixing: files are checked in parallel in chunks, in the order they are
/// reported (by name; a file named twice is reported twice), and each file's findings are
/// rendered on its thread and written as soon as its chunk is done. Nothing of a file without
/// findings outlives its check.
fn report(
    args: &CheckArgs,
    options: &LintOptions,
    inputs: Vec<Input>,
    mut errors: Vec<InputError>,
) -> u8 {
    let mut order: Vec<(String, usize)> = inputs
        .iter()
        .enumerate()
        .map(|(index, input)| (input.name(&args.stdin_filename), index))
        .collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    let threads = args.threads.map(std::num::NonZeroUsize::get);
    let parallel = order.len() > 1 && threads != Some(1);
    if let (true, Some(threads)) = (parallel, threads) {
        use_threads(threads);
    }
    let renderer = renderer(args.format);
    let check_one = |(name, index): &(String, usize)| {
        check_input(&inputs[*index], name, args, options, &renderer)
    };
    let stdout = std::io::stdout();
    let mut output = renderer.output(std::io::BufWriter::with_capacity(64 * 1024, stdout.lock()));
    let mut read_errors = Vec::new();
    for chunk in order.chunks(CHUNK) {
        let outcomes: Vec<Result<(Summary, String), InputError>> = if parallel {
            chunk.par_iter().map(check_one).collect()
        } else {
            chunk.iter().map(check_one).collect()
        };
        for ((_, index), outcome) in chunk.iter().zip(outcomes) {
            match outcome {
                // A closed standard output is not a reason to stop checking: the exit code
                // still tells.
                Ok((counts, text)) => {
                    let _ = output.file(&counts, &text);
                }
                Err(error) => read_errors.push((*index, error)),
            }
        }
    }
    let summary = *output.summary();
    let _ = output.finish();
    // Errors in the order the inputs were given.
    read_errors.sort_by_key(|(index, _)| *index);
    errors.extend(read_errors.into_iter().map(|(_, error)| error));
    let mut stderr = std::io::stderr().lock();
    for error in &errors {
        let _ = writeln!(stderr, "error: {error}");
    }
    exit_code(&errors, &summary, args)
}

fn exit_code(errors: &[InputError], summary: &Summary, args: &CheckArgs) -> u8 {
    if !errors.is_empty() {
        EXIT_FAILURE
    } else if summary.has_failures() && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The renderer for [`report`], coloured only for a terminal that wants colour.
fn renderer(format: OutputFormat) -> Renderer {
    match format {
        OutputFormat::Human => Renderer::human(
            human_style(std::io::stdout().is_terminal()),
            terminal_width(),
            false,
        ),
        OutputFormat::Concise => Renderer::Concise,
        OutputFormat::Json => Renderer::Json,
    }
}

fn human_style(terminal: bool) -> render::human::Style {
    if terminal && std::env::var_os("NO_COLOR").is_none() {
        render::human::Style::Color
    } else {
        render::human::Style::Plain
    }
}

/// Reads, checks and renders one input: its counts for the summary, and its findings as text
/// (empty when there are none).
fn check_input(
    input: &Input,
    name: &str,
    args: &CheckArgs,
    options: &LintOptions,
    renderer: &Renderer,
) -> Result<(Summary, String), InputError> {
    READ_BUFFER.with_borrow_mut(|buffer| {
        let read = discover::read_into(input, &args.stdin_filename, MAX_INPUT_BYTES, buffer);
        let outcome = read.map(|()| {
            // Most YAML in a repository is not kubeadm's: turn it away before copying,
            // decoding or indexing it.
            if !crate::lint::may_be_kubeadm_bytes(buffer) {
                return (Summary::clean_file(), String::new());
            }
            let source = SourceFile::from_slice(name, buffer);
            let report = crate::lint::lint(&source, options);
            let result = FileResult {
                source,
                diagnostics: report.diagnostics,
                fixed: 0,
                secrets: report.secrets,
            };
            (Summary::of_file(&result), renderer.file(&result))
        });
        if buffer.capacity() > KEEP_BUFFER_BYTES {
            *buffer = Vec::new();
        }
        outcome
    })
}

/// `check --fix`, `--unsafe-fixes` or `--diff`: every file is fixed (or diffed), then the
/// report, the diff or the fixed standard input is written.
fn fix(
    args: &CheckArgs,
    options: &LintOptions,
    settings: FixSettings,
    inputs: Vec<Input>,
    mut errors: Vec<InputError>,
) -> u8 {
    let inputs = run::distinct_files(inputs);
    let writer = AtomicWriter::new();
    let outcomes: Vec<Result<FixedInput, InputError>> = inputs
        .par_iter()
        .map(|input| {
            let source = discover::read(input, &args.stdin_filename, MAX_INPUT_BYTES)?;
            Ok(run::fix_input(input, source, options, settings, &writer))
        })
        .collect();
    let mut checked = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(result) => checked.push(result),
            Err(error) => errors.push(error),
        }
    }
    checked.sort_by(|a, b| a.result.source.name.cmp(&b.result.source.name));

    let mut applied = String::new();
    let mut diffs = String::new();
    let mut document = None;
    let mut results = Vec::with_capacity(checked.len());
    for item in checked {
        let name = &item.result.source.name;
        applied.push_str(&run::applied_lines(name, &item.applied, settings.output));
        if let Some(message) = item.error {
            errors.push(InputError {
                path: name.clone(),
                message,
            });
        }
        diffs.push_str(item.diff.as_deref().unwrap_or_default());
        if item.document.is_some() {
            document = item.document;
        }
        results.push(item.result);
    }
    // stdout carries exactly one thing: the report, the diff, or the fixed standard input.
    let report_to_stdout = settings.output == Output::Write && document.is_none();
    let report = render_report(args, &results, report_to_stdout);
    let stdout_bytes = if report_to_stdout {
        report.as_bytes()
    } else if let Some(document) = &document {
        document.as_slice()
    } else {
        diffs.as_bytes()
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(stdout_bytes);
    let _ = stdout.flush();
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(applied.as_bytes());
    if !report_to_stdout {
        let _ = stderr.write_all(report.as_bytes());
    }
    for error in &errors {
        let _ = writeln!(stderr, "error: {error}");
    }
    exit_code(&errors, &Summary::of(&results), args)
}

/// The findings of a fixing run in the chosen format, coloured only for a terminal that wants
/// colour.
fn render_report(args: &CheckArgs, results: &[FileResult], to_stdout: bool) -> String {
    match args.format {
        OutputFormat::Human => {
            let terminal = if to_stdout {
                std::io::stdout().is_terminal()
            } else {
                std::io::stderr().is_terminal()
            };
            render::human::render(results, human_style(terminal), terminal_width(), args.diff)
        }
        OutputFormat::Concise => render::concise::render(results),
        OutputFormat::Json => render::json::render(results),
    }
}

/// `--fix`, `--unsafe-fixes` and `--diff`: what to do with fixes, or `None` to only report.
fn fix_settings(args: &CheckArgs) -> Option<FixSettings> {
    let output = if args.diff {
        Output::Diff
    } else if args.fix || args.unsafe_fixes {
        Output::Write
    } else {
        return None;
    };
    Some(FixSettings {
        output,
        unsafe_fixes: args.unsafe_fixes,
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
