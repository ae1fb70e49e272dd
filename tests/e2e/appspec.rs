//! End-to-end tests: CodeDeploy AppSpec files of the three platforms
//! (EC2/On-Premises, Lambda, ECS) through the language server and `awsls check`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};

use crate::client::{binary, edits_in, file_uri, Client};

const EC2_VALID: &str = include_str!("../fixtures/appspec/valid/ec2-linux/appspec.yml");
const EC2_INVALID: &str = include_str!("../fixtures/appspec/invalid/ec2/appspec.yml");
const LAMBDA_VALID: &str = include_str!("../fixtures/appspec/valid/lambda/appspec.yaml");
const LAMBDA_INVALID: &str = include_str!("../fixtures/appspec/invalid/lambda/appspec.yml");
const ECS_VALID: &str = include_str!("../fixtures/appspec/valid/ecs/appspec.yml");
const ECS_JSON_VALID: &str = include_str!("../fixtures/appspec/valid/ecs-json/appspec.json");
const ECS_INVALID: &str = include_str!("../fixtures/appspec/invalid/ecs/appspec.json");

/// The LSP position (line, UTF-16 column) of the `nth` occurrence of `needle`.
fn position_of(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("`{needle}` not in text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].encode_utf16().count() as u32)
}

/// (code, line) of each diagnostic, sorted.
fn codes_and_lines(diagnostics: &[Value]) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap_or(u64::MAX),
            )
        })
        .collect();
    out.sort();
    out
}

fn open_and_diagnose(client: &mut Client, name: &str, language: &str, text: &str) -> Vec<Value> {
    let uri = file_uri(name);
    client.open(&uri, language, 1, text);
    client.diagnostics_for(&uri, 1)
}

#[test]
fn valid_files_of_each_platform_have_no_diagnostics() {
    let mut client = Client::start();
    for (name, language, text) in [
        ("ec2/appspec.yml", "yaml", EC2_VALID),
        ("lambda/appspec.yaml", "yaml", LAMBDA_VALID),
        ("ecs/appspec.yml", "yaml", ECS_VALID),
        ("ecs-json/appspec.json", "json", ECS_JSON_VALID),
    ] {
        let diagnostics = open_and_diagnose(&mut client, name, language, text);
        assert_eq!(diagnostics, Vec::<Value>::new(), "{name}");
    }
    client.shutdown();
}

#[test]
fn invalid_ec2_file_reports_each_mistake() {
    let mut client = Client::start();
    let diagnostics = open_and_diagnose(&mut client, "shop/appspec.yml", "yaml", EC2_INVALID);
    let expected: Vec<(String, u64)> = [
        ("appspec-invalid-value", 5),
        ("appspec-missing-key", 3),
        ("appspec-reserved-hook", 10),
        ("appspec-timeout", 9),
        ("appspec-unknown-hook", 14),
        ("appspec-unknown-key", 4),
        ("appspec-wrong-platform-hook", 12),
    ]
    .iter()
    .map(|(c, l)| (c.to_string(), *l))
    .collect();
    assert_eq!(codes_and_lines(&diagnostics), expected, "{diagnostics:#?}");
    let timeout = diagnostics
        .iter()
        .find(|d| d["code"] == "appspec-timeout")
        .expect("timeout diagnostic");
    assert_eq!(
        timeout["message"],
        "`timeout` is 5400 seconds, over the maximum of 3600 (one hour) a lifecycle event may run."
    );
    assert_eq!(timeout["severity"], 1);
    let hook = diagnostics
        .iter()
        .find(|d| d["code"] == "appspec-wrong-platform-hook")
        .expect("wrong platform diagnostic");
    assert!(
        hook["message"]
            .as_str()
            .is_some_and(|m| m
                .starts_with("`AfterAllowTestTraffic` is a lifecycle event of ECS deployments")),
        "{hook}"
    );
    client.shutdown();
}

