//! Following a property that names another resource of the template (`Ref`
//! or `Fn::GetAtt`) to that resource, for rules that compare the two.

use awsls_grammars::{Document, NodeId, Span};

use crate::analysis::cfn::resource_rules::{values_of, Value};
use crate::analysis::cfn::template::{Resource, Template};

/// The resource `node` names with `Ref` or `Fn::GetAtt`, when it is one of
/// the template's.
pub fn target<'a>(doc: &Document, template: &'a Template, node: NodeId) -> Option<&'a Resource> {
    let intrinsic = doc.intrinsic(node)?;
    let name = match intrinsic.function.as_str() {
        "Ref" => doc.str_value(intrinsic.argument)?,
        "Fn::GetAtt" => doc
            .sequence(intrinsic.argument)?
            .first()
            .and_then(|n| doc.str_value(*n))?,
        _ => return None,
    };
    template.resource(name)
}

/// The resource `node` names when it is of type `type_name`.
pub fn target_of_type<'a>(
    doc: &Document,
    template: &'a Template,
    node: NodeId,
    type_name: &str,
) -> Option<&'a Resource> {
    target(doc, template, node).filter(|r| r.type_name.as_deref() == Some(type_name))
}

/// A property of a resource.
pub fn property(doc: &Document, resource: &Resource, name: &str) -> Option<NodeId> {
    resource.properties.and_then(|p| doc.get(p, name))
}

/// Where a resource's `Properties` key is written, else its logical ID.
pub fn anchor(doc: &Document, resource: &Resource) -> Span {
    doc.entry(resource.decl.node, "Properties")
        .map_or(resource.decl.name_span, |e| e.key.span)
}

/// The literal texts `node` may take (each branch of `Fn::If`).
pub fn literals(doc: &Document, node: NodeId) -> Vec<&str> {
    values_of(doc, node)
        .iter()
        .filter_map(|v| v.text())
        .collect()
}

/// The literal text of `node` when every branch has the same one.
pub fn literal(doc: &Document, node: Option<NodeId>) -> Option<&str> {
    let values = values_of(doc, node?);
    let first = values.first()?.text()?;
    values
        .iter()
        .all(|v| v.text() == Some(first))
        .then_some(first)
}

/// Whether a property is absent in every branch (not written, or
/// `AWS::NoValue`).
pub fn absent(doc: &Document, resource: &Resource, name: &str) -> bool {
    match property(doc, resource, name) {
        None => true,
        Some(node) => values_of(doc, node)
            .iter()
            .all(|v| matches!(v, Value::Removed { .. })),
    }
}
