//! The stdio transport in front of the LSP service: it frames messages itself
//! so that malformed input (bad headers, invalid JSON, objects that are not
//! JSON-RPC messages) is answered with a JSON-RPC error and skipped, instead
//! of ending the session.
//!
//! Client → server: each well-formed message is passed on to the service
//! unchanged. Server → client: the service's messages and the transport's
//! own error responses are written whole, one at a time.
//!
//! From reading a request to writing its answer, the transport holds
//! background analyses at their pause points (`analysis::pause`).
//!
//! The transport also ends the session: at `exit`, at the end of input, or
//! when the client process is gone ([`Lifecycle`]), [`serve`] returns at once
//! instead of waiting for handlers still in flight (some of them wait for
//! answers from a client that will never send them).

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::analysis::pause::{self, Hold};

/// Messages larger than this are refused (a template is at most 1 MB; a
/// document of 16 MB is already past what is analysed).
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// Whether a field is present, whatever its value (`null` included); the
/// value itself is skipped, not copied.
#[derive(Default)]
struct Present(bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Present(true))
    }
}

/// The fields that decide whether a body is a JSON-RPC message; `params`
/// and `result` are skipped, so large bodies are not copied.
#[derive(Deserialize)]
struct Envelope {
    jsonrpc: Option<Value>,
    method: Option<Value>,
    id: Option<Value>,
    #[serde(default)]
    result: Present,
    #[serde(default)]
    error: Present,
}

/// The messages that end a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The `shutdown` request.
    Shutdown,
    /// The `exit` notification.
    Exit,
}

/// What to do with one framed body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Pass it on; `request` is the id (as JSON text) of a request, which
    /// awaits an answer; `ending` says whether it is `shutdown` or `exit`.
    Forward {
        request: Option<String>,
        ending: Option<Ending>,
    },
    /// Answer with this error response (already serialised) and skip the body.
    Reject(Vec<u8>),
}

fn error_response(id: Value, code: i64, message: &str) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
        .to_string()
        .into_bytes()
}

fn valid_id(id: &Value) -> bool {
    match id {
        Value::String(_) | Value::Null => true,
        Value::Number(n) => n.is_i64() || n.is_u64(),
        _ => false,
    }
}

/// Checks one message body.
pub fn judge(body: &[u8]) -> Verdict {
    let envelope: Envelope = match serde_json::from_slice(body) {
        Ok(envelope) => envelope,
        Err(error) if error.is_syntax() || error.is_eof() => {
            return Verdict::Reject(error_response(
                Value::Null,
                -32700,
                &format!("awsls: the message is not valid JSON ({error})"),
            ))
        }
        Err(_) => {
            return Verdict::Reject(error_response(
                Value::Null,
                -32600,
                "awsls: the message is not a JSON-RPC object",
            ))
        }
    };
    let id = envelope.id.clone().unwrap_or(Value::Null);
    let reply_id = if valid_id(&id) {
        id.clone()
    } else {
        Value::Null
    };
    if envelope.jsonrpc != Some(Value::String("2.0".into())) {
        return Verdict::Reject(error_response(
            reply_id,
            -32600,
            "awsls: the message lacks `\"jsonrpc\": \"2.0\"`",
        ));
    }
    let is_request = matches!(envelope.method, Some(Value::String(_)));
    let is_response = envelope.method.is_none()
        && envelope.id.is_some()
        && (envelope.result.0 != envelope.error.0);
    if (is_request && valid_id(&id)) || is_response {
        let has_id = envelope.id.is_some();
        let ending = match envelope.method.as_ref().and_then(Value::as_str) {
            Some("shutdown") if has_id => Some(Ending::Shutdown),
            Some("exit") if !has_id => Some(Ending::Exit),
            _ => None,
        };
        Verdict::Forward {
            request: envelope.id.filter(|_| is_request).map(|id| id.to_string()),
            ending,
        }
    } else {
        Verdict::Reject(error_response(
            reply_id,
            -32600,
            "awsls: the message is neither a request, a notification nor a response",
        ))
    }
}

/// Requests read and not yet answered, each holding background analyses.
#[derive(Clone, Default)]
struct Pending(Arc<Mutex<HashMap<String, (Instant, Hold)>>>);

/// Longer than any request should take: a request unanswered for this long
/// no longer holds background work (its answer may have been lost).
const FORGET_AFTER: Duration = Duration::from_secs(2);

impl Pending {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Instant, Hold)>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn started(&self, id: String) {
        let mut pending = self.lock();
        pending.retain(|_, (since, _)| since.elapsed() < FORGET_AFTER);
        pending.insert(id, (Instant::now(), pause::hold()));
    }

    /// The hold of the request `body` answers, if `body` is an answer (a
    /// message with an id and no method).
    fn answered(&self, body: &[u8]) -> Option<Hold> {
        if self.lock().is_empty() {
            return None;
        }
        let envelope: Envelope = serde_json::from_slice(body).ok()?;
        let id = envelope.id.filter(|_| envelope.method.is_none())?;
        self.lock().remove(&id.to_string()).map(|(_, hold)| hold)
    }
}

