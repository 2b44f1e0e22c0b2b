//! `.kubeadm-lint.yaml`: the typed file (serde-saphyr, every value with its location), its
//! validation, and its JSON Schema. A bad file is an error with a snippet of the file.

use std::borrow::Cow;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use super::ConfigError;
use crate::diagnostic::Severity;
use crate::kubeadm::version::Version;
use crate::rules::{self, RULES};

/// The configuration file as written. Unknown keys are errors.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "kubeadm-lint configuration (.kubeadm-lint.yaml)",
    description = "Found upward from each checked file, stopping at the repository root (the \
                   directory holding .git), or given with --config. Command-line flags override \
                   it."
)]
pub struct ConfigFile {
    /// Run only these rules (default: every rule). `--select` replaces this list.
    pub select: Option<Vec<Located<RuleName>>>,
    /// Do not run these rules. `--ignore` adds to this list.
    #[serde(default)]
    pub ignore: Vec<Located<RuleName>>,
    /// Report a rule's findings with another severity: `rule-name: error|warning|info`.
    #[serde(default)]
    pub severity: Entries<RuleName, Located<Level>>,
    /// Rules whose findings are suppressed in the files a glob matches (relative to the
    /// directory of this file; a glob without `/` matches the file name anywhere). The
    /// findings are still computed, kept as suppressed in SARIF, and shown with --no-ignores.
    #[serde(default)]
    pub per_file_ignores: Entries<GlobPattern, Vec<Located<RuleName>>>,
    /// The Kubernetes version to assume when a file does not pin kubernetesVersion, such as
    /// 1.31.2. `--kubernetes-version` overrides it.
    pub kubernetes_version: Option<Located<String>>,
    /// The kubeadm binary that will read the files, such as 1.31.2. `--kubeadm-version`
    /// overrides it.
    pub kubeadm_version: Option<Located<String>>,
    /// The least severity that fails the run (exit 1). Default: warning. `--fail-on`
    /// overrides it.
    pub fail_on: Option<Located<Level>>,
    /// Rules whose unsafe fixes are applied as safe ones (by --fix, without --unsafe-fixes).
    #[serde(default)]
    pub extend_safe_fixes: Vec<Located<RuleName>>,
    /// Suppression comments must give a reason after ` -- `; one without is reported by
    /// invalid-suppression.
    #[serde(default)]
    pub require_reason: bool,
}

/// A severity as written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Self {
        match level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// A rule name (checked against the registry after parsing, so the error can point at it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct RuleName(pub String);

impl JsonSchema for RuleName {
    fn schema_name() -> Cow<'static, str> {
        "RuleName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        json_schema!({
            "type": "string",
            "description": "A rule name, as `kubeadm-lint rules` lists them.",
            "enum": names,
        })
    }
}

/// A glob such as `clusters/lab/*.yaml` or `**/legacy-*.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct GlobPattern(pub String);

impl JsonSchema for GlobPattern {
    fn schema_name() -> Cow<'static, str> {
        "GlobPattern".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A glob: `*` stays within a directory, `**` crosses directories.",
        })
    }
}

/// A value with the byte range it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    /// Byte offsets into the file, when known.
    pub span: Option<(usize, usize)>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        let span = match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) if start != u64::from(u32::MAX) => {
                Some((start as usize, (start + len) as usize))
            }
            _ => None,
        };
        Ok(Located {
            value: spanned.value,
            span,
        })
    }
}

impl<T: JsonSchema> JsonSchema for Located<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A mapping read in order, each key with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries<K, V>(pub Vec<(Located<K>, V)>);

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<K, V> {
            type Value = Entries<K, V>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Located<K>, V>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(Visit(PhantomData))
    }
}

impl<K: JsonSchema, V: JsonSchema> JsonSchema for Entries<K, V> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}_to_{}", K::schema_name(), V::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let keys = generator.subschema_for::<K>();
        let values = generator.subschema_for::<V>();
        json_schema!({
            "type": "object",
            "propertyNames": keys,
            "additionalProperties": values,
        })
    }
}

/// The keys of the file, for suggestions (a test keeps it equal to the schema's).
pub const KEYS: [&str; 9] = [
    "select",
    "ignore",
    "severity",
    "per-file-ignores",
    "kubernetes-version",
    "kubeadm-version",
    "fail-on",
    "extend-safe-fixes",
    "require-reason",
];

/// The key closest to a misspelt one.
pub fn suggest_key(key: &str) -> Option<&'static str> {
    KEYS.iter()
        .map(|k| (strsim::levenshtein(key, k), *k))
        .filter(|(distance, _)| *distance <= 3)
        .min()
        .map(|(_, k)| k)
}

