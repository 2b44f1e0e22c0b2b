//! Edits that refuse to damage what they do not mean to change: a scalar set to text its
//! current quoting cannot hold gets quotes, and a deletion that would take a comment with it
//! is not offered.

use crate::diagnostic::Edit;
use crate::fix::edits;
use crate::yaml::{Node, ScalarStyle, Tree};

/// `edit`, unless it would delete a comment (a trailing comment on a removed line, say): a
/// comment says something the fix cannot know it may drop.
pub fn keeping_comments(tree: &Tree, edit: Option<Edit>) -> Option<Edit> {
    edit.filter(|e| !tree.comments.iter().any(|c| e.span.contains(c.span)))
}

/// Sets a scalar's text: as [`edits::replace_scalar`] when the scalar's quoting can hold it,
/// else the scalar becomes a double-quoted one (`[fd00::1]:6443` cannot be plain, nor can a
/// comma inside a flow sequence). `None` for block scalars, aliases and multi-line text.
pub fn set_scalar(node: Node, text: &str) -> Option<Edit> {
    if node.is_alias() {
        return None;
    }
    if let Some(edit) = edits::replace_scalar(node, text) {
        return Some(edit);
    }
    match node.scalar_style()? {
        ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            if !text.contains(['\n', '\r']) =>
        {
            Some(Edit::replace(
                node.span(),
                super::structure::double_quoted(text),
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixer's own edit application, which also refuses an edit that splits a character.
    fn apply(text: &str, edit: Edit) -> String {
        crate::fix::apply_edits(text, &[edit]).expect("a valid edit")
    }

    #[test]
    fn scalars_are_quoted_when_plain_cannot_hold_them() {
        let text = "a: fd00::1:6443\nb: 'x'\nc: https://fd00::1:2379\n";
        let tree = crate::yaml::parse(text);
        let root = tree.root(0).unwrap();
        assert_eq!(
            apply(
                text,
                set_scalar(root.get("a").unwrap(), "[fd00::1]:6443").unwrap()
            ),
            "a: \"[fd00::1]:6443\"\nb: 'x'\nc: https://fd00::1:2379\n"
        );
        assert_eq!(
            apply(text, set_scalar(root.get("b").unwrap(), "[y]").unwrap()),
            "a: fd00::1:6443\nb: '[y]'\nc: https://fd00::1:2379\n"
        );
        // Outside a flow collection, brackets inside a plain scalar are fine.
        assert_eq!(
            apply(
                text,
                set_scalar(root.get("c").unwrap(), "https://[fd00::1]:2379").unwrap()
            ),
            "a: fd00::1:6443\nb: 'x'\nc: https://[fd00::1]:2379\n"
        );
        let flow = "a: [x, y]\n";
        let tree = crate::yaml::parse(flow);
        let x = tree
            .root(0)
            .unwrap()
            .get("a")
            .unwrap()
            .items()
            .next()
            .unwrap();
        assert_eq!(
            apply(flow, set_scalar(x, "p,q").unwrap()),
            "a: [\"p,q\", y]\n"
        );
    }
}
