//! How kubeadm's YAML decoder types a plain scalar.
//!
//! kubeadm reads YAML with sigs.k8s.io/yaml, which resolves plain scalars the YAML 1.1 way
//! (go-yaml v2) before handing JSON to Go's decoder: `yes`/`on` are booleans, `0x1F` is a
//! number. A quoted or block scalar is always a string.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Null,
    Bool,
    Int,
    Float,
    String,
}

impl Resolved {
    pub fn describe(self) -> &'static str {
        match self {
            Resolved::Null => "null",
            Resolved::Bool => "a boolean",
            Resolved::Int => "an integer",
            Resolved::Float => "a number",
            Resolved::String => "a string",
        }
    }
}

pub fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

pub fn as_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(false)
        }
        _ => None,
    }
}

/// Resolves a plain scalar's text.
pub fn resolve_plain(text: &str) -> Resolved {
    if is_null(text) {
        Resolved::Null
    } else if as_bool(text).is_some() {
        Resolved::Bool
    } else if is_int(text) {
        Resolved::Int
    } else if is_float(text) {
        Resolved::Float
    } else {
        Resolved::String
    }
}

/// Go's `strconv.ParseInt(text, 0, 64)`, which go-yaml v2 tries first: decimal, `0x`, `0o`,
/// `0b`, a leading `0` for octal, underscores between digits.
fn is_int(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits = |s: &str, radix: u32| {
        !s.is_empty()
            && !s.starts_with('_')
            && !s.ends_with('_')
            && s.chars().all(|c| c == '_' || c.is_digit(radix))
    };
    let lower = body.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        return digits(hex, 16);
    }
    if let Some(bin) = lower.strip_prefix("0b") {
        return digits(bin, 2);
    }
    if let Some(oct) = lower.strip_prefix("0o") {
        return digits(oct, 8);
    }
    if body.len() > 1 && body.starts_with('0') {
        return digits(&body[1..], 8);
    }
    digits(body, 10)
}

/// go-yaml v2's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, plus `.inf`/`.nan`.
fn is_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => !fraction.is_empty() && all_digits(fraction),
        Some((whole, fraction)) => all_digits(whole) && all_digits(fraction),
        None => !mantissa.is_empty() && all_digits(mantissa),
    } && !mantissa.is_empty();
    let exponent_ok = match exponent {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && all_digits(e)
        }
    };
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_yaml_1_1() {
        assert_eq!(resolve_plain("yes"), Resolved::Bool);
        assert_eq!(resolve_plain("off"), Resolved::Bool);
        assert_eq!(resolve_plain("6443"), Resolved::Int);
        assert_eq!(resolve_plain("0x1F"), Resolved::Int);
        assert_eq!(resolve_plain("1.30"), Resolved::Float);
        assert_eq!(resolve_plain("3.9"), Resolved::Float);
        assert_eq!(resolve_plain("1.30.2"), Resolved::String);
        assert_eq!(resolve_plain("v1.30.2"), Resolved::String);
        assert_eq!(resolve_plain("10.96.0.0/12"), Resolved::String);
        assert_eq!(resolve_plain("4m0s"), Resolved::String);
        assert_eq!(resolve_plain("~"), Resolved::Null);
        assert_eq!(resolve_plain("1e3"), Resolved::Float);
        assert_eq!(resolve_plain("0755"), Resolved::Int);
        // Not octal, but go-yaml v2 then reads it as a float.
        assert_eq!(resolve_plain("08"), Resolved::Float);
        assert_eq!(resolve_plain("1.0e+3"), Resolved::Float);
        assert_eq!(resolve_plain("."), Resolved::String);
    }
}
