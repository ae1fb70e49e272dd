//! API Gateway REST APIs (a name, unless an OpenAPI definition gives one),
//! authorizer cache lifetimes, and stage method settings.

use super::props::{absent, literal_int};
use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const APIGATEWAY_REST_API_NAME: RuleDef = RuleDef {
        code: "apigateway-rest-api-name",
        family: Family::CloudFormation,
        group: "API Gateway",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3660"],
        fix: false,
        summary: "A REST API with neither a `Name` nor an OpenAPI definition",
        explanation: "API Gateway names a REST API from its `Name`, or from the title of the OpenAPI definition in `Body` or `BodyS3Location`: with none of them it rejects the API and the stack fails when it creates it.",
        example: "`AWS::ApiGateway::RestApi` with only `Description`",
    };

    pub const APIGATEWAY_AUTHORIZER_TTL: RuleDef = RuleDef {
        code: "apigateway-authorizer-ttl",
        family: Family::CloudFormation,
        group: "API Gateway",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3718"],
        fix: false,
        summary: "A Lambda authorizer that caches its results for more than an hour",
        explanation: "API Gateway caches a `TOKEN` or `REQUEST` authorizer's policy for `AuthorizerResultTtlInSeconds`, at most 3600 seconds. It rejects a longer lifetime, and the stack fails when it creates the authorizer.",
        example: "`Type: TOKEN` with `AuthorizerResultTtlInSeconds: 7200`",
    };

    pub const APIGATEWAY_METHOD_SETTINGS_PATH: RuleDef = RuleDef {
        code: "apigateway-method-settings-path",
        family: Family::CloudFormation,
        group: "API Gateway",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3723"],
        fix: false,
        summary: "A stage method setting whose `ResourcePath` does not start with `/`",
        explanation: "A stage's `MethodSettings` apply to the methods under `ResourcePath`, a path starting with `/` (`/*` for every resource, with each `/` inside the path written `~1`, as in `/~1pets/GET`). API Gateway rejects other paths, and the stack fails when it creates the stage.",
        example: "`MethodSettings: [{ResourcePath: '*', HttpMethod: '*', MetricsEnabled: true}]`",
    };

    pub const APIGATEWAY_EMPTY_METHOD_SETTINGS: RuleDef = RuleDef {
        code: "apigateway-empty-method-settings",
        family: Family::CloudFormation,
        group: "API Gateway",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3705"],
        fix: false,
        summary: "A stage method setting that sets nothing",
        explanation: "Each entry of a stage's `MethodSettings` picks methods with `ResourcePath` and `HttpMethod` and then sets logging, metrics, caching or throttling for them. An entry with none of those settings (`LoggingLevel`, `MetricsEnabled`, `DataTraceEnabled`, `CachingEnabled`, `ThrottlingBurstLimit`, ...) changes nothing: a setting was probably forgotten.",
        example: "`MethodSettings: [{ResourcePath: '/*', HttpMethod: '*'}]`",
    };
}

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: &["AWS::ApiGateway::RestApi"],
        check: rest_api,
    },
    ResourceRule {
        types: &["AWS::ApiGateway::Authorizer"],
        check: authorizer,
    },
    ResourceRule {
        types: &["AWS::ApiGateway::Stage"],
        check: stage,
    },
];

/// The properties of a method setting that set something.
const METHOD_SETTINGS: &[&str] = &[
    "CacheDataEncrypted",
    "CacheTtlInSeconds",
    "CachingEnabled",
    "DataTraceEnabled",
    "LoggingLevel",
    "MetricsEnabled",
    "ThrottlingBurstLimit",
    "ThrottlingRateLimit",
];

fn rest_api(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    if ["Name", "Body", "BodyS3Location"]
        .iter()
        .all(|p| absent(ctx, ctx.properties, p))
    {
        findings.push(Finding::new(
            Rule::ApigatewayRestApiName,
            ctx.anchor(),
            "a REST API needs a `Name` when it has no OpenAPI definition (`Body` or `BodyS3Location`)",
        ));
    }
}

fn authorizer(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(kind @ ("TOKEN" | "REQUEST")) = ctx.literal(ctx.property("Type")) else {
        return;
    };
    let Some(ttl) = ctx
        .doc
        .entry(ctx.properties, "AuthorizerResultTtlInSeconds")
    else {
        return;
    };
    let Some(seconds) = literal_int(ctx, Some(ttl.value)) else {
        return;
    };
    if seconds > 3600 {
        findings.push(Finding::new(
            Rule::ApigatewayAuthorizerTtl,
            ttl.key.span,
            format!(
                "a `{kind}` authorizer caches its result for at most 3600 seconds, not {seconds}"
            ),
        ));
    }
}

fn stage(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(settings) = ctx.property("MethodSettings").and_then(|s| doc.sequence(s)) else {
        return;
    };
    for setting in settings {
        let Some(entries) = doc.mapping(*setting) else {
            continue;
        };
        if let Some(path) = doc.entry(*setting, "ResourcePath") {
            for value in ctx.values(path.value) {
                let Value::Literal { text, .. } = value else {
                    continue;
                };
                if !text.starts_with('/') && !text.contains("${") {
                    findings.push(Finding::new(
                        Rule::ApigatewayMethodSettingsPath,
                        path.key.span,
                        format!("`ResourcePath` starts with `/` (`/*` for every resource), not `{text}`"),
                    ));
                }
            }
        }
        let plain_keys = entries.iter().all(|e| {
            let key = e.key.text.as_str();
            !key.starts_with("Fn::") && !METHOD_SETTINGS.contains(&key)
        });
        if !entries.is_empty() && plain_keys {
            findings.push(Finding::new(
                Rule::ApigatewayEmptyMethodSettings,
                doc.node(*setting).span,
                "this method setting sets nothing: add `LoggingLevel`, `MetricsEnabled`, `CachingEnabled`, throttling or another setting, or remove it",
            ));
        }
    }
}
