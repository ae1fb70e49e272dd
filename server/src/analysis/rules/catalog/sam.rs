//! SAM rules: `Globals`, serverless resources, events, deployment preferences and policies.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "Deployment preferences" share.
const SAM_DEPLOYMENT_PREFERENCES: RuleDef = RuleDef::base(Family::Sam, "Deployment preferences");

/// What the rules of "Events" share.
const SAM_EVENTS: RuleDef = RuleDef::base(Family::Sam, "Events");

/// What the rules of "Functions: code and package type" share.
const SAM_FUNCTIONS_CODE_AND_PACKAGE_TYPE: RuleDef =
    RuleDef::base(Family::Sam, "Functions: code and package type");

/// What the rules of "Globals" share.
const SAM_GLOBALS: RuleDef = RuleDef::base(Family::Sam, "Globals");

/// What the rules of "Policies" share.
const SAM_POLICIES: RuleDef = RuleDef::base(Family::Sam, "Policies");

/// What the rules of "Resources" share.
const SAM_RESOURCES: RuleDef = RuleDef::base(Family::Sam, "Resources");

pub const SAM_INVALID_GLOBALS: RuleDef = RuleDef {
    code: "sam-invalid-globals",
    cfn_lint: &["E3724"],
    summary: "`Globals`, or one of its sections, is not a mapping",
    explanation: "`Globals`, or one of its sections, is not a mapping. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Globals: [Function]`.",
    ..SAM_GLOBALS
};

pub const SAM_UNKNOWN_GLOBALS_SECTION: RuleDef = RuleDef {
    code: "sam-unknown-globals-section",
    cfn_lint: &["E3724"],
    fix: true,
    summary: "A `Globals` section SAM does not know",
    explanation: "A section SAM does not know. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Functions:` (did you mean `Function`).",
    ..SAM_GLOBALS
};

pub const SAM_UNSUPPORTED_GLOBAL_PROPERTY: RuleDef = RuleDef {
    code: "sam-unsupported-global-property",
    cfn_lint: &["E3724"],
    summary: "A property the section may not set, either one of the resource",
    explanation: "A property the section may not set, either one of the resource. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_GLOBALS
};

pub const SAM_DEPRECATED_GLOBAL_RUNTIME: RuleDef = RuleDef {
    code: "sam-deprecated-global-runtime",
    severity: Severity::Warning,
    cfn_lint: &["W2531"],
    fix: true,
    summary: "`Globals.Function.Runtime` is a deprecated Lambda runtime",
    explanation: "`Globals.Function.Runtime` is a deprecated Lambda runtime (fix: its successor). The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_GLOBALS
};

pub const SAM_BLOCKED_GLOBAL_RUNTIME: RuleDef = RuleDef {
    code: "sam-blocked-global-runtime",
    cfn_lint: &["E2531", "E2533"],
    fix: true,
    summary: "`Globals.Function.Runtime` can no longer be used to create functions",
    explanation: "`Globals.Function.Runtime` can no longer be used to create functions. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Runtime: python2.7`.",
    ..SAM_GLOBALS
};

pub const SAM_UNKNOWN_RESOURCE_TYPE: RuleDef = RuleDef {
    code: "sam-unknown-resource-type",
    cfn_lint: &["E3006"],
    fix: true,
    summary: "An `AWS::Serverless::` type SAM does not define",
    explanation: "An `AWS::Serverless::` type SAM does not define. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`AWS::Serverless::Functon` (fix: `AWS::Serverless::Function`).",
    ..SAM_RESOURCES
};

pub const SAM_MISSING_REQUIRED_PROPERTY: RuleDef = RuleDef {
    code: "sam-missing-required-property",
    cfn_lint: &["E3003"],
    summary: "A required property set neither on the resource nor in `Globals`,",
    explanation: "A required property set neither on the resource nor in `Globals`,. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_RESOURCES
};

pub const SAM_MISSING_HANDLER_OR_RUNTIME: RuleDef = RuleDef {
    code: "sam-missing-handler-or-runtime",
    summary: "A zip-packaged function without `Handler` or `Runtime`",
    explanation: "A zip-packaged function (the default) without `Handler` or `Runtime`. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "a function with `CodeUri` and `Runtime` only.",
    ..SAM_FUNCTIONS_CODE_AND_PACKAGE_TYPE
};

pub const SAM_CODE_CONFLICT: RuleDef = RuleDef {
    code: "sam-code-conflict",
    severity: Severity::Warning,
    summary: "Both `CodeUri` and `InlineCode` on one function",
    explanation: "Both `CodeUri` and `InlineCode` on one function. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_FUNCTIONS_CODE_AND_PACKAGE_TYPE
};

pub const SAM_PACKAGE_TYPE_CONFLICT: RuleDef = RuleDef {
    code: "sam-package-type-conflict",
    cfn_lint: &["E3685"],
    summary: "`ImageUri` on a zip package, or `Handler`, `Runtime` or `Layers` on",
    explanation: "`ImageUri` on a zip package, or `Handler`, `Runtime` or `Layers` on. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_FUNCTIONS_CODE_AND_PACKAGE_TYPE
};

