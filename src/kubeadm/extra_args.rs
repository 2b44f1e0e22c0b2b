//! Where kubeadm takes extra command-line flags for the components it runs, and how each API
//! version spells them.
//!
//! kubeadm.k8s.io/v1beta1–v1beta3 write `extraArgs: {flag: value}` (a `map[string]string`);
//! v1beta4 (and the v1 placeholder) write a list of `{name, value}` (`[]Arg`, duplicates
//! allowed). Sources: `cmd/kubeadm/app/apis/kubeadm/v1beta4/doc.go` (migration notes),
//! `v1beta3/conversion.go` (map → list sorted by name, list → map keeping the last duplicate),
//! facts 2.4. kubeadm turns each pair into `--name=value` on the component's command line
//! (`cmd/kubeadm/app/util/arguments.go`), so names are flag names without dashes.

use crate::yaml::{Node, ScalarStyle};

use super::api::{ApiVersion, Kind, KubeadmVersion};
use super::config::{ConfigSet, KubeadmDocument};

/// A component kubeadm passes extra flags to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    ApiServer,
    ControllerManager,
    Scheduler,
    Etcd,
    Kubelet,
}

impl Component {
    /// The binary's name, as in messages and manifests.
    pub fn binary(self) -> &'static str {
        match self {
            Component::ApiServer => "kube-apiserver",
            Component::ControllerManager => "kube-controller-manager",
            Component::Scheduler => "kube-scheduler",
            Component::Etcd => "etcd",
            Component::Kubelet => "kubelet",
        }
    }

    /// The ClusterConfiguration key of a control-plane component (`apiServer`), if any.
    pub fn cluster_key(self) -> Option<&'static str> {
        match self {
            Component::ApiServer => Some("apiServer"),
            Component::ControllerManager => Some("controllerManager"),
            Component::Scheduler => Some("scheduler"),
            Component::Etcd | Component::Kubelet => None,
        }
    }
}

/// One place that holds extra flags.
#[derive(Debug, Clone, Copy)]
pub struct ArgsField {
    pub kind: Kind,
    pub path: &'static [&'static str],
    pub component: Component,
}

/// Every extra-flags field, by kind.
pub const FIELDS: [ArgsField; 6] = [
    ArgsField {
        kind: Kind::ClusterConfiguration,
        path: &["apiServer", "extraArgs"],
        component: Component::ApiServer,
    },
    ArgsField {
        kind: Kind::ClusterConfiguration,
        path: &["controllerManager", "extraArgs"],
        component: Component::ControllerManager,
    },
    ArgsField {
        kind: Kind::ClusterConfiguration,
        path: &["scheduler", "extraArgs"],
        component: Component::Scheduler,
    },
    ArgsField {
        kind: Kind::ClusterConfiguration,
        path: &["etcd", "local", "extraArgs"],
        component: Component::Etcd,
    },
    ArgsField {
        kind: Kind::InitConfiguration,
        path: &["nodeRegistration", "kubeletExtraArgs"],
        component: Component::Kubelet,
    },
    ArgsField {
        kind: Kind::JoinConfiguration,
        path: &["nodeRegistration", "kubeletExtraArgs"],
        component: Component::Kubelet,
    },
];

/// How an API version spells extra flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `flag: value` (v1beta1–v1beta3).
    Map,
    /// `- name: flag\n  value: value` (v1beta4, v1).
    List,
}

impl Shape {
    pub fn of(version: KubeadmVersion) -> Option<Shape> {
        match version {
            KubeadmVersion::V1beta4 | KubeadmVersion::V1 => Some(Shape::List),
            KubeadmVersion::V1beta1 | KubeadmVersion::V1beta2 | KubeadmVersion::V1beta3 => {
                Some(Shape::Map)
            }
            _ => None,
        }
    }
}

/// True when `path` (dotted, from the document root) of a document of `kind` holds extra flags.
pub fn is_args_path(kind: Kind, path: &str) -> bool {
    // Asked for every key of every document: the last segment first, then the others,
    // without joining.
    let last = path.rsplit('.').next();
    FIELDS.iter().any(|f| {
        f.kind == kind
            && f.path.last().copied() == last
            && path.split('.').eq(f.path.iter().copied())
    })
}

