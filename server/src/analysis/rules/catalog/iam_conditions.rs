//! IAM rules about condition blocks.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Conditions" share.
const IAM_CONDITIONS: RuleDef = RuleDef::base(Family::Iam, "Conditions");

pub const IAM_INVALID_CONDITION: RuleDef = RuleDef {
    code: "iam-invalid-condition",
    summary: "A Condition block of the wrong shape",
    explanation: "A Condition block of the wrong shape. A condition key or operator that does not exist never matches, so the statement applies differently than meant.",
    example: "`Condition: {StringEquals: \"x\"}`.",
    ..IAM_CONDITIONS
};

pub const IAM_UNKNOWN_CONDITION_OPERATOR: RuleDef = RuleDef {
    code: "iam-unknown-condition-operator",
    fix: true,
    summary: "An unknown operator, with the closest one",
    explanation: "An unknown operator, with the closest one. A condition key or operator that does not exist never matches, so the statement applies differently than meant.",
    example: "`StringEqual`.",
    ..IAM_CONDITIONS
};

pub const IAM_UNKNOWN_CONDITION_KEY: RuleDef = RuleDef {
    code: "iam-unknown-condition-key",
    severity: Severity::Warning,
    fix: true,
    summary: "An `aws:` key that is not global, or a key of a known service that the service and the statement's actions do not define",
    explanation: "An `aws:` key that is not global, or a key of a known service that the service and the statement's actions do not define. A condition key or operator that does not exist never matches, so the statement applies differently than meant.",
    example: "`aws:SourceIpp`. Keys of other prefixes (OIDC providers, `saml:`) are not checked.",
    ..IAM_CONDITIONS
};

pub const IAM_CONDITION_TYPE_MISMATCH: RuleDef = RuleDef {
    code: "iam-condition-type-mismatch",
    severity: Severity::Warning,
    summary: "A Numeric, Date, Bool or IpAddress operator on a key of another type",
    explanation: "A Numeric, Date, Bool or IpAddress operator on a key of another type. A condition key or operator that does not exist never matches, so the statement applies differently than meant.",
    example: "`NumericLessThan: {aws:SourceIp: 3}`.",
    ..IAM_CONDITIONS
};

pub const IAM_SET_OPERATOR_SINGLE_VALUED: RuleDef = RuleDef {
    code: "iam-set-operator-single-valued",
    severity: Severity::Warning,
    summary: "`ForAllValues:`/`ForAnyValue:` on a key that holds one value",
    explanation: "`ForAllValues:`/`ForAnyValue:` on a key that holds one value. A condition key or operator that does not exist never matches, so the statement applies differently than meant.",
    example: "`ForAllValues:StringEquals: {aws:SourceVpc: vpc-1}`.",
    ..IAM_CONDITIONS
};

pub const IAM_INVALID_CONDITION_VALUE: RuleDef = RuleDef {
    code: "iam-invalid-condition-value",
    summary: "A value the operator cannot compare",
    explanation: "A value the operator cannot compare. A condition key or operator that does not exist never matches, so the statement applies differently than meant.",
    example: "`IpAddress: {aws:SourceIp: not-an-ip}`, `DateLessThan: {aws:CurrentTime: tomorrow}`, `Bool: {aws:SecureTransport: yes}`.",
    ..IAM_CONDITIONS
};
