//! A bootstrap token with `ttl: 0` never expires (kubeadm writes no expiration into its Secret
//! when the ttl is not positive: `encodeTokenSecretData` in cmd/kubeadm/app/apis/bootstraptoken/v1),
//! so a file that leaks keeps working as a key to join the cluster forever. kubeadm's default
//! became 24 hours for this reason (kubernetes/kubernetes#48783, kubernetes/kubeadm#343).

use crate::fix::edits;
use crate::kubeadm::{places, validation};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "bootstrap-token-never-expires",
    summary: "a bootstrap token with ttl 0 (never expires), or one that lives for more than a week",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/bootstrap-token-never-expires.md"),
    check,
};

/// Lifetimes above this earn a hint.
const LONG: f64 = 7.0 * 24.0 * 3600.0;

fn check(config: &ConfigSet, sink: &mut Sink) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    for init in places::documents(config, Kind::InitConfiguration) {
        for (index, token) in init.get("bootstrapTokens").iter().flat_map(|l| l.items()).enumerate() {
            check_token(config, token, index, now, sink);
        }
    }
}

fn check_token(config: &ConfigSet, token: Node, index: usize, now: i64, sink: &mut Sink) {
    if let Some(ttl) = token.get("ttl").filter(|t| !t.is_null())
        && let Some(text) = ttl.as_str()
        && !places::is_templated(config, ttl)
        && let Some(seconds) = validation::parse_go_duration(text)
    {
        if seconds <= 0.0 {
            let edit = edits::replace_scalar(ttl, "24h");
            sink.report(ttl.span(), format!("bootstrapTokens[{index}] has ttl `{text}`: the token never expires"))
                .primary_label("no expiry")
                .help("kubeadm creates the token without an expiration, so anyone who ever reads this file can join machines to the cluster; give it a lifetime (kubeadm's default is 24h) and create new tokens with `kubeadm token create` when nodes join later")
                .fix_unsafe("set ttl to 24h", edit.into_iter().collect());
        } else if seconds > LONG {
            sink.report(ttl.span(), format!("bootstrapTokens[{index}] lives for {} (ttl `{text}`)", validation::format_seconds(seconds)))
                .severity(Severity::Info)
                .help("a bootstrap token is a credential to join the cluster for its whole lifetime; kubeadm's default is 24h, and `kubeadm token create` makes a fresh one when a node joins later");
        }
    }
    if let Some(expires) = token.get("expires").filter(|e| !e.is_null())
        && let Some(text) = expires.as_str()
        && !places::is_templated(config, expires)
        && let Some(at) = validation::parse_rfc3339(text)
        && (at - now) as f64 > LONG
    {
        sink.report(expires.span(), format!("bootstrapTokens[{index}] expires at {text}, more than a week from now"))
            .severity(Severity::Info)
            .help("a bootstrap token is a credential to join the cluster until it expires; prefer a short ttl (kubeadm's default is 24h) and `kubeadm token create` for later joins");
    }
}
