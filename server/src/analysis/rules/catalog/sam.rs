//! SAM rules: `Globals`, serverless resources, events, deployment preferences and policies.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

pub const SAM_INVALID_GLOBALS: RuleDef = RuleDef {
    code: "sam-invalid-globals",
    family: Family::Sam,
    group: "Globals",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3724"],
    fix: false,
    summary: "`Globals`, or one of its sections, is not a mapping",
    explanation: "`Globals`, or one of its sections, is not a mapping. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Globals: [Function]`.",
};

pub const SAM_UNKNOWN_GLOBALS_SECTION: RuleDef = RuleDef {
    code: "sam-unknown-globals-section",
    family: Family::Sam,
    group: "Globals",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3724"],
    fix: true,
    summary: "A section SAM does not know",
    explanation: "A section SAM does not know. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Functions:` (did you mean `Function`).",
};

pub const SAM_UNSUPPORTED_GLOBAL_PROPERTY: RuleDef = RuleDef {
    code: "sam-unsupported-global-property",
    family: Family::Sam,
    group: "Globals",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3724"],
    fix: false,
    summary: "A property the section may not set, either one of the resource",
    explanation: "A property the section may not set, either one of the resource. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_DEPRECATED_GLOBAL_RUNTIME: RuleDef = RuleDef {
    code: "sam-deprecated-global-runtime",
    family: Family::Sam,
    group: "Globals",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &["W2531"],
    fix: true,
    summary: "`Globals.Function.Runtime` is a deprecated Lambda runtime",
    explanation: "`Globals.Function.Runtime` is a deprecated Lambda runtime (fix: its successor). The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_BLOCKED_GLOBAL_RUNTIME: RuleDef = RuleDef {
    code: "sam-blocked-global-runtime",
    family: Family::Sam,
    group: "Globals",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E2531", "E2533"],
    fix: true,
    summary: "`Globals.Function.Runtime` can no longer be used to create functions",
    explanation: "`Globals.Function.Runtime` can no longer be used to create functions. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Runtime: python2.7`.",
};

pub const SAM_UNKNOWN_RESOURCE_TYPE: RuleDef = RuleDef {
    code: "sam-unknown-resource-type",
    family: Family::Sam,
    group: "Resources",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3006"],
    fix: true,
    summary: "An `AWS::Serverless::` type SAM does not define",
    explanation: "An `AWS::Serverless::` type SAM does not define. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`AWS::Serverless::Functon` (fix: `AWS::Serverless::Function`).",
};

pub const SAM_MISSING_REQUIRED_PROPERTY: RuleDef = RuleDef {
    code: "sam-missing-required-property",
    family: Family::Sam,
    group: "Resources",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3003"],
    fix: false,
    summary: "A required property set neither on the resource nor in `Globals`,",
    explanation: "A required property set neither on the resource nor in `Globals`,. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_MISSING_HANDLER_OR_RUNTIME: RuleDef = RuleDef {
    code: "sam-missing-handler-or-runtime",
    family: Family::Sam,
    group: "Functions: code and package type",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A zip-packaged function",
    explanation: "A zip-packaged function (the default) without `Handler` or `Runtime`. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "a function with `CodeUri` and `Runtime` only.",
};

