//! The declarations of a CloudFormation template: parameters, resources,
//! conditions, mappings and outputs, with the spans of their names.

use std::collections::HashMap;

use awsls_grammars::{Document, Entry, Format, NodeId, Span};

use crate::analysis::Snapshot;

use super::for_each::{self, Loops};

/// A named entry of a top-level section (`Parameters`, `Conditions`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub name: String,
    /// The span of the name (the mapping key).
    pub name_span: Span,
    /// The declaration's value node.
    pub node: NodeId,
    /// For a declaration an `Fn::ForEach` loop produces: its position in
    /// the section's [`Loops::expanded`].
    pub origin: Option<usize>,
}

/// A resource: its declaration plus its `Type` when written as a plain string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    pub decl: Declared,
    pub type_name: Option<String>,
    pub type_span: Option<Span>,
    /// The `Properties` mapping, when present.
    pub properties: Option<NodeId>,
}

impl Resource {
    /// Where a finding about the whole resource goes: its `Properties` key,
    /// or its name when it has none.
    pub fn anchor(&self, doc: &Document) -> Span {
        doc.entry(self.decl.node, "Properties")
            .map_or(self.decl.name_span, |e| e.key.span)
    }
}

/// The sections of a template, in document order.
#[derive(Clone, Debug, Default)]
pub struct Template {
    pub root: Option<NodeId>,
    pub parameters: Vec<Declared>,
    pub resources: Vec<Resource>,
    pub conditions: Vec<Declared>,
    pub mappings: Vec<Declared>,
    pub outputs: Vec<Declared>,
    /// Position in `resources` of the first resource of each name.
    resource_index: HashMap<String, usize>,
    /// Position in `parameters` of the first parameter of each name.
    parameter_index: HashMap<String, usize>,
    /// The `Fn::ForEach` loops of `Resources`, `Outputs` and `Conditions`;
    /// the declarations they produce are in the sections above.
    pub resource_loops: Loops,
    pub output_loops: Loops,
    pub condition_loops: Loops,
}

/// The position of the first declaration of each name.
fn index_of<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, name) in names.enumerate() {
        index.entry(name.to_owned()).or_insert(i);
    }
    index
}

/// The declarations of a section. Those whose name is the name at the same
/// position in `old` (the same section of an earlier reading) keep its
/// string, so a template re-read after a small edit allocates nothing for
/// them. True in the second value when every name matched `old`.
fn refresh_section(doc: &Document, name: &str, old: Vec<Declared>) -> (Vec<Declared>, bool) {
    let entries = section(doc, name);
    if entries.is_empty()
        || entries
            .iter()
            .any(|e| e.key.text.starts_with(for_each::PREFIX))
    {
        // Sections with loops are read by `expand_section`.
        if section_loops(doc, name).is_some() {
            return (Vec::new(), false);
        }
    }
    let mut same = entries.len() == old.len();
    let mut old = old.into_iter();
    let refreshed = entries
        .iter()
        .map(|e| {
            let name = match old.next() {
                Some(d) if d.name == e.key.text => d.name,
                _ => {
                    same = false;
                    e.key.text.clone()
                }
            };
            Declared {
                name,
                name_span: e.key.span,
                node: e.value,
                origin: None,
            }
        })
        .collect();
    (refreshed, same)
}

/// The entries of section `name` when it has `Fn::ForEach` loops.
fn section_loops(doc: &Document, name: &str) -> Option<Vec<Entry>> {
    let node = doc.get(doc.root()?, name)?;
    let entries = for_each::entries(doc, node)?;
    entries
        .iter()
        .any(|e| e.key.text.starts_with(for_each::PREFIX))
        .then_some(entries)
}

/// The declarations of a section with loops: its plain entries, then what
/// each loop expands to.
fn expand_section(doc: &Document, name: &str, decls: &mut Vec<Declared>) -> Loops {
    let Some(entries) = section_loops(doc, name) else {
        return Loops::default();
    };
    let root = doc.root();
    let src = for_each::Sources {
        doc,
        parameters: root.and_then(|r| doc.get(r, "Parameters")),
        mappings: root.and_then(|r| doc.get(r, "Mappings")),
    };
    let loops = for_each::expand(&src, &entries);
    decls.extend(
        entries
            .iter()
            .filter(|e| !e.key.text.starts_with(for_each::PREFIX))
            .map(|e| Declared {
                name: e.key.text.clone(),
                name_span: e.key.span,
                node: e.value,
                origin: None,
            }),
    );
    decls.extend(loops.expanded.iter().enumerate().map(|(i, x)| Declared {
        name: x.name.clone(),
        name_span: x.name_span,
        node: x.node,
        origin: Some(i),
    }));
    loops
}

