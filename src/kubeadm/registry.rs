//! The frozen `k8s.gcr.io` registry: which releases it holds and how to name its successor.
//!
//! Images of new releases are published only to registry.k8s.io. The last releases pushed to
//! k8s.gcr.io were 1.23.18, 1.24.12, 1.25.8 and 1.26.3 ("k8s.gcr.io Image Registry Will Be Frozen
//! From the 3rd of April 2023", kubernetes.io blog, 2023-03-10); nothing of 1.27 was.

use super::releases::{DEFAULT_REGISTRY, LEGACY_REGISTRY};
use super::version::Version;

/// Prefixes that name the legacy registry (`gcr.io/google_containers` is its older alias).
const LEGACY_PREFIXES: [&str; 3] = [
    LEGACY_REGISTRY,
    "gcr.io/google_containers",
    "gcr.io/google-containers",
];

/// The newest patch of each minor that was still pushed to k8s.gcr.io.
const LAST_LEGACY_PATCH: [(u32, u32); 4] = [(23, 18), (24, 12), (25, 8), (26, 3)];

/// The legacy prefix `repository` starts with, if any.
pub fn legacy_prefix(repository: &str) -> Option<&'static str> {
    LEGACY_PREFIXES.into_iter().find(|prefix| {
        repository == *prefix
            || repository
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// `repository` with its legacy prefix replaced by registry.k8s.io.
pub fn modern_equivalent(repository: &str) -> Option<String> {
    let prefix = legacy_prefix(repository)?;
    Some(format!("{DEFAULT_REGISTRY}{}", &repository[prefix.len()..]))
}

/// Whether images of Kubernetes `version` were published to k8s.gcr.io.
pub fn published_to_legacy(version: &Version) -> bool {
    if version.major != 1 {
        return false;
    }
    match LAST_LEGACY_PATCH
        .iter()
        .find(|(minor, _)| *minor == version.minor)
    {
        Some((_, last)) => version.patch <= *last,
        None => version.minor < 23,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_freeze() {
        assert!(published_to_legacy(&Version::new(1, 22, 17)));
        assert!(published_to_legacy(&Version::new(1, 26, 3)));
        assert!(!published_to_legacy(&Version::new(1, 26, 4)));
        assert!(!published_to_legacy(&Version::new(1, 24, 13)));
        assert!(!published_to_legacy(&Version::new(1, 27, 0)));
        assert_eq!(legacy_prefix("k8s.gcr.io/etcd-mirror"), Some("k8s.gcr.io"));
        assert_eq!(legacy_prefix("k8s.gcr.io.example.com"), None);
        assert_eq!(
            modern_equivalent("gcr.io/google_containers").as_deref(),
            Some("registry.k8s.io")
        );
    }
}
