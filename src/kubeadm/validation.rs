//! Value checks kubeadm (or the component it configures) applies to single fields: names,
//! taints, paths, enumerations, durations and timestamps, and how extra arguments are read in
//! both API shapes.
//!
//! Sources (kubernetes/kubernetes):
//! - `cmd/kubeadm/app/apis/kubeadm/validation/validation.go`: `ValidateNodeRegistrationOptions`
//!   (node name is an RFC 1123 subdomain), `ValidateAbsolutePath` / `isAbs`
//!   (`validation/util_windows.go` also accepts a leading `/` or `\`), `ValidateImagePullPolicy`,
//!   `ValidateUnmountFlags`.
//! - `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`: `IsDNS1123Subdomain`,
//!   `IsQualifiedName`, `IsValidLabelValue` (taint keys and values go through these when the
//!   kubelet parses `--register-with-taints` or the API server validates the Node).
//! - `pkg/apis/core/types.go`: taint effects, host path types.

use crate::yaml::Node;

/// `IsDNS1123Subdomain`: at most 253 characters of lower-case alphanumerics, `-` and `.`,
/// each dot-separated part starting and ending with an alphanumeric.
pub fn is_dns1123_subdomain(name: &str) -> bool {
    name.len() <= 253 && !name.is_empty() && name.split('.').all(is_dns1123_label_chars)
}

fn is_dns1123_label_chars(label: &str) -> bool {
    let bytes = label.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) => {
            alnum(first) && alnum(last) && bytes.iter().all(|&b| alnum(b) || b == b'-')
        }
        _ => false,
    }
}

/// The nearest RFC 1123 subdomain to `name`: lower case, other characters replaced by `-`,
/// dashes and dots trimmed at the ends of each part. `None` when nothing usable remains.
pub fn dns1123_subdomain_like(name: &str) -> Option<String> {
    let lowered: String = name
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'a'..='z' | '0'..='9' | '-' | '.' => c,
            _ => '-',
        })
        .collect();
    let parts: Vec<&str> = lowered
        .split('.')
        .map(|part| part.trim_matches('-'))
        .filter(|part| !part.is_empty())
        .collect();
    let candidate = parts.join(".");
    let candidate: String = candidate.chars().take(253).collect();
    let candidate = candidate.trim_end_matches(['-', '.']).to_string();
    is_dns1123_subdomain(&candidate).then_some(candidate)
}

/// `IsQualifiedName`: an optional DNS subdomain prefix and `/`, then a name of at most 63
/// characters of alphanumerics, `-`, `_` and `.`, starting and ending alphanumeric.
pub fn qualified_name_problem(key: &str) -> Option<String> {
    let (prefix, name) = match key.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        if name.contains('/') {
            return Some("has more than one `/`".to_string());
        }
        if !is_dns1123_subdomain(prefix) {
            return Some(format!(
                "has the prefix `{prefix}`, which is not a lower-case DNS subdomain"
            ));
        }
    }
    if name.is_empty() {
        return Some("has an empty name".to_string());
    }
    if name.len() > 63 {
        return Some(format!(
            "has a name of {} characters; the limit is 63",
            name.len()
        ));
    }
    (!is_label_value_chars(name)).then(|| {
        "must consist of letters, digits, `-`, `_` and `.`, and start and end with a letter or digit"
            .to_string()
    })
}

/// `IsValidLabelValue`: empty, or at most 63 characters shaped like a qualified name's name.
pub fn label_value_problem(value: &str) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    if value.len() > 63 {
        return Some(format!("has {} characters; the limit is 63", value.len()));
    }
    (!is_label_value_chars(value)).then(|| {
        "must consist of letters, digits, `-`, `_` and `.`, and start and end with a letter or digit"
            .to_string()
    })
}

fn is_label_value_chars(text: &str) -> bool {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// `isAbs` of validation.go on the platforms kubeadm runs on: a Unix absolute path, or a
/// Windows one (`C:\…`, `C:/…`, or a leading `\`), since a join file may be for a Windows node.
pub fn is_absolute_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('\\')
        || (bytes.len() >= 3
            && bytes[0].is_ascii_alphabetic()
            && bytes[1] == b':'
            && matches!(bytes[2], b'/' | b'\\'))
}

/// A closed set of values kubeadm or a component accepts for one field.
#[derive(Debug, Clone, Copy)]
pub struct Enumeration {
    /// What the field is, for messages: "image pull policy".
    pub what: &'static str,
    pub values: &'static [&'static str],
    /// Whether an empty string is accepted (kubeadm defaults it).
    pub empty_ok: bool,
    /// Who refuses other values, with its source.
    pub refused_by: &'static str,
}

