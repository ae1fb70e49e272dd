//! Text edits behind the quick fixes: replacing a scalar or a key, removing a
//! mapping entry, and inserting entries. The document's format is consulted
//! only to decide how new text is written.

use awsls_grammars::{Entry, Format, NodeId, NodeKind, ScalarStyle, Span};

use crate::analysis::{Snapshot, TextEdit};

fn byte(snapshot: &Snapshot, offset: usize) -> Option<u8> {
    snapshot.text.get_byte(offset)
}

/// The span of a quoted token's content, or the whole span for plain text.
fn inner(snapshot: &Snapshot, span: Span) -> Span {
    let first = byte(snapshot, span.start);
    let last = span.end.checked_sub(1).and_then(|i| byte(snapshot, i));
    match (first, last) {
        (Some(q @ (b'"' | b'\'')), Some(l)) if q == l && span.len() >= 2 => {
            Span::new(span.start + 1, span.end - 1)
        }
        _ => span,
    }
}

/// True when `text` can be written as a plain YAML scalar without changing meaning.
fn plain_safe(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':' | '+'))
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '/')
        && !text.contains(": ")
}

/// Replaces a scalar's text, keeping its quotes.
pub(super) fn replace_scalar(snapshot: &Snapshot, node: NodeId, new_text: &str) -> TextEdit {
    let doc = &snapshot.document;
    let n = doc.node(node);
    let quoted = matches!(
        &n.kind,
        NodeKind::Scalar(s) if matches!(s.style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
    );
    let span = if quoted {
        inner(snapshot, n.span)
    } else {
        n.span
    };
    let new_text = if quoted || plain_safe(new_text) {
        new_text.to_string()
    } else {
        json_string(new_text)
    };
    TextEdit { span, new_text }
}

/// Wraps a one-line scalar in a flow list (`a` → `[a]`), valid in YAML and JSON.
pub(super) fn wrap_in_list(snapshot: &Snapshot, node: NodeId) -> Option<TextEdit> {
    let n = snapshot.document.node(node);
    let NodeKind::Scalar(scalar) = &n.kind else {
        return None;
    };
    if matches!(scalar.style, ScalarStyle::Literal | ScalarStyle::Folded) || n.tag.is_some() {
        return None;
    }
    let text = snapshot.slice(n.span);
    if text.contains(['\n', '\r']) {
        return None;
    }
    Some(TextEdit {
        span: n.span,
        new_text: format!("[{text}]"),
    })
}

/// Renames a mapping key, keeping its quotes.
pub(super) fn rename_key(snapshot: &Snapshot, key: Span, new_name: &str) -> TextEdit {
    TextEdit {
        span: inner(snapshot, key),
        new_text: new_name.to_string(),
    }
}

fn line_start(snapshot: &Snapshot, offset: usize) -> usize {
    let mut i = offset;
    while i > 0 {
        match byte(snapshot, i - 1) {
            Some(b'\n' | b'\r') | None => break,
            _ => i -= 1,
        }
    }
    i
}

/// The offset of the line break ending the line that holds `offset` (or the text's end).
fn line_end(snapshot: &Snapshot, offset: usize) -> usize {
    let len = snapshot.text.len_bytes();
    let mut i = offset.min(len);
    while i < len {
        match byte(snapshot, i) {
            Some(b'\n' | b'\r') | None => break,
            _ => i += 1,
        }
    }
    i
}

fn only_spaces_before(snapshot: &Snapshot, offset: usize) -> bool {
    let start = line_start(snapshot, offset);
    (start..offset).all(|i| byte(snapshot, i) == Some(b' '))
}

fn is_flow(snapshot: &Snapshot, node: NodeId) -> bool {
    byte(snapshot, snapshot.document.node(node).span.start) == Some(b'{')
}

/// Where an entry's text ends: its value, or its key when the value is empty.
fn entry_end(snapshot: &Snapshot, entry: &Entry) -> usize {
    let value = snapshot.document.node(entry.value).span;
    let mut end = value.end.max(entry.key.span.end);
    // Block scalars may end after their line break: stay on the last line.
    while end > entry.key.span.end && matches!(byte(snapshot, end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    end
}

/// Deletes entry `index` of `mapping`, with its separator; `None` when the
/// layout is too unusual to edit safely.
pub(super) fn remove_entry(snapshot: &Snapshot, mapping: NodeId, index: usize) -> Option<TextEdit> {
    let entries = snapshot.document.mapping(mapping)?;
    let entry = entries.get(index)?;
    let end = entry_end(snapshot, entry);
    if is_flow(snapshot, mapping) {
        let span = match (
            index.checked_sub(1).and_then(|i| entries.get(i)),
            entries.get(index + 1),
        ) {
            (Some(prev), _) => Span::new(entry_end(snapshot, prev), end),
            (None, Some(next)) => Span::new(entry.key.span.start, next.key.span.start),
            (None, None) => Span::new(entry.key.span.start, end),
        };
        return Some(TextEdit {
            span,
            new_text: String::new(),
        });
    }
    if only_spaces_before(snapshot, entry.key.span.start) {
        let start = line_start(snapshot, entry.key.span.start);
        let mut stop = line_end(snapshot, end);
        if byte(snapshot, stop) == Some(b'\r') {
            stop += 1;
        }
        if byte(snapshot, stop) == Some(b'\n') {
            stop += 1;
        }
        return Some(TextEdit {
            span: Span::new(start, stop),
            new_text: String::new(),
        });
    }
    // First entry after `- `: remove up to the next key, which takes its place.
    let next = entries.get(index + 1)?;
    Some(TextEdit {
        span: Span::new(entry.key.span.start, next.key.span.start),
        new_text: String::new(),
    })
}

/// A JSON string literal (also valid in YAML).
pub(super) fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// How new entries are written into a mapping.
pub(super) struct Insertion {
    pos: usize,
    flow: bool,
    json: bool,
    /// Column of the entries (block style, or flow style laid out one per line).
    indent: usize,
    one_per_line: bool,
    empty: bool,
}

impl Insertion {
    /// The layout for appending to `mapping` (a mapping node, or the empty value of `key`).
    pub(super) fn into_mapping(
        snapshot: &Snapshot,
        mapping: NodeId,
        key: Option<Span>,
    ) -> Option<Insertion> {
        let doc = &snapshot.document;
        let json = snapshot.format == Format::Json;
        let node = doc.node(mapping);
        if let NodeKind::Null = node.kind {
            // `Properties:` with nothing after it: a block goes under the key.
            let key = key?;
            if json {
                return None;
            }
            let column = key.start - line_start(snapshot, key.start);
            return Some(Insertion {
                pos: line_end(snapshot, key.end),
                flow: false,
                json,
                indent: column + 2,
                one_per_line: true,
                empty: false,
            });
        }
        let entries = doc.mapping(mapping)?;
        let flow = is_flow(snapshot, mapping);
        if flow {
            return Some(match (entries.first(), entries.last()) {
                (Some(first), Some(last)) => {
                    let own_line = only_spaces_before(snapshot, first.key.span.start);
                    Insertion {
                        pos: entry_end(snapshot, last),
                        flow,
                        json,
                        indent: first.key.span.start - line_start(snapshot, first.key.span.start),
                        one_per_line: own_line,
                        empty: false,
                    }
                }
                _ => Insertion {
                    pos: node.span.start + 1,
                    flow,
                    json,
                    indent: 0,
                    one_per_line: false,
                    empty: true,
                },
            });
        }
        let (first, last) = (entries.first()?, entries.last()?);
        Some(Insertion {
            pos: line_end(snapshot, entry_end(snapshot, last)),
            flow,
            json,
            indent: first.key.span.start - line_start(snapshot, first.key.span.start),
            one_per_line: true,
            empty: false,
        })
    }

    fn key(&self, name: &str) -> String {
        if self.json {
            json_string(name)
        } else {
            name.to_string()
        }
    }

    /// `key: value` written for this mapping.
    pub(super) fn entry(&self, name: &str, value: &str) -> String {
        format!("{}: {value}", self.key(name))
    }

    /// `key:` followed by a nested mapping of `(name, value)` pairs.
    pub(super) fn nested(&self, name: &str, pairs: &[(String, String)]) -> String {
        if self.flow || self.json {
            let inner: Vec<String> = pairs.iter().map(|(k, v)| self.entry(k, v)).collect();
            format!("{}: {{{}}}", self.key(name), inner.join(", "))
        } else {
            let pad = " ".repeat(self.indent + 2);
            let mut text = format!("{}:", self.key(name));
            for (k, v) in pairs {
                text.push_str(&format!("\n{pad}{k}: {v}"));
            }
            text
        }
    }

    /// The edit that appends these rendered entries.
    pub(super) fn edit(&self, entries: &[String]) -> TextEdit {
        let pad = " ".repeat(self.indent);
        let mut text = String::new();
        for (i, entry) in entries.iter().enumerate() {
            let first = i == 0 && self.empty;
            match (self.flow, self.one_per_line, first) {
                (true, _, true) => {}
                (true, true, false) => text.push_str(&format!(",\n{pad}")),
                (true, false, false) => text.push_str(", "),
                (false, _, _) => text.push_str(&format!("\n{pad}")),
            }
            text.push_str(entry);
        }
        TextEdit {
            span: Span::new(self.pos, self.pos),
            new_text: text,
        }
    }
}
