//! The declarations of a CloudFormation template: parameters, resources,
//! conditions, mappings and outputs, with the spans of their names.

use std::collections::HashMap;

use awsls_grammars::{Document, NodeId, Span};

use crate::analysis::Snapshot;

/// A named entry of a top-level section (`Parameters`, `Conditions`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub name: String,
    /// The span of the name (the mapping key).
    pub name_span: Span,
    /// The declaration's value node.
    pub node: NodeId,
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
}

/// The position of the first declaration of each name.
fn index_of<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, name) in names.enumerate() {
        index.entry(name.to_owned()).or_insert(i);
    }
    index
}

fn section(doc: &Document, root: NodeId, name: &str) -> Vec<Declared> {
    doc.get(root, name)
        .and_then(|node| doc.mapping(node))
        .map(|entries| {
            entries
                .iter()
                .map(|e| Declared {
                    name: e.key.text.clone(),
                    name_span: e.key.span,
                    node: e.value,
                })
                .collect()
        })
        .unwrap_or_default()
}

impl Template {
    /// The snapshot's template (built once per parse).
    pub fn of(snapshot: &Snapshot) -> &Template {
        snapshot.template()
    }

    pub fn from_document(doc: &Document) -> Template {
        let Some(root) = doc.root() else {
            return Template::default();
        };
        if doc.mapping(root).is_none() {
            return Template::default();
        }
        let resources = section(doc, root, "Resources")
            .into_iter()
            .map(|decl| {
                let type_node = doc.get(decl.node, "Type");
                let type_name = type_node.and_then(|t| doc.str_value(t)).map(str::to_string);
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
        let parameters = section(doc, root, "Parameters");
        Template {
            root: Some(root),
            resource_index: index_of(resources.iter().map(|r| r.decl.name.as_str())),
            parameter_index: index_of(parameters.iter().map(|p| p.name.as_str())),
            parameters,
            resources,
            conditions: section(doc, root, "Conditions"),
            mappings: section(doc, root, "Mappings"),
            outputs: section(doc, root, "Outputs"),
        }
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
