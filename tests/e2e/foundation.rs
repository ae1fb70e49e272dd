//! The foundation over stdio: initialize, syntax diagnostics at exact UTF-16
//! and UTF-8 columns, no interference with non-AWS files, ordered rapid edits,
//! and incremental edits that end where a fresh open of the same text ends.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

use crate::client::{file_uri, Client};

/// A broken template: on line 6 an emoji and CJK text stand before a stray `]`.
const BROKEN: &str = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: [\"😀名前\", \"b\"]]\n";

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The (line, UTF-16 column) of a byte offset in `text`, lines broken on LF.
fn utf16_position(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line as u32, utf16_len(&text[line_start..offset]) as u32)
}

fn start_of(diagnostic: &Value) -> (u64, u64) {
    let start = &diagnostic["range"]["start"];
    (
        start["line"].as_u64().unwrap_or(u64::MAX),
        start["character"].as_u64().unwrap_or(u64::MAX),
    )
}

#[test]
fn initialize_answers_with_capabilities_and_utf16_by_default() {
    let mut client = Client::spawn(&[]);
    let result = client.initialize(json!({}), None);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["serverInfo"]["name"], "awsls");
    assert!(result["capabilities"]["hoverProvider"]
        .as_bool()
        .unwrap_or(false));
    client.shutdown();
}

#[test]
fn utf8_is_used_when_the_client_offers_it() {
    let mut client = Client::spawn(&[]);
    let result = client.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        None,
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let uri = file_uri("broken-utf8.yaml");
    client.open(&uri, "yaml", 1, BROKEN);
    let diagnostics = client.diagnostics_for(&uri, 1);
    let offset = BROKEN.find("]]").map(|i| i + 1).expect("stray bracket");
    let line_start = BROKEN[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let expected = (5u64, (offset - line_start) as u64);
    assert!(
        diagnostics.iter().any(|d| start_of(d) == expected),
        "expected a diagnostic at byte column {expected:?}, got {diagnostics:#?}"
    );
    client.shutdown();
}

#[test]
fn syntax_error_is_reported_at_its_utf16_column() {
    let mut client = Client::start();
    let uri = file_uri("broken.yaml");
    client.open(&uri, "yaml", 1, BROKEN);
    let diagnostics = client.diagnostics_for(&uri, 1);
    let offset = BROKEN.find("]]").map(|i| i + 1).expect("stray bracket");
    let (line, character) = utf16_position(BROKEN, offset);
    assert_eq!(line, 5);
    let error = diagnostics
        .iter()
        .find(|d| d["code"] == "syntax-error")
        .unwrap_or_else(|| panic!("no syntax error in {diagnostics:#?}"));
    assert_eq!(
        start_of(error),
        (line as u64, character as u64),
        "{error:#}"
    );
    assert_eq!(error["severity"], 1);
    assert_eq!(error["source"], "awsls");
    client.shutdown();
}

#[test]
fn github_workflows_and_other_files_get_no_diagnostics() {
    let mut client = Client::start();
    let workflow = file_uri(".github/workflows/ci.yml");
    client.open(
        &workflow,
        "yaml",
        1,
        "name: ci\non: [push\njobs:\n  build:\n    runs-on: ubuntu-latest\n",
    );
    let package = file_uri("package.json");
    client.open(
        &package,
        "json",
        1,
        "{\"name\": \"x\", \"version\": \"1.0.0\",}",
    );
    // A template opened afterwards proves the server got that far.
    let template = file_uri("after.yaml");
    client.open(&template, "yaml", 1, BROKEN);
    assert!(!client.diagnostics_for(&template, 1).is_empty());
    for uri in [&workflow, &package] {
        for message in client.published_for(uri) {
            assert_eq!(
                message["params"]["diagnostics"],
                json!([]),
                "{uri}: {message:#}"
            );
        }
    }
    client.shutdown();
}

/// Byte offset → LSP position (UTF-16) in `text`.
fn position(text: &str, offset: usize) -> Value {
    let (line, character) = utf16_position(text, offset);
    json!({"line": line, "character": character})
}

fn change(uri: &str, version: i32, text: &str, start: usize, end: usize, new_text: &str) -> Value {
    json!({
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{
            "range": {"start": position(text, start), "end": position(text, end)},
            "text": new_text,
        }]
    })
}

