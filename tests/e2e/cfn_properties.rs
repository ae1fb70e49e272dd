//! End-to-end tests: resource types and properties checked against the
//! embedded schemas, over the protocol (YAML and JSON) and with `awsls check`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::client::{binary, file_uri, Client};

const GOOD_YAML: &str = include_str!("../fixtures/cfn/properties/good.yaml");
const GOOD_JSON: &str = include_str!("../fixtures/cfn/properties/good.json");
const BAD_YAML: &str = include_str!("../fixtures/cfn/properties/bad.yaml");
const BAD_JSON: &str = include_str!("../fixtures/cfn/properties/bad.json");

/// The rule codes of the property checks.
const CODES: &[&str] = &[
    "unknown-resource-type",
    "unknown-property",
    "missing-required-property",
    "exclusive-properties",
    "invalid-type",
    "invalid-enum",
    "invalid-value",
    "invalid-pattern",
    "invalid-length",
    "invalid-item-count",
    "duplicate-items",
    "out-of-range",
    "deprecated-lambda-runtime",
    "blocked-lambda-runtime",
];

fn ours(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| CODES.contains(&c)))
        .collect()
}

/// `(code, line, character, message)` with 0-based LSP positions.
fn summary(diagnostic: &Value) -> (String, u64, u64, String) {
    let start = &diagnostic["range"]["start"];
    (
        diagnostic["code"].as_str().unwrap_or_default().to_string(),
        start["line"].as_u64().unwrap_or(u64::MAX),
        start["character"].as_u64().unwrap_or(u64::MAX),
        diagnostic["message"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

fn diagnostics(name: &str, language: &str, text: &str) -> Vec<Value> {
    let mut client = Client::start();
    let uri = file_uri(name);
    client.open(&uri, language, 1, text);
    let found = client.diagnostics_for(&uri, 1);
    client.shutdown();
    found
}

fn expect(found: &[&Value], expected: &[(&str, u64, u64, &str)]) {
    let actual: Vec<(String, u64, u64, String)> = found.iter().map(|d| summary(d)).collect();
    let wanted: Vec<(String, u64, u64, String)> = expected
        .iter()
        .map(|(c, l, ch, m)| (c.to_string(), *l, *ch, m.to_string()))
        .collect();
    assert_eq!(actual, wanted);
}

#[test]
fn valid_templates_stay_clean() {
    for (name, language, text) in [
        ("good.yaml", "yaml", GOOD_YAML),
        ("good.json", "json", GOOD_JSON),
    ] {
        let found = diagnostics(name, language, text);
        assert!(ours(&found).is_empty(), "{name}: {found:#?}");
    }
}

#[test]
fn yaml_mistakes_are_reported_where_they_are() {
    let found = diagnostics("bad.yaml", "yaml", BAD_YAML);
    let found = ours(&found);
    expect(
        &found,
        &[
            ("unknown-property", 5, 6, "`BuketName` is not a property of `AWS::S3::Bucket`; did you mean `BucketName`?"),
            ("invalid-enum", 7, 16, "`enabled` is not an allowed value for `Status`; did you mean `Enabled`?"),
            ("out-of-range", 11, 20, "`DelaySeconds` must be at most 900, found 901"),
            ("invalid-type", 12, 17, "`FifoQueue` expects a boolean (`true` or `false`), found the string `maybe`"),
            ("missing-required-property", 15, 4, "`AWS::Lambda::Function` is missing the required property `Role`"),
            (
                "blocked-lambda-runtime",
                16,
                15,
                "The Lambda runtime `python2.7` can no longer be used to create functions (blocked since 2021-07-15); use `python3.14` instead",
            ),
            (
                "unknown-resource-type",
                21,
                10,
                "`AWS::CloudWatch::Alarmm` is not a CloudFormation resource type; did you mean `AWS::CloudWatch::Alarm`?",
            ),
        ],
    );
    assert!(found.iter().all(|d| d["severity"] == 1), "{found:#?}");
}

#[test]
fn json_mistakes_are_reported_where_they_are() {
    let found = diagnostics("bad.json", "json", BAD_JSON);
    let found = ours(&found);
    expect(
        &found,
        &[
            ("unknown-property", 5, 8, "`QueueNam` is not a property of `AWS::SQS::Queue`; did you mean `QueueName`?"),
            ("invalid-type", 6, 29, "`VisibilityTimeout` expects an integer, found the string `soon`"),
            (
                "invalid-type",
                12,
                24,
                "`Subscription` expects a list, found the string `ops@example.com`; write it as a list, e.g. `[value]`",
            ),
            ("missing-required-property", 15, 4, "`AWS::Lambda::Function` is missing the required properties `Code` and `Role`"),
        ],
    );
}

#[test]
fn deprecated_runtime_is_a_tagged_warning() {
    let text = BAD_YAML.replace("python2.7", "python3.8");
    let found = diagnostics("deprecated.yaml", "yaml", &text);
    let runtime: Vec<&Value> = found
        .iter()
        .filter(|d| d["code"] == "deprecated-lambda-runtime")
        .collect();
    assert_eq!(runtime.len(), 1, "{found:#?}");
    assert_eq!(runtime[0]["severity"], 2);
    assert_eq!(runtime[0]["tags"], serde_json::json!([2]));
}

#[test]
fn check_reports_the_fixture_folder() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/cfn/properties");
    let output = Command::new(binary())
        .args(["check", "--format", "json"])
        .arg(&folder)
        .output()
        .expect("run awsls check");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON findings");
    let count = |file: &str| {
        findings
            .iter()
            .filter(|f| f["file"].as_str().is_some_and(|p| p.ends_with(file)))
            .filter(|f| f["code"].as_str().is_some_and(|c| CODES.contains(&c)))
            .count()
    };
    assert_eq!(count("good.yaml"), 0, "{findings:#?}");
    assert_eq!(count("good.json"), 0, "{findings:#?}");
    assert_eq!(count("bad.yaml"), 7, "{findings:#?}");
    assert_eq!(count("bad.json"), 4, "{findings:#?}");
    let runtime = findings
        .iter()
        .find(|f| f["code"] == "blocked-lambda-runtime")
        .expect("runtime finding");
    assert_eq!(
        (runtime["line"].as_u64(), runtime["column"].as_u64()),
        (Some(17), Some(16))
    );
    assert_eq!(
        (runtime["end_line"].as_u64(), runtime["end_column"].as_u64()),
        (Some(17), Some(25))
    );
}
