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

/// Block structures starting at or beyond this column could push
/// tree-sitter-yaml's indentation stack past what its scanner can serialise
/// (about 250 levels; beyond that it aborts the process), so such YAML goes
/// to the fallback parser.
const YAML_MAX_BLOCK_COLUMN: usize = 120;

/// What the choice of parser depends on, measured in one pass over the text.
pub(crate) struct TextShape {
    pub line_breaks: usize,
    /// The largest column at which a line's content starts, after skipping
    /// leading blanks, compact `- `/`? `/`: ` indicators, tags and anchors.
    pub max_block_column: usize,
}

pub(crate) fn measure(text: &[u8]) -> TextShape {
    let mut lf = 0;
    let mut cr = 0;
    let mut max_block_column = 0;
    let mut i = 0;
    let mut at_line_start = true;
    while i < text.len() {
        if at_line_start {
            at_line_start = false;
            let mut column = 0;
            while let Some(b) = text.get(i) {
                match b {
                    b' ' | b'\t' => {}
                    b'-' | b'?' | b':' if matches!(text.get(i + 1), Some(b' ' | b'\t')) => {}
                    // Tags and anchors before a nested collection on the same line.
                    b'!' | b'&' => {
                        while let Some(c) = text.get(i).filter(|c| !c.is_ascii_whitespace()) {
                            i += 1;
                            column += usize::from(*c & 0xC0 != 0x80);
                        }
                        continue;
                    }
                    _ => break,
                }
                i += 1;
                column += 1;
            }
            max_block_column = max_block_column.max(column);
            continue;
        }
        match text.get(i) {
            Some(b'\n') => {
                lf += 1;
                at_line_start = true;
            }
            Some(b'\r') => {
                cr += 1;
                at_line_start = true;
            }
            _ => {}
        }
        i += 1;
    }
    TextShape {
        line_breaks: lf.max(cr),
        max_block_column,
    }
}

/// Whether `text` in `format` must be read by the fallback parser.
pub(crate) fn needs_fallback(format: Format, text: &str) -> bool {
    if format != Format::Yaml {
        return false;
    }
    let shape = measure(text.as_bytes());
    shape.line_breaks >= YAML_MAX_LINE_BREAKS || shape.max_block_column >= YAML_MAX_BLOCK_COLUMN
}
