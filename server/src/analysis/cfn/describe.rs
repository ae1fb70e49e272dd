//! Markdown descriptions of resource types, properties and attributes from
//! the embedded schemas, shared by hover and completion.

use crate::schema::{JsonType, ResourceSchema, Shape};

/// The most allowed values listed before "…".
const MAX_VALUES: usize = 20;

/// A short type for a property: `String`, `Integer`, `List of Tag`, `VersioningConfiguration`.
pub fn type_summary(schema: &ResourceSchema, shape: &Shape) -> String {
    let name = shape.reference.as_deref();
    let resolved = schema.resolve(shape);
    if resolved.types.contains(JsonType::Array) || resolved.items.is_some() {
        let item = resolved
            .items
            .as_deref()
            .map(|i| type_summary(schema, i))
            .unwrap_or_else(|| "Json".to_string());
        return format!("List of {item}");
    }
    if resolved.types.contains(JsonType::Object) || !resolved.properties.is_empty() {
        return name.unwrap_or("Json").to_string();
    }
    let types: Vec<String> = resolved
        .types
        .iter()
        .map(|t| capitalise(t.as_str()))
        .collect();
    if types.is_empty() {
        name.unwrap_or("Json").to_string()
    } else {
        types.join(" | ")
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a property is written: an object, a list or a scalar.
pub fn is_object(schema: &ResourceSchema, shape: &Shape) -> bool {
    let resolved = schema.resolve(shape);
    !resolved.types.contains(JsonType::Array)
        && (resolved.types.contains(JsonType::Object) || !resolved.properties.is_empty())
        && resolved.items.is_none()
}

pub fn is_array(schema: &ResourceSchema, shape: &Shape) -> bool {
    let resolved = schema.resolve(shape);
    resolved.types.contains(JsonType::Array) || resolved.items.is_some()
}

/// The allowed values of a scalar shape, as written in a template.
pub fn allowed_values(schema: &ResourceSchema, shape: &Shape) -> Vec<String> {
    let resolved = schema.resolve(shape);
    let mut values: Vec<String> = resolved.enum_values.iter().map(|v| v.to_text()).collect();
    if values.is_empty() {
        values = resolved
            .extra()
            .enum_case_insensitive
            .iter()
            .map(|v| v.to_text())
            .collect();
    }
    values
}

/// Markdown about a resource type: description, required properties, what
/// `Ref` and `Fn::GetAtt` return, and the link to its reference page.
pub fn resource_markdown(schema: &ResourceSchema) -> String {
    let mut out = format!("**{}**", schema.type_name);
    if !schema.description.is_empty() {
        out.push_str(&format!("\n\n{}", schema.description.trim()));
    }
    let required: Vec<String> = schema
        .root
        .required
        .iter()
        .map(|r| format!("`{r}`"))
        .collect();
    out.push_str("\n\n**Required properties:** ");
    out.push_str(&if required.is_empty() {
        "none".to_string()
    } else {
        required.join(", ")
    });
    if !schema.primary_identifier.is_empty() {
        let ids: Vec<String> = schema
            .primary_identifier
            .iter()
            .map(|p| format!("`{}`", p.trim_start_matches("/properties/")))
            .collect();
        out.push_str(&format!(
            "\n\n**`Ref`** returns the primary identifier: {}",
            ids.join(", ")
        ));
    }
    let attributes: Vec<String> = schema
        .attributes
        .iter()
        .filter(|a| !a.name.ends_with('*'))
        .map(|a| format!("`{}`", a.name))
        .collect();
    if !attributes.is_empty() {
        out.push_str(&format!("\n\n**`Fn::GetAtt`:** {}", attributes.join(", ")));
    }
    if !schema.documentation_url.is_empty() {
        out.push_str(&format!(
            "\n\n[Documentation]({})",
            schema.documentation_url
        ));
    }
    out
}

/// Markdown about the property at `path` (names only) of a resource type.
pub fn property_markdown(
    schema: &ResourceSchema,
    path: &[&str],
    shape: &Shape,
    required: bool,
) -> String {
    let name = path.last().copied().unwrap_or("");
    let mut out = format!(
        "**{name}** · `{}` · {}",
        type_summary(schema, shape),
        if required { "Required" } else { "Optional" }
    );
    let resolved = schema.resolve(shape);
    if let Some(description) = shape
        .description
        .as_deref()
        .or(resolved.description.as_deref())
    {
        out.push_str(&format!("\n\n{}", description.trim()));
    }
    let update = if schema.is_create_only(path) {
        "Replacement"
    } else if schema
        .conditional_create_only
        .iter()
        .any(|p| pointer_is(p, path))
    {
        "Some interruptions or replacement"
    } else if schema.is_read_only(path) {
        "Read-only"
    } else {
        "No replacement"
    };
    out.push_str(&format!("\n\n**Update requires:** {update}"));
    let values = allowed_values(schema, shape);
    if !values.is_empty() {
        let shown: Vec<String> = values
            .iter()
            .take(MAX_VALUES)
            .map(|v| format!("`{v}`"))
            .collect();
        let more = if values.len() > MAX_VALUES {
            ", …"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n\n**Allowed values:** {}{more}",
            shown.join(", ")
        ));
    }
    if let Some(pattern) = resolved.pattern.as_deref() {
        out.push_str(&format!("\n\n**Pattern:** `{pattern}`"));
    }
    match (resolved.min_length, resolved.max_length) {
        (Some(min), Some(max)) => out.push_str(&format!("\n\n**Length:** {min} to {max}")),
        (None, Some(max)) => out.push_str(&format!("\n\n**Length:** at most {max}")),
        (Some(min), None) if min > 0 => out.push_str(&format!("\n\n**Length:** at least {min}")),
        _ => {}
    }
    match (resolved.minimum, resolved.maximum) {
        (Some(min), Some(max)) => out.push_str(&format!("\n\n**Range:** {min} to {max}")),
        (Some(min), None) => out.push_str(&format!("\n\n**Minimum:** {min}")),
        (None, Some(max)) => out.push_str(&format!("\n\n**Maximum:** {max}")),
        _ => {}
    }
    if schema.is_deprecated(path) {
        out.push_str("\n\n**Deprecated.**");
    }
    if !schema.documentation_url.is_empty() {
        out.push_str(&format!(
            "\n\n[Documentation]({})",
            schema.documentation_url
        ));
    }
    out
}

fn pointer_is(pointer: &str, path: &[&str]) -> bool {
    let joined: String = path.iter().map(|p| format!("/{p}")).collect();
    pointer == format!("/properties{joined}")
}

/// The resource type's documentation link, derived from its name when the
/// schema has none (`AWS::S3::Bucket` → `aws-resource-s3-bucket.html`).
pub fn type_url(type_name: &str) -> String {
    let parts: Vec<String> = type_name.split("::").map(str::to_ascii_lowercase).collect();
    format!(
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-{}.html",
        parts.get(1..).map(|p| p.join("-")).unwrap_or_default()
    )
}
