//! Listener rules against the target groups they forward to: a `GENEVE`
//! target group only serves a Gateway Load Balancer, whose listeners have no
//! rules.

use std::collections::HashSet;

use awsls_grammars::Span;

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::Ctx;
use super::resource_links::{literal, property, target_of_type};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const ELBV2_LISTENER_RULE_GENEVE: RuleDef = RuleDef {
        code: "elbv2-listener-rule-geneve",
        family: Family::CloudFormation,
        group: "Elastic Load Balancing",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3711"],
        fix: false,
        summary: "A listener rule forwarding to a `GENEVE` target group",
        explanation: "`GENEVE` target groups hold the appliances behind a Gateway Load Balancer, whose listeners forward everything to one target group and take no rules. Listener rules belong to Application Load Balancers, which cannot forward to a `GENEVE` target group: the rule fails when the stack creates it.",
        example: "a `forward` action of an `AWS::ElasticLoadBalancingV2::ListenerRule` to a target group with `Protocol: GENEVE`",
    };
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let mut reported: HashSet<Span> = HashSet::new();
    for rule in &ctx.template.resources {
        if rule.type_name.as_deref() != Some("AWS::ElasticLoadBalancingV2::ListenerRule") {
            continue;
        }
        let actions = property(doc, rule, "Actions")
            .and_then(|a| doc.sequence(a))
            .unwrap_or(&[]);
        for action in actions {
            let Some(group) = doc
                .mapping(*action)
                .and_then(|_| doc.get(*action, "TargetGroupArn"))
                .and_then(|t| {
                    target_of_type(
                        doc,
                        ctx.template,
                        t,
                        "AWS::ElasticLoadBalancingV2::TargetGroup",
                    )
                })
            else {
                continue;
            };
            let Some(protocol) = group.properties.and_then(|p| doc.entry(p, "Protocol")) else {
                continue;
            };
            if literal(doc, Some(protocol.value)) == Some("GENEVE")
                && reported.insert(protocol.key.span)
            {
                findings.push(Finding::new(
                    Rule::Elbv2ListenerRuleGeneve,
                    protocol.key.span,
                    format!(
                        "the listener rule `{}` forwards to this `GENEVE` target group, which only a Gateway Load Balancer listener can use",
                        rule.decl.name
                    ),
                ));
            }
        }
    }
}
