//! Hover in CloudFormation templates: resource types, properties, resource
//! attributes, sections, intrinsic functions, pseudo parameters, and the
//! declaration behind a name at the place it is used.

use awsls_docs_index::Topic;
use awsls_grammars::{Document, NodeId, NodeKind, Span};

use crate::analysis::{HoverInfo, Snapshot};
use crate::schema;

use super::conditions::{describe as describe_condition, scenario_words};
use super::describe;
use super::functions::{function, pseudo_parameter_markdown};
use super::navigation::{self, SymbolKind};
use super::template::{self, Template};
use super::vocabulary;

/// One step of the model path to a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
    Fn(String),
}

/// The steps from the root to `node` along `nodes` (as given by `Document::locate`).
pub fn model_path(doc: &Document, nodes: &[NodeId]) -> Vec<Step> {
    let mut out = Vec::new();
    for pair in nodes.windows(2) {
        let (parent, child) = (pair[0], pair[1]);
        match &doc.node(parent).kind {
            NodeKind::Mapping(entries) => {
                if let Some(e) = entries.iter().find(|e| e.value == child) {
                    out.push(Step::Key(e.key.text.clone()));
                }
            }
            NodeKind::Sequence(items) => {
                if let Some(i) = items.iter().position(|i| *i == child) {
                    out.push(Step::Index(i));
                }
            }
            NodeKind::Intrinsic(intrinsic) => out.push(Step::Fn(intrinsic.function.clone())),
            _ => {}
        }
    }
    without_loops(out)
}

/// The path with the steps into `Fn::ForEach` bodies left out: inside a
/// loop, `Resources/Fn::ForEach::Topics/[2]/Topic${Name}` reads as the
/// resource `Topic${Name}`.
fn without_loops(path: Vec<Step>) -> Vec<Step> {
    let is_loop = |s: &Step| match s {
        Step::Key(k) | Step::Fn(k) => k.starts_with(super::for_each::PREFIX),
        Step::Index(_) => false,
    };
    if !path.iter().any(is_loop) {
        return path;
    }
    let mut out = Vec::with_capacity(path.len());
    let mut steps = path.into_iter().peekable();
    while let Some(step) = steps.next() {
        if is_loop(&step) && steps.peek() == Some(&Step::Index(2)) {
            steps.next();
            continue;
        }
        out.push(step);
    }
    out
}

fn info(span: Span, markdown: String, topic: Option<Topic>) -> Option<HoverInfo> {
    Some(HoverInfo {
        span,
        markdown,
        topic,
    })
}

pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    let doc = &snapshot.document;
    if snapshot.contains(super::for_each::PREFIX) {
        if let Some(found) = loop_hover(snapshot, offset) {
            return Some(found);
        }
    }
    let location = doc.locate(offset);
    for node in location.nodes.iter().rev() {
        if let NodeKind::Intrinsic(intrinsic) = &doc.node(*node).kind {
            if intrinsic.name_span.touches(offset) {
                let f = function(&intrinsic.function)?;
                return info(
                    intrinsic.name_span,
                    f.markdown(),
                    Some(Topic::IntrinsicFunction(f.name.to_string())),
                );
            }
        }
    }
    if let Some(found) = reference_hover(snapshot, offset) {
        return Some(found);
    }
    if let Some((mapping, index)) = location.key_of {
        let mut nodes: Vec<NodeId> = location.nodes.clone();
        while nodes.last().is_some_and(|n| *n != mapping) {
            nodes.pop();
        }
        let mut path = model_path(doc, &nodes);
        let entry = doc.mapping(mapping)?.get(index)?;
        path.push(Step::Key(entry.key.text.clone()));
        return key_hover(snapshot, &path, entry.key.span);
    }
    let node = *location.nodes.last()?;
    let value = doc.str_value(node)?;
    let path = model_path(doc, &location.nodes);
    value_hover(&path, value, doc.node(node).span)
}

