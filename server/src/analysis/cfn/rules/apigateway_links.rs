//! API Gateway resources that name one another: stages and their
//! deployments, methods and their authorizers, and REST APIs defined by an
//! OpenAPI body that other resources also modify.

use std::collections::HashSet;

use awsls_grammars::Span;

use crate::analysis::cfn::references::Via;
use crate::analysis::cfn::resource_rules::{values_of, Value};
use crate::analysis::cfn::template::Resource;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::Ctx;
use super::resource_links::{literal, property, target, target_of_type};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const APIGATEWAY_STAGE_DEPLOYMENT_API: RuleDef = RuleDef {
        code: "apigateway-stage-deployment-api",
        family: Family::CloudFormation,
        group: "API Gateway",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3698"],
        fix: false,
        summary: "A stage whose deployment belongs to another REST API",
        explanation: "A stage publishes a deployment of its own REST API: `DeploymentId` must name a deployment whose `RestApiId` is the stage's `RestApiId`. API Gateway cannot find the deployment in the stage's API, and the stack fails when it creates the stage.",
        example: "a stage of `ApiA` whose `DeploymentId` is a deployment of `ApiB`",
    };

    pub const APIGATEWAY_AUTHORIZER_API: RuleDef = RuleDef {
        code: "apigateway-authorizer-api",
        family: Family::CloudFormation,
        group: "API Gateway",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3699"],
        fix: false,
        summary: "A method whose authorizer belongs to another REST API",
        explanation: "A method can only use an authorizer of its own REST API: the authorizer named by `AuthorizerId` must have the method's `RestApiId`. API Gateway cannot find it otherwise, and the stack fails when it creates the method.",
        example: "a method of `ApiA` with `AuthorizerId: !Ref AuthorizerOfApiB`",
    };

    pub const APIGATEWAY_AUTHORIZATION_TYPE: RuleDef = RuleDef {
        code: "apigateway-authorization-type",
        family: Family::CloudFormation,
        group: "API Gateway",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3708"],
        fix: false,
        summary: "A method whose `AuthorizationType` does not fit the type of its authorizer",
        explanation: "A method's `AuthorizationType` says how its authorizer works: `CUSTOM` for a Lambda authorizer (`TOKEN` or `REQUEST`), `COGNITO_USER_POOLS` for a Cognito user pool authorizer. API Gateway rejects a method whose authorizer is of the other kind, and the stack fails when it creates it.",
        example: "`AuthorizationType: CUSTOM` with an authorizer of `Type: COGNITO_USER_POOLS`",
    };

    pub const APIGATEWAY_BODY_WITH_RESOURCES: RuleDef = RuleDef {
        code: "apigateway-body-with-resources",
        family: Family::CloudFormation,
        group: "API Gateway",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3660"],
        fix: false,
        summary: "A REST API defined by an OpenAPI body that other resources also modify",
        explanation: "A REST API with `Body` or `BodyS3Location` is rebuilt from that definition on every update, overwriting its resources, methods, models, authorizers, gateway responses and request validators. Such resources declared separately for the same API are then dropped or duplicated: the deployed API drifts from the template and resources are orphaned. Define the API in one place.",
        example: "a REST API with `Body` and an `AWS::ApiGateway::Method` of the same API",
    };
}

/// The types of resources that change a REST API's definition.
const DEFINITION_TYPES: &[&str] = &[
    "AWS::ApiGateway::Resource",
    "AWS::ApiGateway::Method",
    "AWS::ApiGateway::Model",
    "AWS::ApiGateway::Authorizer",
    "AWS::ApiGateway::GatewayResponse",
    "AWS::ApiGateway::RequestValidator",
];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let mut reported: HashSet<(Rule, Span)> = HashSet::new();
    for resource in &ctx.template.resources {
        match resource.type_name.as_deref() {
            Some("AWS::ApiGateway::Stage") => stage(ctx, resource, &mut reported, findings),
            Some("AWS::ApiGateway::Method") => method(ctx, resource, &mut reported, findings),
            Some("AWS::ApiGateway::RestApi") => body(ctx, resource, findings),
            _ => {}
        }
    }
}

/// The REST API a resource's `RestApiId` names, when it is one of the template's.
fn rest_api<'a>(ctx: &Ctx<'a>, resource: &Resource) -> Option<&'a str> {
    let node = property(ctx.doc, resource, "RestApiId")?;
    target_of_type(ctx.doc, ctx.template, node, "AWS::ApiGateway::RestApi")
        .map(|api| api.decl.name.as_str())
}

