//! CloudFormation rules about the template's sections and names.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

pub const UNKNOWN_SECTION: RuleDef = RuleDef {
    code: "unknown-section",
    family: Family::CloudFormation,
    group: "Structure",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E1001", "E3724"],
    fix: true,
    summary: "A top-level key that is not a template section",
    explanation: "A top-level key that is not a template section (`Globals` needs the SAM transform). CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`Output:` → did you mean `Outputs`?",
};

pub const INVALID_FORMAT_VERSION: RuleDef = RuleDef {
    code: "invalid-format-version",
    family: Family::CloudFormation,
    group: "Structure",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E1001"],
    fix: true,
    summary: "`AWSTemplateFormatVersion` other than `2010-09-09`",
    explanation: "`AWSTemplateFormatVersion` other than `2010-09-09`. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`AWSTemplateFormatVersion: 2010-09-10`",
};

pub const MISSING_RESOURCES: RuleDef = RuleDef {
    code: "missing-resources",
    family: Family::CloudFormation,
    group: "Structure",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E1001"],
    fix: false,
    summary: "No `Resources`, or an empty one",
    explanation: "No `Resources`, or an empty one. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`Resources: {}`",
};

pub const INVALID_SECTION_TYPE: RuleDef = RuleDef {
    code: "invalid-section-type",
    family: Family::CloudFormation,
    group: "Structure",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E1001", "E1004", "E1005", "E6003"],
    fix: false,
    summary: "A section that is not a mapping, a `Description` that is not a string, a malformed `Transform`",
    explanation: "A section that is not a mapping, a `Description` that is not a string, a malformed `Transform`. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`Outputs: x`",
};

pub const DESCRIPTION_TOO_LONG: RuleDef = RuleDef {
    code: "description-too-long",
    family: Family::CloudFormation,
    group: "Structure",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E1003"],
    fix: false,
    summary: "A template `Description` over 1,024 bytes",
    explanation: "A template `Description` over 1024 bytes. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "",
};

pub const INVALID_LOGICAL_ID: RuleDef = RuleDef {
    code: "invalid-logical-id",
    family: Family::CloudFormation,
    group: "Structure",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E2003", "E3006", "E6004", "E7002", "E3001"],
    fix: false,
    summary: "A parameter, resource, mapping or output name with characters other than A-Z, a-z, 0-9",
    explanation: "A parameter, resource, mapping or output name with characters other than A-Z, a-z, 0-9. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`My-Bucket:`",
};

pub const DUPLICATE_LOGICAL_ID: RuleDef = RuleDef {
    code: "duplicate-logical-id",
    family: Family::CloudFormation,
    group: "Structure",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3007"],
    fix: false,
    summary: "A resource named like a parameter",
    explanation: "A resource named like a parameter. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "parameter `Name` and resource `Name`",
};

pub const TEMPLATE_NOT_MAPPING: RuleDef = RuleDef {
    code: "template-not-mapping",
    family: Family::CloudFormation,
    group: "Structure",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E0000", "E1001"],
    fix: false,
    summary: "A template that is empty or not a mapping of sections",
    explanation: "A template is a mapping of sections (`Resources`, `Parameters`, ...): CloudFormation rejects an empty file, a list or a lone value before reading anything else. Reported when the file is read as a template on purpose (`awsls check --kind cloudformation`).",
    example: "a file holding `- a` checked with `--kind cloudformation`",
};
