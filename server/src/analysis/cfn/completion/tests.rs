//! Completion at marked cursors (`|`) in YAML and JSON templates, whole and
//! half-typed: labels, replace spans and the text they produce.

use crate::analysis::{CompletionEntry, Snapshot};

use super::complete;

fn at(name: &str, marked: &str) -> (Vec<CompletionEntry>, String, usize) {
    let offset = marked.find('|').expect("cursor marker");
    let text = marked.replacen('|', "", 1);
    let snapshot = Snapshot::from_text(name, &text);
    (complete(&snapshot, offset), text, offset)
}

fn labels(entries: &[CompletionEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.label.as_str()).collect()
}

fn apply(text: &str, entry: &CompletionEntry) -> String {
    let mut out = text.to_string();
    out.replace_range(entry.replace.start..entry.replace.end, &entry.insert_text);
    out
}

fn find<'a>(entries: &'a [CompletionEntry], label: &str) -> &'a CompletionEntry {
    entries
        .iter()
        .find(|e| e.label == label)
        .unwrap_or_else(|| panic!("no `{label}` in {:?}", labels(entries)))
}

const HEAD: &str = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nMappings:\n  Sizes:\n    dev:\n      Small: t3.micro\n    prod:\n      Large: m5.large\n";

#[test]
fn fuzzy_resource_types_replace_the_typed_word() {
    let (entries, text, _) = at("t.yaml", "Resources:\n  Bucket:\n    Type: s3buck|\n");
    assert!(entries.len() <= 200);
    assert_eq!(entries[0].label, "AWS::S3::Bucket");
    assert_eq!(entries[0].sort_text.as_deref(), Some("0000"));
    assert_eq!(
        apply(&text, &entries[0]),
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
    );
    let (entries, text, _) = at(
        "t.json",
        "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Buc|\"}}}",
    );
    assert_eq!(entries[0].label, "AWS::S3::Bucket");
    assert_eq!(
        apply(&text, &entries[0]),
        "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}"
    );
}

#[test]
fn properties_required_first_present_left_out() {
    let marked = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n      |\n";
    let (entries, _, _) = at("t.yaml", marked);
    let names = labels(&entries);
    assert!(!names.contains(&"QueueName"));
    assert!(names.contains(&"VisibilityTimeout"));
    let marked = "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      |\n";
    let (entries, text, _) = at("t.yaml", marked);
    assert_eq!(entries[0].label, "Code");
    assert_eq!(entries[0].detail.as_deref(), Some("Code (required)"));
    let role = find(&entries, "Role");
    assert_eq!(apply(&text, role), marked.replace('|', "Role: $0"));
}

#[test]
fn properties_in_a_broken_document() {
    let marked = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Versioning|\n  Broken: [\n";
    let (entries, text, _) = at("t.yaml", marked);
    let entry = find(&entries, "VersioningConfiguration");
    assert_eq!(
        apply(&text, entry),
        marked.replace("Versioning|", "VersioningConfiguration:\n  $0")
    );
    let marked = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration:\n        Status: |\n  Broken: [\n";
    let (entries, _, _) = at("t.yaml", marked);
    assert_eq!(&labels(&entries)[..2], ["Enabled", "Suspended"]);
}

#[test]
fn json_property_names_inside_quotes() {
    let marked =
        "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketN|\"}}}}";
    let (entries, text, _) = at("t.json", marked);
    let entry = find(&entries, "BucketName");
    assert_eq!(
        apply(&text, entry),
        marked.replace("BucketN|", "BucketName")
    );
}

#[test]
fn ref_getatt_sub_targets() {
    let marked = format!("{HEAD}Resources:\n  B:\n    Type: AWS::S3::Bucket\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref |\n");
    let (entries, _, _) = at("t.yaml", &marked);
    let names = labels(&entries);
    assert_eq!(&names[..2], ["Env", "B"]);
    assert!(!names.contains(&"Q"));
    assert!(names.contains(&"AWS::Region"));
    let marked = format!("{HEAD}Resources:\n  B:\n    Type: AWS::S3::Bucket\nOutputs:\n  O:\n    Value: !GetAtt B.|\n");
    let (entries, text, offset) = at("t.yaml", &marked);
    let arn = find(&entries, "Arn");
    assert_eq!(arn.replace.start, offset);
    assert!(apply(&text, arn).contains("Value: !GetAtt B.Arn\n"));
    let marked = format!("{HEAD}Resources:\n  B:\n    Type: AWS::S3::Bucket\nOutputs:\n  O:\n    Value: !Sub '${{B.D|}}'\n");
    let (entries, text, _) = at("t.yaml", &marked);
    let domain = find(&entries, "B.DomainName");
    assert!(apply(&text, domain).contains("!Sub '${B.DomainName}'"));
}

#[test]
fn conditions_are_offered_most_used_first_with_their_meaning() {
    let text = "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [prod, dev]\nConditions:\n  Alpha: !Equals [!Ref Env, dev]\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n  B:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: |\n";
    let (entries, _, _) = at("t.yaml", text);
    assert_eq!(labels(&entries), ["IsProd", "Alpha"]);
    assert_eq!(
        entries[0].detail.as_deref(),
        Some("Condition, used 2 times")
    );
    let docs = entries[0].documentation.as_deref().unwrap_or_default();
    assert!(docs.contains("false when `Env` is `dev`"), "{docs}");
}

#[test]
fn conditions_mappings_depends_on() {
    let base = format!(
        "{HEAD}Resources:\n  B:\n    Type: AWS::S3::Bucket\n  Q:\n    Type: AWS::SQS::Queue\n"
    );
    let (entries, _, _) = at("t.yaml", &format!("{base}    Condition: |\n"));
    assert_eq!(labels(&entries), ["IsProd"]);
    let (entries, _, _) = at("t.yaml", &format!("{base}    DependsOn:\n      - |\n"));
    assert_eq!(labels(&entries), ["B"]);
    let (entries, _, _) = at(
        "t.yaml",
        &format!("{base}Outputs:\n  O:\n    Value: !FindInMap [Sizes, |]\n"),
    );
    assert_eq!(labels(&entries), ["dev", "prod"]);
    let (entries, _, _) = at(
        "t.yaml",
        &format!("{base}Outputs:\n  O:\n    Value: !FindInMap [Sizes, prod, |]\n"),
    );
    assert_eq!(labels(&entries), ["Large"]);
    let (entries, _, _) = at(
        "t.yaml",
        &format!("{base}Outputs:\n  O:\n    Value: !If [|]\n"),
    );
    assert_eq!(labels(&entries), ["IsProd"]);
}

#[test]
fn sections_policies_and_tags() {
    let (entries, text, _) = at(
        "t.yaml",
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\nOut|\n",
    );
    let outputs = find(&entries, "Outputs");
    assert_eq!(
        apply(&text, outputs),
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\nOutputs:\n  $0\n"
    );
    assert!(!labels(&entries).contains(&"Resources"));
    let (entries, _, _) = at(
        "t.yaml",
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: |\n",
    );
    assert_eq!(
        labels(&entries),
        ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]
    );
    let (entries, text, _) = at(
        "t.yaml",
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Su|\n",
    );
    let sub = find(&entries, "!Sub");
    assert!(apply(&text, sub).contains("BucketName: !Sub ${1}\n"));
}

#[test]
fn json_function_values_and_keys() {
    let marked = "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": |}}}}";
    let (entries, text, _) = at("t.json", marked);
    let r = find(&entries, "Ref");
    assert_eq!(apply(&text, r), marked.replace('|', "{\"Ref\": \"${1}\"}"));
    let marked = "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": {\"Fn::|\"}}}}}";
    let (entries, _, _) = at("t.json", marked);
    assert!(labels(&entries).contains(&"Fn::Sub"));
}

