//! Auto Scaling groups: the size range and the health check types.

use super::props::literal_int;
use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const AUTOSCALING_SIZE_RANGE: RuleDef = RuleDef {
        code: "autoscaling-size-range",
        family: Family::CloudFormation,
        group: "Auto Scaling",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3706"],
        fix: false,
        summary: "An Auto Scaling group whose `MinSize` is greater than its `MaxSize`",
        explanation: "An Auto Scaling group keeps between `MinSize` and `MaxSize` instances: Auto Scaling rejects a group whose minimum is above its maximum, and the stack fails when it creates or updates the group.",
        example: "`MinSize: '4'` with `MaxSize: '2'`",
    };

    pub const AUTOSCALING_HEALTH_CHECK_TYPE: RuleDef = RuleDef {
        code: "autoscaling-health-check-type",
        family: Family::CloudFormation,
        group: "Auto Scaling",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3056"],
        fix: false,
        summary: "The `EC2` health check type combined with other types",
        explanation: "`HealthCheckType` lists the health checks an Auto Scaling group adds to the EC2 status checks, which always run: `EC2` alone means no additional check, and Auto Scaling rejects it in a list with `ELB`, `EBS` or `VPC_LATTICE`. List only the additional types.",
        example: "`HealthCheckType: EC2,ELB`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::AutoScaling::AutoScalingGroup"],
    check: group,
}];

fn group(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let min = literal_int(ctx, ctx.property("MinSize"));
    let max = literal_int(ctx, ctx.property("MaxSize"));
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            if let Some(span) = ctx.property("MaxSize").map(|m| ctx.doc.node(m).span) {
                let mut finding = Finding::new(
                    Rule::AutoscalingSizeRange,
                    span,
                    format!("`MaxSize` ({max}) is less than `MinSize` ({min})"),
                );
                if let Some(key) = ctx.key_span(ctx.properties, "MinSize") {
                    finding = finding.with_related(key, "the minimum");
                }
                findings.push(finding);
            }
        }
    }
    if let Some(types) = ctx.property("HealthCheckType") {
        for value in ctx.values(types) {
            let Value::Literal { text, span, .. } = value else {
                continue;
            };
            let listed: Vec<&str> = text.split(',').map(str::trim).collect();
            if listed.len() > 1 && listed.contains(&"EC2") {
                findings.push(Finding::new(
                    Rule::AutoscalingHealthCheckType,
                    span,
                    format!("`EC2` cannot be combined with other health check types (`{text}`): EC2 status checks always run, list only the additional types"),
                ));
            }
        }
    }
}
