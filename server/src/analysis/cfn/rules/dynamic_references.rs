//! Dynamic references (`{{resolve:ssm:name}}`, `{{resolve:ssm-secure:name}}`,
//! `{{resolve:secretsmanager:id:SecretString:key}}`): their structure, and
//! secrets kept out of outputs.

use awsls_grammars::{NodeId, NodeKind};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::walk::descendants;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_DYNAMIC_REFERENCE: RuleDef = RuleDef {
        code: "invalid-dynamic-reference",
        family: Family::CloudFormation,
        group: "Intrinsic functions",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E1050", "E1051"],
        fix: false,
        summary: "A malformed dynamic reference, or a secret resolved in an output",
        explanation: "CloudFormation resolves `{{resolve:service:reference}}` itself: a service other than `ssm`, `ssm-secure` and `secretsmanager`, a missing parameter or secret name, a version that is not a number, extra segments, or a Secrets Manager reference outside resource properties (where the secret would be shown) fail the stack operation.",
        example: "`'{{resolve:ssm-secure}}'` (no parameter name)",
    };

    pub const SECURE_STRING_NOT_SUPPORTED: RuleDef = RuleDef {
        code: "secure-string-not-supported",
        family: Family::CloudFormation,
        group: "Intrinsic functions",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E1027"],
        fix: false,
        summary: "An `ssm-secure` dynamic reference where CloudFormation does not resolve secure strings",
        explanation: "CloudFormation resolves `{{resolve:ssm-secure:...}}` only in the few resource properties that take a password or token (an RDS or Redshift master password, a Directory Service password, an ElastiCache auth token, an IAM user's login password and a handful more); anywhere else the stack operation fails. Use `{{resolve:secretsmanager:...}}` or a plain `ssm` reference there.",
        example: "`TopicName: '{{resolve:ssm-secure:/app/name}}'`",
    };
}

/// The properties where CloudFormation resolves `ssm-secure` references
/// (the CloudFormation User Guide, "Resources that support dynamic
/// parameter patterns for secure strings"); `*` is every item of a list.
const SECURE_STRING_PLACES: &[(&str, &[&str])] = &[
    ("AWS::DirectoryService::MicrosoftAD", &["Password"]),
    ("AWS::DirectoryService::SimpleAD", &["Password"]),
    ("AWS::ElastiCache::ReplicationGroup", &["AuthToken"]),
    ("AWS::IAM::User", &["LoginProfile", "Password"]),
    (
        "AWS::KinesisFirehose::DeliveryStream",
        &["RedshiftDestinationConfiguration", "Password"],
    ),
    ("AWS::Neptune::DBCluster", &["MasterUserPassword"]),
    ("AWS::OpsWorks::App", &["AppSource", "Password"]),
    (
        "AWS::OpsWorks::Stack",
        &["CustomCookbooksSource", "Password"],
    ),
    (
        "AWS::OpsWorks::Stack",
        &["RdsDbInstances", "*", "DbPassword"],
    ),
    ("AWS::RDS::DBCluster", &["MasterUserPassword"]),
    ("AWS::RDS::DBInstance", &["MasterUserPassword"]),
    ("AWS::Redshift::Cluster", &["MasterUserPassword"]),
];

/// The values under `properties` of a resource of `type_name` where an
/// `ssm-secure` reference is resolved.
fn secure_string_places(
    ctx: &Ctx,
    type_name: &str,
    properties: NodeId,
) -> Vec<awsls_grammars::Span> {
    let doc = ctx.doc;
    let mut places = Vec::new();
    for (_, path) in SECURE_STRING_PLACES.iter().filter(|(t, _)| *t == type_name) {
        let mut nodes = vec![properties];
        for step in path.iter() {
            nodes = nodes
                .into_iter()
                .flat_map(|n| -> Vec<NodeId> {
                    if *step == "*" {
                        doc.sequence(n).unwrap_or_default().to_vec()
                    } else {
                        doc.get(n, step).into_iter().collect()
                    }
                })
                .collect();
        }
        places.extend(nodes.into_iter().map(|n| ctx.span(n)));
    }
    places
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    // A macro may rewrite the template: what is written is not what is deployed.
    if ctx.transforms.unknown_macro() {
        return;
    }
    if !ctx.snapshot.contains("{{resolve:") {
        return;
    }
    for resource in &ctx.template.resources {
        if let Some(properties) = resource.properties {
            let type_name = resource.type_name.as_deref().unwrap_or_default();
            let secure = secure_string_places(ctx, type_name, properties);
            strings(ctx, properties, true, &secure, findings);
        }
    }
    for output in &ctx.template.outputs {
        strings(ctx, output.node, false, &[], findings);
    }
}

