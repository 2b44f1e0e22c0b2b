//! Bootstrap tokens, certificate keys and CA certificate hashes: their formats as kubeadm and
//! the cluster-bootstrap library check them, and the example values everybody has seen.
//!
//! Sources (kubernetes/kubernetes):
//! - `staging/src/k8s.io/cluster-bootstrap/token/api/types.go`: `BootstrapTokenPattern`
//!   `\A([a-z0-9]{6})\.([a-z0-9]{16})\z`, `BootstrapGroupPattern`
//!   `\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z`, `KnownTokenUsages`
//!   (`signing`, `authentication`).
//! - `cmd/kubeadm/app/apis/kubeadm/validation/validation.go`: `ValidateCertificateKey` (hex,
//!   32 bytes once decoded), `ValidateTokenGroups` (groups need the `authentication` usage).
//! - `cmd/kubeadm/app/util/pubkeypin/pubkeypin.go`: a CA pin is `<format>:<hex>` with the
//!   format `sha256` (any case) and exactly 32 bytes of hex; anything else fails `kubeadm join`
//!   with "invalid discovery token CA certificate hash".
//!
//! Nothing here ever returns a credential in a message: callers print `Secret::masked()`.

/// `signing` and `authentication`, the only usages a bootstrap token may carry.
pub const KNOWN_USAGES: [&str; 2] = ["signing", "authentication"];

/// The group kubeadm gives its tokens when `groups` is left out.
pub const DEFAULT_GROUP: &str = "system:bootstrappers:kubeadm:default-node-token";

/// Length of a certificate key in hex characters (an AES-256 key, `CertificateKeySize = 32`).
pub const CERTIFICATE_KEY_HEX_LEN: usize = 64;

/// `^[a-z0-9]{6}\.[a-z0-9]{16}$`.
pub fn is_valid_bootstrap_token(token: &str) -> bool {
    match token.split_once('.') {
        Some((id, secret)) => {
            id.len() == 6 && secret.len() == 16 && is_token_chars(id) && is_token_chars(secret)
        }
        None => false,
    }
}

fn is_token_chars(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Why a string is not a bootstrap token, without repeating it.
pub fn token_problem(token: &str) -> Option<String> {
    if is_valid_bootstrap_token(token) {
        return None;
    }
    let Some((id, secret)) = token.split_once('.') else {
        return Some(format!(
            "has no `.` between the 6-character id and the 16-character secret ({} characters in all)",
            token.chars().count()
        ));
    };
    let bad = |part: &str| {
        part.chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
    };
    if let Some(c) = bad(id).or_else(|| bad(secret)) {
        return Some(if c.is_ascii_uppercase() {
            "has upper-case letters; only a-z and 0-9 are allowed".to_string()
        } else {
            format!(
                "contains `{}`; only a-z and 0-9 are allowed",
                c.escape_debug()
            )
        });
    }
    Some(format!(
        "has a {}-character id and a {}-character secret; it must be 6 and 16",
        id.chars().count(),
        secret.chars().count()
    ))
}

/// `^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$`.
pub fn is_valid_bootstrap_group(group: &str) -> bool {
    let Some(rest) = group.strip_prefix("system:bootstrappers:") else {
        return false;
    };
    let Some(last) = rest.chars().last() else {
        return false;
    };
    rest.len() <= 256
        && (last.is_ascii_lowercase() || last.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ':' || c == '-')
}

/// Why a certificate key is refused (`ValidateCertificateKey`), without repeating it. An empty
/// key is fine: kubeadm generates one.
pub fn certificate_key_problem(key: &str) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    if let Some(c) = key.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Some(format!(
            "is not hexadecimal (it contains `{}`)",
            c.escape_debug()
        ));
    }
    if key.len() % 2 == 1 {
        return Some(format!(
            "has an odd number of hex digits ({}), so it does not decode",
            key.len()
        ));
    }
    (key.len() != CERTIFICATE_KEY_HEX_LEN).then(|| {
        format!(
            "decodes to {} bytes; kubeadm needs an AES key of 32 bytes ({CERTIFICATE_KEY_HEX_LEN} hex digits)",
            key.len() / 2
        )
    })
}

