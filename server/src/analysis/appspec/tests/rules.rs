//! Each AppSpec rule: a snippet that breaks it (exact code, message, span and
//! fix) and valid files of each platform that give nothing.

use awsls_grammars::Span;

use super::{
    findings, fixed, only, span_of, yaml, EC2_VALID, ECS_VALID, LAMBDA_JSON, LAMBDA_VALID,
};
use crate::analysis::{Finding, Severity};

#[test]
fn valid_files_of_each_platform_have_no_findings() {
    assert_eq!(yaml(EC2_VALID), []);
    assert_eq!(yaml(LAMBDA_VALID), []);
    assert_eq!(yaml(ECS_VALID), []);
    assert_eq!(findings("appspec.json", LAMBDA_JSON), []);
}

#[test]
fn version_other_than_zero() {
    let text = "version: 1.0\nos: linux\n";
    let f = only(
        &yaml(text),
        "appspec-version",
        "`version` must be 0.0, the only AppSpec version, not `1.0`.",
        span_of(text, "1.0", 0),
    );
    assert_eq!(fixed(text, &f), "version: 0.0\nos: linux\n");
}

#[test]
fn version_without_space() {
    let text = "version:0.0\nos: linux\nhooks:\n";
    let found: Vec<Finding> = yaml(text);
    let f = only(
        &found,
        "appspec-version-missing-space",
        "`version:0.0` needs a space after the colon: without it YAML reads one string, not the key `version`.",
        span_of(text, "version:0.0", 0),
    );
    assert_eq!(fixed(text, &f), "version: 0.0\nos: linux\nhooks:\n");
}

#[test]
fn quoted_version_on_ec2_is_a_warning() {
    let text = "version: \"0.0\"\nos: linux\n";
    let f = only(
        &yaml(text),
        "appspec-version-string",
        "`version` is the string \"0.0\": the CodeDeploy agent compares it with the number 0.0 and rejects a string. Write `version: 0.0` without quotes.",
        span_of(text, "\"0.0\"", 0),
    );
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(fixed(text, &f), "version: 0.0\nos: linux\n");
}

#[test]
fn missing_version_and_os() {
    let text = "os: linux\nfiles:\n  - source: /\n    destination: /srv\n";
    let f = only(
        &yaml(text),
        "appspec-missing-key",
        "The AppSpec file has no `version`: CodeDeploy requires `version: 0.0`.",
        span_of(text, "os", 0),
    );
    assert!(yaml(&fixed(text, &f)).is_empty());
    let text = "version: 0.0\nfiles:\n  - source: /\n    destination: /srv\n";
    only(
        &yaml(text),
        "appspec-missing-key",
        "Missing required key `os`: The operating system of the instances the revision is deployed to.",
        span_of(text, "version", 0),
    );
}

#[test]
fn unknown_key_with_suggestion() {
    let text = "version: 0.0\nos: linux\nhoks:\n";
    let f = only(
        &yaml(text),
        "appspec-unknown-key",
        "Unknown key `hoks`. Did you mean `hooks`? Known keys here: version, os, files, permissions, file_exists_behavior, hooks.",
        span_of(text, "hoks", 0),
    );
    assert_eq!(fixed(text, &f), "version: 0.0\nos: linux\nhooks:\n");
}

#[test]
fn capitalised_hooks_are_unknown_on_ec2() {
    let text = "version: 0.0\nos: linux\nHooks:\n";
    let found = yaml(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code(), "appspec-unknown-key");
    assert!(found[0].message.contains("Did you mean `hooks`?"));
}

