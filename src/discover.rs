//! Turns command-line paths into inputs: files, directories walked the way ripgrep does
//! (honouring .gitignore), and `-` for standard input.
//!
//! Walking a directory yields its regular `*.yaml`/`*.yml` files only. A symbolic link is
//! checked when it leads to a regular file; links to directories are not followed (so a link
//! loop cannot make the walk endless), and a dangling or looping link named like a YAML file is
//! an error, like an unreadable file. FIFOs, sockets and devices met on the way are skipped and
//! never opened (opening a FIFO blocks until someone writes to it); files are opened without
//! blocking and read only if still regular, in case one was swapped for a FIFO after the walk.
//! A path named on the command line is read whatever it is, so `<(helm template …)` works.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::SourceFile;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A regular file, named on the command line or found in a directory.
    File(PathBuf),
    /// A path named on the command line that is neither a regular file nor a directory: a FIFO
    /// such as `<(helm template …)`, or a device. Read as a stream, up to the size limit.
    Stream(PathBuf),
    Stdin,
}

impl Input {
    /// The input for a path named on the command line (not `-`, not a directory).
    pub fn named(path: &Path) -> Input {
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => Input::Stream(path.to_path_buf()),
            _ => Input::File(path.to_path_buf()),
        }
    }

    /// The path read, or `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::File(path) | Input::Stream(path) => Some(path),
            Input::Stdin => None,
        }
    }

    /// The name findings and errors are reported under.
    pub fn name(&self, stdin_name: &str) -> String {
        match self {
            Input::File(path) | Input::Stream(path) => path.display().to_string(),
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
                message: describe_at(path, &error),
            }),
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::named(path)),
        }
    }
    (inputs, errors)
}

fn walk(root: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(root).follow_links(false).build() {
        match entry {
            Ok(entry) if is_yaml(entry.path()) => match entry.file_type() {
                Some(kind) if kind.is_file() => found.push(entry.into_path()),
                Some(kind) if kind.is_symlink() => match std::fs::metadata(entry.path()) {
                    Ok(meta) if meta.is_file() => found.push(entry.into_path()),
                    // A link to a directory, FIFO or device: not followed, like those.
                    Ok(_) => {}
                    Err(error) => errors.push(InputError {
                        path: entry.path().display().to_string(),
                        message: describe_at(entry.path(), &error),
                    }),
                },
                _ => {}
            },
            Ok(_) => {}
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
    let mut bytes = Vec::new();
    read_into(input, stdin_name, limit, &mut bytes)?;
    Ok(SourceFile::from_bytes(input.name(stdin_name), bytes))
}

/// Reads an input into `buffer` (cleared first), so that one buffer serves many files.
/// Files larger than `limit` bytes are refused: a regular file before it is read, a stream or
/// standard input once `limit` bytes have come.
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
        message: match input.path() {
            Some(path) => describe_at(path, &e),
            None => describe(&e),
        },
    };
    match input {
        Input::Stdin => {
            std::io::stdin()
                .take(limit + 1)
                .read_to_end(buffer)
                .map_err(error)?;
        }
        Input::File(path) => {
            let file = open_without_blocking(path).map_err(error)?;
            // One fstat on the open file: it may have been swapped for a FIFO since the walk.
            let meta = file.metadata().map_err(error)?;
            if !meta.is_file() {
                return Err(InputError {
                    path: name(),
                    message: "not a regular file".into(),
                });
            }
            if meta.len() > limit {
                return Err(too_large(&name(), limit));
            }
            buffer.reserve(meta.len() as usize);
            file.take(limit + 1).read_to_end(buffer).map_err(error)?;
        }
        Input::Stream(path) => {
            std::fs::File::open(path)
                .map_err(error)?
                .take(limit + 1)
                .read_to_end(buffer)
                .map_err(error)?;
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

/// Opens a file for reading without waiting on it: a FIFO put where a regular file was found
/// opens at once (and is then refused) instead of blocking the run.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Like [`describe`], telling a dangling or looping symbolic link from a missing file.
fn describe_at(path: &Path, error: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return "symbolic link loop".into();
    }
    if is_link && error.kind() == std::io::ErrorKind::NotFound {
        return "dangling symbolic link: its target does not exist".into();
    }
    describe(error)
}

fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}
