//! LSP message framing over stdio (`Content-Length` headers and a JSON
//! body), shared by the end-to-end tests' client and the benchmarks' client.

use std::io::BufRead;

use serde_json::Value;

/// `message` with its `Content-Length` header, ready to write.
pub fn frame(message: &Value) -> String {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// The next message from `reader`; `None` at the end of the stream or on a
/// message that is not framed JSON.
pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0u8; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
