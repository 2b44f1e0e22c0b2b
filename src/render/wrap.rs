//! Word wrapping that gives exactly what `textwrap::fill` gives with the options miette wraps
//! with, for text whose every character we know how textwrap treats, at a fraction of the cost.
//!
//! Those options are `Options::new(width)` with indents (of spaces) and the defaults of the
//! features this build enables: Unicode line breaking (ICU's segmenter) to find where a line
//! may break, `HyphenSplitter` to split words at hyphens, `break_words(true)` for words longer
//! than a line, and first-fit placement (`smawk`, for optimal fit, is not enabled).
//!
//! Unicode line breaking is not simple even for ASCII, but for the characters we accept it
//! comes down to a few classes and rules, checked against textwrap by the tests below. We
//! accept printable ASCII but `$ + \ %` (whose number rules look ahead), and `…` and `–`, the
//! two others the linter writes; text with any other character is left to textwrap. Every
//! accepted character is one column wide, so widths count characters, not bytes.

/// Line-breaking classes of Unicode's UAX #14, for the characters we accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Letters and most symbols.
    Alphabetic,
    Numeric,
    Space,
    /// `"` and `'`: never broken on either side.
    Quotation,
    /// `( [ {`: never broken after.
    Open,
    /// `) ]`: not broken before; after, only before an opening bracket.
    CloseParenthesis,
    /// `}`
    ClosePunctuation,
    /// `, . : ;`
    InfixSeparator,
    /// `/`
    Symbol,
    /// `-`: textwrap drops the breaks after it (its word splitter decides those instead).
    Hyphen,
    /// `! ?`
    Exclamation,
    /// `|`, `…` and `–`. UAX #14 puts `…` in a class of its own (inseparable, never broken
    /// before), but next to the characters we accept it breaks exactly as `|` does: the test
    /// `breaks_like_textwrap_between_any_few_characters` checks every short mix.
    BreakAfter,
}

/// The characters beyond ASCII we accept, as UTF-8.
const ELLIPSIS: &[u8] = "…".as_bytes();
const EN_DASH: &[u8] = "–".as_bytes();

fn class(byte: u8) -> Option<Class> {
    use Class::*;
    Some(match byte {
        b' ' => Space,
        b'0'..=b'9' => Numeric,
        b'a'..=b'z' | b'A'..=b'Z' => Alphabetic,
        b'#' | b'&' | b'*' | b'<' | b'=' | b'>' | b'@' | b'^' | b'_' | b'`' | b'~' => Alphabetic,
        b'"' | b'\'' => Quotation,
        b'(' | b'[' | b'{' => Open,
        b')' | b']' => CloseParenthesis,
        b'}' => ClosePunctuation,
        b',' | b'.' | b':' | b';' => InfixSeparator,
        b'/' => Symbol,
        b'-' => Hyphen,
        b'!' | b'?' => Exclamation,
        b'|' => BreakAfter,
        _ => return None,
    })
}

/// The class of the character that starts at `bytes[at]` and its length in bytes, or None for
/// a character we do not know.
fn class_at(bytes: &[u8], at: usize) -> Option<(Class, usize)> {
    let byte = bytes[at];
    if byte.is_ascii() {
        return Some((class(byte)?, 1));
    }
    match bytes.get(at..at + 3)? {
        ELLIPSIS | EN_DASH => Some((Class::BreakAfter, 3)),
        _ => None,
    }
}

/// Whether textwrap's word separator may break between `before` and `after`. `after_open` is
/// true when the spaces just before `after` follow an opening bracket (`( x` stays together).
fn may_break(before: Class, after: Class, after_open: bool) -> bool {
    use Class::*;
    match (before, after) {
        (
            _,
            Space | CloseParenthesis | ClosePunctuation | InfixSeparator | Symbol | Exclamation,
        ) => false,
        (Space, _) => !after_open,
        (Open | Quotation | Hyphen, _) | (_, Quotation | Hyphen | BreakAfter) => false,
        (CloseParenthesis | InfixSeparator | Symbol, Open) => true,
        (Symbol, Alphabetic) => true,
        (ClosePunctuation | Exclamation | BreakAfter, Alphabetic | Numeric | Open) => true,
        _ => false,
    }
}

