//! CloudFormation rules about resource types and their properties, checked against the resource schemas.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Resources and properties" share.
const CLOUDFORMATION_RESOURCES_AND_PROPERTIES: RuleDef =
    RuleDef::base(Family::CloudFormation, "Resources and properties");

pub const SERVERLESS_WITHOUT_TRANSFORM: RuleDef = RuleDef {
    code: "serverless-without-transform",
    cfn_lint: &["E3038", "E3066"],
    summary: "An `AWS::Serverless::*` type or a SAM resource attribute (`Connectors`, `IgnoreGlobals`) in a template without the SAM transform",
    explanation: "An `AWS::Serverless::*` type, or a resource attribute only SAM reads (`Connectors`, `IgnoreGlobals`), in a template without the SAM transform; CloudFormation rejects it. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`Type: AWS::Serverless::Function` with no `Transform`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const UNKNOWN_RESOURCE_TYPE: RuleDef = RuleDef {
    code: "unknown-resource-type",
    cfn_lint: &["E3006"],
    fix: true,
    summary: "A `Type` that is not a CloudFormation resource type",
    explanation: "A `Type` that is not a CloudFormation resource type (`AWS::`/`Alexa::` names, malformed names, and case slips of known types); registry extensions in other namespaces and modules are accepted. Fix: the closest type. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`Type: AWS::S3::Buckt` → did you mean `AWS::S3::Bucket`?",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const UNKNOWN_PROPERTY: RuleDef = RuleDef {
    code: "unknown-property",
    cfn_lint: &["E3002"],
    fix: true,
    summary: "A property the schema does not declare, at any depth",
    explanation: "A property the schema does not declare, at any depth. Fixes: rename to the closest name, remove. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`BuketName: logs` in `AWS::S3::Bucket`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const MISSING_REQUIRED_PROPERTY: RuleDef = RuleDef {
    code: "missing-required-property",
    cfn_lint: &["E3003", "E3014", "E3017", "E3021", "E3058"],
    fix: true,
    summary: "A required property is missing",
    explanation: "A required property is missing (also \"exactly one of\" / \"at least one of\" sets and properties another one depends on). Fix: add placeholders. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`AWS::Lambda::Function` without `Role`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const EXCLUSIVE_PROPERTIES: RuleDef = RuleDef {
    code: "exclusive-properties",
    cfn_lint: &["E3020", "E3014", "E3018"],
    fix: true,
    summary: "Properties that cannot be set together",
    explanation: "Properties that cannot be set together. Fix: remove the later one. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`SubnetId` and `NetworkInterfaces` in `AWS::EC2::Instance`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const INVALID_TYPE: RuleDef = RuleDef {
    code: "invalid-type",
    cfn_lint: &["E3012"],
    fix: true,
    summary: "A value of the wrong type",
    explanation: "A value of the wrong type: a string for a list, a word for an integer, a list for a mapping. Fix (single value for a list): wrap it in a list. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`DelaySeconds: soon`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const INVALID_ENUM: RuleDef = RuleDef {
    code: "invalid-enum",
    cfn_lint: &["E3030"],
    fix: true,
    summary: "A value outside the allowed list",
    explanation: "A value outside the allowed list (case-sensitive; a case-insensitive match is suggested as a fix). Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`Status: enabled` → `Enabled`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const INVALID_VALUE: RuleDef = RuleDef {
    code: "invalid-value",
    cfn_lint: &["E3012", "E3030"],
    summary: "A value the schema forbids or fixes to a constant",
    explanation: "A value the schema forbids or fixes to a constant. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`MasterUsername: rdsadmin` in `AWS::RDS::DBCluster`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const INVALID_PATTERN: RuleDef = RuleDef {
    code: "invalid-pattern",
    cfn_lint: &["E3031"],
    summary: "A string that does not match the schema's pattern",
    explanation: "A string that does not match the schema's pattern (patterns the Rust `regex` crate cannot compile are skipped). Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`SubnetIds: [PrivateSubnet1]` (must match `^subnet-[0-9a-z]*$`)",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const INVALID_LENGTH: RuleDef = RuleDef {
    code: "invalid-length",
    cfn_lint: &["E3033"],
    summary: "A string shorter or longer than allowed",
    explanation: "A string shorter or longer than allowed. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "a 300-character Lambda `Description` (at most 256)",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const INVALID_ITEM_COUNT: RuleDef = RuleDef {
    code: "invalid-item-count",
    cfn_lint: &["E3032"],
    summary: "A list with too few or too many items, or a mapping with too few or too many entries",
    explanation: "A list with too few or too many items, or a mapping with too few or too many entries. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`Architectures: [x86_64, arm64]` (at most 1)",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const DUPLICATE_ITEMS: RuleDef = RuleDef {
    code: "duplicate-items",
    severity: Severity::Warning,
    cfn_lint: &["E3037"],
    summary: "A repeated item in a list whose items must be unique",
    explanation: "A repeated item in a list whose items must be unique. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`Layers: [arn:...:1, arn:...:1]`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const OUT_OF_RANGE: RuleDef = RuleDef {
    code: "out-of-range",
    cfn_lint: &["E3034"],
    summary: "A number below the minimum or above the maximum",
    explanation: "A number below the minimum or above the maximum. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`DelaySeconds: 901` (at most 900)",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const DEPRECATED_LAMBDA_RUNTIME: RuleDef = RuleDef {
    code: "deprecated-lambda-runtime",
    severity: Severity::Warning,
    cfn_lint: &["W2531"],
    fix: true,
    summary: "A Lambda runtime past its deprecation date",
    explanation: "A Lambda runtime past its deprecation date (shown struck through). Fix: the successor runtime. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`Runtime: nodejs20.x` after 2026-04-30",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const BLOCKED_LAMBDA_RUNTIME: RuleDef = RuleDef {
    code: "blocked-lambda-runtime",
    cfn_lint: &["E2531", "E2533"],
    fix: true,
    summary: "A Lambda runtime that can no longer be used to create functions",
    explanation: "A Lambda runtime that can no longer be used to create functions. Fix: the successor runtime. Properties are checked by the resource provider only when the resource is created or updated: the stack fails midway and rolls back, often minutes in. Caught here, it costs nothing.",
    example: "`Runtime: python2.7`",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};

pub const NULL_VALUE: RuleDef = RuleDef {
    code: "null-value",
    cfn_lint: &["E3012", "E3028", "E4002"],
    summary: "`Properties`, or a value in `Metadata`, written with no value",
    explanation: "CloudFormation takes no null value in a template: `Properties:` with nothing after it (or `null`), and a key with no value anywhere in the template's or a resource's `Metadata`, fail template validation. Remove the key, or give it a value. (A property with no value counts as not set, so a required one is reported as missing.)",
    example: "`Properties:` with nothing after it",
    ..CLOUDFORMATION_RESOURCES_AND_PROPERTIES
};
