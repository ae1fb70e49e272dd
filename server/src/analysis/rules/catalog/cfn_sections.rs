//! CloudFormation rules about `Conditions`, `Mappings`, `Outputs` and `Rules`.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

pub const INVALID_CONDITION: RuleDef = RuleDef {
    code: "invalid-condition",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E8001", "E8003", "E8004", "E8005", "E8006", "E8007"],
    fix: false,
    summary: "A condition that is not `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`",
    explanation: "A condition that is not `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` (or `Condition`). These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Bad: !Ref P`",
};

pub const CIRCULAR_CONDITION: RuleDef = RuleDef {
    code: "circular-condition",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E8001"],
    fix: false,
    summary: "Conditions that use each other in a circle, reported on each",
    explanation: "Conditions that use each other in a circle, reported on each. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`A: !Not [!Condition B]`, `B: !Not [!Condition A]`",
};

pub const UNUSED_CONDITION: RuleDef = RuleDef {
    code: "unused-condition",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &["W8001"],
    fix: false,
    summary: "Never used",
    explanation: "Never used (shown faded). An unused declaration is dead code: it misleads readers and hides mistakes (a misspelt reference elsewhere).",
    example: "",
};

pub const INVALID_MAPPING: RuleDef = RuleDef {
    code: "invalid-mapping",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E7001"],
    fix: false,
    summary: "Not name → top-level key → second-level key → string, number or list",
    explanation: "Not name → top-level key → second-level key → string, number or list. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Flat: {Key: value}`",
};

pub const UNUSED_MAPPING: RuleDef = RuleDef {
    code: "unused-mapping",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &["W7001"],
    fix: false,
    summary: "Never read by `Fn::FindInMap`",
    explanation: "Never read by `Fn::FindInMap` (shown faded). An unused declaration is dead code: it misleads readers and hides mistakes (a misspelt reference elsewhere).",
    example: "",
};

pub const INVALID_OUTPUT: RuleDef = RuleDef {
    code: "invalid-output",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E6001", "E6003"],
    fix: false,
    summary: "An output that is not a mapping, or whose `Description` is not a string",
    explanation: "An output that is not a mapping, or whose `Description` is not a string. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Arn: x`",
};

pub const UNKNOWN_OUTPUT_KEY: RuleDef = RuleDef {
    code: "unknown-output-key",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E6001", "E6011"],
    fix: true,
    summary: "Not Value, Description, Export, Condition",
    explanation: "Not Value, Description, Export, Condition (or not `Name` under `Export`). These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Valeu: x`",
};

pub const MISSING_OUTPUT_VALUE: RuleDef = RuleDef {
    code: "missing-output-value",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E6002"],
    fix: false,
    summary: "An output without `Value`",
    explanation: "An output with only `Description`. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "",
};

pub const MISSING_EXPORT_NAME: RuleDef = RuleDef {
    code: "missing-export-name",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E6002"],
    fix: false,
    summary: "`Export` without `Name`",
    explanation: "`Export` without `Name`. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Export: {Nam: x}`",
};

pub const DUPLICATE_EXPORT_NAME: RuleDef = RuleDef {
    code: "duplicate-export-name",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E6001"],
    fix: false,
    summary: "Two outputs exporting the same literal name",
    explanation: "Two outputs exporting the same literal name. These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`Export: {Name: shared}` twice",
};

pub const INVALID_RULE: RuleDef = RuleDef {
    code: "invalid-rule",
    family: Family::CloudFormation,
    group: "Conditions, mappings, outputs, rules",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E1700", "E1701", "E1702"],
    fix: true,
    summary: "A rule without `Assertions`, an assertion without `Assert`, unknown keys",
    explanation: "A rule without `Assertions`, an assertion without `Assert`, unknown keys (unknown assertion keys are warnings). These sections are validated with the template: a mistake in one fails the whole stack operation.",
    example: "`AssertDescriptio: x`",
};
