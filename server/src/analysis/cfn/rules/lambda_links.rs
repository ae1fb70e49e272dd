//! Lambda functions against the resources around them: an SQS queue's
//! visibility timeout against the function that reads it, the batch size of
//! a FIFO queue's event source mapping, and the version SnapStart needs.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::resource_links::{anchor, literal, property, target, target_of_type};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const LAMBDA_SQS_VISIBILITY_TIMEOUT: RuleDef = RuleDef {
        code: "lambda-sqs-visibility-timeout",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3505"],
        fix: false,
        summary: "An SQS queue whose visibility timeout is shorter than the timeout of the function reading it",
        explanation: "Lambda requires the visibility timeout of a queue it reads (30 seconds unless `VisibilityTimeout` says otherwise) to be at least the function's `Timeout` (3 seconds by default), so that a message is not handed out again while the function still works on it: the event source mapping fails to create otherwise.",
        example: "a queue with `VisibilityTimeout: 30` mapped to a function with `Timeout: 60`",
    };

    pub const LAMBDA_SQS_FIFO_BATCH_SIZE: RuleDef = RuleDef {
        code: "lambda-sqs-fifo-batch-size",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3705"],
        fix: false,
        summary: "An event source mapping of a FIFO queue with a `BatchSize` above 10",
        explanation: "Lambda reads at most 10 messages at a time from a FIFO queue: it rejects an event source mapping of a FIFO queue whose `BatchSize` is larger, and the mapping fails to create.",
        example: "`BatchSize: 100` for `EventSourceArn: !GetAtt Orders.Arn` where `Orders` has `FifoQueue: true`",
    };

    pub const LAMBDA_SNAPSTART_VERSION: RuleDef = RuleDef {
        code: "lambda-snapstart-version",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W2530"],
        fix: false,
        summary: "SnapStart turned on for a function no `AWS::Lambda::Version` publishes",
        explanation: "SnapStart applies to published versions only (`ApplyOn: PublishedVersions`): a function that the template never publishes with an `AWS::Lambda::Version` runs `$LATEST`, which SnapStart does not speed up.",
        example: "`SnapStart: {ApplyOn: PublishedVersions}` with no `AWS::Lambda::Version` of the function",
    };
}

/// A queue's visibility timeout when `VisibilityTimeout` is not set.
const DEFAULT_VISIBILITY_TIMEOUT: i64 = 30;
/// A function's timeout when `Timeout` is not set.
const DEFAULT_FUNCTION_TIMEOUT: i64 = 3;
/// The largest batch Lambda reads from a FIFO queue.
const FIFO_MAX_BATCH: i64 = 10;

fn int_of(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    event_source_mappings(ctx, findings);
    if !ctx.transforms.sam && !ctx.declarations_open() {
        snap_start_versions(ctx, findings);
    }
}

fn event_source_mappings(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    for mapping in &ctx.template.resources {
        if mapping.type_name.as_deref() != Some("AWS::Lambda::EventSourceMapping") {
            continue;
        }
        let Some(queue) = property(doc, mapping, "EventSourceArn")
            .and_then(|n| target_of_type(doc, ctx.template, n, "AWS::SQS::Queue"))
        else {
            continue;
        };
        // The batch size of a FIFO queue.
        let fifo = literal(doc, property(doc, queue, "FifoQueue"))
            .is_some_and(|f| f.eq_ignore_ascii_case("true"));
        let batch = literal(doc, property(doc, mapping, "BatchSize")).and_then(int_of);
        if let (true, Some(batch)) = (fifo, batch) {
            if batch > FIFO_MAX_BATCH {
                if let Some(entry) = mapping.properties.and_then(|p| doc.entry(p, "BatchSize")) {
                    findings.push(finding(
                        Rule::LambdaSqsFifoBatchSize,
                        entry.key.span,
                        format!(
                            "`BatchSize: {batch}` is above {FIFO_MAX_BATCH}, the most Lambda reads at once from the FIFO queue `{}`",
                            queue.decl.name
                        ),
                    ));
                }
            }
        }
        // The queue's visibility timeout against the function's timeout.
        let Some(function) = property(doc, mapping, "FunctionName")
            .and_then(|n| target_of_type(doc, ctx.template, n, "AWS::Lambda::Function"))
        else {
            continue;
        };
        let visibility = match property(doc, queue, "VisibilityTimeout") {
            None => Some(DEFAULT_VISIBILITY_TIMEOUT),
            node => literal(doc, node).and_then(int_of),
        };
        let timeout = match property(doc, function, "Timeout") {
            None => Some(DEFAULT_FUNCTION_TIMEOUT),
            node => literal(doc, node).and_then(int_of),
        };
        let (Some(visibility), Some(timeout)) = (visibility, timeout) else {
            continue;
        };
        if visibility >= timeout {
            continue;
        }
        let span = queue
            .properties
            .and_then(|p| doc.entry(p, "VisibilityTimeout"))
            .map_or_else(|| anchor(doc, queue), |e| e.key.span);
        findings.push(
            finding(
                Rule::LambdaSqsVisibilityTimeout,
                span,
                format!(
                    "the visibility timeout of `{}` ({visibility} s) is shorter than the timeout of `{}` ({timeout} s), which reads it through `{}`",
                    queue.decl.name, function.decl.name, mapping.decl.name
                ),
            )
            .with_related(mapping.decl.name_span, "the event source mapping"),
        );
    }
}

fn snap_start_versions(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let mut published: Vec<&str> = Vec::new();
    for version in &ctx.template.resources {
        if version.type_name.as_deref() != Some("AWS::Lambda::Version") {
            continue;
        }
        match property(doc, version, "FunctionName").and_then(|n| target(doc, ctx.template, n)) {
            Some(function) => published.push(function.decl.name.as_str()),
            // A version of a function named some other way: it may be any.
            None => return,
        }
    }
    for function in &ctx.template.resources {
        if function.type_name.as_deref() != Some("AWS::Lambda::Function")
            || published.contains(&function.decl.name.as_str())
        {
            continue;
        }
        let Some(apply) =
            property(doc, function, "SnapStart").and_then(|s| doc.entry(s, "ApplyOn"))
        else {
            continue;
        };
        if literal(doc, Some(apply.value)) != Some("PublishedVersions") {
            continue;
        }
        findings.push(finding(
            Rule::LambdaSnapstartVersion,
            apply.key.span,
            format!(
                "SnapStart applies to published versions, but no `AWS::Lambda::Version` of `{}` is declared",
                function.decl.name
            ),
        ));
    }
}