/// The entries of the top-level section `name` (`Resources`, ...), read
/// from the model: empty when the section is absent or not a mapping.
pub fn section<'d>(doc: &'d Document, name: &str) -> &'d [Entry] {
    doc.root()
        .and_then(|root| doc.get(root, name))
        .and_then(|node| doc.mapping(node))
        .unwrap_or_default()
}

/// The declaration of resource `name` (its first one) read from the model
/// directly: a lookup that needs no [`Template`], for requests that should
/// not wait for the template of a new parse to be built.
pub fn resource_node(doc: &Document, name: &str) -> Option<NodeId> {
    if let Some(e) = section(doc, "Resources")
        .iter()
        .find(|e| e.key.text == name)
    {
        return Some(e.value);
    }
    // The body of a loop, named by its output key (`Topic${Name}`).
    let resources = doc.get(doc.root()?, "Resources")?;
    for_each::find_output(doc, resources, name)
}

/// The `Type` of resource `name` when written as a plain string, read from
/// the model (see [`resource_node`]).
pub fn resource_type<'d>(doc: &'d Document, name: &str) -> Option<&'d str> {
    doc.str_value(doc.get(resource_node(doc, name)?, "Type")?)
}

/// The type of resource `name` from the model or, when a syntax error hid
/// the resource from the model, from its `Type:` line in `text`: the reader
/// completion uses while the user types.
pub fn resource_type_or_text(
    doc: &Document,
    text: &str,
    format: Format,
    name: &str,
) -> Option<String> {
    if let Some(t) = resource_type(doc, name) {
        return Some(t.to_string());
    }
    type_from_text(text, format, name)
}

/// Finds `Type: X` (or `"Type": "X"`) in the declaration of resource `name`.
fn type_from_text(text: &str, format: Format, name: &str) -> Option<String> {
    match format {
        Format::Yaml => {
            let mut lines = text.lines();
            let mut indent = None;
            for line in lines.by_ref() {
                let trimmed = line.trim_start();
                let key = trimmed.trim_end();
                if key == format!("{name}:") || key == format!("\"{name}\":") {
                    indent = Some(line.len() - trimmed.len());
                    break;
                }
            }
            let indent = indent?;
            for line in lines {
                let trimmed = line.trim_start();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                if line.len() - trimmed.len() <= indent {
                    return None;
                }
                if let Some(value) = trimmed.strip_prefix("Type:") {
                    let value = value.trim().trim_matches(['"', '\'']);
                    return (!value.is_empty()).then(|| value.to_string());
                }
            }
            None
        }
        Format::Json => {
            let needle = format!("\"{name}\"");
            let start = text.find(&needle)? + needle.len();
            let rest = &text[start..];
            let type_at = rest.find("\"Type\"")? + 6;
            let after = rest[type_at..].trim_start().strip_prefix(':')?.trim_start();
            let after = after.strip_prefix('"')?;
            let end = after.find('"')?;
            Some(after[..end].to_string())
        }
    }
}

impl Template {
    /// The snapshot's template (built once per parse).
    pub fn of(snapshot: &Snapshot) -> &Template {
        snapshot.template()
    }

    pub fn from_document(doc: &Document) -> Template {
        Template::default().refresh(doc)
    }

    /// The template of `doc`, an edited reading of the document this
    /// template was built from: declarations whose names did not change keep
    /// their strings (only spans, nodes and types are read again), so after
    /// an edit inside one resource nothing is allocated for the others.
    pub fn refresh(self, doc: &Document) -> Template {
        let Some(root) = doc.root() else {
            return Template::default();
        };
        if doc.mapping(root).is_none() {
            return Template::default();
        }
        let Template {
            parameters: old_parameters,
            resources: old_resources,
            conditions,
            mappings,
            outputs,
            resource_index,
            parameter_index,
            ..
        } = self;
        let mut old_types = Vec::with_capacity(old_resources.len());
        let old_decls = old_resources
            .into_iter()
            .map(|r| {
                old_types.push(r.type_name);
                r.decl
            })
            .collect();
        let (mut decls, same_resources) = refresh_section(doc, "Resources", old_decls);
        let resource_loops = expand_section(doc, "Resources", &mut decls);
        let mut old_types = old_types.into_iter();
        let resources = decls
            .into_iter()
            .map(|decl| {
                let old_type = if same_resources {
                    old_types.next().flatten()
                } else {
                    None
                };
                let type_node = doc.get(decl.node, "Type");
                let written = type_node.and_then(|t| doc.str_value(t));
                let type_name = match (old_type, written) {
                    (Some(old), Some(now)) if old == now => Some(old),
                    (_, now) => now.map(str::to_string),
                };
                let type_span = type_node
                    .filter(|t| doc.scalar(*t).is_some())
                    .map(|t| doc.node(t).span);
                let properties = doc.get(decl.node, "Properties");
                Resource {
                    decl,
                    type_name,
                    type_span,
                    properties,
                }
            })
            .collect::<Vec<Resource>>();
        let (parameters, same_parameters) = refresh_section(doc, "Parameters", old_parameters);
        let resource_index = if same_resources && !resource_index.is_empty() {
            resource_index
        } else {
            index_of(resources.iter().map(|r| r.decl.name.as_str()))
        };
        let parameter_index = if same_parameters && !parameter_index.is_empty() {
            parameter_index
        } else {
            index_of(parameters.iter().map(|p| p.name.as_str()))
        };
        let mut conditions = refresh_section(doc, "Conditions", conditions).0;
        let condition_loops = expand_section(doc, "Conditions", &mut conditions);
        let mut outputs = refresh_section(doc, "Outputs", outputs).0;
        let output_loops = expand_section(doc, "Outputs", &mut outputs);
        Template {
            root: Some(root),
            resource_index,
            parameter_index,
            parameters,
            resources,
            conditions,
            mappings: refresh_section(doc, "Mappings", mappings).0,
            outputs,
            resource_loops,
            output_loops,
            condition_loops,
        }
    }

