//! Syntax problems from a tree-sitter tree: `ERROR` nodes (narrowed to the
//! offending text, with a dedicated message for tab indentation) and
//! `MISSING` nodes. Walks only subtrees that contain errors.

use tree_sitter::{Node as TsNode, Tree};

use crate::builder::Builder;
use crate::model::Span;

/// Longest snippet of source quoted in a message.
const MAX_SNIPPET: usize = 40;

pub(crate) fn collect(tree: &Tree, b: &mut Builder<'_>) {
    let root = tree.root_node();
    if !root.has_error() {
        return;
    }
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let mut descend = node.has_error();
        if node.is_error() {
            report_error(node, b);
            descend = false;
        } else if node.is_missing() {
            report_missing(node, b);
            descend = false;
        }
        if descend && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

fn report_missing(node: TsNode<'_>, b: &mut Builder<'_>) {
    let at = node.start_byte();
    let what = node.kind();
    let message = if node.is_named() {
        format!("syntax error: missing {}", what.replace('_', " "))
    } else {
        format!("syntax error: missing `{what}`")
    };
    b.problem(Span::new(at, at), message);
}

fn report_error(node: TsNode<'_>, b: &mut Builder<'_>) {
    let span = Span::new(node.start_byte(), node.end_byte());
    if let Some(tab) = tab_indentation(b.text, span) {
        b.problem(
            tab,
            "tab characters cannot be used for indentation in YAML; indent with spaces",
        );
        return;
    }
    let offending = offending_span(node, b.text);
    let snippet = b.slice(offending).trim();
    let message = if snippet.is_empty() {
        "syntax error: unexpected end of input".to_owned()
    } else if snippet.len() <= MAX_SNIPPET && !snippet.contains(['\n', '\r']) {
        format!("syntax error: unexpected `{snippet}`")
    } else {
        let first_line = snippet.lines().next().unwrap_or("");
        let mut cut = first_line.len().min(MAX_SNIPPET);
        while !first_line.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("syntax error: unexpected text `{}…`", first_line.get(..cut).unwrap_or(""))
    };
    b.problem(offending, message);
}

/// The part of an `ERROR` node to underline: its first stray token (a token
/// or leaf directly inside it), else the text after its last child, else its
/// own text; trimmed and cut at the end of the first line.
fn offending_span(node: TsNode<'_>, text: &str) -> Span {
    let mut cursor = node.walk();
    let mut last_end = node.start_byte();
    for child in node.children(&mut cursor) {
        let stray = !child.is_named() || child.is_error() || child.child_count() == 0;
        if stray && child.end_byte() > child.start_byte() {
            return first_line(text, child.start_byte(), child.end_byte());
        }
        last_end = last_end.max(child.end_byte());
    }
    let trailing = first_line(text, last_end, node.end_byte());
    if !trailing.is_empty() {
        return trailing;
    }
    let rest = text.get(node.end_byte()..).unwrap_or("");
    let line_end = node.end_byte() + rest.find(['\n', '\r']).unwrap_or(rest.len());
    let after = first_line(text, node.end_byte(), line_end);
    if !after.is_empty() {
        return after;
    }
    first_line(text, node.start_byte(), node.end_byte())
}

/// `start..end` trimmed of surrounding whitespace and cut at its first line break.
fn first_line(text: &str, start: usize, end: usize) -> Span {
    let raw = text.get(start..end).unwrap_or("");
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let len = trimmed.find(['\n', '\r']).unwrap_or(trimmed.len());
    Span::new(start + lead, start + lead + len)
}

/// A tab in the indentation of a line touched by `span`, or of the line
/// before it (tree-sitter often reports the error after the tab's line).
fn tab_indentation(text: &str, span: Span) -> Option<Span> {
    let before = text.get(..span.start).unwrap_or("");
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let prev_line_start = before
        .get(..line_start.saturating_sub(1))
        .and_then(|t| t.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1);
    let mut pos = prev_line_start;
    let mut lines_after_end = 0;
    while pos < text.len() && lines_after_end < 2 {
        if pos > span.end {
            lines_after_end += 1;
        }
        let line = text.get(pos..).unwrap_or("");
        let line_len = line.find(['\n', '\r']).unwrap_or(line.len());
        let indent = line
            .bytes()
            .take(line_len)
            .take_while(|b| *b == b' ' || *b == b'\t')
            .count();
        let has_content = indent < line_len;
        if let Some(tab) = line.bytes().take(indent).position(|b| b == b'\t') {
            if has_content {
                return Some(Span::new(pos + tab, pos + indent));
            }
        }
        pos += line_len + 1;
    }
    None
}
