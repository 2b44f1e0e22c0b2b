use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kubeadm_lint::cli::Cli::parse();
    ExitCode::from(kubeadm_lint::app::run(cli))
}

/// mimalloc: the checker allocates many small strings and nodes per file, and the system
/// allocator was a sixth of a run's instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
