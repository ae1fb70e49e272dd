//! Templates with the `AWS::LanguageExtensions` transform over stdio, in YAML
//! and JSON: findings in `Fn::ForEach` bodies (once, with their iterations),
//! references to expanded names, hover, completion, definition and rename
//! inside loops, `Fn::GetStackOutput` and `Fn::Length`.

use serde_json::{json, Value};

use crate::client::{edits_in, file_uri, position_of, Client};

const YAML: &str = include_str!("../fixtures/cfn/language-extensions/loops.yaml");
const JSON: &str = include_str!("../fixtures/cfn/language-extensions/loops.json");

fn pos(text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i + delta)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} not in text"));
    let (line, character) = position_of(text, offset);
    json!({"line": line, "character": character})
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

fn line_of(text: &str, needle: &str) -> u64 {
    pos(text, needle, 0, 0)["line"].as_u64().unwrap_or(u64::MAX)
}

fn open(client: &mut Client, name: &str, text: &str) -> (String, Vec<Value>) {
    let uri = file_uri(name);
    let language = if name.ends_with(".json") {
        "json"
    } else {
        "yaml"
    };
    client.open(&uri, language, 1, text);
    let diagnostics = client.diagnostics_for(&uri, 1);
    (uri, diagnostics)
}

fn diagnostics_in_loop_bodies(name: &str, text: &str, type_needle: &str, property_needle: &str) {
    let mut client = Client::start();
    let (_, diagnostics) = open(&mut client, name, text);
    let summary: Vec<(String, u64, String)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let with = |code: &str| -> Vec<&(String, u64, String)> {
        summary.iter().filter(|(c, _, _)| c == code).collect()
    };
    // Once per body, at the body, with its iterations.
    let types = with("unknown-resource-type");
    assert_eq!(types.len(), 1, "{summary:#?}");
    assert_eq!(types[0].1, line_of(text, type_needle));
    assert!(
        types[0].2.ends_with("(for `Name` = Orders, Invoices)"),
        "{}",
        types[0].2
    );
    let properties = with("unknown-property");
    assert_eq!(properties.len(), 1, "{summary:#?}");
    assert_eq!(properties[0].1, line_of(text, property_needle));
    assert!(
        properties[0].2.contains("(for `Name` = Small, Large)"),
        "{}",
        properties[0].2
    );
    // `!Ref TopicOrders` resolves; `QueueSmal` does not, with a suggestion.
    assert!(with("unknown-ref").is_empty(), "{summary:#?}");
    let get_att = with("unknown-getatt-resource");
    assert_eq!(get_att.len(), 1, "{summary:#?}");
    assert!(
        get_att[0].2.contains("did you mean `QueueSmall`"),
        "{}",
        get_att[0].2
    );
    // `Fn::GetStackOutput` and `Fn::Length` are functions.
    assert!(with("unknown-function").is_empty(), "{summary:#?}");
    assert_eq!(summary.len(), 3, "{summary:#?}");
    client.shutdown();
}

#[test]
fn yaml_findings_in_a_loop_body_are_reported_once_with_their_iterations() {
    diagnostics_in_loop_bodies("loops.yaml", YAML, "Type: AWS::SNS::Topik", "DelaySecond:");
}

#[test]
fn json_findings_in_a_loop_body_are_reported_once_with_their_iterations() {
    diagnostics_in_loop_bodies(
        "loops.json",
        JSON,
        "\"Type\": \"AWS::SNS::Topik\"",
        "\"DelaySecond\"",
    );
}

fn hover_text(client: &mut Client, uri: &str, position: Value) -> String {
    let hover = client.request("textDocument/hover", at(uri, position.clone()));
    hover["contents"]["value"].as_str().map_or_else(
        || format!("no hover at {position}: {hover}"),
        str::to_string,
    )
}

