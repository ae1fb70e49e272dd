//! IAM security rules: valid policies that grant more than they likely should.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

pub const IAM_ALLOW_ALL: RuleDef = RuleDef {
    code: "iam-allow-all",
    family: Family::Iam,
    group: "Security",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`Action",
    explanation: "`Action: \"*\"` on `Resource: \"*\"` in a statement without Principal (full administrator). The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
};

pub const IAM_SERVICE_ADMIN: RuleDef = RuleDef {
    code: "iam-service-admin",
    family: Family::Iam,
    group: "Security",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`service:*` on `Resource",
    explanation: "`service:*` on `Resource: \"*\"` in an identity-based statement. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "`Action: \"dynamodb:*\"`, `Resource: \"*\"`.",
};

pub const IAM_PASSROLE_WILDCARD: RuleDef = RuleDef {
    code: "iam-passrole-wildcard",
    family: Family::Iam,
    group: "Security",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`iam:PassRole`",
    explanation: "`iam:PassRole` (or a wildcard matching it) on `Resource: \"*\"`. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
};

pub const IAM_ALLOW_NOTACTION: RuleDef = RuleDef {
    code: "iam-allow-notaction",
    family: Family::Iam,
    group: "Security",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`Allow` with `NotAction`",
    explanation: "`Allow` with `NotAction`. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
};

pub const IAM_ALLOW_NOTRESOURCE: RuleDef = RuleDef {
    code: "iam-allow-notresource",
    family: Family::Iam,
    group: "Security",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`Allow` with `NotResource`",
    explanation: "`Allow` with `NotResource`. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
};

pub const IAM_ALLOW_NOTPRINCIPAL: RuleDef = RuleDef {
    code: "iam-allow-notprincipal",
    family: Family::Iam,
    group: "Security",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`Allow` with `NotPrincipal`",
    explanation: "`Allow` with `NotPrincipal`. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
};

pub const IAM_PUBLIC_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-public-principal",
    family: Family::Iam,
    group: "Security",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`Principal",
    explanation: "`Principal: \"*\"` (or `AWS: \"*\"`) without a Condition in a resource-based policy. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
};

pub const IAM_TRUST_ANY_PRINCIPAL: RuleDef = RuleDef {
    code: "iam-trust-any-principal",
    family: Family::Iam,
    group: "Security",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`sts:AssumeRole` allowed to `AWS",
    explanation: "`sts:AssumeRole` allowed to `AWS: \"*\"` without a Condition. The policy is valid but grants more than it likely should; a reviewer would flag it.",
    example: "",
};
