//! Runs a parsed command line and returns the exit code (0 clean, 1 findings, 2 failure).

use std::io::{IsTerminal, Write};

use rayon::prelude::*;

use crate::cli::{CheckArgs, Cli, Command, ListFormat, OutputFormat};
use crate::diagnostic::Severity;
use crate::discover::{self, Input, InputError};
use crate::fix::run::{self, FixSettings, FixedInput, Output};
use crate::fix::write::AtomicWriter;
use crate::internal_error;
use crate::kubeadm::version::Version;
use crate::lint::LintOptions;
use crate::render::{self, FileResult, Renderer, Summary};
use crate::rules::{self, RULES};
use crate::settings::FileSettings;
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
        Command::Config(command) => crate::workflow::config_command(command),
        Command::Completions { shell } => crate::workflow::completions(shell),
        Command::Man { command } => crate::workflow::man(command.as_deref()),
    }
}

/// Writes a command's whole output and returns `code`. A reader that went away (`| head`) is
/// not a failure; any other failure to write is, rather than a silently cut output.
pub(crate) fn print_out(text: impl AsRef<[u8]>, code: u8) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_ref())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => code,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(error) => fail(format!("cannot write to standard output: {error}")),
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
    let fixing = fix_settings(&args);
    let (mut inputs, mut errors) = discover::expand(&args.paths);
    if fixing.is_some() {
        inputs = run::distinct_files(inputs);
    }
    let planned = match crate::workflow::plan(&mut resolver, inputs, &args.stdin_filename) {
        Ok(planned) => planned,
        Err(error) => return crate::workflow::fail_setup(error),
    };
    // Reporting in a format that can be written file by file streams; fixing, SARIF, the
    // GitHub and GitLab formats and --output-file need every result first.
    let streams = matches!(
        args.format,
        OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json
    );
    if fixing.is_none() && streams && args.output_file.is_none() {
        return report(&args, &planned, errors);
    }
    if let Some(threads) = args.threads {
        use_threads(threads.get());
    }
    let writer = AtomicWriter::new();
    let outcomes: Vec<Result<(FixedInput, Severity), InputError>> = planned
        .par_iter()
        .map(|(input, settings)| {
            // A bug met in one file is reported for it; the other files are still checked.
            internal_error::catch(|| check_input(input, &args, &settings.lint, fixing, &writer))
                .unwrap_or_else(|message| {
                    Err(InputError {
                        path: input.name(&args.stdin_filename),
                        message,
                    })
                })
                .map(|checked| (checked, settings.fail_on))
        })
        .collect();
    let mut checked = Vec::new();
    let mut failing = 0;
    for outcome in outcomes {
        match outcome {
            Ok((item, fail_on)) => {
                failing += Summary::of(std::slice::from_ref(&item.result)).at_least(fail_on);
                checked.push(item);
            }
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
        if let Some(settings) = fixing {
            applied.push_str(&run::applied_lines(name, &item.applied, settings.output));
        }
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
    let report_to_stdout = match fixing {
        None => true,
        Some(settings) => settings.output == Output::Write && document.is_none(),
    };
    let terminal = if report_to_stdout {
        std::io::stdout().is_terminal()
    } else {
        std::io::stderr().is_terminal()
    };
    let error_texts: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    // With --output-file the report goes there (never coloured), and people get the human one
    // where it would have gone.
    let to_file = args.output_file.is_some();
    let mut report = render_report(
        args.format,
        &results,
        &error_texts,
        terminal && !to_file,
        args.diff,
    );
    if let Some(path) = &args.output_file {
        if let Err(error) = std::fs::write(path, report.as_bytes()) {
            return fail(format!("cannot write {}: {error}", path.display()));
        }
        report = render_report(
            OutputFormat::Human,
            &results,
            &error_texts,
            terminal,
            args.diff,
        );
    }
    if args.format == OutputFormat::Github {
        crate::workflow::append_step_summary(&results);
    }
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

/// Files checked between two writes to standard output: enough to keep every thread busy,
/// few enough that the findings waiting to be written stay small.
const CHUNK: usize = 512;

/// Read buffers above this size are not kept for the next file.
const KEEP_BUFFER_BYTES: usize = 1024 * 1024;

thread_local! {
    /// Each thread reads every file into the same buffer; only kubeadm files are copied out.
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Sizes rayon's pool. Only fails when the pool already runs (a library caller set it up):
/// that one is kept.
fn use_threads(threads: usize) {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
}

/// `check` without fixing, in a format written file by file: files are checked in parallel
/// in chunks, in the order they are reported (by name; a file named twice is reported twice),
/// and each file's findings are rendered on its thread and written as soon as its chunk is
/// done. Nothing of a file without findings outlives its check.
fn report(args: &CheckArgs, planned: &[(Input, FileSettings)], mut errors: Vec<InputError>) -> u8 {
    let mut order: Vec<(String, usize)> = planned
        .iter()
        .enumerate()
        .map(|(index, (input, _))| (input.name(&args.stdin_filename), index))
        .collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    let threads = args.threads.map(std::num::NonZeroUsize::get);
    let parallel = order.len() > 1 && threads != Some(1);
    if let (true, Some(threads)) = (parallel, threads) {
        use_threads(threads);
    }
    let renderer = match args.format {
        OutputFormat::Concise => Renderer::Concise,
        OutputFormat::Json => Renderer::Json,
        _ => {
            let terminal = std::io::stdout().is_terminal();
            let style = if terminal && std::env::var_os("NO_COLOR").is_none() {
                render::human::Style::Color
            } else {
                render::human::Style::Plain
            };
            Renderer::human(style, terminal_width(), args.diff)
        }
    };
    let check_one = |(name, index): &(String, usize)| {
        let (input, settings) = &planned[*index];
        check_streamed(input, name, args, &settings.lint, &renderer)
            .map(|(counts, text)| (counts.at_least(settings.fail_on), counts, text))
    };
    let stdout = std::io::stdout();
    let mut output = renderer.output(std::io::BufWriter::with_capacity(64 * 1024, stdout.lock()));
    let mut read_errors = Vec::new();
    let mut failing = 0;
    for chunk in order.chunks(CHUNK) {
        let outcomes: Vec<Result<(usize, Summary, String), InputError>> = if parallel {
            chunk.par_iter().map(check_one).collect()
        } else {
            chunk.iter().map(check_one).collect()
        };
        for ((_, index), outcome) in chunk.iter().zip(outcomes) {
            match outcome {
                // A closed standard output is not a reason to stop checking: the exit code
                // still tells.
                Ok((fails, counts, text)) => {
                    failing += fails;
                    let _ = output.file(&counts, &text);
                }
                Err(error) => read_errors.push((*index, error)),
            }
        }
    }
    let _ = output.finish();
    // Errors in the order the inputs were given.
    read_errors.sort_by_key(|(index, _)| *index);
    errors.extend(read_errors.into_iter().map(|(_, error)| error));
    let mut stderr = std::io::stderr().lock();
    for error in &errors {
        let _ = writeln!(stderr, "error: {error}");
    }
    if !errors.is_empty() {
        EXIT_FAILURE
    } else if args.exit_zero || failing == 0 {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    }
}

/// Reads, checks and renders one input: its counts for the summary, and its findings as text
/// (empty when there are none).
fn check_streamed(
    input: &Input,
    name: &str,
    args: &CheckArgs,
    options: &LintOptions,
    renderer: &Renderer,
) -> Result<(Summary, String), InputError> {
    READ_BUFFER.with_borrow_mut(|buffer| {
        let read = discover::read_into(input, &args.stdin_filename, MAX_INPUT_BYTES, buffer);
        let outcome = read.and_then(|()| {
            // Most YAML in a repository is not kubeadm's: turn it away before copying,
            // decoding or indexing it.
            if !crate::lint::may_be_kubeadm_bytes(buffer) {
                return Ok((Summary::clean_file(), String::new()));
            }
            // A bug met in one file is reported for it; the other files are still checked.
            internal_error::catch(|| {
                let source = SourceFile::from_slice(name, buffer);
                let report = crate::lint::lint(&source, options);
                let result = FileResult::checked(source, report);
                (Summary::of_file(&result), renderer.file(&result))
            })
            .map_err(|message| InputError {
                path: name.to_string(),
                message,
            })
        });
        if buffer.capacity() > KEEP_BUFFER_BYTES {
            *buffer = Vec::new();
        }
        outcome
    })
}

/// The findings in `format`; human output is coloured only for a terminal that wants colour.
fn render_report(
    format: OutputFormat,
    results: &[FileResult],
    errors: &[String],
    terminal: bool,
    dry_run: bool,
) -> String {
    match format {
        OutputFormat::Human => {
            let style = if terminal && std::env::var_os("NO_COLOR").is_none() {
                render::human::Style::Color
            } else {
                render::human::Style::Plain
            };
            render::human::render(results, style, terminal_width(), dry_run)
        }
        OutputFormat::Concise => render::concise::render(results),
        OutputFormat::Json => render::json::render(results),
        OutputFormat::Sarif => render::sarif::render(results, errors),
        OutputFormat::Github => render::github::render(results),
        OutputFormat::Gitlab => render::gitlab::render(results),
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

fn check_input(
    input: &Input,
    args: &CheckArgs,
    options: &LintOptions,
    fixing: Option<FixSettings>,
    writer: &AtomicWriter,
) -> Result<FixedInput, InputError> {
    let source = discover::read(input, &args.stdin_filename, MAX_INPUT_BYTES)?;
    if let Some(settings) = fixing {
        return Ok(run::fix_input(input, source, options, settings, writer));
    }
    let report = crate::lint::lint(&source, options);
    Ok(FixedInput {
        result: FileResult::checked(source, report),
        applied: Vec::new(),
        diff: None,
        document: None,
        error: None,
    })
}

/// The versions given with `--kubernetes-version` and `--kubeadm-version`, or why one is not
/// a version.
pub(crate) fn version_flags(
    kubernetes: &Option<String>,
    kubeadm: &Option<String>,
) -> Result<crate::kubeadm::VersionOptions, String> {
    Ok(crate::kubeadm::VersionOptions {
        kubernetes: parse_version("--kubernetes-version", kubernetes)?,
        kubeadm: parse_version("--kubeadm-version", kubeadm)?,
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
            print_out(render::page::render(rule.page, style), EXIT_CLEAN)
        }
        None => fail(format!("unknown rule `{name}` (see `kubeadm-lint rules`)")),
    }
}

fn list_rules(format: ListFormat) -> u8 {
    let text = match format {
        ListFormat::Text => {
            let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
            let mut text = String::new();
            for rule in RULES {
                text.push_str(&format!(
                    "{:width$}  {:7}  {:11}  {}\n",
                    rule.name,
                    rule.severity.as_str(),
                    rule.fix.as_str(),
                    rule.summary
                ));
            }
            text
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
            let json = serde_json::to_string_pretty(&list).expect("plain data serialises");
            format!("{json}\n")
        }
    };
    print_out(text, EXIT_CLEAN)
}
