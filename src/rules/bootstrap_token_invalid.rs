//! kubeadm refuses a bootstrap token that is not `[a-z0-9]{6}.[a-z0-9]{16}`, a usage other than
//! `signing`/`authentication`, groups without the `authentication` usage or outside
//! `system:bootstrappers:`, and `ttl` together with `expires` (`ValidateBootstrapTokens`,
//! `ValidateDiscovery` in cmd/kubeadm/app/apis/kubeadm/validation/validation.go). Hand-rolled
//! token generators get this wrong often enough to break `kubeadm init` in CI.

use crate::kubeadm::placeholders::{self, Shape};
use crate::kubeadm::{places, tokens, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "bootstrap-token-invalid",
    summary: "a bootstrap or discovery token, its usages, groups, ttl or expires are refused by kubeadm",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/bootstrap-token-invalid.md"),
    check,
};

const FORMAT_HELP: &str = "kubeadm refuses it (\"the bootstrap token is invalid\"): a token is a 6-character id, a dot and a 16-character secret, all a-z and 0-9, as `kubeadm token generate` prints";

fn check(config: &ConfigSet, sink: &mut Sink) {
    for init in places::documents(config, Kind::InitConfiguration) {
        let Some(list) = init.get("bootstrapTokens") else { continue };
        for (index, token) in list.items().enumerate() {
            if token.is_mapping() {
                check_init_token(config, token, index, sink);
            }
        }
    }
    for join in places::documents(config, Kind::JoinConfiguration) {
        check_join(config, join, sink);
    }
}

fn check_init_token(config: &ConfigSet, token: Node, index: usize, sink: &mut Sink) {
    let path = format!("bootstrapTokens[{index}]");
    if let Some(value) = token.get("token") {
        check_format(config, value, &format!("{path}.token"), sink);
    }

    let usages = token.get("usages").filter(|n| n.is_sequence() && !n.is_empty());
    for usage in usages.iter().flat_map(|u| u.items()) {
        let Some(text) = usage.as_str() else { continue };
        if places::is_templated(config, usage) || tokens::KNOWN_USAGES.contains(&text) {
            continue;
        }
        sink.report(usage.span(), format!("`{text}` is not a bootstrap token usage"))
            .help("kubeadm refuses it (\"invalid bootstrap token usage string\"); the usages are `signing` (sign the cluster-info ConfigMap for discovery) and `authentication` (authenticate to the API server for TLS bootstrap)");
    }

    // Groups are defaulted to the kubeadm node group when left out, so a token whose usages
    // lack `authentication` is refused even without a `groups` key.
    let groups = token.entry("groups").filter(|(_, v)| v.is_sequence() && !v.is_empty());
    if let Some(usages) = usages {
        let has_authentication = usages.items().any(|u| u.as_str() == Some("authentication"));
        let templated = usages.items().any(|u| places::is_templated(config, u));
        if !has_authentication && !templated {
            let (at, message) = match groups {
                Some((key, _)) => (key.span(), "`groups` is set but `usages` lacks `authentication`".to_string()),
                None => (
                    usages.span(),
                    format!("`usages` lacks `authentication`, but kubeadm gives the token the default group `{}`", tokens::DEFAULT_GROUP),
                ),
            };
            sink.report(at, message)
                .help("kubeadm refuses it (\"token groups cannot be specified unless --usages includes \\\"authentication\\\"\"); add `authentication` to usages, or leave usages out for the default `[signing, authentication]`");
        }
    }
    for group in groups.iter().flat_map(|(_, v)| v.items()) {
        let Some(text) = group.as_str() else { continue };
        if places::is_templated(config, group) || tokens::is_valid_bootstrap_group(text) {
            continue;
        }
        sink.report(group.span(), format!("`{text}` is not a bootstrap token group"))
            .help("kubeadm refuses it: groups must match `system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]`, such as system:bootstrappers:kubeadm:default-node-token");
    }

    let ttl = token.entry("ttl").filter(|(_, v)| !v.is_null());
    let expires = token.entry("expires").filter(|(_, v)| !v.is_null());
    if let Some((expires_key, expires_value)) = expires {
        let report = match ttl {
            Some((ttl_key, _)) => sink
                .report(expires_key.span(), "`ttl` and `expires` are both set")
                .label(ttl_key.span(), "ttl here")
                .help("kubeadm refuses the pair (\"the BootstrapToken .TTL and .Expires fields are mutually exclusive\"); keep one"),
            None => sink
                .report(expires_key.span(), "`expires` without `ttl` collides with the default ttl")
                .help("kubeadm sets `ttl` to 24h whenever it is missing, before validating, so the token then has both and is refused (\"the BootstrapToken .TTL and .Expires fields are mutually exclusive\"); write the lifetime as `ttl` instead"),
        };
        if let Some(text) = expires_value.as_str()
            && !places::is_templated(config, expires_value)
            && validation::parse_rfc3339(text).is_none()
        {
            report.label(expires_value.span(), format!("`{text}` is not an RFC 3339 time such as 2030-01-02T15:04:05Z"));
        }
    }
}

fn check_join(config: &ConfigSet, join: &KubeadmDocument, sink: &mut Sink) {
    let Some(discovery) = join.get("discovery").filter(|d| d.is_mapping()) else { return };
    let token_discovery = discovery.entry("bootstrapToken").filter(|(_, v)| !v.is_null());
    if let Some((key, bootstrap_token)) = token_discovery {
        match bootstrap_token.get("token").filter(|t| !t.is_null() && t.as_str() != Some("")) {
            Some(token) => check_format(config, token, "discovery.bootstrapToken.token", sink),
            None => {
                sink.report(key.span(), "token-based discovery without a token")
                    .help("kubeadm refuses it (\"the bootstrap token is invalid\"); set discovery.bootstrapToken.token (and `--config` cannot be combined with `--token` on the command line)");
            }
        }
    }
    // Empty is defaulted from bootstrapToken.token (token discovery) or unused (file discovery).
    if let Some(tls) = discovery.get("tlsBootstrapToken").filter(|t| t.as_str().is_some_and(|s| !s.is_empty())) {
        check_format(config, tls, "discovery.tlsBootstrapToken", sink);
    }
}

fn check_format(config: &ConfigSet, node: Node, field: &str, sink: &mut Sink) {
    let Some(text) = node.as_str().filter(|_| !node.is_null()) else { return };
    if places::is_templated(config, node) || placeholders::is_hand_written(Shape::Token, text) {
        return;
    }
    if let Some(problem) = tokens::token_problem(text) {
        sink.report(node.span(), format!("`{field}` `{}` {problem}", places::masked(config, node)))
            .primary_label("not [a-z0-9]{6}.[a-z0-9]{16}")
            .help(FORMAT_HELP);
    }
}
