//! The end of a session, end to end: `exit` (with and without `shutdown`,
//! right after start-up, during an analysis, with a request in flight), the
//! end of input, the death of the client process, and notes in the very first
//! hover. Each case runs many times, to catch races that hit one run in ten.

use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};

use crate::client::{file_uri, Client};

/// Far more than an exit takes (the benchmark measures it in milliseconds),
/// far less than a hang.
const EXIT_LIMIT: Duration = Duration::from_secs(3);

/// Starts the server as an editor that answers `workspace/configuration`
/// does; `answer` says whether the configuration request is answered.
fn started(answer: bool, process_id: Value) -> Client {
    let mut client = Client::spawn(&[]);
    client.request(
        "initialize",
        json!({
            "processId": process_id,
            "rootUri": "file:///workspace",
            "capabilities": {"workspace": {"configuration": true}},
        }),
    );
    client.notify("initialized", json!({}));
    if answer {
        // `wait_for` answers the server's requests as they arrive.
        let asked = client.wait_for(|m| m["method"] == "workspace/configuration");
        assert!(asked.is_some(), "the server asks for its settings");
    }
    client
}

fn exit_code(client: &mut Client, case: &str) -> i32 {
    let status = client
        .wait_exit(EXIT_LIMIT)
        .unwrap_or_else(|| panic!("{case}: still running after `exit`"));
    status.code().unwrap_or(-1)
}

fn large_template(resources: usize) -> String {
    let mut text = String::from("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
    for i in 0..resources {
        text.push_str(&format!(
            "  Queue{i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${{AWS::StackName}}-{i}'\n      VisibilityTimeout: 30\n"
        ));
    }
    text
}

#[test]
fn exit_after_shutdown_ends_the_process_with_status_0() {
    for run in 0..40 {
        let mut client = started(true, Value::Null);
        client.request_full("shutdown", Value::Null);
        client.notify("exit", Value::Null);
        // stdin stays open, as Neovim keeps it.
        assert_eq!(exit_code(&mut client, &format!("run {run}")), 0);
    }
}

#[test]
fn exit_right_after_initialized_ends_the_process_with_status_1() {
    // The configuration request is never answered: the `initialized`
    // handler is still waiting for it when `exit` comes.
    for run in 0..40 {
        let mut client = started(false, Value::Null);
        client.notify("exit", Value::Null);
        assert_eq!(exit_code(&mut client, &format!("run {run}")), 1);
    }
}

#[test]
fn exit_during_an_analysis_or_a_request_ends_the_process() {
    let text = large_template(3_000);
    for run in 0..10 {
        let mut client = started(true, Value::Null);
        let uri = file_uri("large.yaml");
        client.open(&uri, "yaml", 1, &text);
        if run % 2 == 0 {
            client.request_full("shutdown", Value::Null);
            client.notify("exit", Value::Null);
            assert_eq!(exit_code(&mut client, &format!("analysis, run {run}")), 0);
        } else {
            client.send_request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 12}}),
            );
            client.notify("exit", Value::Null);
            assert_eq!(exit_code(&mut client, &format!("request, run {run}")), 1);
        }
    }
}

#[test]
fn end_of_input_ends_the_process_with_or_without_shutdown() {
    for run in 0..20 {
        let mut client = started(run % 4 != 0, Value::Null);
        let with_shutdown = run % 2 == 0;
        if with_shutdown {
            client.request_full("shutdown", Value::Null);
        }
        client.close_input();
        let code = exit_code(&mut client, &format!("run {run}"));
        assert_eq!(code, if with_shutdown { 0 } else { 1 }, "run {run}");
    }
}

#[test]
fn the_server_ends_when_the_client_process_is_gone() {
    for run in 0..2 {
        let mut editor = Command::new("sleep")
            .arg("60")
            .spawn()
            .expect("spawn a stand-in editor");
        let mut client = started(true, json!(editor.id()));
        std::thread::sleep(Duration::from_millis(300));
        assert!(client.is_alive(), "run {run}: the editor is still there");
        let _ = editor.kill();
        let _ = editor.wait();
        let status = client.wait_exit(Duration::from_secs(6));
        assert!(
            status.is_some(),
            "run {run}: the server outlived its client process"
        );
    }
}

#[test]
fn the_first_hover_after_start_up_has_the_notes() {
    let text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Table:\n    Type: AWS::DynamoDB::Table\n";
    for run in 0..10 {
        let mut client = Client::spawn(&[]);
        client.request(
            "initialize",
            json!({"processId": null, "rootUri": "file:///workspace", "capabilities": {}}),
        );
        client.notify("initialized", json!({}));
        let uri = file_uri("table.yaml");
        client.open(&uri, "yaml", 1, text);
        let hover = client.hover(&uri, 3, 14);
        let value = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(value.contains("DynamoDB"), "run {run}: {value}");
        assert!(
            value.contains("From your notes"),
            "run {run}: the first hover lacks the notes: {value}"
        );
        client.shutdown();
    }
}
