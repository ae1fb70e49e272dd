//! Unknown resource types, custom resources, SAM, modules and extensions.

use super::{apply, brief, codes, json, yaml};

#[test]
fn unknown_aws_type_suggests_and_fixes() {
    let text = "Resources:\n  B:\n    Type: AWS::S3::Buckt\n";
    let found = yaml(text);
    assert_eq!(
        brief(text, &found),
        vec![(
            "unknown-resource-type",
            "AWS::S3::Buckt",
            "`AWS::S3::Buckt` is not a CloudFormation resource type; did you mean `AWS::S3::Bucket`?".to_string()
        )]
    );
    let fix = &found[0].fixes[0];
    assert!(fix.preferred);
    assert_eq!(
        apply(text, &fix.edits),
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
    );
}

#[test]
fn unknown_type_in_json_keeps_quotes() {
    let text = "{\"Resources\": {\"B\": {\"Type\": \"aws::sqs::queue\"}}}";
    let found = json(text);
    assert_eq!(codes(&found), ["unknown-resource-type"]);
    assert_eq!(
        &text[found[0].span.start..found[0].span.end],
        "\"aws::sqs::queue\""
    );
    let fixed = apply(text, &found[0].fixes[0].edits);
    assert_eq!(
        fixed,
        "{\"Resources\": {\"B\": {\"Type\": \"AWS::SQS::Queue\"}}}"
    );
}

#[test]
fn unknown_aws_type_without_a_close_match() {
    let text = "Resources:\n  B:\n    Type: AWS::Nothing::LikeThis\n";
    let found = yaml(text);
    assert_eq!(codes(&found), ["unknown-resource-type"]);
    assert!(
        found[0].message.contains("check the name"),
        "{}",
        found[0].message
    );
    assert!(found[0].fixes.is_empty());
}

#[test]
fn malformed_type_names_are_reported() {
    let text = "Resources:\n  B:\n    Type: Bucket\n";
    let found = yaml(text);
    assert_eq!(codes(&found), ["unknown-resource-type"]);
    assert!(
        found[0].message.contains("`AWS::Service::Resource`"),
        "{}",
        found[0].message
    );
}

#[test]
fn registry_extensions_and_modules_are_not_reported() {
    let text = "Resources:\n  A:\n    Type: AWSQS::EKS::Cluster\n    Properties: {Anything: 1}\n  B:\n    Type: MongoDB::Atlas::Cluster\n  C:\n    Type: My::Org::Thing::MODULE\n";
    assert!(yaml(text).is_empty());
}

#[test]
fn case_slips_in_other_namespaces_are_reported() {
    let text = "Resources:\n  A:\n    Type: Aws::S3::Bucket\n";
    assert_eq!(codes(&yaml(text)), ["unknown-resource-type"]);
}

#[test]
fn serverless_types_are_left_to_sam() {
    let text = "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Functon\n    Properties: {Nope: 1}\n";
    assert!(yaml(text).is_empty());
}

#[test]
fn custom_resources_need_a_service_token_and_take_anything() {
    let text = "Resources:\n  C:\n    Type: Custom::Thing\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:1:function:f\n      Size: 3\n      Flag: true\n      Nested: {A: [1]}\n";
    assert!(yaml(text).is_empty(), "{:?}", yaml(text));
    let text = "Resources:\n  C:\n    Type: AWS::CloudFormation::CustomResource\n    Properties:\n      Size: 3\n";
    let found = yaml(text);
    assert_eq!(
        brief(text, &found),
        vec![(
            "missing-required-property",
            "Properties",
            "`AWS::CloudFormation::CustomResource` is missing the required property `ServiceToken`"
                .to_string()
        )]
    );
}

#[test]
fn macro_transforms_switch_checks_off() {
    let text = "Transform: MyMacro\nResources:\n  B:\n    Type: AWS::S3::Object\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {Nope: 1}\n";
    assert!(yaml(text).is_empty());
    let text = "Transform: [AWS::LanguageExtensions]\nResources:\n  B:\n    Type: AWS::S3::Buckt\n";
    assert_eq!(codes(&yaml(text)), ["unknown-resource-type"]);
}

#[test]
fn non_string_types_are_left_alone() {
    let text = "Resources:\n  A:\n    Type: !Rain::Module bucket.yaml\n  B:\n    Type: {\"Rain::Module\": x}\n  C:\n    Type: 3\n";
    assert!(yaml(text).is_empty());
}

#[test]
fn sam_type_without_the_transform_is_reported() {
    let text = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  F:\n    Type: AWS::Serverless::Function\n";
    let found = yaml(text);
    assert_eq!(
        brief(text, &found),
        vec![(
            "serverless-without-transform",
            "AWS::Serverless::Function",
            "`AWS::Serverless::Function` is a SAM type: add `Transform: AWS::Serverless-2016-10-31` to the template".to_string()
        )]
    );
}
