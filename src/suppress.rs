//! Inline suppressions: `# kubeadm-lint: ignore[rule-a, rule-b] -- reason`.
//!
//! A suppression binds to a YAML node, never to a line number: written after content it binds
//! to the outermost mapping entry or sequence item that starts on its line, written on its own
//! line to the first one after it (to the whole next document when a `---` comes first), in
//! both cases with the node's subtree. A finding is suppressed when its rule is listed and its
//! primary span lies inside that node, so a rule that later points at a more precise place
//! inside the same node stays suppressed, and lines inserted elsewhere change nothing.
//!
//! Comments that try to be a suppression but are not well-formed are kept as [`Malformed`]
//! (reported by `invalid-suppression`); suppressions that suppress nothing are kept as
//! [`Unused`] (reported by `unused-suppression`). Nothing is silently ignored.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Edit};
use crate::rules;
use crate::yaml::{NodeId, NodeKind, Span, Tree};

/// The prefix every suppression starts with, right after `#`.
pub const PREFIX: &str = "kubeadm-lint:";

/// The rules that report on suppressions themselves; they cannot be suppressed inline.
pub const META_RULES: [&str; 2] = ["unused-suppression", "invalid-suppression"];

/// A well-formed suppression comment and the node it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The whole comment, `#` included.
    pub comment: Span,
    /// The rules it names, each with the span of its name.
    pub rules: Vec<(&'static str, Span)>,
    /// The span of the text between `[` and `]`.
    pub list: Span,
    /// The text after `--`, trimmed; `None` when there is none.
    pub reason: Option<String>,
    /// The node (with its subtree) it covers.
    pub target: Span,
    /// Written after content on the same line (rather than on its own line).
    pub trailing: bool,
}

/// A comment that looks like a suppression but is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub span: Span,
    pub message: String,
    pub help: String,
}

/// The suppressions of one file.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    pub directives: Vec<Directive>,
    pub malformed: Vec<Malformed>,
}

/// How a finding came to be suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressionKind {
    /// A `# kubeadm-lint: ignore[...]` comment in the file.
    InSource,
    /// `per-file-ignores` in a configuration file.
    External,
}

/// A finding that was suppressed. It is kept (SARIF reports it as suppressed), not dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    pub diagnostic: Diagnostic,
    pub kind: SuppressionKind,
    /// The reason given, if any.
    pub justification: Option<String>,
    /// The suppression comment, for in-source suppressions.
    pub comment: Option<Span>,
}

/// A rule ignored for a whole file by configuration, with the reason to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIgnore {
    pub rule: &'static str,
    pub justification: String,
}

/// A suppression naming rules that matched no finding in its node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    pub comment: Span,
    /// The unused names with their spans.
    pub names: Vec<(&'static str, Span)>,
    /// The node it covers.
    pub target: Span,
    /// The edits that remove the unused names (the whole comment when none is used).
    pub removal: Vec<Edit>,
    /// True when every name is unused and the whole comment goes.
    pub whole: bool,
}

/// What the suppression pass hands to the meta rules.
#[derive(Debug, Clone, Default)]
pub struct SuppressionReport {
    pub malformed: Vec<Malformed>,
    pub unused: Vec<Unused>,
}

/// Finds the suppression comments of a parsed file and binds each to its node.
pub fn collect(text: &str, tree: &Tree, require_reason: bool) -> Suppressions {
    let mut found = Suppressions::default();
    let mut units: Option<Vec<Unit>> = None;
    for comment in &tree.comments {
        let body = comment.text.as_str();
        let body_start = comment.span.start + 1;
        let parsed = match parse_comment(body, body_start, require_reason) {
            Parsed::NotADirective => continue,
            Parsed::Malformed { message, help } => {
                found.malformed.push(Malformed {
                    span: comment.span,
                    message,
                    help,
                });
                continue;
            }
            Parsed::Directive(parsed) => parsed,
        };
        let units = units.get_or_insert_with(|| collect_units(tree));
        let line_start = text[..comment.span.start].rfind('\n').map_or(0, |i| i + 1);
        let trailing = !text[line_start..comment.span.start].trim().is_empty();
        let target = if trailing {
            bind_trailing(units, line_start, comment.span.start)
        } else {
            bind_next(tree, units, comment.span.end)
        };
        let Some(target) = target else {
            found.malformed.push(Malformed {
                span: comment.span,
                message: "this suppression covers no YAML node".into(),
                help: "put it at the end of the line it is meant for, or on its own line right above that line".into(),
            });
            continue;
        };
        found.directives.push(Directive {
            comment: comment.span,
            rules: parsed.rules,
            list: parsed.list,
            reason: parsed.reason,
            target,
            trailing,
        });
    }
    found
}

