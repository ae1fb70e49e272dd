//! S3 buckets: canned ACLs against object ownership, and the days of
//! Intelligent-Tiering archive tiers.

use awsls_grammars::NodeId;

use super::props::absent;
use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const S3_ACL_WITHOUT_OWNERSHIP: RuleDef = RuleDef {
        code: "s3-acl-without-ownership",
        family: Family::CloudFormation,
        group: "S3",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3045"],
        fix: false,
        summary: "A canned ACL on a bucket whose ACLs are disabled",
        explanation: "New buckets have ACLs disabled (object ownership `BucketOwnerEnforced`) unless `OwnershipControls` says otherwise, and S3 then rejects any `AccessControl` other than `Private` or `BucketOwnerFullControl` (\"Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting\"), so the bucket fails to create. Add an `OwnershipControls` rule with `ObjectWriter` or `BucketOwnerPreferred`, or grant access with a bucket policy instead.",
        example: "`AccessControl: LogDeliveryWrite` without `OwnershipControls`",
    };

    pub const S3_TIERING_DAYS: RuleDef = RuleDef {
        code: "s3-tiering-days",
        family: Family::CloudFormation,
        group: "S3",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3061"],
        fix: false,
        summary: "Intelligent-Tiering archive days out of range",
        explanation: "S3 Intelligent-Tiering moves objects to `ARCHIVE_ACCESS` after 90 to 730 days without access and to `DEEP_ARCHIVE_ACCESS` after 180 to 730 days; S3 rejects a configuration with other `Days`, so the bucket fails to create or update.",
        example: "`AccessTier: ARCHIVE_ACCESS` with `Days: 30`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::S3::Bucket"],
    check: bucket,
}];

/// Canned ACLs S3 accepts on a bucket whose ACLs are disabled.
const ACCEPTED_WITHOUT_ACLS: &[&str] = &["Private", "BucketOwnerFullControl"];

fn bucket(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    if let Some(acl) = ctx.property("AccessControl") {
        check_acl(ctx, acl, findings);
    }
    check_tierings(ctx, findings);
}

fn check_acl(ctx: &ResourceCtx, acl: NodeId, findings: &mut Vec<Finding>) {
    if !acls_disabled(ctx) {
        return;
    }
    for value in ctx.values(acl) {
        let Value::Literal { text, span, .. } = value else {
            continue;
        };
        if ACCEPTED_WITHOUT_ACLS.contains(&text) {
            continue;
        }
        let mut finding = Finding::new(
            Rule::S3AclWithoutOwnership,
            span,
            format!("`AccessControl: {text}` is rejected on a bucket whose ACLs are disabled (object ownership `BucketOwnerEnforced`, the default): set `OwnershipControls` to `ObjectWriter` or `BucketOwnerPreferred`"),
        );
        if let Some(key) = ctx.key_span(ctx.properties, "OwnershipControls") {
            finding = finding.with_related(key, "the ownership controls");
        }
        findings.push(finding);
    }
}

/// Whether the bucket certainly has ACLs disabled: no `OwnershipControls`,
/// or only rules that say `BucketOwnerEnforced`.
fn acls_disabled(ctx: &ResourceCtx) -> bool {
    let doc = ctx.doc;
    if absent(ctx, ctx.properties, "OwnershipControls") {
        return true;
    }
    let Some(rules) = ctx
        .property("OwnershipControls")
        .and_then(|c| doc.mapping(c).map(|_| c))
        .and_then(|c| doc.get(c, "Rules"))
        .and_then(|r| doc.sequence(r))
    else {
        return false;
    };
    !rules.is_empty()
        && rules.iter().all(|rule| {
            doc.mapping(*rule).is_some()
                && ctx.literal(doc.get(*rule, "ObjectOwnership")) == Some("BucketOwnerEnforced")
        })
}

/// The days each archive tier accepts.
fn day_bounds(tier: &str) -> Option<(i64, i64)> {
    match tier {
        "ARCHIVE_ACCESS" => Some((90, 730)),
        "DEEP_ARCHIVE_ACCESS" => Some((180, 730)),
        _ => None,
    }
}

fn check_tierings(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(configs) = ctx
        .property("IntelligentTieringConfigurations")
        .and_then(|c| doc.sequence(c))
    else {
        return;
    };
    for config in configs {
        let Some(tierings) = doc
            .mapping(*config)
            .and_then(|_| doc.get(*config, "Tierings"))
            .and_then(|t| doc.sequence(t))
        else {
            continue;
        };
        for tiering in tierings {
            if doc.mapping(*tiering).is_none() {
                continue;
            }
            let Some(tier) = ctx.literal(doc.get(*tiering, "AccessTier")) else {
                continue;
            };
            let Some((min, max)) = day_bounds(tier) else {
                continue;
            };
            let Some(days) = doc.get(*tiering, "Days") else {
                continue;
            };
            for value in ctx.values(days) {
                let Value::Literal { text, span, .. } = value else {
                    continue;
                };
                let Ok(n) = text.trim().parse::<i64>() else {
                    continue;
                };
                if n < min || n > max {
                    findings.push(Finding::new(
                        Rule::S3TieringDays,
                        span,
                        format!("`{tier}` takes {min} to {max} days, not {n}"),
                    ));
                }
            }
        }
    }
}
