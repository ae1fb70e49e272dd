//! CloudWatch alarms: each list of actions holds at most five distinct actions.

use std::collections::HashSet;

use awsls_grammars::NodeKind;

use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const CLOUDWATCH_TOO_MANY_ACTIONS: RuleDef = RuleDef {
        code: "cloudwatch-too-many-actions",
        family: Family::CloudFormation,
        group: "CloudWatch",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3065"],
        fix: false,
        summary: "A CloudWatch alarm with more than five distinct actions for one state",
        explanation: "CloudWatch accepts at most five distinct actions in each of `AlarmActions`, `OKActions` and `InsufficientDataActions`: `PutMetricAlarm` rejects more and the alarm fails to create or update. Send the notification to one SNS topic with several subscriptions instead.",
        example: "`AlarmActions` listing six SNS topics",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::CloudWatch::Alarm"],
    check: alarm,
}];

const MAX_ACTIONS: usize = 5;

fn alarm(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    for name in ["AlarmActions", "OKActions", "InsufficientDataActions"] {
        let Some(entry) = doc.entry(ctx.properties, name) else {
            continue;
        };
        let Some(items) = doc.sequence(entry.value) else {
            continue;
        };
        // Each action as a text two equal actions share; computed ones
        // other than a plain reference make the count unknown.
        let mut distinct = HashSet::new();
        let mut known = true;
        for item in items {
            let id = doc.resolve(*item);
            let key = if let Some(intrinsic) = doc.intrinsic(id) {
                let argument = match doc.sequence(intrinsic.argument) {
                    Some(parts) => parts
                        .iter()
                        .map(|p| doc.str_value(*p))
                        .collect::<Option<Vec<_>>>()
                        .map(|parts| parts.join(".")),
                    None => doc.str_value(intrinsic.argument).map(str::to_string),
                };
                match (intrinsic.function.as_str(), argument) {
                    (f @ ("Ref" | "Fn::GetAtt" | "Fn::Sub"), Some(a)) => format!("{f}\u{0}{a}"),
                    _ => {
                        known = false;
                        break;
                    }
                }
            } else if let NodeKind::Scalar(s) = &doc.node(id).kind {
                format!("\u{0}{}", s.value)
            } else {
                known = false;
                break;
            };
            distinct.insert(key);
        }
        if known && distinct.len() > MAX_ACTIONS {
            findings.push(Finding::new(
                Rule::CloudwatchTooManyActions,
                entry.key.span,
                format!(
                    "`{name}` lists {} distinct actions: an alarm takes at most {MAX_ACTIONS} per state",
                    distinct.len()
                ),
            ));
        }
    }
}
