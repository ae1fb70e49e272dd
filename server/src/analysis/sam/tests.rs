//! Unit tests of the SAM analysis: whole templates through `diagnostics`,
//! hover and completion.

use crate::analysis::{self, Finding, Snapshot};

const HEAD: &str = "Transform: AWS::Serverless-2016-10-31\n";

fn findings(body: &str) -> Vec<Finding> {
    let snapshot = Snapshot::from_text("template.yaml", &format!("{HEAD}{body}"));
    assert_eq!(snapshot.kind, Some(analysis::DocKind::Sam));
    analysis::diagnostics(&snapshot)
}

fn errors(body: &str) -> Vec<(&'static str, String)> {
    findings(body)
        .into_iter()
        .filter(|f| f.severity == analysis::Severity::Error)
        .map(|f| (f.code(), f.message))
        .collect()
}

fn codes(body: &str) -> Vec<&'static str> {
    findings(body).into_iter().map(|f| f.code()).collect()
}

const FUNCTION: &str = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: python3.13\n";

#[test]
fn a_plain_function_is_clean() {
    assert!(findings(FUNCTION).is_empty(), "{:?}", findings(FUNCTION));
}

#[test]
fn handler_and_runtime_may_come_from_globals() {
    let body = "Globals:\n  Function:\n    Runtime: python3.13\n    Handler: app.handler\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n";
    assert!(errors(body).is_empty(), "{:?}", errors(body));
    let missing = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Runtime: python3.13\n";
    let found = errors(missing);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "sam-missing-handler-or-runtime");
    assert!(found[0].1.contains("`Handler`"));
}

#[test]
fn required_property_given_only_in_globals_is_not_missing() {
    let with_globals = "Globals:\n  Api:\n    Name: shared\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n";
    assert!(errors(with_globals).is_empty());
    let without =
        "Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      Name: x\n";
    let found = errors(without);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "missing-required-property");
    assert!(found[0].1.contains("StageName"));
}

#[test]
fn globals_sections_and_properties() {
    let body = format!("Globals:\n  Functions:\n    Timeout: 3\n  Function:\n    FunctionName: x\n    Timeot: 3\n    MemorySize: lots\n{FUNCTION}");
    let found = errors(&body);
    let got: Vec<&str> = found.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        got,
        [
            "sam-unknown-globals-section",
            "sam-unsupported-global-property",
            "sam-unsupported-global-property",
            "invalid-type"
        ],
        "{found:?}"
    );
    assert!(found[0].1.contains("did you mean `Function`?"));
    assert!(found[1].1.contains("set it on each"));
    assert!(found[2].1.contains("did you mean `Timeout`?"));
}

#[test]
fn an_error_in_globals_is_reported_once() {
    let body = "Globals:\n  Function:\n    MemorySize: lots\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: s, Handler: h, Runtime: python3.13}\n  B:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: s, Handler: h, Runtime: python3.13}\n";
    let found = errors(body);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn events_are_checked_by_their_type() {
    let body = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s\n      Handler: h\n      Runtime: python3.13\n      Events:\n        Up:\n          Type: S3\n          Properties:\n            Bucket: !Ref Bucket\n            Events: s3:ObjectCreated:*\n        Q:\n          Type: SQS\n          Properties:\n            BatchSize: 5\n        Typo:\n          Type: Shedule\n          Properties: {}\n";
    let found = errors(body);
    let got: Vec<&str> = found.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        got,
        ["missing-required-property", "sam-unknown-event-type"],
        "{found:?}"
    );
    assert!(found[0].1.contains("Queue"));
    assert!(found[1].1.contains("did you mean `Schedule`?"));
}

#[test]
fn s3_event_bucket_must_be_a_bucket_of_the_template() {
    let body = "Parameters:\n  Name:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s\n      Handler: h\n      Runtime: python3.13\n      Events:\n        A:\n          Type: S3\n          Properties: {Bucket: my-bucket, Events: 's3:ObjectCreated:*'}\n        B:\n          Type: S3\n          Properties: {Bucket: !Ref Name, Events: 's3:ObjectCreated:*'}\n        C:\n          Type: S3\n          Properties: {Bucket: !Ref Topic, Events: 's3:ObjectCreated:*'}\n";
    let got = codes(body);
    assert_eq!(
        got.iter().filter(|c| **c == "sam-s3-event-bucket").count(),
        3,
        "{got:?}"
    );
}

