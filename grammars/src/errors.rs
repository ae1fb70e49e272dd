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
    let (span, message) = describe(node, b.text);
    b.problem(span, message);
}

/// Where an `ERROR` node's problem is and what to call it. Unterminated
/// strings and unclosed brackets first, then the first stray token, then the
/// token the parser stopped at, and the node's own first line as a last resort.
fn describe(node: TsNode<'_>, text: &str) -> (Span, String) {
    let mut cursor = node.walk();
    let strays: Vec<TsNode<'_>> = node
        .children(&mut cursor)
        .filter(|c| {
            (!c.is_named() || c.is_error() || c.child_count() == 0) && c.end_byte() > c.start_byte()
        })
        .collect();
    if let Some(quote) = strays.iter().find(|c| matches!(c.kind(), "\"" | "'")) {
        let line_end = text
            .get(quote.start_byte()..)
            .and_then(|rest| rest.find(['\n', '\r']))
            .map_or(text.len(), |i| quote.start_byte() + i);
        let span = first_line(text, quote.start_byte(), line_end);
        return (
            span,
            format!(
                "syntax error: string is not terminated (missing closing `{}`)",
                quote.kind()
            ),
        );
    }
    if let Some(open) = strays.iter().find(|c| matches!(c.kind(), "[" | "{")) {
        let span = Span::new(open.start_byte(), open.end_byte());
        return (
            span,
            format!("syntax error: `{}` is never closed", open.kind()),
        );
    }
    if let Some(stray) = strays.iter().find(|c| c.kind() != ":") {
        return unexpected(text, first_line(text, stray.start_byte(), stray.end_byte()));
    }
    if let Some(next) = next_token(text, node.end_byte()) {
        return unexpected(text, next);
    }
    if let Some(colon) = strays.first() {
        return unexpected(text, Span::new(colon.start_byte(), colon.end_byte()));
    }
    let mut cursor = node.walk();
    let last_end = node
        .children(&mut cursor)
        .map(|c| c.end_byte())
        .max()
        .unwrap_or(node.start_byte());
    let trailing = first_line(text, last_end, node.end_byte());
    if !trailing.is_empty() {
        return unexpected(text, trailing);
    }
    unexpected(text, first_line(text, node.start_byte(), node.end_byte()))
}

fn unexpected(text: &str, span: Span) -> (Span, String) {
    let snippet = text.get(span.start..span.end).unwrap_or("").trim();
    let message = if snippet.is_empty() {
        "syntax error: unexpected end of input".to_owned()
    } else if snippet.chars().count() <= MAX_SNIPPET {
        format!("syntax error: unexpected `{snippet}`")
    } else {
        let cut: String = snippet.chars().take(MAX_SNIPPET).collect();
        format!("syntax error: unexpected text `{cut}…`")
    };
    (span, message)
}

/// The token starting at the first non-blank character from `at`: one
/// bracket or separator, a quoted string on its line, or a run of other characters.
fn next_token(text: &str, at: usize) -> Option<Span> {
    let rest = text.get(at..)?;
    let start = at + (rest.len() - rest.trim_start().len());
    let rest = text.get(start..)?;
    let first = rest.chars().next()?;
    let len = match first {
        '[' | ']' | '{' | '}' | ',' | ':' => 1,
        '"' | '\'' => {
            let line_len = rest.find(['\n', '\r']).unwrap_or(rest.len());
            rest.get(1..line_len)
                .and_then(|body| body.find(first))
                .map_or(line_len, |close| close + 2)
        }
        _ => rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}' | ':'))
            .unwrap_or(rest.len())
            .max(first.len_utf8()),
    };
    Some(Span::new(start, start + len))
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
