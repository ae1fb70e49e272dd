//! IAM rules about the policy grammar.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Policy grammar" share.
const IAM_POLICY_GRAMMAR: RuleDef = RuleDef::base(Family::Iam, "Policy grammar");

pub const IAM_INVALID_POLICY: RuleDef = RuleDef {
    code: "iam-invalid-policy",
    cfn_lint: &["E3510", "E3512", "E3530"],
    summary: "The document is not a mapping",
    explanation: "The document is not a mapping. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`PolicyDocument: [a, b]`.",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_UNKNOWN_POLICY_KEY: RuleDef = RuleDef {
    code: "iam-unknown-policy-key",
    cfn_lint: &["E3510", "E3512", "E3530"],
    summary: "A top-level key other than Version, Id, Statement",
    explanation: "A top-level key other than Version, Id, Statement. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`Statements: [...]`.",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_MISSING_VERSION: RuleDef = RuleDef {
    code: "iam-missing-version",
    severity: Severity::Info,
    severity_note: Some("info; warning when the policy uses policy variables"),
    summary: "No `Version`, so the document is read as 2008-10-17",
    explanation: "No `Version`, so the document is read as 2008-10-17. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`{\"Statement\": [...]}`.",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_OLD_VERSION: RuleDef = RuleDef {
    code: "iam-old-version",
    severity: Severity::Warning,
    cfn_lint: &["W2511"],
    summary: "`Version: 2008-10-17`, which lacks policy variables",
    explanation: "`Version: 2008-10-17`, which lacks policy variables. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_INVALID_VERSION: RuleDef = RuleDef {
    code: "iam-invalid-version",
    cfn_lint: &["E3510", "E3512", "E3530"],
    fix: true,
    summary: "A `Version` other than `2012-10-17` or `2008-10-17`",
    explanation: "Any other version. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`Version: 2012-10-18` (fix: `2012-10-17`).",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_MISSING_STATEMENT: RuleDef = RuleDef {
    code: "iam-missing-statement",
    cfn_lint: &["E3510", "E3512", "E3530"],
    summary: "A policy without `Statement`",
    explanation: "No `Statement`. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_INVALID_STATEMENT: RuleDef = RuleDef {
    code: "iam-invalid-statement",
    cfn_lint: &["E3510", "E3512", "E3530"],
    summary: "A statement that is not a mapping",
    explanation: "A statement that is not a mapping. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`Statement: [Allow]`.",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_DUPLICATE_SID: RuleDef = RuleDef {
    code: "iam-duplicate-sid",
    severity_note: Some("error in identity-based policies, warning elsewhere"),
    cfn_lint: &["E3510", "E3512"],
    summary: "Two statements with the same `Sid`",
    explanation: "Two statements with the same `Sid`. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_INVALID_SID: RuleDef = RuleDef {
    code: "iam-invalid-sid",
    severity: Severity::Warning,
    cfn_lint: &["E3510"],
    summary: "A `Sid` with other than letters and digits in an identity-based policy",
    explanation: "A `Sid` with other than letters and digits in an identity-based policy. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`Sid: read-only`.",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_UNKNOWN_STATEMENT_KEY: RuleDef = RuleDef {
    code: "iam-unknown-statement-key",
    cfn_lint: &["E3510", "E3512", "E3530"],
    fix: true,
    summary: "A statement key that is not an element",
    explanation: "A statement key that is not an element. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`Actions: s3:GetObject` (did you mean `Action`).",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_MISSING_EFFECT: RuleDef = RuleDef {
    code: "iam-missing-effect",
    cfn_lint: &["E3510", "E3512", "E3530"],
    summary: "A statement without `Effect`",
    explanation: "No `Effect`. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_INVALID_EFFECT: RuleDef = RuleDef {
    code: "iam-invalid-effect",
    cfn_lint: &["E3510", "E3512", "E3530"],
    fix: true,
    summary: "`Effect` other than `Allow`/`Deny`",
    explanation: "`Effect` other than `Allow`/`Deny`. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`Effect: allow` (fix: `Allow`).",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_CONFLICTING_ELEMENTS: RuleDef = RuleDef {
    code: "iam-conflicting-elements",
    cfn_lint: &["E3510", "E3512", "E3530"],
    summary: "Both `Action` and `NotAction`",
    explanation: "Both `Action` and `NotAction` (or `Resource`/`NotResource`, `Principal`/`NotPrincipal`). IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_MISSING_ACTION: RuleDef = RuleDef {
    code: "iam-missing-action",
    cfn_lint: &["E3510", "E3512", "E3530"],
    summary: "No `Action` or `NotAction`",
    explanation: "No `Action` or `NotAction`. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_MISSING_RESOURCE: RuleDef = RuleDef {
    code: "iam-missing-resource",
    cfn_lint: &["E3510", "E3512"],
    summary: "No `Resource` or `NotResource` outside a trust policy",
    explanation: "No `Resource` or `NotResource` outside a trust policy. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "an identity policy statement with only `Effect` and `Action`.",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_RESOURCE_NOT_ALLOWED: RuleDef = RuleDef {
    code: "iam-resource-not-allowed",
    cfn_lint: &["E3530"],
    summary: "`Resource` in a role trust policy",
    explanation: "`Resource` in a role trust policy. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_PRINCIPAL_NOT_ALLOWED: RuleDef = RuleDef {
    code: "iam-principal-not-allowed",
    cfn_lint: &["E3510"],
    summary: "`Principal` in an identity-based policy",
    explanation: "`Principal` in an identity-based policy. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_MISSING_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-missing-principal",
    cfn_lint: &["E3512"],
    summary: "No `Principal` in a resource-based or trust policy",
    explanation: "No `Principal` in a resource-based or trust policy. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "a bucket policy statement without `Principal`.",
    ..IAM_POLICY_GRAMMAR
};

pub const IAM_INVALID_VALUE: RuleDef = RuleDef {
    code: "iam-invalid-value",
    cfn_lint: &["E3510", "E3512", "E3530"],
    summary: "An action or resource that is not a string",
    explanation: "An action or resource that is not a string. IAM rejects a malformed policy document (MalformedPolicyDocument); a stack that embeds it fails when the policy is created.",
    example: "`Action: {s3: GetObject}`.",
    ..IAM_POLICY_GRAMMAR
};
