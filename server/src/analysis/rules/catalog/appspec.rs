//! CodeDeploy AppSpec rules.

use super::super::{Family, RuleDef};
use crate::analysis::Severity;

/// What the rules of "AppSpec" share.
const APPSPEC_APPSPEC: RuleDef = RuleDef::base(Family::AppSpec, "AppSpec");

pub const APPSPEC_VERSION: RuleDef = RuleDef {
    code: "appspec-version",
    fix: true,
    summary: "An AppSpec `version` other than 0.0",
    explanation: "`version` is not 0.0. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`version: 1.0`. Fix: set it to 0.0.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_VERSION_MISSING_SPACE: RuleDef = RuleDef {
    code: "appspec-version-missing-space",
    fix: true,
    summary: "No space after the colon, so YAML reads one string",
    explanation: "No space after the colon, so YAML reads one string. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`version:0.0`. Fix: add the space.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_VERSION_STRING: RuleDef = RuleDef {
    code: "appspec-version-string",
    severity: Severity::Warning,
    fix: true,
    summary: "EC2/On-Premises `version` written as a string, which the CodeDeploy agent rejects",
    explanation: "EC2/On-Premises `version` written as a string, which the CodeDeploy agent rejects. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`version: \"0.0\"`. Fix: unquote.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_MISSING_KEY: RuleDef = RuleDef {
    code: "appspec-missing-key",
    fix: true,
    summary: "A required AppSpec key is missing",
    explanation: "A required key is missing. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "no `version`, no `os` on EC2, a `files` entry without `destination`, Lambda `Properties` without `TargetVersion`, ECS `LoadBalancerInfo` without `ContainerPort`. Fix for `version`: add `version: 0.0`.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_UNKNOWN_KEY: RuleDef = RuleDef {
    code: "appspec-unknown-key",
    fix: true,
    summary: "A key the section does not take, with a suggestion",
    explanation: "A key the section does not take, with a suggestion. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`hoks:` (did you mean `hooks`?), `Hooks:` in an EC2 file. Fix: the suggestion.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_WRONG_PLATFORM_KEY: RuleDef = RuleDef {
    code: "appspec-wrong-platform-key",
    summary: "A top-level key of the other kind of platform",
    explanation: "A top-level key of the other kind of platform. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`os: linux` in a Lambda file.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_INVALID_VALUE: RuleDef = RuleDef {
    code: "appspec-invalid-value",
    fix: true,
    summary: "A value outside its set or range",
    explanation: "A value outside its set or range. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`os: linx`, `file_exists_behavior: overwrite`, permission `type: [dir]`, `mode: 0999`, `AssignPublicIp: YES`, `ContainerPort: 70000`, `Weight: 5000`. Fix: the closest valid value, when there is one.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_WRONG_TYPE: RuleDef = RuleDef {
    code: "appspec-wrong-type",
    fix: true,
    summary: "An AppSpec value of the wrong shape",
    explanation: "A value of the wrong shape. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "the whole file a list, `files:` written as a mapping instead of a list; a script written as a bare path (`- scripts/a.sh`, fix: `- location: scripts/a.sh`).",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_EMPTY_VALUE: RuleDef = RuleDef {
    code: "appspec-empty-value",
    summary: "An empty AppSpec value",
    explanation: "An empty value. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`location: \"\"`, `BeforeInstall:` with no scripts.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_UNKNOWN_HOOK: RuleDef = RuleDef {
    code: "appspec-unknown-hook",
    fix: true,
    summary: "An event name that is close to one of the platform's",
    explanation: "An event name that is close to one of the platform's. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`ValidateServce:`; any unknown name on Lambda/ECS. Fix: the suggestion.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_CUSTOM_HOOK: RuleDef = RuleDef {
    code: "appspec-custom-hook",
    severity: Severity::Warning,
    summary: "An EC2 event name that is no CodeDeploy event, which only `codedeploy-local --events` runs",
    explanation: "An EC2 event name that is no CodeDeploy event, which only `codedeploy-local --events` runs. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`WarmCaches:`.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_RESERVED_HOOK: RuleDef = RuleDef {
    code: "appspec-reserved-hook",
    summary: "An event CodeDeploy runs itself, which cannot have scripts or hooks",
    explanation: "An event CodeDeploy runs itself, which cannot have scripts or hooks. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`DownloadBundle:`, `Install:`, `BlockTraffic:`, `AllowTraffic:`, ECS `AllowTestTraffic`.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_WRONG_PLATFORM_HOOK: RuleDef = RuleDef {
    code: "appspec-wrong-platform-hook",
    summary: "An event of another platform, naming the platform it belongs to",
    explanation: "An event of another platform, naming the platform it belongs to. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`ApplicationStop` in an ECS file, `AfterAllowTestTraffic` in an EC2 file.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_HOOKS_SHAPE: RuleDef = RuleDef {
    code: "appspec-hooks-shape",
    fix: true,
    summary: "`hooks` written in the other platform's shape",
    explanation: "`hooks` written in the other platform's shape. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`hooks: - BeforeInstall: ...` on EC2 (a mapping is needed), `Hooks: BeforeAllowTraffic: Fn` on Lambda/ECS (a list is needed). Fix: rewrite the shape.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_TIMEOUT: RuleDef = RuleDef {
    code: "appspec-timeout",
    fix: true,
    summary: "A script `timeout` that is not 1 to 3600 seconds",
    explanation: "A script `timeout` that is not 1 to 3600 seconds. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`timeout: 5400`. Fix: set 3600.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_HOOK_TOTAL_TIMEOUT: RuleDef = RuleDef {
    code: "appspec-hook-total-timeout",
    severity: Severity::Warning,
    summary: "The timeouts of one event's scripts add up to more than 3600 seconds",
    explanation: "The timeouts of one event's scripts add up to more than 3600 seconds. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "two scripts with `timeout: 2000`.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_LINUX_ONLY: RuleDef = RuleDef {
    code: "appspec-linux-only",
    severity_note: Some("error for `permissions`, warning for `runas`"),
    summary: "A Linux-only setting in a file with `os",
    explanation: "A Linux-only setting in a file with `os: windows`. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`runas: admin`.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_RESOURCE_COUNT: RuleDef = RuleDef {
    code: "appspec-resource-count",
    summary: "Lambda/ECS `resources` does not list exactly one resource",
    explanation: "Lambda/ECS `resources` does not list exactly one resource. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "two Lambda functions.",
    ..APPSPEC_APPSPEC
};

pub const APPSPEC_ECS_TARGET_SERVICE: RuleDef = RuleDef {
    code: "appspec-ecs-target-service",
    severity: Severity::Warning,
    summary: "The ECS resource entry is not named `TargetService`",
    explanation: "The ECS resource entry is not named `TargetService`. CodeDeploy reads the AppSpec file only when a deployment runs: a mistake fails the deployment on every instance, function or task.",
    example: "`- Web: {Type: AWS::ECS::Service, ...}`.",
    ..APPSPEC_APPSPEC
};
