//! Writing completions in the document's own syntax: keys with their colon
//! (and an opened block or bracket for objects and lists), scalar values
//! quoted as YAML or JSON needs, and intrinsic function calls in short form
//! for YAML and as `{"Fn::…": …}` for JSON.

use awsls_grammars::Format;

use crate::analysis::{CompletionEntry, CompletionKind};

use super::super::functions::{Function, FUNCTIONS};
use super::Ctx;

/// What a key's value looks like, to open the right kind of block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueShape {
    Scalar,
    Object,
    Array,
}

/// Escapes snippet syntax in literal text.
pub fn snippet_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn json_escape(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap_or_default();
    quoted
        .get(1..quoted.len().saturating_sub(1))
        .unwrap_or_default()
        .to_string()
}

/// True when a YAML plain scalar with this text would not read back as the same string.
pub(crate) fn yaml_needs_quotes(text: &str) -> bool {
    text.is_empty()
        || text.starts_with([
            '!', '&', '*', '{', '}', '[', ']', ',', '#', '|', '>', '@', '`', '"', '\'', '%', '-',
            '?', ':',
        ])
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text != text.trim()
}

impl Ctx<'_> {
    /// The text after the word being typed, on its line.
    fn after_word(&self) -> &str {
        let rest = self.text.get(self.cursor.word.end..).unwrap_or("");
        rest.split('\n').next().unwrap_or("")
    }

    /// An entry writing the mapping key `name`.
    pub fn key_entry(
        &self,
        name: &str,
        kind: CompletionKind,
        shape: ValueShape,
    ) -> CompletionEntry {
        let mut entry = self.entry(name, kind);
        let has_colon = self
            .after_word()
            .trim_start_matches(['"', ' '])
            .starts_with(':');
        match self.cursor.format {
            Format::Yaml => {
                if has_colon {
                    entry.insert_text = name.to_string();
                } else {
                    let name = snippet_escape(name);
                    entry.snippet = true;
                    entry.insert_text = match shape {
                        ValueShape::Scalar => format!("{name}: $0"),
                        ValueShape::Object => format!("{name}:\n  $0"),
                        ValueShape::Array => format!("{name}:\n  - $0"),
                    };
                }
            }
            Format::Json => {
                if self.cursor.quoted || has_colon {
                    entry.insert_text = json_escape(name);
                } else {
                    let name = snippet_escape(&json_escape(name));
                    entry.snippet = true;
                    entry.insert_text = match shape {
                        ValueShape::Scalar => format!("\"{name}\": $0"),
                        ValueShape::Object => format!("\"{name}\": {{$0}}"),
                        ValueShape::Array => format!("\"{name}\": [$0]"),
                    };
                }
            }
        }
        entry
    }

    /// An entry writing a string value.
    pub fn value_entry(&self, value: &str, kind: CompletionKind) -> CompletionEntry {
        let mut entry = self.entry(value, kind);
        entry.insert_text = self.string_text(value);
        entry
    }

    /// An entry writing a boolean or number as such.
    pub fn literal_entry(&self, value: &str, kind: CompletionKind) -> CompletionEntry {
        let mut entry = self.entry(value, kind);
        entry.insert_text = if self.cursor.space_before {
            format!(" {value}")
        } else {
            value.to_string()
        };
        entry
    }

    /// `value` as a string scalar in the document's syntax.
    pub fn string_text(&self, value: &str) -> String {
        let body = match self.cursor.format {
            Format::Yaml => {
                if yaml_needs_quotes(value) {
                    format!("'{}'", value.replace('\'', "''"))
                } else {
                    value.to_string()
                }
            }
            Format::Json if self.cursor.quoted => json_escape(value),
            Format::Json => format!("\"{}\"", json_escape(value)),
        };
        if self.cursor.space_before {
            format!(" {body}")
        } else {
            body
        }
    }

    /// Calls of the intrinsic functions, for a value position.
    pub fn function_values(&self, condition_only: bool) -> Vec<CompletionEntry> {
        if self.cursor.format == Format::Json && self.cursor.quoted {
            return Vec::new();
        }
        FUNCTIONS
            .iter()
            .filter(|f| !condition_only || f.condition)
            .filter_map(|f| self.function_value(f))
            .collect()
    }

    fn function_value(&self, f: &Function) -> Option<CompletionEntry> {
        let (label, text) = match self.cursor.format {
            Format::Yaml => {
                let tag = f.tag?;
                (tag.to_string(), format!("{tag} {}", f.yaml_args))
            }
            Format::Json => (
                f.name.to_string(),
                format!("{{\"{}\": {}}}", f.name, f.json_args),
            ),
        };
        let mut entry = self.entry(&label, CompletionKind::Function);
        entry.insert_text = if self.cursor.space_before {
            format!(" {text}")
        } else {
            text
        };
        entry.snippet = true;
        entry.detail = Some(format!("{}: {}", f.name, f.signature));
        entry.documentation = Some(f.markdown());
        entry.filter_text = Some(label);
        Some(entry)
    }

    /// The function names as mapping keys (`{"Fn::Sub": …}`, `Fn::Sub:`).
    pub fn function_keys(&self, condition_only: bool) -> Vec<CompletionEntry> {
        FUNCTIONS
            .iter()
            .filter(|f| !condition_only || f.condition)
            .map(|f| {
                let mut entry =
                    self.key_entry(f.name, CompletionKind::Function, ValueShape::Scalar);
                entry.detail = Some(format!("{}: {}", f.name, f.signature));
                entry.documentation = Some(f.markdown());
                entry
            })
            .collect()
    }
}
