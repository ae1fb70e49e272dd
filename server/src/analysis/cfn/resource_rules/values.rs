//! The values a node may take, for rules that judge literals: each branch of
//! `Fn::If` separately, literals as written, everything else as computed.

use awsls_grammars::{Document, NodeId, NodeKind, Span};

/// One value a node may take.
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    /// A scalar written in the template (any YAML or JSON scalar kind).
    Literal {
        text: &'a str,
        node: NodeId,
        span: Span,
    },
    /// `AWS::NoValue`: the property is removed in this branch.
    Removed { span: Span },
    /// A mapping, a list, or a value computed by an intrinsic function.
    Other { node: NodeId, span: Span },
}

impl<'a> Value<'a> {
    pub fn text(&self) -> Option<&'a str> {
        match self {
            Value::Literal { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Value::Literal { span, .. } | Value::Removed { span } | Value::Other { span, .. } => {
                *span
            }
        }
    }
}

/// The values `node` may take (at most a few dozen: nested `Fn::If`s are
/// followed ten levels deep).
pub fn of(doc: &Document, node: NodeId) -> Vec<Value<'_>> {
    let mut out = Vec::new();
    collect(doc, node, 0, &mut out);
    out
}

fn collect<'a>(doc: &'a Document, node: NodeId, depth: usize, out: &mut Vec<Value<'a>>) {
    let id = doc.resolve(node);
    let span = doc.node(id).span;
    if let Some(intrinsic) = doc.intrinsic(id) {
        match intrinsic.function.as_str() {
            "Fn::If" if depth < 10 => {
                let branches = doc.sequence(intrinsic.argument).unwrap_or(&[]);
                if branches.len() == 3 {
                    collect(doc, branches[1], depth + 1, out);
                    collect(doc, branches[2], depth + 1, out);
                    return;
                }
            }
            "Ref" if doc.str_value(intrinsic.argument) == Some("AWS::NoValue") => {
                out.push(Value::Removed { span });
                return;
            }
            _ => {}
        }
        out.push(Value::Other { node: id, span });
        return;
    }
    match &doc.node(id).kind {
        NodeKind::Scalar(scalar) => out.push(Value::Literal {
            text: scalar.value.as_str(),
            node: id,
            span,
        }),
        _ => out.push(Value::Other { node: id, span }),
    }
}
