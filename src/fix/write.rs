//! Writing a fixed file so that it is never lost: the new text goes to a temporary file in the
//! same directory, is synced, gets the original's permissions and owner, and replaces the
//! original by a rename. A symlink is written through (its target is replaced, the link stays).
//! A file that changed on disk since it was read is left alone.
//!
//! Each step can be made to fail through a hook, so the tests can show that a failure at any
//! step leaves the original untouched.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The steps of a write, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Follow symlinks to the file that will be replaced.
    Resolve,
    /// Check that it is still a writable regular file holding what was read.
    Check,
    /// Create the temporary file next to it.
    CreateTemp,
    /// Write the new text.
    Write,
    /// fsync the new text.
    Sync,
    /// Give the temporary file the original's permissions and owner.
    Permissions,
    /// Check again that the original still holds what was read, just before replacing it.
    Verify,
    /// Rename the temporary file over the original.
    Rename,
}

impl Step {
    fn doing(self) -> &'static str {
        match self {
            Step::Resolve => "resolving the path",
            Step::Check => "checking the file",
            Step::CreateTemp => "creating a temporary file",
            Step::Write => "writing the temporary file",
            Step::Sync => "syncing the temporary file",
            Step::Permissions => "copying permissions and owner",
            Step::Verify => "checking the file again",
            Step::Rename => "renaming the temporary file over the original",
        }
    }
}

/// A write that did not happen. The original file is unchanged.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}; the file was left unchanged",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for WriteError {}

/// Called before each step; an error aborts the write at that step.
pub type Hook<'h> = &'h (dyn Fn(Step, &Path) -> io::Result<()> + Sync);

/// Replaces files atomically.
#[derive(Default, Clone, Copy)]
pub struct AtomicWriter<'h> {
    hook: Option<Hook<'h>>,
}

impl<'h> AtomicWriter<'h> {
    pub fn new() -> Self {
        AtomicWriter { hook: None }
    }

    /// A writer that calls `hook` before each step (for tests).
    pub fn with_hook(hook: Hook<'h>) -> Self {
        AtomicWriter { hook: Some(hook) }
    }

    fn step(&self, step: Step, path: &Path) -> Result<(), WriteError> {
        match self.hook {
            Some(hook) => hook(step, path).map_err(|e| failed(path, step, &e)),
            None => Ok(()),
        }
    }

    /// Replaces the contents of `path` with `contents`, provided the file still holds
    /// `expected` (the bytes it was read with).
    pub fn write(&self, path: &Path, expected: &[u8], contents: &[u8]) -> Result<(), WriteError> {
        self.step(Step::Resolve, path)?;
        let target = fs::canonicalize(path).map_err(|e| failed(path, Step::Resolve, &e))?;

        self.step(Step::Check, &target)?;
        let metadata = check(path, &target, expected)?;

        self.step(Step::CreateTemp, &target)?;
        let dir = target.parent().unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".kubeadm-lint.tmp")
            .tempfile_in(dir)
            .map_err(|e| failed(path, Step::CreateTemp, &e))?;
        // From here on, dropping `temp` removes the temporary file.

        self.step(Step::Write, temp.path())?;
        temp.write_all(contents)
            .map_err(|e| failed(path, Step::Write, &e))?;

        self.step(Step::Sync, temp.path())?;
        temp.as_file()
            .sync_all()
            .map_err(|e| failed(path, Step::Sync, &e))?;

        self.step(Step::Permissions, temp.path())?;
        copy_permissions(temp.as_file(), &metadata)
            .map_err(|e| failed(path, Step::Permissions, &e))?;

        self.step(Step::Verify, &target)?;
        check(path, &target, expected)?;

        self.step(Step::Rename, &target)?;
        temp.persist(&target)
            .map_err(|e| failed(path, Step::Rename, &e.error))?;
        // The rename is durable once the directory is synced; a failure here cannot undo it.
        if let Ok(dir) = fs::File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

fn failed(path: &Path, step: Step, error: &io::Error) -> WriteError {
    let reason = match error.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        _ => error.to_string(),
    };
    WriteError {
        path: path.to_path_buf(),
        message: format!("{} failed: {reason}", step.doing()),
    }
}

/// The file must still be a writable regular file holding exactly `expected`.
fn check(path: &Path, target: &Path, expected: &[u8]) -> Result<fs::Metadata, WriteError> {
    let refuse = |message: &str| WriteError {
        path: path.to_path_buf(),
        message: message.to_string(),
    };
    let metadata = fs::metadata(target).map_err(|e| failed(path, Step::Check, &e))?;
    if metadata.is_dir() {
        return Err(refuse("a directory is now where the file was"));
    }
    if !metadata.is_file() {
        return Err(refuse("not a regular file"));
    }
    if metadata.permissions().readonly() {
        return Err(refuse("the file is read-only"));
    }
    // Opening for writing (without truncating) asks the system whether we may write it.
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(target)
        .map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => {
                refuse("the file is not writable (permission denied)")
            }
            _ => failed(path, Step::Check, &e),
        })?;
    let mut current = Vec::with_capacity(expected.len());
    file.read_to_end(&mut current)
        .map_err(|e| failed(path, Step::Check, &e))?;
    if current != expected {
        return Err(refuse("the file changed on disk since it was read"));
    }
    Ok(metadata)
}