/// Why a `caCertHashes` entry does not parse as a public-key pin (`pubkeypin.Set.Allow`).
pub fn ca_cert_hash_problem(hash: &str) -> Option<String> {
    let parts: Vec<&str> = hash.split(':').collect();
    let [format, value] = parts.as_slice() else {
        return Some("is not of the form `sha256:<64 hex digits>`".to_string());
    };
    if !format.eq_ignore_ascii_case("sha256") {
        return Some(format!(
            "uses the hash format `{format}`; kubeadm knows only `sha256`"
        ));
    }
    if value.len() != 64 {
        return Some(format!(
            "has {} characters after `sha256:`; a SHA-256 hash has 64 hex digits",
            value.chars().count()
        ));
    }
    value
        .chars()
        .find(|c| !c.is_ascii_hexdigit())
        .map(|c| format!("contains `{}`, which is not a hex digit", c.escape_debug()))
}

/// Where a well-known value was published.
#[derive(Debug, Clone, Copy)]
pub struct WellKnown {
    pub value: &'static str,
    pub source: &'static str,
}

/// Bootstrap tokens printed in kubeadm's output, code or documentation: anyone can guess them.
pub const WELL_KNOWN_TOKENS: [WellKnown; 6] = [
    WellKnown {
        value: "abcdef.0123456789abcdef",
        source: "`kubeadm config print init-defaults` and the bootstrap-token documentation",
    },
    WellKnown {
        value: "9a08jv.c0izixklcxtmnze7",
        source: "the kubeadm configuration reference",
    },
    WellKnown {
        value: "783bde.3f89s0fje9f38fhf",
        source: "the kubeadm configuration reference",
    },
    WellKnown {
        value: "9vr73a.a8uxyaju799qwdjv",
        source: "the kubeadm high-availability guide",
    },
    WellKnown {
        value: "07401b.f395accd246ae52d",
        source: "the bootstrap-token and TLS-bootstrapping documentation",
    },
    WellKnown {
        value: "abcdef.abcdef0123456789",
        source: "kubeadm's own dry-run token (cmd/kubeadm/app/discovery/token/token.go)",
    },
];

/// Certificate keys printed in kubeadm's documentation.
pub const WELL_KNOWN_CERTIFICATE_KEYS: [WellKnown; 2] = [
    WellKnown {
        value: "e6a2eb8581237ab72a4f494f30285ec12a9694d750b9785706a83bfcbbbd2204",
        source: "the kubeadm configuration reference",
    },
    WellKnown {
        value: "f8902e114ef118304e561c3ecd4d0b543adc226b7a07f675f56564185ffe0c07",
        source: "the kubeadm high-availability guide",
    },
];

/// The documentation value a token is (`true`), or is visibly derived from (`false`): the same
/// value in another case, or the same id or the same secret half as a published token.
pub fn well_known_token(token: &str) -> Option<(WellKnown, bool)> {
    if let Some(known) = WELL_KNOWN_TOKENS.iter().find(|k| k.value == token) {
        return Some((*known, true));
    }
    let lower = token.to_ascii_lowercase();
    let (id, secret) = lower.split_once('.')?;
    WELL_KNOWN_TOKENS
        .iter()
        .find(|k| {
            let (known_id, known_secret) = k.value.split_once('.').expect("id.secret");
            id == known_id || secret == known_secret
        })
        .map(|k| (*k, false))
}

