//! Every place a template names one of its own declarations: `Ref`,
//! `Fn::GetAtt` (both forms), `${…}` in `Fn::Sub`, `DependsOn`, `Condition`,
//! `Fn::If` and `Fn::FindInMap`. Shared by validation, navigation and rename.

use awsls_grammars::{Document, NodeId, NodeKind, ScalarStyle, Span};

use crate::analysis::Snapshot;

use super::template::Template;

/// How a name is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    Ref,
    GetAtt,
    Sub,
    DependsOn,
    /// `Condition:` on a resource or output, or the `Condition` function.
    Condition,
    If,
    FindInMap,
}

/// Which declarations a reference may point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// A parameter, a resource or a pseudo parameter (`Ref`, `${Name}`).
    Value,
    /// A resource only (`Fn::GetAtt`, `DependsOn`, `${Res.Attr}`).
    Resource,
    Condition,
    Mapping,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    /// The span of just the name (inside quotes, inside `${…}`).
    pub span: Span,
    pub via: Via,
    pub namespace: Namespace,
    /// For `Fn::GetAtt` and `${Res.Attr}`: the attribute and its span.
    pub attribute: Option<(String, Span)>,
}

impl Via {
    pub fn namespace(self) -> Namespace {
        match self {
            Via::Ref => Namespace::Value,
            Via::GetAtt | Via::DependsOn => Namespace::Resource,
            Via::Condition | Via::If => Namespace::Condition,
            Via::FindInMap => Namespace::Mapping,
            Via::Sub => Namespace::Value,
        }
    }
}

/// The span of a scalar's text without its quotes.
pub fn inner_span(doc: &Document, node: NodeId) -> Span {
    let n = doc.node(node);
    let span = n.span;
    match &n.kind {
        // A quoted scalar's span holds at least its value and two quotes; one
        // no longer than its value is a part of a `Fn::GetAtt` string split
        // at the dot, whose span is already inside the quotes.
        NodeKind::Scalar(s)
            if matches!(
                s.style,
                ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            ) && span.len() >= 2
                && span.len() > s.value.len() =>
        {
            // Tags and anchors come before the scalar; the quotes end the span.
            let end = span.end - 1;
            let start = end.saturating_sub(s.value.len()).max(span.start);
            if s.value.len() + 2 <= span.len() && !s.value.contains(['\\', '\'', '\n']) {
                Span::new(start, end)
            } else {
                Span::new(span.start + 1, end)
            }
        }
        _ => span,
    }
}

fn push_scalar(out: &mut Vec<Reference>, doc: &Document, node: NodeId, via: Via) {
    if let Some(value) = doc.str_value(node) {
        out.push(Reference {
            name: value.to_string(),
            span: inner_span(doc, node),
            via,
            namespace: via.namespace(),
            attribute: None,
        });
    }
}

/// All references in the template, in document order.
pub fn collect(snapshot: &Snapshot, template: &Template) -> Vec<Reference> {
    collect_where(snapshot, template, |_| true)
}

/// The references written in nodes that hold `offset` (a cursor's): the
/// same as filtering [`collect`], without reading the rest of the template.
pub fn collect_at(snapshot: &Snapshot, template: &Template, offset: usize) -> Vec<Reference> {
    collect_where(snapshot, template, |span| span.touches(offset))
}