/// The byte offsets in `line` where textwrap's word separator starts a new word, or None when
/// `line` has a character we do not know.
fn word_starts(line: &str) -> Option<Vec<usize>> {
    let bytes = line.as_bytes();
    let mut starts = Vec::new();
    if bytes.is_empty() {
        return Some(starts);
    }
    let (mut before, mut at) = class_at(bytes, 0)?;
    // The class of the last character that is not a space, for "( x".
    let mut last_solid = (before != Class::Space).then_some(before);
    while at < bytes.len() {
        let (after, length) = class_at(bytes, at)?;
        if may_break(before, after, last_solid == Some(Class::Open)) {
            starts.push(at);
        }
        if after != Class::Space {
            last_solid = Some(after);
        }
        before = after;
        at += length;
    }
    // textwrap drops breaks after a hyphen, and then the last break it has left, which it
    // takes for the end of the text: when the text ends in a hyphen that is a real one.
    if bytes.last() == Some(&b'-') {
        starts.pop();
    }
    Some(starts)
}

/// A piece of a line that wrapping keeps whole: `text[start..end]`, `width` columns wide, then
/// `spaces` spaces.
#[derive(Debug, Clone, Copy)]
struct Fragment {
    start: usize,
    end: usize,
    width: usize,
    spaces: usize,
}

/// The columns `text` takes: one a character, as for every character we accept.
fn columns(text: &str) -> usize {
    text.chars().count()
}

/// The fragments of `line`: its words, split after hyphens between letters or digits, and cut
/// into pieces of `longest` columns where still longer than that.
fn fragments(line: &str, longest: usize) -> Option<Vec<Fragment>> {
    let starts = word_starts(line)?;
    let mut fragments = Vec::new();
    if line.is_empty() {
        return Some(fragments);
    }
    let mut start = 0;
    for end in starts.into_iter().chain([line.len()]) {
        let word_end = start + line[start..end].trim_end_matches(' ').len();
        let mut piece = start;
        for split in hyphen_splits(&line.as_bytes()[start..word_end]) {
            cut(&mut fragments, line, piece..start + split, 0, longest);
            piece = start + split;
        }
        cut(
            &mut fragments,
            line,
            piece..word_end,
            end - word_end,
            longest,
        );
        start = end;
    }
    Some(fragments)
}

/// Offsets just after each hyphen in `word` that has a letter or digit on both sides. A byte of
/// `…` or `–` is no ASCII letter or digit, as neither character is alphanumeric to textwrap.
fn hyphen_splits(word: &[u8]) -> impl Iterator<Item = usize> + '_ {
    (1..word.len().saturating_sub(1)).filter_map(move |i| {
        (word[i] == b'-'
            && word[i - 1].is_ascii_alphanumeric()
            && word[i + 1].is_ascii_alphanumeric())
        .then_some(i + 1)
    })
}

/// Pushes `line[piece]` followed by `spaces` spaces, cut into pieces of at most `longest`
/// columns (at least one) when it is wider; the spaces stay with the last piece. Cuts fall
/// between characters, which need not be between bytes.
fn cut(
    fragments: &mut Vec<Fragment>,
    line: &str,
    piece: std::ops::Range<usize>,
    spaces: usize,
    longest: usize,
) {
    let (mut start, end) = (piece.start, piece.end);
    let mut width = columns(&line[start..end]);
    let step = longest.max(1);
    while width > step {
        let (length, _) = line[start..end]
            .char_indices()
            .nth(step)
            .expect("more characters than a step");
        fragments.push(Fragment {
            start,
            end: start + length,
            width: step,
            spaces: 0,
        });
        start += length;
        width -= step;
    }
    fragments.push(Fragment {
        start,
        end,
        width,
        spaces,
    });
}