fn navigation_in_loops(name: &str, text: &str, topic_key: &str, id_decl: &str) {
    let (sub, ref_target) = ("${Name}-topic", "TopicOrders");
    let mut client = Client::start();
    let (uri, _) = open(&mut client, name, text);

    // Hover: the loop, its identifier in a body, a property of the body's
    // type, and the newer functions.
    let on_loop = hover_text(&mut client, &uri, pos(text, "Fn::ForEach::Topics", 0, 14));
    assert!(
        on_loop.contains("Produces `TopicOrders`, `TopicInvoices`"),
        "{on_loop}"
    );
    let on_identifier = hover_text(&mut client, &uri, pos(text, sub, 0, 4));
    assert!(
        on_identifier.contains("identifier of loop `Fn::ForEach::Topics`"),
        "{on_identifier}"
    );
    assert!(
        on_identifier.contains("`Orders`, `Invoices`"),
        "{on_identifier}"
    );
    let on_property = hover_text(&mut client, &uri, pos(text, "QueueName", 0, 2));
    assert!(on_property.contains("QueueName"), "{on_property}");
    let on_function = hover_text(&mut client, &uri, pos(text, "GetStackOutput", 0, 3));
    assert!(on_function.contains("OutputName"), "{on_function}");
    let on_length = hover_text(&mut client, &uri, pos(text, "Length", 0, 2));
    assert!(on_length.contains("number of items"), "{on_length}");

    // Go to definition: an expanded name goes to the output key that makes
    // it, the identifier to where the loop declares it.
    let definition = client.request(
        "textDocument/definition",
        at(&uri, pos(text, ref_target, 0, 3)),
    );
    let location = if definition.is_array() {
        definition[0].clone()
    } else {
        definition
    };
    assert_eq!(
        location["range"]["start"]["line"].as_u64(),
        Some(line_of(text, topic_key))
    );
    let definition = client.request("textDocument/definition", at(&uri, pos(text, sub, 0, 4)));
    let location = if definition.is_array() {
        definition[0].clone()
    } else {
        definition
    };
    assert_eq!(
        location["range"]["start"]["line"],
        pos(text, id_decl, 0, 0)["line"]
    );

    // References of the identifier: its declaration and the two uses in its loop.
    let references = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": pos(text, sub, 0, 4), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(references.as_array().map(Vec::len), Some(3), "{references}");

    // Rename the identifier of the first loop: the second loop keeps its own.
    let renamed = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": pos(text, sub, 0, 4), "newName": "Item"}),
    );
    let edits = renamed["changes"][&uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let edits = if edits.is_empty() {
        edits_in(&json!({"edit": renamed}), &uri)
    } else {
        edits
    };
    assert_eq!(edits.len(), 3, "{renamed}");
    assert!(edits.iter().all(|e| e["newText"] == "Item"));
    let queue_line = line_of(text, "Queue${Name}");
    assert!(edits
        .iter()
        .all(|e| e["range"]["start"]["line"].as_u64() < Some(queue_line)));
    client.shutdown();
}

#[test]
fn yaml_hover_definition_references_and_rename_inside_loops() {
    navigation_in_loops("nav.yaml", YAML, "Topic${Name}:", "- Name\n");
}

#[test]
fn json_hover_definition_references_and_rename_inside_loops() {
    navigation_in_loops("nav.json", JSON, "\"Topic${Name}\"", "\"Name\",");
}

#[test]
fn completion_of_properties_inside_a_loop_body() {
    let mut client = Client::start();
    let text = YAML.replace(
        "          DelaySecond: 5\n",
        "          DelaySecond: 5\n          Visi\n",
    );
    let (uri, _) = open(&mut client, "complete.yaml", &text);
    let p = pos(&text, "Visi\n", 0, 4);
    let items = client.completion(
        &uri,
        p["line"].as_u64().unwrap_or(0) as u32,
        p["character"].as_u64().unwrap_or(0) as u32,
    );
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(labels.contains(&"VisibilityTimeout"), "{labels:?}");

    let json = JSON.replace("\"DelaySecond\": 5", "\"DelaySecond\": 5, \"Visi\"");
    let (uri, _) = open(&mut client, "complete.json", &json);
    let p = pos(&json, "\"Visi\"", 0, 5);
    let items = client.completion(
        &uri,
        p["line"].as_u64().unwrap_or(0) as u32,
        p["character"].as_u64().unwrap_or(0) as u32,
    );
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(labels.contains(&"VisibilityTimeout"), "{labels:?}");

    // In a loop body, `${` in `Fn::Sub` and `!Ref` offer the loop's identifier.
    let text = YAML.replace("TopicName: !Sub '${Name}-topic'", "TopicName: !Sub '${N'");
    let (uri, _) = open(&mut client, "sub.yaml", &text);
    let p = pos(&text, "${N'", 0, 3);
    let items = client.completion(
        &uri,
        p["line"].as_u64().unwrap_or(0) as u32,
        p["character"].as_u64().unwrap_or(0) as u32,
    );
    let name = items
        .iter()
        .find(|i| i["label"] == "Name")
        .expect("the loop identifier");
    assert!(
        name["detail"]
            .as_str()
            .unwrap_or("")
            .contains("Orders, Invoices"),
        "{name}"
    );

    // `!Ref` offers the names the loops produce.
    let text = YAML.replace("TopicArn: !Ref TopicOrders", "TopicArn: !Ref ");
    let (uri, _) = open(&mut client, "refs.yaml", &text);
    let p = pos(&text, "TopicArn: !Ref ", 0, 15);
    let items = client.completion(
        &uri,
        p["line"].as_u64().unwrap_or(0) as u32,
        p["character"].as_u64().unwrap_or(0) as u32,
    );
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(
        labels.contains(&"TopicOrders") && labels.contains(&"QueueLarge"),
        "{labels:?}"
    );
    client.shutdown();
}

