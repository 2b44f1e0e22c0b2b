//! Turns command-line paths into inputs: files, directories walked the way ripgrep does
//! (honouring .gitignore), and `-` for standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::SourceFile;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    /// A path named on the command line that is neither a regular file nor a directory (a
    /// FIFO, a device): refused when its turn comes to be read.
    Special(PathBuf),
    Stdin,
}

impl Input {
    /// The name findings and errors are reported under.
    pub fn name(&self, stdin_name: &str) -> String {
        match self {
            Input::File(path) | Input::Special(path) => path.display().to_string(),
            Input::Stdin => stdin_name.to_string(),
        }
    }
}

/// A path that could not be turned into input.
#[derive(Debug, Clone)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Expands the given paths. Files named explicitly are taken whatever their extension;
/// directories contribute their `*.yaml`/`*.yml` files, sorted.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(error) => errors.push(InputError {
                path: path.display().to_string(),
                message: describe(&error),
            }),
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, &mut errors),
            Ok(meta) if meta.is_file() => inputs.push(Input::File(path.clone())),
            Ok(_) => inputs.push(Input::Special(path.clone())),
        }
    }
    (inputs, errors)
}

fn walk(root: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(root).follow_links(false).build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && is_yaml(entry.path()) {
                    found.push(entry.into_path());
                }
            }
            Err(error) => errors.push(InputError {
                path: root.display().to_string(),
                message: error.to_string(),
            }),
        }
    }
    // By the path's bytes, as `check` reports them: cheaper than `Path`'s component-wise order.
    found.sort_unstable_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    inputs.extend(found.into_iter().map(Input::File));
}

/// Reads an input fully. Files larger than `limit` bytes are refused rather than read.
pub fn read(input: &Input, stdin_name: &str, limit: u64) -> Result<SourceFile, InputError> {
    if let Input::File(path) = input {
        // A path a caller names directly may be anything: refuse what is not a regular file,
        // and an oversized file before reading it.
        let fail = |message: String| InputError {
            path: input.name(stdin_name),
            message,
        };
        let meta = std::fs::metadata(path).map_err(|e| fail(describe(&e)))?;
        if !meta.is_file() {
            return Err(fail("not a regular file".into()));
        }
        if meta.len() > limit {
            return Err(too_large(&input.name(stdin_name), limit));
        }
    }
    let mut bytes = Vec::new();
    read_into(input, stdin_name, limit, &mut bytes)?;
    Ok(SourceFile::from_bytes(input.name(stdin_name), bytes))
}

/// Reads an input into `buffer` (cleared first), so that one buffer can serve many files.
/// Files larger than `limit` bytes are refused. For inputs from [`expand`], which already knows
/// that an `Input::File` is a regular file: nothing is asked of the file system but to open
/// and read it.
pub fn read_into(
    input: &Input,
    stdin_name: &str,
    limit: u64,
    buffer: &mut Vec<u8>,
) -> Result<(), InputError> {
    buffer.clear();
    let name = || input.name(stdin_name);
    let error = |e: std::io::Error| InputError {
        path: name(),
        message: describe(&e),
    };
    match input {
        Input::Stdin => {
            std::io::stdin()
                .take(limit + 1)
                .read_to_end(buffer)
                .map_err(error)?;
        }
        Input::Special(_) => {
            return Err(InputError {
                path: name(),
                message: "not a regular file".into(),
            });
        }
        Input::File(path) => {
            let file = std::fs::File::open(path).map_err(error)?;
            // Through `take`, `read_to_end` asks for no metadata: it reads until end of file.
            file.take(limit + 1).read_to_end(buffer).map_err(error)?;
        }
    }
    if buffer.len() as u64 > limit {
        return Err(too_large(&name(), limit));
    }
    Ok(())
}

fn too_large(name: &str, limit: u64) -> InputError {
    InputError {
        path: name.to_string(),
        message: format!(
            "larger than {} MiB; not a kubeadm configuration",
            limit / (1024 * 1024)
        ),
    }
}

fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}
