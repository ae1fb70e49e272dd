//! The cursor context in JSON, from a tolerant scan of the tokens before the
//! cursor (missing commas, unclosed strings and brackets are all fine) and of
//! the keys after it in the same object.

use awsls_grammars::{Format, Span};

use super::{word_around, Cursor, Role, Seg};

enum Level {
    Object {
        base: usize,
        pending: Option<String>,
        after_colon: bool,
        keys: Vec<String>,
    },
    Array {
        base: usize,
        index: usize,
        previous: Vec<String>,
        last: Option<String>,
    },
}

/// The end of the string opened at `open` (the index of its closing quote),
/// or `None` when it is not closed before `limit` or a line break.
fn string_end(bytes: &[u8], open: usize, limit: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < limit {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i),
            b'\n' => return None,
            _ => i += 1,
        }
    }
    None
}

fn decode(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
}

/// The cursor context from a scan starting at `start`, where a container
/// whose path is `outer` begins (see `resume`; 0 and no path scan the whole
/// text before the cursor).
pub(super) fn cursor_from(text: &str, start: usize, outer: Vec<Seg>, offset: usize) -> Cursor {
    let bytes = text.as_bytes();
    let mut levels: Vec<Level> = Vec::new();
    let mut segs: Vec<Seg> = Vec::new();
    let mut in_string: Option<usize> = None;
    let mut i = start.min(offset);
    while i < offset {
        let b = bytes[i];
        match b {
            b'"' => match string_end(bytes, i, offset) {
                Some(end) => {
                    let value = decode(&text[i + 1..end]);
                    match levels.last_mut() {
                        Some(Level::Object {
                            pending,
                            after_colon: false,
                            ..
                        }) => *pending = Some(value),
                        Some(Level::Array { last, .. }) => *last = Some(value),
                        _ => {}
                    }
                    i = end + 1;
                }
                None => {
                    in_string = Some(i + 1);
                    // An unclosed string on an earlier line is a typo; keep going.
                    match text[i + 1..offset].find('\n') {
                        Some(nl) => i = i + 1 + nl,
                        None => break,
                    }
                    in_string = None;
                }
            },
            b'{' => {
                levels.push(Level::Object {
                    base: segs.len(),
                    pending: None,
                    after_colon: false,
                    keys: Vec::new(),
                });
                i += 1;
            }
            b'[' => {
                levels.push(Level::Array {
                    base: segs.len(),
                    index: 0,
                    previous: Vec::new(),
                    last: None,
                });
                segs.push(Seg::Item {
                    index: 0,
                    previous: Vec::new(),
                });
                i += 1;
            }
            b'}' | b']' => {
                if let Some(Level::Object { base, .. } | Level::Array { base, .. }) = levels.pop() {
                    segs.truncate(base);
                }
                if let Some(Level::Array { last, .. }) = levels.last_mut() {
                    *last = Some(String::new());
                }
                i += 1;
            }
            b':' => {
                if let Some(Level::Object {
                    base,
                    pending,
                    after_colon,
                    keys,
                }) = levels.last_mut()
                {
                    let key = pending.take().unwrap_or_default();
                    keys.push(key.clone());
                    segs.truncate(*base);
                    segs.push(Seg::Key(key));
                    *after_colon = true;
                }
                i += 1;
            }
            b',' => {
                match levels.last_mut() {
                    Some(Level::Object {
                        base,
                        pending,
                        after_colon,
                        ..
                    }) => {
                        segs.truncate(*base);
                        *pending = None;
                        *after_colon = false;
                    }
                    Some(Level::Array {
                        base,
                        index,
                        previous,
                        last,
                    }) => {
                        previous.push(last.take().unwrap_or_default());
                        *index += 1;
                        segs.truncate(*base);
                        segs.push(Seg::Item {
                            index: *index,
                            previous: previous.clone(),
                        });
                    }
                    None => {}
                }
                i += 1;
            }
            _ if b.is_ascii_alphanumeric() || b == b'-' => {
                let start = i;
                while i < offset
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'.' | b'+'))
                {
                    i += 1;
                }
                if let Some(Level::Array { last, .. }) = levels.last_mut() {
                    *last = Some(text[start..i].to_string());
                }
            }
            _ => i += 1,
        }
    }
    let role = match levels.last() {
        Some(Level::Object {
            after_colon: false, ..
        }) => Role::Key,
        _ => Role::Value,
    };
    let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[offset..]
        .find('\n')
        .map(|i| offset + i)
        .unwrap_or(text.len());
    let word = match in_string {
        Some(start) => {
            let end = text[offset..line_end]
                .find('"')
                .map(|e| offset + e)
                .unwrap_or(line_end);
            word_around(text, offset, start, end)
        }
        None => word_around(text, offset, line_start, line_end),
    };
    let siblings = match levels.last() {
        Some(Level::Object { keys, .. }) if role == Role::Key => {
            let mut all = keys.clone();
            all.extend(keys_after(text, offset, in_string.is_some()));
            all
        }
        _ => Vec::new(),
    };
    let indent =
        text[line_start..].len() - text[line_start..].trim_start_matches([' ', '\t']).len();
    let mut path = outer;
    path.extend(segs);
    Cursor {
        path,
        role,
        typed: text[word.start..offset].to_string(),
        word: Span::new(word.start, word.end),
        quoted: in_string.is_some(),
        offset,
        indent: indent.min(offset - line_start),
        format: Format::Json,
        siblings,
        space_before: false,
    }
}

/// The keys of the object the cursor is in, written after the cursor.
fn keys_after(text: &str, offset: usize, in_string: bool) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut i = offset;
    if in_string {
        match string_end(bytes, offset.saturating_sub(1), bytes.len()) {
            Some(end) => i = end + 1,
            None => return Vec::new(),
        }
    }
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut last_string: Option<String> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let Some(end) = string_end(bytes, i, bytes.len()) else {
                    return out;
                };
                if depth == 0 {
                    last_string = Some(decode(&text[i + 1..end]));
                }
                i = end + 1;
                continue;
            }
            b':' if depth == 0 => {
                if let Some(key) = last_string.take() {
                    out.push(key);
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    return out;
                }
                depth -= 1;
            }
            b',' => last_string = None,
            _ => {}
        }
        i += 1;
    }
    out
}

/// The keys of the object under the key `section`, read tolerantly.
pub(super) fn section_keys(text: &str, section: &str) -> Vec<String> {
    let needle = format!("\"{section}\"");
    let Some(found) = text.find(&needle) else {
        return Vec::new();
    };
    let rest = &text[found + needle.len()..];
    let Some(after_colon) = rest.trim_start().strip_prefix(':') else {
        return Vec::new();
    };
    let Some(inside) = after_colon.trim_start().strip_prefix('{') else {
        return Vec::new();
    };
    let start = text.len() - inside.len();
    keys_after(text, start, false)
}
