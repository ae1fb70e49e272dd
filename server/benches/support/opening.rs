//! What the LSP benchmarks share: the `initialize` request they send, positions
//! in a generated template, and opening one in a fresh `awsls serve`.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::generate::{Spec, Syntax};
use crate::lsp_client::Client;

pub fn initialize_params() -> Value {
    json!({
        "processId": std::process::id(),
        "rootUri": null,
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {
                "publishDiagnostics": {"versionSupport": true},
                "completion": {"completionItem": {"snippetSupport": true}},
                "hover": {"contentFormat": ["markdown"]}
            }
        }
    })
}

pub fn position(text: &str, offset: usize) -> Value {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count();
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": column})
}

/// The byte offset `skip` bytes into the occurrence of `needle` nearest to
/// `fraction` of the text.
pub fn find_near(text: &str, needle: &str, fraction: f64, skip: usize) -> Result<usize, String> {
    let target = (text.len() as f64 * fraction) as usize;
    text.match_indices(needle)
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(target))
        .map(|i| i + skip)
        .ok_or(format!("{needle:?} not in the template"))
}

/// A template opened in a fresh server, with where requests are sent.
pub struct Opened {
    pub client: Client,
    pub uri: String,
    /// `didOpen` → its diagnostics.
    pub open: Duration,
    /// A property name, to complete.
    pub completion_at: Value,
    /// A `Ref` argument, to complete (every parameter and resource).
    pub targets_at: Value,
    /// A resource type, to hover.
    pub hover_at: Value,
}

/// Starts `binary`, initializes it and opens `text` (the template of `spec`),
/// waiting for its first diagnostics.
pub fn open(binary: &str, spec: &Spec, text: &str) -> Result<Opened, String> {
    let uri = format!("file:///bench/{}", spec.file_name());
    let mut client = Client::spawn(binary)?;
    let id = client.request("initialize", initialize_params())?;
    client.response(id)?;
    client.notify("initialized", json!({}))?;
    let opened = Instant::now();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": spec.syntax.extension(), "version": 1, "text": text}}),
    )?;
    let (at, first) = client.diagnostics(&uri, 1)?;
    let open = at - opened;
    let findings = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    if findings > 1 {
        eprintln!(
            "note: {} opens with {findings} diagnostics, first: {}",
            spec.file_name(),
            first["params"]["diagnostics"][0]["message"]
        );
    }
    let quote = if spec.syntax == Syntax::Json { 1 } else { 0 };
    let completion_at = position(text, find_near(text, "VisibilityTimeout", 0.5, 3 + quote)?);
    let targets_at = match spec.syntax {
        Syntax::Yaml => find_near(text, "!Ref ", 0.5, 5)?,
        Syntax::Json => find_near(text, "{\"Ref\": \"", 0.5, 9)?,
    };
    let targets_at = position(text, targets_at);
    let hover_at = position(text, find_near(text, "AWS::SQS::Queue", 0.5, 5)?);
    Ok(Opened {
        client,
        uri,
        open,
        completion_at,
        targets_at,
        hover_at,
    })
}
