//! Image repository syntax, as kubeadm validates it: `"<repo>/name:tag"` must match the
//! distribution reference grammar (`ValidateImageRepository`, validation.go; grammar from
//! github.com/distribution/reference). Only the shape of a repository *prefix* matters here.

/// Why an image repository is not usable as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepositoryProblem {
    Empty,
    /// `https://` or `http://` in front.
    Scheme(String),
    TrailingSlash,
    Whitespace,
    EmptyComponent,
    /// A `:tag` or `@digest` at the end: kubeadm appends `/name:tag` after it.
    TagOrDigest,
    Uppercase,
    InvalidCharacter(char),
}

impl RepositoryProblem {
    pub fn describe(&self) -> String {
        match self {
            RepositoryProblem::Empty => "is empty".into(),
            RepositoryProblem::Scheme(scheme) => format!("starts with a `{scheme}://` scheme"),
            RepositoryProblem::TrailingSlash => "ends with `/`".into(),
            RepositoryProblem::Whitespace => "contains white space".into(),
            RepositoryProblem::EmptyComponent => "contains an empty path component (`//`)".into(),
            RepositoryProblem::TagOrDigest => "ends with a tag or digest".into(),
            RepositoryProblem::Uppercase => "has upper-case letters in its path".into(),
            RepositoryProblem::InvalidCharacter(c) => format!("contains the character `{c}`"),
        }
    }

    /// True when stripping characters yields what the author meant.
    pub fn is_mechanically_fixable(&self) -> bool {
        matches!(
            self,
            RepositoryProblem::Scheme(_)
                | RepositoryProblem::TrailingSlash
                | RepositoryProblem::Whitespace
        )
    }
}

/// The repository with scheme, surrounding white space and trailing slashes removed.
pub fn normalize_repository(repository: &str) -> String {
    let mut text = repository.trim();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = text.strip_prefix(scheme) {
            text = rest;
        }
    }
    text.trim_end_matches('/').to_string()
}

/// The first problem that makes `<repository>/name:tag` an invalid reference, if any.
pub fn check_repository(repository: &str) -> Option<RepositoryProblem> {
    if repository.is_empty() {
        return Some(RepositoryProblem::Empty);
    }
    if let Some((scheme, _)) = repository.split_once("://") {
        return Some(RepositoryProblem::Scheme(scheme.to_string()));
    }
    if repository.chars().any(char::is_whitespace) {
        return Some(RepositoryProblem::Whitespace);
    }
    if repository.ends_with('/') {
        return Some(RepositoryProblem::TrailingSlash);
    }
    if repository.contains('@') {
        return Some(RepositoryProblem::TagOrDigest);
    }
    let mut components = repository.split('/');
    let first = components.next().unwrap_or_default();
    let rest: Vec<&str> = components.collect();
    // The first component may be a registry host (`host[:port]`, upper case allowed) or, if it
    // cannot be one, the first path component.
    if !is_domain(first) {
        check_path_component(first)?;
    }
    for (i, component) in rest.iter().enumerate() {
        if component.is_empty() {
            return Some(RepositoryProblem::EmptyComponent);
        }
        if component.contains(':') {
            return Some(if i + 1 == rest.len() {
                RepositoryProblem::TagOrDigest
            } else {
                RepositoryProblem::InvalidCharacter(':')
            });
        }
        if let Some(problem) = check_path_component(component) {
            return Some(problem);
        }
    }
    None
}

/// `[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?` components joined by `.`, then an optional `:port`.
fn is_domain(text: &str) -> bool {
    let (host, port) = match text.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (text, None),
    };
    if let Some(port) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`; returns the problem when it does not match.
fn check_path_component(component: &str) -> Option<RepositoryProblem> {
    if component.is_empty() {
        return Some(RepositoryProblem::EmptyComponent);
    }
    if component.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(RepositoryProblem::Uppercase);
    }
    if let Some(c) = component
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(*c)))
    {
        return Some(RepositoryProblem::InvalidCharacter(c));
    }
    let bytes = component.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        let c = if alnum(bytes[0]) {
            bytes[bytes.len() - 1]
        } else {
            bytes[0]
        } as char;
        return Some(RepositoryProblem::InvalidCharacter(c));
    }
    // Separators: one `.`, one or two `_`, or any run of `-`.
    let mut run = String::new();
    for &b in bytes {
        if alnum(b) {
            if !(run.is_empty()
                || run == "."
                || run == "_"
                || run == "__"
                || run.bytes().all(|c| c == b'-'))
            {
                return Some(RepositoryProblem::InvalidCharacter(
                    run.chars().next().unwrap_or('.'),
                ));
            }
            run.clear();
        } else {
            run.push(b as char);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The conformance cases of kubeadm's validation_test.go (facts, section 4.3).
    #[test]
    fn matches_kubeadm_conformance_cases() {
        for valid in [
            "a",
            "a.b.c",
            "a.b.c/repo",
            "a:5000",
            "a.b.c:5000",
            "a.b.c:5000/repo",
            "a/b/c",
            "127.0.0.1:5000/repo",
        ] {
            assert_eq!(check_repository(valid), None, "{valid} should be valid");
        }
        for invalid in [
            "",
            "a.b.c\n",
            " a.b.c",
            "a.b c",
            "a.b.c:5000/",
            "https://a.b.c:5000",
            "a//b/c",
            "a.b.c:5000/test:1.0",
        ] {
            assert!(
                check_repository(invalid).is_some(),
                "{invalid:?} should be invalid"
            );
        }
    }

    #[test]
    fn names_the_problem() {
        assert_eq!(
            check_repository("https://harbor.local/k8s"),
            Some(RepositoryProblem::Scheme("https".into()))
        );
        assert_eq!(
            check_repository("harbor.local/k8s/"),
            Some(RepositoryProblem::TrailingSlash)
        );
        assert_eq!(
            check_repository("harbor.local/K8s"),
            Some(RepositoryProblem::Uppercase)
        );
        assert_eq!(check_repository("Harbor.local/k8s"), None);
        assert_eq!(
            check_repository("harbor.local/k8s@sha256:abc"),
            Some(RepositoryProblem::TagOrDigest)
        );
        assert_eq!(
            normalize_repository(" https://harbor.local/k8s// "),
            "harbor.local/k8s"
        );
    }
}
