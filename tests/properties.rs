//! Properties over generated kubeadm-like files: random nesting of known and misspelt fields,
//! block and flow styles, every quoting style, comments, anchors and aliases, several
//! documents, unicode, CRLF and a BOM. Checking never panics and prints no credential; fixing
//! changes only the bytes its edits cover and a second run changes nothing.

mod common;
#[path = "common/invariants.rs"]
mod invariants;

use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Keys kubeadm knows (some in the wrong case, some misspelt, so fixes are offered), and
/// values that make rules fire.
const KEYS: &[&str] = &[
    "networking",
    "podSubnet",
    "PodSubnet",
    "serviceSubnet",
    "dnsDomain",
    "etcd",
    "local",
    "external",
    "endpoints",
    "dataDir",
    "imageRepository",
    "ImageRepository",
    "dns",
    "controlPlaneEndpoint",
    "controlPlaneEndpiont",
    "apiServer",
    "extraArgs",
    "certSANs",
    "nodeRegistration",
    "criSocket",
    "taints",
    "bootstrapTokens",
    "token",
    "Token",
    "certificateKey",
    "description",
    "Description",
    "discovery",
    "bootstrapToken",
    "tlsBootstrapToken",
    "kubernetesVersion",
    "clusterName",
    "name",
    "value",
    "x",
    "ключ",
];

const VALUES: &[&str] = &[
    "k8s.gcr.io",
    "registry.k8s.io",
    "https://registry.example.com/",
    "harbor.local/k8s",
    "10.96.0.0/12",
    "v1.31.2",
    "1.29",
    "stable-1",
    "abcdef.0123456789abcdef",
    "k3x9q2.7f4c1d8e9a0b2c3d",
    "e6a2eb8581237ab72a4f494f30285ec12a9694d750b9785706a83bfcbbbd2204",
    "unix:///run/containerd/containerd.sock",
    "true",
    "null",
    "",
    "~",
    "42",
    "café ☕",
    "a: b",
    "# not a comment",
    "line\nbreak",
    "tab\there",
];

const HEADERS: &[(&str, &str)] = &[
    ("kubeadm.k8s.io/v1beta4", "ClusterConfiguration"),
    ("kubeadm.k8s.io/v1beta4", "InitConfiguration"),
    ("kubeadm.k8s.io/v1beta4", "JoinConfiguration"),
    ("kubeadm.k8s.io/v1beta3", "ClusterConfiguration"),
    ("kubeadm.k8s.io/v1beta3", "InitConfiguration"),
    ("kubeadm.k8s.io/v1beta2", "ClusterConfiguration"),
    ("kubelet.config.k8s.io/v1beta1", "KubeletConfiguration"),
    ("kubeadm.k8s.io/v1alpha2", "MasterConfiguration"),
];