/// Judges the dynamic references in every string under `start`.
fn strings(
    ctx: &Ctx,
    start: NodeId,
    in_properties: bool,
    secure_places: &[awsls_grammars::Span],
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    for id in descendants(doc, start) {
        let NodeKind::Scalar(scalar) = &doc.node(id).kind else {
            continue;
        };
        if !scalar.value.contains("{{resolve:") {
            continue;
        }
        let span = ctx.span(id);
        let mut rest = scalar.value.as_str();
        while let Some(open) = rest.find("{{resolve:") {
            let after = &rest[open + 2..];
            // Unclosed: the rest is joined on by `Fn::Join`.
            let Some(close) = after.find("}}") else {
                break;
            };
            let reference = &after[..close];
            // Built with `Fn::Sub` variables: judged once substituted.
            let computed = reference.contains("${");
            if let Some(problem) = problem(reference, in_properties).filter(|_| !computed) {
                findings.push(finding(
                    Rule::InvalidDynamicReference,
                    span,
                    format!("`{{{{{reference}}}}}`: {problem}"),
                ));
            } else if reference.starts_with("resolve:ssm-secure:")
                && !secure_places
                    .iter()
                    .any(|p| p.start <= span.start && span.end <= p.end)
            {
                findings.push(finding(
                    Rule::SecureStringNotSupported,
                    span,
                    format!("`{{{{{reference}}}}}`: CloudFormation resolves `ssm-secure` references only in properties that take a password or token (such as an RDS `MasterUserPassword`); use `secretsmanager` or `ssm` here"),
                ));
            }
            rest = &after[close + 2..];
        }
    }
}

/// What is wrong with `resolve:service:...` (the text between the braces).
fn problem(reference: &str, in_properties: bool) -> Option<String> {
    let parts: Vec<&str> = reference.split(':').collect();
    let service = parts.get(1).copied().unwrap_or_default();
    let rest = parts.get(2..).unwrap_or_default();
    match service {
        "ssm" | "ssm-secure" => {
            let name = rest.first().copied().unwrap_or_default();
            if name.is_empty() {
                return Some(format!("`{service}` needs a parameter name: `{{{{resolve:{service}:name}}}}` or `{{{{resolve:{service}:name:version}}}}`"));
            }
            // A parameter may be named by its ARN, whose parts hold colons.
            let (name_parts, version) = if name == "arn" {
                (rest.len().min(6), rest.get(6))
            } else {
                (1, rest.get(1))
            };
            if let Some(version) = version {
                if version.parse::<u64>().is_err() {
                    return Some(format!("the version of an SSM parameter is a number, not `{version}`"));
                }
            }
            (rest.len() > name_parts + 1)
                .then(|| format!("`{service}` takes a parameter name and an optional version, nothing more"))
        }
        "secretsmanager" => {
            if !in_properties {
                return Some("a Secrets Manager secret can be resolved only in resource properties, where it is not shown".to_string());
            }
            let id_parts = if rest.first() == Some(&"arn") { 7 } else { 1 };
            if rest.first().is_none_or(|id| id.is_empty()) || rest.len() < id_parts {
                return Some("`secretsmanager` needs a secret ID or ARN: `{{resolve:secretsmanager:secret-id:SecretString:json-key}}`".to_string());
            }
            let after = &rest[id_parts..];
            if after.first().is_some_and(|s| !s.is_empty() && *s != "SecretString") {
                return Some(format!("the segment after the secret is `SecretString` (or empty), not `{}`", after[0]));
            }
            (after.len() > 4).then(|| "`secretsmanager` takes at most secret-id:SecretString:json-key:version-stage:version-id".to_string())
        }
        other => Some(format!("`{other}` is not a dynamic reference service: use `ssm`, `ssm-secure` or `secretsmanager`")),
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn references_are_judged_by_service() {
        assert_eq!(problem("resolve:ssm:/app/db/host", true), None);
        assert_eq!(problem("resolve:ssm:/app/db/host:3", true), None);
        assert!(problem("resolve:ssm:/app/db/host:latest", true).is_some());
        assert!(problem("resolve:ssm-secure", true).is_some());
        assert_eq!(
            problem(
                "resolve:ssm:arn:aws:ssm:us-east-1:123456789012:parameter/a",
                true
            ),
            None
        );
        assert_eq!(
            problem(
                "resolve:secretsmanager:MySecret:SecretString:password",
                true
            ),
            None
        );
        assert_eq!(
            problem("resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-a1b2c3:SecretString:password::", true),
            None
        );
        assert!(problem(
            "resolve:secretsmanager:MySecret:SecretString:password",
            false
        )
        .is_some());
        assert!(problem("resolve:secretsmanager:MySecret:Password", true).is_some());
        assert!(problem("resolve:vault:x", true).is_some());
    }
}