/// The folder of the language-extension fixtures.
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/cfn/language-extensions"
);

/// `awsls check --format json` on `paths`.
fn check(paths: &[String]) -> Value {
    let output = std::process::Command::new(crate::client::binary())
        .args(["check", "--format", "json"])
        .args(paths)
        .output()
        .expect("awsls check runs");
    serde_json::from_slice(&output.stdout).expect("json")
}

/// The errors cfn-lint 1.58 reports on each template of `parity/` are
/// reported on the same lines, and no others.
#[test]
fn check_reports_the_errors_cfn_lint_reports_on_language_extension_templates() {
    let expected: &[(&str, &[u64])] = &[
        ("collection-not-a-list.yaml", &[14]),
        ("duplicate-names.yaml", &[15]),
        ("get-stack-output.yaml", &[21, 24, 32, 35]),
        ("identifier-in-plain-strings.yaml", &[40]),
        ("loop-in-properties.yaml", &[25]),
        ("names-outside-sub.yaml", &[11, 14, 16, 18, 24]),
        ("nested-conditions-outputs.json", &[15, 18, 27, 29]),
        ("policies-and-defaults.yaml", &[26, 44]),
        ("without-transform.yaml", &[8, 11, 13]),
    ];
    for (file, lines) in expected {
        let findings = check(&[format!("{FIXTURES}/parity/{file}")]);
        let mut got: Vec<u64> = findings
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|f| f["severity"] == "error")
                    .filter_map(|f| f["line"].as_u64())
                    .collect()
            })
            .unwrap_or_default();
        got.sort_unstable();
        got.dedup();
        assert_eq!(&got, lines, "{file}: {findings:#}");
    }
}

#[test]
fn check_reports_loop_bodies_in_yaml_and_json() {
    let output = std::process::Command::new(crate::client::binary())
        .args(["check", "--format", "json"])
        .arg(format!("{FIXTURES}/loops.yaml"))
        .arg(format!("{FIXTURES}/loops.json"))
        .output()
        .expect("awsls check runs");
    let findings: Value = serde_json::from_slice(&output.stdout).expect("json");
    let codes: Vec<&str> = findings
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["code"].as_str()).collect())
        .unwrap_or_default();
    for code in [
        "unknown-resource-type",
        "unknown-property",
        "unknown-getatt-resource",
    ] {
        assert_eq!(
            codes.iter().filter(|c| **c == code).count(),
            2,
            "{code}: {codes:?}"
        );
    }
    assert!(!codes.contains(&"unknown-function"), "{codes:?}");
}

#[test]
fn the_outline_shows_loops_and_the_resources_they_produce() {
    let mut client = Client::start();
    for (name, text) in [("outline-loops.yaml", YAML), ("outline-loops.json", JSON)] {
        let (uri, _) = open(&mut client, name, text);
        let symbols = client.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        let sections = symbols.as_array().cloned().unwrap_or_default();
        let resources = sections
            .iter()
            .find(|s| s["name"] == "Resources")
            .unwrap_or_else(|| panic!("{name}: no Resources in {symbols:#}"));
        let topics = resources["children"]
            .as_array()
            .and_then(|c| c.iter().find(|s| s["name"] == "Fn::ForEach::Topics"))
            .unwrap_or_else(|| panic!("{name}: no loop in {resources:#}"));
        assert_eq!(topics["detail"], "Name in Orders, Invoices", "{name}");
        let body = &topics["children"][0];
        assert_eq!(body["name"], "Topic${Name}", "{name}");
        assert_eq!(
            body["detail"], "AWS::SNS::Topik → TopicOrders, TopicInvoices",
            "{name}"
        );
    }
    client.shutdown();
}
