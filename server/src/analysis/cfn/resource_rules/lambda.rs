//! Lambda functions: settings that depend on the package type and on where
//! the code is, and environment variables Lambda reserves.

use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const LAMBDA_IMAGE_SETTINGS: RuleDef = RuleDef {
        code: "lambda-image-settings",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3685"],
        fix: false,
        summary: "`Handler`, `Runtime` or `Layers` on a container image function",
        explanation: "A function with `PackageType: Image` runs the image's own entry point: Lambda rejects `Handler`, `Runtime` and `Layers` for it, and the function fails to create.",
        example: "`PackageType: Image` with `Runtime: python3.13`",
    };

    pub const LAMBDA_ZIP_SETTINGS: RuleDef = RuleDef {
        code: "lambda-zip-settings",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: Some("warning for a missing `Handler` or `Runtime` when the code is in S3"),
        cfn_lint: &["E3678", "E3677", "W2533"],
        fix: false,
        summary: "A .zip function without `Runtime` or `Handler`, or inline code in a runtime that cannot take it",
        explanation: "A function deployed as a .zip archive needs `Handler` and `Runtime`, and inline code (`Code.ZipFile`) is only accepted for Node.js and Python runtimes: Lambda rejects the function when the stack creates it.",
        example: "`Code: {ZipFile: ...}` without `Runtime`",
    };

    pub const LAMBDA_RESERVED_VARIABLE: RuleDef = RuleDef {
        code: "lambda-reserved-variable",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3663"],
        fix: false,
        summary: "An environment variable Lambda reserves for itself",
        explanation: "Lambda sets some environment variables itself (`AWS_REGION`, `_HANDLER`, `LAMBDA_TASK_ROOT`, ...) and rejects a function that defines them, so the stack fails when it creates the function.",
        example: "`Environment: {Variables: {AWS_REGION: us-east-1}}`",
    };

    pub const LAMBDA_STARTING_POSITION: RuleDef = RuleDef {
        code: "lambda-starting-position",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3633", "E3634"],
        fix: false,
        summary: "An event source mapping whose `StartingPosition` does not fit its source",
        explanation: "Lambda reads Kinesis and DynamoDB streams from a position, so their event source mappings need `StartingPosition`; an SQS queue has no position, and Lambda rejects `StartingPosition` for it. Either way the mapping fails to create. Only event source ARNs written out are checked.",
        example: "`EventSourceArn: arn:aws:sqs:us-east-1:123456789012:jobs` with `StartingPosition: LATEST`",
    };
}

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: &["AWS::Lambda::Function"],
        check: function,
    },
    ResourceRule {
        types: &["AWS::Lambda::EventSourceMapping"],
        check: event_source_mapping,
    },
];

/// Variables Lambda defines itself (AWS Lambda Developer Guide, "Defined
/// runtime environment variables"; those it lets functions set are left out).
const RESERVED: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

fn function(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let package = match ctx.property("PackageType") {
        None => Some("Zip"),
        node => ctx.literal(node),
    };
    if package == Some("Image") {
        for name in ["Handler", "Runtime", "Layers"] {
            if let Some(span) = ctx.key_span(ctx.properties, name) {
                findings.push(Finding::new(
                    Rule::LambdaImageSettings,
                    span,
                    format!("`{name}` cannot be set on a function whose `PackageType` is `Image`: the image's entry point runs instead"),
                ));
            }
        }
    }
    if package == Some("Zip") {
        let code = ctx.property("Code");
        let inline = code.and_then(|c| doc.entry(c, "ZipFile"));
        let image = code.and_then(|c| doc.get(c, "ImageUri")).is_some();
        if !image {
            for name in ["Runtime", "Handler"] {
                if ctx.property(name).is_some() {
                    continue;
                }
                let mut finding = Finding::new(
                    Rule::LambdaZipSettings,
                    ctx.anchor(),
                    format!("a function deployed as a .zip archive needs `{name}`"),
                );
                if inline.is_none() {
                    finding = finding.with_severity(crate::analysis::Severity::Warning);
                }
                findings.push(finding);
            }
        }
        if let (Some(inline), Some(runtime)) = (inline, ctx.literal(ctx.property("Runtime"))) {
            let accepts_inline = runtime.starts_with("nodejs") || runtime.starts_with("python");
            if !accepts_inline {
                findings.push(Finding::new(
                    Rule::LambdaZipSettings,
                    inline.key.span,
                    format!("inline code (`ZipFile`) is accepted only for Node.js and Python runtimes, not `{runtime}`"),
                ));
            }
        }
    }
    let variables = ctx
        .property("Environment")
        .and_then(|e| doc.get(e, "Variables"))
        .and_then(|v| doc.mapping(v));
    for entry in variables.into_iter().flatten() {
        if RESERVED.contains(&entry.key.text.as_str()) {
            findings.push(Finding::new(
                Rule::LambdaReservedVariable,
                entry.key.span,
                format!(
                    "`{}` is set by Lambda itself and cannot be defined by the function",
                    entry.key.text
                ),
            ));
        }
    }
}

/// The service of an event source written as an ARN (`arn:aws:sqs:...`).
fn arn_service(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    (parts.next()? == "arn").then_some(())?;
    parts.next()?;
    parts.next()
}

fn event_source_mapping(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(arn) = ctx.literal(ctx.property("EventSourceArn")) else {
        return;
    };
    let position = ctx.property("StartingPosition");
    match arn_service(arn) {
        Some("sqs") => {
            if let Some(span) =
                super::props::set_everywhere(ctx, ctx.properties, "StartingPosition")
            {
                findings.push(Finding::new(
                    Rule::LambdaStartingPosition,
                    span,
                    "`StartingPosition` cannot be set for an SQS queue: a queue has no position to read from",
                ));
            }
        }
        Some(service @ ("kinesis" | "dynamodb")) => {
            let stream = service == "kinesis" || arn.contains("/stream/");
            if stream && position.is_none() {
                findings.push(Finding::new(
                    Rule::LambdaStartingPosition,
                    ctx.anchor(),
                    "an event source mapping for a Kinesis or DynamoDB stream needs `StartingPosition` (`LATEST`, `TRIM_HORIZON` or `AT_TIMESTAMP`)",
                ));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::arn_service;

    #[test]
    fn the_service_of_an_arn() {
        assert_eq!(
            arn_service("arn:aws:sqs:us-east-1:123456789012:q"),
            Some("sqs")
        );
        assert_eq!(
            arn_service("arn:aws-cn:kinesis:cn-north-1:123456789012:stream/s"),
            Some("kinesis")
        );
        assert_eq!(arn_service("queue"), None);
        assert_eq!(arn_service("arn:aws"), None);
    }
}
