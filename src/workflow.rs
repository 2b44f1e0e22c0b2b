//! Fitting into other tools: settings from the command line and configuration files, and the
//! `config`, `completions` and `man` commands.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::app::{EXIT_CLEAN, EXIT_FAILURE, fail, parse_version};
use crate::cli::{CheckArgs, Cli, ConfigCommand};
use crate::discover::Input;
use crate::rules;
use crate::settings::{self, ConfigError, FileSettings, Overrides, Resolver};

/// Why a run could not start: a bad flag, or bad configuration files.
#[derive(Debug)]
pub enum SetupError {
    Flag(String),
    Config(Vec<ConfigError>),
}

impl From<Vec<ConfigError>> for SetupError {
    fn from(errors: Vec<ConfigError>) -> Self {
        SetupError::Config(errors)
    }
}

/// Prints why the run could not start; returns exit code 2.
pub fn fail_setup(error: SetupError) -> u8 {
    match error {
        SetupError::Flag(message) => fail(message),
        SetupError::Config(errors) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            for error in errors {
                eprint!("{}", error.render(color));
            }
            EXIT_FAILURE
        }
    }
}

/// Rule names from a flag, each checked against the registry.
fn rule_names(flag: &str, names: &[String]) -> Result<Vec<&'static str>, SetupError> {
    names
        .iter()
        .map(|name| {
            rules::find(name).map(|r| r.name).ok_or_else(|| {
                let hint = crate::suppress::suggest(name)
                    .map(|near| format!("did you mean `{near}`? "))
                    .unwrap_or_default();
                SetupError::Flag(format!(
                    "unknown rule `{name}` in {flag} ({hint}see `kubeadm-lint rules`)"
                ))
            })
        })
        .collect()
}

/// The command line's overrides, checked, and the configuration resolver.
pub fn resolver(args: &CheckArgs) -> Result<Resolver, SetupError> {
    let overrides = Overrides {
        select: args
            .select
            .as_deref()
            .map(|names| rule_names("--select", names))
            .transpose()?,
        ignore: rule_names("--ignore", &args.ignore)?,
        kubernetes_version: parse_version("--kubernetes-version", &args.kubernetes_version)
            .map_err(SetupError::Flag)?,
        kubeadm_version: parse_version("--kubeadm-version", &args.kubeadm_version)
            .map_err(SetupError::Flag)?,
        fail_on: args.fail_on.map(Into::into),
        no_ignores: args.no_ignores,
    };
    Ok(Resolver::new(overrides, args.config.as_deref())?)
}

/// Each input with its settings. Standard input is looked up as `--stdin-filename` (from the
/// current directory when that is `-`).
pub fn plan(
    resolver: &mut Resolver,
    inputs: Vec<Input>,
    stdin_filename: &str,
) -> Result<Vec<(Input, FileSettings)>, SetupError> {
    let mut planned = Vec::with_capacity(inputs.len());
    let mut errors = Vec::new();
    for input in inputs {
        let path = match &input {
            Input::File(path) | Input::Stream(path) => path.clone(),
            Input::Stdin => PathBuf::from(stdin_filename),
        };
        match resolver.for_file(&path) {
            Ok(settings) => planned.push((input, settings)),
            Err(found) => {
                for error in found {
                    if !errors
                        .iter()
                        .any(|e: &ConfigError| e.path == error.path && e.message == error.message)
                    {
                        errors.push(error);
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(planned)
    } else {
        Err(SetupError::Config(errors))
    }
}

/// In GitHub Actions (`$GITHUB_STEP_SUMMARY` set), appends a table of the findings to the job
/// summary. A summary that cannot be written is reported, not fatal.
pub fn append_step_summary(results: &[crate::render::FileResult]) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let text = crate::render::github::step_summary(results);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()));
    if let Err(error) = written {
        eprintln!(
            "warning: cannot write the job summary {}: {error}",
            Path::new(&path).display()
        );
    }
}

pub fn config_command(command: ConfigCommand) -> u8 {
    match command {
        ConfigCommand::Schema => crate::app::print_out(settings::file::schema(), EXIT_CLEAN),
        ConfigCommand::Show { path, config } => show(&path, config.as_deref()),
    }
}

/// Which configuration file applies to `path`, and the settings that result, as JSON.
fn show(path: &Path, config: Option<&Path>) -> u8 {
    let mut resolver = match Resolver::new(Overrides::default(), config) {
        Ok(resolver) => resolver,
        Err(errors) => return fail_setup(SetupError::Config(errors)),
    };
    // For a directory, the settings of a file inside it.
    let probe = if path.is_dir() {
        path.join("kubeadm.yaml")
    } else {
        path.to_path_buf()
    };
    let settings = match resolver.for_file(&probe) {
        Ok(settings) => settings,
        Err(errors) => return fail_setup(SetupError::Config(errors)),
    };
    let lint = &settings.lint;
    let enabled: Vec<&str> = rules::RULES
        .iter()
        .filter(|r| lint.rules.enabled(r))
        .map(|r| r.name)
        .collect();
    let value = serde_json::json!({
        "config": settings.config.as_ref().map(|c| c.path.display().to_string()),
        "rules": enabled,
        "severity": lint.severities.iter().map(|(r, s)| (r.to_string(), s.as_str())).collect::<std::collections::BTreeMap<_, _>>(),
        "per-file-ignores": lint.file_ignores.iter().map(|i| serde_json::json!({"rule": i.rule, "why": i.justification})).collect::<Vec<_>>(),
        "kubernetes-version": lint.versions.kubernetes.as_ref().map(|v| v.to_string()),
        "kubeadm-version": lint.versions.kubeadm.as_ref().map(|v| v.to_string()),
        "fail-on": settings.fail_on.as_str(),
        "extend-safe-fixes": lint.safe_fixes,
        "require-reason": lint.require_reason,
    });
    let json = serde_json::to_string_pretty(&value).expect("plain data serialises");
    crate::app::print_out(format!("{json}\n"), EXIT_CLEAN)
}

pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "kubeadm-lint", &mut out);
    crate::app::print_out(out, EXIT_CLEAN)
}

/// The manual page of `kubeadm-lint`, or of one of its commands (`kubeadm-lint-check(1)`).
pub fn man(command: Option<&str>) -> u8 {
    let root = Cli::command();
    let page = match command {
        None => root,
        Some(name) => match root.find_subcommand(name) {
            Some(sub) => sub.clone().name(format!("kubeadm-lint-{name}")),
            None => return fail(format!("no command `{name}`; see `kubeadm-lint --help`")),
        },
    };
    let mut out = Vec::new();
    if let Err(error) = clap_mangen::Man::new(page).render(&mut out) {
        return fail(format!("cannot render the manual page: {error}"));
    }
    crate::app::print_out(out, EXIT_CLEAN)
}
