//! API Gateway REST APIs: a name, unless an OpenAPI definition gives one.

use super::props::absent;
use super::{ResourceCtx, ResourceRule};
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
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::ApiGateway::RestApi"],
    check: rest_api,
}];

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