/// On a loop's key: what `Fn::ForEach` does and what this loop produces; on
/// its identifier (where it is declared, or `${Name}` in the body): the
/// values it takes.
fn loop_hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    let template = snapshot.template();
    let values = |l: &super::for_each::Loop| match &l.values {
        Some(v) => {
            let mut shown = v
                .iter()
                .take(20)
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if v.len() > 20 {
                shown.push_str(&format!(", … ({} in all)", v.len()));
            }
            shown
        }
        None => "unknown until the stack is deployed".to_string(),
    };
    for l in template.loops() {
        if l.key_span.touches(offset) {
            let produced: Vec<&str> = [
                &template.resource_loops,
                &template.output_loops,
                &template.condition_loops,
            ]
            .iter()
            .flat_map(|ls| ls.expanded.iter())
            .filter(|x| l.span.start <= x.name_span.start && x.name_span.end <= l.span.end)
            .map(|x| x.name.as_str())
            .collect();
            let mut markdown = format!("**Fn::ForEach::{}**", l.name);
            if let Some((id, _)) = &l.identifier {
                markdown.push_str(&format!(" · `{id}` in {}", values(l)));
            }
            if !produced.is_empty() {
                let shown: Vec<String> =
                    produced.iter().take(20).map(|p| format!("`{p}`")).collect();
                markdown.push_str(&format!("\n\nProduces {}", shown.join(", ")));
                if produced.len() > 20 {
                    markdown.push_str(&format!(", … ({} in all)", produced.len()));
                }
            }
            markdown.push_str(&format!(
                "\n\n---\n\n{}",
                super::functions::for_each_markdown()
            ));
            return info(l.key_span, markdown, None);
        }
    }
    // The innermost loop around the cursor whose identifier is under it.
    let (l, span) = super::loop_names::at(snapshot, template, offset)?;
    let (id, _) = l.identifier.as_ref()?;
    info(
        span,
        format!(
            "**{id}** · identifier of loop `Fn::ForEach::{}`\n\nTakes {}",
            l.name,
            values(l)
        ),
        None,
    )
}

/// A reference under the cursor: what it names. The template is only built
/// (when a new parse has none yet) once a reference is found.
fn reference_hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    let doc = &snapshot.document;
    let reference = navigation::reference_at(snapshot, offset)?;
    if let Some((attribute, span)) = &reference.attribute {
        if span.touches(offset) {
            let type_name = template::resource_type(doc, &reference.name)?;
            let schema = schema::cfn::resource(type_name)?;
            let found = schema.attribute(attribute)?;
            let mut markdown = format!(
                "**{}.{attribute}** · attribute of `{type_name}`",
                reference.name
            );
            if !found.description.is_empty() {
                markdown.push_str(&format!("\n\n{}", found.description));
            }
            return info(*span, markdown, None);
        }
    }
    if let Some(markdown) = pseudo_parameter_markdown(&reference.name) {
        return info(reference.span, markdown, None);
    }
    let template = snapshot.template();
    let symbol = navigation::resolve(template, &reference)?;
    let markdown = match symbol.kind {
        SymbolKind::Parameter => parameter_markdown(doc, template, &symbol.name)?,
        SymbolKind::Resource => {
            let resource = template.resource(&symbol.name)?;
            let type_name = resource.type_name.as_deref().unwrap_or("unknown type");
            let mut out = format!("**{}** · resource `{type_name}`", symbol.name);
            if let Some(schema) = schema::cfn::resource(type_name) {
                if !schema.description.is_empty() {
                    out.push_str(&format!("\n\n{}", first_sentence(&schema.description)));
                }
            }
            out
        }
        SymbolKind::Condition => condition_markdown(snapshot, template, &symbol.name)?,
        SymbolKind::Mapping => {
            let mapping = template.mapping(&symbol.name)?;
            let keys: Vec<String> = doc
                .mapping(mapping.node)
                .unwrap_or_default()
                .iter()
                .map(|e| format!("`{}`", e.key.text))
                .collect();
            format!(
                "**{}** · mapping\n\nTop-level keys: {}",
                symbol.name,
                keys.join(", ")
            )
        }
        SymbolKind::Output | SymbolKind::Pseudo => return None,
    };
    let mut markdown = markdown;
    if let Some(span) = navigation::declaration(snapshot, template, &symbol) {
        let line = snapshot
            .text
            .byte_to_line(span.start.min(snapshot.text.len_bytes()))
            + 1;
        markdown.push_str(&format!("\n\n*Declared on line {line}.*"));
    }
    info(reference.span, markdown, None)
}

