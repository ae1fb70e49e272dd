//! Lambda permissions against the resource their `SourceArn` names: the
//! account of an S3 bucket source, and the service principal that matches
//! the source's type.

use crate::analysis::cfn::template::Resource;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::Ctx;
use super::resource_links::{absent, anchor, literal, property, target};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const LAMBDA_PERMISSION_SOURCE_ACCOUNT: RuleDef = RuleDef {
        code: "lambda-permission-source-account",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3663"],
        fix: false,
        summary: "A Lambda permission for an S3 bucket source without `SourceAccount`",
        explanation: "An S3 bucket ARN holds no account ID, and bucket names are reused once deleted: a permission limited by `SourceArn` alone lets a bucket of that name in any account invoke the function. Set `SourceAccount` to the bucket owner's account so only that bucket can.",
        example: "`Principal: s3.amazonaws.com` with `SourceArn: !GetAtt Bucket.Arn` and no `SourceAccount`",
    };

    pub const LAMBDA_PERMISSION_PRINCIPAL: RuleDef = RuleDef {
        code: "lambda-permission-principal",
        family: Family::CloudFormation,
        group: "Lambda",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3664"],
        fix: false,
        summary: "A Lambda permission whose `Principal` is not the service of its `SourceArn`",
        explanation: "A permission lets a service principal invoke the function on behalf of the resource in `SourceArn`. When the principal is another service (`sns.amazonaws.com` for a bucket, say), the resource never matches the caller, so the invocations the permission was written for are refused.",
        example: "`Principal: sns.amazonaws.com` with `SourceArn: !GetAtt Bucket.Arn`",
    };
}

/// The service principal that invokes functions for a source of each type.
const PRINCIPALS: &[(&str, &str)] = &[
    ("AWS::S3::Bucket", "s3"),
    ("AWS::SNS::Topic", "sns"),
    ("AWS::Events::Rule", "events"),
    ("AWS::Logs::LogGroup", "logs"),
    ("AWS::Cognito::UserPool", "cognito-idp"),
    ("AWS::ApiGateway::RestApi", "apigateway"),
    ("AWS::ApiGatewayV2::Api", "apigateway"),
    ("AWS::IoT::TopicRule", "iot"),
    ("AWS::Config::ConfigRule", "config"),
    (
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "elasticloadbalancing",
    ),
];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    for permission in &ctx.template.resources {
        if permission.type_name.as_deref() != Some("AWS::Lambda::Permission") {
            continue;
        }
        let Some(source) = property(ctx.doc, permission, "SourceArn") else {
            continue;
        };
        let source_resource = target(ctx.doc, ctx.template, source);
        source_account(ctx, permission, source, source_resource, findings);
        if let Some(resource) = source_resource {
            principal(ctx, permission, resource, findings);
        }
    }
}

fn source_account(
    ctx: &Ctx,
    permission: &Resource,
    source: awsls_grammars::NodeId,
    source_resource: Option<&Resource>,
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let bucket = match source_resource {
        Some(resource) => resource.type_name.as_deref() == Some("AWS::S3::Bucket"),
        None => literal(doc, Some(source)).is_some_and(|arn| {
            let mut parts = arn.splitn(4, ':');
            parts.next() == Some("arn") && parts.nth(1) == Some("s3")
        }),
    };
    if bucket && absent(doc, permission, "SourceAccount") {
        findings.push(Finding::new(
            Rule::LambdaPermissionSourceAccount,
            anchor(doc, permission),
            "the source is an S3 bucket, whose ARN names no account: set `SourceAccount` so a bucket of the same name in another account cannot invoke the function",
        ));
    }
}

fn principal(ctx: &Ctx, permission: &Resource, source: &Resource, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(service) = source
        .type_name
        .as_deref()
        .and_then(|t| PRINCIPALS.iter().find(|(ty, _)| *ty == t))
        .map(|(_, service)| *service)
    else {
        return;
    };
    let Some(entry) = permission
        .properties
        .and_then(|p| doc.entry(p, "Principal"))
    else {
        return;
    };
    let Some(text) = literal(doc, Some(entry.value)) else {
        return;
    };
    if text.contains("${") || text.starts_with(&format!("{service}.")) {
        return;
    }
    findings.push(Finding::new(
        Rule::LambdaPermissionPrincipal,
        entry.key.span,
        format!(
            "`SourceArn` names `{}`, of type `{}`, which invokes functions as `{service}.amazonaws.com`, not `{text}`",
            source.decl.name,
            source.type_name.as_deref().unwrap_or_default()
        ),
    ));
}
