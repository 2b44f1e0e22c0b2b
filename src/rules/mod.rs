//! The rule engine: the [`Rule`] type, the registry (the only list of rules), and the [`Sink`]
//! rules report through.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
use crate::kubeadm::ConfigSet;
use crate::yaml::Span;

/// Everything a rule file needs.
pub mod prelude {
    pub use super::{FixAvailability, Rule, Sink};
    pub use crate::diagnostic::{Edit, Severity};
    pub use crate::kubeadm::{ConfigSet, Kind, KubeadmDocument};
    pub use crate::yaml::{Node, Span};
}

/// Whether, and how safely, a rule can fix what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    /// Some findings have a safe fix.
    Safe,
    /// Some findings have an unsafe fix.
    Unsafe,
    /// Safe for some findings, unsafe for others.
    SafeOrUnsafe,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::SafeOrUnsafe => "safe/unsafe",
        }
    }
}

/// A rule's metadata and its check. Declared once, as a `const RULE` in the rule's file.
pub struct Rule {
    /// Kebab-case, stable: configs, suppressions and CI integrations refer to it.
    pub name: &'static str,
    pub summary: &'static str,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// The rule's page in `rules/`, embedded.
    pub page: &'static str,
    pub check: fn(&ConfigSet, &mut Sink),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish()
    }
}

/// Declares the rule modules and the registry in one place.
macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every rule, in the order `kubeadm-lint rules` lists them.
        pub static RULES: &[&Rule] = &[$(&$module::RULE),*];
    };
}

registry! {
    yaml_syntax,
    duplicate_yaml_keys,
    duplicate_or_untyped_document,
    kubeadm_api_version_unsupported,
    unknown_or_miscased_field,
    coredns_image_path_custom_repo,
    k8s_gcr_io_frozen_registry,
    image_repository_format,
    etcd_local_and_external,
    etcd_external_incomplete,
    kubernetes_version_label_or_malformed,
    // Version-indexed rules and the extraArgs shape (issue 4).
    extra_args_shape,
    removed_kubelet_flags,
    removed_control_plane_flags,
    removed_kubeadm_feature_gate,
    relocated_or_removed_field,
    cri_socket_missing_scheme,
    dockershim_socket_removed,
    cgroup_driver_explicit_or_flag,
    kube_proxy_ipvs_deprecated,
    component_config_api_version,
    kubeadm_api_vs_kubernetes_version,
    upgrade_config_kinds,
    extra_args_file_not_mounted,
    etcd_local_node_specific_args,
    image_repository_includes_image_name,
    etcd_image_pinned,
    sandbox_image_not_mirrored,
    secrets_in_config,
    bootstrap_token_invalid,
    bootstrap_token_never_expires,
    discovery_ca_pinning,
    certificate_key_invalid,
    join_control_plane_config,
    invalid_node_name,
    taints_invalid_or_ambiguous,
    per_node_settings_in_shared_config,
    kubelet_insecure_settings,
    kubelet_serving_cert_approval,
    placeholder_defaults_left_in,
    metadata_or_kubectl_style,
    ignore_preflight_all,
    cert_validity_too_long,
    invalid_enum_value,
    absolute_path_required,
    // Networking and endpoints.
    dual_stack_cidr_format,
    service_subnet_size,
    pod_subnet_vs_node_mask,
    cidr_overlap,
    cluster_dns_mismatch,
    cluster_domain_mismatch,
    kube_proxy_cluster_cidr_mismatch,
    ipv6_endpoint_brackets,
    endpoint_format,
    advertise_address_in_extra_args,
    advertise_address_special_value,
    control_plane_endpoint_is_node_ip,
    missing_control_plane_endpoint,
    pod_subnet_missing_or_cni_mismatch,
    port_conflicts,
    cert_sans_invalid_or_redundant,
    // Rules about suppression comments (issue 5); the lint pass runs them last.
    unused_suppression,
    invalid_suppression,
}

/// True for the rules that report on suppression comments: the lint pass runs them after the
/// others, once it knows which findings each suppression matched.
pub fn is_meta(rule: &Rule) -> bool {
    crate::suppress::META_RULES.contains(&rule.name)
}

/// Where rule pages are published: `rules/<name>.md` in the repository.
pub const PAGES_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/rules/");

/// The published page of a rule (SARIF `helpUri`).
pub fn page_url(rule: &Rule) -> String {
    format!("{PAGES_URL}{}.md", rule.name)
}

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.name == name)
}

/// Collects one rule's findings.
pub struct Sink<'d> {
    rule: &'static Rule,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl<'d> Sink<'d> {
    pub fn new(rule: &'static Rule, diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Sink { rule, diagnostics }
    }

    /// Reports a finding at `span` with the rule's default severity.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> Report<'_> {
        self.diagnostics.push(Diagnostic {
            rule: self.rule.name,
            severity: self.rule.severity,
            message: message.into(),
            primary: span,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            fix: None,
        });
        Report {
            diagnostic: self.diagnostics.last_mut().expect("just pushed"),
        }
    }
}

/// A finding being built.
pub struct Report<'s> {
    diagnostic: &'s mut Diagnostic,
}

impl Report<'_> {
    pub fn severity(self, severity: Severity) -> Self {
        self.diagnostic.severity = severity;
        self
    }

    pub fn help(self, help: impl Into<String>) -> Self {
        self.diagnostic.help = Some(help.into());
        self
    }

    /// Text shown under the primary span.
    pub fn primary_label(self, text: impl Into<String>) -> Self {
        self.diagnostic.primary_label = Some(text.into());
        self
    }

    /// A related place, such as the other half of a conflict.
    pub fn label(self, span: Span, message: impl Into<String>) -> Self {
        self.diagnostic.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn fix_safe(self, description: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix(Applicability::Safe, description, edits)
    }

    pub fn fix_unsafe(self, description: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix(Applicability::Unsafe, description, edits)
    }

    fn fix(
        self,
        applicability: Applicability,
        description: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Self {
        if !edits.is_empty() {
            self.diagnostic.fix = Some(Fix {
                applicability,
                description: description.into(),
                edits,
            });
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_pages_match() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.name), "duplicate rule {}", rule.name);
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                rule.name
            );
            let title = rule.page.lines().next().unwrap_or_default();
            assert_eq!(
                title,
                format!("# {}", rule.name),
                "page title of {}",
                rule.name
            );
        }
    }
}