#[test]
fn invalid_lambda_and_ecs_files_report_each_mistake() {
    let mut client = Client::start();
    let diagnostics = open_and_diagnose(&mut client, "orders/appspec.yml", "yaml", LAMBDA_INVALID);
    let expected: Vec<(String, u64)> = vec![
        ("appspec-missing-key".to_string(), 4),
        ("appspec-reserved-hook".to_string(), 10),
        ("appspec-wrong-platform-hook".to_string(), 9),
    ];
    assert_eq!(codes_and_lines(&diagnostics), expected, "{diagnostics:#?}");

    let diagnostics = open_and_diagnose(&mut client, "checkout/appspec.json", "json", ECS_INVALID);
    let expected: Vec<(String, u64)> = vec![
        ("appspec-invalid-value".to_string(), 10),
        ("appspec-missing-key".to_string(), 8),
        ("appspec-version".to_string(), 1),
        ("appspec-wrong-platform-hook".to_string(), 17),
    ];
    assert_eq!(codes_and_lines(&diagnostics), expected, "{diagnostics:#?}");
    client.shutdown();
}

fn hover_markdown(client: &mut Client, uri: &str, text: &str, needle: &str, nth: usize) -> String {
    let (line, character) = position_of(text, needle, nth);
    let hover = client.hover(uri, line, character + 1);
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn hover_on_events_explains_them_in_order() {
    let mut client = Client::start();
    let ec2 = file_uri("shop/appspec.yml");
    client.open(&ec2, "yaml", 1, EC2_VALID);
    let markdown = hover_markdown(&mut client, &ec2, EC2_VALID, "AfterInstall", 0);
    assert!(
        markdown.starts_with("**AfterInstall** (EC2/On-Premises lifecycle event)"),
        "{markdown}"
    );
    assert!(markdown.contains("8. **AfterInstall**"), "{markdown}");

    let lambda = file_uri("orders/appspec.yaml");
    client.open(&lambda, "yaml", 1, LAMBDA_VALID);
    let markdown = hover_markdown(&mut client, &lambda, LAMBDA_VALID, "BeforeAllowTraffic", 0);
    assert!(markdown.contains("Lifecycle order (Lambda)"), "{markdown}");
    assert!(markdown.contains("1. **BeforeAllowTraffic**"), "{markdown}");

    let ecs = file_uri("store/appspec.yml");
    client.open(&ecs, "yaml", 1, ECS_VALID);
    let markdown = hover_markdown(&mut client, &ecs, ECS_VALID, "AfterAllowTestTraffic", 0);
    assert!(
        markdown.contains("5. **AfterAllowTestTraffic**"),
        "{markdown}"
    );
    let markdown = hover_markdown(&mut client, &ecs, ECS_VALID, "AssignPublicIp", 0);
    assert!(markdown.contains("- `ENABLED`"), "{markdown}");
    client.shutdown();
}

fn completion_labels(
    client: &mut Client,
    uri: &str,
    line: u32,
    character: u32,
) -> Vec<(String, Value)> {
    let mut items = client.completion(uri, line, character);
    items.sort_by(|a, b| {
        a["sortText"]
            .as_str()
            .cmp(&b["sortText"].as_str())
            .then(a["label"].as_str().cmp(&b["label"].as_str()))
    });
    items
        .into_iter()
        .map(|i| {
            (
                i["label"].as_str().unwrap_or_default().to_string(),
                i["textEdit"]["range"].clone(),
            )
        })
        .collect()
}

#[test]
fn completion_offers_hooks_in_lifecycle_order() {
    let mut client = Client::start();
    let text =
        "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: stop.sh\n  Af\n";
    let uri = file_uri("shop/appspec.yml");
    client.open(&uri, "yaml", 1, text);
    let items = completion_labels(&mut client, &uri, 5, 4);
    let labels: Vec<&str> = items.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "BeforeBlockTraffic",
            "AfterBlockTraffic",
            "BeforeInstall",
            "AfterInstall",
            "ApplicationStart",
            "ValidateService",
            "BeforeAllowTraffic",
            "AfterAllowTraffic"
        ]
    );
    let range = &items[0].1;
    assert_eq!(range["start"], json!({"line": 5, "character": 2}));
    assert_eq!(range["end"], json!({"line": 5, "character": 4}));

    let text = "version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\nHooks:\n  - \n";
    let uri = file_uri("store/appspec.yml");
    client.open(&uri, "yaml", 1, text);
    let labels: Vec<String> = completion_labels(&mut client, &uri, 5, 4)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(
        labels,
        [
            "BeforeInstall",
            "AfterInstall",
            "AfterAllowTestTraffic",
            "BeforeAllowTraffic",
            "AfterAllowTraffic"
        ]
    );

    let text =
        "version: 0.0\nResources:\n  - fn:\n      Type: AWS::Lambda::Function\nHooks:\n  - \n";
    let uri = file_uri("orders/appspec.yml");
    client.open(&uri, "yaml", 1, text);
    let labels: Vec<String> = completion_labels(&mut client, &uri, 5, 4)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(labels, ["BeforeAllowTraffic", "AfterAllowTraffic"]);
    client.shutdown();
}

