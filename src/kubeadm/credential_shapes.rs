//! Credentials found by their shape, wherever they are written: under a misspelt key
//! (`tokne:`), in a comment (`# kubeadm join --token …`), in a string of another setting, in
//! a document kubeadm would not read. The places kubeadm reads credentials from are known to
//! [`super::ConfigSet::secrets`]; this catches the rest, so that no output shows them.
//!
//! Shapes (kubernetes/kubernetes): a bootstrap token is `[a-z0-9]{6}\.[a-z0-9]{16}`
//! (`BootstrapTokenPattern`, staging/src/k8s.io/cluster-bootstrap/token/api/types.go); a
//! certificate key is 32 bytes in hex (`CertificateKeySize`, cmd/kubeadm/app/constants). A
//! `sha256:<hex>` CA pin or image digest is public and left alone.

use super::tokens;
use crate::yaml::Span;

/// Spans of every bootstrap-token-shaped or certificate-key-shaped word of `text`.
///
/// Words are maximal runs of ASCII letters, digits and dots, and a credential is a whole word
/// of 23 or 64 bytes. Any run of 23 bytes or more holds a byte whose offset is 22 modulo 23,
/// so only those bytes are looked at; a word byte there is grown into its word. This runs over
/// every candidate file and every message, and skips most bytes.
pub fn find(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut probe = SHORTEST - 1;
    while probe < bytes.len() {
        if !is_word(bytes[probe]) {
            probe += SHORTEST;
            continue;
        }
        let start = bytes[..probe]
            .iter()
            .rposition(|&b| !is_word(b))
            .map_or(0, |at| at + 1);
        let end = bytes[probe..]
            .iter()
            .position(|&b| !is_word(b))
            .map_or(bytes.len(), |at| probe + at);
        if is_credential(text, start, end) {
            found.push(Span::new(start, end));
        }
        // The first probe offset past this word (`end` is not a word byte).
        let next = end + 1;
        probe = next + (SHORTEST - 1 + SHORTEST - next % SHORTEST) % SHORTEST;
    }
    found
}

/// The shortest credential: a bootstrap token.
const SHORTEST: usize = BOOTSTRAP_TOKEN_LEN;

/// Whether the word `text[start..end]` is credential-shaped. Its length alone turns most away.
fn is_credential(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    match word.len() {
        BOOTSTRAP_TOKEN_LEN => tokens::is_valid_bootstrap_token(word),
        // After a colon it is a `sha256:` pin or digest, which is public.
        tokens::CERTIFICATE_KEY_HEX_LEN => {
            is_certificate_key(word) && !text[..start].ends_with(':')
        }
        _ => false,
    }
}

/// `text` with every credential-shaped word masked after its first six characters (a bootstrap
/// token's public id), for messages that quote a value from the file.
pub fn mask(text: &str) -> std::borrow::Cow<'_, str> {
    let found = find(text);
    if found.is_empty() {
        return text.into();
    }
    let mut masked = text.to_string();
    for span in found {
        // Credential-shaped words are ASCII, so bytes and characters agree.
        masked.replace_range(span.start + 6..span.end, &"*".repeat(span.len() - 6));
    }
    masked.into()
}

/// `abcdef.0123456789abcdef`: a 6-character id, a dot, a 16-character secret.
const BOOTSTRAP_TOKEN_LEN: usize = 23;

/// Bytes words are made of, as a table: this runs over every byte of every candidate file.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'.';
        byte += 1;
    }
    table
};

fn is_word(byte: u8) -> bool {
    WORD_BYTES[byte as usize]
}

fn is_certificate_key(word: &str) -> bool {
    word.len() == tokens::CERTIFICATE_KEY_HEX_LEN && word.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every word, one after the other: what `find` must agree with.
    fn find_word_by_word(text: &str) -> Vec<Span> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if !is_word(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && is_word(bytes[at]) {
                at += 1;
            }
            if is_credential(text, start, at) {
                found.push(Span::new(start, at));
            }
        }
        found
    }

    proptest! {
        #[test]
        fn skipping_bytes_finds_what_reading_every_word_finds(
            parts in proptest::collection::vec(
                prop_oneof![
                    "[a-z0-9]{6}\\.[a-z0-9]{16}",
                    "[0-9a-fA-F]{64}",
                    "[a-z0-9.]{1,70}",
                    "[ :=\"#\n-]{1,3}",
                    "sha256:[0-9a-f]{64}",
                    "é|ü|→",
                ],
                0..24,
            )
        ) {
            let text = parts.concat();
            prop_assert_eq!(find(&text), find_word_by_word(&text));
        }
    }

    fn found(text: &str) -> Vec<&str> {
        find(text).iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn finds_credentials_anywhere_by_shape() {
        let key = "5c75c6def87995226f15f48e88fbb564970acdca158d56bf39a10f08a9dc45f3";
        let text = format!(
            "- tokne: q8x3z1.m4n7b2v9c5x6z0l1\n# kubeadm join --token=abcdef.0123456789abcdef x\ncertificateKye: \"{key}\"\n"
        );
        assert_eq!(
            found(&text),
            ["q8x3z1.m4n7b2v9c5x6z0l1", "abcdef.0123456789abcdef", key]
        );
    }

    #[test]
    fn masks_credentials_quoted_in_a_message() {
        assert_eq!(
            mask("`abcdef.0123456789abcdef` is not a CIDR"),
            format!("`abcdef{}` is not a CIDR", "*".repeat(17))
        );
        assert!(matches!(
            mask("nothing to hide"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn leaves_lookalikes_and_public_hashes_alone() {
        let hash = "sha256:5c75c6def87995226f15f48e88fbb564970acdca158d56bf39a10f08a9dc45f3";
        for text in [
            hash,
            "image: etcd@sha256:5c75c6def87995226f15f48e88fbb564970acdca158d56bf39a10f08a9dc45f3",
            "ABCDEF.0123456789abcdef",
            "abcdef.0123456789abcdef0",
            "x.abcdef.0123456789abcdef",
            "version: v1.31.2",
            "5c75c6def87995226f15f48e88fbb564970acdca158d56bf39a10f08a9dc45f",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