/// A framed message on its way out, with the hold it releases once written.
type Outgoing = (Vec<u8>, Option<Hold>);

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads one header block; returns the content length, `Ok(None)` for a
/// block without a usable length, and `Err` at the end of input.
async fn read_headers<R: AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
) -> Result<Option<usize>, ()> {
    let mut length = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line).await.map_err(|_| ())?;
        if read == 0 {
            return Err(());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                return Ok(length);
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
}

/// Client → service: frames and judges each message, until `exit` or the
/// end of input, which it reports to `lifecycle`.
async fn pump_client<R, W>(
    input: R,
    mut service: W,
    replies: mpsc::UnboundedSender<Outgoing>,
    pending: Pending,
    lifecycle: Arc<Lifecycle>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    loop {
        let length = match read_headers(&mut reader).await {
            Ok(Some(length)) if length <= MAX_MESSAGE_BYTES => length,
            Ok(_) => {
                eprintln!("awsls: skipped a message without a usable Content-Length header");
                let _ = replies.send((
                    frame(&error_response(
                        Value::Null,
                        -32700,
                        "awsls: missing or invalid Content-Length header",
                    )),
                    None,
                ));
                continue;
            }
            Err(()) => break,
        };
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).await.is_err() {
            break;
        }
        match judge(&body) {
            Verdict::Forward {
                ending: Some(Ending::Exit),
                ..
            } => {
                lifecycle.end(End::Exit);
                return;
            }
            Verdict::Forward { request, ending } => {
                if ending == Some(Ending::Shutdown) {
                    lifecycle.shutdown_requested();
                }
                if let Some(id) = request {
                    pending.started(id);
                }
                if service.write_all(&frame(&body)).await.is_err() {
                    break;
                }
                let _ = service.flush().await;
            }
            Verdict::Reject(reply) => {
                eprintln!(
                    "awsls: rejected a malformed message: {}",
                    String::from_utf8_lossy(&reply)
                );
                let _ = replies.send((frame(&reply), None));
            }
        }
    }
    lifecycle.end(End::EndOfInput);
    let _ = service.shutdown().await;
}

/// Service → client: splits the service's output into whole messages.
async fn pump_service<R: AsyncRead + Unpin>(
    output: R,
    frames: mpsc::UnboundedSender<Outgoing>,
    pending: Pending,
) {
    let mut reader = BufReader::new(output);
    while let Ok(Some(length)) = read_headers(&mut reader).await {
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).await.is_err() {
            break;
        }
        let hold = pending.answered(&body);
        if frames.send((frame(&body), hold)).is_err() {
            break;
        }
    }
}

async fn write_frames<W: AsyncWrite + Unpin>(
    mut out: W,
    mut frames: mpsc::UnboundedReceiver<Outgoing>,
) {
    while let Some((frame, hold)) = frames.recv().await {
        if out.write_all(&frame).await.is_err() {
            break;
        }
        let _ = out.flush().await;
        drop(hold);
    }
}

/// Serves `service` over stdin/stdout through the checking transport until
/// `lifecycle` ends; returns how it ended.
pub async fn serve<S>(
    service: S,
    socket: tower_lsp_server::ClientSocket,
    lifecycle: Arc<Lifecycle>,
) -> End
where
    S: tower::Service<
            tower_lsp_server::jsonrpc::Request,
            Response = Option<tower_lsp_server::jsonrpc::Response>,
        > + Send
        + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    S::Future: Send,
{
    let (to_service, service_in) = tokio::io::duplex(1 << 20);
    let (service_out, from_service) = tokio::io::duplex(1 << 20);
    let (frames, outgoing) = mpsc::unbounded_channel();
    let pending = Pending::default();
    let client = tokio::spawn(pump_client(
        tokio::io::stdin(),
        to_service,
        frames.clone(),
        pending.clone(),
        lifecycle.clone(),
    ));
    let forward = tokio::spawn(pump_service(from_service, frames, pending));
    let writer = tokio::spawn(write_frames(tokio::io::stdout(), outgoing));
    // The service's own loop is not awaited to its end: after `exit` it
    // waits for every handler in flight, and a handler waiting for an answer
    // from the client (`workspace/configuration` right after `initialized`,
    // a capability registration) would keep it waiting for ever, since
    // nothing is read after `exit`.
    let server =
        tokio::spawn(tower_lsp_server::Server::new(service_in, service_out, socket).serve(service));
    let end = lifecycle.ended().await;
    client.abort();
    server.abort();
    forward.abort();
    writer.abort();
    end
}

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The client sent `exit`.
    Exit,
    /// The input was closed (the client is gone).
    EndOfInput,
    /// The process that started the server (`processId`) is gone.
    ParentGone,
}

