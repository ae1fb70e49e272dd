//! Syntax rules, common to every file kind.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Syntax" share.
const SYNTAX_SYNTAX: RuleDef = RuleDef::base(Family::Syntax, "Syntax");

pub const SYNTAX_ERROR: RuleDef = RuleDef {
    code: "syntax-error",
    cfn_lint: &["E0000"],
    summary: "The YAML or JSON cannot be read",
    explanation: "The YAML or JSON cannot be read here; the message names the unexpected or missing token. A file that cannot be read is not deployed: CloudFormation, IAM and CodeDeploy reject it before doing anything else.",
    example: "`Value: [a, b` (never closed)",
    ..SYNTAX_SYNTAX
};

pub const DUPLICATE_KEY: RuleDef = RuleDef {
    code: "duplicate-key",
    cfn_lint: &["E0000"],
    summary: "A mapping defines the same key twice",
    explanation: "A mapping defines the same key twice; the related location is the first definition. A file that cannot be read is not deployed: CloudFormation, IAM and CodeDeploy reject it before doing anything else.",
    example: "`Type:` written twice in one resource",
    ..SYNTAX_SYNTAX
};

pub const ANALYSIS_LIMITED: RuleDef = RuleDef {
    code: "analysis-limited",
    severity: Severity::Warning,
    summary: "The file was only partly analysed",
    explanation: "The file was only partly analysed: larger than 16 MB, nested deeper than 2,000 levels, or readable only up to its first syntax error; only syntax problems are reported. A file that cannot be read is not deployed: CloudFormation, IAM and CodeDeploy reject it before doing anything else.",
    example: "a 50 MB generated file",
    ..SYNTAX_SYNTAX
};
