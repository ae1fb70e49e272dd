//! The cursor context in YAML, read by indentation: the current line tells
//! what is typed, the lines above at smaller indentation give the enclosing
//! keys and list items. Works whether or not the document parses.

use awsls_grammars::{short_form_function, Format, Span};

use super::{flow, word_around, Cursor, Role, Seg};

/// One line, split into the parts the walk needs. Columns are byte offsets
/// within the line.
#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    indent: usize,
    /// Columns of the `- ` markers at the start of the line.
    dashes: Vec<usize>,
    /// Column where the content starts after indentation and dashes.
    content: usize,
    /// The key, when the content is `key:` followed by a space or the end.
    key: Option<&'a str>,
    /// Column of the value after `key:` (or of the content when no key).
    value: usize,
    blank: bool,
}

impl Line<'_> {
    fn value_text(&self) -> &str {
        self.text.get(self.value..).unwrap_or("").trim()
    }

    fn last_dash(&self) -> Option<usize> {
        self.dashes.last().copied()
    }
}

fn parse_line(text: &str) -> Line<'_> {
    let text = text.strip_suffix('\r').unwrap_or(text);
    let indent = text.len() - text.trim_start_matches(' ').len();
    let mut col = indent;
    let mut dashes = Vec::new();
    loop {
        let rest = &text[col..];
        if rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t") {
            dashes.push(col);
            col += 1;
            col += text[col..].len() - text[col..].trim_start_matches([' ', '\t']).len();
        } else {
            break;
        }
    }
    let content = col;
    let rest = &text[content..];
    let blank = rest.trim().is_empty() && dashes.is_empty()
        || rest.starts_with('#') && dashes.is_empty()
        || rest.starts_with("---") && indent == 0;
    let (key, value) = match key_of(rest) {
        Some((key, after)) => {
            let value_start = content + after;
            let spaces = text[value_start..].len() - text[value_start..].trim_start().len();
            (Some(key), value_start + spaces)
        }
        None => (None, content),
    };
    Line {
        text,
        indent,
        dashes,
        content,
        key,
        value,
        blank,
    }
}

/// `key: …` → the key and the offset just past the colon.
fn key_of(rest: &str) -> Option<(&str, usize)> {
    let first = rest.chars().next()?;
    if first == '"' || first == '\'' {
        let close = rest[1..].find(first)? + 1;
        let after = &rest[close + 1..];
        let after_trim = after.trim_start_matches([' ', '\t']);
        if after_trim.starts_with(':') {
            let colon = close + 1 + (after.len() - after_trim.len());
            let next = rest[colon + 1..].chars().next();
            if next.is_none_or(|c| c == ' ' || c == '\t') {
                return Some((&rest[1..close], colon + 1));
            }
        }
        return None;
    }
    if matches!(
        first,
        '!' | '[' | '{' | '&' | '*' | '|' | '>' | '#' | '%' | '@' | '`'
    ) {
        return None;
    }
    let mut search = 0;
    while let Some(found) = rest[search..].find(':') {
        let colon = search + found;
        let next = rest[colon + 1..].chars().next();
        if next.is_none_or(|c| c == ' ' || c == '\t') {
            let key = rest[..colon].trim_end();
            if key.contains(" #") {
                return None;
            }
            return Some((key, colon + 1));
        }
        search = colon + 1;
    }
    None
}

pub(super) fn cursor(text: &str, offset: usize, skip: Skip) -> Cursor {
    let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[offset..]
        .find('\n')
        .map(|i| offset + i)
        .unwrap_or(text.len());
    let prefix = &text[line_start..offset];
    let current = parse_line(prefix);
    let mut path = if current.content == 0 && current.dashes.is_empty() {
        Vec::new()
    } else {
        path_above(
            &text[..line_start],
            current.content,
            current.last_dash(),
            skip,
        )
    };
    let mut space_before = false;
    let role = match current.key {
        Some(key) => {
            path.push(Seg::Key(key.to_string()));
            let value = prefix.get(current.value..).unwrap_or("");
            space_before = current.value >= prefix.len() && prefix.ends_with(':');
            let flow = flow::read(value);
            path.extend(flow.segs);
            flow.role
        }
        None => {
            let rest = prefix.get(current.content..).unwrap_or("");
            if rest.starts_with(['!', '[', '{', '"', '\'', '*']) || rest.contains(' ') {
                let flow = flow::read(rest);
                path.extend(flow.segs);
                flow.role
            } else {
                Role::KeyOrValue
            }
        }
    };
    let word = word_around(
        text,
        offset,
        line_start + current.content.min(prefix.len()),
        line_end,
    );
    let siblings = if role == Role::Value {
        Vec::new()
    } else {
        siblings(
            text,
            line_start,
            line_end,
            current.content,
            !current.dashes.is_empty(),
        )
    };
    Cursor {
        path,
        role,
        typed: text[word.start..offset].to_string(),
        word: Span::new(word.start, word.end),
        quoted: false,
        offset,
        indent: current.content,
        format: Format::Yaml,
        siblings,
        space_before,
    }
}

/// A value that is just a short-form tag (`!If`), whose argument is a block below.
fn block_tag(value: &str) -> Option<&'static str> {
    let value = value.split(" #").next().unwrap_or("").trim();
    if value.starts_with('!') && !value.contains(char::is_whitespace) {
        short_form_function(value)
    } else {
        None
    }
}

