//! CloudWatch alarms: the periods a metric alarm can evaluate.

use super::props::literal_int;
use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const CLOUDWATCH_ALARM_PERIOD: RuleDef = RuleDef {
        code: "cloudwatch-alarm-period",
        family: Family::CloudFormation,
        group: "CloudWatch",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3615"],
        fix: false,
        summary: "An alarm `Period` that is not 10, 30 or a multiple of 60 seconds",
        explanation: "A metric alarm evaluates its metric over 10 or 30 seconds (high-resolution metrics) or a multiple of 60 seconds: CloudWatch rejects any other `Period` and the alarm fails to create.",
        example: "`Period: 45` in an `AWS::CloudWatch::Alarm`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::CloudWatch::Alarm"],
    check: alarm,
}];

/// Whether an alarm can evaluate over `seconds`.
fn valid_period(seconds: i64) -> bool {
    seconds == 10 || seconds == 30 || (seconds > 0 && seconds % 60 == 0)
}

fn alarm(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(period) = literal_int(ctx, ctx.property("Period")) else {
        return;
    };
    if valid_period(period) {
        return;
    }
    if let Some(span) = ctx.key_span(ctx.properties, "Period") {
        findings.push(Finding::new(
            Rule::CloudwatchAlarmPeriod,
            span,
            format!("`Period: {period}` is not a period an alarm can evaluate: use 10, 30 or a multiple of 60"),
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn periods() {
        assert!(super::valid_period(10));
        assert!(super::valid_period(30));
        assert!(super::valid_period(300));
        assert!(!super::valid_period(45));
        assert!(!super::valid_period(90));
        assert!(!super::valid_period(0));
    }
}