pub const SAM_MISSING_IMAGE_URI: RuleDef = RuleDef {
    code: "sam-missing-image-uri",
    summary: "An image function (`PackageType: Image`) without `ImageUri`",
    explanation: "`PackageType: Image` without `ImageUri`, and without `Metadata` with. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_FUNCTIONS_CODE_AND_PACKAGE_TYPE
};

pub const SAM_DEPLOYMENT_PREFERENCE_WITHOUT_ALIAS: RuleDef = RuleDef {
    code: "sam-deployment-preference-without-alias",
    summary: "`DeploymentPreference` without `AutoPublishAlias`",
    explanation: "`DeploymentPreference` (on the resource or in `Globals`). The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_DEPLOYMENT_PREFERENCES
};

pub const SAM_UNKNOWN_DEPLOYMENT_TYPE: RuleDef = RuleDef {
    code: "sam-unknown-deployment-type",
    severity: Severity::Warning,
    summary: "A `Type` close to a predefined one",
    explanation: "A `Type` close to a predefined one (`AllAtOnce`,. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_DEPLOYMENT_PREFERENCES
};

pub const SAM_DEPLOYMENT_HOOK_NOT_FUNCTION: RuleDef = RuleDef {
    code: "sam-deployment-hook-not-function",
    summary: "A `PreTraffic`/`PostTraffic` hook that `!Ref`s something other",
    explanation: "A `PreTraffic`/`PostTraffic` hook that `!Ref`s something other. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_DEPLOYMENT_PREFERENCES
};

pub const SAM_INVALID_EVENT: RuleDef = RuleDef {
    code: "sam-invalid-event",
    cfn_lint: &["E3012", "E3017"],
    summary: "An event that is not a mapping",
    explanation: "An event that is not a mapping. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_EVENTS
};

pub const SAM_MISSING_EVENT_TYPE: RuleDef = RuleDef {
    code: "sam-missing-event-type",
    cfn_lint: &["E3003", "E3017"],
    summary: "An event without `Type`",
    explanation: "An event without `Type`. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_EVENTS
};

pub const SAM_UNKNOWN_EVENT_TYPE: RuleDef = RuleDef {
    code: "sam-unknown-event-type",
    cfn_lint: &["E3030", "E3003", "E3002", "E3017"],
    fix: true,
    summary: "A `Type` the resource type does not take",
    explanation: "A `Type` the resource type does not take. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Type: Shedule` (did you mean `Schedule`).",
    ..SAM_EVENTS
};

pub const SAM_S3_EVENT_BUCKET: RuleDef = RuleDef {
    code: "sam-s3-event-bucket",
    summary: "An S3 event's `Bucket` that is not a `!Ref` to an `AWS::S3::Bucket` of the",
    explanation: "An S3 event's `Bucket` that is not a `!Ref` to an `AWS::S3::Bucket` of the. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "",
    ..SAM_EVENTS
};

pub const SAM_INVALID_POLICY_ARN: RuleDef = RuleDef {
    code: "sam-invalid-policy-arn",
    summary: "An `arn:` string that is not an IAM policy ARN",
    explanation: "An `arn:` string that is not an IAM policy ARN. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`arn:aws:iam::aws:role/X`.",
    ..SAM_POLICIES
};

pub const SAM_INVALID_MANAGED_POLICY: RuleDef = RuleDef {
    code: "sam-invalid-managed-policy",
    summary: "A string that cannot be a managed policy name",
    explanation: "A string that cannot be a managed policy name. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`Read Only`.",
    ..SAM_POLICIES
};

pub const SAM_POLICY_TEMPLATE_WITHOUT_PARAMETERS: RuleDef = RuleDef {
    code: "sam-policy-template-without-parameters",
    summary: "A policy template written as a plain string",
    explanation: "A policy template written as a plain string. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`- S3ReadPolicy` (write `- S3ReadPolicy: {BucketName: ...}`).",
    ..SAM_POLICIES
};

pub const SAM_UNKNOWN_POLICY_TEMPLATE: RuleDef = RuleDef {
    code: "sam-unknown-policy-template",
    fix: true,
    summary: "A mapping key that is neither a policy template nor part of a policy document",
    explanation: "A mapping key that is neither a policy template nor part of a policy document. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`SQSPolicy:` (did you mean `SQSPollerPolicy`).",
    ..SAM_POLICIES
};

pub const SAM_INVALID_POLICY_TEMPLATE: RuleDef = RuleDef {
    code: "sam-invalid-policy-template",
    summary: "Template parameters that are not a mapping",
    explanation: "Template parameters that are not a mapping. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`S3ReadPolicy: my-bucket`.",
    ..SAM_POLICIES
};

pub const SAM_UNKNOWN_POLICY_TEMPLATE_PARAMETER: RuleDef = RuleDef {
    code: "sam-unknown-policy-template-parameter",
    summary: "A parameter the template does not take",
    explanation: "A parameter the template does not take. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`S3ReadPolicy: {Bucket: x}`.",
    ..SAM_POLICIES
};

pub const SAM_MISSING_POLICY_TEMPLATE_PARAMETER: RuleDef = RuleDef {
    code: "sam-missing-policy-template-parameter",
    summary: "A parameter the template needs is not given",
    explanation: "A parameter the template needs is not given. The SAM transform rejects the template (the change set fails to create), or generates resources other than the ones meant.",
    example: "`S3ReadPolicy: {}`.",
    ..SAM_POLICIES
};