/// Where the upward walk of [`path_above`] may go on from: given the start
/// of the line it is at and the column it looks for a parent below, the
/// start of an earlier line such that every line in between is deeper
/// content (or blank), which the walk would skip one by one. `None` to walk
/// on line by line.
pub(super) type Skip<'a> = &'a dyn Fn(usize, usize) -> Option<usize>;

/// The path to content at column `col` (inside the sequence item whose dash
/// is at `dash`, when given), from the lines above it (`above` is the text up
/// to the start of the cursor's line).
fn path_above(above: &str, col: usize, dash: Option<usize>, skip: Skip) -> Vec<Seg> {
    let mut reversed: Vec<Seg> = Vec::new();
    let mut col = col;
    let mut dash = dash;
    let mut index = 0usize;
    let mut previous: Vec<String> = Vec::new();
    // The lines are read upwards: `end` is where the next one to read ends.
    let mut end = above.len();
    if dash.is_none() {
        end = jump(above, end, col, skip);
    }
    while end > 0 {
        let body_end = end - usize::from(above.as_bytes()[end - 1] == b'\n');
        let start = above[..body_end].rfind('\n').map_or(0, |i| i + 1);
        let raw = &above[start..body_end];
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        end = start;
        // Deeper lines cannot hold the parent: skip them without parsing.
        if dash.is_none() && raw.len() > col && raw.as_bytes().iter().take(col).all(|b| *b == b' ')
        {
            continue;
        }
        let line = parse_line(raw);
        if line.blank {
            continue;
        }
        if let Some(d) = dash {
            if line.dashes.contains(&d) {
                index += 1;
                let scalar = if line.last_dash() == Some(d) && line.key.is_none() {
                    line.text[line.content..].trim().to_string()
                } else {
                    String::new()
                };
                previous.push(scalar);
                continue;
            }
            if line.indent > d {
                continue;
            }
            previous.reverse();
            reversed.push(Seg::Item {
                index,
                previous: std::mem::take(&mut previous),
            });
            index = 0;
            dash = None;
            // Fall through: this line holds the sequence.
            if line.key.is_none() {
                continue;
            }
        } else if line.indent >= col {
            continue;
        } else if line.content == col && !line.dashes.is_empty() {
            // The first key of the list item our mapping belongs to.
            dash = line.last_dash();
            continue;
        } else if line.key.is_none() {
            if let Some(d) = line.last_dash().filter(|_| line.value_text().is_empty()) {
                if d < col {
                    dash = Some(d);
                }
            }
            continue;
        }
        let Some(key) = line.key else { continue };
        if let Some(function) = block_tag(line.value_text()) {
            reversed.push(Seg::Fn(function.to_string()));
        }
        reversed.push(Seg::Key(key.to_string()));
        col = line.content;
        dash = line.last_dash();
        if col == 0 {
            break;
        }
        if dash.is_none() {
            end = jump(above, end, col, skip);
        }
    }
    if dash.is_some() {
        previous.reverse();
        reversed.push(Seg::Item { index, previous });
    }
    reversed.reverse();
    reversed
}

/// Where to read on from when the walk, at the line ending at `end`, looks
/// for a line indented less than `col`: the line `skip` names (included),
/// when it lies above.
fn jump(above: &str, end: usize, col: usize, skip: Skip) -> usize {
    match skip(end, col) {
        Some(line) if line < end => above[line..end].find('\n').map_or(end, |i| line + i + 1),
        _ => end,
    }
}

/// The keys written at column `col` in the block around the cursor line.
fn siblings(
    text: &str,
    line_start: usize,
    line_end: usize,
    col: usize,
    new_item: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    if !new_item {
        for raw in text[..line_start].lines().rev() {
            let line = parse_line(raw);
            if line.blank || line.indent > col || (line.indent == col && !line.dashes.is_empty()) {
                continue;
            }
            if line.content == col {
                if let Some(key) = line.key {
                    out.push(key.to_string());
                }
                if !line.dashes.is_empty() || line.key.is_none() {
                    break;
                }
                continue;
            }
            break;
        }
    }
    let after = text.get(line_end..).unwrap_or("");
    for raw in after.lines().skip(usize::from(after.starts_with('\n'))) {
        let line = parse_line(raw);
        if line.blank || (line.indent > col && line.dashes.is_empty()) {
            continue;
        }
        if line.content == col && line.dashes.is_empty() {
            if let Some(key) = line.key {
                out.push(key.to_string());
            }
            continue;
        }
        if line.indent > col || (line.indent == col && !new_item) {
            continue;
        }
        break;
    }
    out
}

/// The keys one level under the top-level key `section`.
pub(super) fn section_keys(text: &str, section: &str) -> Vec<String> {
    let mut lines = text.lines().map(parse_line);
    let found = lines
        .by_ref()
        .any(|l| l.indent == 0 && l.key == Some(section));
    if !found {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut child_indent = None;
    for line in lines {
        if line.blank {
            continue;
        }
        if line.indent == 0 {
            break;
        }
        let indent = *child_indent.get_or_insert(line.indent);
        if line.indent == indent && line.dashes.is_empty() {
            if let Some(key) = line.key {
                out.push(key.to_string());
            }
        }
    }
    out
}