/// A condition: as written, in words, and parameter values for which it is
/// true and false.
pub fn condition_markdown(snapshot: &Snapshot, template: &Template, name: &str) -> Option<String> {
    let condition = template.condition(name)?;
    let span = snapshot.document.node(condition.node).span;
    let mut out = format!(
        "**{name}** · condition\n\n```\n{}\n```",
        snapshot.slice(span).trim()
    );
    let model = snapshot.conditions();
    let (Some(expr), Some(formula)) = (model.expr(name), model.condition(name)) else {
        return Some(out);
    };
    out.push_str(&format!("\n\nTrue when {}.", describe_condition(expr)));
    let example = |f: &biodivine_lib_bdd::Bdd| model.example(f).as_ref().and_then(scenario_words);
    if !model.possible(formula) {
        out.push_str("\n\n**Never true**, whatever the parameter values.");
    } else if model.certain(formula) {
        out.push_str("\n\n**Always true**, whatever the parameter values.");
    } else {
        if let Some(yes) = example(formula) {
            out.push_str(&format!("\n\n- true when {yes}"));
        }
        if let Some(no) = example(&formula.not()) {
            out.push_str(&format!("\n- false when {no}"));
        }
    }
    let users: Vec<&str> = template
        .resources
        .iter()
        .filter(|r| {
            template::condition_attribute(&snapshot.document, r.decl.node) == Some(Some(name))
        })
        .map(|r| r.decl.name.as_str())
        .collect();
    if !users.is_empty() {
        let shown: Vec<String> = users.iter().take(8).map(|u| format!("`{u}`")).collect();
        let more = if users.len() > 8 {
            format!(" and {} more", users.len() - 8)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "\n\nResources that exist only then: {}{more}.",
            shown.join(", ")
        ));
    }
    Some(out)
}

fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

fn parameter_markdown(doc: &Document, template: &Template, name: &str) -> Option<String> {
    let parameter = template.parameter(name)?;
    let field = |key: &str| {
        doc.get(parameter.node, key)
            .and_then(|n| doc.str_value(n))
            .map(str::to_string)
    };
    let type_name = field("Type").unwrap_or_else(|| "String".to_string());
    let mut out = format!("**{name}** · parameter `{type_name}`");
    if let Some(description) = field("Description") {
        out.push_str(&format!("\n\n{description}"));
    }
    if let Some(default) = field("Default") {
        out.push_str(&format!("\n\n**Default:** `{default}`"));
    }
    if let Some(values) = doc
        .get(parameter.node, "AllowedValues")
        .and_then(|n| doc.sequence(n))
    {
        let values: Vec<String> = values
            .iter()
            .filter_map(|v| doc.str_value(*v))
            .map(|v| format!("`{v}`"))
            .collect();
        out.push_str(&format!("\n\n**Allowed values:** {}", values.join(", ")));
    }
    Some(out)
}

