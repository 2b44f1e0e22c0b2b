//! Kubernetes versions as kubeadm parses them (`cmd/kubeadm/app/util/version.go`).

use std::fmt;

/// A minor release line, `1.31`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Minor {
    pub major: u32,
    pub minor: u32,
}

impl Minor {
    pub const fn new(major: u32, minor: u32) -> Self {
        Minor { major, minor }
    }

    pub fn previous(self) -> Self {
        Minor::new(self.major, self.minor.saturating_sub(1))
    }

    pub fn offset(self, delta: i64) -> Self {
        let minor = (self.minor as i64 + delta).max(0) as u32;
        Minor::new(self.major, minor)
    }

    /// The `.0` release of this minor.
    pub fn dot_zero(self) -> Version {
        Version::new(self.major, self.minor, 0)
    }
}

impl fmt::Display for Minor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// A concrete version, `v1.31.2` or `v1.37.0-rc.0`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
    /// Everything after the patch number (`-rc.0`, `+build`), empty for a release.
    pub suffix: String,
}

impl Version {
    pub fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
            suffix: String::new(),
        }
    }

    pub fn minor_line(&self) -> Minor {
        Minor::new(self.major, self.minor)
    }

    pub fn is_prerelease(&self) -> bool {
        self.suffix.starts_with('-')
    }

    /// Parses what kubeadm accepts as a semantic version: `^v?MAJOR.MINOR.PATCH([-\w.+]*)?$`
    /// with no leading zeros.
    pub fn parse(text: &str) -> Option<Version> {
        let rest = text.strip_prefix('v').unwrap_or(text);
        let mut parts = rest.splitn(3, '.');
        let major = parse_number(parts.next()?)?;
        let minor = parse_number(parts.next()?)?;
        let tail = parts.next()?;
        let digits = tail
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len());
        let patch = parse_number(&tail[..digits])?;
        let suffix = &tail[digits..];
        let suffix_ok = suffix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'));
        if !suffix_ok || (!suffix.is_empty() && !suffix.starts_with(['-', '+', '.'])) {
            return None;
        }
        Some(Version {
            major,
            minor,
            patch,
            suffix: suffix.to_string(),
        })
    }

    /// The image tag kubeadm derives from a version: `v` prefix, `+` replaced by `_`.
    pub fn image_tag(&self) -> String {
        format!("v{}", self).replace('+', "_")
    }
}

fn parse_number(text: &str) -> Option<u32> {
    if text.is_empty() || (text.len() > 1 && text.starts_with('0')) {
        return None;
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    /// Orders by number; a pre-release sorts before its release.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.is_prerelease(), other.is_prerelease()) {
                (true, false) => std::cmp::Ordering::Less,
                (false, true) => std::cmp::Ordering::Greater,
                _ => self.suffix.cmp(&other.suffix),
            })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}.{}{}",
            self.major, self.minor, self.patch, self.suffix
        )
    }
}

/// What a `kubernetesVersion` value is, the way kubeadm reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KubernetesVersionValue {
    /// A concrete version; `had_v` is false for `1.29.3` (accepted, kubeadm adds the `v`).
    Concrete { version: Version, had_v: bool },
    /// A label resolved over the network (`stable-1`, `latest-1.29`, `release/stable`).
    Label(String),
    /// A CI build (`ci/latest`, `ci/v1.38.0-alpha.2.123+abc`): images come from the CI registry.
    Ci {
        label: String,
        version: Option<Version>,
    },
    /// Neither: kubeadm fails with "doesn't match patterns for neither semantic version nor labels".
    Malformed,
}

impl KubernetesVersionValue {
    pub fn parse(text: &str) -> Self {
        if let Some(rest) = text.strip_prefix("ci/") {
            return KubernetesVersionValue::Ci {
                label: rest.to_string(),
                version: Version::parse(rest),
            };
        }
        if let Some(version) = Version::parse(text) {
            return KubernetesVersionValue::Concrete {
                version,
                had_v: text.starts_with('v'),
            };
        }
        let label = text.strip_prefix("release/").unwrap_or(text);
        if is_label(label) {
            return KubernetesVersionValue::Label(text.to_string());
        }
        KubernetesVersionValue::Malformed
    }
}

/// `^((latest|stable)+(-[1-9](\.[1-9](\d)?)?)?)$`, the label pattern of version.go.
fn is_label(text: &str) -> bool {
    let mut rest = text;
    let mut words = 0;
    while let Some(r) = rest
        .strip_prefix("latest")
        .or_else(|| rest.strip_prefix("stable"))
    {
        rest = r;
        words += 1;
    }
    if words == 0 {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    let Some(rest) = rest.strip_prefix('-') else {
        return false;
    };
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !('1'..='9').contains(&first) {
        return false;
    }
    let rest = chars.as_str();
    if rest.is_empty() {
        return true;
    }
    let Some(minor) = rest.strip_prefix('.') else {
        return false;
    };
    let bytes = minor.as_bytes();
    match bytes {
        [a] => (b'1'..=b'9').contains(a),
        [a, b] => (b'1'..=b'9').contains(a) && b.is_ascii_digit(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions_like_kubeadm() {
        assert_eq!(Version::parse("v1.31.2"), Some(Version::new(1, 31, 2)));
        assert_eq!(Version::parse("1.29.3"), Some(Version::new(1, 29, 3)));
        assert!(Version::parse("v1.21").is_none());
        assert!(Version::parse("v1.18.x").is_none());
        assert!(Version::parse("v01.2.3").is_none());
        let rc = Version::parse("v1.37.0-rc.0").unwrap();
        assert!(rc.is_prerelease());
        assert!(rc < Version::new(1, 37, 0));
        // A distro package revision parses as a pre-release suffix, as in kubeadm's regex.
        assert!(Version::parse("1.30.0-0").is_some());
    }

    #[test]
    fn classifies_kubernetes_version_values() {
        use KubernetesVersionValue::*;
        assert!(matches!(
            KubernetesVersionValue::parse("stable-1"),
            Label(_)
        ));
        assert!(matches!(
            KubernetesVersionValue::parse("latest-1.29"),
            Label(_)
        ));
        assert!(matches!(
            KubernetesVersionValue::parse("release/stable"),
            Label(_)
        ));
        assert!(matches!(KubernetesVersionValue::parse("stable"), Label(_)));
        assert!(matches!(
            KubernetesVersionValue::parse("ci/latest"),
            Ci { .. }
        ));
        assert!(matches!(KubernetesVersionValue::parse("v1.21"), Malformed));
        assert!(matches!(
            KubernetesVersionValue::parse("stable-0"),
            Malformed
        ));
        assert!(matches!(
            KubernetesVersionValue::parse("1.29.3"),
            Concrete { had_v: false, .. }
        ));
    }
}
