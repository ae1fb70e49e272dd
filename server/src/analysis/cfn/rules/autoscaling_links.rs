//! Target tracking scaling policies need room to scale in their group.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::resource_links::{literal, property, target_of_type};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const AUTOSCALING_TARGET_TRACKING_SIZE: RuleDef = RuleDef {
        code: "autoscaling-target-tracking-size",
        family: Family::CloudFormation,
        group: "Auto Scaling",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3712"],
        fix: false,
        summary: "A target tracking policy on a group whose `MaxSize` is not above its `MinSize`",
        explanation: "A target tracking policy adds and removes instances between the group's `MinSize` and `MaxSize`: EC2 Auto Scaling rejects the policy for a group that cannot change size (`MaxSize` equal to or below `MinSize`), and the policy fails to create.",
        example: "`MinSize: 2` and `MaxSize: 2` on a group with a `TargetTrackingScaling` policy",
    };
}

fn int_of(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let mut reported: Vec<&str> = Vec::new();
    for policy in &ctx.template.resources {
        if policy.type_name.as_deref() != Some("AWS::AutoScaling::ScalingPolicy")
            || literal(doc, property(doc, policy, "PolicyType")) != Some("TargetTrackingScaling")
        {
            continue;
        }
        let Some(group) = property(doc, policy, "AutoScalingGroupName").and_then(|n| {
            target_of_type(doc, ctx.template, n, "AWS::AutoScaling::AutoScalingGroup")
        }) else {
            continue;
        };
        if reported.contains(&group.decl.name.as_str()) {
            continue;
        }
        let min = literal(doc, property(doc, group, "MinSize")).and_then(int_of);
        let max = literal(doc, property(doc, group, "MaxSize")).and_then(int_of);
        let (Some(min), Some(max)) = (min, max) else {
            continue;
        };
        if max > min {
            continue;
        }
        let Some(entry) = group.properties.and_then(|p| doc.entry(p, "MaxSize")) else {
            continue;
        };
        reported.push(group.decl.name.as_str());
        findings.push(
            finding(
                Rule::AutoscalingTargetTrackingSize,
                entry.key.span,
                format!(
                    "`MaxSize: {max}` must be above `MinSize: {min}` for the target tracking policy `{}` to scale the group",
                    policy.decl.name
                ),
            )
            .with_related(policy.decl.name_span, "the policy"),
        );
    }
}
