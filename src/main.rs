use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kubeadm_lint::cli::Cli::parse();
    ExitCode::from(kubeadm_lint::app::run(cli))
}
