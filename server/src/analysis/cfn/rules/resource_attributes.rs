//! The attributes of each resource: known names only, `Type` present and a
//! string, `DeletionPolicy`/`UpdateReplacePolicy` values, the shapes of
//! `Properties`, `DependsOn`, `Condition` and `Metadata`.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, is_special_key, with_suggestion, Ctx};
use super::walk::{shape, Shape};

/// Resource attributes CloudFormation accepts (resource attribute reference).
const ATTRIBUTES: &[&str] = &[
    "Type",
    "Properties",
    "DependsOn",
    "Condition",
    "Metadata",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "UpdatePolicy",
    "CreationPolicy",
    "Version",
];

/// Attributes only SAM resources may carry.
const SAM_ATTRIBUTES: &[&str] = &["Connectors", "IgnoreGlobals"];

const POLICIES: &[&str] = &["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"];

/// Types documented as supporting `DeletionPolicy: Snapshot`.
const SNAPSHOT_TYPES: &[&str] = &[
    "AWS::EC2::Volume",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::ServerlessCache",
    "AWS::MemoryDB::Cluster",
    "AWS::Neptune::DBCluster",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::Redshift::Cluster",
    "AWS::DocDB::DBCluster",
];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let sam = ctx.transforms.sam;
    for resource in &ctx.template.resources {
        let decl = &resource.decl;
        if is_special_key(&decl.name) || ctx.is_opaque(decl.name_span) {
            continue;
        }
        let Some(entries) = doc.mapping(decl.node) else {
            if !matches!(
                shape(doc, decl.node),
                Shape::Unknown | Shape::Intrinsic("Fn::Transform")
            ) {
                findings.push(finding(
                    Rule::InvalidAttributeValue,
                    ctx.span(decl.node),
                    format!(
                        "resource `{}` must be a mapping with at least a `Type`",
                        decl.name
                    ),
                ));
            }
            continue;
        };
        // SAM reads its own resources' attributes; its checks judge them.
        let serverless = resource
            .type_name
            .as_deref()
            .is_some_and(|t| t.starts_with("AWS::Serverless::"));
        for entry in entries.iter().filter(|_| !(sam && serverless)) {
            let key = entry.key.text.as_str();
            if key == "Fn::Transform" {
                continue;
            }
            let known = ATTRIBUTES.contains(&key) || (sam && SAM_ATTRIBUTES.contains(&key));
            if !known && SAM_ATTRIBUTES.contains(&key) {
                findings.push(finding(
                    Rule::ServerlessWithoutTransform,
                    entry.key.span,
                    format!("`{key}` is a SAM resource attribute: add `Transform: AWS::Serverless-2016-10-31` to the template or remove it"),
                ));
            } else if !known {
                let candidates = ATTRIBUTES
                    .iter()
                    .chain(if sam { SAM_ATTRIBUTES } else { &[] })
                    .copied();
                let finding = finding(Rule::UnknownResourceAttribute,
                    entry.key.span,
                    format!("`{key}` is not a resource attribute; resource settings go under `Properties`"),
                );
                findings.push(with_suggestion(finding, key, candidates));
            }
        }
        match doc.get(decl.node, "Type") {
            None => findings.push(finding(
                Rule::MissingResourceType,
                decl.name_span,
                format!(
                    "resource `{}` has no `Type`; add one such as `Type: AWS::S3::Bucket`",
                    decl.name
                ),
            )),
            Some(t) => {
                if matches!(
                    shape(doc, t),
                    Shape::Mapping | Shape::Sequence | Shape::Null
                ) {
                    findings.push(finding(
                        Rule::InvalidAttributeValue,
                        ctx.span(t),
                        "`Type` must be a resource type name such as `AWS::S3::Bucket`",
                    ));
                }
            }
        }
        for (key, need) in [
            ("Properties", Shape::Mapping),
            ("Metadata", Shape::Mapping),
            ("UpdatePolicy", Shape::Mapping),
            ("CreationPolicy", Shape::Mapping),
            ("Condition", Shape::Scalar),
        ] {
            let Some(value) = doc.get(decl.node, key) else {
                continue;
            };
            let got = shape(doc, value);
            let ok = got == need
                || matches!(got, Shape::Unknown)
                || matches!(got, Shape::Intrinsic(_))
                || (key == "Properties" && got == Shape::Null);
            if !ok {
                let what = if need == Shape::Mapping {
                    "a mapping"
                } else {
                    "a condition name"
                };
                findings.push(finding(
                    Rule::InvalidAttributeValue,
                    ctx.span(value),
                    format!("`{key}` must be {what}"),
                ));
            }
        }
        check_depends_on_shape(ctx, decl.node, findings);
        for key in ["DeletionPolicy", "UpdateReplacePolicy"] {
            let Some(value) = doc.get(decl.node, key) else {
                continue;
            };
            let Some(text) = doc.str_value(value) else {
                // `Fn::If` and `Ref` to a parameter are accepted here, with
                // the language extensions.
                if let Shape::Intrinsic(function) = shape(doc, value) {
                    if !ctx.transforms.language_extensions {
                        findings.push(finding(
                            Rule::LanguageExtensionsRequired,
                            ctx.span(value),
                            format!("`{function}` in `{key}` needs the `AWS::LanguageExtensions` transform: add `Transform: AWS::LanguageExtensions`, or write the policy itself"),
                        ));
                    } else if function == "Fn::If" {
                        // Each branch written as a literal is a policy too.
                        let branches = doc
                            .intrinsic(value)
                            .and_then(|i| doc.sequence(i.argument))
                            .map(|items| items.iter().skip(1).copied().collect::<Vec<_>>())
                            .unwrap_or_default();
                        for branch in branches {
                            let Some(text) = doc.str_value(branch) else {
                                continue;
                            };
                            if !POLICIES.contains(&text) {
                                findings.push(invalid_policy(ctx.span(branch), key, text));
                            }
                        }
                    }
                    continue;
                }
                if matches!(
                    shape(doc, value),
                    Shape::Mapping | Shape::Sequence | Shape::Null
                ) {
                    findings.push(finding(
                        Rule::InvalidDeletionPolicy,
                        ctx.span(value),
                        format!("`{key}` must be one of {}", POLICIES.join(", ")),
                    ));
                }
                continue;
            };
            if !POLICIES.contains(&text) {
                findings.push(invalid_policy(ctx.span(value), key, text));
            } else if text == "Snapshot" {
                if let Some(t) = resource.type_name.as_deref() {
                    if t.starts_with("AWS::")
                        && !t.starts_with("AWS::Serverless::")
                        && !SNAPSHOT_TYPES.contains(&t)
                    {
                        findings.push(finding(Rule::SnapshotNotSupported,
                            ctx.span(value),
                            format!("`{t}` does not document support for `{key}: Snapshot`; use `Retain` or `Delete`"),
                        ));
                    }
                }
            }
        }
    }
}

