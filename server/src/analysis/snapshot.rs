//! The immutable input of every analysis: one document's text, parsed model
//! and detected kind at one version.

use std::sync::Arc;

use awsls_grammars::{Document, Format, Span};
use ropey::Rope;

use super::kind::DocKind;

#[derive(Clone, Debug)]
pub struct Snapshot {
    /// File name or URI path, used for name-based detection and messages.
    pub name: String,
    pub version: Option<i32>,
    pub text: Rope,
    pub format: Format,
    pub document: Arc<Document>,
    pub kind: Option<DocKind>,
}

impl Snapshot {
    /// Builds a snapshot from text, parsing it and detecting its kind.
    pub fn from_text(name: &str, text: &str) -> Snapshot {
        let format = awsls_grammars::detect_format(Some(name), text);
        let document = Arc::new(awsls_grammars::parse(text, format));
        let rope = Rope::from_str(text);
        Snapshot::new(name.to_string(), None, rope, format, document)
    }

    pub fn new(
        name: String,
        version: Option<i32>,
        text: Rope,
        format: Format,
        document: Arc<Document>,
    ) -> Snapshot {
        let kind = super::kind::detect(&document, &text, &name);
        Snapshot {
            name,
            version,
            text,
            format,
            document,
            kind,
        }
    }

    /// The source text of a byte range (empty when the range is not in the text).
    pub fn slice(&self, span: Span) -> String {
        let len = self.text.len_bytes();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        match self.text.get_byte_slice(start..end) {
            Some(slice) => slice.to_string(),
            None => String::new(),
        }
    }
}