#[test]
fn policies_templates_managed_and_inline() {
    let body = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s\n      Handler: h\n      Runtime: python3.13\n      Policies:\n        - AmazonS3ReadOnlyAccess\n        - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess\n        - arn:aws:iam::aws:rolex/Nope\n        - S3ReadPolicy:\n            BucketName: b\n        - S3ReadPolicy:\n            Bucket: b\n        - S3ReedPolicy:\n            BucketName: b\n        - CloudWatchPutMetricPolicy: {}\n        - Statement:\n            - Effect: Allow\n              Action: s3:GetObject\n              Resource: '*'\n";
    let found = errors(body);
    let got: Vec<&str> = found.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        got,
        [
            "sam-invalid-policy-arn",
            "sam-missing-policy-template-parameter",
            "sam-unknown-policy-template-parameter",
            "sam-unknown-policy-template"
        ],
        "{found:?}"
    );
    assert!(found[2].1.contains("`BucketName`"));
    assert!(found[3].1.contains("did you mean `S3ReadPolicy`?"));
}

#[test]
fn package_types() {
    let image = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1\n      Handler: app.handler\n";
    assert_eq!(
        errors(image).iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        ["sam-package-type-conflict"]
    );
    let no_uri = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n";
    assert_eq!(
        errors(no_uri).iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        ["sam-missing-image-uri"]
    );
    let built = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n    Metadata:\n      Dockerfile: Dockerfile\n      DockerContext: .\n";
    assert!(errors(built).is_empty());
}

#[test]
fn deployment_preference_needs_an_alias() {
    let body = "Resources:\n  Hook:\n    Type: AWS::SNS::Topic\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s\n      Handler: h\n      Runtime: python3.13\n      DeploymentPreference:\n        Type: Canary10Percent5Minute\n        Hooks:\n          PreTraffic: !Ref Hook\n";
    let got = codes(body);
    assert!(
        got.contains(&"sam-deployment-preference-without-alias"),
        "{got:?}"
    );
    assert!(got.contains(&"sam-unknown-deployment-type"), "{got:?}");
    assert!(got.contains(&"sam-deployment-hook-not-function"), "{got:?}");
    let good = "Resources:\n  Hook:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: s, Handler: h, Runtime: python3.13}\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s\n      Handler: h\n      Runtime: python3.13\n      AutoPublishAlias: live\n      DeploymentPreference:\n        Type: Linear10PercentEvery1Minute\n        Hooks:\n          PreTraffic: !Ref Hook\n";
    assert!(findings(good).is_empty(), "{:?}", findings(good));
}

#[test]
fn generated_names_are_valid_targets() {
    let body = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s\n      Handler: h\n      Runtime: python3.13\n      AutoPublishAlias: live\n      Events:\n        Get:\n          Type: Api\n          Properties: {Path: /, Method: get}\nOutputs:\n  Role:\n    Value: !GetAtt FnRole.Arn\n  Alias:\n    Value: !Ref Fn.Alias\n  Api:\n    Value: !Sub 'https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/'\n  Stage:\n    Value: !Ref ServerlessRestApiProdStage\n";
    assert!(errors(body).is_empty(), "{:?}", errors(body));
}

#[test]
fn misspelt_generated_names_are_reported() {
    let body = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: s\n      Handler: h\n      Runtime: python3.13\nOutputs:\n  Role:\n    Value: !GetAtt FnRoel.Arn\n";
    let found = errors(body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "unknown-getatt-resource");
}

#[test]
fn unknown_sam_type_gets_a_suggestion() {
    let body = "Resources:\n  Fn:\n    Type: AWS::Serverless::Functon\n";
    let found = errors(body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "sam-unknown-resource-type");
    assert!(found[0]
        .1
        .contains("did you mean `AWS::Serverless::Function`?"));
}

mod editing {
    use super::*;
    use awsls_docs_index::Topic;

    fn at(text: &str, marker: &str) -> (Snapshot, usize) {
        let offset = text.find(marker).expect("marker");
        (
            Snapshot::from_text("template.yaml", &text.replacen(marker, "", 1)),
            offset,
        )
    }

    #[test]
    fn hover_on_deployment_preference_leads_to_codedeploy() {
        let text = format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      AutoPublishAlias: live\n      Deployment|Preference:\n        Type: Canary10Percent5Minutes\n");
        let (s, offset) = at(&text, "|");
        let info = super::super::hover(&s, offset).expect("hover");
        assert_eq!(info.topic, Some(Topic::Service("CodeDeploy".to_string())));
        let text = format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      AutoPublishAlias: live\n      DeploymentPreference:\n        Type: Canary10|Percent5Minutes\n");
        let (s, offset) = at(&text, "|");
        let info = super::super::hover(&s, offset).expect("hover");
        assert!(info.markdown.contains("10%"));
    }

