//! CloudFormation rules about intrinsic functions.

use super::super::{Family, RuleDef};

/// What the rules of "Intrinsic functions" share.
const CLOUDFORMATION_INTRINSIC_FUNCTIONS: RuleDef =
    RuleDef::base(Family::CloudFormation, "Intrinsic functions");

pub const UNKNOWN_FUNCTION: RuleDef = RuleDef {
    code: "unknown-function",
    cfn_lint: &["E1001", "E3012"],
    fix: true,
    summary: "A `Fn::` key that is not an intrinsic function",
    explanation: "A `Fn::` key that is not an intrinsic function. A malformed intrinsic function fails template validation, or resolves to something other than what was meant.",
    example: "`Fn::Joins` → did you mean `Fn::Join`?",
    ..CLOUDFORMATION_INTRINSIC_FUNCTIONS
};

pub const INVALID_FUNCTION_ARGUMENTS: RuleDef = RuleDef {
    code: "invalid-function-arguments",
    cfn_lint: &["E1010", "E1011", "E1015", "E1016", "E1017", "E1018", "E1019", "E1020", "E1021", "E1022", "E1024", "E1028", "E1030", "E1031", "E1033", "E8003", "E8004", "E8005", "E8006", "E8007"],
    summary: "Arguments of the wrong shape",
    explanation: "Arguments of the wrong shape (`Fn::Join` [delimiter, list], `Fn::Select` [index, list] with the index in range, `Fn::If` [condition, a, b], `Fn::And`/`Fn::Or` 2–10 conditions, `Fn::Not` one, `Fn::FindInMap` 3 or 4 items, `Fn::GetAtt` two items, `Fn::ImportValue` not of a resource, ...). A malformed intrinsic function fails template validation, or resolves to something other than what was meant.",
    example: "`!Select [2, [a, b]]`",
    ..CLOUDFORMATION_INTRINSIC_FUNCTIONS
};

pub const FUNCTION_NOT_ALLOWED: RuleDef = RuleDef {
    code: "function-not-allowed",
    cfn_lint: &["E1001", "E2001", "E3005", "E3015", "E7001"],
    summary: "A function in `Parameters`, `Mappings`, `Type`, `DependsOn` or `Condition`",
    explanation: "A function in `Parameters`, `Mappings`, `Type`, `DependsOn` or `Condition`; a condition function outside `Conditions`/`Rules`; a rule function outside `Rules`; `Fn::GetAtt` in `Conditions`; a function key next to other keys. A malformed intrinsic function fails template validation, or resolves to something other than what was meant.",
    example: "`Type: !Ref P`, `{Ref: P, Extra: 1}`",
    ..CLOUDFORMATION_INTRINSIC_FUNCTIONS
};

pub const LANGUAGE_EXTENSIONS_REQUIRED: RuleDef = RuleDef {
    code: "language-extensions-required",
    cfn_lint: &["E1032", "E1030", "E1031", "E6001"],
    summary: "`Fn::ForEach`, `Fn::Length`, `Fn::ToJsonString`, a `Fn::FindInMap` default or a function in `DeletionPolicy`/`UpdateReplacePolicy` without `Transform: AWS::LanguageExtensions`",
    explanation: "`Fn::ForEach`, `Fn::Length`, `Fn::ToJsonString`, the fourth `{DefaultValue: ...}` item of `Fn::FindInMap` and intrinsic functions in `DeletionPolicy` and `UpdateReplacePolicy` are features of the `AWS::LanguageExtensions` transform: without `Transform: AWS::LanguageExtensions` CloudFormation rejects the template.",
    example: "`!Length [a, b]`",
    ..CLOUDFORMATION_INTRINSIC_FUNCTIONS
};
