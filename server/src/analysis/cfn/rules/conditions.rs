//! Conditions: each one is a condition function, and each one is used.

use std::collections::HashSet;

use awsls_grammars::NodeKind;

use crate::analysis::cfn::references::Namespace;
use crate::analysis::Finding;

use super::context::{error, is_special_key, warning, Ctx};
use super::walk::{shape, Shape};

const ALLOWED: &[&str] = &[
    "Fn::Equals",
    "Fn::And",
    "Fn::Or",
    "Fn::Not",
    "Condition",
    "Fn::If",
];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for condition in &ctx.template.conditions {
        if is_special_key(&condition.name) {
            continue;
        }
        let ok = match shape(doc, condition.node) {
            Shape::Intrinsic(f) => ALLOWED.contains(&f) || f == "Fn::Transform",
            // `{Condition: Other}`: a plain reference to another condition.
            Shape::Mapping => doc
                .mapping(condition.node)
                .is_some_and(|e| e.len() == 1 && doc.get(condition.node, "Condition").is_some()),
            Shape::Unknown => true,
            _ => false,
        };
        if !ok {
            findings.push(error(
                "invalid-condition",
                ctx.span(condition.node),
                format!("condition `{}` must be a condition function: `Fn::Equals`, `Fn::And`, `Fn::Or` or `Fn::Not`", condition.name),
            ));
        }
    }
    check_unused(ctx, findings);
}

fn check_unused(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.declarations_open() {
        return;
    }
    let mut used: HashSet<&str> = ctx
        .refs
        .iter()
        .filter(|r| r.namespace == Namespace::Condition)
        .map(|r| r.name.as_str())
        .collect();
    // `Condition: Name` keys anywhere else (hooks, nested shapes) count as uses too.
    let doc = ctx.doc;
    for node in &doc.nodes {
        if let NodeKind::Mapping(entries) = &node.kind {
            for e in entries.iter().filter(|e| e.key.text == "Condition") {
                if let Some(name) = doc.str_value(e.value) {
                    used.insert(name);
                }
            }
        }
    }
    for condition in &ctx.template.conditions {
        if used.contains(condition.name.as_str()) || is_special_key(&condition.name) {
            continue;
        }
        let mut finding = warning(
            "unused-condition",
            condition.name_span,
            format!(
                "condition `{}` is never used; remove it or use it in a `Condition` or `Fn::If`",
                condition.name
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
    fn conditions_are_condition_functions_and_used() {
        let text = "Parameters:\n  P:\n    Type: String\nConditions:\n  A: !Equals [!Ref P, x]\n  B: !And [!Condition A, !Not [!Equals [!Ref P, y]]]\n  Bad: !Ref P\n  Lonely: !Or [{Condition: A}, {Condition: B}]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: B\n    Properties:\n      TopicName: !If [Bad, a, b]\n";
        let findings = run(text);
        assert_eq!(
            only(&findings, "invalid-condition").span,
            span_of(text, "!Ref P", 2)
        );
        let unused = only(&findings, "unused-condition");
        assert_eq!(unused.span, span_of(text, "Lonely", 0));
        assert!(unused.unnecessary);
    }

    #[test]
    fn and_or_take_two_to_ten() {
        let text = "Conditions:\n  A: !Equals [a, b]\n  B: !And [!Condition A]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: B\n";
        assert!(only(&run(text), "invalid-function-arguments")
            .message
            .contains("2 to 10"));
    }
}