/// The extra-flags fields present in a document.
#[derive(Debug, Clone, Copy)]
pub struct ArgsBlock<'a> {
    /// Position in the stream of the document it belongs to ([`KubeadmDocument::index`]).
    pub document: usize,
    pub field: ArgsField,
    /// The mapping that holds the `extraArgs` key (`apiServer`, `nodeRegistration`, …).
    pub parent: Node<'a>,
    /// The `extraArgs` / `kubeletExtraArgs` key.
    pub key: Node<'a>,
    /// Its value (a mapping, a list, or something wrong).
    pub value: Node<'a>,
    /// The shape the document's API version expects.
    pub expected: Shape,
}

impl<'a> ArgsBlock<'a> {
    /// `apiServer.extraArgs`.
    pub fn dotted(&self) -> String {
        self.field.path.join(".")
    }

    /// The flags written here, in either shape, in file order. Items that are not flags at all
    /// (a list item without a `name`) are skipped.
    pub fn args(&self) -> Vec<Arg<'a>> {
        args_of(self.value)
    }

    /// An edit that removes `arg` (its map entry or its list item); the whole `extraArgs` key
    /// when `arg` is its only flag, so no empty key is left behind.
    pub fn deletion(&self, text: &str, arg: &Arg<'a>) -> Option<crate::diagnostic::Edit> {
        let value = self.value.resolve();
        if value.len() == 1 {
            return crate::fix::structure::delete_entry(text, self.parent, self.key);
        }
        match arg.item {
            Some(item) => crate::fix::structure::delete_item(text, value, item),
            None => crate::fix::structure::delete_entry(text, value, arg.name_node),
        }
    }

    /// The last value given for `flag` (kubeadm keeps the last of repeated map keys; for a list
    /// the component's own flag parser usually keeps the last too).
    pub fn get(&self, flag: &str) -> Option<Arg<'a>> {
        self.args().into_iter().rfind(|a| a.name == flag)
    }
}

/// One extra flag.
#[derive(Debug, Clone, Copy)]
pub struct Arg<'a> {
    pub name: &'a str,
    /// The map key, or the `name` value of a list item.
    pub name_node: Node<'a>,
    /// The value node (absent for a list item without `value`).
    pub value: Option<Node<'a>>,
    /// The list item, for the list shape.
    pub item: Option<Node<'a>>,
}

impl<'a> Arg<'a> {
    /// The value as the component receives it: YAML's text for scalars; `""` for null.
    pub fn text(&self) -> Option<&'a str> {
        match self.value {
            None => Some(""),
            Some(v) if v.is_null() => Some(""),
            Some(v) => v.as_str(),
        }
    }

    /// The node to point at: the value when there is one, else the name.
    pub fn value_or_name(&self) -> Node<'a> {
        self.value.unwrap_or(self.name_node)
    }

    /// True when the value is a quoted string (as opposed to plain text YAML may retype).
    pub fn is_quoted(&self) -> bool {
        self.value
            .and_then(|v| v.scalar_style())
            .is_some_and(ScalarStyle::is_quoted)
    }
}

/// The flags held by an `extraArgs`-like node, in either shape, in file order. Items that are
/// not flags at all (a list item without a `name`) are skipped.
pub fn args_of(node: Node<'_>) -> Vec<Arg<'_>> {
    let value = node.resolve();
    if value.is_mapping() {
        value
            .entries()
            .filter_map(|(key, val)| {
                Some(Arg {
                    name: key.as_str()?,
                    name_node: key,
                    value: Some(val),
                    item: None,
                })
            })
            .collect()
    } else {
        value
            .items()
            .filter_map(|item| {
                let name_node = item.get("name")?;
                Some(Arg {
                    name: name_node.as_str()?,
                    name_node,
                    value: item.get("value"),
                    item: Some(item),
                })
            })
            .collect()
    }
}

/// The flags of `<component>.extraArgs` under a ClusterConfiguration root (`["apiServer"]`,
/// `["controllerManager"]`, `["etcd", "local"]`), whatever the document's API version.
pub fn component_args<'a>(root: Node<'a>, component: &[&str]) -> Vec<Arg<'a>> {
    let mut keys = component.to_vec();
    keys.push("extraArgs");
    root.path(&keys).map(args_of).unwrap_or_default()
}

/// The occurrence of `name` kubeadm uses: the last (`GetArgValue(args, name, -1)` walks the list
/// backwards; a v1beta3 map keeps the last of repeated keys).
pub fn last<'s, 'a>(args: &'s [Arg<'a>], name: &str) -> Option<&'s Arg<'a>> {
    args.iter().rev().find(|a| a.name == name)
}

