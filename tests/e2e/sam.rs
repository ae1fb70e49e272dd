//! End-to-end tests: SAM templates (YAML and JSON) over the protocol —
//! diagnostics with `Globals` merged in, generated resource names, policy
//! templates and events; hover and completion of SAM things, and no SAM
//! types offered in plain CloudFormation templates.

use serde_json::Value;

use crate::client::{file_uri, find, open, position_of, start_of, Client};

const CLEAN_YAML: &str = include_str!("../fixtures/sam/clean.yaml");
const BROKEN_YAML: &str = include_str!("../fixtures/sam/broken.yaml");
const CLEAN_JSON: &str = include_str!("../fixtures/sam/clean.json");
const BROKEN_JSON: &str = include_str!("../fixtures/sam/broken.json");

/// (code, line, character) of every error, in order.
fn errors(diagnostics: &[Value]) -> Vec<(String, u32, u32)> {
    let mut out: Vec<(String, u32, u32)> = diagnostics
        .iter()
        .filter(|d| d["severity"] == 1)
        .map(|d| {
            let (line, character) = start_of(d);
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                line,
                character,
            )
        })
        .collect();
    out.sort_by_key(|(_, l, c)| (*l, *c));
    out
}

fn at(text: &str, needle: &str, code: &str) -> (String, u32, u32) {
    let (line, character) = position_of(text, find(text, needle));
    (code.to_string(), line, character)
}

#[test]
fn clean_templates_stay_clean() {
    let mut client = Client::start();
    let (_, yaml) = open(&mut client, "clean-sam.yaml", "yaml", CLEAN_YAML);
    assert!(yaml.is_empty(), "{yaml:#?}");
    let (_, json) = open(&mut client, "clean-sam.json", "json", CLEAN_JSON);
    assert!(json.is_empty(), "{json:#?}");
    client.shutdown();
}

#[test]
fn broken_yaml_reports_each_mistake_once() {
    let mut client = Client::start();
    let (_, diagnostics) = open(&mut client, "broken-sam.yaml", "yaml", BROKEN_YAML);
    let t = BROKEN_YAML;
    let expected = vec![
        at(t, "Functions:", "sam-unknown-globals-section"),
        at(t, "FunctionName: shared", "sam-unsupported-global-property"),
        at(
            t,
            "Properties:\n      CodeUri",
            "sam-missing-handler-or-runtime",
        ),
        at(
            t,
            "DeploymentPreference:",
            "sam-deployment-preference-without-alias",
        ),
        at(t, "S3ReadPolicy:", "sam-missing-policy-template-parameter"),
        at(
            t,
            "Bucket: uploads\n",
            "sam-unknown-policy-template-parameter",
        ),
        at(t, "SQSPolicy:", "sam-unknown-policy-template"),
        at(t, "uploads-bucket", "sam-s3-event-bucket"),
        at(
            t,
            "Properties:\n            BatchSize",
            "missing-required-property",
        ),
    ];
    assert_eq!(errors(&diagnostics), expected, "{diagnostics:#?}");
    let section = diagnostics
        .iter()
        .find(|d| d["code"] == "sam-unknown-globals-section")
        .expect("section finding");
    assert!(section["message"]
        .as_str()
        .unwrap_or_default()
        .contains("did you mean `Function`?"));
    client.shutdown();
}

#[test]
fn broken_json_reports_exact_findings() {
    let mut client = Client::start();
    let (_, diagnostics) = open(&mut client, "broken-sam.json", "json", BROKEN_JSON);
    let t = BROKEN_JSON;
    let expected = vec![
        at(t, "\"Properties\": {\"Name\"", "missing-required-property"),
        at(t, "\"Runtime\"", "sam-package-type-conflict"),
        at(t, "\"Shedule\"", "sam-unknown-event-type"),
    ];
    assert_eq!(errors(&diagnostics), expected, "{diagnostics:#?}");
    client.shutdown();
}

#[test]
fn hover_on_sam_types_and_deployment_preferences() {
    let mut client = Client::start();
    let (uri, _) = open(&mut client, "hover-sam.yaml", "yaml", CLEAN_YAML);
    let (line, character) = position_of(
        CLEAN_YAML,
        find(CLEAN_YAML, "AWS::Serverless::Function") + 18,
    );
    let hover = client.hover(&uri, line, character);
    let text = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(text.contains("AWS::Serverless::Function"), "{hover:#?}");
    let (line, character) =
        position_of(CLEAN_YAML, find(CLEAN_YAML, "Canary10Percent5Minutes") + 3);
    let hover = client.hover(&uri, line, character);
    let text = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        text.contains("CodeDeployDefault.LambdaCanary10Percent5Minutes"),
        "{hover:#?}"
    );
    let (line, character) = position_of(CLEAN_YAML, find(CLEAN_YAML, "DynamoDBCrudPolicy") + 2);
    let hover = client.hover(&uri, line, character);
    let text = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(text.contains("`TableName`"), "{hover:#?}");
    client.shutdown();
}

fn complete(client: &mut Client, name: &str, text: &str, marker: &str) -> Vec<String> {
    let offset = find(text, marker);
    let content = text.replacen(marker, "", 1);
    let uri = file_uri(name);
    client.open(&uri, "yaml", 1, &content);
    let _ = client.diagnostics_for(&uri, 1);
    let (line, character) = position_of(&content, offset);
    client
        .completion(&uri, line, character)
        .iter()
        .filter_map(|i| i["label"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn completion_offers_sam_types_only_with_the_transform() {
    let mut client = Client::start();
    let sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Fun<|>\n";
    let offered = complete(&mut client, "complete-sam.yaml", sam, "<|>");
    assert!(
        offered.iter().any(|l| l == "AWS::Serverless::Function"),
        "{offered:?}"
    );
    let plain = "Resources:\n  Fn:\n    Type: AWS::Serverless::Fun<|>\n";
    let offered = complete(&mut client, "complete-cfn.yaml", plain, "<|>");
    assert!(
        !offered.iter().any(|l| l.starts_with("AWS::Serverless::")),
        "{offered:?}"
    );
    let events = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        E:\n          Type: <|>\n";
    let offered = complete(&mut client, "complete-events.yaml", events, "<|>");
    assert!(
        offered.iter().any(|l| l == "SelfManagedKafka"),
        "{offered:?}"
    );
    client.shutdown();
}