    #[test]
    fn hover_on_types_events_and_policy_templates() {
        let text = format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Func|tion\n");
        let (s, offset) = at(&text, "|");
        let info = super::super::hover(&s, offset).expect("hover");
        assert_eq!(
            info.topic,
            Some(Topic::SamResourceType(
                "AWS::Serverless::Function".to_string()
            ))
        );
        let text = format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        E:\n          Type: S|QS\n      Policies:\n        - S3Read|Policy: {{BucketName: b}}\n");
        let (s, offset) = at(&text, "|");
        let info = super::super::hover(&s, offset).expect("hover");
        assert!(
            info.markdown.contains("`Queue` (required)"),
            "{}",
            info.markdown
        );
        let text = text.replacen('|', "", 1);
        let (s, offset) = at(&text, "|");
        let info = super::super::hover(&s, offset).expect("hover");
        assert!(
            info.markdown.contains("SAM policy template") && info.markdown.contains("`BucketName`")
        );
    }

    #[test]
    fn hover_on_a_generated_name() {
        let text = format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\nOutputs:\n  R:\n    Value: !GetAtt FnR|ole.Arn\n");
        let (s, offset) = at(&text, "|");
        let info = super::super::hover(&s, offset).expect("hover");
        assert!(
            info.markdown
                .contains("`AWS::IAM::Role` generated by SAM from `Fn`"),
            "{}",
            info.markdown
        );
    }

    fn labels(text: &str) -> Vec<String> {
        let (s, offset) = at(text, "|");
        super::super::complete(&s, offset)
            .into_iter()
            .map(|e| e.label)
            .collect()
    }

    #[test]
    fn completion_offers_sam_things() {
        let types = labels(&format!(
            "{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::|\n"
        ));
        assert!(
            types.iter().any(|l| l == "AWS::Serverless::Function"),
            "{types:?}"
        );
        let sections = labels(&format!("{HEAD}Globals:\n  |\n"));
        assert!(
            sections.iter().any(|l| l == "Function") && sections.iter().any(|l| l == "HttpApi")
        );
        let props = labels(&format!("{HEAD}Globals:\n  Function:\n    Tim|\n"));
        assert!(props.iter().any(|l| l == "Timeout"));
        let event_types = labels(&format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        E:\n          Type: |\n"));
        assert!(
            event_types.iter().any(|l| l == "EventBridgeRule"),
            "{event_types:?}"
        );
        let event_props = labels(&format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        E:\n          Type: SQS\n          Properties:\n            |\n"));
        assert!(event_props.iter().any(|l| l == "Queue"), "{event_props:?}");
        let templates = labels(&format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Policies:\n        - S3Rea|\n"));
        assert!(
            templates.iter().any(|l| l == "S3ReadPolicy"),
            "{templates:?}"
        );
        let kinds = labels(&format!("{HEAD}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      AutoPublishAlias: live\n      DeploymentPreference:\n        Type: |\n"));
        assert!(kinds.iter().any(|l| l == "AllAtOnce"), "{kinds:?}");
    }

    #[test]
    fn generated_resources_are_offered_as_targets() {
        let body = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      AutoPublishAlias: live\n      Events:\n        Get:\n          Type: Api\n          Properties: {Path: /, Method: get}\n";
        let refs = labels(&format!("{HEAD}{body}Outputs:\n  A:\n    Value: !Ref |\n"));
        assert!(refs.iter().any(|l| l == "Fn.Alias"), "{refs:?}");
        assert!(refs.iter().any(|l| l == "ServerlessRestApi"), "{refs:?}");
        let atts = labels(&format!(
            "{HEAD}{body}Outputs:\n  A:\n    Value: !GetAtt FnR|\n"
        ));
        assert!(atts.iter().any(|l| l == "FnRole"), "{atts:?}");
        assert!(!atts.iter().any(|l| l == "Fn.Alias"), "{atts:?}");
    }

    #[test]
    fn plain_cloudformation_is_not_offered_sam_types() {
        let text = "Resources:\n  Fn:\n    Type: AWS::Serverless::|\n";
        let (s, offset) = at(text, "|");
        assert_eq!(s.kind, Some(analysis::DocKind::CloudFormation));
        let labels: Vec<String> = analysis::completion::complete(&s, offset)
            .into_iter()
            .map(|e| e.label)
            .collect();
        assert!(
            !labels.iter().any(|l| l.starts_with("AWS::Serverless::")),
            "{labels:?}"
        );
    }
}
