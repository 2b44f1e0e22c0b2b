//! `kubeadm-lint migrate`: prints the migrated file (default), a diff (`--diff`), or rewrites it
//! in place (`--write`, same atomic writer as `--fix`). A file that cannot be migrated
//! mechanically is reported with its locations and left alone.

use std::io::Write;

use crate::app::{EXIT_CLEAN, EXIT_FAILURE, EXIT_FINDINGS, MAX_INPUT_BYTES, fail};
use crate::cli::{MigrateArgs, MigrateTarget};
use crate::discover::{self, Input};
use crate::fix::diff;
use crate::fix::write::AtomicWriter;
use crate::kubeadm::KubeadmVersion;
use crate::lint::{LintOptions, lint};
use crate::migrate::{MigrateError, migrate};
use crate::source::SourceFile;

pub fn run(args: &MigrateArgs) -> u8 {
    let versions = match crate::app::version_flags(&args.kubernetes_version, &args.kubeadm_version)
    {
        Ok(versions) => versions,
        Err(message) => return fail(message),
    };
    if args.files.len() > 1 && !args.diff && !args.write {
        return fail("with several files, choose --diff or --write");
    }
    let to = match args.to {
        MigrateTarget::V1beta2 => KubeadmVersion::V1beta2,
        MigrateTarget::V1beta3 => KubeadmVersion::V1beta3,
        MigrateTarget::V1beta4 => KubeadmVersion::V1beta4,
    };
    let writer = AtomicWriter::new();
    let mut exit = EXIT_CLEAN;
    let mut stdout = std::io::stdout().lock();
    for path in &args.files {
        let input = if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::named(path)
        };
        let source = match discover::read(&input, "-", MAX_INPUT_BYTES) {
            Ok(source) => source,
            Err(error) => {
                eprintln!("error: {error}");
                exit = EXIT_FAILURE;
                continue;
            }
        };
        let migration = match migrate(&source, to, &versions) {
            Ok(migration) => migration,
            Err(error @ MigrateError::Blocked(_)) => {
                eprintln!("{}: {error}", source.name);
                exit = exit.max(EXIT_FINDINGS);
                continue;
            }
            Err(error) => {
                eprintln!("error: {}: {error}", source.name);
                exit = EXIT_FAILURE;
                continue;
            }
        };
        for hop in &migration.hops {
            eprintln!("{}: {hop}", source.name);
        }
        let changed = migration.text != *source.text;
        if args.diff {
            if changed {
                // Context lines must not show a credential (DESIGN: never printed in full).
                let options = LintOptions {
                    versions: versions.clone(),
                    ..LintOptions::default()
                };
                let migrated = SourceFile::new(source.name.clone(), migration.text.as_str());
                match diff::secret_free_diff(
                    &source.name,
                    &source.text,
                    &migration.text,
                    &lint(&source, &options).secrets,
                    &lint(&migrated, &options).secrets,
                ) {
                    Ok(text) => {
                        let _ = stdout.write_all(text.as_bytes());
                    }
                    Err(error) => {
                        eprintln!(
                            "error: {}: the diff would show the credential on line {}, so it is not printed; use --write to migrate the file",
                            source.name, error.line
                        );
                        exit = EXIT_FAILURE;
                    }
                }
            }
        } else if args.write {
            if let (true, Input::File(path)) = (changed, &input)
                && let Err(error) = writer.write(path, source.bytes(), migration.text.as_bytes())
            {
                eprintln!("error: {}; the file was left unchanged", error.message);
                exit = EXIT_FAILURE;
            } else if let (true, Input::Stream(_)) = (changed, &input) {
                eprintln!(
                    "error: {}: not a regular file, so it cannot be rewritten (use --diff)",
                    source.name
                );
                exit = EXIT_FAILURE;
            } else if input == Input::Stdin {
                let _ = stdout.write_all(migration.text.as_bytes());
            }
        } else {
            let _ = stdout.write_all(migration.text.as_bytes());
        }
    }
    let _ = stdout.flush();
    exit
}