/// The extra-flags blocks of one document, with the shape its API version expects.
pub fn blocks<'c, 'a>(
    config: &'c ConfigSet<'a>,
    doc: &KubeadmDocument<'a>,
) -> impl Iterator<Item = ArgsBlock<'a>> + 'c {
    let document = doc.index;
    config
        .args_blocks()
        .iter()
        .filter(move |b| b.document == document)
        .copied()
}

/// The extra-flags blocks of a component across the file's documents.
pub fn blocks_of<'c, 'a>(
    config: &'c ConfigSet<'a>,
    component: Component,
) -> impl Iterator<Item = ArgsBlock<'a>> + 'c {
    config
        .args_blocks()
        .iter()
        .filter(move |b| b.field.component == component)
        .copied()
}

/// [`blocks`], found (the config set keeps them: a dozen rules ask).
pub(super) fn find_blocks<'a>(doc: &KubeadmDocument<'a>) -> Vec<ArgsBlock<'a>> {
    let ApiVersion::Kubeadm(version) = doc.api else {
        return Vec::new();
    };
    let (Some(kind), Some(expected)) = (doc.kind, Shape::of(version)) else {
        return Vec::new();
    };
    FIELDS
        .iter()
        .filter(|f| f.kind == kind)
        .filter_map(|field| {
            let (parent_path, last) = field.path.split_at(field.path.len() - 1);
            let parent = doc.root.path(parent_path)?;
            let (key, value) = parent.entry(last[0])?;
            (!value.is_null()).then_some(ArgsBlock {
                document: doc.index,
                field: *field,
                parent,
                key,
                value,
                expected,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeadm::{ConfigSet, VersionOptions};
    use crate::source::SourceFile;
    use crate::yaml::parse;

    #[test]
    fn every_args_field_exists_in_every_api_version_with_the_expected_shape() {
        use crate::kubeadm::schema::{self, ValueKind};
        for version in [
            KubeadmVersion::V1beta1,
            KubeadmVersion::V1beta2,
            KubeadmVersion::V1beta3,
            KubeadmVersion::V1beta4,
        ] {
            for field in FIELDS {
                let root = schema::root_fields(ApiVersion::Kubeadm(version), field.kind).unwrap();
                let found = schema::field_at_path(root, field.path)
                    .unwrap_or_else(|| panic!("{version:?} {:?} {:?}", field.kind, field.path));
                let shape = match found.kind {
                    ValueKind::Map(_) => Shape::Map,
                    ValueKind::List(_) => Shape::List,
                    other => panic!("{other:?}"),
                };
                assert_eq!(
                    Some(shape),
                    Shape::of(version),
                    "{version:?} {:?}",
                    field.path
                );
            }
        }
    }

    #[test]
    fn reads_both_shapes() {
        let text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    - name: a\n      value: \"1\"\n    - name: b\ncontrollerManager:\n  extraArgs:\n    c: d\n";
        let source = SourceFile::new("t.yaml", text);
        let tree = parse(text);
        let config = ConfigSet::new(&source, &tree, &VersionOptions::default());
        let found: Vec<ArgsBlock> = blocks(&config, &config.documents[0]).collect();
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|b| b.expected == Shape::List));
        let api: Vec<_> = found[0].args().iter().map(|a| (a.name, a.text())).collect();
        assert_eq!(api, vec![("a", Some("1")), ("b", Some(""))]);
        assert_eq!(found[1].get("c").and_then(|a| a.text()), Some("d"));
        assert!(is_args_path(
            Kind::InitConfiguration,
            "nodeRegistration.kubeletExtraArgs"
        ));
        assert!(!is_args_path(
            Kind::InitConfiguration,
            "apiServer.extraArgs"
        ));
    }

    #[test]
    fn component_flags_are_read_from_a_bare_root_and_the_last_one_wins() {
        let tree = parse(
            "controllerManager:\n  extraArgs:\n  - name: a\n    value: \"1\"\n  - name: a\n    value: \"2\"\n",
        );
        let args = component_args(tree.root(0).unwrap(), &["controllerManager"]);
        assert_eq!(args.len(), 2);
        assert_eq!(last(&args, "a").and_then(|a| a.text()), Some("2"));
        let tree = parse("etcd:\n  local:\n    extraArgs:\n      b: c\n");
        let args = component_args(tree.root(0).unwrap(), &["etcd", "local"]);
        assert_eq!(last(&args, "b").and_then(|a| a.text()), Some("c"));
    }
}
