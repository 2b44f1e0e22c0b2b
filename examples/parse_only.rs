//! The benchmark's floor: what `kubeadm-lint check` costs without rules or output. It finds,
//! orders and reads files exactly as `check` does, runs the same marker test, and parses the
//! candidates with the same `yaml::parse`; `--all` parses every file instead, which is the
//! least any YAML linter built on this parser would pay.
//!
//!     cargo run --release --example parse_only -- [-j N] [--all] PATH...
//!
//! Prints `files=N parsed=N bytes=N nodes=N errors=N` (the counts keep the work observable).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use kubeadm_lint::discover::{self, Input};
use kubeadm_lint::lint::may_be_kubeadm_bytes;
use kubeadm_lint::yaml;
use rayon::prelude::*;

#[derive(Default)]
struct Counts {
    parsed: AtomicUsize,
    bytes: AtomicUsize,
    nodes: AtomicUsize,
    errors: AtomicUsize,
}

/// The allocator the kubeadm-lint binary uses, so the floor pays what it pays.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

thread_local! {
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn main() {
    let mut threads = None;
    let mut all = false;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-j" | "--threads" => threads = args.next().and_then(|n| n.parse::<usize>().ok()),
            "--all" => all = true,
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let (inputs, errors) = discover::expand(&paths);
    for error in &errors {
        eprintln!("error: {error}");
    }
    let mut order: Vec<(String, &Input)> = inputs.iter().map(|i| (i.name("-"), i)).collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    let counts = Counts::default();
    let parse = |(_, input): &(String, &Input)| {
        BUFFER.with_borrow_mut(|buffer| {
            if discover::read_into(input, "-", 64 * 1024 * 1024, buffer).is_err() {
                return;
            }
            counts.bytes.fetch_add(buffer.len(), Ordering::Relaxed);
            if !all && !may_be_kubeadm_bytes(buffer) {
                return;
            }
            let text = String::from_utf8_lossy(buffer);
            let tree = yaml::parse(&text);
            counts.parsed.fetch_add(1, Ordering::Relaxed);
            counts.nodes.fetch_add(tree.node_count(), Ordering::Relaxed);
            counts
                .errors
                .fetch_add(tree.errors.len(), Ordering::Relaxed);
        })
    };
    match threads {
        Some(1) => order.iter().for_each(parse),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("thread pool");
            pool.install(|| order.par_iter().for_each(parse));
        }
        None => order.par_iter().for_each(parse),
    }
    println!(
        "files={} parsed={} bytes={} nodes={} errors={}",
        order.len(),
        counts.parsed.into_inner(),
        counts.bytes.into_inner(),
        counts.nodes.into_inner(),
        counts.errors.into_inner()
    );
}
