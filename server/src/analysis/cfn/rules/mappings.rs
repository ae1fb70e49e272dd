//! Mappings: name → top-level key → second-level key → value, and each
//! mapping used by some `Fn::FindInMap`.

use awsls_grammars::NodeKind;

use crate::analysis::cfn::references::Via;
use crate::analysis::Finding;

use super::context::{error, is_special_key, warning, Ctx};
use super::walk::{shape, Shape};

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for mapping in &ctx.template.mappings {
        if is_special_key(&mapping.name) {
            continue;
        }
        let Some(tops) = doc.mapping(mapping.node) else {
            if !matches!(shape(doc, mapping.node), Shape::Unknown | Shape::Intrinsic(_)) {
                findings.push(error(
                    "invalid-mapping",
                    ctx.span(mapping.node),
                    format!("mapping `{}` must map top-level keys to mappings of values", mapping.name),
                ));
            }
            continue;
        };
        for top in tops {
            let Some(seconds) = doc.mapping(top.value) else {
                if !matches!(shape(doc, top.value), Shape::Unknown | Shape::Intrinsic(_)) {
                    findings.push(error(
                        "invalid-mapping",
                        ctx.span(top.value),
                        format!("`{}` in mapping `{}` must be a mapping of second-level keys to values", top.key.text, mapping.name),
                    ));
                }
                continue;
            };
            for second in seconds {
                let ok = match shape(doc, second.value) {
                    Shape::Scalar | Shape::Unknown | Shape::Intrinsic(_) => true,
                    Shape::Sequence => doc
                        .sequence(second.value)
                        .unwrap_or_default()
                        .iter()
                        .all(|i| matches!(shape(doc, *i), Shape::Scalar | Shape::Unknown | Shape::Intrinsic(_))),
                    _ => false,
                };
                if !ok {
                    findings.push(error(
                        "invalid-mapping",
                        ctx.span(second.value),
                        format!("mapping values must be strings, numbers or lists of them (`{}` → `{}` → `{}`)", mapping.name, top.key.text, second.key.text),
                    ));
                }
            }
        }
    }
    check_unused(ctx, findings);
}

fn check_unused(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.declarations_open() {
        return;
    }
    let doc = ctx.doc;
    // A mapping name computed at run time could be any of them.
    let dynamic = doc.nodes.iter().any(|n| match &n.kind {
        NodeKind::Intrinsic(i) if i.function == "Fn::FindInMap" => doc
            .sequence(i.argument)
            .and_then(|s| s.first())
            .is_none_or(|first| doc.scalar(*first).is_none()),
        _ => false,
    });
    if dynamic {
        return;
    }
    for mapping in &ctx.template.mappings {
        let used = ctx
            .refs
            .iter()
            .any(|r| r.via == Via::FindInMap && r.name == mapping.name);
        if used || is_special_key(&mapping.name) {
            continue;
        }
        let mut finding = warning(
            "unused-mapping",
            mapping.name_span,
            format!("mapping `{}` is never used; remove it or read it with `Fn::FindInMap`", mapping.name),
        );
        finding.unnecessary = true;
        findings.push(finding);
    }
}
