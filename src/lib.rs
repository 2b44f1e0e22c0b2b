//! kubeadm-lint: a linter and auto-fixer for kubeadm configuration files.

pub mod diagnostic;
pub mod kubeadm;
pub mod lint;
pub mod migrate;
pub mod migrate_command;
pub mod rules;
pub mod settings;
pub mod source;
pub mod suppress;
pub mod yaml;

pub use diagnostic::{Applicability, Diagnostic, Severity};
pub use lint::{FileReport, LintOptions, lint};
pub use source::SourceFile;
pub mod app;
pub mod cli;
pub mod discover;
pub mod fix;
pub mod images_command;
pub mod render;
pub mod workflow;