/// `text` wrapped as `textwrap::fill` wraps it after a first-line indent of `initial` columns
/// and an indent of `rest` columns on the other lines, to `width` columns, as the lines
/// without their indents. None when textwrap must do it: a character we do not know, or an
/// empty indent (textwrap takes other paths then).
pub(crate) fn wrap(text: &str, width: usize, initial: usize, rest: usize) -> Option<Vec<&str>> {
    if initial == 0 || rest == 0 {
        return None;
    }
    let widths = [width.saturating_sub(initial), width.saturating_sub(rest)];
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let fragments = fragments(line, widths[1])?;
        place(line, &fragments, widths, &mut lines);
    }
    Some(lines)
}

/// First fit: each line takes fragments while they fit, and at least one. Every input line
/// starts with the first-line width, and (as textwrap puts an empty fragment first) its first
/// fragment too moves on to a second line when it does not fit, leaving an empty line.
fn place<'t>(line: &'t str, fragments: &[Fragment], widths: [usize; 2], lines: &mut Vec<&'t str>) {
    let mut room = widths[0];
    // The current output line: where it starts, how wide it is, and where its last word ends.
    let (mut start, mut used, mut end) = (0, 0, 0);
    for fragment in fragments {
        if used + fragment.width > room {
            lines.push(&line[start..end]);
            room = widths[1];
            start = fragment.start;
            used = 0;
        }
        used += fragment.width + fragment.spaces;
        end = fragment.end;
    }
    lines.push(&line[start..end]);
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(in crate::render) fn textwrap_fill(
        text: &str,
        width: usize,
        initial: usize,
        rest: usize,
    ) -> String {
        let (first, other) = (" ".repeat(initial), " ".repeat(rest));
        let options = textwrap::Options::new(width)
            .initial_indent(&first)
            .subsequent_indent(&other)
            .break_words(true);
        textwrap::fill(text, options)
    }

    pub(in crate::render) fn our_fill(
        text: &str,
        width: usize,
        initial: usize,
        rest: usize,
    ) -> Option<String> {
        let lines = wrap(text, width, initial, rest)?;
        let indented: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let indent = if i == 0 { initial } else { rest };
                format!("{}{line}", " ".repeat(indent))
            })
            .collect();
        Some(indented.join("\n"))
    }

    #[track_caller]
    fn same(text: &str, width: usize, initial: usize, rest: usize) {
        let ours = our_fill(text, width, initial, rest).expect("a text we can wrap");
        assert_eq!(
            ours,
            textwrap_fill(text, width, initial, rest),
            "{text:?} at {width} after {initial}/{rest}"
        );
    }

    #[test]
    fn wraps_like_textwrap() {
        let cases = [
            "kubeadm will pull `registry.k8s.io/coredns/coredns:v1.11.1`; a mirror holds it",
            "pin the version (for example `kubernetesVersion: v1.37.0`) for reproducible, offline-capable runs",
            "a very-long-hyphenated-word-that-goes-on and https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/",
            "   leading spaces and trailing   ",
            "ends in a hyphen x-",
            "first line\nsecond line that is long enough to wrap somewhere\n\nafter a blank",
            "( open then space, `'{.items[*].spec.podCIDR}'`, a/b/1, x|y, ok! yes? no",
            "",
            "-",
            " ",
            "the token `abcdef…` is in plain text; the range 10.0.0.1–10.0.0.9 overlaps 10.0.0.5–10.0.0.20",
            "set it with --cri-socket=… or {…} (for example …), never …–… or – alone",
            "…………………………………………………………… –––––––––––––––––––––––– a…b–c…d–e…f–g…h–i…j–k…l–m…n–o…p–q…r–s",
            "…",
            "–",
            "x-…-y a-–b …-x",
        ];
        for text in cases {
            for width in [1, 5, 12, 20, 37, 60, 98, 138] {
                for (initial, rest) in [(4, 4), (8, 8), (4, 8), (1, 3)] {
                    same(text, width, initial, rest);
                }
            }
        }
    }

    #[test]
    fn leaves_unknown_characters_to_textwrap() {
        assert!(wrap("costs $5", 20, 4, 4).is_none());
        assert!(wrap("50%", 20, 4, 4).is_none());
        assert!(wrap("tab\there", 20, 4, 4).is_none());
        assert!(wrap("café", 20, 4, 4).is_none());
        // Characters next to `…` (E2 80 A6) and `–` (E2 80 93) in UTF-8: `‥`, `—`, `‐`.
        assert!(wrap("a‥b", 20, 4, 4).is_none());
        assert!(wrap("a—b", 20, 4, 4).is_none());
        assert!(wrap("a‐b", 20, 4, 4).is_none());
        assert!(wrap("no indent", 20, 0, 4).is_none());
    }

    /// The byte offsets where textwrap's word separator starts a new word.
    fn textwrap_word_starts(line: &str) -> Vec<usize> {
        let mut starts = Vec::new();
        let mut at = 0;
        for word in textwrap::WordSeparator::UnicodeBreakProperties.find_words(line) {
            if at > 0 {
                starts.push(at);
            }
            at += word.word.len() + word.whitespace.len();
        }
        starts
    }

    /// Every string of up to four characters, each standing for one class (`|`, `…` and `–`
    /// all in), breaks where textwrap breaks it: the classes and `may_break` are right for
    /// them, and `…` and `–` belong with `|`.
    #[test]
    fn breaks_like_textwrap_between_any_few_characters() {
        let characters: Vec<char> = "a1 \"()}./-!|…–".chars().collect();
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            strings = strings
                .iter()
                .flat_map(|string| characters.iter().map(move |&c| format!("{string}{c}")))
                .collect();
            for string in &strings {
                assert_eq!(
                    word_starts(string).expect("known characters"),
                    textwrap_word_starts(string),
                    "{string:?}"
                );
            }
        }
    }

    /// Words as the linter writes them: prose, code in backticks, paths, images, URLs, masked
    /// secrets, address ranges, placeholders.
    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-z]{1,9}",
            1 => "[A-Za-z0-9]{1,6}",
            1 => "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}(/[0-9]{1,2})?",
            1 => "`[a-zA-Z.\\[\\]0-9:-]{1,20}`[,;:.]?",
            1 => "[a-z]{1,6}(-[a-z0-9]{1,6}){1,4}",
            1 => "-{1,2}[a-z]{1,8}(-[a-z]{1,5})?",
            1 => "[a-z.]{1,12}(/[a-z0-9._-]{1,10}){1,4}(:v[0-9.]{1,6})?",
            1 => "https://[a-z.]{3,15}(/[a-z0-9.-]{1,12}){0,5}/?",
            1 => "[(\\[{'\"]?[a-z]{1,6}[)\\]}'\"]?[,.;:!?|]?",
            1 => "[ -~…–&&[^$+\\\\%]]{1,12}",
            1 => "[a-z]{20,60}",
            1 => "`?[a-zA-Z0-9]{4,8}…`?[,.]?",
            1 => "[0-9]{1,3}(\\.[0-9]{1,3}){3}–[0-9]{1,3}(\\.[0-9]{1,3}){3}",
            1 => "(--[a-z]{2,8}(-[a-z]{2,6})?=|[{(\\[`]|\"|[a-z]{1,4}[-:/.])…[})\\]`\",.]?",
            1 => "[a-z0-9…–./-]{20,60}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        let separator = prop_oneof![8 => Just(" "), 1 => Just("  "), 1 => Just("   "), 1 => Just("\n"), 1 => Just("")];
        proptest::collection::vec((word(), separator), 0..30).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(word, separator)| word + separator)
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn wraps_generated_text_like_textwrap(
            text in text(),
            width in 20usize..120,
            initial in 1usize..10,
            rest in 1usize..10,
        ) {
            let ours = our_fill(&text, width, initial, rest);
            prop_assert!(ours.is_some(), "{:?}", text);
            prop_assert_eq!(ours.unwrap(), textwrap_fill(&text, width, initial, rest));
        }

        #[test]
        fn wraps_any_known_characters_like_textwrap(
            text in "([ -~&&[^$+\\\\%]]{1,4}|…|–){0,40}",
            width in 1usize..40,
            initial in 1usize..6,
            rest in 1usize..6,
        ) {
            prop_assert_eq!(our_fill(&text, width, initial, rest).unwrap(), textwrap_fill(&text, width, initial, rest));
        }
    }
}
