//! Notes in hover end to end: the built-in notes, a user notes folder given in
//! `initializationOptions`, a change on disk showing up in the next hover, and
//! `awsls notes TOPIC` on the terminal.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::client::{binary, file_uri, Client};

const APPSPEC: &str = "version: 0.0\nos: linux\nfiles:\n  - source: /build\n    destination: /srv/app\nhooks:\n  BeforeInstall:\n    - location: scripts/stop.sh\n      timeout: 60\n";

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsls-notes-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

fn hover_text(client: &mut Client, uri: &str, line: u32, character: u32) -> String {
    let hover = client.hover(uri, line, character);
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Hovers until `pred` holds for the text (notes load in the background).
fn hover_until(
    client: &mut Client,
    uri: &str,
    line: u32,
    character: u32,
    pred: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let text = hover_text(client, uri, line, character);
        if pred(&text) || Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn hover_on_a_hook_shows_the_built_in_notes() {
    let mut client = Client::start();
    let uri = file_uri("appspec.yml");
    client.open(&uri, "yaml", 1, APPSPEC);
    client.diagnostics_for(&uri, 1);
    // No retry: the notes are there on the first hover.
    let text = hover_text(&mut client, &uri, 6, 5);
    assert!(text.contains("BeforeInstall"), "{text}");
    assert!(text.contains("From your notes"), "{text}");
    assert!(
        text.contains("](file://") && text.contains(".md"),
        "built-in notes are linked so they open in the editor: {text}"
    );
    client.shutdown();
}

#[test]
fn user_notes_folder_is_indexed_linked_and_reindexed_on_change() {
    let dir = temp_dir("user");
    let note = dir.join("deployments.md");
    std::fs::write(
        &note,
        "# My deployment notes\n\n## BeforeInstall\n\nRemember: drain the node from the load balancer zebra-first.\n",
    )
    .expect("write note");
    // A note that cannot be read: a link to nowhere.
    std::os::unix::fs::symlink("/no/such/target/file.md", dir.join("unreadable.md"))
        .expect("symlink");
    let options = json!({"notes": {"paths": [dir.to_string_lossy()]}});
    let mut client = Client::start_with(
        json!({"window": {"workDoneProgress": true}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Some(options),
    );
    let uri = file_uri("appspec.yml");
    client.open(&uri, "yaml", 1, APPSPEC);
    client.diagnostics_for(&uri, 1);
    // No retry: a hover waits for the user's notes being indexed.
    let text = hover_text(&mut client, &uri, 6, 5);
    let ended =
        client.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    assert!(ended.is_some(), "indexing the notes reports $/progress");
    let warned = client.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("unreadable.md"))
    });
    assert!(
        warned.is_some(),
        "unreadable files are reported in the log, not fatal"
    );
    assert!(text.contains("zebra-first"), "{text}");
    assert!(
        text.contains("deployments.md"),
        "the hover links the note file: {text}"
    );
    assert!(text.contains("file://"), "{text}");

    std::fs::write(
        &note,
        "# My deployment notes\n\n## BeforeInstall\n\nUpdated: take a snapshot of the volume giraffe-style.\n",
    )
    .expect("rewrite note");
    let note_uri = format!("file://{}", note.to_string_lossy());
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": note_uri, "type": 2}]}),
    );
    let text = hover_until(&mut client, &uri, 6, 5, |t| t.contains("giraffe-style"));
    assert!(
        text.contains("giraffe-style"),
        "the change on disk shows in the next hover: {text}"
    );
    assert!(!text.contains("zebra-first"), "{text}");
    assert!(client.is_alive());
    client.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn notes_command_prints_the_lookup() {
    let dir = temp_dir("cli");
    std::fs::write(
        dir.join("queues.md"),
        "# Queues\n\n## SQS\n\nVisibilityTimeout must exceed the function timeout, okapi rule.\n",
    )
    .expect("write note");
    let output = Command::new(binary())
        .args(["notes", "AWS::SQS::Queue", "--limit", "5", "--notes"])
        .arg(&dir)
        .output()
        .expect("run awsls notes");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("okapi rule"), "{stdout}");
    let nothing = Command::new(binary())
        .args(["notes", "AWS::Omics::Workflow"])
        .output()
        .expect("run awsls notes");
    assert_eq!(nothing.status.code(), Some(1));
    let missing = Command::new(binary())
        .args(["notes", "S3", "--notes", "/no/such/notes/folder"])
        .output()
        .expect("run awsls notes");
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
    let _: Value = Value::Null;
}
