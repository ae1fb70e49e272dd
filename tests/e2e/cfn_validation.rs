//! End-to-end tests: CloudFormation template rules (structure, references,
//! functions, parameters, conditions, outputs, suppression) as an editor and
//! `awsls check` see them.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::client::{binary, file_uri, Client};

/// The codes of the template rules (CloudFormation rules other than those
/// about resource types and properties), as `awsls rules` lists them.
fn rule_codes() -> &'static [String] {
    static CODES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CODES.get_or_init(|| {
        let output = std::process::Command::new(binary())
            .args(["rules", "--format", "json"])
            .output()
            .expect("run awsls rules");
        let rules: Value = serde_json::from_slice(&output.stdout).expect("rules as JSON");
        rules
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["kind"] == "cloudformation" && r["group"] != "Resources and properties")
            .filter_map(|r| r["code"].as_str().map(str::to_string))
            .collect()
    })
}

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/cfn/rules")
        .join(name)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("read fixture")
}

/// The template-rule diagnostics of a fixture opened in the editor, as
/// (code, message, 0-based start line, start character, end character).
fn rule_diagnostics(client: &mut Client, name: &str) -> Vec<(String, String, u64, u64, u64)> {
    let uri = file_uri(name);
    let language = if name.ends_with(".json") {
        "json"
    } else {
        "yaml"
    };
    client.open(&uri, language, 1, &fixture(name));
    let mut out: Vec<_> = client
        .diagnostics_for(&uri, 1)
        .iter()
        .filter(|d| {
            d["code"]
                .as_str()
                .is_some_and(|c| rule_codes().iter().any(|r| r == c))
        })
        .map(|d| {
            let at = |end: &str, key: &str| d["range"][end][key].as_u64().unwrap_or(u64::MAX);
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
                at("start", "line"),
                at("start", "character"),
                at("end", "character"),
            )
        })
        .collect();
    out.sort_by_key(|d| (d.2, d.3));
    out
}

fn codes_and_messages(diagnostics: &[(String, String, u64, u64, u64)]) -> Vec<(String, String)> {
    diagnostics
        .iter()
        .map(|d| (d.0.clone(), d.1.clone()))
        .collect()
}

#[test]
fn broken_template_reports_each_rule_at_its_place() {
    let mut client = Client::start();
    let found = rule_diagnostics(&mut client, "broken.yaml");
    let expected: Vec<(&str, u64, u64, u64)> = vec![
        ("invalid-parameter-type", 3, 10, 15),
        ("unused-parameter", 4, 2, 8),
        ("unused-condition", 7, 2, 8),
        ("unknown-resource-attribute", 11, 4, 18),
        ("unknown-condition", 14, 15, 22),
        ("unknown-ref", 16, 22, 27),
        ("unknown-attribute", 17, 34, 38),
        ("invalid-function-arguments", 18, 31, 32),
        ("missing-output-value", 20, 2, 10),
    ];
    let got: Vec<(&str, u64, u64, u64)> = found
        .iter()
        .map(|d| (d.0.as_str(), d.2, d.3, d.4))
        .collect();
    assert_eq!(got, expected, "{found:#?}");
    let unknown_ref = &found[5].1;
    assert!(
        unknown_ref.contains("did you mean `Bucket`?"),
        "{unknown_ref}"
    );
    client.shutdown();
}

#[test]
fn short_forms_long_forms_and_json_give_the_same_findings() {
    let mut client = Client::start();
    let short = rule_diagnostics(&mut client, "broken.yaml");
    let long = rule_diagnostics(&mut client, "broken-long.yaml");
    let json = rule_diagnostics(&mut client, "broken.json");
    assert_eq!(codes_and_messages(&short), codes_and_messages(&long));
    assert_eq!(codes_and_messages(&short), codes_and_messages(&json));
    // Same lines in both YAML forms.
    let lines = |d: &[(String, String, u64, u64, u64)]| d.iter().map(|x| x.2).collect::<Vec<_>>();
    assert_eq!(lines(&short), lines(&long));
    // In JSON the attribute of `"Bucket.Arnn"` is underlined exactly, quotes excluded.
    let attribute = json
        .iter()
        .find(|d| d.0 == "unknown-attribute")
        .expect("unknown-attribute");
    assert_eq!(
        (attribute.2, attribute.4 - attribute.3),
        (19, 4),
        "{attribute:?}"
    );
    client.shutdown();
}

#[test]
fn a_correct_template_stays_clean() {
    let mut client = Client::start();
    let found = rule_diagnostics(&mut client, "clean.yaml");
    assert!(found.is_empty(), "{found:#?}");
    client.shutdown();
}

#[test]
fn metadata_ignore_suppresses_findings() {
    let mut client = Client::start();
    let found = rule_diagnostics(&mut client, "suppressed.yaml");
    let got: Vec<(&str, u64)> = found.iter().map(|d| (d.0.as_str(), d.2)).collect();
    // Only the reference in `Loud` remains: `Quiet` ignores unknown-ref, the
    // template ignores unused-parameter.
    assert_eq!(got, vec![("unknown-ref", 18)], "{found:#?}");
    client.shutdown();
}

#[test]
fn check_command_reports_the_fixture_folder_as_json() {
    let output = Command::new(binary())
        .args(["check", "--format", "json"])
        .arg(fixture_path(""))
        .output()
        .expect("run awsls check");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let findings: Vec<Value> = match serde_json::from_slice(&output.stdout) {
        Ok(Value::Array(items)) => items,
        other => panic!("expected a JSON array, got {other:?}"),
    };
    let in_file = |name: &str| -> Vec<&Value> {
        findings
            .iter()
            .filter(|f| f["file"].as_str().is_some_and(|p| p.ends_with(name)))
            .filter(|f| {
                f["code"]
                    .as_str()
                    .is_some_and(|c| rule_codes().iter().any(|r| r == c))
            })
            .collect()
    };
    assert!(in_file("clean.yaml").is_empty(), "{findings:#?}");
    let json = in_file("broken.json");
    assert_eq!(json.len(), 9, "{json:#?}");
    // 1-based positions: `"Buckt"` on line 19, the name from column 31.
    assert!(
        json.iter().any(|f| f["code"] == "unknown-ref"
            && f["line"] == 19
            && f["column"] == 31
            && f["end_column"] == 36),
        "{json:#?}"
    );
    let suppressed = in_file("suppressed.yaml");
    assert_eq!(suppressed.len(), 1, "{suppressed:#?}");
}

#[test]
fn the_regions_setting_chooses_where_resource_types_must_exist() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/rules/type-not-in-region/bad.yaml"),
    )
    .expect("read fixture");
    let codes = |client: &mut Client| -> Vec<String> {
        let uri = file_uri("devices.yaml");
        client.open(&uri, "yaml", 1, &text);
        client
            .diagnostics_for(&uri, 1)
            .iter()
            .filter_map(|d| d["code"].as_str().map(str::to_string))
            .collect()
    };
    let mut default = Client::start();
    assert_eq!(codes(&mut default), ["type-not-in-region"]);
    default.shutdown();
    let mut west = Client::start_with(
        serde_json::json!({}),
        Some(serde_json::json!({"regions": ["us-west-2"]})),
    );
    assert!(codes(&mut west).is_empty());
    west.shutdown();
}
