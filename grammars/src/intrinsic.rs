//! Normalisation of CloudFormation intrinsic functions: YAML short tags
//! (`!Ref X`) and single-key long forms (`{"Fn::GetAtt": ...}`) both become
//! [`NodeKind::Intrinsic`]; `Fn::GetAtt` strings are split into two scalars.

use crate::builder::Builder;
use crate::model::{Intrinsic, IntrinsicForm, NodeId, NodeKind, Scalar, ScalarKind, Span, Tag};

/// YAML short-form tags and the functions they stand for.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("!Ref", "Ref"),
    ("!Condition", "Condition"),
    ("!Base64", "Fn::Base64"),
    ("!Cidr", "Fn::Cidr"),
    ("!FindInMap", "Fn::FindInMap"),
    ("!GetAtt", "Fn::GetAtt"),
    ("!GetAZs", "Fn::GetAZs"),
    ("!ImportValue", "Fn::ImportValue"),
    ("!Join", "Fn::Join"),
    ("!Select", "Fn::Select"),
    ("!Split", "Fn::Split"),
    ("!Sub", "Fn::Sub"),
    ("!Transform", "Fn::Transform"),
    ("!And", "Fn::And"),
    ("!Equals", "Fn::Equals"),
    ("!If", "Fn::If"),
    ("!Not", "Fn::Not"),
    ("!Or", "Fn::Or"),
    ("!Length", "Fn::Length"),
    ("!ToJsonString", "Fn::ToJsonString"),
    ("!GetStackOutput", "Fn::GetStackOutput"),
];

/// The function a YAML short-form tag stands for (`!GetAtt` → `Fn::GetAtt`).
pub fn short_form_function(tag: &str) -> Option<&'static str> {
    SHORT_FORMS
        .iter()
        .find(|(short, _)| *short == tag)
        .map(|(_, long)| *long)
}

/// Turns `kind` (the content of a node about to be pushed, written at
/// `content`) into an intrinsic when its tag or shape says it is one.
pub(crate) fn normalise(
    b: &mut Builder<'_>,
    content: Span,
    kind: NodeKind,
    tag: Option<&Tag>,
) -> NodeKind {
    if let Some((function, tag_span)) =
        tag.and_then(|t| Some((short_form_function(&t.name)?, t.span)))
    {
        let argument = match &kind {
            NodeKind::Scalar(scalar) if function == "Fn::GetAtt" => {
                split_get_att(b, content, scalar)
            }
            _ => None,
        };
        let argument = match argument {
            Some(sequence) => b.push(content, sequence),
            // `!Base64 {Fn::Sub: ...}`: the tagged content may itself be a
            // long-form call.
            None => {
                let inner = normalise(b, content, kind, None);
                b.push(content, inner)
            }
        };
        return finish(
            b,
            function.to_owned(),
            tag_span,
            IntrinsicForm::Short,
            argument,
        );
    }
    let NodeKind::Mapping(entries) = &kind else {
        return kind;
    };
    let [entry] = entries.as_slice() else {
        return kind;
    };
    if entry.key.text != "Ref" && !entry.key.text.starts_with("Fn::") {
        return kind;
    }
    let mut argument = entry.value;
    if entry.key.text == "Fn::GetAtt" {
        if let Some(node) = b.nodes.get(argument.index()) {
            if let NodeKind::Scalar(scalar) = &node.kind {
                let (span, scalar) = (node.span, scalar.clone());
                if let Some(sequence) = split_get_att(b, span, &scalar) {
                    argument = b.push(span, sequence);
                }
            }
        }
    }
    finish(
        b,
        entry.key.text.clone(),
        entry.key.span,
        IntrinsicForm::Long,
        argument,
    )
}

/// Builds the intrinsic; for `Fn::And`/`Fn::Or`/`Fn::Not` also turns
/// `{Condition: X}` items of the argument list into `Condition` intrinsics.
fn finish(
    b: &mut Builder<'_>,
    function: String,
    name_span: Span,
    form: IntrinsicForm,
    argument: NodeId,
) -> NodeKind {
    if matches!(function.as_str(), "Fn::And" | "Fn::Or" | "Fn::Not") {
        let items = match b.nodes.get(argument.index()).map(|n| &n.kind) {
            Some(NodeKind::Sequence(items)) => items.clone(),
            _ => Vec::new(),
        };
        for item in items {
            let Some(node) = b.nodes.get_mut(item.index()) else {
                continue;
            };
            if let NodeKind::Mapping(entries) = &node.kind {
                if let [entry] = entries.as_slice() {
                    if entry.key.text == "Condition" {
                        node.kind = NodeKind::Intrinsic(Intrinsic {
                            function: "Condition".to_owned(),
                            name_span: entry.key.span,
                            form: IntrinsicForm::Long,
                            argument: entry.value,
                        });
                    }
                }
            }
        }
    }
    NodeKind::Intrinsic(Intrinsic {
        function,
        name_span,
        form,
        argument,
    })
}

/// `A.B.C` → a sequence of `A` and `B.C` whose spans point into the string at
/// `span`; `None` when the scalar has no dot.
fn split_get_att(b: &mut Builder<'_>, span: Span, scalar: &Scalar) -> Option<NodeKind> {
    let dot = scalar.value.find('.')?;
    let (resource, attribute) = (scalar.value.get(..dot)?, scalar.value.get(dot + 1..)?);
    let raw = b.slice(span);
    let inner_start = if raw == scalar.value {
        Some(span.start)
    } else if raw.len() >= 2 && raw.get(1..raw.len() - 1) == Some(scalar.value.as_str()) {
        Some(span.start + 1)
    } else {
        None
    };
    let (first, second) = match inner_start {
        Some(start) => (
            Span::new(start, start + dot),
            Span::new(start + dot + 1, start + scalar.value.len()),
        ),
        None => (span, span),
    };
    let part = |value: &str| {
        NodeKind::Scalar(Scalar {
            value: value.to_owned(),
            style: scalar.style,
            kind: ScalarKind::String,
        })
    };
    let first = b.push(first, part(resource));
    let second = b.push(second, part(attribute));
    Some(NodeKind::Sequence(vec![first, second]))
}
