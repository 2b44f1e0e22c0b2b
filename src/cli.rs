//! The command line (clap derive). The contract is in DESIGN.md.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "kubeadm-lint",
    version,
    about = "Lint and fix kubeadm configuration files"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check kubeadm configuration files and report problems.
    Check(CheckArgs),
    /// Print a rule's documentation.
    Explain {
        /// The rule name, such as coredns-image-path-custom-repo.
        rule: String,
    },
    /// Print the images `kubeadm config images list` would print for this configuration.
    Images(ImagesArgs),
    /// Move kubeadm documents to a newer API version, keeping comments and layout.
    Migrate(MigrateArgs),
    /// List every rule with its severity and fixability.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// The configuration file (.kubeadm-lint.yaml).
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script (for example `kubeadm-lint completions bash`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `kubeadm-lint man > kubeadm-lint.1`, or a command's page
    /// with `kubeadm-lint man check > kubeadm-lint-check.1`.
    Man {
        /// A command, such as `check`.
        command: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the JSON Schema of .kubeadm-lint.yaml (for editors and SchemaStore).
    Schema,
    /// Show which configuration file applies to a path and the settings it results in.
    Show {
        /// A file to be checked (it need not exist), or a directory.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Use this configuration file instead of searching for one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files, directories (searched for *.yaml and *.yml), or - for standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Write the report to this file; the terminal still gets the human report.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Use this configuration file for every input instead of searching upward for
    /// .kubeadm-lint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The Kubernetes version to assume when the file does not pin kubernetesVersion.
    #[arg(long, value_name = "X.Y.Z")]
    pub kubernetes_version: Option<String>,

    /// The kubeadm binary that will read the file (CoreDNS and pause versions come from it).
    #[arg(long, value_name = "X.Y.Z")]
    pub kubeadm_version: Option<String>,

    /// Run only these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub select: Option<Vec<String>>,

    /// Do not run these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub ignore: Vec<String>,

    /// The least severity that fails the run (exit 1). Default: warning, or the configuration's
    /// `fail-on`.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Apply safe fixes and write the files (standard input: print the fixed document).
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Also apply unsafe fixes, which change what kubeadm does; fixes files unless --diff.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Write nothing; print a unified diff of the fixes on stdout (findings go to stderr).
    #[arg(long)]
    pub diff: bool,

    /// Exit with 0 even when problems are found.
    #[arg(long)]
    pub exit_zero: bool,

    /// Exit with 1 when a fix was applied, even if no problem is left (with --fix).
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,

    /// Honour no suppression: neither `# kubeadm-lint: ignore[...]` comments nor the
    /// configuration's per-file-ignores.
    #[arg(long)]
    pub no_ignores: bool,

    /// Check files on N threads (default: one per CPU). The output does not depend on it.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,

    /// The name to report for standard input.
    #[arg(long, value_name = "PATH", default_value = "-")]
    pub stdin_filename: String,
}

#[derive(Debug, clap::Args)]
pub struct ImagesArgs {
    /// A kubeadm configuration file, or - for standard input.
    pub file: PathBuf,

    /// The Kubernetes version when the file does not pin kubernetesVersion.
    #[arg(long, value_name = "X.Y.Z")]
    pub kubernetes_version: Option<String>,

    /// The kubeadm binary: CoreDNS and pause versions come from it, etcd from kubernetesVersion.
    #[arg(long, value_name = "X.Y.Z")]
    pub kubeadm_version: Option<String>,

    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,

    /// Also show each image's path on this registry (only registry.k8s.io is known) and mark
    /// those a path-preserving mirror of it at imageRepository would not have.
    #[arg(long, value_name = "REGISTRY")]
    pub mirror_of: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// kubeadm configuration files, or - for standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// The API version to migrate to, one version at a time.
    #[arg(long, value_enum, default_value_t = MigrateTarget::V1beta4)]
    pub to: MigrateTarget,

    /// Print a unified diff instead of the migrated file.
    #[arg(long, conflicts_with = "write")]
    pub diff: bool,

    /// Rewrite the files in place (atomically).
    #[arg(long)]
    pub write: bool,

    #[arg(long, value_name = "X.Y.Z")]
    pub kubernetes_version: Option<String>,

    #[arg(long, value_name = "X.Y.Z")]
    pub kubeadm_version: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MigrateTarget {
    V1beta2,
    V1beta3,
    V1beta4,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Reports with source snippets (plain when not a terminal or NO_COLOR is set).
    Human,
    /// `path:line:col: severity[rule] message`.
    Concise,
    /// The versioned JSON contract.
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDEs); keeps suppressed findings.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// GitLab Code Quality report.
    Gitlab,
}

/// A severity threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for crate::diagnostic::Severity {
    fn from(level: FailOn) -> Self {
        match level {
            FailOn::Error => crate::diagnostic::Severity::Error,
            FailOn::Warning => crate::diagnostic::Severity::Warning,
            FailOn::Info => crate::diagnostic::Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}