#[test]
fn completion_offers_script_keys_and_os_values() {
    let mut client = Client::start();
    let text = "version: 0.0\nos: \nhooks:\n  BeforeInstall:\n    - location: a.sh\n      \n";
    let uri = file_uri("shop/appspec.yml");
    client.open(&uri, "yaml", 1, text);
    let labels: Vec<String> = completion_labels(&mut client, &uri, 1, 4)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(labels, ["linux", "windows"]);
    let labels: Vec<String> = completion_labels(&mut client, &uri, 5, 6)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(labels, ["timeout", "runas"]);
    client.shutdown();
}

fn fixtures(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/appspec")
        .join(path)
}

fn check_json(path: &str) -> (Option<i32>, Vec<Value>) {
    let output = Command::new(binary())
        .args(["check", "--format", "json"])
        .arg(fixtures(path))
        .output()
        .expect("run awsls check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let findings = match serde_json::from_str::<Value>(&stdout) {
        Ok(Value::Array(items)) => items,
        other => panic!("expected a JSON array, got {other:?} from {stdout}"),
    };
    (output.status.code(), findings)
}

#[test]
fn check_command_passes_valid_files_and_fails_invalid_ones() {
    let (status, findings) = check_json("valid");
    assert_eq!(findings, Vec::<Value>::new());
    assert_eq!(status, Some(0));
    let (status, findings) = check_json("invalid");
    assert_eq!(status, Some(1));
    for folder in ["invalid/ec2/", "invalid/lambda/", "invalid/ecs/"] {
        assert!(
            findings
                .iter()
                .any(|f| f["file"].as_str().is_some_and(|p| p.contains(folder))
                    && f["kind"] == "appspec"
                    && f["severity"] == "error"),
            "{folder}: {findings:#?}"
        );
    }
}

/// Applies LSP text edits (ASCII text) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        let character = p["character"].as_u64().unwrap_or(0) as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        line_start + character
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, &new_text);
    }
    out
}

fn replace_text(client: &mut Client, uri: &str, version: i32, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

/// The edits of the quick fix offered at `needle` whose title contains `title`.
fn quick_fix(client: &mut Client, uri: &str, text: &str, needle: &str, title: &str) -> Vec<Value> {
    let (line, character) = position_of(text, needle, 0);
    let position = json!({"line": line, "character": character});
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": position, "end": position}, "context": {"diagnostics": []}}),
    );
    let actions = result.as_array().cloned().unwrap_or_default();
    let action = actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains(title)))
        .unwrap_or_else(|| panic!("no `{title}` fix in {actions:#?}"));
    assert_eq!(action["kind"], "quickfix");
    edits_in(action, uri)
}

#[test]
fn quick_fixes_repair_common_mistakes() {
    let mut client = Client::start();
    let text = "version:0.0\nos: linux\nhooks:\n  - BeforeInstall:\n      - location: a.sh\n        timeout: 7200\n";
    let uri = file_uri("fixes/appspec.yml");
    client.open(&uri, "yaml", 1, text);
    let edits = quick_fix(&mut client, &uri, text, "version:0.0", "space");
    let text = apply(text, &edits);
    assert!(text.starts_with("version: 0.0\n"), "{text}");

    replace_text(&mut client, &uri, 2, &text);
    let edits = quick_fix(&mut client, &uri, &text, "hooks", "mapping");
    let text = apply(&text, &edits);
    assert!(text.contains("hooks:\n  BeforeInstall:\n"), "{text}");

    replace_text(&mut client, &uri, 3, &text);
    let edits = quick_fix(&mut client, &uri, &text, "7200", "3600");
    let text = apply(&text, &edits);
    assert!(text.ends_with("timeout: 3600\n"), "{text}");

    replace_text(&mut client, &uri, 4, &text);
    assert_eq!(client.diagnostics_for(&uri, 4), Vec::<Value>::new());
    client.shutdown();
}
