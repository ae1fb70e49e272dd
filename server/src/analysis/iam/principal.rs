//! `Principal`/`NotPrincipal` values: `*`, or a mapping of `AWS`, `Service`,
//! `Federated` and `CanonicalUser` to one or more principals.

use crate::analysis::rules::Rule;
use awsls_grammars::NodeId;

use crate::analysis::Finding;

use super::statement::Statement;
use super::values::{self, Value};
use super::{arn, Ctx};

pub const PRINCIPAL_KEYS: &[&str] = &["AWS", "Service", "Federated", "CanonicalUser"];

/// Service principals that often appear in trust and resource policies.
pub const COMMON_SERVICE_PRINCIPALS: &[&str] = &[
    "lambda.amazonaws.com",
    "edgelambda.amazonaws.com",
    "ec2.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "states.amazonaws.com",
    "events.amazonaws.com",
    "scheduler.amazonaws.com",
    "apigateway.amazonaws.com",
    "sns.amazonaws.com",
    "sqs.amazonaws.com",
    "s3.amazonaws.com",
    "cloudfront.amazonaws.com",
    "cloudformation.amazonaws.com",
    "codebuild.amazonaws.com",
    "codepipeline.amazonaws.com",
    "codedeploy.amazonaws.com",
    "firehose.amazonaws.com",
    "glue.amazonaws.com",
    "sagemaker.amazonaws.com",
    "batch.amazonaws.com",
    "appsync.amazonaws.com",
    "delivery.logs.amazonaws.com",
    "logs.amazonaws.com",
    "elasticmapreduce.amazonaws.com",
    "backup.amazonaws.com",
    "pipes.amazonaws.com",
    "bedrock.amazonaws.com",
    "monitoring.amazonaws.com",
    "iot.amazonaws.com",
    "cognito-idp.amazonaws.com",
];

/// True when the principal is everyone: `"*"` or `{"AWS": "*"}`.
pub fn is_everyone(ctx: &Ctx, node: NodeId) -> bool {
    let doc = ctx.doc;
    if doc.str_value(node) == Some("*") {
        return true;
    }
    doc.get(node, "AWS").is_some_and(|aws| {
        values::values(ctx.snapshot, doc, aws)
            .iter()
            .any(|v| v.text() == Some("*"))
    })
}

pub fn check(ctx: &Ctx, statement: &Statement, findings: &mut Vec<Finding>) {
    let Some(element) = statement.principal else {
        return;
    };
    let doc = ctx.doc;
    let node = doc.node(doc.resolve(element.node));
    if doc.intrinsic(element.node).is_some() {
        return;
    }
    if let Some(text) = doc.str_value(element.node) {
        if text != "*" {
            findings.push(Finding::new(
                Rule::IamInvalidPrincipal,
                node.span,
                "Principal must be \"*\" or a mapping such as {\"AWS\": ...} or {\"Service\": ...}",
            ));
        }
        return;
    }
    let Some(entries) = doc.mapping(element.node) else {
        findings.push(Finding::new(
            Rule::IamInvalidPrincipal,
            node.span,
            "Principal must be \"*\" or a mapping such as {\"AWS\": ...} or {\"Service\": ...}",
        ));
        return;
    };
    for entry in entries {
        let key = entry.key.text.as_str();
        if !PRINCIPAL_KEYS.contains(&key) {
            let mut message =
                format!("'{key}' is not a principal type (AWS, Service, Federated, CanonicalUser)");
            if let Some(s) = values::closest(key, PRINCIPAL_KEYS.iter().copied()) {
                message.push_str(&format!("; did you mean '{s}'?"));
            }
            findings.push(Finding::new(
                Rule::IamInvalidPrincipal,
                entry.key.span,
                message,
            ));
            continue;
        }
        for value in values::values(ctx.snapshot, doc, entry.value) {
            check_value(key, &value, findings);
        }
    }
}

fn check_value(key: &str, value: &Value, findings: &mut Vec<Finding>) {
    let (text, span) = match value {
        Value::Text { text, inner, .. } => (text.as_str(), *inner),
        Value::Dynamic { .. } => return,
        Value::Invalid { span } => {
            findings.push(Finding::new(
                Rule::IamInvalidPrincipal,
                *span,
                "a principal must be a string",
            ));
            return;
        }
    };
    if arn::is_placeholder(text) || text.contains("${") {
        return;
    }
    match key {
        "AWS" => {
            let account = text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit());
            let arn_ok = text.starts_with("arn:") && arn::syntax_error(text).is_none();
            // IAM shows a deleted principal by its unique ID (AIDA..., AROA...).
            let unique_id = text.len() >= 16
                && text.starts_with('A')
                && text
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if text != "*" && !account && !arn_ok && !unique_id {
                findings.push(Finding::new(Rule::IamInvalidPrincipal,
                    span,
                    format!("'{text}' is not an AWS principal: use \"*\", a 12-digit account ID or an IAM ARN"),
                ));
            }
        }
        "Service" => {
            let lower = text.to_ascii_lowercase();
            let looks_right = [".amazonaws.com", ".amazonaws.com.cn", ".amazon.com"]
                .iter()
                .any(|suffix| lower.ends_with(suffix));
            if !looks_right {
                findings.push(Finding::new(Rule::IamInvalidServicePrincipal,
                    span,
                    format!("'{text}' does not look like a service principal (for example lambda.amazonaws.com)"),
                ));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{codes, findings_for};

    fn policy(principal: &str) -> String {
        format!(
            "{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{principal},\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:123456789012:q\"}}]}}"
        )
    }

    #[test]
    fn principal_forms() {
        assert!(findings_for(&policy(
            r#"{"AWS":["123456789012","arn:aws:iam::123456789012:role/r","AROAEXAMPLEID12345678"]}"#
        ))
        .is_empty());
        assert!(findings_for(&policy(r#"{"Service":"sns.amazonaws.com"}"#)).is_empty());
        assert_eq!(
            codes(&findings_for(&policy(r#""everyone""#))),
            ["iam-invalid-principal"]
        );
        assert_eq!(
            codes(&findings_for(&policy(r#"{"Aws":"123456789012"}"#))),
            ["iam-invalid-principal"]
        );
        assert_eq!(
            codes(&findings_for(&policy(r#"{"AWS":"12345"}"#))),
            ["iam-invalid-principal"]
        );
        assert_eq!(
            codes(&findings_for(&policy(r#"{"Service":"sns"}"#))),
            ["iam-invalid-service-principal"]
        );
    }
}
