//! Unknown, missing, exclusive and dependent properties.

use super::{brief, codes, resource, yaml};

#[test]
fn unknown_top_level_property_with_suggestion() {
    let text = resource("AWS::S3::Bucket", "BuketName: logs");
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "unknown-property",
            "BuketName",
            "`BuketName` is not a property of `AWS::S3::Bucket`; did you mean `BucketName`?"
                .to_string()
        )]
    );
    let titles: Vec<&str> = found[0].fixes.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles, ["Rename to `BucketName`", "Remove `BuketName`"]);
}

#[test]
fn unknown_nested_property_lists_the_valid_ones() {
    let text = resource(
        "AWS::S3::Bucket",
        "VersioningConfiguration:\n  Status: Enabled\n  Zzzzzz: 1",
    );
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "unknown-property",
            "Zzzzzz",
            "`Zzzzzz` is not a property of `VersioningConfiguration` (in `AWS::S3::Bucket`); valid properties are `Status`".to_string()
        )]
    );
}

#[test]
fn unknown_property_inside_list_items() {
    let text = resource("AWS::S3::Bucket", "Tags:\n  - Key: a\n    Valeu: b");
    let found = yaml(&text);
    assert_eq!(
        codes(&found),
        ["missing-required-property", "unknown-property"]
    );
    assert_eq!(
        brief(&text, &found)[1],
        (
            "unknown-property",
            "Valeu",
            "`Valeu` is not a property of `Tags` (in `AWS::S3::Bucket`); did you mean `Value`?"
                .to_string()
        )
    );
    assert_eq!(&text[found[0].span.start..found[0].span.end], "Key");
}

#[test]
fn missing_required_at_the_properties_key() {
    let text = resource("AWS::Lambda::Function", "Handler: index.handler");
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "missing-required-property",
            "Properties",
            "`AWS::Lambda::Function` is missing the required properties `Code` and `Role`"
                .to_string()
        )]
    );
}

#[test]
fn missing_properties_section() {
    let text = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n";
    let found = yaml(text);
    assert_eq!(
        brief(text, &found),
        vec![(
            "missing-required-property",
            "Fn",
            "`AWS::Lambda::Function` is missing the required properties `Code` and `Role`"
                .to_string()
        )]
    );
    let nothing_required = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";
    assert!(yaml(nothing_required).is_empty());
}

#[test]
fn missing_required_in_nested_object() {
    let text = resource("AWS::S3::Bucket", "VersioningConfiguration: {}");
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "missing-required-property",
            "VersioningConfiguration",
            "`VersioningConfiguration` (in `AWS::S3::Bucket`) is missing the required property `Status`".to_string()
        )]
    );
}

#[test]
fn required_given_in_both_branches_or_merged_is_satisfied() {
    let text = "Conditions:\n  C: !Equals [a, b]\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: !If [C, arn:aws:iam::123456789012:role/r, arn:aws:iam::123456789012:role/s]\n      Code: {ZipFile: x}\n";
    assert!(yaml(text).is_empty(), "{:?}", yaml(text));
}

#[test]
fn required_xor_reports_none_and_both() {
    let none = resource(
        "AWS::CodePipeline::Pipeline",
        "RoleArn: arn:aws:iam::123456789012:role/r\nStages: []",
    );
    let found = yaml(&none);
    assert!(
        found.iter().any(|f| f.code() == "missing-required-property"
            && f.message
                .contains("exactly one of `ArtifactStore` or `ArtifactStores`")),
        "{found:?}"
    );
    let both = resource(
        "AWS::AutoScaling::AutoScalingGroup",
        "MaxSize: '1'\nMinSize: '0'\nInstanceId: i-1\nLaunchConfigurationName: lc",
    );
    let found = yaml(&both);
    assert_eq!(codes(&found), ["exclusive-properties"]);
    assert_eq!(
        &both[found[0].span.start..found[0].span.end],
        "LaunchConfigurationName"
    );
}

#[test]
fn exclusive_properties_behind_conditions_are_not_reported() {
    let text = "Conditions:\n  C: !Equals [a, b]\n".to_string()
        + &resource(
            "AWS::AutoScaling::AutoScalingGroup",
            "MaxSize: '1'\nMinSize: '0'\nInstanceId: !If [C, i-1, !Ref AWS::NoValue]\nLaunchConfigurationName: !If [C, !Ref AWS::NoValue, lc]",
        );
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
}

