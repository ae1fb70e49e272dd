//! Keys and values completed by their place in the template: sections,
//! resource attributes and types, properties from the schema (required
//! first, present ones left out), allowed values, policies, parameter and
//! output keys, parameter types.

use awsls_grammars::Format;

use crate::analysis::{CompletionEntry, CompletionKind};
use crate::schema::{self, JsonType, ResourceSchema, Shape};

use super::super::cursor::{Role, Seg};
use super::super::describe;
use super::super::vocabulary::{self, Word};
use super::insert::{snippet_escape, ValueShape};
use super::{rank, targets, wants_key, Ctx};

pub(super) fn entries(ctx: &Ctx<'_>, path: &[Seg], role: Role) -> Vec<CompletionEntry> {
    let keys: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Seg::Key(k) => k.as_str(),
            Seg::Item { .. } => "[]",
            Seg::Fn(f) => f.as_str(),
        })
        .collect();
    let key = wants_key(role);
    match keys.as_slice() {
        [] if key => words(
            ctx,
            vocabulary::SECTIONS,
            CompletionKind::Module,
            true,
            |_, s| {
                if matches!(
                    s,
                    "Resources"
                        | "Parameters"
                        | "Mappings"
                        | "Conditions"
                        | "Outputs"
                        | "Metadata"
                        | "Rules"
                ) {
                    ValueShape::Object
                } else {
                    ValueShape::Scalar
                }
            },
        ),
        ["AWSTemplateFormatVersion"] => vec![ctx.value_entry("2010-09-09", CompletionKind::Value)],
        ["Transform"] | ["Transform", "[]"] => words(
            ctx,
            vocabulary::TRANSFORMS,
            CompletionKind::Value,
            false,
            |_, _| ValueShape::Scalar,
        ),
        ["Resources", id] if key => resource_attributes(ctx, id),
        ["Resources", _, "Type"] => resource_types(ctx),
        ["Resources", _, "DeletionPolicy"] => words(
            ctx,
            vocabulary::DELETION_POLICIES,
            CompletionKind::EnumMember,
            false,
            |_, _| ValueShape::Scalar,
        ),
        ["Resources", _, "UpdateReplacePolicy"] => {
            let policies: Vec<Word> = vocabulary::DELETION_POLICIES
                .iter()
                .filter(|(p, _)| *p != "RetainExceptOnCreate")
                .copied()
                .collect();
            words(ctx, &policies, CompletionKind::EnumMember, false, |_, _| {
                ValueShape::Scalar
            })
        }
        ["Resources", _, "Condition"] | ["Outputs", _, "Condition"] => targets::conditions(ctx),
        ["Resources", id, "DependsOn"] | ["Resources", id, "DependsOn", "[]"] => {
            targets::resources(ctx, Some(id))
        }
        ["Resources", id, "Properties", rest @ ..] => properties(ctx, id, rest, path, role),
        ["Parameters", _] if key => words(
            ctx,
            vocabulary::PARAMETER_KEYS,
            CompletionKind::Property,
            true,
            |_, k| {
                if k == "AllowedValues" {
                    ValueShape::Array
                } else {
                    ValueShape::Scalar
                }
            },
        ),
        ["Parameters", _, "Type"] => words(
            ctx,
            vocabulary::PARAMETER_TYPES,
            CompletionKind::Type,
            false,
            |_, _| ValueShape::Scalar,
        ),
        ["Parameters", _, "NoEcho"] => booleans(ctx),
        ["Outputs", _] if key => words(
            ctx,
            vocabulary::OUTPUT_KEYS,
            CompletionKind::Property,
            true,
            |_, k| {
                if k == "Export" {
                    ValueShape::Object
                } else {
                    ValueShape::Scalar
                }
            },
        ),
        ["Outputs", _, "Export"] if key => words(
            ctx,
            &[("Name", "The name other stacks import the value by.")],
            CompletionKind::Property,
            true,
            |_, _| ValueShape::Scalar,
        ),
        ["Outputs", _, "Value"] | ["Outputs", _, "Export", "Name"] => {
            value_functions(ctx, role, false)
        }
        ["Conditions", _] => value_functions(ctx, role, true),
        _ => Vec::new(),
    }
}

/// Function calls at a value position, or function keys at a key position.
fn value_functions(ctx: &Ctx<'_>, role: Role, condition_only: bool) -> Vec<CompletionEntry> {
    match role {
        Role::Key => ctx.function_keys(condition_only),
        _ => ctx.function_values(condition_only),
    }
}

