//! S3 buckets granting access with the legacy `AccessControl` canned ACL
//! rather than a bucket policy.

use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const S3_LEGACY_ACCESS_CONTROL: RuleDef = RuleDef {
        code: "s3-legacy-access-control",
        family: Family::CloudFormation,
        group: "S3",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3045"],
        fix: false,
        summary: "A bucket whose access is set with the legacy `AccessControl` ACL",
        explanation: "Canned ACLs are a legacy way of granting access to a bucket: AWS recommends keeping ACLs disabled and granting access with an `AWS::S3::BucketPolicy`, which can be read, audited and scoped far more precisely.",
        example: "`AccessControl: LogDeliveryWrite` on an `AWS::S3::Bucket`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::S3::Bucket"],
    check: bucket,
}];

fn bucket(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(span) = ctx.key_span(ctx.properties, "AccessControl") else {
        return;
    };
    findings.push(Finding::new(
        Rule::S3LegacyAccessControl,
        span,
        "`AccessControl` is a legacy canned ACL: grant access to the bucket with an `AWS::S3::BucketPolicy` instead",
    ));
}
