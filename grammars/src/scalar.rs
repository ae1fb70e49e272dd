//! Decoding scalar text (YAML plain, quoted and block scalars; JSON strings
//! and numbers) and resolving plain YAML scalars with the YAML 1.2 core schema.

use crate::model::ScalarKind;

/// How a multi-line flow scalar is written, which decides its escapes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FlowStyle {
    Plain,
    Single,
    Double,
}

/// Decodes the inside of a flow scalar (without its quotes): escapes for
/// double-quoted, `''` for single-quoted, and line folding for all three.
pub(crate) fn flow(raw: &str, style: FlowStyle) -> String {
    let simple = match style {
        FlowStyle::Plain => !raw.contains(['\n', '\r']),
        FlowStyle::Single => !raw.contains(['\n', '\r', '\'']),
        FlowStyle::Double => !raw.contains(['\n', '\r', '\\']),
    };
    if simple {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    // Bytes of `out` that came from escapes and must survive trailing-space trimming.
    let mut protected = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '\\' if style == FlowStyle::Double => {
                let Some((_, e)) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match e {
                    '\n' | '\r' => {
                        if e == '\r' && chars.peek().map(|p| p.1) == Some('\n') {
                            chars.next();
                        }
                        while let Some((_, ' ' | '\t')) = chars.peek() {
                            chars.next();
                        }
                    }
                    'x' | 'u' | 'U' => {
                        let width = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut digits = String::new();
                        for _ in 0..width {
                            match chars.peek() {
                                Some(&(_, d)) if d.is_ascii_hexdigit() => {
                                    digits.push(d);
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        match u32::from_str_radix(&digits, 16)
                            .ok()
                            .and_then(char::from_u32)
                        {
                            Some(ch) if digits.len() == width => out.push(ch),
                            _ => {
                                out.push('\\');
                                out.push(e);
                                out.push_str(&digits);
                            }
                        }
                    }
                    other => match yaml_escape(other) {
                        Some(ch) => out.push(ch),
                        None => {
                            out.push('\\');
                            out.push(other);
                        }
                    },
                }
                protected = out.len();
            }
            '\'' if style == FlowStyle::Single => {
                if chars.peek().map(|p| p.1) == Some('\'') {
                    chars.next();
                }
                out.push('\'');
            }
            '\n' | '\r' => {
                if c == '\r' && chars.peek().map(|p| p.1) == Some('\n') {
                    chars.next();
                }
                let keep = out.trim_end_matches([' ', '\t']).len().max(protected);
                out.truncate(keep);
                let mut breaks = 0;
                loop {
                    while let Some((_, ' ' | '\t')) = chars.peek() {
                        chars.next();
                    }
                    match chars.peek().map(|p| p.1) {
                        Some('\n') => {
                            chars.next();
                            breaks += 1;
                        }
                        Some('\r') => {
                            chars.next();
                            if chars.peek().map(|p| p.1) == Some('\n') {
                                chars.next();
                            }
                            breaks += 1;
                        }
                        _ => break,
                    }
                }
                if breaks == 0 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', breaks));
                }
                protected = out.len();
            }
            other => out.push(other),
        }
    }
    out
}

fn yaml_escape(c: char) -> Option<char> {
    Some(match c {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        _ => return None,
    })
}

/// Resolves a plain YAML scalar with the YAML 1.2 core schema. `Yes`/`No`/`on`
/// are strings (YAML 1.1 booleans are not recognised).
pub(crate) fn resolve_plain(value: &str) -> ScalarKind {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarKind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return ScalarKind::Bool,
        ".nan" | ".NaN" | ".NAN" => return ScalarKind::Float,
        _ => {}
    }
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return ScalarKind::Float;
    }
    if let Some(hex) = value.strip_prefix("0x") {
        if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return ScalarKind::Integer;
        }
    }
    if let Some(oct) = value.strip_prefix("0o") {
        if !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            return ScalarKind::Integer;
        }
    }
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return ScalarKind::Integer;
    }
    if is_core_float(unsigned) {
        return ScalarKind::Float;
    }
    ScalarKind::String
}

/// `( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?` without the sign.
fn is_core_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_digits = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac_digits = digits(&mut i);
        if int_digits == 0 && frac_digits == 0 {
            return false;
        }
    } else if int_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Decodes the inside of a JSON string (without its quotes), joining UTF-16
