//! Runs a parsed command line and returns the exit code (0 clean, 1 findings, 2 failure).

use std::io::IsTerminal;

use rayon::prelude::*;

use crate::cli::{CheckArgs, Cli, Command, ListFormat, OutputFormat};
use crate::discover::{self, Input, InputError};
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
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Explain { rule } => explain(&rule),
        Command::Rules { format } => list_rules(format),
    }
}

fn fail(message: impl std::fmt::Display) -> u8 {
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
    let (inputs, mut errors) = discover::expand(&args.paths);
    // Files are reported sorted by name; a file named twice is reported twice.
    let mut order: Vec<(String, usize)> = inputs
        .iter()
        .enumerate()
        .map(|(index, input)| (input.name(&args.stdin_filename), index))
        .collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    let threads = args.threads.map(std::num::NonZeroUsize::get);
    let parallel = order.len() > 1 && threads != Some(1);
    if let (true, Some(threads)) = (parallel, threads) {
        // Only fails when the pool already runs (a library caller set it up): keep that one.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    let renderer = renderer(args.format);
    let check_one = |(name, index): &(String, usize)| {
        check_input(&inputs[*index], name, &args, &options, &renderer)
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
    for error in &errors {
        eprintln!("error: {error}");
    }
    if !errors.is_empty() {
        EXIT_FAILURE
    } else if summary.has_failures() && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn renderer(format: OutputFormat) -> Renderer {
    match format {
        OutputFormat::Human => {
            let style = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            {
                render::human::Style::Color
            } else {
                render::human::Style::Plain
            };
            Renderer::human(style, terminal_width())
        }
        OutputFormat::Concise => Renderer::Concise,
        OutputFormat::Json => Renderer::Json,
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
            };
            (Summary::of_file(&result), renderer.file(&result))
        });
        if buffer.capacity() > KEEP_BUFFER_BYTES {
            *buffer = Vec::new();
        }
        outcome
    })
}

fn lint_options(args: &CheckArgs) -> Result<LintOptions, String> {
    let parse_version = |flag: &str, text: &Option<String>| -> Result<Option<Version>, String> {
        match text {
            None => Ok(None),
            Some(text) => Version::parse(text)
                .map(Some)
                .ok_or_else(|| format!("{flag} `{text}` is not a version such as 1.37.0")),
        }
    };
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
