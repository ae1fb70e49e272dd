//! End-to-end tests: IAM policy files (JSON and YAML) over the protocol —
//! diagnostics, hover on actions and completion of actions.

use serde_json::{json, Value};

use crate::client::{find, open, position_of, start_of, Client};

const IDENTITY: &str = include_str!("../fixtures/iam/identity.json");
const TRUST: &str = include_str!("../fixtures/iam/trust.yaml");
const BUCKET_POLICY: &str = include_str!("../fixtures/iam/bucket-policy.yaml");
const CLEAN: &str = include_str!("../fixtures/iam/clean-scp.json");

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

#[test]
fn json_policy_reports_typos_bad_values_and_admin_access() {
    let mut client = Client::start();
    let (_, diagnostics) = open(&mut client, "identity.json", "json", IDENTITY);
    let unknown = with_code(&diagnostics, "iam-unknown-action");
    assert_eq!(unknown.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        start_of(unknown[0]),
        position_of(IDENTITY, find(IDENTITY, "s3:GetObjekt"))
    );
    assert!(unknown[0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("s3:GetObject"));
    assert_eq!(unknown[0]["severity"], 2);
    let service = with_code(&diagnostics, "iam-unknown-service");
    assert_eq!(service.len(), 1);
    assert_eq!(
        start_of(service[0]),
        position_of(IDENTITY, find(IDENTITY, "s4:"))
    );
    assert_eq!(
        with_code(&diagnostics, "iam-wildcard-matches-nothing").len(),
        1
    );
    assert_eq!(
        with_code(&diagnostics, "iam-invalid-condition-value").len(),
        1
    );
    let admin = with_code(&diagnostics, "iam-allow-all");
    assert_eq!(admin.len(), 1);
    assert_eq!(admin[0]["severity"], 2);
    assert_eq!(diagnostics.len(), 5, "{diagnostics:#?}");
    client.shutdown();
}

#[test]
fn yaml_policies_report_condition_operators_and_open_trust() {
    let mut client = Client::start();
    let (_, bucket) = open(&mut client, "bucket-policy.yaml", "yaml", BUCKET_POLICY);
    let codes: Vec<&Value> = bucket.iter().map(|d| &d["code"]).collect();
    assert_eq!(
        codes,
        [&json!("iam-unknown-condition-operator")],
        "{bucket:#?}"
    );
    assert_eq!(
        start_of(&bucket[0]),
        position_of(BUCKET_POLICY, find(BUCKET_POLICY, "StringEqual:"))
    );
    let (_, trust) = open(&mut client, "trust-policy.yaml", "yaml", TRUST);
    let codes: Vec<&Value> = trust.iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, [&json!("iam-trust-any-principal")], "{trust:#?}");
    let (_, clean) = open(&mut client, "scp.json", "json", CLEAN);
    assert_eq!(clean, Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn hover_on_an_action_shows_its_reference() {
    let mut client = Client::start();
    let (uri, _) = open(&mut client, "identity.json", "json", IDENTITY);
    let (line, character) = position_of(IDENTITY, find(IDENTITY, "s3:GetObject\"") + 5);
    let hover = client.hover(&uri, line, character);
    let text = hover["contents"].to_string();
    assert!(text.contains("Access level: Read"), "{hover:#}");
    assert!(text.contains("GetObject"), "{hover:#}");
    let (line, character) = position_of(TRUST, find(TRUST, "sts:AssumeRole") + 1);
    let (trust_uri, _) = open(&mut client, "trust.yaml", "yaml", TRUST);
    let hover = client.hover(&trust_uri, line, character);
    assert!(
        hover["contents"]
            .to_string()
            .contains("Security Token Service"),
        "{hover:#}"
    );
    client.shutdown();
}

#[test]
fn completion_offers_the_actions_of_the_typed_service() {
    let mut client = Client::start();
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sqs:Send\", \"Resource\": \"*\"}]\n}\n";
    let (uri, _) = open(&mut client, "draft.json", "json", text);
    let offset = find(text, "sqs:Send") + "sqs:Send".len();
    let (line, character) = position_of(text, offset);
    let items = client.completion(&uri, line, character);
    let send = items
        .iter()
        .find(|i| i["label"] == "sqs:SendMessage")
        .unwrap_or_else(|| panic!("no sqs:SendMessage in {items:#?}"));
    let range = &send["textEdit"]["range"];
    let start = position_of(text, find(text, "sqs:Send"));
    assert_eq!(
        range["start"],
        json!({"line": start.0, "character": start.1}),
        "{send:#}"
    );
    assert_eq!(range["end"], json!({"line": line, "character": character}));
    client.shutdown();
}

#[test]
fn completion_in_a_yaml_policy_replaces_the_typed_word() {
    let mut client = Client::start();
    let text = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action:\n      - dynamodb:GetIt\n    Resource: '*'\n";
    let (uri, _) = open(&mut client, "draft.yaml", "yaml", text);
    let offset = find(text, "dynamodb:GetIt") + "dynamodb:GetIt".len();
    let (line, character) = position_of(text, offset);
    let items = client.completion(&uri, line, character);
    let get_item = items
        .iter()
        .find(|i| i["label"] == "dynamodb:GetItem")
        .unwrap_or_else(|| panic!("no dynamodb:GetItem in {} items", items.len()));
    assert_eq!(get_item["detail"], "Read");
    let start = position_of(text, find(text, "dynamodb:GetIt"));
    assert_eq!(
        get_item["textEdit"]["range"]["start"],
        json!({"line": start.0, "character": start.1})
    );
    client.shutdown();
}

/// A role in a CloudFormation template: its trust policy and inline policy
/// are checked where they sit, intrinsic functions in them are understood,
/// and hover and completion work inside them.
const TEMPLATE_WITH_POLICIES: &str = "AWSTemplateFormatVersion: \"2010-09-09\"
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: \"2012-10-17\"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: queue-access
          PolicyDocument:
            Version: \"2012-10-17\"
            Statement:
              - Effect: Allow
                Action:
                  - sqs:SendMessage
                  - sqs:SendMesage
                Resource: !GetAtt Queue.Arn
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub \"arn:${AWS::Partition}:s3:::${AWS::StackName}-data/*\"
";

#[test]
fn policies_inside_templates_are_checked_hovered_and_completed() {
    let mut client = Client::start();
    let (uri, diagnostics) = open(&mut client, "role.yaml", "yaml", TEMPLATE_WITH_POLICIES);
    let typo = with_code(&diagnostics, "iam-unknown-action");
    assert_eq!(typo.len(), 1, "{diagnostics:#?}");
    let at = find(TEMPLATE_WITH_POLICIES, "sqs:SendMesage");
    assert_eq!(start_of(typo[0]), position_of(TEMPLATE_WITH_POLICIES, at));
    assert!(
        typo[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("SendMessage")),
        "{:#}",
        typo[0]
    );
    // Intrinsic functions in Resource are not bad ARNs; the trust policy needs no Resource.
    assert!(
        diagnostics
            .iter()
            .all(|d| d["severity"] != 1 || d["code"] == "iam-unknown-action"),
        "{diagnostics:#?}"
    );
    // Hover on an action inside the template.
    let (line, character) = position_of(
        TEMPLATE_WITH_POLICIES,
        find(TEMPLATE_WITH_POLICIES, "sqs:SendMessage") + 5,
    );
    let hover = client.hover(&uri, line, character);
    let text = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(text.contains("SendMessage"), "{text}");
    assert!(
        text.to_lowercase().contains("write"),
        "the access level is shown: {text}"
    );
    // Completion of an action inside the template.
    let (line, character) = position_of(
        TEMPLATE_WITH_POLICIES,
        find(TEMPLATE_WITH_POLICIES, "s3:GetObject") + "s3:Get".len(),
    );
    let items = client.completion(&uri, line, character);
    assert!(
        items.iter().any(|i| i["label"]
            .as_str()
            .is_some_and(|l| l.ends_with("GetObject"))),
        "{:?}",
        items.iter().take(5).collect::<Vec<_>>()
    );
    client.shutdown();
}
