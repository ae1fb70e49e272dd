//! Lambda functions: settings that depend on the package type and on where
//! the code is, environment variables Lambda reserves and their total size,
//! log levels, layer ARNs, timeouts and SnapStart runtimes.

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

    pub const LAMBDA_LOG_LEVEL_TEXT: RuleDef = RuleDef {
        code: "lambda-log-level-text",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3696"],
        fix: false,
        summary: "A system log level on a function whose logs are plain text",
        explanation: "Log levels filter structured logs: Lambda rejects `SystemLogLevel` in a `LoggingConfig` whose `LogFormat` is `Text`, and the function fails to create or update. Use `LogFormat: JSON` or remove the level.",
        example: "`LoggingConfig: {LogFormat: Text, SystemLogLevel: WARN}`",
    };

    pub const LAMBDA_ENVIRONMENT_SIZE: RuleDef = RuleDef {
        code: "lambda-environment-size",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3697"],
        fix: false,
        summary: "Environment variables larger than 4 KB in total",
        explanation: "Lambda limits a function's environment variables to 4 KB (4,096 bytes of names and values together) and rejects a function over it. Only the names and the values written in the template are counted, so the real size can only be larger. Keep large settings in SSM Parameter Store, Secrets Manager or S3 instead.",
        example: "`Environment: {Variables: {CONFIG: <5,000 characters>}}`",
    };

    pub const LAMBDA_LAYER_ARN: RuleDef = RuleDef {
        code: "lambda-layer-arn",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: Some("warning for an `awslayer` ARN, which may not be offered in every account and region"),
        cfn_lint: &["E3716", "W3702"],
        fix: false,
        summary: "A layer version ARN longer than Lambda accepts in the region, or an `awslayer` ARN",
        explanation: "Lambda limits the length of a layer version ARN to the ARN prefix of the region (`arn:aws:lambda:us-east-1:123456789012:layer:`) plus 144 characters for the layer name and version, and rejects a function whose `Layers` holds a longer one. ARNs of the `arn:aws:lambda:::awslayer:` form name layers AWS manages, which may not be available to every account or region.",
        example: "`Layers: [arn:aws:lambda:us-east-1:123456789012:layer:<150 characters>:1]`",
    };

    pub const LAMBDA_TIMEOUT_LIMIT: RuleDef = RuleDef {
        code: "lambda-timeout-limit",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3717"],
        fix: false,
        summary: "A `Timeout` above 900 seconds on a function that does not run on Lambda Managed Instances",
        explanation: "A Lambda function runs for at most 900 seconds (15 minutes); only functions on Lambda Managed Instances (`CapacityProviderConfig`) may run longer. Lambda rejects a larger `Timeout` and the function fails to create.",
        example: "`Timeout: 1800` without `CapacityProviderConfig`",
    };

    pub const LAMBDA_SNAPSTART_RUNTIME: RuleDef = RuleDef {
        code: "lambda-snapstart-runtime",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E2530"],
        fix: false,
        summary: "SnapStart turned on for a runtime that does not support it",
        explanation: "SnapStart is offered for Java 11 and later, Python 3.12 and later and .NET 8 and later: Lambda rejects `SnapStart: {ApplyOn: PublishedVersions}` for other runtimes, and the function fails to create.",
        example: "`Runtime: nodejs22.x` with `SnapStart: {ApplyOn: PublishedVersions}`",
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
    logging(ctx, findings);
    environment_size(ctx, findings);
    layers(ctx, findings);
    timeout(ctx, findings);
    snap_start(ctx, findings);
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

/// `SystemLogLevel` needs structured (JSON) logs.
fn logging(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(config) = ctx
        .property("LoggingConfig")
        .filter(|c| ctx.doc.mapping(*c).is_some())
    else {
        return;
    };
    let text = ctx
        .literal(ctx.doc.get(config, "LogFormat"))
        .is_some_and(|f| f.eq_ignore_ascii_case("text"));
    if !text {
        return;
    }
    if let Some(span) = super::props::set_everywhere(ctx, config, "SystemLogLevel") {
        findings.push(Finding::new(
            Rule::LambdaLogLevelText,
            span,
            "`SystemLogLevel` cannot be set when `LogFormat` is `Text`: use `LogFormat: JSON` or remove the level",
        ));
    }
}

/// The most bytes of names and values Lambda accepts in a function's environment.
const ENVIRONMENT_LIMIT: usize = 4096;

fn environment_size(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(environment) = ctx.property("Environment") else {
        return;
    };
    let Some(entry) = doc.entry(environment, "Variables") else {
        return;
    };
    let Some(variables) = doc.mapping(entry.value) else {
        return;
    };
    // Values computed by functions are not counted: the total is a lower bound.
    let size: usize = variables
        .iter()
        .map(|v| v.key.text.len() + doc.str_value(v.value).map_or(0, str::len))
        .sum();
    if size > ENVIRONMENT_LIMIT {
        findings.push(Finding::new(
            Rule::LambdaEnvironmentSize,
            entry.key.span,
            format!("the environment variables take at least {size} bytes, more than the 4 KB ({ENVIRONMENT_LIMIT} bytes) Lambda accepts"),
        ));
    }
}

/// The partition of a region.
fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// The longest layer version ARN Lambda accepts in `region`: the region's
/// `arn:<partition>:lambda:<region>:<account>:layer:` prefix and 144 more.
fn layer_arn_limit(region: &str) -> usize {
    format!(
        "arn:{}:lambda:{region}:123456789012:layer:",
        partition(region)
    )
    .len()
        + 144
}

fn layers(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(items) = ctx.property("Layers").and_then(|l| ctx.doc.sequence(l)) else {
        return;
    };
    let default = ["us-east-1".to_string()];
    let regions: &[String] = if ctx.snapshot.regions.is_empty() {
        &default
    } else {
        &ctx.snapshot.regions
    };
    for item in items {
        for value in ctx.values(*item) {
            let super::Value::Literal { text, span, .. } = value else {
                continue;
            };
            if text.contains(":awslayer:") {
                findings.push(
                    Finding::new(
                        Rule::LambdaLayerArn,
                        span,
                        "`awslayer` ARNs name layers AWS manages, which may not be available in every account and region",
                    )
                    .with_severity(crate::analysis::Severity::Warning),
                );
                continue;
            }
            let too_long: Vec<(&str, usize)> = regions
                .iter()
                .map(|r| (r.as_str(), layer_arn_limit(r)))
                .filter(|(_, limit)| text.len() > *limit)
                .collect();
            if let Some((region, limit)) = too_long.first() {
                findings.push(Finding::new(
                    Rule::LambdaLayerArn,
                    span,
                    format!(
                        "this layer ARN has {} characters; Lambda accepts at most {limit} in `{region}`",
                        text.len()
                    ),
                ));
            }
        }
    }
}

/// The longest `Timeout` of a function not on Lambda Managed Instances.
const MAX_TIMEOUT: i64 = 900;

fn timeout(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(seconds) = super::props::literal_int(ctx, ctx.property("Timeout")) else {
        return;
    };
    if seconds <= MAX_TIMEOUT || ctx.property("CapacityProviderConfig").is_some() {
        return;
    }
    if let Some(span) = ctx.key_span(ctx.properties, "Timeout") {
        findings.push(Finding::new(
            Rule::LambdaTimeoutLimit,
            span,
            format!("`Timeout: {seconds}` is above the {MAX_TIMEOUT} seconds a function may run unless it runs on Lambda Managed Instances (`CapacityProviderConfig`)"),
        ));
    }
}

/// Whether SnapStart supports `runtime` (`None` for runtimes not known).
fn snap_start_supports(runtime: &str) -> Option<bool> {
    let number = |rest: &str| -> Option<u32> {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    if let Some(rest) = runtime.strip_prefix("python3.") {
        return number(rest).map(|minor| minor >= 12);
    }
    if let Some(rest) = runtime.strip_prefix("java") {
        return number(rest).map(|major| major >= 11);
    }
    if runtime.starts_with("dotnetcore") {
        return Some(false);
    }
    if let Some(rest) = runtime.strip_prefix("dotnet") {
        return number(rest).map(|major| major >= 8);
    }
    ["nodejs", "ruby", "provided", "go"]
        .iter()
        .any(|p| runtime.starts_with(p))
        .then_some(false)
}

fn snap_start(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(snap) = ctx.property("SnapStart") else {
        return;
    };
    let Some(apply) = ctx.doc.entry(snap, "ApplyOn") else {
        return;
    };
    if ctx.literal(Some(apply.value)) != Some("PublishedVersions") {
        return;
    }
    let Some(runtime) = ctx.literal(ctx.property("Runtime")) else {
        return;
    };
    if snap_start_supports(runtime) == Some(false) {
        findings.push(Finding::new(
            Rule::LambdaSnapstartRuntime,
            apply.key.span,
            format!("SnapStart does not support `{runtime}`: it is offered for Java 11+, Python 3.12+ and .NET 8+"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::{arn_service, layer_arn_limit, snap_start_supports};

    #[test]
    fn snap_start_runtimes() {
        assert_eq!(snap_start_supports("java21"), Some(true));
        assert_eq!(snap_start_supports("java8.al2"), Some(false));
        assert_eq!(snap_start_supports("python3.12"), Some(true));
        assert_eq!(snap_start_supports("python3.11"), Some(false));
        assert_eq!(snap_start_supports("dotnet8"), Some(true));
        assert_eq!(snap_start_supports("dotnet6"), Some(false));
        assert_eq!(snap_start_supports("nodejs22.x"), Some(false));
        assert_eq!(snap_start_supports("unknown"), None);
    }

    #[test]
    fn layer_arn_limits_follow_the_region() {
        assert_eq!(layer_arn_limit("us-east-1"), 188);
        assert_eq!(layer_arn_limit("cn-north-1"), 192);
        assert_eq!(layer_arn_limit("eu-south-2"), 189);
    }

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
