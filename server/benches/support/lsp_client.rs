//! A minimal LSP client over a child process's stdio for benchmarks: framing,
//! a reader thread that timestamps every message, answers to the server's own
//! requests, and waiting for a response or a version-matched
//! `publishDiagnostics`.

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "../../../tests/e2e/framing.rs"]
mod framing;

use framing::{frame, read_message};

/// How long to wait for any one answer before calling the run failed.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<(Instant, Value)>,
    next_id: i64,
    /// Messages received while waiting for something else.
    pending: Vec<(Instant, Value)>,
}

impl Client {
    /// Spawns `binary serve`.
    pub fn spawn(binary: &str) -> Result<Client, String> {
        let mut child = Command::new(binary)
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {binary}: {e}"))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (sender, messages) = channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send((Instant::now(), message)).is_err() {
                    break;
                }
            }
        });
        Ok(Client {
            child,
            stdin,
            messages,
            next_id: 1,
            pending: Vec::new(),
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn write(&mut self, message: &Value) -> Result<(), String> {
        self.stdin
            .write_all(frame(message).as_bytes())
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("write to server failed: {e}"))
    }

    pub fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.write(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Sends a request and returns its id.
    pub fn request(&mut self, method: &str, params: Value) -> Result<i64, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.write(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        Ok(id)
    }

    /// Waits for the first message matching `wanted`, answering server
    /// requests and keeping other messages for later waits.
    pub fn wait_for(
        &mut self,
        mut wanted: impl FnMut(&Value) -> bool,
    ) -> Result<(Instant, Value), String> {
        if let Some(i) = self.pending.iter().position(|(_, m)| wanted(m)) {
            return Ok(self.pending.remove(i));
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (at, message) = match self.messages.recv_timeout(left) {
                Ok(item) => item,
                Err(RecvTimeoutError::Timeout) => return Err("timed out".to_owned()),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err("the server closed its output".to_owned())
                }
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                self.answer_server_request(&message)?;
                continue;
            }
            if wanted(&message) {
                return Ok((at, message));
            }
            self.pending.push((at, message));
            // Keep only what may still be waited for.
            if self.pending.len() > 10_000 {
                self.pending.drain(..5_000);
            }
        }
    }

    /// Waits for the response to request `id`.
    pub fn response(&mut self, id: i64) -> Result<(Instant, Value), String> {
        self.wait_for(|m| {
            m.get("id").and_then(Value::as_i64) == Some(id) && m.get("method").is_none()
        })
    }

    /// Waits for `publishDiagnostics` of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Result<(Instant, Value), String> {
        self.wait_for(|m| {
            m.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
                && m["params"]["uri"].as_str() == Some(uri)
                && m["params"]["version"].as_i64() == Some(version)
        })
    }

    fn answer_server_request(&mut self, message: &Value) -> Result<(), String> {
        let result = match message["method"].as_str() {
            Some("workspace/configuration") => {
                let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                Value::Array(vec![Value::Null; items])
            }
            _ => Value::Null,
        };
        let id = message["id"].clone();
        self.write(&json!({"jsonrpc": "2.0", "id": id, "result": result}))
    }

    /// Sends `shutdown` and `exit` and waits for the process to end.
    pub fn shutdown(mut self) -> Result<(), String> {
        let id = self.request("shutdown", Value::Null)?;
        self.response(id)?;
        self.notify("exit", Value::Null)?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        Err("the server did not exit after `exit`".to_owned())
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Peak resident set size of a live process in KiB (`VmHWM`).
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
