//! CloudFormation rules about `Parameters`.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Parameters" share.
const CLOUDFORMATION_PARAMETERS: RuleDef = RuleDef::base(Family::CloudFormation, "Parameters");

pub const INVALID_PARAMETER: RuleDef = RuleDef {
    code: "invalid-parameter",
    cfn_lint: &["E2001"],
    summary: "A parameter that is not a mapping",
    explanation: "A parameter that is not a mapping. A malformed parameter makes the template invalid; a bad default makes every deployment that keeps it fail.",
    example: "`P: String`",
    ..CLOUDFORMATION_PARAMETERS
};

pub const MISSING_PARAMETER_TYPE: RuleDef = RuleDef {
    code: "missing-parameter-type",
    cfn_lint: &["E2001"],
    summary: "A parameter without `Type`",
    explanation: "A parameter with only `Description`. A malformed parameter makes the template invalid; a bad default makes every deployment that keeps it fail.",
    example: "",
    ..CLOUDFORMATION_PARAMETERS
};

pub const INVALID_PARAMETER_TYPE: RuleDef = RuleDef {
    code: "invalid-parameter-type",
    cfn_lint: &["E2002"],
    fix: true,
    summary: "Not String, Number, List<Number>, CommaDelimitedList, an AWS-specific type, `List<...>` of one, or an SSM type",
    explanation: "Not String, Number, List<Number>, CommaDelimitedList, an AWS-specific type, `List<...>` of one, or an SSM type. A malformed parameter makes the template invalid; a bad default makes every deployment that keeps it fail.",
    example: "`Type: Sting`",
    ..CLOUDFORMATION_PARAMETERS
};

pub const UNKNOWN_PARAMETER_KEY: RuleDef = RuleDef {
    code: "unknown-parameter-key",
    cfn_lint: &["E2001"],
    fix: true,
    summary: "A parameter attribute that does not exist",
    explanation: "`AllowedValue: [a]`. A malformed parameter makes the template invalid; a bad default makes every deployment that keeps it fail.",
    example: "",
    ..CLOUDFORMATION_PARAMETERS
};

pub const INVALID_PARAMETER_CONSTRAINT: RuleDef = RuleDef {
    code: "invalid-parameter-constraint",
    cfn_lint: &["E2001"],
    summary: "`MinLength`/`MaxLength`/`MinValue`/`MaxValue` not numbers, `AllowedValues` not a list",
    explanation: "`MinLength`/`MaxLength`/`MinValue`/`MaxValue` not numbers, `AllowedValues` not a list. A malformed parameter makes the template invalid; a bad default makes every deployment that keeps it fail.",
    example: "`MaxLength: many`",
    ..CLOUDFORMATION_PARAMETERS
};

pub const INVALID_PARAMETER_DEFAULT: RuleDef = RuleDef {
    code: "invalid-parameter-default",
    cfn_lint: &["E2015"],
    summary: "A literal `Default` outside `AllowedValues`, `MinLength`/`MaxLength`, `MinValue`/`MaxValue`, or not a number for a number type",
    explanation: "A literal `Default` outside `AllowedValues`, `MinLength`/`MaxLength`, `MinValue`/`MaxValue`, or not a number for a number type. A malformed parameter makes the template invalid; a bad default makes every deployment that keeps it fail.",
    example: "`Default: c` with `AllowedValues: [a, b]`",
    ..CLOUDFORMATION_PARAMETERS
};

pub const UNUSED_PARAMETER: RuleDef = RuleDef {
    code: "unused-parameter",
    severity: Severity::Warning,
    cfn_lint: &["W2001"],
    summary: "A parameter that is never referenced",
    explanation: "Never referenced (shown faded). An unused declaration is dead code: it misleads readers and hides mistakes (a misspelt reference elsewhere).",
    example: "",
    ..CLOUDFORMATION_PARAMETERS
};
