//! Quick fixes: adding missing properties, removing and renaming unknown
//! ones, in YAML block, YAML flow and JSON layouts.

use super::{apply, json, resource, yaml};

use crate::analysis::Finding;

fn fix_titled<'f>(finding: &'f Finding, prefix: &str) -> &'f crate::analysis::Fix {
    finding
        .fixes
        .iter()
        .find(|f| f.title.starts_with(prefix))
        .unwrap_or_else(|| panic!("no fix `{prefix}` in {finding:?}"))
}

#[test]
fn add_missing_in_yaml_block() {
    let text = resource("AWS::Lambda::Function", "Handler: h\nRuntime: python3.13");
    let found = yaml(&text);
    let fixed = apply(&text, &fix_titled(&found[0], "Add").edits);
    assert_eq!(
        fixed,
        resource(
            "AWS::Lambda::Function",
            "Handler: h\nRuntime: python3.13\nCode: {}\nRole: \"\""
        )
    );
    // Only the placeholder's own problem remains: an empty role ARN.
    assert_eq!(super::codes(&yaml(&fixed)), ["invalid-pattern"]);
}

#[test]
fn add_missing_uses_the_first_enum_value() {
    let text = resource("AWS::S3::Bucket", "VersioningConfiguration: {}");
    let found = yaml(&text);
    let fixed = apply(&text, &fix_titled(&found[0], "Add `Status`").edits);
    assert_eq!(
        fixed,
        resource(
            "AWS::S3::Bucket",
            "VersioningConfiguration: {Status: Enabled}"
        )
    );
}

#[test]
fn add_missing_in_json() {
    let text = "{\n  \"Resources\": {\n    \"F\": {\n      \"Type\": \"AWS::Lambda::Function\",\n      \"Properties\": {\n        \"Handler\": \"h\"\n      }\n    }\n  }\n}\n";
    let found = json(text);
    let fixed = apply(text, &fix_titled(&found[0], "Add").edits);
    assert_eq!(
        fixed,
        "{\n  \"Resources\": {\n    \"F\": {\n      \"Type\": \"AWS::Lambda::Function\",\n      \"Properties\": {\n        \"Handler\": \"h\",\n        \"Code\": {},\n        \"Role\": \"\"\n      }\n    }\n  }\n}\n"
    );
    assert_eq!(super::codes(&json(&fixed)), ["invalid-pattern"]);
}

#[test]
fn add_properties_section_when_absent() {
    let text =
        "Resources:\n  F:\n    Type: AWS::Lambda::Function\n  Q:\n    Type: AWS::SQS::Queue\n";
    let found = yaml(text);
    let fixed = apply(text, &fix_titled(&found[0], "Add `Properties`").edits);
    assert_eq!(
        fixed,
        "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: {}\n      Role: \"\"\n  Q:\n    Type: AWS::SQS::Queue\n"
    );
    let text = "{\"Resources\": {\"F\": {\"Type\": \"AWS::Lambda::Function\"}}}";
    let found = json(text);
    let fixed = apply(text, &fix_titled(&found[0], "Add `Properties`").edits);
    assert_eq!(
        fixed,
        "{\"Resources\": {\"F\": {\"Type\": \"AWS::Lambda::Function\", \"Properties\": {\"Code\": {}, \"Role\": \"\"}}}}"
    );
}

#[test]
fn add_under_an_empty_properties_key() {
    let text = "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n";
    let found = yaml(text);
    let fixed = apply(text, &fix_titled(&found[0], "Add").edits);
    assert_eq!(
        fixed,
        "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: {}\n      Role: \"\"\n"
    );
}

#[test]
fn remove_unknown_property_in_yaml() {
    let text = resource("AWS::SQS::Queue", "DelaySeconds: 1\nNope: 2\nQueueName: q");
    let found = yaml(&text);
    let fixed = apply(&text, &fix_titled(&found[0], "Remove").edits);
    assert_eq!(
        fixed,
        resource("AWS::SQS::Queue", "DelaySeconds: 1\nQueueName: q")
    );
    let text = resource(
        "AWS::S3::Bucket",
        "Tags:\n  - Nope: 1\n    Key: k\n    Value: v",
    );
    let found = yaml(&text);
    let fixed = apply(&text, &fix_titled(&found[0], "Remove").edits);
    assert_eq!(
        fixed,
        resource("AWS::S3::Bucket", "Tags:\n  - Key: k\n    Value: v")
    );
}

#[test]
fn remove_unknown_property_in_json() {
    let cases = [
        ("{\"A\": 1, \"Nope\": 2, \"B\": 3}", "{\"A\": 1, \"B\": 3}"),
        ("{\"Nope\": 2, \"A\": 1}", "{\"A\": 1}"),
        ("{\"A\": 1, \"Nope\": 2}", "{\"A\": 1}"),
    ];
    for (before, after) in cases {
        let wrap = |props: &str| {
            format!("{{\"Resources\": {{\"Q\": {{\"Type\": \"AWS::SQS::Queue\", \"Properties\": {}}}}}}}", props.replace('A', "DelaySeconds").replace('B', "QueueName"))
        };
        let text = wrap(before);
        let found = json(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            apply(&text, &fix_titled(&found[0], "Remove").edits),
            wrap(after)
        );
    }
}

#[test]
fn rename_keeps_json_quotes() {
    let text = "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"QueueNam\": \"q\"}}}}";
    let found = json(text);
    let fixed = apply(text, &fix_titled(&found[0], "Rename").edits);
    assert!(fixed.contains("{\"QueueName\": \"q\"}"), "{fixed}");
}

#[test]
fn wrap_a_single_value_in_a_list() {
    let text = resource("AWS::SNS::Topic", "Subscription: notalist");
    let found = yaml(&text);
    let fixed = apply(&text, &fix_titled(&found[0], "Wrap").edits);
    assert_eq!(
        fixed,
        resource("AWS::SNS::Topic", "Subscription: [notalist]")
    );
    let text = "{\"Resources\": {\"T\": {\"Type\": \"AWS::SNS::Topic\", \"Properties\": {\"Subscription\": \"x\"}}}}";
    let found = json(text);
    let fixed = apply(text, &fix_titled(&found[0], "Wrap").edits);
    assert!(fixed.contains("\"Subscription\": [\"x\"]"), "{fixed}");
}

#[test]
fn remove_one_of_two_exclusive_properties() {
    let text = resource(
        "AWS::EC2::Instance",
        "ImageId: ami-0abcdef1234567890\nSubnetId: subnet-0abcdef1234567890\nNetworkInterfaces: []",
    );
    let found = yaml(&text);
    let on_interfaces = found
        .iter()
        .find(|f| &text[f.span.start..f.span.end] == "NetworkInterfaces")
        .expect("a finding on `NetworkInterfaces`");
    let fixed = apply(
        &text,
        &fix_titled(on_interfaces, "Remove `NetworkInterfaces`").edits,
    );
    assert_eq!(
        fixed,
        resource(
            "AWS::EC2::Instance",
            "ImageId: ami-0abcdef1234567890\nSubnetId: subnet-0abcdef1234567890"
        )
    );
    assert!(yaml(&fixed).is_empty(), "{:?}", yaml(&fixed));
}