impl Enumeration {
    pub fn accepts(&self, value: &str) -> bool {
        (self.empty_ok && value.is_empty()) || self.values.contains(&value)
    }

    /// The accepted value that differs from `value` only in letter case.
    pub fn case_fix(&self, value: &str) -> Option<&'static str> {
        let mut matches = self.values.iter().filter(|v| v.eq_ignore_ascii_case(value));
        let first = matches.next()?;
        matches.next().is_none().then_some(*first)
    }

    pub fn list(&self) -> String {
        self.values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `nodeRegistration.imagePullPolicy`, `UpgradeConfiguration.{apply,node}.imagePullPolicy`.
pub const PULL_POLICY: Enumeration = Enumeration {
    what: "image pull policy",
    values: &["Always", "IfNotPresent", "Never"],
    empty_ok: true,
    refused_by: "kubeadm (`ValidateImagePullPolicy`: \"invalid pull policy\")",
};

/// `ResetConfiguration.unmountFlags` items.
pub const UNMOUNT_FLAG: Enumeration = Enumeration {
    what: "unmount flag",
    values: &["MNT_FORCE", "MNT_DETACH", "MNT_EXPIRE", "UMOUNT_NOFOLLOW"],
    empty_ok: false,
    refused_by: "kubeadm (`ValidateUnmountFlags`: \"unknown unmount flag\")",
};

/// `extraVolumes[].pathType`, a core/v1 `HostPathType`.
pub const HOST_PATH_TYPE: Enumeration = Enumeration {
    what: "host path type",
    values: &[
        "DirectoryOrCreate",
        "Directory",
        "FileOrCreate",
        "File",
        "Socket",
        "CharDevice",
        "BlockDevice",
    ],
    empty_ok: true,
    refused_by: "the kubelet, which refuses the static Pod manifest (\"invalid pod\": hostPath.type \"Unsupported value\"), so the component never starts",
};

/// core/v1 taint effects.
pub const TAINT_EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// A Go `time.Duration` string in seconds (`"24h"`, `"1h30m"`, `"0"`), `None` when it does
/// not parse.
pub fn parse_go_duration(text: &str) -> Option<f64> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if body == "0" {
        return Some(0.0);
    }
    if body.is_empty() {
        return None;
    }
    let mut rest = body;
    let mut total = 0.0;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..end].parse().ok()?;
        rest = &rest[end..];
        let (unit, seconds) = [
            ("ns", 1e-9),
            ("us", 1e-6),
            ("µs", 1e-6),
            ("μs", 1e-6),
            ("ms", 1e-3),
            ("s", 1.0),
            ("m", 60.0),
            ("h", 3600.0),
        ]
        .into_iter()
        .filter(|(u, _)| rest.starts_with(u))
        .max_by_key(|(u, _)| u.len())?;
        rest = &rest[unit.len()..];
        total += number * seconds;
    }
    Some(if negative { -total } else { total })
}

/// Seconds as a short duration for messages: `720h`, `90m`, `45s`.
pub fn format_seconds(seconds: f64) -> String {
    let whole = seconds.round() as i64;
    if whole != 0 && whole % 3600 == 0 {
        format!("{}h", whole / 3600)
    } else if whole != 0 && whole % 60 == 0 {
        format!("{}m", whole / 60)
    } else {
        format!("{whole}s")
    }
}

/// An RFC 3339 timestamp (`2026-01-02T15:04:05Z`, with optional fraction and offset) as Unix
/// seconds; `None` when metav1.Time would not decode it.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't')
        || bytes[13] != b':'
        || bytes[16] != b':'
        || !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return None;
        }
        rest = &fraction[end..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let hours: i64 = rest[1..3].parse().ok()?;
            let minutes: i64 = rest[4..6].parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Markers of values a template engine fills in later (Jinja, Go templates, envsubst, make,
/// ERB). Such values are not checked: the rendered file is what kubeadm reads.
const TEMPLATE_MARKERS: [&str; 5] = ["{{", "{%", "${", "$(", "<%"];

/// True when the source text of a node holds a template marker.
pub fn is_templated(raw: &str) -> bool {
    TEMPLATE_MARKERS.iter().any(|marker| raw.contains(marker))
}

/// One control-plane or kubelet argument from `extraArgs` / `kubeletExtraArgs`, in either
/// shape: a v1beta3 map (`name: value`) or a v1beta4 list (`- name: …, value: …`).
#[derive(Debug, Clone, Copy)]
pub struct Arg<'a> {
    pub name: &'a str,
    /// The key (map shape) or the `name` value (list shape).
    pub name_node: Node<'a>,
    pub value: Option<Node<'a>>,
}

impl<'a> Arg<'a> {
    pub fn value_str(&self) -> Option<&'a str> {
        self.value.filter(|v| !v.is_null()).and_then(|v| v.as_str())
    }
}