#[test]
fn dependent_excluded_pairs_are_reported_at_both_properties() {
    let text = resource(
        "AWS::EC2::Instance",
        "ImageId: ami-0abcdef1234567890\nSubnetId: subnet-0abcdef1234567890\nNetworkInterfaces: []",
    );
    let found = yaml(&text);
    assert_eq!(
        codes(&found),
        ["exclusive-properties", "exclusive-properties"]
    );
    let at: Vec<&str> = found
        .iter()
        .map(|f| &text[f.span.start..f.span.end])
        .collect();
    assert_eq!(at, ["SubnetId", "NetworkInterfaces"]);
    assert_eq!(
        found[1].message,
        "`NetworkInterfaces` cannot be used together with `SubnetId` in `AWS::EC2::Instance`; remove one of them"
    );
}

#[test]
fn dependent_required() {
    let text = resource(
        "AWS::AutoScaling::AutoScalingGroup",
        "MaxSize: '1'\nMinSize: '0'\nLaunchConfigurationName: lc\nInstanceMaintenancePolicy:\n  MaxHealthyPercentage: 120",
    );
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "missing-required-property",
            "InstanceMaintenancePolicy",
            "`MaxHealthyPercentage` in `InstanceMaintenancePolicy` (in `AWS::AutoScaling::AutoScalingGroup`) also requires `MinHealthyPercentage` to be set".to_string()
        )]
    );
}

#[test]
fn free_form_json_properties_take_objects_and_strings() {
    let text = resource(
        "AWS::SQS::Queue",
        "RedrivePolicy: {deadLetterTargetArn: arn, maxReceiveCount: 5}\nRedriveAllowPolicy: '{\"redrivePermission\": \"allowAll\"}'",
    );
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
    let text = resource(
        "AWS::IAM::ManagedPolicy",
        "PolicyDocument: '{\"Version\": \"2012-10-17\", \"Statement\": []}'",
    );
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
}

#[test]
fn merge_keys_are_not_properties() {
    let text = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: &v\n        Status: Enabled\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        <<: *v\n";
    assert!(yaml(text).is_empty(), "{:?}", yaml(text));
}

#[test]
fn a_required_property_removed_by_no_value_in_one_branch_is_missing_then() {
    let text = resource(
        "AWS::SNS::Subscription",
        "TopicArn: arn:aws:sns:us-east-1:123456789012:alerts\nProtocol: !If [IsProd, email, !Ref AWS::NoValue]\nEndpoint: ops@example.com",
    );
    let found = yaml(&text);
    assert_eq!(codes(&found), ["missing-required-property"]);
    assert_eq!(&text[found[0].span.start..found[0].span.end], "Protocol");
    assert!(
        found[0].message.contains("`IsProd` is false"),
        "{}",
        found[0].message
    );
    // Removing an optional property is fine.
    let optional = resource(
        "AWS::SNS::Subscription",
        "TopicArn: arn:aws:sns:us-east-1:123456789012:alerts\nProtocol: email\nEndpoint: !If [IsProd, ops@example.com, !Ref AWS::NoValue]",
    );
    assert!(yaml(&optional).is_empty(), "{:?}", yaml(&optional));
}

#[test]
fn a_branch_the_resource_condition_rules_out_removes_nothing() {
    let text = "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [prod, dev]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  NotDev: !Not [!Equals [!Ref Env, dev]]\nResources:\n  S:\n    Type: AWS::SNS::Subscription\n    Condition: NotDev\n    Properties:\n      TopicArn: arn:aws:sns:us-east-1:123456789012:alerts\n      Protocol: !If [IsProd, email, !Ref AWS::NoValue]\n      Endpoint: ops@example.com\n";
    // Under `NotDev`, `Env` is `prod`: the branch with `AWS::NoValue` is never taken.
    assert!(yaml(text).is_empty(), "{:?}", yaml(text));
    let open = text.replace("    AllowedValues: [prod, dev]\n", "");
    assert_eq!(codes(&yaml(&open)), ["missing-required-property"]);
}
