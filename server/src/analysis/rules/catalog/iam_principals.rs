//! IAM rules about principals.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Principals" share.
const IAM_PRINCIPALS: RuleDef = RuleDef::base(Family::Iam, "Principals");

pub const IAM_TRUST_ACTION: RuleDef = RuleDef {
    code: "iam-trust-action",
    severity: Severity::Warning,
    summary: "A trust policy action that is not an `sts:` action, or a `Federated` principal with `sts:AssumeRole` instead of `sts:AssumeRoleWithWebIdentity`/`sts:AssumeRoleWithSAML`",
    explanation: "A trust policy action that is not an `sts:` action, or a `Federated` principal with `sts:AssumeRole` instead of `sts:AssumeRoleWithWebIdentity`/`sts:AssumeRoleWithSAML`. IAM rejects a malformed principal, and a principal broader than meant opens the resource to others.",
    example: "`Principal: {Federated: cognito-identity.amazonaws.com}`, `Action: sts:AssumeRole`.",
    ..IAM_PRINCIPALS
};

pub const IAM_INVALID_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-invalid-principal",
    summary: "A principal that is not `*`, or a mapping of AWS/Service/Federated/CanonicalUser, or an AWS principal that is not `*`, an account ID or an ARN",
    explanation: "A principal that is not `*`, or a mapping of AWS/Service/Federated/CanonicalUser, or an AWS principal that is not `*`, an account ID or an ARN. IAM rejects a malformed principal, and a principal broader than meant opens the resource to others.",
    example: "`Principal: {Aws: \"123456789012\"}`.",
    ..IAM_PRINCIPALS
};

pub const IAM_INVALID_SERVICE_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-invalid-service-principal",
    severity: Severity::Warning,
    summary: "A service principal not of the form `name.amazonaws.com`",
    explanation: "A service principal not of the form `name.amazonaws.com`. IAM rejects a malformed principal, and a principal broader than meant opens the resource to others.",
    example: "`Service: lambda`.",
    ..IAM_PRINCIPALS
};