fn check_depends_on_shape(ctx: &Ctx, node: awsls_grammars::NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(value) = doc.get(node, "DependsOn") else {
        return;
    };
    let bad = |id| {
        !matches!(
            shape(doc, id),
            Shape::Scalar | Shape::Unknown | Shape::Intrinsic(_)
        )
    };
    match shape(doc, value) {
        Shape::Sequence => {
            for item in doc.sequence(value).unwrap_or_default() {
                if bad(*item) {
                    findings.push(finding(
                        Rule::InvalidAttributeValue,
                        ctx.span(*item),
                        "each `DependsOn` entry must be a resource name",
                    ));
                }
            }
        }
        _ if bad(value) => findings.push(finding(
            Rule::InvalidAttributeValue,
            ctx.span(value),
            "`DependsOn` must be a resource name or a list of resource names",
        )),
        _ => {}
    }
}

/// `text` is no deletion or update-replace policy.
fn invalid_policy(span: awsls_grammars::Span, key: &str, text: &str) -> Finding {
    let found = finding(
        Rule::InvalidDeletionPolicy,
        span,
        format!(
            "`{text}` is not a valid `{key}`; use one of {}",
            POLICIES.join(", ")
        ),
    );
    with_suggestion(found, text, POLICIES.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn unknown_attribute_suggests_the_close_one() {
        let text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    DeletionPolice: Retain\n";
        let findings = run(text);
        let f = only(&findings, "unknown-resource-attribute");
        assert_eq!(f.span, span_of(text, "DeletionPolice", 0));
        assert!(f.message.contains("did you mean `DeletionPolicy`?"));
    }

    #[test]
    fn type_is_required() {
        let text = "Resources:\n  B:\n    Properties: {}\n";
        let f = run(text);
        assert_eq!(
            only(&f, "missing-resource-type").span,
            span_of(text, "B", 0)
        );
    }

    #[test]
    fn policies_chosen_by_fn_if_are_checked_in_each_branch() {
        let text = "Transform: AWS::LanguageExtensions\nParameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: !If [Prod, Retain, Delete]\n    UpdateReplacePolicy: !If [Prod, Retain, Dlete]\n";
        let found = run(text);
        let f = only(&found, "invalid-deletion-policy");
        assert_eq!(f.span, span_of(text, "Dlete", 0));
        assert!(f.message.contains("did you mean `Delete`"), "{}", f.message);
    }

    #[test]
    fn deletion_policies_are_checked() {
        let text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retian\n    UpdateReplacePolicy: Snapshot\n";
        let findings = run(text);
        let f = only(&findings, "invalid-deletion-policy");
        assert_eq!(f.span, span_of(text, "Retian", 0));
        assert!(f.message.contains("did you mean `Retain`?"));
        let w = only(&findings, "snapshot-not-supported");
        assert_eq!(w.severity, crate::analysis::Severity::Warning);
        let ok = "Transform: AWS::LanguageExtensions\nParameters:\n  P:\n    Type: String\nResources:\n  D:\n    Type: AWS::RDS::DBInstance\n    DeletionPolicy: Snapshot\n    UpdateReplacePolicy: !Ref P\n";
        assert_clean(ok);
        let without = run(&ok.replace("Transform: AWS::LanguageExtensions\n", ""));
        let f = only(&without, "language-extensions-required");
        assert!(
            f.message.contains("`Ref` in `UpdateReplacePolicy`"),
            "{}",
            f.message
        );
    }

    #[test]
    fn attribute_shapes() {
        let text = "Conditions:\n  C: !Equals [a, b]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [x]\n    DependsOn: {A: b}\n    Condition: [C]\n";
        let findings = run(text);
        let bad: Vec<_> = findings
            .iter()
            .filter(|f| f.code() == "invalid-attribute-value")
            .collect();
        assert_eq!(bad.len(), 3, "{findings:#?}");
    }
}
