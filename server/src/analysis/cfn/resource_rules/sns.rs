//! SNS subscriptions: a `lambda` subscription's endpoint is a function ARN.

use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const SNS_LAMBDA_ENDPOINT: RuleDef = RuleDef {
        code: "sns-lambda-endpoint",
        family: Family::CloudFormation,
        group: "SNS",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3694"],
        fix: false,
        summary: "A `lambda` subscription whose `Endpoint` is not a Lambda function ARN",
        explanation: "SNS delivers a `lambda` subscription by invoking the function named by `Endpoint`, which must be a function ARN (`arn:aws:lambda:<region>:<account>:function:<name>`): anything else, such as a queue ARN or a bare name, does not receive messages and usually fails to subscribe.",
        example: "`Protocol: lambda` with `Endpoint: arn:aws:sqs:us-east-1:123456789012:jobs`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::SNS::Subscription"],
    check: subscription,
}];

/// Whether `arn` is a Lambda function ARN (optionally with a qualifier).
fn is_function_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(7, ':').collect();
    parts.len() == 7
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == "lambda"
        && !parts[3].is_empty()
        && parts[3]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && parts[5] == "function"
        && !parts[6].is_empty()
}

fn subscription(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    if ctx.literal(ctx.property("Protocol")) != Some("lambda") {
        return;
    }
    let Some(endpoint) = ctx.literal(ctx.property("Endpoint")) else {
        return;
    };
    if endpoint.contains("${") || is_function_arn(endpoint) {
        return;
    }
    if let Some(span) = ctx.key_span(ctx.properties, "Endpoint") {
        findings.push(Finding::new(
            Rule::SnsLambdaEndpoint,
            span,
            format!("`{endpoint}` is not a Lambda function ARN, which a `lambda` subscription delivers to"),
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn function_arns() {
        assert!(super::is_function_arn(
            "arn:aws:lambda:us-east-1:123456789012:function:f"
        ));
        assert!(super::is_function_arn(
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:f:live"
        ));
        assert!(!super::is_function_arn(
            "arn:aws:sqs:us-east-1:123456789012:q"
        ));
        assert!(!super::is_function_arn("my-function"));
    }
}
