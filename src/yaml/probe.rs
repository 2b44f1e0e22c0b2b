//! A look at a stream's top-level keys without building a tree, to turn away files that merely
//! mention kubeadm (a ConfigMap holding a kubeadm config as text, documentation) cheaply.

use granit_parser::{Event, Parser};

/// What [`top_level_value`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// Some document's root mapping has `key` with an accepted scalar value.
    Found,
    /// The stream is well-formed and no document's root mapping has such a value.
    NotFound,
    /// The events alone do not tell (a syntax error, an alias where the key or value would be):
    /// build the tree to know.
    Unsure,
}

/// Scans the events of the whole stream for a root-mapping entry `key: value` with
/// `accept(value)`, stopping at the first. The answer is exact for the tree [`super::parse`]
/// builds: `NotFound` means no document root has such an entry (duplicates included) and the
/// parser reported no error.
pub fn top_level_value(text: &str, key: &str, accept: impl Fn(&str) -> bool) -> Probe {
    let mut parser = Parser::new_from_str(text);
    // Open collections; the root is at depth 1 once its start event is seen.
    let mut depth = 0usize;
    let mut root_is_mapping = false;
    // Children of the root mapping seen so far: even counts mean the next one is a key.
    let mut children = 0usize;
    let mut key_matches = false;
    while let Some(item) = parser.next_event() {
        let Ok((event, _)) = item else {
            return Probe::Unsure;
        };
        // A node that starts directly in the root mapping, as a key or a value.
        let in_root = depth == 1 && root_is_mapping;
        let is_key = children.is_multiple_of(2);
        match event {
            Event::DocumentStart(..) => {
                depth = 0;
                children = 0;
                root_is_mapping = false;
            }
            Event::Scalar(value, ..) if in_root => {
                if is_key {
                    key_matches = value == key;
                } else if key_matches && accept(&value) {
                    return Probe::Found;
                }
                children += 1;
            }
            Event::Alias(_) if in_root => {
                if is_key || key_matches {
                    return Probe::Unsure;
                }
                children += 1;
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 0 {
                    root_is_mapping = matches!(event, Event::MappingStart(..));
                } else if in_root {
                    if is_key {
                        key_matches = false;
                    }
                    children += 1;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Probe::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(text: &str) -> Probe {
        top_level_value(text, "apiVersion", |v| v.starts_with("kubeadm.k8s.io/"))
    }

    #[test]
    fn finds_the_key_in_any_document_root() {
        assert_eq!(probe("apiVersion: kubeadm.k8s.io/v1beta4\n"), Probe::Found);
        assert_eq!(
            probe("apiVersion: v1\nkind: A\n---\nkind: B\n\"apiVersion\": 'kubeadm.k8s.io/v1'\n"),
            Probe::Found
        );
        // The last of duplicate keys is what the tree reads; any of them counts here.
        assert_eq!(
            probe("apiVersion: kubeadm.k8s.io/v1beta3\napiVersion: v1\n"),
            Probe::Found
        );
        assert_eq!(
            probe("{kind: X, apiVersion: kubeadm.k8s.io/v1beta3}\n"),
            Probe::Found
        );
    }

    #[test]
    fn ignores_nested_and_non_root_values() {
        let config_map = "apiVersion: v1\nkind: ConfigMap\ndata:\n  apiVersion: kubeadm.k8s.io/v1beta3\n  ClusterConfiguration: |\n    apiVersion: kubeadm.k8s.io/v1beta3\n";
        assert_eq!(probe(config_map), Probe::NotFound);
        assert_eq!(
            probe("- apiVersion: kubeadm.k8s.io/v1beta3\n"),
            Probe::NotFound
        );
        assert_eq!(
            probe("? [apiVersion]\n: kubeadm.k8s.io/v1beta3\nx: apiVersion\n"),
            Probe::NotFound
        );
        assert_eq!(
            probe("a: {b: [c]}\nkind: kubeadm.k8s.io/v1\n"),
            Probe::NotFound
        );
        assert_eq!(probe("kubeadm.k8s.io/v1beta3\n"), Probe::NotFound);
        assert_eq!(probe(""), Probe::NotFound);
    }

    #[test]
    fn is_unsure_on_errors_and_aliases() {
        assert_eq!(probe("apiVersion: v1\nx: [1\n"), Probe::Unsure);
        assert_eq!(
            probe("x: &v kubeadm.k8s.io/v1beta3\napiVersion: *v\n"),
            Probe::Unsure
        );
        assert_eq!(
            probe("x: &k apiVersion\n*k : kubeadm.k8s.io/v1beta3\n"),
            Probe::Unsure
        );
    }
}
