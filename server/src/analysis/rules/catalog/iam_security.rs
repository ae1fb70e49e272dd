//! IAM security rules: valid policies that grant more than they likely should.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Security" share.
const IAM_SECURITY: RuleDef = RuleDef::base(Family::Iam, "Security");

pub const IAM_ALLOW_ALL: RuleDef = RuleDef {
    code: "iam-allow-all",
    severity: Severity::Warning,
    summary: "`Action: *` on `Resource: *` in an `Allow` statement",
    explanation: "`Action: \"*\"` on `Resource: \"*\"` in a statement without Principal (full administrator). The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
    ..IAM_SECURITY
};

pub const IAM_SERVICE_ADMIN: RuleDef = RuleDef {
    code: "iam-service-admin",
    severity: Severity::Warning,
    summary: "`service:*` on `Resource: *`",
    explanation: "`service:*` on `Resource: \"*\"` in an identity-based statement. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "`Action: \"dynamodb:*\"`, `Resource: \"*\"`.",
    ..IAM_SECURITY
};

pub const IAM_PASSROLE_WILDCARD: RuleDef = RuleDef {
    code: "iam-passrole-wildcard",
    severity: Severity::Warning,
    summary: "`iam:PassRole` on `Resource: *`",
    explanation: "`iam:PassRole` (or a wildcard matching it) on `Resource: \"*\"`. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
    ..IAM_SECURITY
};

pub const IAM_ALLOW_NOTACTION: RuleDef = RuleDef {
    code: "iam-allow-notaction",
    severity: Severity::Warning,
    summary: "`Allow` with `NotAction`",
    explanation: "`Allow` with `NotAction`. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
    ..IAM_SECURITY
};

pub const IAM_ALLOW_NOTRESOURCE: RuleDef = RuleDef {
    code: "iam-allow-notresource",
    severity: Severity::Warning,
    summary: "`Allow` with `NotResource`",
    explanation: "`Allow` with `NotResource`. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
    ..IAM_SECURITY
};

pub const IAM_ALLOW_NOTPRINCIPAL: RuleDef = RuleDef {
    code: "iam-allow-notprincipal",
    severity: Severity::Warning,
    summary: "`Allow` with `NotPrincipal`",
    explanation: "`Allow` with `NotPrincipal`. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
    ..IAM_SECURITY
};

pub const IAM_PUBLIC_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-public-principal",
    severity: Severity::Warning,
    summary: "`Principal: *` (anyone) without a narrowing condition",
    explanation: "`Principal: \"*\"` (or `AWS: \"*\"`) without a Condition in a resource-based policy. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
    ..IAM_SECURITY
};

pub const IAM_TRUST_ANY_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-trust-any-principal",
    severity: Severity::Warning,
    summary: "`sts:AssumeRole` allowed to `AWS",
    explanation: "`sts:AssumeRole` allowed to `AWS: \"*\"` without a Condition. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
    ..IAM_SECURITY
};
