//! What the cursor is on, for completion: the path from the root to the
//! mapping being written, whether a key or a value is typed, and the exact
//! word to replace. YAML is read from the indentation of the lines above, so
//! it works while the document is broken; JSON is read from the model.

use awsls_grammars::{Document, Format, NodeId, NodeKind, Span};

use super::shapes::Seg;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A key of the mapping at `path`.
    Key,
    /// The value of `key` in the mapping at `path`.
    Value(String),
    /// An item of the list at `path`, written as a single value (`- file`).
    ListItem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub path: Vec<Seg>,
    pub slot: Slot,
    /// The word being typed (possibly empty), without quotes.
    pub word: Span,
    /// Keys the mapping at `path` already has.
    pub siblings: Vec<String>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.')
}

/// True when the character at byte `i` belongs to a word: word characters,
/// and colons that are part of `::` (as in `AWS::ECS::Service`).
fn word_char_at(text: &str, i: usize) -> bool {
    let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
        return false;
    };
    if c == ':' {
        let prev = i.checked_sub(1).and_then(|p| text.get(p..i)) == Some(":");
        let next = text.get(i + 1..i + 2) == Some(":");
        return prev || next;
    }
    is_word(c)
}

pub fn at(doc: &Document, format: Format, text: &str, offset: usize) -> Option<Cursor> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    match format {
        Format::Yaml => yaml_cursor(text, offset),
        Format::Json => json_cursor(doc, text, offset),
    }
}

/// The word around `offset`: word characters before and after it.
fn word_at(text: &str, offset: usize) -> Span {
    let mut start = offset;
    while let Some((i, _)) = text.get(..start).and_then(|t| t.char_indices().next_back()) {
        if !word_char_at(text, i) {
            break;
        }
        start = i;
    }
    let mut end = offset;
    while let Some(c) = text.get(end..).and_then(|t| t.chars().next()) {
        if !word_char_at(text, end) {
            break;
        }
        end += c.len_utf8();
    }
    Span::new(start, end)
}

struct Line<'a> {
    /// Columns of the `- ` markers.
    dashes: Vec<usize>,
    /// The key and its column, when the line holds `key:`.
    key: Option<(String, usize)>,
    /// Column of the first character after indentation and markers.
    content: usize,
    rest: &'a str,
}

/// Splits a YAML line into indentation, list markers and a `key:`.
fn parse_line(line: &str) -> Option<Line<'_>> {
    let mut col = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[col..];
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let mut dashes = Vec::new();
    while rest == "-" || rest.starts_with("- ") {
        dashes.push(col);
        let after = &rest[1..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        col += 1 + spaces;
        rest = &after[spaces..];
    }
    Some(Line {
        dashes,
        key: parse_key(rest).map(|k| (k, col)),
        content: col,
        rest,
    })
}

/// `key:` or `key: value` (quotes removed).
fn parse_key(rest: &str) -> Option<String> {
    if rest.starts_with(['#', '{', '[', '-']) {
        return None;
    }
    let bytes = rest.as_bytes();
    let colon = (0..bytes.len()).find(|&i| {
        bytes.get(i) == Some(&b':') && matches!(bytes.get(i + 1), None | Some(b' ') | Some(b'\t'))
    })?;
    let key = rest.get(..colon)?.trim();
    let key = key.trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then(|| key.to_string())
}

/// The lines before `line_start`, nearest first, as (start offset, text).
fn lines_above(text: &str, line_start: usize) -> impl Iterator<Item = (usize, &str)> {
    let head = text.get(..line_start.saturating_sub(1)).unwrap_or("");
    let mut end = head.len();
    let mut done = line_start == 0;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let start = head.get(..end)?.rfind('\n').map_or(0, |i| i + 1);
        let line = head.get(start..end)?.trim_end_matches('\r');
        if start == 0 {
            done = true;
        } else {
            end = start - 1;
        }
        Some((start, line))
    })
}

