//! DynamoDB tables: key schemas against the attribute definitions, and the
//! billing mode against provisioned throughput.

use awsls_grammars::{NodeId, Span};

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const DYNAMODB_UNDEFINED_KEY_ATTRIBUTE: RuleDef = RuleDef {
        code: "dynamodb-undefined-key-attribute",
        family: Family::CloudFormation,
        group: "DynamoDB",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3039"],
        fix: false,
        summary: "A key schema names an attribute that `AttributeDefinitions` does not define",
        explanation: "Every attribute named in the key schema of a table or of one of its secondary indexes must be declared in `AttributeDefinitions` with its type. DynamoDB rejects the table (\"Some index key attributes are not defined in AttributeDefinitions\") and the stack fails when it creates it.",
        example: "`KeySchema: [{AttributeName: sk, KeyType: RANGE}]` with no `sk` in `AttributeDefinitions`",
    };

    pub const DYNAMODB_UNUSED_ATTRIBUTE_DEFINITION: RuleDef = RuleDef {
        code: "dynamodb-unused-attribute-definition",
        family: Family::CloudFormation,
        group: "DynamoDB",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3039"],
        fix: false,
        summary: "An attribute definition that no key schema uses",
        explanation: "`AttributeDefinitions` declares only key attributes: those of the table's key schema and of its secondary indexes' key schemas. Other attributes need no declaration, and DynamoDB rejects a table that defines one no key uses (the numbers of attributes in the key schemas and in the definitions must match), so the stack fails when it creates the table.",
        example: "`AttributeDefinitions: [{AttributeName: email, AttributeType: S}]` with `email` in no key schema",
    };

    pub const DYNAMODB_ON_DEMAND_THROUGHPUT: RuleDef = RuleDef {
        code: "dynamodb-on-demand-throughput",
        family: Family::CloudFormation,
        group: "DynamoDB",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3638"],
        fix: false,
        summary: "Provisioned capacity on a table billed on demand (`PAY_PER_REQUEST`)",
        explanation: "A table with `BillingMode: PAY_PER_REQUEST` is billed per request and has no provisioned capacity: DynamoDB rejects read or write capacity units other than 0 on it, so the stack fails when it creates or updates the table.",
        example: "`BillingMode: PAY_PER_REQUEST` with `ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}`",
    };

    pub const DYNAMODB_MISSING_THROUGHPUT: RuleDef = RuleDef {
        code: "dynamodb-missing-throughput",
        family: Family::CloudFormation,
        group: "DynamoDB",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3639"],
        fix: false,
        summary: "A provisioned table (the default billing mode) or one of its global secondary indexes without `ProvisionedThroughput`",
        explanation: "A table whose `BillingMode` is `PROVISIONED`, which is the default when it is not set, needs its read and write capacity in `ProvisionedThroughput`, and so does each of its global secondary indexes. DynamoDB rejects the table without them; set the capacity, or `BillingMode: PAY_PER_REQUEST`.",
        example: "an `AWS::DynamoDB::Table` with neither `BillingMode` nor `ProvisionedThroughput`",
    };
}

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: &["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"],
        check: key_attributes,
    },
    ResourceRule {
        types: &["AWS::DynamoDB::Table"],
        check: billing,
    },
];

/// An attribute name written in the template, and where.
struct Name<'a> {
    text: &'a str,
    span: Span,
}

/// The literal `AttributeName`s of the items of a list; `None` when the
/// list, an item or a name is not written literally.
fn names<'a>(ctx: &ResourceCtx<'a>, list: NodeId) -> Option<Vec<Name<'a>>> {
    let items = ctx.doc.sequence(list)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        ctx.doc.mapping(*item)?;
        let node = ctx.doc.get(*item, "AttributeName")?;
        let text = ctx.literal(Some(node))?;
        out.push(Name {
            text,
            span: ctx.doc.node(node).span,
        });
    }
    Some(out)
}

/// The key attribute names of the table and of its indexes; `None` when
/// any of them is not written literally.
fn key_names<'a>(ctx: &ResourceCtx<'a>) -> Option<Vec<Name<'a>>> {
    let mut keys = names(ctx, ctx.property("KeySchema")?)?;
    for indexes in ["GlobalSecondaryIndexes", "LocalSecondaryIndexes"] {
        let Some(list) = ctx.property(indexes) else {
            continue;
        };
        for index in ctx.doc.sequence(list)? {
            ctx.doc.mapping(*index)?;
            keys.extend(names(ctx, ctx.doc.get(*index, "KeySchema")?)?);
        }
    }
    Some(keys)
}

