//! Hostile files and protocol faults over stdio: after each one the server
//! must still be alive and answer a hover on a normal template.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::client::{file_uri, Client};

const GOOD: &str =
    "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n";

/// Opens a normal template and checks that a hover request is answered
/// (with a result or null, but not an error) and that diagnostics arrive.
fn assert_still_serving(client: &mut Client, tag: &str) {
    let uri = file_uri(&format!("alive-{tag}.yaml"));
    client.open(&uri, "yaml", 1, GOOD);
    client.diagnostics_for(&uri, 1);
    let response = client.request_full(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 12}}),
    );
    assert!(
        response.get("error").is_none(),
        "{tag}: hover failed: {response}"
    );
    assert!(client.is_alive(), "{tag}: the server died");
}

fn open_and_wait(client: &mut Client, name: &str, language: &str, text: &str) -> Vec<Value> {
    let uri = file_uri(name);
    client.open(&uri, language, 1, text);
    client.diagnostics_for(&uri, 1)
}

#[test]
fn billion_laughs_is_analysed_quickly() {
    let mut text = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..30 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str(
        "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *a29\n",
    );
    let mut client = Client::start();
    let started = Instant::now();
    open_and_wait(&mut client, "laughs.yaml", "yaml", &text);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_still_serving(&mut client, "laughs");
    client.shutdown();
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 100_000;
    let yaml = format!(
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let json_text = format!(
        "{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {{\"Q\": {{\"Type\": \"AWS::SQS::Queue\", \"Metadata\": {}{}}}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let mut client = Client::start();
    open_and_wait(&mut client, "deep.yaml", "yaml", &yaml);
    open_and_wait(&mut client, "deep.json", "json", &json_text);
    let hover = client.request_full(
        "textDocument/hover",
        json!({"textDocument": {"uri": file_uri("deep.json")}, "position": {"line": 0, "character": 100_000}}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    assert_still_serving(&mut client, "deep");
    client.shutdown();
}

#[test]
fn a_50_mb_file_is_limited_with_a_clear_diagnostic() {
    let mut text = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&format!(
            "  Queue{i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 5\n"
        ));
        i += 1;
    }
    let mut client = Client::start();
    let started = Instant::now();
    let diagnostics = open_and_wait(&mut client, "huge.yaml", "yaml", &text);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        diagnostics.iter().any(|d| d["code"] == "analysis-limited"),
        "{:?}",
        diagnostics.iter().take(3).collect::<Vec<_>>()
    );
    assert_still_serving(&mut client, "huge");
    client.shutdown();
}

#[test]
fn garbage_bom_long_lines_cr_only_and_tabs() {
    let mut client = Client::start();
    let garbage: String = (0u32..20_000)
        .filter_map(|i| char::from_u32((i * 7919) % 0x2FFFF))
        .collect();
    open_and_wait(&mut client, "garbage.yaml", "yaml", &garbage);
    open_and_wait(&mut client, "garbage.json", "json", &garbage);
    open_and_wait(&mut client, "bom.yaml", "yaml", "\u{feff}");
    open_and_wait(&mut client, "bom.json", "json", "\u{feff}");
    let long_line = format!(
        "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: \"{}\"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n",
        "x".repeat(2_000_000)
    );
    open_and_wait(&mut client, "long.yaml", "yaml", &long_line);
    let cr_only = "AWSTemplateFormatVersion: \"2010-09-09\"\rResources:\r  Q:\r    Type: AWS::SQS::Queue\r    Properties: [\r";
    let diagnostics = open_and_wait(&mut client, "cr.yaml", "yaml", cr_only);
    for d in &diagnostics {
        assert!(
            d["range"]["start"]["line"].as_u64().unwrap_or(99) <= 5,
            "{d}"
        );
    }
    let tabs =
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n\tQ:\n\t\tType: AWS::SQS::Queue\n";
    let diagnostics = open_and_wait(&mut client, "tabs.yaml", "yaml", tabs);
    assert!(
        !diagnostics.is_empty(),
        "tabs in indentation must be reported"
    );
    assert_still_serving(&mut client, "files");
    client.shutdown();
}

#[test]
fn invalid_positions_from_the_client_are_clamped() {
    let mut client = Client::start();
    let uri = file_uri("positions.yaml");
    let text = "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: \"😀😀\"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n";
    client.open(&uri, "yaml", 1, text);
    client.diagnostics_for(&uri, 1);
    // Inside a surrogate pair, past the end of a line, past the end of the file, huge numbers.
    for (line, character) in [
        (1u32, 15u32),
        (1, 16),
        (0, 500),
        (99, 0),
        (4, 4_000_000_000),
        (4_000_000_000, 4_000_000_000),
    ] {
        for method in ["textDocument/hover", "textDocument/completion"] {
            let response = client.request_full(
                method,
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
            );
            assert!(
                response.get("error").is_none(),
                "{method} at {line}:{character}: {response}"
            );
        }
    }
    // An edit with a range past the end and one inside a surrogate pair.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 1, "character": 15}, "end": {"line": 1, "character": 16}}, "text": "x"},
            {"range": {"start": {"line": 50, "character": 0}, "end": {"line": 60, "character": 9}}, "text": "\nOutputs: {}\n"}
        ]}),
    );
    client.diagnostics_for(&uri, 2);
    assert_still_serving(&mut client, "positions");
    client.shutdown();
}

#[test]
fn protocol_faults_are_answered_or_ignored() {
    let mut client = Client::start();
    let uri = file_uri("faults.yaml");
    // didChange for a document that was never opened.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": file_uri("never.yaml"), "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    client.open(&uri, "yaml", 5, GOOD);
    client.diagnostics_for(&uri, 5);
    // A version going backwards is ignored: the text stays as it was.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "Resources: ["}]}),
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 6}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "# ok\n"}]}),
    );
    let diagnostics = client.diagnostics_for(&uri, 6);
    assert!(
        diagnostics.iter().all(|d| d["code"] != "syntax-error"),
        "{diagnostics:?}"
    );
    // Requests for a closed document answer null.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let hover = client.request_full(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");
    // Unknown methods: MethodNotFound for a request, silence for a notification.
    let unknown = client.request_full("awsls/noSuchMethod", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    client.notify("$/noSuchNotification", json!({}));
    // Malformed JSON-RPC.
    for body in [
        "{not json!!}",
        "{\"jsonrpc\": \"2.0\", \"id\": 999, \"foo\": 1}",
        "[]",
        "null",
    ] {
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        client.send_raw(framed.as_bytes());
    }
    // Cancellation of a request that may already be running.
    let id = client.send_request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file_uri("alive-x.yaml")}, "position": {"line": 0, "character": 0}}),
    );
    client.notify("$/cancelRequest", json!({"id": id}));
    let answered = client.wait_for(|m| m["id"] == id);
    assert!(
        answered.is_some(),
        "a cancelled request still gets an answer"
    );
    assert_still_serving(&mut client, "faults");
    client.shutdown();
}

#[test]
fn shutdown_while_work_is_running() {
    let mut client = Client::start();
    let mut text = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
    for i in 0..5000 {
        text.push_str(&format!("  Queue{i}:\n    Type: AWS::SQS::Queue\n"));
    }
    for i in 0..5 {
        client.open(&file_uri(&format!("busy-{i}.yaml")), "yaml", 1, &text);
    }
    let response = client.request_full("shutdown", Value::Null);
    assert!(response.get("error").is_none(), "{response}");
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + Duration::from_secs(10);
    while client.is_alive() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !client.is_alive(),
        "the server must exit after shutdown + exit"
    );
}
