//! Cursor contexts on half-typed YAML and JSON (`|` marks the cursor).

use awsls_grammars::Format;

use crate::analysis::Snapshot;

use super::{Cursor, Role, Seg};

/// The cursor at `|`, read the way completion reads it (with the parsed
/// model, which lets the JSON scan start near the cursor).
fn at(marked: &str, format: Format) -> (Cursor, String) {
    let offset = marked.find('|').expect("cursor marker");
    let text = marked.replacen('|', "", 1);
    let name = match format {
        Format::Yaml => "template.yaml",
        Format::Json => "template.json",
    };
    let snapshot = Snapshot::from_text(name, &text);
    (super::at(&snapshot, &text, offset), text)
}

fn keys(path: &[Seg]) -> Vec<String> {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => k.clone(),
            Seg::Item { index, previous } => format!("[{index}:{}]", previous.join(",")),
            Seg::Fn(f) => format!("!{f}"),
        })
        .collect()
}

#[test]
fn yaml_new_key_under_properties() {
    let (c, text) = at(
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: x\n      Ver|\n      Tags: []\n",
        Format::Yaml,
    );
    assert_eq!(keys(&c.path), ["Resources", "Bucket", "Properties"]);
    assert_eq!(c.role, Role::KeyOrValue);
    assert_eq!(&text[c.word.start..c.word.end], "Ver");
    assert_eq!(c.siblings, ["BucketName", "Tags"]);
}

#[test]
fn yaml_value_after_type() {
    let (c, text) = at(
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bu|\n  Other: [\n",
        Format::Yaml,
    );
    assert_eq!(keys(&c.path), ["Resources", "Bucket", "Type"]);
    assert_eq!(c.role, Role::Value);
    assert_eq!(&text[c.word.start..c.word.end], "AWS::S3::Bu");
    assert_eq!(c.typed, "AWS::S3::Bu");
}

#[test]
fn yaml_short_forms_and_flow() {
    let (c, _) = at(
        "Resources:\n  A:\n    Properties:\n      X: !If [Cond, !GetAtt B.|",
        Format::Yaml,
    );
    assert_eq!(
        keys(&c.path),
        [
            "Resources",
            "A",
            "Properties",
            "X",
            "!Fn::If",
            "[1:Cond]",
            "!Fn::GetAtt"
        ]
    );
    let (c, _) = at(
        "Outputs:\n  O:\n    Value: !FindInMap [Map, Top, |]",
        Format::Yaml,
    );
    assert_eq!(
        keys(&c.path),
        ["Outputs", "O", "Value", "!Fn::FindInMap", "[2:Map,Top]"]
    );
    let (c, text) = at(
        "Outputs:\n  O:\n    Value: !Sub \"arn:${AWS::Re|}\"",
        Format::Yaml,
    );
    assert_eq!(keys(&c.path), ["Outputs", "O", "Value", "!Fn::Sub"]);
    assert_eq!(&text[c.word.start..c.word.end], "AWS::Re");
}

#[test]
fn yaml_block_lists_and_items() {
    let text = "Resources:\n  A:\n    DependsOn:\n      - B\n      - |\n";
    let (c, _) = at(text, Format::Yaml);
    assert_eq!(keys(&c.path), ["Resources", "A", "DependsOn", "[1:B]"]);
    assert_eq!(c.role, Role::KeyOrValue);
    let text = "Resources:\n  A:\n    Properties:\n      Tags:\n        - Key: k\n          Value: v\n        - Key: k2\n          V|\n";
    let (c, _) = at(text, Format::Yaml);
    assert_eq!(
        keys(&c.path),
        ["Resources", "A", "Properties", "Tags", "[1:]"]
    );
    assert_eq!(c.siblings, ["Key"]);
    let text = "Conditions:\n  C: !Equals [a, b]\nOutputs:\n  O:\n    Value: !If\n      - |\n";
    let (c, _) = at(text, Format::Yaml);
    assert_eq!(keys(&c.path), ["Outputs", "O", "Value", "!Fn::If", "[0:]"]);
    let text = "Resources:\n  A:\n    Properties:\n      X:\n        Fn::GetAtt:\n        - Res\n        - |\n";
    let (c, _) = at(text, Format::Yaml);
    assert_eq!(
        keys(&c.path),
        ["Resources", "A", "Properties", "X", "Fn::GetAtt", "[1:Res]"]
    );
}

#[test]
fn yaml_top_level_and_colon_without_space() {
    let (c, _) = at("Resources:\n  A:\n    Type: X\nOut|", Format::Yaml);
    assert!(c.path.is_empty());
    assert_eq!(c.siblings, ["Resources"]);
    let (c, _) = at("Resources:\n  A:\n    Type:|", Format::Yaml);
    assert_eq!(keys(&c.path), ["Resources", "A", "Type"]);
    assert_eq!(c.role, Role::Value);
    assert!(c.space_before);
}

#[test]
fn json_keys_values_and_strings() {
    let text = "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": {\"Ref\": \"P|\"}}}}}";
    let (c, t) = at(text, Format::Json);
    assert_eq!(
        keys(&c.path),
        ["Resources", "B", "Properties", "BucketName", "Ref"]
    );
    assert_eq!(c.role, Role::Value);
    assert!(c.quoted);
    assert_eq!(&t[c.word.start..c.word.end], "P");
    let text = "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"Ver|\", \"Tags\": []}}}}";
    let (c, _) = at(text, Format::Json);
    assert_eq!(keys(&c.path), ["Resources", "B", "Properties"]);
    assert_eq!(c.role, Role::Key);
    assert_eq!(c.siblings, ["Tags"]);
    let text = "{\"Outputs\": {\"O\": {\"Value\": {\"Fn::GetAtt\": [\"B\", \"|\"]}}}}";
    let (c, _) = at(text, Format::Json);
    assert_eq!(
        keys(&c.path),
        ["Outputs", "O", "Value", "Fn::GetAtt", "[1:B]"]
    );
    let text = "{\"Resources\": {\"B\": {\"Type\": |\n";
    let (c, _) = at(text, Format::Json);
    assert_eq!(keys(&c.path), ["Resources", "B", "Type"]);
    assert!(!c.quoted);
    assert_eq!(c.word.start, c.word.end);
}

#[test]
fn section_keys_from_text() {
    let yaml = "Parameters:\n  Env:\n    Type: String\n  # note\n  Size:\n    Type: Number\nResources:\n  A: [\n";
    assert_eq!(
        super::section_keys(yaml, Format::Yaml, "Parameters"),
        ["Env", "Size"]
    );
    let json =
        "{\"Resources\": {\"A\": {\"Type\": \"X\"}, \"B\": {\"Type\": \"Y\", \"Properties\": {\"Z";
    assert_eq!(
        super::section_keys(json, Format::Json, "Resources"),
        ["A", "B"]
    );
    assert!(super::section_keys(json, Format::Json, "Outputs").is_empty());
}
