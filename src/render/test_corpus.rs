//! The findings of the real-world corpus (`../shared/corpus` beside the repository) and of
//! every fixture under `testdata/`, for tests that compare ways of rendering them.

use std::path::{Path, PathBuf};

use super::FileResult;
use crate::lint::{LintOptions, lint};
use crate::source::SourceFile;

/// Every YAML file of the corpus and of testdata, linted with default options, in a fixed order.
pub(crate) fn results() -> Vec<FileResult> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("../shared/corpus"), &mut files);
    let corpus = files.len();
    assert!(corpus > 100, "the corpus has only {corpus} files");
    yaml_files(&root.join("testdata"), &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let source = SourceFile::from_slice(path.display().to_string(), &bytes);
            let report = lint(&source, &LintOptions::default());
            Some(FileResult::checked(source, report))
        })
        .filter(|result| !result.diagnostics.is_empty())
        .collect()
}

fn yaml_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            yaml_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
}
