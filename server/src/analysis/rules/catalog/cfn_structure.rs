//! CloudFormation rules about the template's sections and names.

use super::super::{Family, RuleDef};

/// What the rules of "Structure" share.
const CLOUDFORMATION_STRUCTURE: RuleDef = RuleDef::base(Family::CloudFormation, "Structure");

pub const UNKNOWN_SECTION: RuleDef = RuleDef {
    code: "unknown-section",
    cfn_lint: &["E1001", "E3724"],
    fix: true,
    summary: "A top-level key that is not a template section",
    explanation: "A top-level key that is not a template section (`Globals` needs the SAM transform). CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`Output:` → did you mean `Outputs`?",
    ..CLOUDFORMATION_STRUCTURE
};

pub const INVALID_FORMAT_VERSION: RuleDef = RuleDef {
    code: "invalid-format-version",
    cfn_lint: &["E1001"],
    fix: true,
    summary: "`AWSTemplateFormatVersion` other than `2010-09-09`",
    explanation: "`AWSTemplateFormatVersion` other than `2010-09-09`. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`AWSTemplateFormatVersion: 2010-09-10`",
    ..CLOUDFORMATION_STRUCTURE
};

pub const MISSING_RESOURCES: RuleDef = RuleDef {
    code: "missing-resources",
    cfn_lint: &["E1001"],
    summary: "No `Resources`, or an empty one",
    explanation: "No `Resources`, or an empty one. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`Resources: {}`",
    ..CLOUDFORMATION_STRUCTURE
};

pub const INVALID_SECTION_TYPE: RuleDef = RuleDef {
    code: "invalid-section-type",
    cfn_lint: &["E1001", "E1004", "E1005", "E6003"],
    summary: "A section that is not a mapping, a `Description` that is not a string, a malformed `Transform`",
    explanation: "A section that is not a mapping, a `Description` that is not a string, a malformed `Transform`. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`Outputs: x`",
    ..CLOUDFORMATION_STRUCTURE
};

pub const DESCRIPTION_TOO_LONG: RuleDef = RuleDef {
    code: "description-too-long",
    cfn_lint: &["E1003"],
    summary: "A template `Description` over 1,024 bytes",
    explanation: "A template `Description` over 1024 bytes. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "",
    ..CLOUDFORMATION_STRUCTURE
};

pub const INVALID_LOGICAL_ID: RuleDef = RuleDef {
    code: "invalid-logical-id",
    cfn_lint: &["E2003", "E3006", "E6004", "E7002", "E3001"],
    summary: "A parameter, resource, mapping or output name with characters other than A-Z, a-z, 0-9",
    explanation: "A parameter, resource, mapping or output name with characters other than A-Z, a-z, 0-9. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "`My-Bucket:`",
    ..CLOUDFORMATION_STRUCTURE
};

pub const DUPLICATE_LOGICAL_ID: RuleDef = RuleDef {
    code: "duplicate-logical-id",
    cfn_lint: &["E3007"],
    summary: "A resource named like a parameter",
    explanation: "A resource named like a parameter. CloudFormation validates the structure of the template before it creates anything, so the whole stack operation fails at once.",
    example: "parameter `Name` and resource `Name`",
    ..CLOUDFORMATION_STRUCTURE
};

pub const TEMPLATE_NOT_MAPPING: RuleDef = RuleDef {
    code: "template-not-mapping",
    cfn_lint: &["E0000", "E1001"],
    summary: "A template that is empty or not a mapping of sections",
    explanation: "A template is a mapping of sections (`Resources`, `Parameters`, ...): CloudFormation rejects an empty file, a list or a lone value before reading anything else. Reported when the file is read as a template on purpose (`awsls check --kind cloudformation`).",
    example: "a file holding `- a` checked with `--kind cloudformation`",
    ..CLOUDFORMATION_STRUCTURE
};