/// surrogate pairs; lone surrogates become U+FFFD.
pub(crate) fn json_string(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let Some(first) = hex4(&mut chars) else {
                    out.push_str("\\u");
                    continue;
                };
                if (0xD800..0xDC00).contains(&first) {
                    let mut lookahead = chars.clone();
                    if lookahead.next() == Some('\\') && lookahead.next() == Some('u') {
                        if let Some(second) = hex4(&mut lookahead) {
                            if (0xDC00..0xE000).contains(&second) {
                                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                                chars = lookahead;
                                continue;
                            }
                        }
                    }
                    out.push('\u{FFFD}');
                } else {
                    out.push(char::from_u32(first).unwrap_or('\u{FFFD}'));
                }
            }
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn hex4(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<u32> {
    let mut value = 0;
    for _ in 0..4 {
        let digit = chars.peek()?.to_digit(16)?;
        chars.next();
        value = value * 16 + digit;
    }
    Some(value)
}

/// The kind of a JSON number literal.
pub(crate) fn json_number(raw: &str) -> ScalarKind {
    if raw.contains(['.', 'e', 'E']) {
        ScalarKind::Float
    } else {
        ScalarKind::Integer
    }
}

/// Decodes a YAML block scalar whose header (`|`, `>-`, `|2+`, ...) starts at
/// `start` in `text`. Reads the content lines itself, so trailing blank lines
/// kept by `+` chomping are included even when the syntax tree ends earlier.
/// Returns the value and whether the scalar is folded (`>`).
pub(crate) fn block(text: &str, start: usize) -> (String, bool) {
    let rest = text.get(start..).unwrap_or("");
    let header_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let header = rest.get(..header_end).unwrap_or("");
    let folded = header.starts_with('>');
    let mut chomp = Chomp::Clip;
    let mut explicit_indent = None;
    for c in header.chars().skip(1) {
        match c {
            '-' => chomp = Chomp::Strip,
            '+' => chomp = Chomp::Keep,
            '1'..='9' => explicit_indent = c.to_digit(10).map(|d| d as usize),
            _ => break,
        }
    }
    let line_start = text
        .get(..start)
        .map_or(0, |b| b.rfind(['\n', '\r']).map_or(0, |i| i + 1));
    let header_line = text.get(line_start..start).unwrap_or("");
    let header_line_indent = header_line.bytes().take_while(|b| *b == b' ').count();
    // Content must be indented more than the parent; a top-level scalar's parent is at -1.
    let top_level = header_line.trim().is_empty() || header_line.starts_with("---");
    let min_auto_indent = if top_level { 0 } else { header_line_indent + 1 };
    let mut lines = Lines::new(rest.get(header_end..).unwrap_or(""));
    // Skip the header's own line break.
    lines.skip_break();
    let mut indent = explicit_indent.map(|n| header_line_indent + n);
    let mut out = String::new();
    let mut pending_breaks = 0usize;
    let mut seen_content = false;
    let mut prev_more_indented = false;
    let mut last_had_break = false;
    while let Some((line, has_break)) = lines.peek_line() {
        let spaces = line.bytes().take_while(|b| *b == b' ').count();
        let blank = line.trim_start_matches([' ', '\t']).is_empty();
        let needed = match indent {
            Some(n) => n,
            None if blank => {
                lines.advance();
                pending_breaks += usize::from(has_break);
                last_had_break = has_break;
                continue;
            }
            None => {
                if spaces < min_auto_indent {
                    break;
                }
                indent = Some(spaces);
                spaces
            }
        };
        if blank {
            lines.advance();
            pending_breaks += usize::from(has_break);
            last_had_break = has_break;
            continue;
        }
        if spaces < needed || is_document_marker(line) {
            break;
        }
        let content = line.get(needed..).unwrap_or("");
        let more_indented = content.starts_with([' ', '\t']);
        if seen_content {
            if folded && !more_indented && !prev_more_indented {
                if pending_breaks == 1 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', pending_breaks.saturating_sub(1)));
                }
            } else {
                out.extend(std::iter::repeat_n('\n', pending_breaks));
            }
        } else {
            out.extend(std::iter::repeat_n('\n', pending_breaks));
        }
        out.push_str(content);
        seen_content = true;
        prev_more_indented = more_indented;
        pending_breaks = usize::from(has_break);
        last_had_break = has_break;
        lines.advance();
    }
    match chomp {
        Chomp::Strip => {}
        Chomp::Clip => {
            if seen_content && (pending_breaks > 0 || last_had_break) {
                out.push('\n');
            }
        }
        Chomp::Keep => out.extend(std::iter::repeat_n('\n', pending_breaks)),
    }
    (out, folded)
}

fn is_document_marker(line: &str) -> bool {
    (line.starts_with("---") || line.starts_with("..."))
        && line
            .get(3..)
            .is_none_or(|r| r.is_empty() || r.starts_with([' ', '\t']))
}