/// The JSON Schema of the configuration file.
pub fn schema() -> String {
    let schema = schemars::schema_for!(ConfigFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

/// A glob of `per-file-ignores` with the rules it ignores.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    pub pattern: String,
    pub matcher: GlobMatcher,
    /// The glob has no `/`: it is matched against the file name alone.
    pub name_only: bool,
    pub rules: Vec<&'static str>,
}

/// A configuration file, read and checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// The directory globs are relative to.
    pub dir: PathBuf,
    pub select: Option<Vec<&'static str>>,
    pub ignore: Vec<&'static str>,
    pub severities: Vec<(&'static str, Severity)>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    pub kubernetes_version: Option<Version>,
    pub kubeadm_version: Option<Version>,
    pub fail_on: Option<Severity>,
    pub extend_safe_fixes: Vec<&'static str>,
    pub require_reason: bool,
}

impl Config {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            vec![ConfigError::io(
                path,
                format!("cannot read the configuration file: {error}"),
            )]
        })?;
        Config::parse(path, &text)
    }

    /// Parses and checks `text`, read from `path` (for messages and relative globs).
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<ConfigError>> {
        let file: ConfigFile = serde_saphyr::from_str(text)
            .map_err(|error| vec![ConfigError::from_saphyr(path, text, &error)])?;
        let mut errors = Vec::new();
        let mut check = Checker {
            path,
            text,
            errors: &mut errors,
        };
        let config = Config {
            path: path.to_path_buf(),
            dir: path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(".")),
            select: file.select.as_ref().map(|names| check.rules(names)),
            ignore: check.rules(&file.ignore),
            severities: file
                .severity
                .0
                .iter()
                .filter_map(|(name, level)| Some((check.rule(name)?, level.value.into())))
                .collect(),
            per_file_ignores: file
                .per_file_ignores
                .0
                .iter()
                .filter_map(|(pattern, names)| {
                    let rules = check.rules(names);
                    check
                        .glob(pattern)
                        .map(|(matcher, name_only)| PerFileIgnore {
                            pattern: pattern.value.0.clone(),
                            matcher,
                            name_only,
                            rules,
                        })
                })
                .collect(),
            kubernetes_version: file
                .kubernetes_version
                .as_ref()
                .and_then(|v| check.version(v)),
            kubeadm_version: file.kubeadm_version.as_ref().and_then(|v| check.version(v)),
            fail_on: file.fail_on.map(|level| level.value.into()),
            extend_safe_fixes: check.rules(&file.extend_safe_fixes),
            require_reason: file.require_reason,
        };
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// The `per-file-ignores` rules for a file, with the glob that matched each.
    pub fn ignores_for(&self, file: &Path) -> Vec<(&'static str, &str)> {
        let relative = file.strip_prefix(&self.dir).unwrap_or(file);
        let name = file.file_name().map(Path::new);
        let mut found = Vec::new();
        for ignore in &self.per_file_ignores {
            let matched = if ignore.name_only {
                name.is_some_and(|n| ignore.matcher.is_match(n))
            } else {
                ignore.matcher.is_match(relative)
            };
            if matched {
                for rule in &ignore.rules {
                    if !found.iter().any(|(r, _)| r == rule) {
                        found.push((*rule, ignore.pattern.as_str()));
                    }
                }
            }
        }
        found
    }
}

/// Semantic checks that point at the offending value.
struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    errors: &'a mut Vec<ConfigError>,
}

impl Checker<'_> {
    fn error<T>(
        &mut self,
        span: Option<(usize, usize)>,
        message: String,
        help: String,
    ) -> Option<T> {
        self.errors
            .push(ConfigError::at(self.path, self.text, span, message, help));
        None
    }

    fn rule(&mut self, name: &Located<RuleName>) -> Option<&'static str> {
        match rules::find(&name.value.0) {
            Some(rule) => Some(rule.name),
            None => {
                let help = match crate::suppress::suggest(&name.value.0) {
                    Some(near) => format!("did you mean `{near}`? `kubeadm-lint rules` lists them"),
                    None => "`kubeadm-lint rules` lists the rule names".to_string(),
                };
                self.error(name.span, format!("unknown rule `{}`", name.value.0), help)
            }
        }
    }

    fn rules(&mut self, names: &[Located<RuleName>]) -> Vec<&'static str> {
        let mut found = Vec::new();
        for name in names {
            if let Some(rule) = self.rule(name)
                && !found.contains(&rule)
            {
                found.push(rule);
            }
        }
        found
    }

    fn glob(&mut self, pattern: &Located<GlobPattern>) -> Option<(GlobMatcher, bool)> {
        let text = pattern
            .value
            .0
            .strip_prefix("./")
            .unwrap_or(&pattern.value.0);
        match GlobBuilder::new(text).literal_separator(true).build() {
            Ok(glob) => Some((glob.compile_matcher(), !text.contains('/'))),
            Err(error) => self.error(
                pattern.span,
                format!(
                    "`{}` is not a valid glob: {}",
                    pattern.value.0,
                    error.kind()
                ),
                "`*` matches within a directory, `**` across directories, `{a,b}` either".into(),
            ),
        }
    }

    fn version(&mut self, text: &Located<String>) -> Option<Version> {
        match Version::parse(&text.value) {
            Some(version) => Some(version),
            None => self.error(
                text.span,
                format!("`{}` is not a version such as 1.31.2", text.value),
                "write the full version, major.minor.patch, as a string".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_schema_properties() {
        let schema: serde_json::Value = serde_json::from_str(&schema()).unwrap();
        let mut properties: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        properties.sort_unstable();
        let mut keys = KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(properties, keys);
        assert_eq!(suggest_key("selct"), Some("select"));
        assert_eq!(suggest_key("per_file_ignores"), Some("per-file-ignores"));
        assert_eq!(suggest_key("completely-different"), None);
    }
}
