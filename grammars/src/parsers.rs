//! Thread-local tree-sitter parsers (they are not `Sync`) and the choice
//! between tree-sitter and the fallback YAML parser by line count.

use std::cell::RefCell;

use tree_sitter::{Parser, Tree};

use crate::model::Format;

/// tree-sitter-yaml keeps rows in 16 bits: from this many line breaks on,
/// YAML goes to the fallback parser.
pub(crate) const YAML_MAX_LINE_BREAKS: usize = 32_000;

thread_local! {
    static YAML: RefCell<Option<Parser>> = const { RefCell::new(None) };
    static JSON: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's parser for `format`; `None` when the grammar
/// could not be loaded.
pub(crate) fn with_parser<R>(format: Format, f: impl FnOnce(&mut Parser) -> R) -> Option<R> {
    let cell = match format {
        Format::Yaml => &YAML,
        Format::Json => &JSON,
    };
    cell.with(|slot| {
        let mut slot = slot.try_borrow_mut().ok()?;
        if slot.is_none() {
            let mut parser = Parser::new();
            let language = match format {
                Format::Yaml => tree_sitter_yaml::LANGUAGE,
                Format::Json => tree_sitter_json::LANGUAGE,
            };
            parser.set_language(&language.into()).ok()?;
            *slot = Some(parser);
        }
        slot.as_mut().map(f)
    })
}

/// A fresh tree-sitter parse of `text`.
pub(crate) fn parse_tree(text: &str, format: Format) -> Option<Tree> {
    with_parser(format, |parser| parser.parse(text, None)).flatten()
}

/// Line breaks (LF, CRLF, CR) in `text`.
pub(crate) fn line_breaks(text: &[u8]) -> usize {
    let lf = text.iter().filter(|b| **b == b'\n').count();
    let cr = text.iter().filter(|b| **b == b'\r').count();
    lf.max(cr)
}

/// Whether `text` in `format` must use the fallback parser.
pub(crate) fn needs_fallback(format: Format, line_breaks: usize) -> bool {
    format == Format::Yaml && line_breaks >= YAML_MAX_LINE_BREAKS
}