/// The arguments of an `extraArgs`-like node, in file order.
pub fn extra_args(node: Node<'_>) -> Vec<Arg<'_>> {
    let node = node.resolve();
    if node.is_mapping() {
        node.entries()
            .filter_map(|(key, value)| {
                Some(Arg {
                    name: key.as_str()?,
                    name_node: key,
                    value: Some(value),
                })
            })
            .collect()
    } else {
        node.items()
            .filter_map(|item| {
                let name_node = item.get("name")?;
                Some(Arg {
                    name: name_node.as_str()?,
                    name_node,
                    value: item.get("value"),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_names_follow_rfc_1123() {
        // validation_test.go, TestValidateNodeRegistrationOptions.
        assert!(is_dns1123_subdomain("valid-nodename"));
        for bad in [
            "",
            "INVALID-NODENAME",
            "invalid-nodename-",
            "invalid-node?name",
            "-a",
            "a..b",
        ] {
            assert!(!is_dns1123_subdomain(bad), "{bad}");
        }
        assert!(!is_dns1123_subdomain(&"a".repeat(254)));
        assert_eq!(
            dns1123_subdomain_like("Master_0").as_deref(),
            Some("master-0")
        );
        assert_eq!(
            dns1123_subdomain_like("INTERNS-SERVER").as_deref(),
            Some("interns-server")
        );
        assert_eq!(
            dns1123_subdomain_like("node-.example.").as_deref(),
            Some("node.example")
        );
        assert_eq!(dns1123_subdomain_like("???"), None);
    }

    #[test]
    fn taint_keys_and_values() {
        assert_eq!(
            qualified_name_problem("node-role.kubernetes.io/control-plane"),
            None
        );
        assert_eq!(qualified_name_problem("dedicated"), None);
        assert!(qualified_name_problem("").is_some());
        assert!(qualified_name_problem("a/b/c").is_some());
        assert!(qualified_name_problem("Example.com/x").is_some());
        assert!(qualified_name_problem("bad key").is_some());
        assert_eq!(label_value_problem(""), None);
        assert_eq!(label_value_problem("gpu_A.1"), None);
        assert!(label_value_problem("-x").is_some());
        assert!(label_value_problem(&"a".repeat(64)).is_some());
    }

    #[test]
    fn absolute_paths_like_kubeadm() {
        // validation_test.go, TestValidateAbsolutePath.
        assert!(is_absolute_path("/etc/cert/dir"));
        assert!(!is_absolute_path("./tmp"));
        assert!(!is_absolute_path("foo.."));
        assert!(is_absolute_path("C:/etc/kubernetes/pki/ca.crt"));
    }

    #[test]
    fn enumerations() {
        assert!(PULL_POLICY.accepts(""));
        assert!(PULL_POLICY.accepts("IfNotPresent"));
        assert!(!PULL_POLICY.accepts("foo"));
        assert_eq!(PULL_POLICY.case_fix("ifnotpresent"), Some("IfNotPresent"));
        assert!(!UNMOUNT_FLAG.accepts(""));
        assert!(HOST_PATH_TYPE.accepts("File"));
        assert_eq!(HOST_PATH_TYPE.case_fix("file"), Some("File"));
    }

    #[test]
    fn durations_and_timestamps() {
        assert_eq!(parse_go_duration("24h"), Some(86_400.0));
        assert_eq!(parse_go_duration("24h0m0s"), Some(86_400.0));
        assert_eq!(parse_go_duration("1h30m"), Some(5_400.0));
        assert_eq!(parse_go_duration("0s"), Some(0.0));
        assert_eq!(parse_go_duration("-1h"), Some(-3_600.0));
        assert_eq!(parse_go_duration("1d"), None);
        assert_eq!(parse_go_duration("5"), None);
        assert_eq!(format_seconds(8_760.0 * 3_600.0), "8760h");
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(
            parse_rfc3339("2000-03-01T02:00:00.5+02:00"),
            Some(951_868_800)
        );
        assert_eq!(parse_rfc3339("2000-02-30T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("2000-03-01 00:00:00Z"), None);
        assert_eq!(parse_rfc3339("tomorrow"), None);
    }
}