/// Entries for a fixed word list, as keys (present siblings left out) or values.
fn words(
    ctx: &Ctx<'_>,
    list: &[Word],
    kind: CompletionKind,
    as_keys: bool,
    shape: impl Fn(&Ctx<'_>, &str) -> ValueShape,
) -> Vec<CompletionEntry> {
    list.iter()
        .filter(|(w, _)| !as_keys || !ctx.cursor.siblings.iter().any(|s| s == w))
        .map(|(w, description)| {
            let mut entry = if as_keys {
                ctx.key_entry(w, kind, shape(ctx, w))
            } else {
                ctx.value_entry(w, kind)
            };
            entry.detail = Some(detail_of(kind).to_string());
            entry.documentation = Some(description.to_string());
            entry
        })
        .collect()
}

fn detail_of(kind: CompletionKind) -> &'static str {
    match kind {
        CompletionKind::Module => "Template section",
        CompletionKind::Type => "Type",
        CompletionKind::EnumMember => "Policy",
        CompletionKind::Property => "Attribute",
        _ => "Value",
    }
}

fn booleans(ctx: &Ctx<'_>) -> Vec<CompletionEntry> {
    ["true", "false"]
        .iter()
        .map(|b| {
            let mut entry = ctx.literal_entry(b, CompletionKind::Value);
            entry.detail = Some("Boolean".to_string());
            entry
        })
        .collect()
}

fn resource_attributes(ctx: &Ctx<'_>, id: &str) -> Vec<CompletionEntry> {
    let type_name = ctx.resource_type(id);
    let schema = type_name.as_deref().and_then(schema::cfn::resource);
    vocabulary::RESOURCE_ATTRIBUTES
        .iter()
        .filter(|(w, _)| !ctx.cursor.siblings.iter().any(|s| s == w))
        .map(|(w, description)| {
            let shape = match *w {
                "Properties" | "Metadata" | "CreationPolicy" | "UpdatePolicy" => ValueShape::Object,
                _ => ValueShape::Scalar,
            };
            let mut entry = ctx.key_entry(w, CompletionKind::Property, shape);
            entry.detail = Some("Resource attribute".to_string());
            entry.documentation = Some(format!(
                "{description}\n\n[Documentation]({})",
                vocabulary::attribute_url(w)
            ));
            if *w == "Properties" {
                if let Some(snippet) = schema.and_then(|s| required_snippet(ctx, s, &s.root, &[])) {
                    entry.insert_text = snippet;
                    entry.snippet = true;
                    entry.detail = Some("with the required properties".to_string());
                }
            }
            entry
        })
        .collect()
}

/// `Properties:` followed by the required properties not yet written, as a
/// snippet; `None` when the type requires none or the key already has a colon.
fn required_snippet(
    ctx: &Ctx<'_>,
    schema: &ResourceSchema,
    shape: &Shape,
    present: &[String],
) -> Option<String> {
    let missing: Vec<&str> = shape
        .required
        .iter()
        .map(|r| &**r)
        .filter(|r| !present.iter().any(|p| p == r))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let after = ctx.text.get(ctx.cursor.word.end..).unwrap_or("");
    if after.trim_start_matches(['"', ' ']).starts_with(':') {
        return None;
    }
    let mut lines = Vec::new();
    for (i, name) in missing.iter().enumerate() {
        let n = i + 1;
        let prop = shape.property(name);
        let object = prop.is_some_and(|p| describe::is_object(schema, p));
        let array = prop.is_some_and(|p| describe::is_array(schema, p));
        let string = prop.is_some_and(|p| schema.resolve(p).types.contains(JsonType::String));
        let name = snippet_escape(name);
        lines.push(match ctx.cursor.format {
            Format::Yaml if object => format!("  {name}:\n    ${n}"),
            Format::Yaml if array => format!("  {name}:\n    - ${n}"),
            Format::Yaml => format!("  {name}: ${n}"),
            Format::Json if object => format!("  \"{name}\": {{${n}}}"),
            Format::Json if array => format!("  \"{name}\": [${n}]"),
            Format::Json if string => format!("  \"{name}\": \"${n}\""),
            Format::Json => format!("  \"{name}\": ${n}"),
        });
    }
    Some(match ctx.cursor.format {
        Format::Yaml => format!("Properties:\n{}", lines.join("\n")),
        Format::Json if ctx.cursor.quoted => return None,
        Format::Json => format!("\"Properties\": {{\n{}\n}}", lines.join(",\n")),
    })
}

