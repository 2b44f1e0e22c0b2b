//! Unified diffs of fixes, in the form `git apply` and `patch -p1` accept.

use similar::TextDiff;

/// A unified diff from `old` to `new` for the file `path` (as the user gave it), with `a/` and
/// `b/` headers. Empty when nothing changed. Line endings and a missing final newline are kept
/// in the diff lines, so applying it gives `new` byte for byte.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let name = header_path(path);
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// The path as given, without a leading `./` or doubled slashes (and with `/` separators on
/// Windows), as diff headers write it.
fn header_path(path: &str) -> String {
    let mut path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_git_style_headers() {
        let diff = unified_diff("./conf//kubeadm.yaml", "a: 1\nb: 2\n", "a: 1\nb: 3\n");
        assert_eq!(
            diff,
            "--- a/conf/kubeadm.yaml\n+++ b/conf/kubeadm.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n"
        );
        assert_eq!(unified_diff("x.yaml", "same\n", "same\n"), "");
    }

    #[test]
    fn keeps_crlf_and_marks_a_missing_final_newline() {
        let diff = unified_diff("k.yaml", "a: 1\r\nb: 2", "a: 1\r\nb: 3");
        assert_eq!(
            diff,
            "--- a/k.yaml\n+++ b/k.yaml\n@@ -1,2 +1,2 @@\n a: 1\r\n-b: 2\n\\ No newline at end of file\n+b: 3\n\\ No newline at end of file\n"
        );
    }
}
