//! SQS queues: FIFO queue names and the settings only FIFO queues have.

use super::props::{literal_bool, set_everywhere};
use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const SQS_FIFO_SETTINGS: RuleDef = RuleDef {
        code: "sqs-fifo-settings",
        family: Family::CloudFormation,
        group: "SQS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3501"],
        fix: false,
        summary: "A FIFO queue name without `.fifo`, or FIFO settings on a standard queue",
        explanation: "SQS requires the name of a FIFO queue (`FifoQueue: true`) to end in `.fifo`, accepts that suffix only on FIFO queues (standard queue names have no dots), and rejects `ContentBasedDeduplication`, `DeduplicationScope` and `FifoThroughputLimit` on standard queues: the queue fails to create.",
        example: "`FifoQueue: true` with `QueueName: orders`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::SQS::Queue"],
    check: queue,
}];

/// Settings only FIFO queues accept.
const FIFO_ONLY: &[&str] = &[
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
];

fn queue(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let props = ctx.properties;
    let fifo = match ctx.property("FifoQueue") {
        None => Some(false),
        node => literal_bool(ctx, node),
    };
    let Some(fifo) = fifo else {
        return;
    };
    if let Some(name) = ctx.property("QueueName") {
        for value in ctx.values(name) {
            let Value::Literal { text, span, .. } = value else {
                continue;
            };
            let suffix = text.ends_with(".fifo");
            if fifo && !suffix {
                findings.push(Finding::new(
                    Rule::SqsFifoSettings,
                    span,
                    format!("the name of a FIFO queue must end in `.fifo`: `{text}`"),
                ));
            } else if !fifo && suffix {
                findings.push(Finding::new(
                    Rule::SqsFifoSettings,
                    span,
                    format!("`{text}` is a FIFO queue name, but the queue is a standard queue: set `FifoQueue: true`"),
                ));
            }
        }
    }
    if !fifo {
        for name in FIFO_ONLY {
            if let Some(span) = set_everywhere(ctx, props, name) {
                findings.push(Finding::new(
                    Rule::SqsFifoSettings,
                    span,
                    format!(
                        "`{name}` applies only to FIFO queues: set `FifoQueue: true` or remove it"
                    ),
                ));
            }
        }
    }
}