#[cfg(unix)]
fn copy_permissions(file: &fs::File, original: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    file.set_permissions(original.permissions())?;
    let own = file.metadata()?;
    if own.uid() != original.uid() || own.gid() != original.gid() {
        std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn copy_permissions(file: &fs::File, original: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(original.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kubeadm.yaml");
        fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_keeps_its_mode() {
        let (dir, path) = setup("old\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        AtomicWriter::new()
            .write(&path, b"old\n", b"new\n")
            .unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        assert_eq!(
            entries(dir.path()),
            ["kubeadm.yaml"],
            "no temporary file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let (dir, path) = setup("old\n");
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink("kubeadm.yaml", &link).unwrap();
        AtomicWriter::new()
            .write(&link, b"old\n", b"new\n")
            .unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&path).unwrap(), b"new\n");
    }

    #[test]
    fn refuses_a_read_only_file() {
        let (dir, path) = setup("old\n");
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        let error = AtomicWriter::new()
            .write(&path, b"old\n", b"new\n")
            .unwrap_err();
        assert!(error.to_string().contains("read-only"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"old\n");
        assert_eq!(entries(dir.path()), ["kubeadm.yaml"]);
    }

    #[test]
    fn refuses_a_directory_where_the_file_was() {
        let (dir, path) = setup("old\n");
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "keep").unwrap();
        let error = AtomicWriter::new()
            .write(&path, b"old\n", b"new\n")
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("a directory is now where the file was"),
            "{error}"
        );
        assert_eq!(fs::read(path.join("inside")).unwrap(), b"keep");
        assert_eq!(entries(dir.path()), ["kubeadm.yaml"]);
    }

    #[test]
    fn refuses_a_file_changed_since_it_was_read() {
        let (_dir, path) = setup("edited by someone else\n");
        let error = AtomicWriter::new()
            .write(&path, b"old\n", b"new\n")
            .unwrap_err();
        assert!(error.to_string().contains("changed on disk"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"edited by someone else\n");
    }

    #[test]
    fn refuses_a_file_changed_while_writing() {
        let (dir, path) = setup("old\n");
        let target = path.clone();
        let intruder = move |step: Step, _: &Path| {
            if step == Step::Verify {
                fs::write(&target, "their edit\n")?;
            }
            Ok(())
        };
        let error = AtomicWriter::with_hook(&intruder)
            .write(&path, b"old\n", b"new\n")
            .unwrap_err();
        assert!(error.to_string().contains("changed on disk"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"their edit\n");
        assert_eq!(
            entries(dir.path()),
            ["kubeadm.yaml"],
            "the temporary file is removed"
        );
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_original() {
        let steps = [
            Step::Resolve,
            Step::Check,
            Step::CreateTemp,
            Step::Write,
            Step::Sync,
            Step::Permissions,
            Step::Verify,
            Step::Rename,
        ];
        for failing in steps {
            let (dir, path) = setup("old\n");
            let hook = move |step: Step, _: &Path| {
                if step == failing {
                    Err(io::Error::other("injected failure"))
                } else {
                    Ok(())
                }
            };
            let error = AtomicWriter::with_hook(&hook)
                .write(&path, b"old\n", b"new\n")
                .unwrap_err();
            assert!(
                error.to_string().contains("injected failure"),
                "{failing:?}: {error}"
            );
            assert!(
                error.to_string().contains(failing.doing()),
                "{failing:?}: {error}"
            );
            assert_eq!(fs::read(&path).unwrap(), b"old\n", "{failing:?}");
            assert_eq!(entries(dir.path()), ["kubeadm.yaml"], "{failing:?}");
        }
    }

    #[test]
    fn a_real_failing_rename_leaves_the_original() {
        // A rename that the system itself refuses: just before it, the target becomes a
        // non-empty directory, which rename(2) cannot replace with a file.
        let (dir, path) = setup("old\n");
        let hook = |step: Step, target: &Path| {
            if step == Step::Rename {
                fs::remove_file(target)?;
                fs::create_dir(target)?;
                fs::write(target.join("x"), "x")?;
            }
            Ok(())
        };
        let error = AtomicWriter::with_hook(&hook)
            .write(&path, b"old\n", b"new\n")
            .unwrap_err();
        assert!(error.to_string().contains("renaming"), "{error}");
        assert!(path.is_dir());
        assert_eq!(
            entries(dir.path()),
            ["kubeadm.yaml"],
            "the temporary file is removed"
        );
    }
}
