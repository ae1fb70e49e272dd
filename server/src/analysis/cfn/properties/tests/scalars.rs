//! Types with CloudFormation's conversions, enums, patterns, lengths,
//! ranges, item counts and duplicates.

use super::{apply, brief, codes, json, resource, yaml};

#[test]
fn conversions_cloudformation_accepts() {
    let text = resource(
        "AWS::SQS::Queue",
        "VisibilityTimeout: '30'\nDelaySeconds: 5.0\nFifoQueue: 'true'\nContentBasedDeduplication: \"False\"\nSqsManagedSseEnabled: yes\nQueueName: 12345\nKmsDataKeyReusePeriodSeconds: 300",
    );
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
    let text = "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"DelaySeconds\": \"5\", \"FifoQueue\": true, \"QueueName\": true}}}}";
    assert!(json(text).is_empty(), "{:?}", json(text));
}

#[test]
fn wrong_scalar_types() {
    let text = resource(
        "AWS::SQS::Queue",
        "DelaySeconds: soon\nFifoQueue: maybe\nMaximumMessageSize: 1.5",
    );
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![
            (
                "invalid-type",
                "soon",
                "`DelaySeconds` expects an integer, found the string `soon`".to_string()
            ),
            (
                "invalid-type",
                "maybe",
                "`FifoQueue` expects a boolean (`true` or `false`), found the string `maybe`"
                    .to_string()
            ),
            (
                "invalid-type",
                "1.5",
                "`MaximumMessageSize` expects an integer, found the number `1.5`".to_string()
            ),
        ]
    );
}

#[test]
fn object_and_list_mismatches() {
    let text = resource(
        "AWS::SNS::Topic",
        "Subscription: notalist\nTags: {Key: a, Value: b}",
    );
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![
            (
                "invalid-type",
                "notalist",
                "`Subscription` expects a list, found the string `notalist`; write it as a list, e.g. `[value]`".to_string()
            ),
            (
                "invalid-type",
                "{Key: a, Value: b}",
                "`Tags` expects a list, found a mapping; write a single value".to_string()
            ),
        ]
    );
    let text = resource("AWS::S3::Bucket", "VersioningConfiguration: Enabled");
    let found = yaml(&text);
    assert_eq!(
        found[0].message,
        "`VersioningConfiguration` expects a mapping of properties, found the string `Enabled`; write its properties as a mapping"
    );
}

#[test]
fn enum_is_case_sensitive_and_suggests() {
    let text = resource(
        "AWS::S3::Bucket",
        "VersioningConfiguration:\n  Status: enabled",
    );
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "invalid-enum",
            "enabled",
            "`enabled` is not an allowed value for `Status`; did you mean `Enabled`?".to_string()
        )]
    );
    assert_eq!(
        apply(&text, &found[0].fixes[0].edits),
        resource(
            "AWS::S3::Bucket",
            "VersioningConfiguration:\n  Status: Enabled"
        )
    );
    let quoted = resource(
        "AWS::S3::Bucket",
        "VersioningConfiguration:\n  Status: \"enabled\"",
    );
    let found = yaml(&quoted);
    assert_eq!(
        apply(&quoted, &found[0].fixes[0].edits),
        resource(
            "AWS::S3::Bucket",
            "VersioningConfiguration:\n  Status: \"Enabled\""
        )
    );
}

#[test]
fn enum_without_close_match_lists_values() {
    let text = resource("AWS::S3::Bucket", "VersioningConfiguration:\n  Status: Off");
    let found = yaml(&text);
    assert_eq!(codes(&found), ["invalid-enum"]);
    assert_eq!(
        found[0].message,
        "`Off` is not an allowed value for `Status`; expected one of `Enabled`, `Suspended`"
    );
    assert!(found[0].fixes.is_empty());
}

#[test]
fn pattern_mismatch() {
    let text = resource("AWS::Lambda::Function", "Role: arn:aws:iam::123456789012:role/r\nCode: {ZipFile: x}\nVpcConfig:\n  SubnetIds: [PrivateSubnet1]");
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "invalid-pattern",
            "PrivateSubnet1",
            "`PrivateSubnet1` is not a valid value for `SubnetIds`: it must match the pattern `^subnet-[0-9a-z]*$`".to_string()
        )]
    );
}

#[test]
fn lengths_and_ranges() {
    let text = resource(
        "AWS::SQS::Queue",
        "DelaySeconds: 901\nMessageRetentionPeriod: '10'",
    );
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![
            (
                "out-of-range",
                "901",
                "`DelaySeconds` must be at most 900, found 901".to_string()
            ),
            (
                "out-of-range",
                "'10'",
                "`MessageRetentionPeriod` must be at least 60, found 10".to_string()
            ),
        ]
    );
    let long = "a".repeat(300);
    let text = resource(
        "AWS::Lambda::Function",
        &format!(
            "Role: arn:aws:iam::123456789012:role/r\nCode: {{ZipFile: x}}\nDescription: {long}"
        ),
    );
    let found = yaml(&text);
    assert_eq!(codes(&found), ["invalid-length"]);
    assert_eq!(
        found[0].message,
        "`Description` must be at most 256 characters long, but this value has 300; shorten it"
    );
}

#[test]
fn item_counts_and_duplicates() {
    let text = resource("AWS::Lambda::Function", "Role: arn:aws:iam::123456789012:role/r\nCode: {ZipFile: x}\nArchitectures: [x86_64, arm64]");
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "invalid-item-count",
            "[x86_64, arm64]",
            "`Architectures` must have at most 1 item, but it has 2".to_string()
        )]
    );
    let layer = "arn:aws:lambda:us-east-1:123456789012:layer:a:1";
    let text = resource(
        "AWS::Lambda::Function",
        &format!("Role: arn:aws:iam::123456789012:role/r\nCode: {{ZipFile: x}}\nLayers: [{layer}, !Ref L, {layer}, !Ref L]"),
    );
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "duplicate-items",
            layer,
            format!("`{layer}` is listed twice in `Layers`, whose items must be unique; remove the repeat")
        )]
    );
    assert_eq!(found[0].span.start, text.rfind(layer).unwrap_or_default());
    assert_eq!(found[0].severity, crate::analysis::Severity::Warning);
}

#[test]
fn good_values_stay_clean() {
    let text = resource(
        "AWS::S3::Bucket",
        "BucketName: my-bucket\nVersioningConfiguration:\n  Status: Suspended\nTags:\n  - Key: a\n    Value: b\nLifecycleConfiguration:\n  Rules:\n    - Status: Enabled\n      ExpirationInDays: 30",
    );
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
}

#[test]
fn dynamic_references_are_not_judged() {
    let text = resource(
        "AWS::SQS::Queue",
        "DelaySeconds: '{{resolve:ssm:/delay}}'\nQueueName: '{{resolve:secretsmanager:s:SecretString:name}}'",
    );
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
}