/// The end of a session, shared by the transport (which sees `shutdown`,
/// `exit` and the end of input) and the server (which watches the parent
/// process).
#[derive(Debug)]
pub struct Lifecycle {
    shutdown: std::sync::atomic::AtomicBool,
    end: tokio::sync::watch::Sender<Option<End>>,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Lifecycle {
            shutdown: std::sync::atomic::AtomicBool::new(false),
            end: tokio::sync::watch::channel(None).0,
        }
    }
}

impl Lifecycle {
    /// Records that the client asked for `shutdown`.
    pub fn shutdown_requested(&self) {
        self.shutdown
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Whether `shutdown` was asked for before the end.
    pub fn was_shut_down(&self) -> bool {
        self.shutdown.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Ends the session (the first reason given wins).
    pub fn end(&self, reason: End) {
        self.end.send_if_modified(|end| {
            if end.is_none() {
                *end = Some(reason);
                true
            } else {
                false
            }
        });
    }

    /// Waits for the end of the session.
    pub async fn ended(&self) -> End {
        let mut receiver = self.end.subscribe();
        let end = match receiver.wait_for(Option::is_some).await {
            Ok(end) => end.unwrap_or(End::EndOfInput),
            // The sender lives in `self`, so this cannot happen.
            Err(_) => End::EndOfInput,
        };
        end
    }

    /// The process exit code the specification asks for: 0 when `shutdown`
    /// came before the end, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.was_shut_down())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_bodies() {
        assert_eq!(
            judge(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#),
            Verdict::Forward {
                request: Some("1".into()),
                ending: None,
            }
        );
        assert_eq!(
            judge(br#"{"jsonrpc":"2.0","method":"x","params":{}}"#),
            Verdict::Forward {
                request: None,
                ending: None
            }
        );
        assert_eq!(
            judge(br#"{"jsonrpc":"2.0","id":"a","result":null}"#),
            Verdict::Forward {
                request: None,
                ending: None
            }
        );
        assert_eq!(
            judge(br#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
            Verdict::Forward {
                request: Some("2".into()),
                ending: Some(Ending::Shutdown)
            }
        );
        assert_eq!(
            judge(br#"{"jsonrpc":"2.0","method":"exit"}"#),
            Verdict::Forward {
                request: None,
                ending: Some(Ending::Exit)
            }
        );
        for bad in [
            &b"{not json"[..],
            b"[]",
            b"null",
            b"42",
            br#"{"jsonrpc":"2.0","id":999,"foo":1}"#,
            br#"{"id":1,"method":"x"}"#,
            br#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#,
            br#"{"jsonrpc":"2.0","id":1,"result":1,"error":{}}"#,
        ] {
            assert!(
                matches!(judge(bad), Verdict::Reject(_)),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        match judge(br#"{"jsonrpc":"2.0","id":7,"foo":1}"#) {
            Verdict::Reject(reply) => {
                let reply: Value = serde_json::from_slice(&reply).unwrap_or_default();
                assert_eq!(reply["id"], 7);
                assert_eq!(reply["error"]["code"], -32600);
            }
            Verdict::Forward { .. } => panic!("must be rejected"),
        }
    }

    #[test]
    fn requests_hold_background_work_until_answered() {
        let pending = Pending::default();
        let answer = br#"{"jsonrpc":"2.0","result":null,"id":1}"#;
        assert!(pending.answered(answer).is_none(), "nothing was asked");
        for body in [
            &br#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover"}"#[..],
            br#"{"jsonrpc":"2.0","id":"a","method":"textDocument/completion"}"#,
            br#"{"jsonrpc":"2.0","method":"textDocument/didChange"}"#,
        ] {
            if let Verdict::Forward {
                request: Some(id), ..
            } = judge(body)
            {
                pending.started(id);
            }
        }
        assert_eq!(pending.lock().len(), 2);
        // Notifications and the server's own requests answer nothing.
        for body in [
            &br#"{"jsonrpc":"2.0","method":"window/logMessage","params":{}}"#[..],
            br#"{"jsonrpc":"2.0","method":"workspace/configuration","params":{},"id":1}"#,
        ] {
            assert!(pending.answered(body).is_none());
        }
        assert!(pending.answered(answer).is_some());
        assert!(pending.answered(answer).is_none(), "answered once");
        let error = br#"{"jsonrpc":"2.0","error":{"code":-32800,"message":"x"},"id":"a"}"#;
        assert!(pending.answered(error).is_some());
        assert!(pending.lock().is_empty());
    }
}
