//! Schema `pattern`s compiled once per process and cached. Patterns are
//! ECMAScript regexes; one the `regex` crate cannot compile (lookaround,
//! backreferences, ...) is treated as "no constraint".

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use regex::{Regex, RegexBuilder};

/// Upper bound on a compiled program; larger patterns are skipped.
const SIZE_LIMIT: usize = 4 * 1024 * 1024;

/// Compiled patterns: `[unicode, ascii]` spellings, by pattern text. Shared
/// through an `Arc`: a cloned `Regex` would build its matching cache again on
/// first use, which costs more than most matches.
type Cache = Mutex<[HashMap<Box<str>, Option<Arc<Regex>>>; 2]>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new([HashMap::new(), HashMap::new()]))
}

/// `pattern` in the `regex` crate's dialect: `\Z` (end of text, as cfn-lint
/// reads it) becomes `\z`; with `ascii`, `\w`, `\W`, `\d` and `\D` are spelled
/// as ASCII classes, which on ASCII text match exactly what the Unicode
/// classes match but compile to far smaller programs when repeated (`[\w]{1,256}`).
fn translate(pattern: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let at_start = class_start;
        class_start = false;
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(c);
                    break;
                };
                match (next, in_class) {
                    ('Z', false) => out.push_str("\\z"),
                    ('w', false) if ascii => out.push_str("[[:word:]]"),
                    ('w', true) if ascii => out.push_str("[:word:]"),
                    ('W', false) if ascii => out.push_str("[^[:word:]]"),
                    ('d', false) if ascii => out.push_str("[[:digit:]]"),
                    ('d', true) if ascii => out.push_str("[:digit:]"),
                    ('D', false) if ascii => out.push_str("[^[:digit:]]"),
                    _ => {
                        out.push(c);
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                class_start = true;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
            }
            ']' if in_class && !at_start => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn compiled(pattern: &str, ascii: bool) -> Option<Arc<Regex>> {
    let mut maps = match cache().lock() {
        Ok(maps) => maps,
        Err(poisoned) => poisoned.into_inner(),
    };
    let [unicode_map, ascii_map] = &mut *maps;
    let map = if ascii { ascii_map } else { unicode_map };
    if let Some(found) = map.get(pattern) {
        return found.clone();
    }
    let regex = RegexBuilder::new(&translate(pattern, ascii))
        .size_limit(SIZE_LIMIT)
        .build()
        .ok()
        .map(Arc::new);
    map.insert(pattern.into(), regex.clone());
    regex
}

/// Whether `text` matches `pattern` anywhere (JSON Schema semantics), or
/// `None` when the pattern cannot be compiled. A trailing line break is
/// forgiven, as CloudFormation's own validator forgives it after `$`.
pub fn is_match(pattern: &str, text: &str) -> Option<bool> {
    let regex = compiled(pattern, text.is_ascii())?;
    if regex.is_match(text) {
        return Some(true);
    }
    let trimmed = text
        .strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t));
    Some(trimmed.is_some_and(|t| regex.is_match(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_and_caches() {
        assert_eq!(is_match("^[a-z]+$", "abc"), Some(true));
        assert_eq!(is_match("^[a-z]+$", "aBc"), Some(false));
        assert_eq!(is_match("^[a-z]+$", "abc\n"), Some(true));
        assert_eq!(is_match("b", "abc"), Some(true));
        assert_eq!(is_match("^[a-z]+$", "abc"), Some(true));
    }

    #[test]
    fn ecmascript_only_syntax_is_skipped() {
        assert_eq!(is_match("^(?!aws:).*$", "aws:x"), None);
        assert_eq!(is_match("^(a)\\1$", "aa"), None);
    }

    #[test]
    fn ascii_spelling_of_word_and_digit_classes() {
        assert_eq!(
            translate(r"^sg-[\w]{1,120}$", true),
            "^sg-[[:word:]]{1,120}$"
        );
        assert_eq!(
            translate(r"\d+\W[^\d-]\.", true),
            "[[:digit:]]+[^[:word:]][^[:digit:]-]\\."
        );
        assert_eq!(translate(r"[]\w]", true), "[][:word:]]");
        assert_eq!(translate(r"^\w\Z", false), r"^\w\z");
        assert_eq!(is_match(r"^(sg-)([a-z0-9]+)\Z", "sg-12"), Some(true));
        assert_eq!(is_match(r"^(sg-)([a-z0-9]+)\Z", "sg-1_2"), Some(false));
        assert_eq!(is_match(r"^sg-[\w]{1,120}$", "sg-0abc"), Some(true));
        assert_eq!(is_match(r"^sg-[\w]{1,120}$", "sg-0a c"), Some(false));
        assert_eq!(is_match(r"^\w+$", "café"), Some(true));
    }

    #[test]
    fn common_escapes_compile() {
        assert_eq!(is_match("^arn:aws\\/x\\-y$", "arn:aws/x-y"), Some(true));
        assert_eq!(is_match("^[\\u0020-\\u007E]+$", "ok"), Some(true));
    }
}

#[cfg(test)]
mod measure {
    use std::time::Instant;

    use crate::schema::{cfn, Shape};

    fn collect<'a>(shape: &'a Shape, out: &mut Vec<&'a str>) {
        out.extend(shape.pattern.as_deref());
        for (name, s) in shape.pattern_properties.iter() {
            out.push(name);
            collect(s, out);
        }
        let children = shape
            .properties
            .iter()
            .map(|(_, s)| s)
            .chain(shape.items.as_deref())
            .chain(shape.one_of.iter())
            .chain(shape.any_of.iter())
            .chain(shape.all_of.iter());
        for child in children {
            collect(child, out);
        }
    }

    /// Compiles every pattern of every CloudFormation schema and prints how
    /// many the `regex` crate accepts and how long that takes. Run with
    /// `cargo test -p awsls --release compile_every_schema_pattern -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn compile_every_schema_pattern() {
        let mut patterns = Vec::new();
        for name in cfn::type_names() {
            if let Some(schema) = cfn::resource(name) {
                collect(&schema.root, &mut patterns);
                for (_, def) in schema.definitions.iter() {
                    collect(def, &mut patterns);
                }
            }
        }
        patterns.sort_unstable();
        patterns.dedup();
        let start = Instant::now();
        let compiled = patterns
            .iter()
            .filter(|p| super::is_match(p, "").is_some())
            .count();
        println!(
            "{} distinct patterns, {compiled} compiled, {} skipped, in {:?}",
            patterns.len(),
            patterns.len() - compiled,
            start.elapsed()
        );
        assert!(compiled * 10 > patterns.len() * 9);
    }
}