/// The documentation key a certificate key is, or is visibly derived from (same first or last
/// eight hex digits: a random key shares them with odds of one in four billion).
pub fn well_known_certificate_key(key: &str) -> Option<(WellKnown, bool)> {
    if let Some(known) = WELL_KNOWN_CERTIFICATE_KEYS.iter().find(|k| k.value == key) {
        return Some((*known, true));
    }
    let lower = key.to_ascii_lowercase();
    if lower.len() < 16 {
        return None;
    }
    WELL_KNOWN_CERTIFICATE_KEYS
        .iter()
        .find(|k| {
            lower.starts_with(&k.value[..8]) || lower.ends_with(&k.value[k.value.len() - 8..])
        })
        .map(|k| (*k, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_format_matches_cluster_bootstrap() {
        // validation_test.go, TestValidateToken.
        assert!(is_valid_bootstrap_token("772ef5.6b6baab1d4a0a171"));
        for bad in [
            ".6b6baab1d4a0a171",
            "772ef5.",
            "abcdef.1234567890123456@foobar",
            "ABCDEF.0123456789abcdef",
            "abcdef0123456789abcdef",
            "abcdef.0123456789abcde",
        ] {
            assert!(!is_valid_bootstrap_token(bad), "{bad}");
            assert!(token_problem(bad).is_some(), "{bad}");
        }
        assert!(
            token_problem("ABCDEF.0123456789abcdef")
                .unwrap()
                .contains("upper-case")
        );
    }

    #[test]
    fn groups_need_the_bootstrappers_prefix() {
        assert!(is_valid_bootstrap_group("system:bootstrappers:anygroup"));
        assert!(is_valid_bootstrap_group(DEFAULT_GROUP));
        for bad in [
            "some group",
            "system:bootstrappers:",
            "system:bootstrappers:x-",
            "system:masters",
            "system:bootstrappers:Upper",
        ] {
            assert!(!is_valid_bootstrap_group(bad), "{bad}");
        }
    }

    #[test]
    fn certificate_keys_are_32_bytes_of_hex() {
        // validation_test.go, TestValidateCertificateKey.
        let key = "e6a2eb8581237ab72a4f494f30285ec12a9694d750b9785706a83bfcbbbd2204";
        assert_eq!(certificate_key_problem(key), None);
        assert!(certificate_key_problem(&format!("z{key}")).is_some());
        assert!(certificate_key_problem("e6a2").unwrap().contains("2 bytes"));
        assert!(certificate_key_problem("abc").unwrap().contains("odd"));
        assert_eq!(certificate_key_problem(""), None);
        assert_eq!(certificate_key_problem(&key.to_uppercase()), None);
    }

    #[test]
    fn ca_hashes_parse_like_pubkeypin() {
        let good = "sha256:7173b809ca12ec5dee4506cd86be934c4596dd234ee82c0662eac04a8c2c71dc";
        assert_eq!(ca_cert_hash_problem(good), None);
        assert_eq!(ca_cert_hash_problem(&good.to_uppercase()), None);
        for bad in [
            "aaaa",
            "sha256:yyy",
            "md5:7173b809ca12ec5dee4506cd86be934c4596dd234ee82c0662eac04a8c2c71dc",
            "sha256:7173b809ca12ec5dee4506cd86be934c4596dd234ee82c0662eac04a8c2c71dz",
            "sha256:a:b",
        ] {
            assert!(ca_cert_hash_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn documentation_values_and_near_copies_are_recognised() {
        assert!(well_known_token("abcdef.0123456789abcdef").unwrap().1);
        assert!(!well_known_token("ABCDEF.0123456789ABCDEF").unwrap().1);
        assert!(!well_known_token("abcdef.1234567890123456").unwrap().1);
        assert!(well_known_token("772ef5.6b6baab1d4a0a171").is_none());
        let docs = WELL_KNOWN_CERTIFICATE_KEYS[0].value;
        assert!(well_known_certificate_key(docs).unwrap().1);
        let derived = format!("{}00000000", &docs[..56]);
        assert!(!well_known_certificate_key(&derived).unwrap().1);
        assert!(
            well_known_certificate_key(
                "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
            )
            .is_none()
        );
    }
}