/// The references in intrinsic functions, resources and outputs whose spans
/// pass `within`, in document order.
fn collect_where(
    snapshot: &Snapshot,
    template: &Template,
    within: impl Fn(Span) -> bool,
) -> Vec<Reference> {
    let doc = &snapshot.document;
    let mut out = Vec::new();
    for node in &doc.nodes {
        let NodeKind::Intrinsic(intrinsic) = &node.kind else {
            continue;
        };
        if !within(node.span) {
            continue;
        }
        let arg = intrinsic.argument;
        match intrinsic.function.as_str() {
            "Ref" => push_scalar(&mut out, doc, arg, Via::Ref),
            "Condition" => push_scalar(&mut out, doc, arg, Via::Condition),
            "Fn::GetAtt" => {
                let Some(items) = doc.sequence(arg) else {
                    continue;
                };
                let Some(&resource) = items.first() else {
                    continue;
                };
                let Some(name) = doc.str_value(resource) else {
                    continue;
                };
                let attribute = items.get(1).and_then(|a| {
                    doc.str_value(*a)
                        .map(|text| (text.to_string(), inner_span(doc, *a)))
                });
                out.push(Reference {
                    name: name.to_string(),
                    span: inner_span(doc, resource),
                    via: Via::GetAtt,
                    namespace: Namespace::Resource,
                    attribute,
                });
            }
            "Fn::If" => {
                if let Some(&first) = doc.sequence(arg).and_then(|items| items.first()) {
                    push_scalar(&mut out, doc, first, Via::If);
                }
            }
            "Fn::FindInMap" => {
                if let Some(&first) = doc.sequence(arg).and_then(|items| items.first()) {
                    push_scalar(&mut out, doc, first, Via::FindInMap);
                }
            }
            "Fn::Sub" => sub_references(snapshot, arg, &mut out),
            _ => {}
        }
    }
    for resource in &template.resources {
        let decl = &resource.decl;
        if !within(doc.node(decl.node).span) {
            continue;
        }
        if let Some(depends) = doc.get(decl.node, "DependsOn") {
            match doc.sequence(depends) {
                Some(items) => {
                    for item in items {
                        push_scalar(&mut out, doc, *item, Via::DependsOn);
                    }
                }
                None => push_scalar(&mut out, doc, depends, Via::DependsOn),
            }
        }
        if let Some(condition) = doc.get(decl.node, "Condition") {
            push_scalar(&mut out, doc, condition, Via::Condition);
        }
    }
    for output in &template.outputs {
        if !within(doc.node(output.node).span) {
            continue;
        }
        if let Some(condition) = doc.get(output.node, "Condition") {
            push_scalar(&mut out, doc, condition, Via::Condition);
        }
    }
    // The arena holds re-read parts after the rest (see the grammars'
    // splices): order by position.
    out.sort_by_key(|r| (r.span.start, r.span.end));
    out
}

/// A `${…}` variable in a `Fn::Sub` string, with spans into the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubVariable {
    /// The text between `${` and `}`.
    pub text: String,
    pub span: Span,
}

/// The `${…}` variables written in a `Fn::Sub` string node, read from the raw
/// source so spans are exact; `${!Literal}` is skipped.
pub fn sub_variables(snapshot: &Snapshot, string_node: NodeId) -> Vec<SubVariable> {
    let doc = &snapshot.document;
    if doc.scalar(string_node).is_none() {
        return Vec::new();
    }
    let span = doc.node(doc.resolve(string_node)).span;
    let raw = snapshot.slice(span);
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(found) = raw[rest..].find("${") {
        let open = rest + found + 2;
        let Some(close) = raw[open..].find('}').map(|c| open + c) else {
            break;
        };
        let text = &raw[open..close];
        if !text.starts_with('!') {
            out.push(SubVariable {
                text: text.trim().to_string(),
                span: Span::new(span.start + open, span.start + close),
            });
        }
        rest = close + 1;
    }
    out
}

/// The string and the variable map of a `Fn::Sub` argument.
pub fn sub_parts(doc: &Document, argument: NodeId) -> (Option<NodeId>, Option<NodeId>) {
    match doc.sequence(argument) {
        Some(items) => (items.first().copied(), items.get(1).copied()),
        None => (Some(argument), None),
    }
}

fn sub_references(snapshot: &Snapshot, argument: NodeId, out: &mut Vec<Reference>) {
    let doc = &snapshot.document;
    let (string, vars) = sub_parts(doc, argument);
    let Some(string) = string else { return };
    let local: Vec<&str> = vars
        .and_then(|v| doc.mapping(v))
        .map(|entries| entries.iter().map(|e| e.key.text.as_str()).collect())
        .unwrap_or_default();
    for var in sub_variables(snapshot, string) {
        if local.contains(&var.text.as_str()) {
            continue;
        }
        match var.text.split_once('.') {
            Some((name, attribute)) => {
                let name_span = Span::new(var.span.start, var.span.start + name.len());
                let attr_start = name_span.end + 1;
                out.push(Reference {
                    name: name.to_string(),
                    span: name_span,
                    via: Via::Sub,
                    namespace: Namespace::Resource,
                    attribute: Some((
                        attribute.to_string(),
                        Span::new(attr_start, attr_start + attribute.len()),
                    )),
                });
            }
            None => out.push(Reference {
                name: var.text.clone(),
                span: var.span,
                via: Via::Sub,
                namespace: Namespace::Value,
                attribute: None,
            }),
        }
    }
}