    /// The loops of every section.
    pub fn loops(&self) -> impl Iterator<Item = &for_each::Loop> {
        self.resource_loops
            .loops
            .iter()
            .chain(&self.output_loops.loops)
            .chain(&self.condition_loops.loops)
    }

    /// Whether some loop's collection cannot be known, so the names it
    /// produces are not known either.
    pub fn loops_open(&self) -> bool {
        self.resource_loops.open() || self.output_loops.open() || self.condition_loops.open()
    }

    /// Whether `name` written at `span` is the identifier of a loop around it.
    pub fn is_loop_identifier(&self, name: &str, span: Span) -> bool {
        self.resource_loops.is_identifier(name, span)
            || self.output_loops.is_identifier(name, span)
            || self.condition_loops.is_identifier(name, span)
    }

    /// Whether `span` lies inside a loop.
    pub fn in_loop(&self, span: Span) -> bool {
        self.loops()
            .any(|l| l.span.start <= span.start && span.end <= l.span.end)
    }

    /// The expansion a declaration of `section` comes from.
    pub fn expansion(&self, section: &str, decl: &Declared) -> Option<&for_each::Expanded> {
        let loops = match section {
            "Resources" => &self.resource_loops,
            "Outputs" => &self.output_loops,
            "Conditions" => &self.condition_loops,
            _ => return None,
        };
        loops.expanded.get(decl.origin?)
    }

    pub fn resource(&self, name: &str) -> Option<&Resource> {
        self.resource_index
            .get(name)
            .and_then(|i| self.resources.get(*i))
    }

    pub fn parameter(&self, name: &str) -> Option<&Declared> {
        self.parameter_index
            .get(name)
            .and_then(|i| self.parameters.get(*i))
    }

    pub fn condition(&self, name: &str) -> Option<&Declared> {
        self.conditions.iter().find(|c| c.name == name)
    }

    pub fn mapping(&self, name: &str) -> Option<&Declared> {
        self.mappings.iter().find(|m| m.name == name)
    }

    pub fn output(&self, name: &str) -> Option<&Declared> {
        self.outputs.iter().find(|o| o.name == name)
    }
}

/// The `Condition` attribute of a resource or output: `None` without one,
/// `Some(None)` when it is not a plain name (computed in a loop, or a
/// mistake reported elsewhere), `Some(Some(name))` otherwise.
pub fn condition_attribute(doc: &Document, node: NodeId) -> Option<Option<&str>> {
    doc.get(node, "Condition").map(|c| doc.str_value(c))
}

/// Pseudo parameters `Ref` accepts besides parameters and resources.
pub const PSEUDO_PARAMETERS: &[(&str, &str)] = &[
    (
        "AWS::AccountId",
        "The AWS account ID of the account in which the stack is being created.",
    ),
    (
        "AWS::NotificationARNs",
        "The list of notification ARNs for the current stack.",
    ),
    (
        "AWS::NoValue",
        "Removes the property when used as the return value of `Fn::If`.",
    ),
    (
        "AWS::Partition",
        "The partition of the resource: `aws`, `aws-cn`, `aws-us-gov`, ...",
    ),
    (
        "AWS::Region",
        "The Region in which the stack is being created.",
    ),
    ("AWS::StackId", "The ID (ARN) of the stack."),
    ("AWS::StackName", "The name of the stack."),
    (
        "AWS::URLSuffix",
        "The domain suffix: usually `amazonaws.com`.",
    ),
];

