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