fn key_hover(snapshot: &Snapshot, path: &[Step], span: Span) -> Option<HoverInfo> {
    let doc = &snapshot.document;
    let keys: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.as_str(),
            Step::Index(_) => "[]",
            Step::Fn(f) => f.as_str(),
        })
        .collect();
    match keys.as_slice() {
        [section] => {
            let description = vocabulary::describe(vocabulary::SECTIONS, section)?;
            info(
                span,
                format!(
                    "**{section}** · template section\n\n{description}\n\n[Documentation]({})",
                    vocabulary::section_url(section)
                ),
                Some(Topic::TemplateSection(section.to_string())),
            )
        }
        ["Conditions", name] => info(
            span,
            condition_markdown(snapshot, snapshot.template(), name)?,
            None,
        ),
        ["Resources", id] => {
            let type_name = template::resource_type(doc, id)?;
            let markdown = match schema::cfn::resource(type_name) {
                Some(schema) => format!("**{id}**\n\n{}", describe::resource_markdown(schema)),
                None => format!("**{id}** · `{type_name}`"),
            };
            info(
                span,
                markdown,
                Some(Topic::ResourceType(type_name.to_string())),
            )
        }
        ["Resources", _, attribute] => {
            let description = vocabulary::describe(vocabulary::RESOURCE_ATTRIBUTES, attribute)?;
            info(
                span,
                format!(
                    "**{attribute}** · resource attribute\n\n{description}\n\n[Documentation]({})",
                    vocabulary::attribute_url(attribute)
                ),
                None,
            )
        }
        ["Resources", id, "Properties", rest @ ..] => {
            property_hover(template::resource_type(doc, id)?, rest, span)
        }
        ["Parameters", name] => info(
            span,
            parameter_markdown(doc, snapshot.template(), name)?,
            None,
        ),
        ["Parameters", _, key] => {
            let description = vocabulary::describe(vocabulary::PARAMETER_KEYS, key)?;
            info(span, format!("**{key}**\n\n{description}"), None)
        }
        ["Outputs", _, key] => {
            let description = vocabulary::describe(vocabulary::OUTPUT_KEYS, key)?;
            info(span, format!("**{key}**\n\n{description}"), None)
        }
        _ => None,
    }
}

fn property_hover(type_name: &str, rest: &[&str], span: Span) -> Option<HoverInfo> {
    let schema = schema::cfn::resource(type_name)?;
    let names: Vec<&str> = rest.iter().copied().filter(|k| *k != "[]").collect();
    let (last, parents) = names.split_last()?;
    let container = if parents.is_empty() {
        &schema.root
    } else {
        schema.property_at(parents)?
    };
    let mut container = schema.resolve(container);
    while let Some(items) = container.items.as_deref() {
        container = schema.resolve(items);
    }
    let shape = container.property(last)?;
    let markdown = describe::property_markdown(schema, &names, shape, container.is_required(last));
    info(
        span,
        markdown,
        Some(Topic::Property {
            resource_type: type_name.to_string(),
            property: names.join("."),
        }),
    )
}

fn value_hover(path: &[Step], value: &str, span: Span) -> Option<HoverInfo> {
    let keys: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.as_str(),
            Step::Index(_) => "[]",
            Step::Fn(f) => f.as_str(),
        })
        .collect();
    match keys.as_slice() {
        ["Resources", _, "Type"] => {
            let markdown = match schema::cfn::resource(value) {
                Some(schema) => describe::resource_markdown(schema),
                None if value.starts_with("Custom::") => format!(
                    "**{value}** · custom resource\n\nBacked by the function or topic in `ServiceToken`; its attributes are whatever the provider returns."
                ),
                None => return None,
            };
            info(span, markdown, Some(Topic::ResourceType(value.to_string())))
        }
        ["Resources", _, "DeletionPolicy" | "UpdateReplacePolicy"] => {
            let description = vocabulary::describe(vocabulary::DELETION_POLICIES, value)?;
            info(span, format!("**{value}**\n\n{description}"), None)
        }
        ["Parameters", _, "Type"] => {
            let description = vocabulary::describe(vocabulary::PARAMETER_TYPES, value)?;
            info(
                span,
                format!("**{value}** · parameter type\n\n{description}"),
                None,
            )
        }
        ["Transform"] | ["Transform", "[]"] => {
            let description = vocabulary::describe(vocabulary::TRANSFORMS, value)?;
            info(
                span,
                format!("**{value}** · transform\n\n{description}"),
                None,
            )
        }
        _ => None,
    }
}
