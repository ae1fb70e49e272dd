//! IAM rules about actions.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Actions" share.
const IAM_ACTIONS: RuleDef = RuleDef::base(Family::Iam, "Actions");

pub const IAM_INVALID_ACTION: RuleDef = RuleDef {
    code: "iam-invalid-action",
    summary: "An action that is not `service:Action` or `*`",
    explanation: "Not `service:Action` or `*`. An action that does not exist never matches: the statement silently allows or denies less than meant.",
    example: "`Action: GetObject`.",
    ..IAM_ACTIONS
};

pub const IAM_UNKNOWN_SERVICE: RuleDef = RuleDef {
    code: "iam-unknown-service",
    severity: Severity::Warning,
    fix: true,
    summary: "An action whose service prefix does not exist",
    explanation: "Unknown service prefix, with the closest prefix. An action that does not exist never matches: the statement silently allows or denies less than meant.",
    example: "`s4:GetObject`.",
    ..IAM_ACTIONS
};

pub const IAM_UNKNOWN_ACTION: RuleDef = RuleDef {
    code: "iam-unknown-action",
    severity: Severity::Warning,
    fix: true,
    summary: "An action the service does not have",
    explanation: "Unknown action of a known service, with the closest action and a fix. An action that does not exist never matches: the statement silently allows or denies less than meant.",
    example: "`s3:GetObjekt`.",
    ..IAM_ACTIONS
};

pub const IAM_WILDCARD_MATCHES_NOTHING: RuleDef = RuleDef {
    code: "iam-wildcard-matches-nothing",
    severity: Severity::Warning,
    summary: "A wildcard that matches no action",
    explanation: "A wildcard that matches no action (or no service). An action that does not exist never matches: the statement silently allows or denies less than meant.",
    example: "`s3:Gte*`.",
    ..IAM_ACTIONS
};
