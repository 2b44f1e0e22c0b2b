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
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files, directories (searched for *.yaml and *.yml), or - for standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}