#[test]
fn two_hundred_rapid_changes_arrive_in_order() {
    let mut client = Client::start();
    let uri = file_uri("rapid.yaml");
    let mut text = String::from(
        "AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n  Typed: \nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
    );
    client.open(&uri, "yaml", 1, &text);
    let insert_at = text
        .find("Typed: ")
        .map(|i| i + "Typed: ".len())
        .unwrap_or(0);
    // A flow collection typed one character at a time: any reordering of the
    // changes would leave brackets unbalanced and produce syntax errors.
    let typed = format!("[{}{{z: {}}}]", "{a: [1, 2]}, ".repeat(14), "0".repeat(11));
    assert_eq!(typed.chars().count(), 200);
    let mut version = 1;
    for ch in typed.chars() {
        let at = insert_at + text[insert_at..].find('\n').unwrap_or(0);
        version += 1;
        let params = change(&uri, version, &text, at, at, &ch.to_string());
        client.notify("textDocument/didChange", params);
        text.insert(at, ch);
    }
    assert_eq!(version, 201);
    // One more change that adds a stray `]` right after the typed text.
    let end = insert_at + typed.len();
    client.notify(
        "textDocument/didChange",
        change(&uri, 202, &text, end, end, "]"),
    );
    text.insert(end, ']');
    let diagnostics = client.diagnostics_for(&uri, 202);
    let (line, character) = utf16_position(&text, end);
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d["code"] == "syntax-error")
            .map(start_of)
            .collect::<Vec<_>>(),
        vec![(line as u64, character as u64)],
        "exactly the stray bracket after 200 typed characters: {diagnostics:#?}"
    );
    // The same text opened fresh gives the same diagnostics.
    let fresh = file_uri("rapid-fresh.yaml");
    client.open(&fresh, "yaml", 1, &text);
    assert_eq!(client.diagnostics_for(&fresh, 1), diagnostics);
    client.shutdown();
}

/// A generated template of `queues` SQS queues, every tenth with a delay out
/// of range (a per-resource finding), wired to one topic by `Ref`.
fn large_template(queues: usize) -> String {
    let mut text = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n");
    for i in 0..queues {
        let delay = if i % 10 == 0 { 901 } else { 5 };
        text.push_str(&format!(
            "  Queue{i:04}:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: {delay}\n      QueueName: !Sub \"${{Topic}}-{i}\"\n"
        ));
    }
    text
}

#[test]
fn a_burst_of_edits_on_a_large_template_ends_with_a_fresh_analysis() {
    let mut client = Client::start();
    let uri = file_uri("burst.yaml");
    let mut text = large_template(1500);
    client.open(&uri, "yaml", 1, &text);
    let opened = client.diagnostics_for(&uri, 1);
    assert_eq!(
        opened
            .iter()
            .filter(|d| d["code"] != "limit-exceeded")
            .count(),
        150,
        "one finding per tenth queue"
    );
    // Type a property into a queue in the middle and delete part of it, with
    // no wait between edits (most analyses are superseded), hovering now
    // and then: every hover is answered.
    let at = text.find("  Queue0750:\n").unwrap_or(0);
    let at = at + text[at..].find("      DelaySeconds").unwrap_or(0);
    let typed = "      VisibilityTimeout: 99999\n";
    let mut version = 1;
    for (i, ch) in typed.char_indices() {
        version += 1;
        client.notify(
            "textDocument/didChange",
            change(&uri, version, &text, at + i, at + i, &ch.to_string()),
        );
        text.insert(at + i, ch);
        if i % 8 == 0 {
            let (line, character) =
                utf16_position(&text, text.find("AWS::SNS::Topic").unwrap_or(0) + 5);
            let hover = client.hover(&uri, line, character);
            assert!(hover["contents"].to_string().contains("SNS"), "{hover}");
        }
    }
    // A queue near the top loses its finding: every later span moves.
    let top = text
        .find("DelaySeconds: 901")
        .map_or(0, |i| i + "DelaySeconds: ".len());
    version += 1;
    client.notify(
        "textDocument/didChange",
        change(&uri, version, &text, top, top + 3, "9"),
    );
    text.replace_range(top..top + 3, "9");
    let diagnostics = client.diagnostics_for(&uri, version);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["message"].to_string().contains("99999")),
        "the typed value is judged: {diagnostics:#?}"
    );
    // The same text opened fresh gives the same diagnostics.
    let fresh = file_uri("burst-fresh.yaml");
    client.open(&fresh, "yaml", 1, &text);
    assert_eq!(client.diagnostics_for(&fresh, 1), diagnostics);
    client.shutdown();
}

const SEED_YAML: &str = "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Env:\n    Type: String\n    Default: dev\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub \"${Env}-data\"\n      Tags: [{Key: owner, Value: \"チーム😀\"}]\nOutputs:\n  Arn:\n    Value: !GetAtt Bucket.Arn\n";

const SEED_JSON: &str = "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\n    \"Queue\": {\n      \"Type\": \"AWS::SQS::Queue\",\n      \"Properties\": {\"VisibilityTimeout\": 30, \"QueueName\": \"名前\"}\n    }\n  },\n  \"Outputs\": {\"Url\": {\"Value\": {\"Ref\": \"Queue\"}}}\n}\n";

