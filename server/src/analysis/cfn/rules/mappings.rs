//! Mappings: name → top-level key → second-level key → value, and each
//! mapping used by some `Fn::FindInMap`.

use crate::analysis::rules::Rule;
use awsls_grammars::NodeKind;

use crate::analysis::cfn::references::Via;
use crate::analysis::Finding;

use super::context::{finding, is_special_key, Ctx};
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
            if !matches!(
                shape(doc, mapping.node),
                Shape::Unknown | Shape::Intrinsic(_)
            ) {
                findings.push(finding(
                    Rule::InvalidMapping,
                    ctx.span(mapping.node),
                    format!(
                        "mapping `{}` must map top-level keys to mappings of values",
                        mapping.name
                    ),
                ));
            }
            continue;
        };
        for top in tops {
            let Some(seconds) = doc.mapping(top.value) else {
                if !matches!(shape(doc, top.value), Shape::Unknown | Shape::Intrinsic(_)) {
                    findings.push(finding(
                        Rule::InvalidMapping,
                        ctx.span(top.value),
                        format!(
                            "`{}` in mapping `{}` must be a mapping of second-level keys to values",
                            top.key.text, mapping.name
                        ),
                    ));
                }
                continue;
            };
            for second in seconds {
                let ok = match shape(doc, second.value) {
                    Shape::Scalar | Shape::Unknown | Shape::Intrinsic(_) => true,
                    Shape::Sequence => {
                        doc.sequence(second.value)
                            .unwrap_or_default()
                            .iter()
                            .all(|i| {
                                matches!(
                                    shape(doc, *i),
                                    Shape::Scalar | Shape::Unknown | Shape::Intrinsic(_)
                                )
                            })
                    }
                    _ => false,
                };
                if !ok {
                    findings.push(finding(Rule::InvalidMapping,
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
        let mut finding = finding(
            Rule::UnusedMapping,
            mapping.name_span,
            format!(
                "mapping `{}` is never used; remove it or read it with `Fn::FindInMap`",
                mapping.name
            ),
        );
        finding.unnecessary = true;
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn shape_and_use() {
        let text = "Mappings:\n  Used:\n    us-east-1:\n      Ami: ami-1\n      List: [a, b]\n  Flat:\n    Key: value\n  Deep:\n    A:\n      B: {C: d}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !FindInMap [Used, us-east-1, Ami]\n      DisplayName: !FindInMap [Flat, Key, x]\n      KmsMasterKeyId: !FindInMap [Deep, A, B]\n";
        let findings = run(text);
        let bad: Vec<_> = findings
            .iter()
            .filter(|f| f.code() == "invalid-mapping")
            .map(|f| f.span)
            .collect();
        assert_eq!(
            bad,
            vec![span_of(text, "value", 0), span_of(text, "{C: d}", 0)]
        );
        assert!(findings.iter().all(|f| f.code() != "unused-mapping"));
        let text = "Mappings:\n  Unused:\n    a:\n      b: c\nResources:\n  T:\n    Type: AWS::SNS::Topic\n";
        let findings = run(text);
        let f = only(&findings, "unused-mapping");
        assert_eq!(f.span, span_of(text, "Unused", 0));
        assert!(f.unnecessary);
    }
}
