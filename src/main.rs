use std::process::ExitCode;

use clap::Parser;
use kubeadm_lint::app::EXIT_FAILURE;
use kubeadm_lint::internal_error;

fn main() -> ExitCode {
    let cli = kubeadm_lint::cli::Cli::parse();
    // From here on a panic never prints its message, which may quote a file's credentials.
    internal_error::install_hook();
    match internal_error::catch(|| kubeadm_lint::app::run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// mimalloc: the checker allocates many small strings and nodes per file, and the system
/// allocator was a sixth of a run's instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
