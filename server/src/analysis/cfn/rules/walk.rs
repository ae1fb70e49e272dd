//! Iterative walks over the document model: descendants of a node in
//! document order, and a node's overall shape.

use awsls_grammars::{Document, NodeId, NodeKind, Span};

/// What a node is after alias resolution, for argument-shape checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape<'a> {
    Scalar,
    Null,
    Mapping,
    Sequence,
    Intrinsic(&'a str),
    /// Unparsable or a dangling alias: already reported elsewhere, so not judged.
    Unknown,
}

pub fn shape(doc: &Document, id: NodeId) -> Shape<'_> {
    if let Some((function, _)) = bare_intrinsic(doc, id) {
        return Shape::Intrinsic(function);
    }
    match &doc.node(doc.resolve(id)).kind {
        NodeKind::Scalar(s) if s.kind == awsls_grammars::ScalarKind::Null => Shape::Null,
        NodeKind::Scalar(_) => Shape::Scalar,
        NodeKind::Null => Shape::Null,
        NodeKind::Mapping(_) => Shape::Mapping,
        NodeKind::Sequence(_) => Shape::Sequence,
        NodeKind::Intrinsic(i) => Shape::Intrinsic(i.function.as_str()),
        NodeKind::Alias { .. } | NodeKind::Invalid => Shape::Unknown,
    }
}

/// A single-key mapping `{Ref: ..}` / `{Fn::X: ..}` that was not turned into
/// an intrinsic (the content of a short-form tag, as in `!Base64 {Fn::Sub: ..}`):
/// the function name and its argument.
pub fn bare_intrinsic(doc: &Document, id: NodeId) -> Option<(&str, NodeId)> {
    match doc.mapping(id)? {
        [entry] if entry.key.text == "Ref" || entry.key.text.starts_with("Fn::") => {
            Some((entry.key.text.as_str(), entry.value))
        }
        _ => None,
    }
}

/// `start` and every node below it, parents before children, in document
/// order. Aliases are not followed (their targets are walked where they are
/// written) and the argument of `Fn::Transform` is opaque, so not entered.
pub fn descendants(doc: &Document, start: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        out.push(id);
        match &doc.node(id).kind {
            NodeKind::Mapping(entries) => stack.extend(entries.iter().rev().map(|e| e.value)),
            NodeKind::Sequence(items) => stack.extend(items.iter().rev()),
            NodeKind::Intrinsic(i) if i.function != "Fn::Transform" => stack.push(i.argument),
            _ => {}
        }
    }
    out
}

/// The span of a declaration: from its name to the end of its value.
pub fn declaration_span(doc: &Document, name_span: Span, node: NodeId) -> Span {
    let end = doc.node(node).span.end.max(name_span.end);
    Span::new(name_span.start, end)
}

/// The spans of every `Fn::Transform` argument below `start`: text a macro
/// replaces, where nothing can be judged.
pub fn transform_regions(doc: &Document, start: NodeId) -> Vec<Span> {
    let mut out = Vec::new();
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        match &doc.node(id).kind {
            NodeKind::Mapping(entries) => {
                for e in entries {
                    if e.key.text == "Fn::Transform" {
                        out.push(declaration_span(doc, e.key.span, e.value));
                    } else {
                        stack.push(e.value);
                    }
                }
            }
            NodeKind::Sequence(items) => stack.extend(items.iter()),
            NodeKind::Intrinsic(i) if i.function == "Fn::Transform" => {
                out.push(Span::new(i.name_span.start, doc.node(id).span.end));
            }
            NodeKind::Intrinsic(i) => stack.push(i.argument),
            _ => {}
        }
    }
    out
}
