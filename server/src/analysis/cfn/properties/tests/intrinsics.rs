//! Values computed by intrinsic functions, macro directives and custom tags
//! are never judged as literals; `Fn::If` branches are.

use super::{brief, codes, json, resource, yaml};

#[test]
fn intrinsic_values_are_accepted_for_any_type() {
    let text = "Parameters:\n  P: {Type: String}\n".to_string()
        + &resource(
            "AWS::SQS::Queue",
            "DelaySeconds: !Ref P\nFifoQueue: !Select [0, [true]]\nQueueName: !Sub '${AWS::StackName}-q'\nRedrivePolicy: !GetAtt X.Y\nTags: !Split [',', !Ref P]\nMaximumMessageSize: {\"Fn::FindInMap\": [M, a, b]}\nVisibilityTimeout: !ImportValue v",
        );
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
}

#[test]
fn intrinsic_list_items_are_accepted() {
    let text = resource("AWS::Lambda::Function", "Role: arn:aws:iam::123456789012:role/r\nCode: {ZipFile: !Sub x}\nVpcConfig:\n  SubnetIds: [!Ref A, !ImportValue B]\n  SecurityGroupIds: !Ref C");
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
}

#[test]
fn if_branches_are_checked_one_by_one() {
    let text = "Conditions:\n  C: !Equals [a, b]\n".to_string()
        + &resource(
            "AWS::SQS::Queue",
            "DelaySeconds: !If [C, 10, soon]\nFifoQueue: !If [C, !Ref AWS::NoValue, true]",
        );
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "invalid-type",
            "soon",
            "`DelaySeconds` expects an integer, found the string `soon`".to_string()
        )]
    );
}

#[test]
fn directives_and_custom_tags_are_skipped() {
    let text = resource(
        "AWS::Lambda::Function",
        "Role: arn:aws:iam::123456789012:role/r\nCode:\n  ZipFile: !Rain::Embed handler.py\nTimeout: !Explode Retention\nEnvironment:\n  Fn::Transform: {Name: M}\n  Variables: 3",
    );
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
    let text = "{\"Resources\": {\"F\": {\"Type\": \"AWS::Lambda::Function\", \"Properties\": {\"Role\": \"arn:aws:iam::123456789012:role/r\", \"Code\": {\"ZipFile\": {\"Rain::Embed\": \"h.py\"}}}}}}";
    assert!(json(text).is_empty(), "{:?}", json(text));
}

#[test]
fn whole_properties_from_if_are_checked_per_branch() {
    let text = "Conditions:\n  C: !Equals [a, b]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: !If\n      - C\n      - {DelaySeconds: 5}\n      - {DelaySecond: 5}\n";
    assert_eq!(codes(&yaml(text)), ["unknown-property"]);
}

#[test]
fn aliases_are_followed() {
    let text = "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: &d soon\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: *d\n";
    let found = yaml(text);
    assert_eq!(codes(&found), ["invalid-type", "invalid-type"]);
}

#[test]
fn language_extension_loop_bodies_are_checked() {
    // The body is checked for each iteration (the schema checks see
    // `${Name}` as written, like cfn-lint does).
    let text = "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Queues:\n    - Name\n    - [a, b]\n    - Q${Name}:\n        Type: AWS::SQS::Queue\n        Properties:\n          DelaySecond: 1\n          QueueName: !Sub 'q-${Name}'\n";
    assert_eq!(codes(&yaml(text)), ["unknown-property", "unknown-property"]);
}

#[test]
fn ref_of_a_role_where_a_role_arn_goes_is_reported() {
    let text = "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: !Ref Role\n      ContainerDefinitions:\n        - Name: web\n          Image: nginx\n";
    let found = yaml(text);
    let refs: Vec<_> = found
        .iter()
        .filter(|f| f.code() == "incompatible-reference")
        .collect();
    assert_eq!(refs.len(), 1, "{found:?}");
    assert!(
        refs[0].message.contains("!GetAtt Role.Arn"),
        "{}",
        refs[0].message
    );
    let fixed = text.replace("!Ref Role", "!GetAtt Role.Arn");
    assert!(yaml(&fixed)
        .iter()
        .all(|f| f.code() != "incompatible-reference"));
}

#[test]
fn ref_of_a_parameter_of_no_parameter_type_is_reported() {
    let text = "Parameters:\n  Name:\n    Type: Strin\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Name\n";
    let found = yaml(text);
    assert_eq!(codes(&found), ["incompatible-reference"], "{found:?}");
    let fixed = text.replace("Strin", "String");
    assert!(yaml(&fixed).is_empty(), "{:?}", yaml(&fixed));
}
