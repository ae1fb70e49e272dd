//! EventBridge rules: the format of `ScheduleExpression`.

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const EVENTS_SCHEDULE_EXPRESSION: RuleDef = RuleDef {
        code: "events-schedule-expression",
        family: Family::CloudFormation,
        group: "EventBridge",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3027"],
        fix: false,
        summary: "A schedule expression that is not a valid `rate(...)` or `cron(...)`",
        explanation: "An EventBridge rule's `ScheduleExpression` is `rate(N unit)`, with a positive whole N and the unit `minute`, `hour` or `day` when N is 1 and `minutes`, `hours` or `days` otherwise, or `cron(...)` with six fields (minutes, hours, day of month, month, day of week, year) where one of day of month and day of week is `?`. EventBridge rejects any other expression (\"Parameter ScheduleExpression is not valid\") and the rule fails to create.",
        example: "`ScheduleExpression: rate(5 minute)`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::Events::Rule"],
    check: rule,
}];

fn rule(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(expression) = ctx.property("ScheduleExpression") else {
        return;
    };
    for value in ctx.values(expression) {
        let Value::Literal { text, span, .. } = value else {
            continue;
        };
        if let Some(problem) = judge(text) {
            findings.push(Finding::new(
                Rule::EventsScheduleExpression,
                span,
                format!("`{text}` is not a valid schedule expression: {problem}"),
            ));
        }
    }
}

/// What is wrong with a schedule expression, if anything.
fn judge(expression: &str) -> Option<String> {
    if expression.contains("${") {
        return None;
    }
    if let Some(inner) = expression
        .strip_prefix("rate(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return judge_rate(inner);
    }
    if let Some(inner) = expression
        .strip_prefix("cron(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return judge_cron(inner);
    }
    Some("it is either `rate(value unit)` or `cron(fields)`".to_string())
}

fn judge_rate(inner: &str) -> Option<String> {
    let parts: Vec<&str> = inner.split(' ').collect();
    let [value, unit] = parts[..] else {
        return Some(
            "a rate is a number and a unit separated by one space, such as `rate(5 minutes)`"
                .to_string(),
        );
    };
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("the rate `{value}` is not a positive whole number"));
    }
    let n: u64 = match value.parse() {
        Ok(n) => n,
        Err(_) => return None,
    };
    if n == 0 {
        return Some("the rate must be greater than 0".to_string());
    }
    let (singular, plural) = (["minute", "hour", "day"], ["minutes", "hours", "days"]);
    if n == 1 && !singular.contains(&unit) {
        return Some(format!(
            "a rate of 1 takes the unit `minute`, `hour` or `day`, not `{unit}`"
        ));
    }
    if n > 1 && !plural.contains(&unit) {
        return Some(format!(
            "a rate of {n} takes the unit `minutes`, `hours` or `days`, not `{unit}`"
        ));
    }
    None
}

fn judge_cron(inner: &str) -> Option<String> {
    let fields: Vec<&str> = inner.split_whitespace().collect();
    if fields.len() != 6 {
        return Some(format!(
            "a cron expression has 6 fields (minutes, hours, day of month, month, day of week, year), not {}",
            fields.len()
        ));
    }
    let (day_of_month, day_of_week) = (fields[2], fields[4]);
    if day_of_month != "?" && day_of_week != "?" {
        return Some(format!(
            "day of month (`{day_of_month}`) and day of week (`{day_of_week}`) cannot both be given: one of them must be `?`"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::judge;

    #[test]
    fn rates_take_a_positive_number_and_a_matching_unit() {
        assert_eq!(judge("rate(1 minute)"), None);
        assert_eq!(judge("rate(5 minutes)"), None);
        assert_eq!(judge("rate(2 days)"), None);
        assert_eq!(judge("rate(1 hour)"), None);
        assert!(judge("rate(1 minutes)").is_some());
        assert!(judge("rate(5 minute)").is_some());
        assert!(judge("rate(0 minutes)").is_some());
        assert!(judge("rate(5 seconds)").is_some());
        assert!(judge("rate(2 Days)").is_some());
        assert!(judge("rate(5  minutes)").is_some());
        assert!(judge("rate(-1 minutes)").is_some());
        assert!(judge("rate(1.5 hours)").is_some());
        assert!(judge("rate(five minutes)").is_some());
        assert!(judge("rate(5minutes)").is_some());
    }

    #[test]
    fn cron_expressions_have_six_fields_and_one_question_mark_day() {
        assert_eq!(judge("cron(0 12 * * ? *)"), None);
        assert_eq!(judge("cron(0 12 ? * MON-FRI *)"), None);
        assert_eq!(judge("cron(0/15 * * * ? *)"), None);
        assert_eq!(judge("cron(0,15,30,45 * * * ? *)"), None);
        assert!(judge("cron(0 12 * * ?)").is_some());
        assert!(judge("cron(0 12 * * * *)").is_some());
        assert!(judge("cron(5, 0, 1, *, ?, *)").is_some());
        assert!(judge("cron(0 12 ? * * *").is_some());
    }

    #[test]
    fn other_expressions_are_rejected_and_substitutions_skipped() {
        assert!(judge("every 5 minutes").is_some());
        assert!(judge("at(2020-01-01T00:00:00)").is_some());
        assert_eq!(judge("rate(${Minutes} minutes)"), None);
    }
}