fn yaml_cursor(text: &str, offset: usize) -> Option<Cursor> {
    let word = word_at(text, offset);
    let line_start = text.get(..word.start)?.rfind('\n').map_or(0, |i| i + 1);
    let head = text.get(line_start..word.start)?;
    // A placeholder for the word shows what comes before it.
    let probe = format!("{head}x");
    let line = parse_line(&probe)?;
    let (slot, col) = match (&line.key, line.rest) {
        (None, "x" | "\"x" | "'x") => (Slot::Key, line.content),
        (Some((key, col)), _) => (Slot::Value(key.clone()), *col),
        _ => return None,
    };
    let mut path;
    let slot = match (&slot, line.dashes.first()) {
        (Slot::Key, Some(&dash)) if head.trim_end().ends_with('-') && line.dashes.len() == 1 => {
            // `- |`: a scalar list item or the first key of a mapping item.
            path = ancestors(text, line_start, dash, true);
            path.push(Seg::Item);
            if is_scalar_list(&path) {
                path.pop();
                Slot::ListItem
            } else {
                Slot::Key
            }
        }
        (_, Some(&dash)) => {
            path = ancestors(text, line_start, dash, true);
            path.extend(line.dashes.iter().map(|_| Seg::Item));
            slot
        }
        (_, None) => {
            path = ancestors(text, line_start, col, false);
            slot
        }
    };
    let siblings = if line.dashes.is_empty() {
        sibling_keys(text, line_start, col)
    } else {
        Vec::new()
    };
    Some(Cursor {
        path,
        slot,
        word,
        siblings,
    })
}

/// Lists whose items are plain values (`type: [file, directory]`).
fn is_scalar_list(path: &[Seg]) -> bool {
    matches!(path, [Seg::Key(p), Seg::Item, Seg::Key(t), Seg::Item] if p == "permissions" && t == "type")
}

/// The path to the mapping whose keys sit at column `limit` (or, with
/// `in_list`, to the list whose `- ` markers sit there).
fn ancestors(text: &str, line_start: usize, limit: usize, in_list: bool) -> Vec<Seg> {
    if limit == 0 && !in_list {
        return Vec::new();
    }
    for (start, raw) in lines_above(text, line_start) {
        let Some(line) = parse_line(raw) else {
            continue;
        };
        let first = line.dashes.first().copied();
        match (first, &line.key) {
            (Some(dash), Some((_, k))) if !in_list && *k == limit => {
                let mut path = ancestors(text, start, dash, true);
                path.extend(line.dashes.iter().map(|_| Seg::Item));
                return path;
            }
            (Some(dash), Some((key, k))) if *k < limit => {
                let mut path = ancestors(text, start, dash, true);
                path.extend(line.dashes.iter().map(|_| Seg::Item));
                path.push(Seg::Key(key.clone()));
                return path;
            }
            (None, Some((key, k))) if *k < limit || (in_list && *k == limit) => {
                let mut path = ancestors(text, start, *k, false);
                path.push(Seg::Key(key.clone()));
                return path;
            }
            (Some(dash), None) if dash < limit && !in_list => {
                let mut path = ancestors(text, start, dash, true);
                path.extend(line.dashes.iter().map(|_| Seg::Item));
                return path;
            }
            _ if line.dashes.is_empty() && line.content < limit => return Vec::new(),
            _ => {}
        }
    }
    Vec::new()
}

/// Keys at column `col` in the block around the line at `line_start`. Going
/// up, the line that opens the block (`- key:`) still counts; going down, a
/// line indented less ends the block.
fn sibling_keys(text: &str, line_start: usize, col: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut collect = |raw: &str, above: bool| -> bool {
        let Some(line) = parse_line(raw) else {
            return true;
        };
        let indent = line.dashes.first().copied().unwrap_or(line.content);
        if !above && indent < col {
            return false;
        }
        if let Some((key, k)) = &line.key {
            if *k == col {
                keys.push(key.clone());
            }
        }
        indent >= col
    };
    for (_, raw) in lines_above(text, line_start) {
        if !collect(raw, true) {
            break;
        }
    }
    let below = text.get(line_start..).unwrap_or("");
    for raw in below.lines().skip(1) {
        if !collect(raw, false) {
            break;
        }
    }
    keys
}

fn json_cursor(doc: &Document, text: &str, offset: usize) -> Option<Cursor> {
    let location = doc.locate(offset);
    let mut word = word_at(text, offset);
    if let Some((mapping, index)) = location.key_of {
        let path = model_path(doc, &location.nodes);
        let siblings = keys_except(doc, mapping, Some(index));
        if let Some(entry) = doc.mapping(mapping).and_then(|e| e.get(index)) {
            word = inner(text, entry.key.span);
        }
        if !word.touches(offset) {
            return None;
        }
        return Some(Cursor {
            path,
            slot: Slot::Key,
            word,
            siblings,
        });
    }
    let innermost = *location.nodes.last()?;
    let node = doc.node(innermost);
    match &node.kind {
        NodeKind::Mapping(_) => Some(Cursor {
            path: model_path(doc, &location.nodes),
            slot: Slot::Key,
            word,
            siblings: keys_except(doc, innermost, None),
        }),
        NodeKind::Scalar(_) | NodeKind::Null => {
            let parents = location
                .nodes
                .get(..location.nodes.len().saturating_sub(1))?;
            let parent = *parents.last()?;
            if node.span.start < offset && !matches!(node.kind, NodeKind::Null) {
                word = inner(text, node.span);
            }
            if !word.touches(offset) {
                return None;
            }
            let key = doc
                .mapping(parent)?
                .iter()
                .find(|e| e.value == innermost)
                .map(|e| e.key.text.clone())?;
            Some(Cursor {
                path: model_path(doc, parents),
                slot: Slot::Value(key),
                word,
                siblings: Vec::new(),
            })
        }
        _ => None,
    }
}