#[test]
fn values_outside_closed_sets() {
    let text = "version: 0.0\nos: linx\n";
    let f = only(
        &yaml(text),
        "appspec-invalid-value",
        "`linx` is not a valid `os`: use `linux` or `windows`. Did you mean `linux`?",
        span_of(text, "linx", 0),
    );
    assert_eq!(fixed(text, &f), "version: 0.0\nos: linux\n");
    let text = "version: 0.0\nos: linux\nfile_exists_behavior: overwrite\n";
    let f = only(
        &yaml(text),
        "appspec-invalid-value",
        "`overwrite` is not a valid `file_exists_behavior`: use `DISALLOW`, `OVERWRITE` or `RETAIN`. Did you mean `OVERWRITE`?",
        span_of(text, "overwrite", 0),
    );
    assert!(yaml(&fixed(text, &f)).is_empty());
}

#[test]
fn misspelt_hook() {
    let text = "version: 0.0\nos: linux\nhooks:\n  BeforeInstal:\n    - location: a.sh\n";
    let f = only(
        &yaml(text),
        "appspec-unknown-hook",
        "Unknown lifecycle event `BeforeInstal`. Did you mean `BeforeInstall`? EC2/On-Premises events: BeforeBlockTraffic, AfterBlockTraffic, ApplicationStop, BeforeInstall, AfterInstall, ApplicationStart, ValidateService, BeforeAllowTraffic and AfterAllowTraffic.",
        span_of(text, "BeforeInstal", 0),
    );
    assert!(yaml(&fixed(text, &f)).is_empty());
}

#[test]
fn reserved_hooks() {
    let text = "version: 0.0\nos: linux\nhooks:\n  DownloadBundle:\n    - location: a.sh\n";
    only(
        &yaml(text),
        "appspec-reserved-hook",
        "`DownloadBundle` is run by CodeDeploy itself and cannot have scripts. EC2/On-Premises lifecycle events that can: BeforeBlockTraffic, AfterBlockTraffic, ApplicationStop, BeforeInstall, AfterInstall, ApplicationStart, ValidateService, BeforeAllowTraffic and AfterAllowTraffic.",
        span_of(text, "DownloadBundle", 0),
    );
    let text = "version: 0.0\nResources: []\nHooks:\n  - AllowTraffic: Fn\n  - AfterInstall: Fn\n";
    let found = yaml(text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].code(), "appspec-resource-count");
    assert_eq!(found[1].code(), "appspec-reserved-hook");
    assert_eq!(found[1].span, span_of(text, "AllowTraffic", 0));
}

#[test]
fn hook_of_another_platform() {
    let text = LAMBDA_VALID.replace("AfterAllowTraffic", "AfterInstall");
    only(
        &yaml(&text),
        "appspec-wrong-platform-hook",
        "`AfterInstall` is a lifecycle event of EC2/On-Premises and ECS deployments, not Lambda. Lambda hooks: BeforeAllowTraffic and AfterAllowTraffic.",
        span_of(&text, "AfterInstall", 0),
    );
    let text = "version: 0.0\nos: linux\nhooks:\n  AfterAllowTestTraffic:\n    - location: a.sh\n";
    let found = yaml(text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code(), "appspec-wrong-platform-hook");
    assert!(found[0].message.starts_with(
        "`AfterAllowTestTraffic` is a lifecycle event of ECS deployments, not EC2/On-Premises."
    ));
}