pub const SAM_CODE_CONFLICT: RuleDef = RuleDef {
    code: "sam-code-conflict",
    family: Family::Sam,
    group: "Functions: code and package type",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "Both `CodeUri` and `InlineCode` on one function",
    explanation: "Both `CodeUri` and `InlineCode` on one function. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_PACKAGE_TYPE_CONFLICT: RuleDef = RuleDef {
    code: "sam-package-type-conflict",
    family: Family::Sam,
    group: "Functions: code and package type",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3685"],
    fix: false,
    summary: "`ImageUri` on a zip package, or `Handler`, `Runtime` or `Layers` on",
    explanation: "`ImageUri` on a zip package, or `Handler`, `Runtime` or `Layers` on. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_MISSING_IMAGE_URI: RuleDef = RuleDef {
    code: "sam-missing-image-uri",
    family: Family::Sam,
    group: "Functions: code and package type",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`PackageType",
    explanation: "`PackageType: Image` without `ImageUri`, and without `Metadata` with. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_DEPLOYMENT_PREFERENCE_WITHOUT_ALIAS: RuleDef = RuleDef {
    code: "sam-deployment-preference-without-alias",
    family: Family::Sam,
    group: "Deployment preferences",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "`DeploymentPreference`",
    explanation: "`DeploymentPreference` (on the resource or in `Globals`). The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_UNKNOWN_DEPLOYMENT_TYPE: RuleDef = RuleDef {
    code: "sam-unknown-deployment-type",
    family: Family::Sam,
    group: "Deployment preferences",
    severity: Severity::Warning,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A `Type` close to a predefined one",
    explanation: "A `Type` close to a predefined one (`AllAtOnce`,. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_DEPLOYMENT_HOOK_NOT_FUNCTION: RuleDef = RuleDef {
    code: "sam-deployment-hook-not-function",
    family: Family::Sam,
    group: "Deployment preferences",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A `PreTraffic`/`PostTraffic` hook that `!Ref`s something other",
    explanation: "A `PreTraffic`/`PostTraffic` hook that `!Ref`s something other. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_INVALID_EVENT: RuleDef = RuleDef {
    code: "sam-invalid-event",
    family: Family::Sam,
    group: "Events",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3012", "E3017"],
    fix: false,
    summary: "An event that is not a mapping",
    explanation: "An event that is not a mapping. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_MISSING_EVENT_TYPE: RuleDef = RuleDef {
    code: "sam-missing-event-type",
    family: Family::Sam,
    group: "Events",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3003"],
    fix: false,
    summary: "An event without `Type`",
    explanation: "An event without `Type`. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_UNKNOWN_EVENT_TYPE: RuleDef = RuleDef {
    code: "sam-unknown-event-type",
    family: Family::Sam,
    group: "Events",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &["E3030", "E3003", "E3002"],
    fix: true,
    summary: "A `Type` the resource type does not take",
    explanation: "A `Type` the resource type does not take. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Type: Shedule` (did you mean `Schedule`).",
};

pub const SAM_S3_EVENT_BUCKET: RuleDef = RuleDef {
    code: "sam-s3-event-bucket",
    family: Family::Sam,
    group: "Events",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "An S3 event's `Bucket` that is not a `!Ref` to an `AWS::S3::Bucket` of the",
    explanation: "An S3 event's `Bucket` that is not a `!Ref` to an `AWS::S3::Bucket` of the. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
};

pub const SAM_INVALID_POLICY_ARN: RuleDef = RuleDef {
    code: "sam-invalid-policy-arn",
    family: Family::Sam,
    group: "Policies",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "An `arn:` string that is not an IAM policy ARN",
    explanation: "An `arn:` string that is not an IAM policy ARN. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`arn:aws:iam::aws:role/X`.",
};

pub const SAM_INVALID_MANAGED_POLICY: RuleDef = RuleDef {
    code: "sam-invalid-managed-policy",
    family: Family::Sam,
    group: "Policies",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A string that cannot be a managed policy name",
    explanation: "A string that cannot be a managed policy name. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Read Only`.",
};

pub const SAM_POLICY_TEMPLATE_WITHOUT_PARAMETERS: RuleDef = RuleDef {
    code: "sam-policy-template-without-parameters",
    family: Family::Sam,
    group: "Policies",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A policy template written as a plain string",
    explanation: "A policy template written as a plain string. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`- S3ReadPolicy` (write `- S3ReadPolicy: {BucketName: ...}`).",
};

pub const SAM_UNKNOWN_POLICY_TEMPLATE: RuleDef = RuleDef {
    code: "sam-unknown-policy-template",
    family: Family::Sam,
    group: "Policies",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: true,
    summary: "A mapping key that is neither a policy template nor part of a policy document",
    explanation: "A mapping key that is neither a policy template nor part of a policy document. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`SQSPolicy:` (did you mean `SQSPollerPolicy`).",
};

pub const SAM_INVALID_POLICY_TEMPLATE: RuleDef = RuleDef {
    code: "sam-invalid-policy-template",
    family: Family::Sam,
    group: "Policies",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "Template parameters that are not a mapping",
    explanation: "Template parameters that are not a mapping. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`S3ReadPolicy: my-bucket`.",
};

pub const SAM_UNKNOWN_POLICY_TEMPLATE_PARAMETER: RuleDef = RuleDef {
    code: "sam-unknown-policy-template-parameter",
    family: Family::Sam,
    group: "Policies",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A parameter the template does not take",
    explanation: "A parameter the template does not take. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`S3ReadPolicy: {Bucket: x}`.",
};

pub const SAM_MISSING_POLICY_TEMPLATE_PARAMETER: RuleDef = RuleDef {
    code: "sam-missing-policy-template-parameter",
    family: Family::Sam,
    group: "Policies",
    severity: Severity::Error,
    severity_note: None,
    cfn_lint: &[],
    fix: false,
    summary: "A parameter the template needs is not given",
    explanation: "A parameter the template needs is not given. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`S3ReadPolicy: {}`.",
};