/// The span without surrounding quotes.
fn inner(text: &str, span: Span) -> Span {
    let written = text.get(span.start..span.end).unwrap_or("");
    if written.len() >= 2 && written.starts_with('"') && written.ends_with('"') {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

fn keys_except(doc: &Document, mapping: NodeId, skip: Option<usize>) -> Vec<String> {
    doc.mapping(mapping)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, e)| e.key.text.clone())
        .collect()
}

/// The keys and items from the root to the last of `nodes`.
pub fn model_path(doc: &Document, nodes: &[NodeId]) -> Vec<Seg> {
    let mut path = Vec::new();
    for pair in nodes.windows(2) {
        let (parent, child) = match pair {
            [parent, child] => (*parent, *child),
            _ => continue,
        };
        if let Some(entry) = doc
            .mapping(parent)
            .and_then(|entries| entries.iter().find(|e| e.value == child))
        {
            path.push(Seg::Key(entry.key.text.clone()));
        } else if doc.sequence(parent).is_some() {
            path.push(Seg::Item);
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(text_with_bar: &str) -> Cursor {
        let offset = text_with_bar.find('|').expect("cursor marker");
        let text = text_with_bar.replacen('|', "", 1);
        at(&Document::default(), Format::Yaml, &text, offset).expect("a cursor")
    }

    fn keys(path: &[Seg]) -> Vec<String> {
        path.iter()
            .map(|s| match s {
                Seg::Key(k) => k.clone(),
                Seg::Item => "-".to_string(),
            })
            .collect()
    }

    #[test]
    fn empty_line_under_hooks() {
        let c = cursor("version: 0.0\nhooks:\n  |\nfiles: [\n");
        assert_eq!(keys(&c.path), ["hooks"]);
        assert_eq!(c.slot, Slot::Key);
        assert_eq!(c.word, Span::new(22, 22));
    }

    #[test]
    fn half_typed_hook_script_key() {
        let text = "hooks:\n  BeforeInstall:\n    - location: a.sh\n      tim|\n";
        let c = cursor(text);
        assert_eq!(keys(&c.path), ["hooks", "BeforeInstall", "-"]);
        assert_eq!(c.slot, Slot::Key);
        assert_eq!(c.word, Span::new(51, 54));
        assert_eq!(c.siblings, ["location"]);
    }

    #[test]
    fn new_list_item_key() {
        let c = cursor("hooks:\n  AfterInstall:\n  - lo|");
        assert_eq!(keys(&c.path), ["hooks", "AfterInstall", "-"]);
        assert_eq!(c.word, Span::new(27, 29));
    }

    #[test]
    fn value_after_key() {
        let c = cursor("version: 0.0\nos: li|\n");
        assert_eq!(c.slot, Slot::Value("os".to_string()));
        assert!(c.path.is_empty());
        assert_eq!(c.word, Span::new(17, 19));
    }

    #[test]
    fn function_hook_item_and_resource_properties() {
        let c = cursor("Hooks:\n  - |\n");
        assert_eq!(keys(&c.path), ["Hooks", "-"]);
        let text = "Resources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        Load|\n";
        let c = cursor(text);
        assert_eq!(
            keys(&c.path),
            ["Resources", "-", "TargetService", "Properties"]
        );
    }

    #[test]
    fn siblings_stay_in_the_item() {
        let text =
            "permissions:\n  - object: /a\n    |\n    owner: me\n  - object: /b\n    group: g\n";
        let c = cursor(text);
        assert_eq!(c.siblings, ["object", "owner"]);
    }

    #[test]
    fn scalar_list_items() {
        let c = cursor("permissions:\n  - object: /a\n    type:\n      - |\n");
        assert_eq!(keys(&c.path), ["permissions", "-", "type"]);
        assert_eq!(c.slot, Slot::ListItem);
    }

    #[test]
    fn comments_are_skipped() {
        let c = cursor("hooks:\n#  BeforeInstall:\n  Af|\n");
        assert_eq!(keys(&c.path), ["hooks"]);
    }
}
