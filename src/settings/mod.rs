//! Settings: the configuration file, found upward from each checked file (nearest wins, the
//! search stops at the repository root) or given with `--config`, merged with the command line,
//! which overrides it.
//!
//! Merging, key by key: `--select` replaces the file's `select` (and with it the file's
//! `ignore`, as a fresh selection); `--ignore` removes rules from whatever is selected;
//! `--kubernetes-version`, `--kubeadm-version` and `--fail-on` replace the file's value.
//! `severity`, `per-file-ignores`, `extend-safe-fixes` and `require-reason` come from the file
//! only. `--no-ignores` turns off inline suppressions and `per-file-ignores`.

pub mod file;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

pub use file::Config;

use crate::diagnostic::Severity;
use crate::kubeadm::VersionOptions;
use crate::kubeadm::version::Version;
use crate::lint::{LintOptions, RuleSelection};
use crate::suppress::FileIgnore;

/// The configuration file's name.
pub const CONFIG_FILE_NAME: &str = ".kubeadm-lint.yaml";

/// What the command line says; each value set here wins over the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Option<Vec<&'static str>>,
    pub ignore: Vec<&'static str>,
    pub kubernetes_version: Option<Version>,
    pub kubeadm_version: Option<Version>,
    pub fail_on: Option<Severity>,
    pub no_ignores: bool,
}

/// The settings for one checked file.
#[derive(Debug, Clone)]
pub struct FileSettings {
    pub lint: LintOptions,
    /// The least severity that fails the run.
    pub fail_on: Severity,
    /// The configuration file that applied, if any.
    pub config: Option<Arc<Config>>,
}

/// The default of `fail-on`: the run fails on errors and warnings (DESIGN.md's exit codes).
pub const DEFAULT_FAIL_ON: Severity = Severity::Warning;

/// Finds and caches configuration files and computes each file's settings.
pub struct Resolver {
    overrides: Overrides,
    explicit: Option<Arc<Config>>,
    /// Directory searched from -> the configuration that applies there.
    by_dir: HashMap<PathBuf, Option<Arc<Config>>>,
    /// Configuration path -> the loaded file.
    loaded: HashMap<PathBuf, Arc<Config>>,
    cwd: PathBuf,
}

impl Resolver {
    /// `explicit` is `--config FILE`: used for every file, no search.
    pub fn new(overrides: Overrides, explicit: Option<&Path>) -> Result<Self, Vec<ConfigError>> {
        let explicit = match explicit {
            Some(path) => Some(Arc::new(Config::load(path)?)),
            None => None,
        };
        Ok(Resolver {
            overrides,
            explicit,
            by_dir: HashMap::new(),
            loaded: HashMap::new(),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        })
    }

    /// The settings for `file` (a path as given; for standard input, the `--stdin-filename`).
    pub fn for_file(&mut self, file: &Path) -> Result<FileSettings, Vec<ConfigError>> {
        let absolute = self.cwd.join(file);
        let config = match &self.explicit {
            Some(config) => Some(Arc::clone(config)),
            None => {
                let dir = absolute.parent().unwrap_or(&self.cwd).to_path_buf();
                self.discover(&dir)?
            }
        };
        Ok(self.merge(config, &absolute))
    }

