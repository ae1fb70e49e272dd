//! CloudFormation quota rules.

use super::super::{Family, RuleDef};

/// What the rules of "Quotas" share.
const CLOUDFORMATION_QUOTAS: RuleDef = RuleDef::base(Family::CloudFormation, "Quotas");

pub const LIMIT_EXCEEDED: RuleDef = RuleDef {
    code: "limit-exceeded",
    cfn_lint: &["E1002", "E2010", "E2011", "E3010", "E6010", "E7010", "E3001"],
    summary: "More than 500 resources, 200 parameters, 200 outputs or 200 mappings",
    explanation: "More than 500 resources, 200 parameters, 200 outputs or 200 mappings; a template over 1,048,576 bytes; a logical ID over 255 characters (CloudFormation quotas, AWS CloudFormation User Guide). CloudFormation refuses templates over its quotas.",
    example: "501 resources",
    ..CLOUDFORMATION_QUOTAS
};
