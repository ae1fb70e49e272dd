//! A queue's dead-letter queue must be of the same type: FIFO queues send to
//! a FIFO queue, standard queues to a standard one.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const DEAD_LETTER_QUEUE_TYPE: RuleDef = RuleDef {
        code: "dead-letter-queue-type",
        family: Family::CloudFormation,
        group: "SQS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3502"],
        fix: false,
        summary: "A dead-letter queue of another type (FIFO or standard) than its source queue",
        explanation: "SQS requires a FIFO queue's dead-letter queue to be FIFO and a standard queue's to be standard: setting the redrive policy fails and the stack with it.",
        example: "a FIFO queue whose `deadLetterTargetArn` is `!GetAtt Standard.Arn`",
    };
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    // A macro may rewrite the template: what is written is not what is deployed.
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let is_fifo = |name: &str| -> Option<bool> {
        let resource = ctx.template.resource(name)?;
        if resource.type_name.as_deref() != Some("AWS::SQS::Queue") {
            return None;
        }
        let Some(value) = resource.properties.and_then(|p| doc.get(p, "FifoQueue")) else {
            return Some(false);
        };
        match doc.str_value(value)? {
            "true" | "True" => Some(true),
            "false" | "False" => Some(false),
            _ => None,
        }
    };
    for resource in &ctx.template.resources {
        if resource.type_name.as_deref() != Some("AWS::SQS::Queue") {
            continue;
        }
        let Some(target) = resource
            .properties
            .and_then(|p| doc.get(p, "RedrivePolicy"))
            .and_then(|r| doc.get(r, "deadLetterTargetArn"))
        else {
            continue;
        };
        let Some(intrinsic) = doc.intrinsic(target).filter(|i| i.function == "Fn::GetAtt") else {
            continue;
        };
        let Some(dead_letter) = doc
            .sequence(intrinsic.argument)
            .and_then(|parts| parts.first())
            .and_then(|p| doc.str_value(*p))
        else {
            continue;
        };
        let (Some(source), Some(sink)) = (is_fifo(&resource.decl.name), is_fifo(dead_letter))
        else {
            continue;
        };
        if source != sink {
            let kind = |fifo: bool| if fifo { "a FIFO" } else { "a standard" };
            let message = format!(
                "`{}` is {} queue, but its dead-letter queue `{dead_letter}` is {} queue; both must be of the same type",
                resource.decl.name,
                kind(source),
                kind(sink)
            );
            // Reported where the source queue says it is FIFO, when it says
            // so, else at the dead-letter target.
            let fifo_key = resource
                .properties
                .and_then(|p| doc.entry(p, "FifoQueue"))
                .map(|e| e.key.span);
            findings.push(match fifo_key {
                Some(span) => finding(Rule::DeadLetterQueueType, span, message)
                    .with_related(ctx.span(target), "the dead-letter queue"),
                None => finding(Rule::DeadLetterQueueType, ctx.span(target), message),
            });
        }
    }
}
