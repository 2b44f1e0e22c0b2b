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
pub fn find(text: &str) -> Vec<Span> {
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
        // Words are ASCII letters, digits and dots. Their length alone turns most away.
        let word = &text[start..at];
        let is_credential = match word.len() {
            BOOTSTRAP_TOKEN_LEN => tokens::is_valid_bootstrap_token(word),
            tokens::CERTIFICATE_KEY_HEX_LEN => {
                is_certificate_key(word) && !(start > 0 && bytes[start - 1] == b':')
            }
            _ => false,
        };
        if is_credential {
            found.push(Span::new(start, at));
        }
    }
    found
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