pub fn is_pseudo_parameter(name: &str) -> bool {
    PSEUDO_PARAMETERS.iter().any(|(p, _)| *p == name)
}

#[cfg(test)]
mod tests {
    use awsls_grammars::{parse, Format};

    use super::*;

    const TEXT: &str = "Parameters:\n  Env: {Type: String}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: 1}\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  Out: {Value: !Ref Queue}\n";

    fn assert_same(a: &Template, b: &Template) {
        assert_eq!(a.root, b.root);
        assert_eq!(a.parameters, b.parameters);
        assert_eq!(a.resources, b.resources);
        assert_eq!(a.conditions, b.conditions);
        assert_eq!(a.mappings, b.mappings);
        assert_eq!(a.outputs, b.outputs);
        assert_eq!(a.resource_loops, b.resource_loops);
        assert_eq!(a.output_loops, b.output_loops);
        for r in &b.resources {
            assert_eq!(a.resource(&r.decl.name), b.resource(&r.decl.name));
        }
        for p in &b.parameters {
            assert_eq!(a.parameter(&p.name), b.parameter(&p.name));
        }
        assert!(a.resource("Nothing").is_none());
    }

    #[test]
    fn a_refreshed_template_equals_a_rebuilt_one() {
        let first = parse(TEXT, Format::Yaml);
        for edited in [
            TEXT.replace("DelaySeconds: 1", "DelaySeconds: 12"),
            TEXT.replace("AWS::SNS::Topic", "AWS::SNS::Subscription"),
            TEXT.replace("  Topic:", "  Renamed:"),
            TEXT.replace("  Env:", "  Stage:"),
            TEXT.replace("Outputs:", "  Extra:\n    Type: AWS::S3::Bucket\nOutputs:"),
            TEXT.replace("Resources:", "Conditions:\n  C: !Equals [a, b]\nResources:"),
            "just text".to_string(),
            String::new(),
            TEXT.replace("Resources:\n", "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::L:\n    - N\n    - [a, b]\n    - 'T${N}':\n        Type: AWS::SNS::Topic\n"),
            TEXT.replace("Outputs:\n", "Outputs:\n  Fn::ForEach::O:\n    - N\n    - [a]\n    - 'O${N}': {Value: x}\n"),
        ] {
            let second = parse(&edited, Format::Yaml);
            let refreshed = Template::from_document(&first).refresh(&second);
            assert_same(&refreshed, &Template::from_document(&second));
        }
    }

    #[test]
    fn loops_expand_into_declarations_that_resolve() {
        let text = "Transform: AWS::LanguageExtensions\nConditions:\n  Fn::ForEach::C:\n    - E\n    - [dev, prod]\n    - 'Is${E}': !Equals [a, b]\nResources:\n  Fn::ForEach::T:\n    - N\n    - [a, b]\n    - 'Topic${N}':\n        Type: AWS::SNS::Topic\n  Plain:\n    Type: AWS::SQS::Queue\n";
        let template = Template::from_document(&parse(text, Format::Yaml));
        let names: Vec<&str> = template
            .resources
            .iter()
            .map(|r| r.decl.name.as_str())
            .collect();
        assert_eq!(names, ["Plain", "Topica", "Topicb"]);
        let topic = template.resource("Topicb").expect("expanded");
        assert_eq!(topic.type_name.as_deref(), Some("AWS::SNS::Topic"));
        assert_eq!(
            &text[topic.decl.name_span.start..topic.decl.name_span.end],
            "'Topic${N}'"
        );
        let x = template
            .expansion("Resources", &topic.decl)
            .expect("its loop");
        assert_eq!(x.bindings, [("N".to_string(), Some("b".to_string()))]);
        assert!(template.condition("Isprod").is_some());
        assert!(!template.loops_open());
        assert!(resource_node(&parse(text, Format::Yaml), "Topic${N}").is_some());
    }

    #[test]
    fn the_type_of_a_resource_hidden_by_a_syntax_error_is_read_from_the_text() {
        let yaml = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: [\n";
        let doc = parse(yaml, Format::Yaml);
        assert_eq!(
            resource_type_or_text(&doc, yaml, Format::Yaml, "Fn").as_deref(),
            Some("AWS::Serverless::Function")
        );
        let json =
            "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"A\": [}}}";
        let doc = parse(json, Format::Json);
        assert_eq!(
            resource_type_or_text(&doc, json, Format::Json, "Q").as_deref(),
            Some("AWS::SQS::Queue")
        );
        assert_eq!(
            resource_type_or_text(&doc, json, Format::Json, "Nope"),
            None
        );
    }
}
