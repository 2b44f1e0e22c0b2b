//! A rule page for a terminal: headings in bold, the status line dimmed, code blocks indented
//! with their role (`bad`, `good`, `fixed`) as a coloured caption, `inline code` highlighted,
//! long paragraphs wrapped to the width. Plain output is the Markdown itself.

/// How to show a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI styles, for a terminal.
    Terminal { width: usize },
    /// The Markdown as written (pipes, files, NO_COLOR).
    Plain,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const UNDERLINE: &str = "\x1b[4m";
const CYAN: &str = "\x1b[36m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

pub fn render(page: &str, style: Style) -> String {
    let width = match style {
        Style::Plain => return page.to_string(),
        Style::Terminal { width } => width.clamp(40, 120),
    };
    let mut out = String::new();
    let mut fence: Option<String> = None;
    let mut paragraph: Vec<&str> = Vec::new();
    for (index, line) in page.lines().enumerate() {
        if let Some(lang) = &fence {
            if line.starts_with("```") {
                fence = None;
                out.push('\n');
            } else {
                let colour = if lang.starts_with("yaml") { YELLOW } else { "" };
                out.push_str(&format!("    {colour}{line}{RESET}\n"));
            }
            continue;
        }
        let is_break = line.trim().is_empty()
            || line.starts_with('#')
            || line.starts_with("```")
            || line.trim_start().starts_with("- ");
        if is_break && !paragraph.is_empty() {
            flush(&mut out, &paragraph, width);
            paragraph.clear();
        }
        if let Some(title) = line.strip_prefix("# ") {
            out.push_str(&format!("{BOLD}{UNDERLINE}{title}{RESET}\n"));
        } else if let Some(title) = line.strip_prefix("## ") {
            if !out.ends_with("\n\n") {
                out.push('\n');
            }
            out.push_str(&format!("{BOLD}{CYAN}{title}{RESET}\n"));
        } else if index == 1 {
            out.push_str(&format!("{DIM}{line}{RESET}\n"));
        } else if let Some(info) = line.strip_prefix("```") {
            let mut words = info.split_whitespace();
            let lang = words.next().unwrap_or_default().to_string();
            let caption = match words.next() {
                Some("bad") => format!("{RED}{BOLD}✗ bad{RESET}"),
                Some("good") => format!("{GREEN}{BOLD}✓ good{RESET}"),
                Some("fixed") => format!("{GREEN}{BOLD}✓ fixed{RESET}"),
                Some(other) => format!("{DIM}{other}{RESET}"),
                None => String::new(),
            };
            if !caption.is_empty() {
                out.push_str(&format!("  {caption}\n"));
            }
            fence = Some(lang);
        } else if line.trim().is_empty() {
            if !out.ends_with("\n\n") {
                out.push('\n');
            }
        } else {
            // A list item starts its own paragraph (see `is_break`); continuation lines join it.
            paragraph.push(line);
        }
    }
    if !paragraph.is_empty() {
        flush(&mut out, &paragraph, width);
    }
    out
}

/// Writes a paragraph (or one list item with its continuation lines), wrapped, with `code`
/// spans (which may hold spaces) highlighted.
fn flush(out: &mut String, lines: &[&str], width: usize) {
    let first = lines[0];
    let (lead, rest_indent) = match first.trim_start().strip_prefix("- ") {
        Some(_) => ("  • ", "    "),
        None => ("", ""),
    };
    let text: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .map(|l| l.strip_prefix("- ").unwrap_or(l))
        .collect();
    let words = text.join(" ");
    let mut inside = false;
    let mut line = String::from(lead);
    let mut visible = lead.chars().count();
    let start = visible;
    for word in words.split(' ').filter(|w| !w.is_empty()) {
        let length = word.chars().filter(|c| *c != '`').count();
        if visible + length + 1 > width && visible > start {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest_indent);
            visible = rest_indent.len();
        }
        for (i, part) in word.split('`').enumerate() {
            if i > 0 {
                inside = !inside;
            }
            if inside && !part.is_empty() {
                line.push_str(&format!("{CYAN}{part}{RESET}"));
            } else {
                line.push_str(part);
            }
        }
        line.push(' ');
        visible += length + 1;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# some-rule\nerror · safe fix · since 0.1\n\n## What it catches\nA `key` that\nis wrong.\n- one item\n  continued\n\n```yaml bad\na: 1\n```\n";

    #[test]
    fn plain_is_the_markdown() {
        assert_eq!(render(PAGE, Style::Plain), PAGE);
    }

    #[test]
    fn terminal_styles_headings_code_and_lists() {
        let out = render(PAGE, Style::Terminal { width: 80 });
        assert!(out.starts_with(&format!("{BOLD}{UNDERLINE}some-rule{RESET}\n")));
        assert!(out.contains(&format!("{DIM}error · safe fix · since 0.1{RESET}")));
        assert!(out.contains(&format!("{BOLD}{CYAN}What it catches{RESET}")));
        assert!(out.contains(&format!("A {CYAN}key{RESET} that is wrong.\n")));
        assert!(out.contains("  • one item continued\n"));
        assert!(out.contains(&format!("{RED}{BOLD}✗ bad{RESET}")));
        assert!(out.contains(&format!("    {YELLOW}a: 1{RESET}")));
        assert!(!out.contains("```"));
    }

    #[test]
    fn code_spans_may_hold_spaces() {
        let page = "# r\nx\n\nWrite `# kubeadm-lint: ignore[a]` here.\n";
        let out = render(page, Style::Terminal { width: 80 });
        assert!(
            out.contains(&format!(
                "Write {CYAN}#{RESET} {CYAN}kubeadm-lint:{RESET} {CYAN}ignore[a]{RESET} here."
            )),
            "{out:?}"
        );
    }

    #[test]
    fn long_paragraphs_wrap() {
        let page = format!("# r\nx\n\n{}\n", "word ".repeat(40));
        let out = render(&page, Style::Terminal { width: 40 });
        assert!(out.lines().all(|l| l.chars().count() <= 40), "{out}");
    }
}
