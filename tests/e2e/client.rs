//! A minimal LSP client that drives the real `awsls serve` binary over stdio,
//! the way an editor does.

use std::collections::VecDeque;
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::framing::{frame, read_message};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages received while waiting for something else.
    backlog: VecDeque<Value>,
    next_id: i64,
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_awsls")
}

pub fn file_uri(name: &str) -> String {
    format!("file:///workspace/{name}")
}

impl Client {
    /// Starts `awsls serve` with extra arguments.
    pub fn spawn(args: &[&str]) -> Client {
        let mut child = Command::new(binary())
            .arg("serve")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // AWSLS_TEST_STDERR=1 shows the server's log while debugging a test.
            .stderr(if std::env::var_os("AWSLS_TEST_STDERR").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
            .spawn()
            .expect("start awsls serve");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin: Some(stdin),
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
        }
    }

    /// Starts the server and completes the `initialize` handshake.
    pub fn start() -> Client {
        Client::start_with(json!({}), None)
    }

    pub fn start_with(capabilities: Value, options: Option<Value>) -> Client {
        let mut client = Client::spawn(&[]);
        client.initialize(capabilities, options);
        client
    }

    pub fn initialize(&mut self, capabilities: Value, options: Option<Value>) -> Value {
        let mut params = json!({
            "processId": null,
            "rootUri": "file:///workspace",
            "capabilities": capabilities,
        });
        if let Some(options) = options {
            params["initializationOptions"] = options;
        }
        let result = self.request("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = stdin.write_all(bytes);
            let _ = stdin.flush();
        }
    }

    /// Closes the server's input, as a client that dies does.
    pub fn close_input(&mut self) {
        self.stdin = None;
    }

    /// Waits at most `limit` for the server process to end; its status, or
    /// `None` while it still runs.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    pub fn send(&mut self, message: &Value) {
        self.send_raw(frame(message).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its whole response message.
    pub fn request_full(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .unwrap_or_else(|| panic!("no response to {method}"))
    }

    /// Sends a request and returns its `result` (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_full(method, params);
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response.get("result").cloned().unwrap_or(Value::Null)
    }

    /// Waits for the first message matching `pred`, keeping the others.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => {
                    if let Some(id) = message.get("id").cloned() {
                        if message.get("method").is_some() {
                            // A request from the server: answer with null.
                            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        }
                    }
                    if pred(&message) {
                        return Some(message);
                    }
                    self.backlog.push_back(message);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return None
                }
            }
        }
    }

    /// Collects messages until `quiet` passes without one arriving.
    pub fn drain(&mut self, quiet: Duration) {
        while let Ok(message) = self.incoming.recv_timeout(quiet) {
            self.backlog.push_back(message);
        }
    }

    pub fn open(&mut self, uri: &str, language: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    /// Waits for diagnostics of `uri` published for exactly `version`.
    pub fn diagnostics_for(&mut self, uri: &str, version: i32) -> Vec<Value> {
        let message = self
            .wait_for(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .unwrap_or_else(|| panic!("no diagnostics for {uri} version {version}"));
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// All diagnostics notifications received so far for `uri`.
    pub fn published_for(&mut self, uri: &str) -> Vec<Value> {
        self.drain(Duration::from_millis(300));
        self.backlog
            .iter()
            .filter(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .cloned()
            .collect()
    }

    /// The completion items at a position (from a list or a bare array).
    pub fn completion(&mut self, uri: &str, line: u32, character: u32) -> Vec<Value> {
        let result = self.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        match result {
            Value::Array(items) => items,
            other => other["items"].as_array().cloned().unwrap_or_default(),
        }
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    pub fn shutdown(mut self) {
        let _ = self.request_full("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }

    /// True while the server process is running.
    pub fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The LSP position (line, character) of byte `offset` in ASCII `text`.
pub fn position_of(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let column = offset - before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line as u32, column as u32)
}

/// The byte offset of `needle` in a fixture.
pub fn find(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle} not in fixture"))
}

/// Where a diagnostic starts, as (line, character).
pub fn start_of(diagnostic: &Value) -> (u32, u32) {
    let start = &diagnostic["range"]["start"];
    (
        start["line"].as_u64().unwrap_or(u64::MAX) as u32,
        start["character"].as_u64().unwrap_or(u64::MAX) as u32,
    )
}

/// Opens `text` as `name` and waits for its first diagnostics.
pub fn open(client: &mut Client, name: &str, language: &str, text: &str) -> (String, Vec<Value>) {
    let uri = file_uri(name);
    client.open(&uri, language, 1, text);
    let diagnostics = client.diagnostics_for(&uri, 1);
    (uri, diagnostics)
}

/// The text edits a code action or rename result makes in `uri`.
pub fn edits_in(edit_holder: &Value, uri: &str) -> Vec<Value> {
    edit_holder["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default()
}