#[derive(Debug, Clone)]
enum Value {
    Scalar(&'static str, Quote),
    Map(Vec<(&'static str, Value)>, bool),
    List(Vec<Value>, bool),
    /// `*a<n>`: an alias to the n-th anchor written so far (or an unknown one).
    Alias(usize),
}

#[derive(Debug, Clone, Copy)]
enum Quote {
    Plain,
    Single,
    Double,
    Literal,
}

fn quote() -> impl Strategy<Value = Quote> {
    prop_oneof![
        4 => Just(Quote::Plain),
        1 => Just(Quote::Single),
        1 => Just(Quote::Double),
        1 => Just(Quote::Literal),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        8 => (prop::sample::select(VALUES), quote()).prop_map(|(v, q)| Value::Scalar(v, q)),
        1 => (0usize..4).prop_map(Value::Alias),
    ];
    leaf.prop_recursive(5, 48, 5, |inner| {
        prop_oneof![
            3 => (
                prop::collection::vec((prop::sample::select(KEYS), inner.clone()), 0..5),
                prop::bool::weighted(0.2),
            )
                .prop_map(|(entries, flow)| Value::Map(entries, flow)),
            1 => (prop::collection::vec(inner, 0..4), prop::bool::weighted(0.2))
                .prop_map(|(items, flow)| Value::List(items, flow)),
        ]
    })
}

/// Writes values as YAML, mostly valid: flow collections inside flow collections, block
/// collections in block context, an anchor on some nodes and a comment after some lines.
struct Writer {
    out: String,
    anchors: usize,
    seed: u32,
}

impl Writer {
    /// A cheap deterministic choice, so that the text is a function of the generated value.
    fn roll(&mut self, one_in: u32) -> bool {
        self.seed = self.seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (self.seed >> 16).is_multiple_of(one_in)
    }

    fn anchor(&mut self) -> String {
        if self.roll(6) {
            self.anchors += 1;
            format!("&a{} ", self.anchors - 1)
        } else {
            String::new()
        }
    }

    fn comment(&mut self) {
        if self.roll(5) {
            self.out.push_str(" # note: é");
        }
    }

    fn scalar(&mut self, text: &str, quote: Quote, flow: bool) -> String {
        let quote = match quote {
            Quote::Literal if flow => Quote::Double,
            q => q,
        };
        let plain_is_safe = !text.contains(": ")
            && !text.contains('#')
            && !text.contains('\n')
            && !text.starts_with(|c: char| "&*!|>'\"%@`{}[],-?:".contains(c));
        let quote = match quote {
            Quote::Plain if !plain_is_safe => Quote::Double,
            q => q,
        };
        match quote {
            Quote::Plain => text.to_string(),
            Quote::Single => format!("'{}'", text.replace('\'', "''")),
            Quote::Double => format!(
                "\"{}\"",
                text.replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n")
                    .replace('\t', "\\t")
            ),
            Quote::Literal => {
                let pad = "  ";
                let body: Vec<String> = text.lines().map(|l| format!("{pad}{l}")).collect();
                format!("|-\n{}", body.join("\n"))
            }
        }
    }

    fn flow(&mut self, value: &Value) -> String {
        match value {
            Value::Scalar(text, quote) => self.scalar(text, *quote, true),
            // Only anchors already written can be referred to.
            Value::Alias(_) if self.anchors == 0 => "~".to_string(),
            Value::Alias(n) => format!("*a{}", n % self.anchors),
            Value::Map(entries, _) => {
                let anchor = self.anchor();
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", self.flow(v)))
                    .collect();
                format!("{anchor}{{{}}}", parts.join(", "))
            }
            Value::List(items, _) => {
                let anchor = self.anchor();
                let parts: Vec<String> = items.iter().map(|v| self.flow(v)).collect();
                format!("{anchor}[{}]", parts.join(", "))
            }
        }
    }

    /// A value after `key:` (or `-`) at `indent`, then its line end.
    fn block_value(&mut self, value: &Value, indent: usize) {
        match value {
            Value::Map(entries, false) if !entries.is_empty() => {
                let anchor = self.anchor();
                self.out.push_str(anchor.trim_end());
                self.comment();
                self.out.push('\n');
                self.block_map(entries, indent + 2);
            }
            Value::List(items, false) if !items.is_empty() => {
                let anchor = self.anchor();
                self.out.push_str(anchor.trim_end());
                self.out.push('\n');
                for item in items {
                    self.out.push_str(&" ".repeat(indent));
                    self.out.push_str("- ");
                    match item {
                        Value::Map(entries, false) if !entries.is_empty() => {
                            self.out.push('\n');
                            self.block_map(entries, indent + 2);
                        }
                        _ => self.block_value(item, indent + 2),
                    }
                }
            }
            Value::Scalar(text, Quote::Literal) => {
                let body: Vec<String> = text
                    .lines()
                    .map(|l| format!("{}  {l}", " ".repeat(indent)))
                    .collect();
                self.out.push_str(&format!("|-\n{}\n", body.join("\n")));
            }
            other => {
                let text = self.flow(other);
                self.out.push_str(&text);
                self.comment();
                self.out.push('\n');
            }
        }
    }

    fn block_map(&mut self, entries: &[(&str, Value)], indent: usize) {
        for (key, value) in entries {
            if self.roll(9) {
                self.out
                    .push_str(&format!("{}# about {key}\n", " ".repeat(indent)));
            }
            self.out.push_str(&format!("{}{key}: ", " ".repeat(indent)));
            self.block_value(value, indent);
        }
    }
}

/// A setting as real files write it (some miscased, misspelt or on a frozen registry, so
/// fixes apply), in a random style.
fn realistic() -> impl Strategy<Value = (&'static str, Value)> {
    let scalar = |text: &'static str| quote().prop_map(move |q| Value::Scalar(text, q));
    fn map(entries: Vec<(&'static str, Value)>) -> impl Strategy<Value = Value> {
        prop::bool::weighted(0.3).prop_map(move |flow| Value::Map(entries.clone(), flow))
    }
    prop_oneof![
        (
            prop::sample::select(&["imageRepository", "ImageRepository"][..]),
            scalar("k8s.gcr.io")
        ),
        scalar("v1.31.2").prop_map(|v| ("kubernetesVersion", v)),
        scalar("lb.example.com:6443").prop_map(|v| ("controlPlaneEndpiont", v)),
        scalar("café ☕").prop_map(|v| ("clusterName", v)),
        (
            scalar("10.244.0.0/16"),
            scalar("10.96.0.0/12"),
            any::<bool>()
        )
            .prop_flat_map(move |(pods, services, miscased)| {
                let key = if miscased { "PodSubnet" } else { "podSubnet" };
                map(vec![(key, pods), ("serviceSubnet", services)]).prop_map(|m| ("networking", m))
            }),
        scalar("/var/lib/etcd").prop_flat_map(move |dir| {
            map(vec![("local", Value::Map(vec![("dataDir", dir)], false))])
                .prop_map(|m| ("etcd", m))
        }),
        (scalar("for the workers"), scalar("abcdef.0123456789abcdef")).prop_map(
            |(description, token)| {
                let token = Value::Map(vec![("Description", description), ("token", token)], false);
                ("bootstrapTokens", Value::List(vec![token], false))
            }
        ),
        scalar("e6a2eb8581237ab72a4f494f30285ec12a9694d750b9785706a83bfcbbbd2204")
            .prop_map(|v| ("certificateKey", v)),
        (scalar("10.0.0.1"), scalar("lb.example.com"), any::<bool>()).prop_map(|(a, b, flow)| {
            let sans = Value::List(vec![a, b], flow);
            ("apiServer", Value::Map(vec![("certSANs", sans)], false))
        }),
    ]
}

#[derive(Debug, Clone)]
struct File {
    documents: Vec<(usize, Vec<(&'static str, Value)>)>,
    crlf: bool,
    bom: bool,
    final_newline: bool,
    seed: u32,
}

fn file() -> impl Strategy<Value = File> {
    (
        prop::collection::vec(
            (
                0..HEADERS.len(),
                prop::collection::vec(
                    prop_oneof![
                        3 => realistic(),
                        1 => (prop::sample::select(KEYS), value()),
                    ],
                    0..7,
                ),
            ),
            1..4,
        ),
        prop::bool::weighted(0.25),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.9),
        any::<u32>(),
    )
        .prop_map(|(documents, crlf, bom, final_newline, seed)| File {
            documents,
            crlf,
            bom,
            final_newline,
            seed,
        })
}

impl File {
    fn text(&self) -> String {
        let mut writer = Writer {
            out: String::new(),
            anchors: 0,
            seed: self.seed,
        };
        if self.bom {
            writer.out.push('\u{feff}');
        }
        for (i, (header, entries)) in self.documents.iter().enumerate() {
            if i > 0 || writer.roll(2) {
                writer.out.push_str("---\n");
            }
            let (api, kind) = HEADERS[*header];
            writer
                .out
                .push_str(&format!("apiVersion: {api}\nkind: {kind}\n"));
            writer.block_map(entries, 0);
        }
        let mut text = writer.out;
        if !self.final_newline {
            while text.ends_with('\n') {
                text.pop();
            }
        }
        if self.crlf {
            text = text.replace('\n', "\r\n");
        }
        text
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        // 160 keeps `cargo test` fast; PROPTEST_CASES=5000 searches deeper.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(160),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn checking_never_panics_and_prints_no_credential(file in file()) {
        let text = file.text();
        invariants::tree(&text);
        invariants::check(text.as_bytes());
    }

    #[test]
    fn fixes_stay_inside_their_edits_and_settle_in_one_run(file in file()) {
        let text = file.text();
        invariants::fix_round_trip(text.as_bytes());
    }

    #[test]
    fn a_byte_flipped_file_never_panics(file in file(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = file.text().into_bytes();
        if !bytes.is_empty() {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        invariants::check(&bytes);
    }
}

#[test]
fn the_generator_makes_what_it_promises() {
    // Without this, a generator bug could make every property pass on trivial input.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = file();
    let (mut fixed, mut parsed, mut aliases, mut flows) = (0, 0, 0, 0);
    for _ in 0..200 {
        let text = strategy.new_tree(&mut runner).unwrap().current().text();
        let tree = kubeadm_lint::yaml::parse(&text);
        parsed += usize::from(tree.errors.is_empty());
        aliases += usize::from(text.contains("*a"));
        flows += usize::from(text.contains('{'));
        let source = kubeadm_lint::SourceFile::new("g.yaml", text.as_str());
        if let Ok(outcome) =
            kubeadm_lint::fix::fix_source(&source, &kubeadm_lint::LintOptions::default(), true)
        {
            fixed += usize::from(!outcome.applied.is_empty());
        }
    }
    eprintln!(
        "of 200: {parsed} valid YAML, {fixed} fixed, {aliases} with aliases, {flows} with flow"
    );
    assert!(
        parsed > 120,
        "only {parsed} of 200 generated files are valid YAML"
    );
    assert!(
        fixed > 40,
        "only {fixed} of 200 generated files had a fix applied"
    );
    assert!(
        aliases > 20 && flows > 40,
        "{aliases} with aliases, {flows} with flow"
    );
}
