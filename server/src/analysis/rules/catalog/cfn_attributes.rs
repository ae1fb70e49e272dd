//! CloudFormation rules about resource attributes (`Type`, `DependsOn`, `DeletionPolicy`, ...).

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Resource attributes" share.
const CLOUDFORMATION_RESOURCE_ATTRIBUTES: RuleDef =
    RuleDef::base(Family::CloudFormation, "Resource attributes");

pub const UNKNOWN_RESOURCE_ATTRIBUTE: RuleDef = RuleDef {
    code: "unknown-resource-attribute",
    cfn_lint: &["E3001"],
    fix: true,
    summary: "Not one of Type, Properties, DependsOn, Condition, Metadata, DeletionPolicy, UpdateReplacePolicy, UpdatePolicy, CreationPolicy, Version",
    explanation: "Not one of Type, Properties, DependsOn, Condition, Metadata, DeletionPolicy, UpdateReplacePolicy, UpdatePolicy, CreationPolicy, Version. CloudFormation rejects unknown or malformed resource attributes when it validates the template.",
    example: "`DeletionPolice: Retain`",
    ..CLOUDFORMATION_RESOURCE_ATTRIBUTES
};

pub const MISSING_RESOURCE_TYPE: RuleDef = RuleDef {
    code: "missing-resource-type",
    cfn_lint: &["E3001"],
    summary: "A resource without `Type`",
    explanation: "A resource with only `Properties`. CloudFormation rejects unknown or malformed resource attributes when it validates the template.",
    example: "",
    ..CLOUDFORMATION_RESOURCE_ATTRIBUTES
};

pub const INVALID_ATTRIBUTE_VALUE: RuleDef = RuleDef {
    code: "invalid-attribute-value",
    cfn_lint: &["E3001", "E3005", "E3015", "E3016", "E3028", "E3055"],
    summary: "`Properties`/`Metadata`/`UpdatePolicy`/`CreationPolicy` not mappings, `Condition` not a name, `DependsOn` not names, `Type` not a name",
    explanation: "`Properties`/`Metadata`/`UpdatePolicy`/`CreationPolicy` not mappings, `Condition` not a name, `DependsOn` not names, `Type` not a name. CloudFormation rejects unknown or malformed resource attributes when it validates the template.",
    example: "`DependsOn: {A: b}`",
    ..CLOUDFORMATION_RESOURCE_ATTRIBUTES
};

pub const INVALID_DELETION_POLICY: RuleDef = RuleDef {
    code: "invalid-deletion-policy",
    cfn_lint: &["E3035", "E3036"],
    fix: true,
    summary: "`DeletionPolicy`/`UpdateReplacePolicy` other than Delete, Retain, RetainExceptOnCreate, Snapshot",
    explanation: "`DeletionPolicy`/`UpdateReplacePolicy` other than Delete, Retain, RetainExceptOnCreate, Snapshot. CloudFormation rejects unknown or malformed resource attributes when it validates the template.",
    example: "`DeletionPolicy: Retian`",
    ..CLOUDFORMATION_RESOURCE_ATTRIBUTES
};

pub const SNAPSHOT_NOT_SUPPORTED: RuleDef = RuleDef {
    code: "snapshot-not-supported",
    severity: Severity::Warning,
    cfn_lint: &["E3035", "E3036"],
    summary: "`Snapshot` on a type not documented to support it",
    explanation: "`Snapshot` on a type not documented to support it. CloudFormation rejects unknown or malformed resource attributes when it validates the template.",
    example: "`AWS::S3::Bucket` with `DeletionPolicy: Snapshot`",
    ..CLOUDFORMATION_RESOURCE_ATTRIBUTES
};