#[derive(Clone, Copy)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// A line iterator over `\n`, `\r\n` and `\r` that can peek at the next line.
struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Lines<'a> {
    fn new(rest: &'a str) -> Self {
        Lines { rest }
    }

    fn skip_break(&mut self) {
        if let Some(r) = self.rest.strip_prefix("\r\n") {
            self.rest = r;
        } else if let Some(r) = self.rest.strip_prefix(['\n', '\r']) {
            self.rest = r;
        }
    }

    /// The next line without its break, and whether a break follows it.
    fn peek_line(&self) -> Option<(&'a str, bool)> {
        if self.rest.is_empty() {
            return None;
        }
        let end = self.rest.find(['\n', '\r']).unwrap_or(self.rest.len());
        Some((self.rest.get(..end).unwrap_or(""), end < self.rest.len()))
    }

    fn advance(&mut self) {
        let end = self.rest.find(['\n', '\r']).unwrap_or(self.rest.len());
        self.rest = self.rest.get(end..).unwrap_or("");
        self.skip_break();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema() {
        for (v, k) in [
            ("true", ScalarKind::Bool),
            ("False", ScalarKind::Bool),
            ("Yes", ScalarKind::String),
            ("No", ScalarKind::String),
            ("~", ScalarKind::Null),
            ("null", ScalarKind::Null),
            ("42", ScalarKind::Integer),
            ("-7", ScalarKind::Integer),
            ("0x1F", ScalarKind::Integer),
            ("0o17", ScalarKind::Integer),
            ("0o19", ScalarKind::String),
            ("1.5", ScalarKind::Float),
            ("1e3", ScalarKind::Float),
            (".5", ScalarKind::Float),
            ("-.inf", ScalarKind::Float),
            (".NaN", ScalarKind::Float),
            (".", ScalarKind::String),
            ("1.2.3", ScalarKind::String),
            ("2012-01-01", ScalarKind::String),
            ("e3", ScalarKind::String),
        ] {
            assert_eq!(resolve_plain(v), k, "{v}");
        }
    }

    #[test]
    fn double_quoted_escapes_and_folding() {
        assert_eq!(
            flow(r#"a\tb\n\u00e9\x41\U0001F600"#, FlowStyle::Double),
            "a\tb\néA😀"
        );
        assert_eq!(
            flow("one\n  two\n\n  three", FlowStyle::Double),
            "one two\nthree"
        );
        assert_eq!(flow("ab\\\n   cd", FlowStyle::Double), "abcd");
        assert_eq!(flow("x\\t\n y", FlowStyle::Double), "x\t y");
        assert_eq!(flow(r"bad \q", FlowStyle::Double), r"bad \q");
    }

    #[test]
    fn single_quoted_and_plain() {
        assert_eq!(flow("it''s", FlowStyle::Single), "it's");
        assert_eq!(flow("a  \n   b\r\n\r\n c", FlowStyle::Plain), "a b\nc");
    }

    #[test]
    fn json_strings() {
        assert_eq!(json_string(r#"a\"b\\c\/\n"#), "a\"b\\c/\n");
        assert_eq!(json_string(r"\ud83d\ude00 \u00e9"), "😀 é");
        assert_eq!(json_string(r"\ud83d x"), "\u{FFFD} x");
        assert_eq!(json_number("1e5"), ScalarKind::Float);
        assert_eq!(json_number("-12"), ScalarKind::Integer);
    }

    fn block_of(text: &str) -> String {
        let start = text.find(['|', '>']).unwrap_or(0);
        block(text, start).0
    }

    #[test]
    fn literal_chomping() {
        assert_eq!(block_of("k: |\n  a\n  b\n\n"), "a\nb\n");
        assert_eq!(block_of("k: |-\n  a\n  b\n\n"), "a\nb");
        assert_eq!(block_of("k: |+\n  a\n  b\n\n"), "a\nb\n\n");
        assert_eq!(block_of("k: |\n  a\n   b\nn: 1\n"), "a\n b\n");
        assert_eq!(block_of("k: |\n\n  a\n"), "\na\n");
        assert_eq!(block_of("k: |\n  a"), "a");
        assert_eq!(block_of("k: |1\n   a\n"), "  a\n");
        assert_eq!(block_of("k: |\r\n  a\r\n  b\r\n"), "a\nb\n");
        assert_eq!(block_of("k: |\nn: 1\n"), "");
    }

    #[test]
    fn folded() {
        assert_eq!(block_of("k: >\n  a\n  b\n\n  c\n"), "a b\nc\n");
        assert_eq!(block_of("k: >-\n  a\n    x\n  b\n"), "a\n  x\nb");
        assert_eq!(block_of("- >\n  one\n  two\n- x\n"), "one two\n");
    }
}
