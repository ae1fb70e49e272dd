//! CloudWatch Logs: how many subscription filters the template attaches to
//! one log group.

use std::collections::HashMap;

use awsls_grammars::Span;

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::resource_links::{literal, property, target};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const LOGS_SUBSCRIPTION_FILTER_LIMIT: RuleDef = RuleDef {
        code: "logs-subscription-filter-limit",
        family: Family::CloudFormation,
        group: "CloudWatch",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E2529"],
        fix: false,
        summary: "More subscription filters on one log group than CloudWatch Logs allows",
        explanation: "CloudWatch Logs limits the subscription filters of a log group (the API documents two per group); the filters over the limit fail to create. Reported when the template attaches more than five to one log group, named by `Ref` or written out; send the logs to one destination, such as a Kinesis stream, and fan out from there.",
        example: "six `AWS::Logs::SubscriptionFilter`s with `LogGroupName: !Ref AppLogs`",
    };
}

/// More filters than this on one log group are reported.
const LIMIT: usize = 5;

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    // The `LogGroupName` keys of the filters of each log group, in order.
    let mut groups: HashMap<String, Vec<Span>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for filter in &ctx.template.resources {
        if filter.type_name.as_deref() != Some("AWS::Logs::SubscriptionFilter")
            || doc.get(filter.decl.node, "Condition").is_some()
        {
            continue;
        }
        let Some(entry) = filter.properties.and_then(|p| doc.entry(p, "LogGroupName")) else {
            continue;
        };
        let key = match target(doc, ctx.template, entry.value) {
            Some(group) => format!("resource {}", group.decl.name),
            None => match literal(doc, property(doc, filter, "LogGroupName")) {
                Some(name) => format!("name {name}"),
                None => continue,
            },
        };
        let spans = groups.entry(key.clone()).or_default();
        if spans.is_empty() {
            order.push(key);
        }
        spans.push(entry.key.span);
    }
    for key in order {
        let spans = &groups[&key];
        if spans.len() <= LIMIT {
            continue;
        }
        // Reported where the filters first go past the documented two.
        let Some(span) = spans.get(2) else {
            continue;
        };
        let group = key.split_once(' ').map_or(key.as_str(), |(_, n)| n);
        findings.push(finding(
            Rule::LogsSubscriptionFilterLimit,
            *span,
            format!(
                "{} subscription filters are attached to the log group `{group}`, more than CloudWatch Logs allows on one log group",
                spans.len()
            ),
        ));
    }
}
