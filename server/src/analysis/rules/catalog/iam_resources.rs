//! IAM rules about resources and ARNs.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Resources" share.
const IAM_RESOURCES: RuleDef = RuleDef::base(Family::Iam, "Resources");

pub const IAM_INVALID_ARN: RuleDef = RuleDef {
    code: "iam-invalid-arn",
    cfn_lint: &["E3510", "E3514"],
    summary: "A resource that is not `*` or an `arn:partition:service:region:account:resource` with a real partition, a region name and a 12-digit account",
    explanation: "A resource that is not `*` or an `arn:partition:service:region:account:resource`. A resource that does not fit the actions never matches: the statement silently allows or denies less than meant.",
    example: "`Resource: my-bucket/*`. Policy variables (`${aws:username}`) and `!Sub` variables are allowed; placeholders such as `<bucket-arn>` are skipped.",
    ..IAM_RESOURCES
};

pub const IAM_RESOURCE_MISMATCH: RuleDef = RuleDef {
    code: "iam-resource-mismatch",
    severity: Severity::Warning,
    summary: "None of the statement's actions applies to the resource the ARN names, or an action written out applies to none of its resources",
    explanation: "None of the statement's actions applies to the resource the ARN names (checked only when every action is known exactly and the ARN has no `<...>`/`[...]` placeholders). A resource that does not fit the actions never matches: the statement silently allows or denies less than meant.",
    example: "`Action: s3:GetObject` with `Resource: arn:aws:sqs:us-east-1:123456789012:q`.",
    ..IAM_RESOURCES
};

pub const IAM_INVALID_MANAGED_POLICY_ARN: RuleDef = RuleDef {
    code: "iam-invalid-managed-policy-arn",
    summary: "A `ManagedPolicyArns` or `PermissionsBoundary` value that is not an IAM policy ARN",
    explanation: "A `ManagedPolicyArns` or `PermissionsBoundary` value that is not an IAM policy ARN. A resource that does not fit the actions never matches: the statement silently allows or denies less than meant.",
    example: "`ManagedPolicyArns: [AdministratorAccess]`.",
    ..IAM_RESOURCES
};
