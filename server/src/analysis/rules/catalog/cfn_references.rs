//! CloudFormation rules about references between declarations.

use super::super::{Family, RuleDef};

/// What the rules of "References" share.
const CLOUDFORMATION_REFERENCES: RuleDef = RuleDef::base(Family::CloudFormation, "References");

pub const UNKNOWN_REF: RuleDef = RuleDef {
    code: "unknown-ref",
    cfn_lint: &["E1020", "E1019", "E6101"],
    fix: true,
    summary: "`Ref` or `${Name}` in `Fn::Sub` naming no parameter, resource or pseudo parameter",
    explanation: "`Ref` or `${Name}` in `Fn::Sub` naming no parameter, resource or pseudo parameter. A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`!Ref Buckt` → did you mean `Bucket`?",
    ..CLOUDFORMATION_REFERENCES
};

pub const UNKNOWN_GETATT_RESOURCE: RuleDef = RuleDef {
    code: "unknown-getatt-resource",
    cfn_lint: &["E1010", "E1019", "E6101"],
    fix: true,
    summary: "`Fn::GetAtt` or `${Res.Attr}` naming no resource",
    explanation: "`Fn::GetAtt` or `${Res.Attr}` naming no resource (or a parameter). A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`!GetAtt Nope.Arn`",
    ..CLOUDFORMATION_REFERENCES
};

pub const UNKNOWN_ATTRIBUTE: RuleDef = RuleDef {
    code: "unknown-attribute",
    cfn_lint: &["E1010", "E1019", "E6101"],
    fix: true,
    summary: "An attribute the resource type does not have",
    explanation: "An attribute the resource type does not have (custom resources, nested stack `Outputs.*`, SAM and unknown types accept any). A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`!GetAtt Bucket.Arnn`",
    ..CLOUDFORMATION_REFERENCES
};

pub const UNKNOWN_DEPENDS_ON: RuleDef = RuleDef {
    code: "unknown-depends-on",
    cfn_lint: &["E3005"],
    summary: "`DependsOn` naming no resource",
    explanation: "`DependsOn` naming no resource. A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`DependsOn: [Missing]`",
    ..CLOUDFORMATION_REFERENCES
};

pub const DEPENDS_ON_SELF: RuleDef = RuleDef {
    code: "depends-on-self",
    cfn_lint: &["E3005", "E3004"],
    summary: "A resource that depends on itself",
    explanation: "Resource `A` with `DependsOn: A`. A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "",
    ..CLOUDFORMATION_REFERENCES
};

pub const UNKNOWN_CONDITION: RuleDef = RuleDef {
    code: "unknown-condition",
    cfn_lint: &["E8002", "E3015", "E6005", "E1028"],
    fix: true,
    summary: "Resource/output `Condition`, `Fn::If` or `Condition` naming no condition",
    explanation: "Resource/output `Condition`, `Fn::If` or `Condition` naming no condition. A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`Condition: IsProdd`",
    ..CLOUDFORMATION_REFERENCES
};

pub const UNKNOWN_MAPPING: RuleDef = RuleDef {
    code: "unknown-mapping",
    cfn_lint: &["E1011"],
    fix: true,
    summary: "`Fn::FindInMap` naming no mapping",
    explanation: "`Fn::FindInMap` naming no mapping. A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`!FindInMap [Region, ...]`",
    ..CLOUDFORMATION_REFERENCES
};

pub const UNKNOWN_MAPPING_KEY: RuleDef = RuleDef {
    code: "unknown-mapping-key",
    cfn_lint: &["E1011"],
    fix: true,
    summary: "A literal top-level or second-level key the mapping lacks",
    explanation: "A literal top-level or second-level key the mapping lacks (no default value given). A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`!FindInMap [Regions, us-east-9, Ami]`",
    ..CLOUDFORMATION_REFERENCES
};

pub const RESOURCE_IN_CONDITIONS: RuleDef = RuleDef {
    code: "resource-in-conditions",
    cfn_lint: &["E8001", "E1020"],
    summary: "A condition that reads a resource",
    explanation: "A condition that reads a resource. A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`C: !Equals [!Ref Bucket, x]`",
    ..CLOUDFORMATION_REFERENCES
};

pub const CIRCULAR_DEPENDENCY: RuleDef = RuleDef {
    code: "circular-dependency",
    cfn_lint: &["E3004"],
    summary: "Resources that depend on each other through `DependsOn`, `Ref`, `Fn::GetAtt` or `Fn::Sub`, reported on each resource of the cycle",
    explanation: "Resources that depend on each other through `DependsOn`, `Ref`, `Fn::GetAtt` or `Fn::Sub`, reported on each resource of the cycle. A reference to something the template does not declare fails template validation (\"Unresolved resource dependencies\"), so nothing is deployed.",
    example: "`circular dependency: A → B → A`",
    ..CLOUDFORMATION_REFERENCES
};
