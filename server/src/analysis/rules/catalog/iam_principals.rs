//! IAM rules about principals.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

pub const IAM_TRUST_ACTION: RuleDef = RuleDef {
    code: "iam-trust-action",
    family: Family::Iam,
    group: "Principals",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A trust policy action that is not an `sts:` action, or a `Federated` principal with `sts:AssumeRole` instead of `sts:AssumeRoleWithWebIdentity`/`sts:AssumeRoleWithSAML`",
    explanation: "A trust policy action that is not an `sts:` action, or a `Federated` principal with `sts:AssumeRole` instead of `sts:AssumeRoleWithWebIdentity`/`sts:AssumeRoleWithSAML`. IAM rejects a malformed principal, and a principal broader than meant opens the resource to others.",
    example: "`Principal: {Federated: cognito-identity.amazonaws.com}`, `Action: sts:AssumeRole`.",
};

pub const IAM_INVALID_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-invalid-principal",
    family: Family::Iam,
    group: "Principals",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A principal that is not `*`, or a mapping of AWS/Service/Federated/CanonicalUser, or an AWS principal that is not `*`, an account ID or an ARN",
    explanation: "A principal that is not `*`, or a mapping of AWS/Service/Federated/CanonicalUser, or an AWS principal that is not `*`, an account ID or an ARN. IAM rejects a malformed principal, and a principal broader than meant opens the resource to others.",
    example: "`Principal: {Aws: \"123456789012\"}`.",
};

pub const IAM_INVALID_SERVICE_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-invalid-service-principal",
    family: Family::Iam,
    group: "Principals",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A service principal not of the form `name.amazonaws.com`",
    explanation: "A service principal not of the form `name.amazonaws.com`. IAM rejects a malformed principal, and a principal broader than meant opens the resource to others.",
    example: "`Service: lambda`.",
};
