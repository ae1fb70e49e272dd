//! Reads the value text before the cursor on one YAML line: short-form tags
//! and flow collections (`!If [Cond, !Ref X, …`), giving the path steps they
//! open and whether a flow-mapping key or a value is being typed.

use awsls_grammars::short_form_function;

use super::{Role, Seg};

enum Level {
    Seq {
        base: usize,
        index: usize,
        previous: Vec<String>,
    },
    Map {
        base: usize,
        has_key: bool,
    },
}

/// What a value prefix opens.
pub(super) struct FlowPath {
    pub segs: Vec<Seg>,
    pub role: Role,
}

fn is_indicator(c: char) -> bool {
    matches!(c, ',' | '[' | ']' | '{' | '}')
}

/// Reads `s`, the text between the start of a value and the cursor.
pub(super) fn read(s: &str) -> FlowPath {
    let mut segs: Vec<Seg> = Vec::new();
    let mut levels: Vec<Level> = Vec::new();
    let mut last: Option<String> = None;
    let mut i = 0;
    while let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) {
        match c {
            ' ' | '\t' => i += 1,
            '#' if i == 0 || s[..i].ends_with([' ', '\t']) => break,
            '!' => {
                let end = s[i..]
                    .find(|c: char| c.is_whitespace() || is_indicator(c))
                    .map(|e| i + e);
                match end {
                    // The tag is still being typed.
                    None => break,
                    Some(end) => {
                        if let Some(function) = short_form_function(&s[i..end]) {
                            segs.push(Seg::Fn(function.to_string()));
                        }
                        i = end;
                    }
                }
            }
            '[' => {
                levels.push(Level::Seq {
                    base: segs.len(),
                    index: 0,
                    previous: Vec::new(),
                });
                segs.push(Seg::Item {
                    index: 0,
                    previous: Vec::new(),
                });
                last = None;
                i += 1;
            }
            '{' => {
                levels.push(Level::Map {
                    base: segs.len(),
                    has_key: false,
                });
                last = None;
                i += 1;
            }
            ']' | '}' => {
                if let Some(Level::Seq { base, .. } | Level::Map { base, .. }) = levels.pop() {
                    segs.truncate(base);
                }
                last = Some(String::new());
                i += 1;
            }
            ',' => {
                match levels.last_mut() {
                    Some(Level::Seq {
                        base,
                        index,
                        previous,
                    }) => {
                        previous.push(last.take().unwrap_or_default());
                        *index += 1;
                        segs.truncate(*base);
                        segs.push(Seg::Item {
                            index: *index,
                            previous: previous.clone(),
                        });
                    }
                    Some(Level::Map { base, has_key }) => {
                        segs.truncate(*base);
                        *has_key = false;
                    }
                    None => {}
                }
                last = None;
                i += 1;
            }
            ':' => {
                if let Some(Level::Map { base, has_key }) = levels.last_mut() {
                    segs.truncate(*base);
                    segs.push(Seg::Key(last.take().unwrap_or_default()));
                    *has_key = true;
                }
                i += 1;
            }
            '"' | '\'' => match closing_quote(s, i, c) {
                Some(close) => {
                    last = Some(s[i + 1..close].to_string());
                    i = close + 1;
                }
                // An unclosed string: the cursor is inside it.
                None => break,
            },
            _ => {
                let rest = &s[i..];
                let end = if levels.is_empty() {
                    rest.find(" #").unwrap_or(rest.len())
                } else {
                    rest.find(|c: char| is_indicator(c))
                        .into_iter()
                        .chain(rest.find(": "))
                        .min()
                        .unwrap_or(rest.len())
                };
                last = Some(rest[..end].trim().to_string());
                i += end.max(1);
            }
        }
    }
    let role = match levels.last() {
        Some(Level::Map { has_key: false, .. }) => Role::Key,
        _ => Role::Value,
    };
    FlowPath { segs, role }
}

/// The index of the quote closing the string opened at `open`, if any.
fn closing_quote(s: &str, open: usize, quote: char) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if quote == '"' && b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote as u8 {
            if quote == '\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}
