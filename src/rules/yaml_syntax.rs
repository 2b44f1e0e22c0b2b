//! kubeadm cannot read a file that is not valid YAML or not UTF-8. Each broken document is
//! reported at the offset the parser stopped; the other documents are still checked.

use crate::rules::prelude::*;
use crate::source::Encoding;

pub const RULE: Rule = Rule {
    name: "yaml-syntax",
    summary: "the file is not valid YAML (or not UTF-8), so kubeadm cannot read it",
    severity: Severity::Error,
    fix: FixAvailability::None,
    page: include_str!("../../rules/yaml-syntax.md"),
    check,
};

/// Markers of Jinja, Go templates, Helm and envsubst.
const TEMPLATE_MARKERS: [&str; 3] = ["{{", "{%", "${"];

fn check(config: &ConfigSet, sink: &mut Sink) {
    let text = config.text();
    match &config.source.encoding {
        Encoding::Utf8 => {}
        Encoding::InvalidUtf8 { valid_up_to } => {
            let at = (*valid_up_to).min(text.len());
            sink.report(Span::new(at, at), "the file is not valid UTF-8")
                .primary_label("undecodable byte here")
                .help("kubeadm's YAML reader only takes UTF-8; re-encode the file (for example with iconv)");
            return;
        }
        Encoding::Utf16 => {
            sink.report(Span::new(0, 0), "the file is UTF-16; kubeadm-lint only checks UTF-8 files")
                .severity(Severity::Warning)
                .help("convert it with `iconv -f UTF-16 -t UTF-8` to have it checked");
            return;
        }
    }
    let template = TEMPLATE_MARKERS.iter().any(|m| text.contains(m));
    for error in &config.tree.errors {
        let at = error.offset.min(text.len());
        let span = Span::new(at, next_char_boundary(text, at));
        if template {
            sink.report(span, format!("cannot check this template: {}", error.message))
                .severity(Severity::Info)
                .primary_label("not YAML until rendered")
                .help("this looks like a template (Jinja, Go template or envsubst); check the rendered file instead");
        } else {
            sink.report(span, format!("YAML syntax error: {}", error.message))
                .primary_label("the parser stopped here")
                .help("kubeadm rejects the whole file; the rest of this document was not checked");
        }
    }
}

/// One character at `at`, so the snippet underlines something visible.
fn next_char_boundary(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}