#[test]
fn custom_event_is_a_warning() {
    let text = "version: 0.0\nos: linux\nhooks:\n  WarmCaches:\n    - location: a.sh\n";
    let f = only(
        &yaml(text),
        "appspec-custom-hook",
        "`WarmCaches` is not a CodeDeploy lifecycle event: a deployment never runs it (only `codedeploy-local --events WarmCaches` does). EC2/On-Premises events: BeforeBlockTraffic, AfterBlockTraffic, ApplicationStop, BeforeInstall, AfterInstall, ApplicationStart, ValidateService, BeforeAllowTraffic and AfterAllowTraffic.",
        span_of(text, "WarmCaches", 0),
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn ec2_hooks_written_as_a_list() {
    let text = "version: 0.0\nos: linux\nhooks:\n  - BeforeInstall:\n      - location: a.sh\n  - AfterInstall:\n      - location: b.sh\n";
    let f = only(
        &yaml(text),
        "appspec-hooks-shape",
        "On EC2/On-Premises, `hooks` is a mapping from event name to scripts (`BeforeInstall:` then its list of scripts), not a list of `- Event:` items; the list form is for Lambda and ECS.",
        span_of(text, "hooks", 0),
    );
    let repaired = fixed(text, &f);
    assert_eq!(
        repaired,
        "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n      - location: a.sh\n  AfterInstall:\n      - location: b.sh\n"
    );
    assert!(yaml(&repaired).is_empty());
}

#[test]
fn function_hooks_written_as_a_mapping() {
    let text = LAMBDA_VALID.replace(
        "Hooks:\n  - BeforeAllowTraffic: CheckOrdersBefore\n  - AfterAllowTraffic: CheckOrdersAfter\n",
        "Hooks:\n  BeforeAllowTraffic: CheckOrdersBefore\n",
    );
    let f = only(
        &yaml(&text),
        "appspec-hooks-shape",
        "On Lambda, `hooks` is a list of single-key items (`- BeforeAllowTraffic: FunctionName`), not a mapping.",
        span_of(&text, "Hooks", 0),
    );
    assert!(yaml(&fixed(&text, &f)).is_empty());
}

#[test]
fn timeouts() {
    let text = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 4000\n";
    let f = only(
        &yaml(text),
        "appspec-timeout",
        "`timeout` is 4000 seconds, over the maximum of 3600 (one hour) a lifecycle event may run.",
        span_of(text, "4000", 0),
    );
    assert_eq!(fixed(text, &f), text.replace("4000", "3600"));
    let text = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 5m\n";
    only(
        &yaml(text),
        "appspec-timeout",
        "`timeout` must be a whole number of seconds from 1 to 3600.",
        span_of(text, "5m", 0),
    );
    let text = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 2000\n    - location: b.sh\n      timeout: 2000\n";
    let f = only(
        &yaml(text),
        "appspec-hook-total-timeout",
        "The timeouts of `AfterInstall` add up to 4000 seconds, but all scripts of one event must finish within 3600 seconds.",
        span_of(text, "AfterInstall", 0),
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn linux_only_settings_on_windows() {
    let text = "version: 0.0\nos: windows\nhooks:\n  AfterInstall:\n    - location: a.ps1\n      runas: admin\n";
    let f = only(
        &yaml(text),
        "appspec-linux-only",
        "`runas` applies to Linux instances only: on Windows Server, scripts run as the user running the CodeDeploy agent.",
        span_of(text, "runas", 0),
    );
    assert_eq!(f.severity, Severity::Warning);
    let text = "version: 0.0\nos: windows\npermissions:\n  - object: C:\\app\n";
    let f = only(
        &yaml(text),
        "appspec-linux-only",
        "`permissions` applies to Linux instances only: a deployment to Windows Server instances fails when it is set.",
        span_of(text, "permissions", 0),
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn empty_values() {
    let text = "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: \"\"\n";
    only(
        &yaml(text),
        "appspec-empty-value",
        "`location` is empty.",
        span_of(text, "\"\"", 0),
    );
    let text = "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n";
    only(
        &yaml(text),
        "appspec-empty-value",
        "`BeforeInstall` lists no scripts: give it a list of `- location: script` entries or remove it.",
        span_of(text, "BeforeInstall", 0),
    );
}

#[test]
fn script_entries_need_a_location() {
    let text = "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - locaton: a.sh\n";
    let found = yaml(text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].code(), "appspec-unknown-key");
    assert!(found[0]
        .message
        .starts_with("Unknown key `locaton`. Did you mean `location`?"));
    assert_eq!(found[1].code(), "appspec-missing-key");
    assert_eq!(found[1].span, span_of(text, "locaton", 0));
}

#[test]
fn wrong_types() {
    let text = "version: 0.0\nos: linux\nfiles:\n  source: /\n  destination: /srv\n";
    only(
        &yaml(text),
        "appspec-wrong-type",
        "`files` must be a list, not a mapping.",
        Span::new(span_of(text, "source", 0).start, text.trim_end().len()),
    );
}

#[test]
fn scripts_written_as_bare_paths() {
    let text = "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - scripts/a.sh\n";
    let f = only(
        &yaml(text),
        "appspec-wrong-type",
        "Each script of `AfterInstall` is a mapping with `location` (and optionally `timeout` and `runas`): write `- location: scripts/a.sh`.",
        span_of(text, "scripts/a.sh", 0),
    );
    assert!(yaml(&fixed(text, &f)).is_empty());
    let text = r#"{"version": 0.0, "os": "linux", "hooks": {"AfterInstall": ["a.sh"]}}"#;
    let found = findings("appspec.json", text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let repaired = fixed(text, &found[0]);
    assert_eq!(
        repaired,
        r#"{"version": 0.0, "os": "linux", "hooks": {"AfterInstall": [{"location": "a.sh"}]}}"#
    );
    assert!(findings("appspec.json", &repaired).is_empty());
}

#[test]
fn root_that_is_not_a_mapping() {
    let text = "- version: 0.0\n";
    only(
        &yaml(text),
        "appspec-wrong-type",
        "An AppSpec file is a mapping of `version`, `os`, `files`, `resources`, `hooks` and so on, not a list.",
        Span::new(0, text.len() - 1),
    );
}

#[test]
fn permissions_values() {
    let text = "version: 0.0\nos: linux\npermissions:\n  - object: /srv\n    mode: 0999\n    type: [file, dir]\n";
    let found = yaml(text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].message,
        "`mode` must be octal permissions such as 644 or \"0755\", not `0999`."
    );
    assert_eq!(found[0].span, span_of(text, "0999", 0));
    assert_eq!(found[1].code(), "appspec-invalid-value");
    assert_eq!(found[1].span, span_of(text, "dir", 0));
}

#[test]
fn lambda_resources() {
    let text = LAMBDA_VALID.replace("        TargetVersion: \"4\"\n", "");
    only(
        &yaml(&text),
        "appspec-missing-key",
        "Missing required key `TargetVersion`: The version the alias shifts traffic to.",
        span_of(&text, "Properties", 0),
    );
    let text = "version: 0.0\nResources:\n  - a:\n      Type: AWS::Lambda::Function\n      Properties: {Name: a, Alias: l, CurrentVersion: 1, TargetVersion: 2}\n  - b:\n      Type: AWS::Lambda::Function\n      Properties: {Name: b, Alias: l, CurrentVersion: 1, TargetVersion: 2}\n";
    only(
        &yaml(text),
        "appspec-resource-count",
        "`resources` must list exactly one Lambda function; it lists 2.",
        span_of(text, "Resources", 0),
    );
}

#[test]
fn ecs_resources() {
    let text = ECS_VALID
        .replace("8080", "80800")
        .replace("DISABLED", "disabled");
    let found = yaml(&text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].message,
        "`ContainerPort` must be a whole number from 1 to 65535."
    );
    assert_eq!(found[0].span, span_of(&text, "80800", 0));
    assert_eq!(found[1].code(), "appspec-invalid-value");
    assert_eq!(found[1].span, span_of(&text, "disabled", 0));
    let text = ECS_VALID.replace("TargetService", "Web");
    let at = span_of(&text, "Web:", 0).start;
    let f = only(
        &yaml(&text),
        "appspec-ecs-target-service",
        "The ECS service entry is named `TargetService` in CodeDeploy AppSpec files, not `Web`.",
        Span::new(at, at + 3),
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn ec2_keys_in_a_lambda_file() {
    let text = LAMBDA_VALID.replace("version: 0.0\n", "version: 0.0\nos: linux\n");
    only(
        &yaml(&text),
        "appspec-wrong-platform-key",
        "`os` belongs to EC2/On-Premises AppSpec files; this one deploys to Lambda.",
        span_of(&text, "os", 0),
    );
}
