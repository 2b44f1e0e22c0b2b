//! `check --fix`, `--unsafe-fixes` and `--diff` for one input: fix it, then write the file,
//! hand back the fixed standard input, or produce a diff.

use std::collections::HashSet;

use super::write::AtomicWriter;
use super::{AppliedFix, diff, fix_source};
use crate::discover::Input;
use crate::lint::{LintOptions, lint};
use crate::render::FileResult;
use crate::source::SourceFile;

/// What to do with fixed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Replace the file (standard input: print the fixed document on stdout).
    Write,
    /// Write nothing; produce a unified diff.
    Diff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixSettings {
    pub output: Output,
    /// Apply unsafe fixes as well as safe ones.
    pub unsafe_fixes: bool,
}

/// One input after fixing.
pub struct FixedInput {
    /// The findings left, over the fixed text (or over the original when fixing failed).
    pub result: FileResult,
    /// The fixes applied (or, with `--diff`, that the diff applies).
    pub applied: Vec<AppliedFix>,
    /// With `--diff`: the diff of this file, when it changed.
    pub diff: Option<String>,
    /// Standard input with `--fix`: the document to print, fixed or not (as read, byte for
    /// byte, when not fixed).
    pub document: Option<Vec<u8>>,
    /// Why this file was not fixed; it was left unchanged.
    pub error: Option<String>,
}

/// Fixes `source`, read from `input`, and writes or diffs the result.
pub fn fix_input(
    input: &Input,
    source: SourceFile,
    options: &LintOptions,
    settings: FixSettings,
    writer: &AtomicWriter,
) -> FixedInput {
    let is_stdin = *input == Input::Stdin;
    let outcome = match fix_source(&source, options, settings.unsafe_fixes) {
        Ok(outcome) => outcome,
        Err(error) => {
            return unchanged(
                source,
                options,
                is_stdin && settings.output == Output::Write,
                error.to_string(),
            );
        }
    };
    let changed = outcome.text != *source.text;
    let mut fixed = FixedInput {
        result: FileResult {
            source: SourceFile::new(source.name.clone(), outcome.text.as_str()),
            diagnostics: outcome.remaining,
            suppressed: outcome.suppressed,
            fixed: outcome.applied.len(),
            secrets: outcome.secrets,
        },
        applied: outcome.applied,
        diff: None,
        document: None,
        error: None,
    };
    match (settings.output, input) {
        (Output::Diff, _) if changed => {
            let old_secrets = lint(&source, options).secrets;
            match diff::secret_free_diff(
                &source.name,
                &source.text,
                &outcome.text,
                &old_secrets,
                &fixed.result.secrets,
            ) {
                Ok(text) => fixed.diff = Some(text),
                Err(error) => return unchanged(source, options, false, error.to_string()),
            }
        }
        (Output::Diff, _) => {}
        (Output::Write, Input::Stdin) => {
            fixed.document = Some(if changed {
                outcome.text.into_bytes()
            } else {
                source.bytes().to_vec()
            });
        }
        (Output::Write, Input::File(path)) if changed => {
            if let Err(error) = writer.write(path, source.bytes(), outcome.text.as_bytes()) {
                let message = format!("{}; the file was left unchanged", error.message);
                return unchanged(source, options, false, message);
            }
        }
        (Output::Write, Input::File(_)) => {}
        (Output::Write, Input::Stream(_)) if changed => {
            let message =
                "not a regular file, so fixes cannot be written back (use --diff)".to_string();
            return unchanged(source, options, false, message);
        }
        (Output::Write, Input::Stream(_)) => {}
    }
    fixed
}

/// The original file's findings, with the reason it was not fixed.
fn unchanged(source: SourceFile, options: &LintOptions, print: bool, error: String) -> FixedInput {
    let report = lint(&source, options);
    FixedInput {
        document: print.then(|| source.bytes().to_vec()),
        result: FileResult::checked(source, report),
        applied: Vec::new(),
        diff: None,
        error: Some(error),
    }
}

/// Drops inputs that name a file already listed (through another spelling or a symlink), so
/// no file is fixed twice in one run.
pub fn distinct_files(inputs: Vec<Input>) -> Vec<Input> {
    let mut seen = HashSet::new();
    inputs
        .into_iter()
        .filter(|input| match input {
            Input::Stdin => true,
            Input::File(path) | Input::Stream(path) => {
                seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            }
        })
        .collect()
}

/// `kubeadm.yaml: fixed [rule] description` lines for stderr.
pub fn applied_lines(name: &str, applied: &[AppliedFix], output: Output) -> String {
    let verb = match output {
        Output::Write => "fixed",
        Output::Diff => "would fix",
    };
    applied
        .iter()
        .map(|fix| format!("{name}: {verb} [{}] {}\n", fix.rule, fix.description))
        .collect()
}