#[test]
fn resource_properties_snippet() {
    let marked = "Resources:\n  F:\n    Type: AWS::SNS::Subscription\n    Prop|\n";
    let (entries, _, _) = at("t.yaml", marked);
    let props = find(&entries, "Properties");
    assert!(props.snippet);
    assert!(
        props.insert_text.starts_with("Properties:\n  "),
        "{}",
        props.insert_text
    );
    assert!(
        props.insert_text.contains("Protocol: "),
        "{}",
        props.insert_text
    );
    assert!(
        props.insert_text.contains("TopicArn: "),
        "{}",
        props.insert_text
    );
}

#[test]
fn sub_variable_map_names_come_first() {
    let marked = "Resources:\n  B:\n    Type: AWS::S3::Bucket\nOutputs:\n  O:\n    Value: !Sub\n      - '${Dom|}'\n      - Domain: example.com\n";
    let (entries, text, _) = at("t.yaml", marked);
    let domain = find(&entries, "Domain");
    assert_eq!(domain.detail.as_deref(), Some("Fn::Sub variable"));
    assert!(apply(&text, domain).contains("- '${Domain}'\n"));
}

#[test]
fn getatt_logical_id_before_the_dot_keeps_the_attribute() {
    let marked = format!("{HEAD}Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\nOutputs:\n  O:\n    Value: !GetAtt Buck|.Arn\n");
    let (entries, text, offset) = at("t.yaml", &marked);
    let bucket = find(&entries, "Bucket");
    assert!(bucket.replace.start <= offset && offset <= bucket.replace.end);
    assert!(apply(&text, bucket).contains("Value: !GetAtt Bucket.Arn\n"));
}

#[test]
fn thousands_of_targets_give_the_best_matches_in_one_capped_list() {
    let mut text = String::from("Parameters:\n  QueueSize:\n    Type: Number\nResources:\n");
    for i in 0..3000 {
        text.push_str(&format!("  Queue{i:04}:\n    Type: AWS::SQS::Queue\n"));
    }
    let typed = format!("{text}  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Queue29|\n");
    let (entries, _, _) = at("t.yaml", &typed);
    assert!(entries.len() <= super::rank::MAX_ITEMS);
    // Names holding what was typed as a run come first, in template order.
    assert_eq!(
        labels(&entries)[..3],
        ["Queue2900", "Queue2901", "Queue2902"]
    );
    assert!(labels(&entries).contains(&"Queue2999"));
    assert_eq!(
        find(&entries, "Queue2900").detail.as_deref(),
        Some("AWS::SQS::Queue")
    );
    // Nothing typed: the list is full and keeps the parameters and pseudo parameters.
    let nothing = typed.replace("!Ref Queue29|", "!Ref |");
    let (entries, _, _) = at("t.yaml", &nothing);
    assert_eq!(entries.len(), super::rank::MAX_ITEMS);
    assert_eq!(entries[0].label, "QueueSize");
    assert!(labels(&entries).contains(&"Queue0000"));
}
