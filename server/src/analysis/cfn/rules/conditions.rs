//! Conditions: each one is a condition function, and each one is used.

use crate::analysis::rules::Rule;
use std::collections::HashSet;

use awsls_grammars::NodeKind;

use crate::analysis::cfn::references::Namespace;
use crate::analysis::Finding;

use super::context::{finding, is_special_key, Ctx};
use super::cycles::{cycle_through, strongly_connected};
use super::walk::{declaration_span, shape, Shape};

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
            findings.push(finding(Rule::InvalidCondition,
                ctx.span(condition.node),
                format!("condition `{}` must be a condition function: `Fn::Equals`, `Fn::And`, `Fn::Or` or `Fn::Not`", condition.name),
            ));
        }
    }
    check_cycles(ctx, findings);
    check_unused(ctx, findings);
}

/// Conditions that use each other in a circle can never be evaluated.
fn check_cycles(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let conditions = &ctx.template.conditions;
    let spans: Vec<_> = conditions
        .iter()
        .map(|c| declaration_span(ctx.doc, c.name_span, c.node))
        .collect();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); conditions.len()];
    for r in ctx
        .refs
        .iter()
        .filter(|r| r.namespace == Namespace::Condition)
    {
        let from = spans
            .iter()
            .position(|s| s.start <= r.span.start && r.span.end <= s.end);
        let to = conditions.iter().position(|c| c.name == r.name);
        if let (Some(to), Some(list)) = (to, from.and_then(|f| edges.get_mut(f))) {
            if !list.contains(&to) {
                list.push(to);
            }
        }
    }
    for component in strongly_connected(&edges) {
        let looped = component.len() > 1
            || component
                .first()
                .is_some_and(|&v| edges.get(v).is_some_and(|e| e.contains(&v)));
        if !looped {
            continue;
        }
        for &member in &component {
            let (Some(path), Some(condition)) = (
                cycle_through(&edges, &component, member),
                conditions.get(member),
            ) else {
                continue;
            };
            let names: Vec<&str> = path
                .iter()
                .filter_map(|&i| conditions.get(i).map(|c| c.name.as_str()))
                .collect();
            findings.push(finding(
                Rule::CircularCondition,
                condition.name_span,
                format!(
                    "circular condition: {}; a condition cannot depend on itself",
                    names.join(" → ")
                ),
            ));
        }
    }
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
    // In loops, `Condition: !Sub 'Is${Env}'` names a condition per iteration.
    let mut patterns: Vec<&str> = Vec::new();
    for node in &doc.nodes {
        if let NodeKind::Mapping(entries) = &node.kind {
            for e in entries.iter().filter(|e| e.key.text == "Condition") {
                if let Some(name) = doc.str_value(e.value) {
                    used.insert(name);
                } else if let Some(sub) = doc
                    .intrinsic(e.value)
                    .filter(|i| i.function == "Fn::Sub")
                    .and_then(|i| doc.str_value(i.argument))
                {
                    patterns.push(sub);
                }
            }
        }
    }
    for condition in &ctx.template.conditions {
        if used.contains(condition.name.as_str())
            || is_special_key(&condition.name)
            || patterns.iter().any(|p| {
                super::context::matches_pattern(p, &condition.name)
                    || super::context::matches_pattern(&condition.name, p)
            })
        {
            continue;
        }
        let mut finding = finding(
            Rule::UnusedCondition,
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
    fn circular_conditions() {
        let text = "Conditions:\n  A: !And [!Condition B, !Equals [a, a]]\n  B: !Not [!Condition A]\n  C: !Equals [x, y]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: C\nOutputs:\n  O:\n    Condition: A\n    Value: x\n";
        let findings = run(text);
        let circles: Vec<_> = findings
            .iter()
            .filter(|f| f.code() == "circular-condition")
            .collect();
        assert_eq!(circles.len(), 2, "{findings:#?}");
        assert_eq!(circles[0].span, span_within(text, "  A:", "A"));
        assert!(
            circles[0].message.contains("A → B → A"),
            "{}",
            circles[0].message
        );
    }

    #[test]
    fn and_or_take_two_to_ten() {
        let text = "Conditions:\n  A: !Equals [a, b]\n  B: !And [!Condition A]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: B\n";
        assert!(only(&run(text), "invalid-function-arguments")
            .message
            .contains("2 to 10"));
    }
}
