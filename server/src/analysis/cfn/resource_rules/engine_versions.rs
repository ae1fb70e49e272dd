//! Database engines and engine versions that RDS and ElastiCache do not offer, and RDS engine versions that are deprecated.

use awsls_grammars::Span;

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::{suggest, Finding};
use crate::schema::region_values::{self, Values};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_ENGINE_VERSION: RuleDef = RuleDef {
        code: "invalid-engine-version",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3690", "E3691", "E3695"],
        fix: false,
        summary: "An RDS or ElastiCache engine, or engine version, that the service does not offer",
        explanation: "RDS DB instances and clusters and ElastiCache clusters take an `Engine` from a fixed set, and an `EngineVersion` among those the engine currently offers: an unknown engine or a retired or misspelt version makes the resource fail to create. A major version alone (`8.0`) is accepted when the engine offers minor versions of it. The lists are those cfn-lint 1.58.0 ships.",
        example: "`Engine: aurora-mysql` with `EngineVersion: 5.6.10a` on an `AWS::RDS::DBCluster`",
    };

    pub const DEPRECATED_ENGINE_VERSION: RuleDef = RuleDef {
        code: "deprecated-engine-version",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3690", "W3691"],
        fix: false,
        summary: "An RDS engine version that is deprecated",
        explanation: "RDS stops offering engine versions as they reach the end of standard support: a deprecated version can no longer be used to create a DB instance or cluster, so the stack works where it exists and fails where it is created anew. Move to a supported version of the engine.",
        example: "`Engine: mysql` with `EngineVersion: 8.0.36` on an `AWS::RDS::DBInstance`",
    };
}

/// The engine data of each resource type: the versions offered, and those
/// deprecated (when the data lists them).
const SITES: &[(&str, &str, Option<&str>)] = &[
    (
        "AWS::RDS::DBCluster",
        "aws_rds_dbcluster/engine_version",
        Some("aws_rds_dbcluster/engine_version_deprecated"),
    ),
    (
        "AWS::RDS::DBInstance",
        "aws_rds_dbinstance/engine_version",
        Some("aws_rds_dbinstance/engine_version_deprecated"),
    ),
    (
        "AWS::ElastiCache::CacheCluster",
        "aws_elasticache_cachecluster/engine_version",
        None,
    ),
];

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &[
        "AWS::RDS::DBCluster",
        "AWS::RDS::DBInstance",
        "AWS::ElastiCache::CacheCluster",
    ],
    check: engine_versions,
}];

fn engine_versions(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(type_name) = ctx.resource.type_name.as_deref() else {
        return;
    };
    let Some((_, set, deprecated)) = SITES.iter().find(|(t, _, _)| *t == type_name) else {
        return;
    };
    let Some(data) = region_values::engines(set) else {
        return;
    };
    let Some(engine_node) = ctx.property("Engine") else {
        return;
    };
    // Engines are compared without regard to case, as RDS does.
    let known = data.engines();
    if let Some(known) = known {
        for value in ctx.values(engine_node) {
            if let Value::Literal { text, span, .. } = value {
                if lookup(known, text).is_none() {
                    report_engine(text, span, known, type_name, findings);
                }
            }
        }
    }
    let Some(engine) = ctx.literal(Some(engine_node)) else {
        return;
    };
    let engine = match known {
        Some(known) => match lookup(known, engine) {
            Some(name) => name,
            None => return,
        },
        None => engine,
    };
    let Some(versions) = data.versions(engine) else {
        return;
    };
    let Some(version_node) = ctx.property("EngineVersion") else {
        return;
    };
    let retired = deprecated
        .and_then(region_values::engines)
        .and_then(|d| d.versions(engine));
    for value in ctx.values(version_node) {
        let Value::Literal { text, span, .. } = value else {
            continue;
        };
        let text = text.trim();
        if retired.is_some_and(|r| r.contains(text)) {
            findings.push(Finding::new(
                Rule::DeprecatedEngineVersion,
                ctx.anchor(),
                format!("{engine} {text} is deprecated: RDS no longer creates databases with it; choose a supported version"),
            ));
        } else if !offered(versions, text) {
            let mut message =
                format!("`{text}` is not a version of {engine} that {type_name} offers");
            message.push_str(&suggest::did_you_mean(text, versions.iter()));
            findings.push(Finding::new(Rule::InvalidEngineVersion, span, message));
        }
    }
}

/// The engine's name as the data writes it, matched without regard to case.
fn lookup(known: Values, text: &str) -> Option<&'static str> {
    known.iter().find(|e| e.eq_ignore_ascii_case(text.trim()))
}

/// Whether `version` is offered: listed, or a major version whose minor
/// versions are listed (`8.0` with `8.0.36`).
fn offered(versions: Values, version: &str) -> bool {
    versions.contains(version)
        || versions.iter().any(|v| {
            v.strip_prefix(version)
                .is_some_and(|rest| rest.starts_with('.'))
        })
}

fn report_engine(
    text: &str,
    span: Span,
    known: Values,
    type_name: &str,
    findings: &mut Vec<Finding>,
) {
    let mut message = format!("`{text}` is not an engine of {type_name}");
    message.push_str(&suggest::did_you_mean(text, known.iter()));
    findings.push(Finding::new(Rule::InvalidEngineVersion, span, message));
}

#[cfg(test)]
mod tests {
    use crate::analysis::rules::Rule;
    use crate::analysis::{diagnostics, Snapshot};

    fn codes(yaml: &str) -> Vec<Rule> {
        diagnostics(&Snapshot::from_text("t.yaml", yaml))
            .into_iter()
            .map(|f| f.rule)
            .filter(|r| {
                matches!(
                    r,
                    Rule::InvalidEngineVersion | Rule::DeprecatedEngineVersion
                )
            })
            .collect()
    }

    fn instance(engine: &str, version: &str) -> String {
        format!("Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: {engine}\n      EngineVersion: '{version}'\n      DBInstanceClass: db.t3.micro\n")
    }

    #[test]
    fn engines_are_matched_without_regard_to_case() {
        assert_eq!(
            codes(&instance("MySQL", "9.9.9")),
            [Rule::InvalidEngineVersion]
        );
        assert_eq!(
            codes(&instance("MySQL", "8.0.36")),
            [Rule::DeprecatedEngineVersion]
        );
    }

    #[test]
    fn a_major_version_with_listed_minors_is_offered() {
        assert!(codes(&instance("mysql", "8.0")).is_empty());
        assert_eq!(
            codes(&instance("mysql", "8.1")),
            [Rule::InvalidEngineVersion]
        );
    }

    #[test]
    fn computed_engines_are_left_alone() {
        assert!(codes(&instance("!Ref Engine", "9.9.9")).is_empty());
    }
}
