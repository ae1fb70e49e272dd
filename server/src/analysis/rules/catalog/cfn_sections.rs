//! CloudFormation rules about `Conditions`, `Mappings`, `Outputs` and `Rules`.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Conditions, mappings, outputs, rules" share.
const CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES: RuleDef = RuleDef::base(
    Family::CloudFormation,
    "Conditions, mappings, outputs, rules",
);

pub const INVALID_CONDITION: RuleDef = RuleDef {
    code: "invalid-condition",
    cfn_lint: &["E8001", "E8003", "E8004", "E8005", "E8006", "E8007"],
    summary: "A condition that is not `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`",
    explanation: "A condition that is not `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` (or `Condition`). These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Bad: !Ref P`",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const CIRCULAR_CONDITION: RuleDef = RuleDef {
    code: "circular-condition",
    cfn_lint: &["E8001"],
    summary: "Conditions that use each other in a circle, reported on each",
    explanation: "Conditions that use each other in a circle, reported on each. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`A: !Not [!Condition B]`, `B: !Not [!Condition A]`",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const UNUSED_CONDITION: RuleDef = RuleDef {
    code: "unused-condition",
    severity: Severity::Warning,
    cfn_lint: &["W8001"],
    summary: "A condition that is never used",
    explanation: "Never used (shown faded). An unused declaration is dead code: it misleads readers and hides mistakes (a misspelt reference elsewhere).",
    example: "",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const INVALID_MAPPING: RuleDef = RuleDef {
    code: "invalid-mapping",
    cfn_lint: &["E7001"],
    summary: "Not name → top-level key → second-level key → string, number or list",
    explanation: "Not name → top-level key → second-level key → string, number or list. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Flat: {Key: value}`",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const UNUSED_MAPPING: RuleDef = RuleDef {
    code: "unused-mapping",
    severity: Severity::Warning,
    cfn_lint: &["W7001"],
    summary: "Never read by `Fn::FindInMap`",
    explanation: "Never read by `Fn::FindInMap` (shown faded). An unused declaration is dead code: it misleads readers and hides mistakes (a misspelt reference elsewhere).",
    example: "",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const INVALID_OUTPUT: RuleDef = RuleDef {
    code: "invalid-output",
    cfn_lint: &["E6001", "E6003"],
    summary: "An output that is not a mapping, or whose `Description` is not a string",
    explanation: "An output that is not a mapping, or whose `Description` is not a string. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Arn: x`",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const UNKNOWN_OUTPUT_KEY: RuleDef = RuleDef {
    code: "unknown-output-key",
    cfn_lint: &["E6001", "E6011"],
    fix: true,
    summary: "Not Value, Description, Export, Condition",
    explanation: "Not Value, Description, Export, Condition (or not `Name` under `Export`). These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Valeu: x`",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const MISSING_OUTPUT_VALUE: RuleDef = RuleDef {
    code: "missing-output-value",
    cfn_lint: &["E6002"],
    summary: "An output without `Value`",
    explanation: "An output with only `Description`. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const MISSING_EXPORT_NAME: RuleDef = RuleDef {
    code: "missing-export-name",
    cfn_lint: &["E6002"],
    summary: "`Export` without `Name`",
    explanation: "`Export` without `Name`. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Export: {Nam: x}`",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const DUPLICATE_EXPORT_NAME: RuleDef = RuleDef {
    code: "duplicate-export-name",
    cfn_lint: &["E6001"],
    summary: "Two outputs exporting the same literal name",
    explanation: "Two outputs exporting the same literal name. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Export: {Name: shared}` twice",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};

pub const INVALID_RULE: RuleDef = RuleDef {
    code: "invalid-rule",
    cfn_lint: &["E1700", "E1701", "E1702"],
    fix: true,
    summary: "A rule without `Assertions`, an assertion without `Assert`, unknown keys",
    explanation: "A rule without `Assertions`, an assertion without `Assert`, unknown keys (unknown assertion keys are warnings). These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`AssertDescriptio: x`",
    ..CLOUDFORMATION_CONDITIONS_MAPPINGS_OUTPUTS_RULES
};