fn stage(
    ctx: &Ctx,
    stage: &Resource,
    reported: &mut HashSet<(Rule, Span)>,
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let Some(deployment) = property(doc, stage, "DeploymentId")
        .and_then(|d| target_of_type(doc, ctx.template, d, "AWS::ApiGateway::Deployment"))
    else {
        return;
    };
    let (Some(own), Some(theirs)) = (rest_api(ctx, stage), rest_api(ctx, deployment)) else {
        return;
    };
    let Some(entry) = deployment
        .properties
        .and_then(|p| doc.entry(p, "RestApiId"))
    else {
        return;
    };
    if own != theirs && reported.insert((Rule::ApigatewayStageDeploymentApi, entry.key.span)) {
        findings.push(Finding::new(
            Rule::ApigatewayStageDeploymentApi,
            entry.key.span,
            format!(
                "the stage `{}` of REST API `{own}` uses this deployment, which belongs to `{theirs}`",
                stage.decl.name
            ),
        ));
    }
}

fn method(
    ctx: &Ctx,
    method: &Resource,
    reported: &mut HashSet<(Rule, Span)>,
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let Some(authorizer) = property(doc, method, "AuthorizerId")
        .and_then(|a| target_of_type(doc, ctx.template, a, "AWS::ApiGateway::Authorizer"))
    else {
        return;
    };
    if let (Some(own), Some(theirs)) = (rest_api(ctx, method), rest_api(ctx, authorizer)) {
        let entry = authorizer
            .properties
            .and_then(|p| doc.entry(p, "RestApiId"));
        if let Some(entry) = entry.filter(|_| own != theirs) {
            if reported.insert((Rule::ApigatewayAuthorizerApi, entry.key.span)) {
                findings.push(Finding::new(
                    Rule::ApigatewayAuthorizerApi,
                    entry.key.span,
                    format!(
                        "the method `{}` of REST API `{own}` uses this authorizer, which belongs to `{theirs}`",
                        method.decl.name
                    ),
                ));
            }
        }
    }
    let Some(kind) = authorizer.properties.and_then(|p| doc.entry(p, "Type")) else {
        return;
    };
    let (Some(authorization), Some(kind_text)) = (
        literal(doc, property(doc, method, "AuthorizationType")),
        literal(doc, Some(kind.value)),
    ) else {
        return;
    };
    let fits = match authorization {
        "CUSTOM" => matches!(kind_text, "TOKEN" | "REQUEST"),
        "COGNITO_USER_POOLS" => kind_text == "COGNITO_USER_POOLS",
        _ => true,
    };
    if !fits && reported.insert((Rule::ApigatewayAuthorizationType, kind.key.span)) {
        let expected = if authorization == "CUSTOM" {
            "a Lambda authorizer (`TOKEN` or `REQUEST`)"
        } else {
            "a `COGNITO_USER_POOLS` authorizer"
        };
        findings.push(Finding::new(
            Rule::ApigatewayAuthorizationType,
            kind.key.span,
            format!(
                "the method `{}` has `AuthorizationType: {authorization}`, which needs {expected}, but this authorizer is of type `{kind_text}`",
                method.decl.name
            ),
        ));
    }
}

/// Where a REST API's OpenAPI definition is written, when it has one in
/// some branch: the key, or the branch of `Fn::If` that sets it.
fn definition(ctx: &Ctx, api: &Resource) -> Option<(&'static str, Span)> {
    let doc = ctx.doc;
    for name in ["Body", "BodyS3Location"] {
        let Some(entry) = api.properties.and_then(|p| doc.entry(p, name)) else {
            continue;
        };
        let values = values_of(doc, entry.value);
        let set = values
            .iter()
            .find(|v| !matches!(v, Value::Removed { .. }))?;
        let conditional = doc
            .intrinsic(entry.value)
            .is_some_and(|i| i.function == "Fn::If");
        return Some((
            name,
            if conditional {
                set.span()
            } else {
                entry.key.span
            },
        ));
    }
    None
}

fn body(ctx: &Ctx, api: &Resource, findings: &mut Vec<Finding>) {
    let Some((name, span)) = definition(ctx, api) else {
        return;
    };
    for other in &ctx.template.resources {
        let Some(type_name) = other
            .type_name
            .as_deref()
            .filter(|t| DEFINITION_TYPES.contains(t))
        else {
            continue;
        };
        if !refers_to(ctx, other, &api.decl.name) {
            continue;
        }
        findings.push(Finding::new(
            Rule::ApigatewayBodyWithResources,
            span,
            format!(
                "this REST API is defined by its `{name}`, which replaces the `{type_name}` `{}` declared for it on each update: the API drifts from the template",
                other.decl.name
            ),
        ));
    }
}

/// Whether a resource's properties name `api` (`Ref`, `Fn::GetAtt`, `Fn::Sub`).
fn refers_to(ctx: &Ctx, resource: &Resource, api: &str) -> bool {
    let Some(properties) = resource.properties else {
        return false;
    };
    if let Some(id) = property(ctx.doc, resource, "RestApiId") {
        if target(ctx.doc, ctx.template, id).is_some_and(|t| t.decl.name == api) {
            return true;
        }
    }
    let within = ctx.doc.node(properties).span;
    ctx.refs.iter().any(|r| {
        r.name == api
            && matches!(r.via, Via::Ref | Via::GetAtt | Via::Sub)
            && within.start <= r.span.start
            && r.span.end <= within.end
    })
}