/// The resource types matching what was typed, best first, at most the
/// list cap (so only those become entries).
fn resource_types(ctx: &Ctx<'_>) -> Vec<CompletionEntry> {
    let typed = ctx
        .text
        .get(ctx.cursor.word.start..ctx.cursor.offset)
        .unwrap_or("");
    let matcher = rank::Matcher::new(typed);
    let mut matches: Vec<(i64, usize, &str)> = schema::cfn::type_names()
        .iter()
        .enumerate()
        .filter_map(|(i, t)| matcher.score(t).map(|s| (s, i, &**t)))
        .collect();
    matches.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    matches
        .into_iter()
        .take(rank::MAX_ITEMS)
        .map(|(_, _, t)| {
            let mut entry = ctx.value_entry(t, CompletionKind::Type);
            entry.detail = Some("Resource type".to_string());
            entry.documentation = Some(format!("[Documentation]({})", describe::type_url(t)));
            entry
        })
        .collect()
}

/// Property names (at a key position) or values (at a value position) for
/// the property path `rest` inside resource `id`'s `Properties`.
fn properties(
    ctx: &Ctx<'_>,
    id: &str,
    rest: &[&str],
    path: &[Seg],
    role: Role,
) -> Vec<CompletionEntry> {
    let Some(type_name) = ctx.resource_type(id) else {
        return Vec::new();
    };
    let Some(schema) = schema::cfn::resource(&type_name) else {
        return Vec::new();
    };
    let names: Vec<&str> = rest.iter().copied().filter(|k| *k != "[]").collect();
    let in_item = matches!(path.last(), Some(Seg::Item { .. }));
    let shape = if names.is_empty() {
        Some(&schema.root)
    } else {
        schema.property_at(&names)
    };
    let Some(shape) = shape else {
        return Vec::new();
    };
    let mut container = schema.resolve(shape);
    if in_item || rest.last() == Some(&"[]") {
        while let Some(items) = container.items.as_deref() {
            container = schema.resolve(items);
        }
    }
    let is_mapping = !container.properties.is_empty();
    match role {
        Role::Key | Role::KeyOrValue if is_mapping => {
            property_names(ctx, schema, container, &names)
        }
        Role::Key => ctx.function_keys(false),
        _ if names.is_empty() => Vec::new(),
        _ => property_values(ctx, schema, container),
    }
}

fn property_names(
    ctx: &Ctx<'_>,
    schema: &ResourceSchema,
    container: &Shape,
    parents: &[&str],
) -> Vec<CompletionEntry> {
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for (name, shape) in container.properties.iter() {
        if ctx.cursor.siblings.iter().any(|s| **s == **name) {
            continue;
        }
        let mut path: Vec<&str> = parents.to_vec();
        path.push(name);
        if schema.is_read_only(&path) {
            continue;
        }
        let value_shape = if describe::is_array(schema, shape) {
            ValueShape::Array
        } else if describe::is_object(schema, shape) {
            ValueShape::Object
        } else {
            ValueShape::Scalar
        };
        let is_required = container.is_required(name);
        let mut entry = ctx.key_entry(name, CompletionKind::Property, value_shape);
        entry.detail = Some(format!(
            "{}{}",
            describe::type_summary(schema, shape),
            if is_required { " (required)" } else { "" }
        ));
        entry.documentation = Some(describe::property_markdown(
            schema,
            &path,
            shape,
            is_required,
        ));
        if is_required {
            required.push(entry);
        } else {
            optional.push(entry);
        }
    }
    required.extend(optional);
    required
}

fn property_values(ctx: &Ctx<'_>, schema: &ResourceSchema, shape: &Shape) -> Vec<CompletionEntry> {
    let mut out = Vec::new();
    let summary = describe::type_summary(schema, shape);
    for value in describe::allowed_values(schema, shape) {
        let mut entry = ctx.value_entry(&value, CompletionKind::EnumMember);
        entry.detail = Some(format!("Allowed value ({summary})"));
        out.push(entry);
    }
    if shape.types.contains(JsonType::Boolean) {
        out.extend(booleans(ctx));
    }
    out.extend(ctx.function_values(false));
    out
}