const SNIPPETS: &[&str] = &[
    "",
    " ",
    "\n",
    ":",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "!Ref X",
    "- item\n",
    "Key: value\n",
    "😀",
    "名",
    "\t",
    "  Type: AWS::SNS::Topic\n",
    ",",
    "#",
    "&a",
    "*a",
    "---\n",
];

/// (start fraction, delete length, snippet index)
fn edits() -> impl Strategy<Value = Vec<(f64, usize, usize)>> {
    prop::collection::vec((0.0f64..1.0, 0usize..6, 0usize..SNIPPETS.len()), 1..25)
}

fn char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[test]
fn random_incremental_edits_match_a_fresh_open() {
    let client = std::cell::RefCell::new(Client::start());
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let counter = std::cell::Cell::new(0);
    let result = runner.run(&(edits(), any::<bool>()), |(edits, json)| {
        let mut client = client.borrow_mut();
        counter.set(counter.get() + 1);
        let case = counter.get();
        let (seed, language, ext) = if json {
            (SEED_JSON, "json", "json")
        } else {
            (SEED_YAML, "yaml", "yaml")
        };
        let uri = file_uri(&format!("random-{case}.{ext}"));
        let mut text = seed.to_string();
        client.open(&uri, language, 1, &text);
        let mut version = 1;
        for (at, delete, snippet) in &edits {
            let start = char_boundary(&text, (at * text.len() as f64) as usize);
            let end = char_boundary(&text, start + delete);
            let end = end.max(start);
            version += 1;
            let params = change(&uri, version, &text, start, end, SNIPPETS[*snippet]);
            client.notify("textDocument/didChange", params);
            text.replace_range(start..end, SNIPPETS[*snippet]);
        }
        let incremental = client.diagnostics_for(&uri, version);
        let fresh_uri = file_uri(&format!("random-{case}-fresh.{ext}"));
        client.open(&fresh_uri, language, 1, &text);
        let fresh = client.diagnostics_for(&fresh_uri, 1);
        let strip = |list: &[Value]| -> Vec<Value> {
            list.iter()
                .map(|d| {
                    let mut d = d.clone();
                    if let Some(related) = d
                        .get_mut("relatedInformation")
                        .and_then(Value::as_array_mut)
                    {
                        for r in related {
                            r["location"]["uri"] = Value::Null;
                        }
                    }
                    d
                })
                .collect()
        };
        prop_assert_eq!(strip(&incremental), strip(&fresh), "text:\n{}", text);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let mut client = client.into_inner();
    assert!(client.is_alive());
    client.shutdown();
}

/// A template of more than 40,000 lines: past tree-sitter-yaml's 32,768-line
/// limit, it must still parse with no false syntax errors, over LSP and in
/// `awsls check`, and a real error near its end must be found at its line.
#[test]
fn a_40000_line_template_parses_without_false_errors() {
    let mut text = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
    let mut i = 0;
    while text.lines().count() < 40_000 {
        // About 100 lines per resource keeps the count under the 500-resource limit.
        text.push_str(&format!(
            "  Topic{i}:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Sub \"${{AWS::StackName}}-{i}\"\n      Tags:\n"
        ));
        for t in 0..48 {
            text.push_str(&format!("        - Key: t{t}\n          Value: v{i}\n"));
        }
        i += 1;
    }
    let lines = text.lines().count();
    assert!(lines >= 40_000);
    let mut client = Client::start();
    let uri = file_uri("forty-thousand.yaml");
    client.open(&uri, "yaml", 1, &text);
    let diagnostics = client.diagnostics_for(&uri, 1);
    assert!(
        diagnostics
            .iter()
            .all(|d| d["code"] != "syntax-error" && d["severity"] != 1),
        "{:?}",
        diagnostics.iter().take(3).collect::<Vec<_>>()
    );
    // Break the last line: the error is reported on it.
    let last = lines as u32 - 1;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": last, "character": 19}, "end": {"line": last, "character": 19}}, "text": ": ["}
        ]}),
    );
    let diagnostics = client.diagnostics_for(&uri, 2);
    let errors: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "syntax-error")
        .collect();
    assert!(!errors.is_empty(), "the broken last line must be reported");
    assert!(
        errors.iter().all(|d| start_of(d).0 >= last as u64 - 1),
        "{errors:#?}"
    );
    client.shutdown();

    let dir = std::env::temp_dir().join(format!("awsls-40k-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("big.yaml"), &text).expect("write");
    let output = std::process::Command::new(crate::client::binary())
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("run awsls check");
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(
        findings.iter().all(|f| f["severity"] != "error"),
        "{:?}",
        findings.iter().take(3).collect::<Vec<_>>()
    );
    assert_eq!(output.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}