    /// The nearest configuration file at or above `dir`, stopping at a directory that holds
    /// `.git` (the repository root, included in the search) or the filesystem root.
    fn discover(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, Vec<ConfigError>> {
        if let Some(found) = self.by_dir.get(dir) {
            return Ok(found.clone());
        }
        let found = match find_config_file(dir) {
            None => None,
            Some(path) => Some(match self.loaded.get(&path) {
                Some(config) => Arc::clone(config),
                None => {
                    let config = Arc::new(Config::load(&path)?);
                    self.loaded.insert(path, Arc::clone(&config));
                    config
                }
            }),
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }

    fn merge(&self, config: Option<Arc<Config>>, file: &Path) -> FileSettings {
        let o = &self.overrides;
        let c = config.as_deref();
        let select = match (&o.select, c) {
            (Some(select), _) => Some(select.clone()),
            (None, Some(c)) => c.select.clone(),
            (None, None) => None,
        };
        let mut ignore: Vec<String> = o.ignore.iter().map(|s| s.to_string()).collect();
        if o.select.is_none()
            && let Some(c) = c
        {
            ignore.extend(c.ignore.iter().map(|s| s.to_string()));
        }
        let file_ignores = c.map_or_else(Vec::new, |c| {
            let shown = display_path(&c.path, &self.cwd);
            c.ignores_for(file)
                .into_iter()
                .map(|(rule, pattern)| FileIgnore {
                    rule,
                    justification: format!("per-file-ignores `{pattern}` in {shown}"),
                })
                .collect()
        });
        FileSettings {
            lint: LintOptions {
                versions: VersionOptions {
                    kubernetes: o
                        .kubernetes_version
                        .clone()
                        .or_else(|| c.and_then(|c| c.kubernetes_version.clone())),
                    kubeadm: o
                        .kubeadm_version
                        .clone()
                        .or_else(|| c.and_then(|c| c.kubeadm_version.clone())),
                },
                rules: RuleSelection {
                    select: select.map(|names| names.iter().map(|s| s.to_string()).collect()),
                    ignore,
                },
                severities: c.map_or_else(Vec::new, |c| c.severities.clone()),
                safe_fixes: c.map_or_else(Vec::new, |c| c.extend_safe_fixes.clone()),
                file_ignores,
                no_ignores: o.no_ignores,
                require_reason: c.is_some_and(|c| c.require_reason),
            },
            fail_on: o
                .fail_on
                .or_else(|| c.and_then(|c| c.fail_on))
                .unwrap_or(DEFAULT_FAIL_ON),
            config,
        }
    }
}

/// The nearest `.kubeadm-lint.yaml` at or above `dir`, not above the repository root.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(dir) = current {
        let candidate = dir.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
        current = dir.parent();
    }
    None
}

/// `path` relative to `cwd` when it is below it, for messages.
fn display_path(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// A configuration file that cannot be used, with the place in it when known.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
    pub help: Option<String>,
    /// The file's text and the byte range at fault.
    pub location: Option<(NamedSource<String>, (usize, usize))>,
}

impl ConfigError {
    fn io(path: &Path, message: String) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            message,
            help: None,
            location: None,
        }
    }

    fn at(
        path: &Path,
        text: &str,
        span: Option<(usize, usize)>,
        message: String,
        help: String,
    ) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            message,
            help: Some(help),
            location: span.map(|span| (NamedSource::new(shown(path), text.to_string()), span)),
        }
    }

    fn from_saphyr(path: &Path, text: &str, error: &serde_saphyr::Error) -> Self {
        use serde_saphyr::MessageFormatter;
        let raw = serde_saphyr::UserMessageFormatter
            .format_message(error)
            .into_owned();
        let message = match raw.as_str() {
            "expected sequence start" => "expected a list, such as [rule-a, rule-b]".to_string(),
            "expected mapping start" => "expected a mapping of keys to values".to_string(),
            _ => raw,
        };
        let span = error.location().and_then(|location| {
            let span = location.span();
            let start = match span.byte_offset().filter(|&s| s != u64::from(u32::MAX)) {
                Some(start) => start as usize,
                // Only the line and column (in characters) are known.
                None => offset_of(text, location.line() as usize, location.column() as usize)?,
            };
            let len = span
                .byte_len()
                .filter(|&l| l != u64::from(u32::MAX))
                .unwrap_or(0) as usize;
            Some((start.min(text.len()), (start + len).min(text.len())))
        });
        let schema = "`kubeadm-lint config schema` prints the file's JSON Schema";
        let unknown = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next());
        let help = match unknown.and_then(file::suggest_key) {
            Some(key) => format!("did you mean `{key}`? {schema}"),
            None => schema.to_string(),
        };
        ConfigError::at(path, text, span, message, help)
    }

    /// The error as miette draws it, with a snippet of the file when the place is known.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
        let mut out = String::new();
        if handler.render_report(&mut out, self).is_err() {
            out = format!("{self}\n");
        }
        out
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", shown(&self.path), self.message)
    }
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[start..];
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// A path for messages: relative to the current directory when below it.
fn shown(path: &Path) -> String {
    match std::env::current_dir() {
        Ok(cwd) => display_path(path, &cwd),
        Err(_) => path.display().to_string(),
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("invalid configuration"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.location
            .as_ref()
            .map(|(source, _)| source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, (start, end)) = self.location.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".into()), *start..*end),
        )))
    }
}