/// Splits `diagnostics` into those left and those suppressed by `suppressions`, and works out
/// which suppressions were unused. `enabled` tells which rules ran: a suppression for a rule
/// that did not run is not reported as unused.
pub fn apply(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    suppressions: &Suppressions,
    enabled: &dyn Fn(&str) -> bool,
    broken: &[Span],
) -> (Vec<Diagnostic>, Vec<Suppressed>, Vec<Unused>) {
    let used = match_findings(&diagnostics, suppressions);
    let mut active = Vec::new();
    let mut suppressed = Vec::new();
    for (diagnostic, by) in diagnostics.into_iter().zip(used.by_finding) {
        match by {
            Some(i) => {
                let directive = &suppressions.directives[i];
                suppressed.push(Suppressed {
                    diagnostic,
                    kind: SuppressionKind::InSource,
                    justification: directive.reason.clone(),
                    comment: Some(directive.comment),
                });
            }
            None => active.push(diagnostic),
        }
    }
    let used = used.by_directive;
    let mut unused = Vec::new();
    for (directive, used) in suppressions.directives.iter().zip(&used) {
        // A rule that did not run, or a node in a document cut short by a syntax error (whose
        // findings were not all computed), proves nothing.
        if in_any(broken, directive.target) {
            continue;
        }
        let names: Vec<(&'static str, Span)> = directive
            .rules
            .iter()
            .zip(used)
            .filter(|((name, _), used)| !**used && enabled(name))
            .map(|(rule, _)| *rule)
            .collect();
        if names.is_empty() {
            continue;
        }
        let kept: Vec<&str> = directive
            .rules
            .iter()
            .filter(|(name, _)| !names.iter().any(|(n, _)| n == name))
            .map(|(name, _)| *name)
            .collect();
        let whole = kept.is_empty();
        let removal = if whole {
            vec![remove_comment(text, directive)]
        } else {
            vec![Edit::replace(directive.list, kept.join(", "))]
        };
        unused.push(Unused {
            comment: directive.comment,
            names,
            target: directive.target,
            removal,
            whole,
        });
    }
    (active, suppressed, unused)
}

/// Which suppression hides each finding, and which names of each suppression were used.
struct Matches {
    /// For each finding, the directive that suppresses it (the innermost node's).
    by_finding: Vec<Option<usize>>,
    /// For each directive, whether each of its names suppressed something.
    by_directive: Vec<Vec<bool>>,
}

/// Matches findings to suppressions in one sweep over positions. Suppression targets are YAML
/// nodes, which nest or are disjoint, so the targets open at a position form a chain no deeper
/// than the YAML; directives on the same node are grouped, each rule looked up by hash. This
/// keeps a file with many thousands of comments and findings linear, not quadratic.
fn match_findings(diagnostics: &[Diagnostic], suppressions: &Suppressions) -> Matches {
    // One group per distinct target: rule -> (first directive naming it, used).
    let mut targets: Vec<Span> = suppressions.directives.iter().map(|d| d.target).collect();
    targets.sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    targets.dedup();
    let mut groups: Vec<HashMap<&'static str, (usize, bool)>> = vec![HashMap::new(); targets.len()];
    let group_of = |target: Span| {
        targets
            .binary_search_by_key(&(target.start, std::cmp::Reverse(target.end)), |t| {
                (t.start, std::cmp::Reverse(t.end))
            })
            .expect("every target is listed")
    };
    for (i, directive) in suppressions.directives.iter().enumerate() {
        let group = &mut groups[group_of(directive.target)];
        for (name, _) in &directive.rules {
            group.entry(name).or_insert((i, false));
        }
    }
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_key(|&i| diagnostics[i].primary.start);
    let mut by_finding = vec![None; diagnostics.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    for i in order {
        let primary = diagnostics[i].primary;
        while next < targets.len() && targets[next].start <= primary.start {
            while open
                .last()
                .is_some_and(|&g| targets[g].end < targets[next].start)
            {
                open.pop();
            }
            open.push(next);
            next += 1;
        }
        while open.last().is_some_and(|&g| targets[g].end < primary.start) {
            open.pop();
        }
        // Innermost first; an enclosing target left open by a sibling is skipped by `covers`.
        for &g in open.iter().rev() {
            if !covers(targets[g], primary) {
                continue;
            }
            if let Some((directive, used)) = groups[g].get_mut(diagnostics[i].rule) {
                *used = true;
                by_finding[i] = Some(*directive);
                break;
            }
        }
    }
    let by_directive = suppressions
        .directives
        .iter()
        .map(|d| {
            let group = &groups[group_of(d.target)];
            d.rules
                .iter()
                .map(|(name, _)| group.get(name).is_some_and(|(_, used)| *used))
                .collect()
        })
        .collect();
    Matches {
        by_finding,
        by_directive,
    }
}

/// True when `target` lies inside one of `spans` (disjoint, in order).
fn in_any(spans: &[Span], target: Span) -> bool {
    let at = spans.partition_point(|s| s.start <= target.start);
    at > 0 && spans[at - 1].contains(target)
}

/// Moves the findings of rules ignored for the whole file into `suppressed`.
pub fn apply_file_ignores(
    diagnostics: Vec<Diagnostic>,
    ignores: &[FileIgnore],
    suppressed: &mut Vec<Suppressed>,
) -> Vec<Diagnostic> {
    if ignores.is_empty() {
        return diagnostics;
    }
    let mut active = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        match ignores.iter().find(|i| i.rule == diagnostic.rule) {
            Some(ignore) => suppressed.push(Suppressed {
                diagnostic,
                kind: SuppressionKind::External,
                justification: Some(ignore.justification.clone()),
                comment: None,
            }),
            None => active.push(diagnostic),
        }
    }
    active
}

/// True when a finding at `primary` lies in the node spanning `target`. An empty span at the
/// node's very end (an insertion point) counts as inside.
fn covers(target: Span, primary: Span) -> bool {
    target.start <= primary.start && primary.end <= target.end
}

/// The edit that deletes a whole suppression comment: its line when it stands alone, else the
/// comment and the blanks before it.
fn remove_comment(text: &str, directive: &Directive) -> Edit {
    let span = directive.comment;
    if directive.trailing {
        let before = &text[..span.start];
        let start = before.trim_end_matches([' ', '\t']).len();
        return Edit::delete(Span::new(start, span.end));
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[span.end..];
    let end = match rest.find('\n') {
        Some(i) => span.end + i + 1,
        None => text.len(),
    };
    Edit::delete(Span::new(line_start, end))
}

/// A mapping entry or sequence item: what a suppression can bind to.
#[derive(Debug, Clone, Copy)]
struct Unit {
    span: Span,
}

fn collect_units(tree: &Tree) -> Vec<Unit> {
    let mut units = Vec::new();
    for document in &tree.documents {
        if let Some(root) = document.root {
            walk(tree, root, &mut units, 0);
        }
    }
    units.sort_by_key(|u| (u.span.start, std::cmp::Reverse(u.span.end)));
    units
}

/// Nesting deeper than this is not walked (hostile input); suppressions there bind to the
/// nearest walked ancestor.
const MAX_DEPTH: usize = 256;

fn walk(tree: &Tree, id: NodeId, units: &mut Vec<Unit>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    // Aliases are not followed: their target lives (and is walked) elsewhere.
    match tree.node(id).kind() {
        NodeKind::Mapping { entries, .. } => {
            for entry in entries {
                let span = tree
                    .node(entry.key)
                    .span()
                    .cover(tree.node(entry.value).span());
                units.push(Unit { span });
                walk(tree, entry.value, units, depth + 1);
            }
        }
        NodeKind::Sequence { items, .. } => {
            for &item in items {
                units.push(Unit {
                    span: tree.node(item).span(),
                });
                walk(tree, item, units, depth + 1);
            }
        }
        _ => {}
    }
}

/// The outermost unit starting on the comment's line before the comment; failing that, the
/// innermost unit that spans the line (the comment ends a line inside a flow collection).
/// `units` are sorted by start, outermost first.
fn bind_trailing(units: &[Unit], line_start: usize, comment_start: usize) -> Option<Span> {
    let first = units.partition_point(|u| u.span.start < line_start);
    if let Some(unit) = units.get(first).filter(|u| u.span.start < comment_start) {
        return Some(unit.span);
    }
    // Units starting before the line, nearest first: the first that reaches the line is the
    // innermost one spanning it (units nest or are disjoint).
    units[..first]
        .iter()
        .rev()
        .find(|u| u.span.end >= line_start)
        .map(|u| u.span)
}

/// The next node after an own-line comment: the whole document when its `---` comes first,
/// else the outermost unit starting on the next line with content.
fn bind_next(tree: &Tree, units: &[Unit], after: usize) -> Option<Span> {
    let first = units.get(units.partition_point(|u| u.span.start < after));
    let documents = &tree.documents;
    let document = documents
        .get(documents.partition_point(|d| d.span.start < after))
        .filter(|d| {
            d.start_marker
                .is_some_and(|m| m.start >= after && first.is_none_or(|u| m.start < u.span.start))
        });
    if let Some(document) = document {
        return document
            .root
            .map(|root| tree.node(root).span())
            .or(Some(document.span));
    }
    // The first unit after the comment is the outermost of those starting there.
    first.map(|u| u.span)
}

struct ParsedDirective {
    rules: Vec<(&'static str, Span)>,
    list: Span,
    reason: Option<String>,
}

enum Parsed {
    NotADirective,
    Malformed { message: String, help: String },
    Directive(ParsedDirective),
}

const SYNTAX: &str = "write `# kubeadm-lint: ignore[rule-name, other-rule] -- reason`";

fn malformed(message: impl Into<String>, help: impl Into<String>) -> Parsed {
    Parsed::Malformed {
        message: message.into(),
        help: help.into(),
    }
}

/// Words that, after a spelling of our name, show the comment means to suppress something.
const INTENT_WORDS: [&str; 6] = ["ignore", "disable", "noqa", "skip", "off", "suppress"];

/// Parses the text of one comment (after `#`); `offset` is where that text starts in the file.
fn parse_comment(body: &str, offset: usize, require_reason: bool) -> Parsed {
    let lead = body.len() - body.trim_start().len();
    let trimmed = body.trim_start();
    let Some(after) = trimmed.strip_prefix(PREFIX) else {
        return near_miss(trimmed);
    };
    let mut at = offset + lead + PREFIX.len();
    let rest = after.trim_start();
    at += after.len() - rest.len();
    let Some(rest) = rest.strip_prefix("ignore") else {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        return malformed(
            if word.is_empty() {
                "a `kubeadm-lint:` comment must say `ignore[...]`".to_string()
            } else {
                format!("`{word}` is not a kubeadm-lint directive; only `ignore[...]` is")
            },
            SYNTAX,
        );
    };
    at += "ignore".len();
    let Some(list_and_rest) = rest.strip_prefix('[') else {
        return malformed(
            "`ignore` must be followed by the rule names in brackets",
            SYNTAX,
        );
    };
    at += 1;
    let Some(close) = list_and_rest.find(']') else {
        return malformed("the rule list is missing its closing `]`", SYNTAX);
    };
    let list_text = &list_and_rest[..close];
    let list = Span::new(at, at + close);
    let mut rules: Vec<(&'static str, Span)> = Vec::new();
    let mut cursor = at;
    for part in list_text.split(',') {
        let name = part.trim();
        let start = cursor + (part.len() - part.trim_start().len());
        cursor += part.len() + 1;
        if name.is_empty() {
            if list_text.trim().is_empty() {
                return malformed(
                    "the suppression names no rule",
                    "name the rules to suppress; there is no wildcard, so every suppression says what it hides",
                );
            }
            continue;
        }
        let Some(rule) = rules::find(name) else {
            let help = match suggest(name) {
                Some(near) => format!("did you mean `{near}`? `kubeadm-lint rules` lists them"),
                None => "`kubeadm-lint rules` lists the rule names".to_string(),
            };
            return malformed(format!("unknown rule `{name}` in suppression"), help);
        };
        if META_RULES.contains(&rule.name) {
            return malformed(
                format!("`{}` cannot be suppressed inline", rule.name),
                format!(
                    "turn it off with `ignore: [{}]` in .kubeadm-lint.yaml or `--ignore {}`",
                    rule.name, rule.name
                ),
            );
        }
        if !rules.iter().any(|(n, _)| *n == rule.name) {
            rules.push((rule.name, Span::new(start, start + name.len())));
        }
    }
    let tail = list_and_rest[close + 1..].trim();
    let reason = if tail.is_empty() || tail.starts_with('#') {
        None
    } else if let Some(reason) = tail.strip_prefix("--") {
        let reason = reason.trim();
        (!reason.is_empty()).then(|| reason.to_string())
    } else {
        return malformed(
            format!("unexpected `{tail}` after the rule list"),
            "give the reason after ` -- `: `# kubeadm-lint: ignore[rule-name] -- reason`",
        );
    };
    if require_reason && reason.is_none() {
        return malformed(
            "this suppression gives no reason",
            "the configuration sets `require-reason: true`; add ` -- why this is fine here`",
        );
    }
    Parsed::Directive(ParsedDirective {
        rules,
        list,
        reason,
    })
}

/// A comment that spells our name differently, or forgets the colon, and says `ignore`.
fn near_miss(trimmed: &str) -> Parsed {
    let lower = trimmed.to_ascii_lowercase();
    let Some(after) = [
        "kubeadm-lint",
        "kubeadm_lint",
        "kubeadmlint",
        "kubeadm lint",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p)) else {
        return Parsed::NotADirective;
    };
    let after = after.trim_start();
    let has_colon = after.starts_with(':');
    let word_text = after.trim_start_matches(':').trim_start();
    let says_ignore = INTENT_WORDS.iter().any(|w| word_text.starts_with(w));
    if !(has_colon || says_ignore) {
        return Parsed::NotADirective;
    }
    let spelled = &trimmed[..trimmed.len() - after.len()].trim_end();
    let message = if *spelled != "kubeadm-lint" {
        format!("`{spelled}` is not how a suppression starts; it suppresses nothing")
    } else {
        "a suppression starts with `kubeadm-lint:`, colon right after the name; this one suppresses nothing".to_string()
    };
    malformed(message, SYNTAX)
}

/// The rule name closest to a misspelt or shortened one: few edits away, or sharing most of
/// its beginning (`k8s-gcr-registry` for `k8s-gcr-io-frozen-registry`).
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    rules::RULES
        .iter()
        .filter(|r| {
            strsim::levenshtein(name, r.name) <= 3.max(name.len() / 4)
                || strsim::jaro_winkler(name, r.name) >= 0.88
        })
        .max_by(|a, b| {
            strsim::jaro_winkler(name, a.name).total_cmp(&strsim::jaro_winkler(name, b.name))
        })
        .map(|r| r.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn collect_text(text: &str) -> Suppressions {
        collect(text, &yaml::parse(text), false)
    }

    fn target_text(text: &str) -> Vec<&str> {
        collect_text(text)
            .directives
            .iter()
            .map(|d| &text[d.target.range()])
            .collect()
    }

    #[test]
    fn trailing_binds_to_the_entry_on_its_line_with_its_subtree() {
        let text = "a: 1\netcd:  # kubeadm-lint: ignore[etcd-local-and-external]\n  local: {}\n  external: {}\nb: 2\n";
        assert_eq!(
            target_text(text),
            ["etcd:  # kubeadm-lint: ignore[etcd-local-and-external]\n  local: {}\n  external: {}"]
        );
    }

    #[test]
    fn own_line_binds_to_the_next_entry_or_item() {
        let text = "args:\n  # kubeadm-lint: ignore[duplicate-yaml-keys] -- why\n  - name: x\n    value: y\n  - name: z\n";
        let found = collect_text(text);
        assert_eq!(found.directives.len(), 1);
        assert_eq!(
            &text[found.directives[0].target.range()],
            "name: x\n    value: y"
        );
        assert_eq!(found.directives[0].reason.as_deref(), Some("why"));
        let text = "# kubeadm-lint: ignore[yaml-syntax]\n\nkind: X\nother: 1\n";
        assert_eq!(target_text(text), ["kind: X"]);
    }

    #[test]
    fn above_a_document_marker_binds_to_the_whole_document() {
        let text = "a: 1\n# kubeadm-lint: ignore[yaml-syntax]\n---\nb: 1\nc: 2\n";
        assert_eq!(target_text(text), ["b: 1\nc: 2"]);
    }

    #[test]
    fn parses_names_spans_and_reasons() {
        let text =
            "a: 1  # kubeadm-lint: ignore[ yaml-syntax ,duplicate-yaml-keys, ] -- it is fine\n";
        let found = collect_text(text);
        let d = &found.directives[0];
        let names: Vec<&str> = d.rules.iter().map(|(_, s)| &text[s.range()]).collect();
        assert_eq!(names, ["yaml-syntax", "duplicate-yaml-keys"]);
        assert_eq!(d.reason.as_deref(), Some("it is fine"));
        assert!(d.trailing);
    }

    #[test]
    fn malformed_comments_are_kept_with_a_reason() {
        let cases = [
            (
                "a: 1  # kubeadm-lint: ignore[no-such-rule]\n",
                "unknown rule `no-such-rule`",
            ),
            (
                "a: 1  # kubeadm-lint: ignore[yaml-sintax]\n",
                "unknown rule",
            ),
            ("a: 1  # kubeadm-lint: ignore[]\n", "names no rule"),
            ("a: 1  # kubeadm-lint: ignore yaml-syntax\n", "in brackets"),
            ("a: 1  # kubeadm-lint: ignore[yaml-syntax\n", "closing `]`"),
            (
                "a: 1  # kubeadm-lint: disable[yaml-syntax]\n",
                "`disable` is not",
            ),
            (
                "a: 1  # kubeadm-lint ignore[yaml-syntax]\n",
                "colon right after",
            ),
            (
                "a: 1  # kubeadm-lint : ignore[yaml-syntax]\n",
                "colon right after",
            ),
            (
                "a: 1  # kubeadm_lint: ignore[yaml-syntax]\n",
                "`kubeadm_lint` is not",
            ),
            (
                "a: 1  # kubeadm-lint: ignore[yaml-syntax] because\n",
                "unexpected `because`",
            ),
            (
                "a: 1  # kubeadm-lint: ignore[unused-suppression]\n",
                "cannot be suppressed inline",
            ),
            (
                "a: 1\n# kubeadm-lint: ignore[yaml-syntax]\n",
                "covers no YAML node",
            ),
        ];
        for (text, expected) in cases {
            let found = collect_text(text);
            assert!(found.directives.is_empty(), "{text}");
            assert_eq!(found.malformed.len(), 1, "{text}");
            assert!(
                found.malformed[0].message.contains(expected),
                "{text}: {}",
                found.malformed[0].message
            );
        }
        let found = collect_text("a: 1  # kubeadm-lint: ignore[yaml-sintax]\n");
        assert!(found.malformed[0].help.contains("`yaml-syntax`"));
    }

    #[test]
    fn suggests_the_closest_rule_name() {
        assert_eq!(suggest("yaml-sintax"), Some("yaml-syntax"));
        assert_eq!(
            suggest("k8s-gcr-registry"),
            Some("k8s-gcr-io-frozen-registry")
        );
        assert_eq!(suggest("unused-suppressions"), Some("unused-suppression"));
        assert_eq!(suggest("no-such-rule"), None);
    }

    #[test]
    fn prose_mentioning_the_tool_is_not_a_suppression() {
        let found = collect_text("# kubeadm-lint runs in CI\na: 1  # see kubeadm-lint: docs\n");
        assert!(found.directives.is_empty() && found.malformed.is_empty());
    }

    #[test]
    fn another_comment_may_follow_the_list() {
        let found = collect_text("a: 1  # kubeadm-lint: ignore[yaml-syntax] # v8.2.0\n");
        assert_eq!(found.directives.len(), 1);
        assert_eq!(found.directives[0].reason, None);
    }

    #[test]
    fn require_reason_makes_a_bare_suppression_malformed() {
        let text = "a: 1  # kubeadm-lint: ignore[yaml-syntax]\n";
        let found = collect(text, &yaml::parse(text), true);
        assert!(found.malformed[0].message.contains("no reason"));
    }

    #[test]
    fn removal_edits_keep_the_rest_of_the_file() {
        let apply_removal = |text: &str| {
            let found = collect_text(text);
            let (_, _, unused) = apply(text, Vec::new(), &found, &|_| true, &[]);
            let edit = &unused[0].removal[0];
            let mut out = text.to_string();
            out.replace_range(edit.span.range(), &edit.content);
            out
        };
        assert_eq!(
            apply_removal("a: 1   # kubeadm-lint: ignore[yaml-syntax]\nb: 2\n"),
            "a: 1\nb: 2\n"
        );
        assert_eq!(
            apply_removal("a: 1\n  # kubeadm-lint: ignore[yaml-syntax]\nb: 2\n"),
            "a: 1\nb: 2\n"
        );
        assert_eq!(
            apply_removal("a: 1\r\n# kubeadm-lint: ignore[yaml-syntax]\r\nb: 2\r\n"),
            "a: 1\r\nb: 2\r\n"
        );
    }
}