fn key_attributes(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(definitions) = ctx
        .property("AttributeDefinitions")
        .and_then(|list| names(ctx, list))
    else {
        return;
    };
    let Some(keys) = key_names(ctx) else {
        return;
    };
    for key in &keys {
        if !definitions.iter().any(|d| d.text == key.text) {
            findings.push(Finding::new(
                Rule::DynamodbUndefinedKeyAttribute,
                key.span,
                format!(
                    "key attribute `{}` is not defined in `AttributeDefinitions`",
                    key.text
                ),
            ));
        }
    }
    for definition in &definitions {
        if !keys.iter().any(|k| k.text == definition.text) {
            findings.push(Finding::new(
                Rule::DynamodbUnusedAttributeDefinition,
                definition.span,
                format!(
                    "attribute `{}` is defined but used by no key schema of the table or its indexes: `AttributeDefinitions` declares only key attributes",
                    definition.text
                ),
            ));
        }
    }
}

/// The mappings `node` may be, branch by branch.
fn mappings(ctx: &ResourceCtx, node: NodeId) -> Vec<NodeId> {
    ctx.values(node)
        .into_iter()
        .filter_map(|v| match v {
            Value::Other { node, .. } if ctx.doc.mapping(node).is_some() => Some(node),
            _ => None,
        })
        .collect()
}

fn billing(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let mode = match ctx.property("BillingMode") {
        None => Some("PROVISIONED"),
        node => ctx.literal(node),
    };
    match mode {
        Some("PAY_PER_REQUEST") => {
            let Some(throughput) = ctx.property("ProvisionedThroughput") else {
                return;
            };
            for throughput in mappings(ctx, throughput) {
                for name in ["ReadCapacityUnits", "WriteCapacityUnits"] {
                    let Some(units) = ctx.doc.get(throughput, name) else {
                        continue;
                    };
                    for value in ctx.values(units) {
                        let Value::Literal { text, span, .. } = value else {
                            continue;
                        };
                        if text.trim().parse::<f64>().is_ok_and(|n| n != 0.0) {
                            findings.push(Finding::new(
                                Rule::DynamodbOnDemandThroughput,
                                span,
                                format!("`{name}` must be 0 (or `ProvisionedThroughput` left out) on a table whose `BillingMode` is `PAY_PER_REQUEST`"),
                            ));
                        }
                    }
                }
            }
        }
        Some("PROVISIONED") => {
            let at = ctx
                .key_span(ctx.properties, "BillingMode")
                .unwrap_or_else(|| ctx.anchor());
            if ctx.property("ProvisionedThroughput").is_none() {
                findings.push(Finding::new(
                    Rule::DynamodbMissingThroughput,
                    at,
                    "a table with provisioned billing (`BillingMode: PROVISIONED`, the default) needs `ProvisionedThroughput`; or set `BillingMode: PAY_PER_REQUEST`",
                ));
            }
            let indexes = ctx
                .property("GlobalSecondaryIndexes")
                .and_then(|l| ctx.doc.sequence(l))
                .unwrap_or(&[]);
            for index in indexes {
                if ctx.doc.mapping(*index).is_none()
                    || ctx.doc.get(*index, "ProvisionedThroughput").is_some()
                {
                    continue;
                }
                let name = ctx.literal(ctx.doc.get(*index, "IndexName"));
                let span = ctx
                    .doc
                    .entry(*index, "IndexName")
                    .map(|e| e.key.span)
                    .unwrap_or_else(|| ctx.doc.node(*index).span);
                findings.push(
                    Finding::new(
                        Rule::DynamodbMissingThroughput,
                        span,
                        format!(
                            "global secondary index {}of a table with provisioned billing needs `ProvisionedThroughput`",
                            name.map(|n| format!("`{n}` ")).unwrap_or_default()
                        ),
                    )
                    .with_related(at, "provisioned billing"),
                );
            }
        }
        _ => {}
    }
}
