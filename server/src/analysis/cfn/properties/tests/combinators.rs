//! `oneOf`, `anyOf`, `allOf`, `if`/`then` and `not` from real schemas.

use super::{brief, codes, resource, yaml};

fn detector(missing_data_action: &str) -> String {
    resource(
        "AWS::APS::AnomalyDetector",
        &format!(
            "Alias: a\nWorkspace: arn:aws:aps:us-east-1:1:workspace/w\nConfiguration:\n  RandomCutForest:\n    Query: q\nMissingDataAction: {missing_data_action}"
        ),
    )
}

#[test]
fn one_of_required_sets() {
    assert!(yaml(&detector("{Skip: true}")).is_empty());
    let text = detector("{}");
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "missing-required-property",
            "MissingDataAction",
            "`MissingDataAction` (in `AWS::APS::AnomalyDetector`) needs exactly one of `MarkAsAnomaly` or `Skip`".to_string()
        )]
    );
    let text = detector("{Skip: true, MarkAsAnomaly: false}");
    let found = yaml(&text);
    assert_eq!(codes(&found), ["exclusive-properties"]);
    assert_eq!(
        &text[found[0].span.start..found[0].span.end],
        "MarkAsAnomaly"
    );
}

#[test]
fn one_of_with_conditional_values_is_not_judged() {
    let text = "Conditions:\n  C: !Equals [a, b]\n".to_string()
        + &detector("{Skip: !If [C, true, !Ref AWS::NoValue], MarkAsAnomaly: !If [C, !Ref AWS::NoValue, true]}");
    assert!(yaml(&text).is_empty(), "{:?}", yaml(&text));
}

#[test]
fn one_of_object_branches_report_the_closest_branch() {
    let tag = |body: &str| {
        resource(
            "AWS::AppStream::AppBlock",
            &format!(
                "Name: n\nSourceS3Location: {{S3Bucket: bucket, S3Key: k}}\nTags:\n  - {body}"
            ),
        )
    };
    assert!(
        yaml(&tag("{Key: a, Value: b}")).is_empty(),
        "{:?}",
        yaml(&tag("{Key: a, Value: b}"))
    );
    assert!(yaml(&tag("{TagKey: a, TagValue: b}")).is_empty());
    let text = tag("{Key: a, Valeu: b}");
    let found = yaml(&text);
    assert_eq!(
        codes(&found),
        ["missing-required-property", "unknown-property"],
        "{found:?}"
    );
    assert!(
        found[1].message.contains("did you mean `Value`?"),
        "{}",
        found[1].message
    );
}

#[test]
fn any_of_patterns_and_case_insensitive_enums() {
    let broker = |mode: &str| {
        resource(
            "AWS::AmazonMQ::Broker",
            &format!("BrokerName: b\nEngineType: ACTIVEMQ\nHostInstanceType: mq.t3.micro\nPubliclyAccessible: false\nDeploymentMode: {mode}"),
        )
    };
    assert!(
        yaml(&broker("SINGLE_INSTANCE")).is_empty(),
        "{:?}",
        yaml(&broker("SINGLE_INSTANCE"))
    );
    assert!(yaml(&broker("single_instance")).is_empty());
    let text = broker("SINGLE");
    let found = yaml(&text);
    assert_eq!(codes(&found), ["invalid-enum"], "{found:?}");
    assert_eq!(&text[found[0].span.start..found[0].span.end], "SINGLE");
}

#[test]
fn not_forbids_reserved_values() {
    let cluster = |user: &str| {
        resource(
            "AWS::RDS::DBCluster",
            &format!("Engine: aurora-mysql\nMasterUsername: {user}"),
        )
    };
    assert!(
        yaml(&cluster("admin")).is_empty(),
        "{:?}",
        yaml(&cluster("admin"))
    );
    let text = cluster("rdsadmin");
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "invalid-value",
            "rdsadmin",
            "`rdsadmin` is not allowed for `MasterUsername`; choose another value".to_string()
        )]
    );
}

#[test]
fn if_then_applies_only_when_the_condition_holds() {
    let postgres = resource(
        "AWS::RDS::DBCluster",
        "Engine: aurora-postgresql\nMasterUsername: admin",
    );
    assert_eq!(codes(&yaml(&postgres)), ["invalid-value"]);
    let unknown = resource(
        "AWS::RDS::DBCluster",
        "Engine: !Ref E\nMasterUsername: admin",
    );
    assert!(yaml(&unknown).is_empty());
}

#[test]
fn prefix_items_check_positions() {
    let table = |first: &str, second: &str| {
        resource(
            "AWS::DynamoDB::Table",
            &format!(
                "AttributeDefinitions:\n  - {{AttributeName: a, AttributeType: S}}\n  - {{AttributeName: b, AttributeType: S}}\nKeySchema:\n  - {{AttributeName: a, KeyType: {first}}}\n  - {{AttributeName: b, KeyType: {second}}}\nBillingMode: PAY_PER_REQUEST"
            ),
        )
    };
    assert!(
        yaml(&table("HASH", "RANGE")).is_empty(),
        "{:?}",
        yaml(&table("HASH", "RANGE"))
    );
    let text = table("RANGE", "HASH");
    let found = yaml(&text);
    assert_eq!(
        codes(&found),
        ["invalid-value", "invalid-value"],
        "{found:?}"
    );
    assert_eq!(found[0].message, "`KeyType` must be `HASH`, found `RANGE`");
}
