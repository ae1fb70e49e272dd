//! Parsing of YAML and JSON text into the format-neutral awsls document model,
//! with incremental re-parsing of edited sources and position conversion.
//!
//! [`parse`] turns text into a [`Document`]; [`Source`] keeps text, syntax tree
//! and document together across edits; [`position`] converts between byte
//! offsets and line/column positions in UTF-8 or UTF-16.

pub mod document;
pub mod model;
pub mod position;
pub mod source;

mod builder;
mod convert;
mod errors;
mod fallback;
mod format;
mod intrinsic;
mod lenient;
mod parsers;
mod scalar;
mod splice;

#[cfg(test)]
mod tests;

pub use document::Location;
pub use format::detect_format;
pub use intrinsic::short_form_function;
pub use model::{
    Anchor, Document, Entry, Format, Intrinsic, IntrinsicForm, Key, Node, NodeId, NodeKind,
    ProblemKind, Scalar, ScalarKind, ScalarStyle, Span, SyntaxProblem, Tag,
};
pub use position::Encoding;
pub use source::Source;

/// Parses `text` from scratch. Never fails: problems are listed in
/// [`Document::problems`]. YAML files too long for tree-sitter-yaml are read
/// with the fallback YAML parser.
pub fn parse(text: &str, format: Format) -> Document {
    parse_with_tree(text, format).0
}

/// Parses `text`, also returning the tree-sitter tree when one was used.
pub(crate) fn parse_with_tree(text: &str, format: Format) -> (Document, Option<tree_sitter::Tree>) {
    if text.len() > MAX_PARSED_BYTES {
        return (oversized(text), None);
    }
    if parsers::needs_fallback(format, text) {
        return (fallback::parse(text), None);
    }
    if let Some(document) = clean_fallback(text, format) {
        return (document, None);
    }
    match parsers::parse_tree(text, format) {
        Some(tree) => {
            let document = convert::convert(&tree, text, format);
            (second_opinion(document, text, format), Some(tree))
        }
        None => (unparsed(text), None),
    }
}

/// YAML read by the fallback parser when it reads all of it without a syntax
/// error. On such text both parsers build the same model, and the fallback
/// parser is several times faster than tree-sitter-yaml (and has no line
/// limit), so it reads every YAML text first; tree-sitter is used only for
/// text with syntax errors, where its recovery and messages are better.
pub(crate) fn clean_fallback(text: &str, format: Format) -> Option<Document> {
    if format != Format::Yaml {
        return None;
    }
    let document = fallback::parse(text);
    let clean = document.limited.is_none() && !document.has_syntax_errors();
    clean.then_some(document)
}

/// tree-sitter-yaml rejects some valid YAML (comment lines in certain places
/// of a block mapping, for one). When it reports syntax errors, the text is
/// read again with the fallback parser; if that reads it all without a syntax
/// error, its document is the right one.
pub(crate) fn second_opinion(document: Document, text: &str, format: Format) -> Document {
    if format != Format::Yaml || !document.has_syntax_errors() {
        return document;
    }
    let other = fallback::parse(text);
    if other.limited.is_none() && !other.has_syntax_errors() {
        return other;
    }
    // Multi-line flow collections left of their key's column: flattened,
    // with every offset kept, they may read cleanly.
    match lenient::flatten_flow_collections(text).map(|flat| fallback::parse(&flat)) {
        Some(flat) if flat.limited.is_none() && !flat.has_syntax_errors() => flat,
        _ => document,
    }
}

/// Texts larger than this are not parsed: a template is at most 1 MB, and
/// parsing tens of megabytes would hold an editor's server for seconds.
pub const MAX_PARSED_BYTES: usize = 16 * 1024 * 1024;

/// The document for text too large to parse: no nodes, and `limited` says why.
pub(crate) fn oversized(text: &str) -> Document {
    Document {
        limited: Some(format!(
            "this file is {:.1} MB; awsls analyses files up to {} MB, so it is not checked",
            text.len() as f64 / (1024.0 * 1024.0),
            MAX_PARSED_BYTES / (1024 * 1024)
        )),
        ..Document::default()
    }
}

/// The document for text no parser could read.
pub(crate) fn unparsed(text: &str) -> Document {
    let mut document = Document::default();
    document.problems.push(SyntaxProblem {
        span: Span::new(0, text.len()),
        kind: ProblemKind::Syntax,
        message: "the parser could not read this text".to_owned(),
        related: None,
    });
    document.limited = Some("the parser could not read this text".to_owned());
    document
}
