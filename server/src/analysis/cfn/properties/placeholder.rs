//! Placeholder values written by the "add missing properties" fix.

use awsls_grammars::Format;

use crate::schema::{JsonType, Literal, ResourceSchema, Shape};

use super::edits::json_string;

/// A value of the right shape for property `name` of `owner`, in the document's format.
pub(super) fn for_property(
    schema: &ResourceSchema,
    owner: &Shape,
    name: &str,
    format: Format,
) -> String {
    let Some(shape) = owner.property(name).map(|s| schema.resolve(s)) else {
        return "\"\"".to_string();
    };
    if let Some(first) = shape.enum_values.first() {
        return match first {
            Literal::String(s) if format == Format::Json || !plain_safe(s) => json_string(s),
            other => other.to_text(),
        };
    }
    let types = shape.types;
    if types.contains(JsonType::String) || types.is_empty() {
        "\"\"".to_string()
    } else if types.contains(JsonType::Array) {
        "[]".to_string()
    } else if types.contains(JsonType::Object) {
        "{}".to_string()
    } else if types.contains(JsonType::Boolean) {
        "false".to_string()
    } else if types.contains(JsonType::Integer) || types.contains(JsonType::Number) {
        "0".to_string()
    } else {
        "\"\"".to_string()
    }
}

/// True when a YAML plain scalar with this text is read back as the same string.
fn plain_safe(text: &str) -> bool {
    let reserved = ["true", "false", "null", "yes", "no", "on", "off", "~"];
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        && text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && !reserved.contains(&text.to_ascii_lowercase().as_str())
}
