//! An editable source text: the rope, its tree-sitter tree and its parsed
//! document, kept together. Edits update the rope and the tree; `reparse`
//! re-reads only the edited part when it can (see `splice`) and otherwise
//! re-parses, incrementally where a tree exists.

use std::sync::Arc;

use ropey::Rope;
use tree_sitter::{InputEdit, Point, Tree};

use crate::model::{Document, Format, Span};
use crate::splice::{self, Change};
use crate::{convert, fallback, parse_with_tree, parsers, unparsed};

/// A document's text, syntax tree and model. Cloning is cheap (the rope and
/// tree are shared copy-on-write, the document is behind an `Arc`).
#[derive(Clone)]
pub struct Source {
    rope: Rope,
    format: Format,
    tree: Option<Tree>,
    document: Arc<Document>,
    /// The text changed since the document was built.
    dirty: bool,
    /// The text may contain `\r`, so rows must be counted by `\n` alone.
    has_cr: bool,
    /// The text as of the last parse, which `document` describes.
    parsed_text: Rope,
    /// The lines touched by edits since the last parse, while every such edit
    /// stayed within one line (no line break removed or inserted); `None`
    /// once one did not, or in text with `\r`.
    touched_lines: Option<Vec<usize>>,
    /// Where the text changed since the last parse.
    pending: Option<Change>,
    /// Arena slots of `document` left unused by splices.
    unused: usize,
    /// The document has anchors or aliases (never spliced: an alias may
    /// refer to a node elsewhere).
    has_anchors: bool,
    /// `tree` lags behind `document` (the last update was a splice); it is
    /// still the right base for the next incremental parse.
    tree_stale: bool,
    /// The last update was a splice.
    spliced: bool,
}

/// More distinct lines than this edited between parses are not tracked.
const MAX_TOUCHED_LINES: usize = 64;

impl Source {
    /// Parses `text` as `format`.
    pub fn new(text: &str, format: Format) -> Source {
        let (document, tree) = parse_with_tree(text, format);
        let rope = Rope::from_str(text);
        Source {
            parsed_text: rope.clone(),
            rope,
            format,
            tree,
            has_anchors: document.has_anchors(),
            document: Arc::new(document),
            dirty: false,
            has_cr: text.contains('\r'),
            touched_lines: Some(Vec::new()),
            pending: None,
            unused: 0,
            tree_stale: false,
            spliced: false,
        }
    }

    /// The text the current [`Source::document`] was built from (the current
    /// text unless edits are pending).
    pub fn parsed_text(&self) -> &Rope {
        &self.parsed_text
    }

    /// Whether line `line` (0-based) and every line's position are the same
    /// in [`Source::parsed_text`] as in the current text: true when no edit
    /// since the last parse inserted or removed a line break or touched
    /// `line`. Requests about such a line can be answered from the parsed
    /// document without waiting for a re-parse.
    pub fn line_unchanged_since_parse(&self, line: usize) -> bool {
        !self.dirty
            || self
                .touched_lines
                .as_ref()
                .is_some_and(|lines| !lines.contains(&line))
    }

    pub fn text(&self) -> &Rope {
        &self.rope
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The document as of the last (re)parse; call [`Source::reparse`] after edits.
    pub fn document(&self) -> Arc<Document> {
        Arc::clone(&self.document)
    }

    /// The syntax tree of the parsed text; `None` for text read by the
    /// fallback parser, and when the last update re-read only part of the
    /// text (see [`Source::reparse`]).
    pub fn tree(&self) -> Option<&Tree> {
        self.tree.as_ref().filter(|_| !self.tree_stale)
    }

    /// Whether the last update re-read only the edited part of the text.
    pub fn last_update_was_splice(&self) -> bool {
        self.spliced
    }

    /// Whether edits were made since the last parse.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Replaces the byte range `range` of the current text with `new_text`.
    /// The range is clamped to the text and moved back to char boundaries.
    /// Does not re-parse.
    pub fn edit(&mut self, range: Span, new_text: &str) {
        let len = self.rope.len_bytes();
        let start_char = self.rope.byte_to_char(range.start.min(len));
        let end_char = self
            .rope
            .byte_to_char(range.end.clamp(range.start.min(len), len));
        let start = self.rope.char_to_byte(start_char);
        let end = self.rope.char_to_byte(end_char);
        if start == end && new_text.is_empty() {
            return;
        }
        let start_position = self.point(start);
        let old_end_position = self.point(end);
        self.track_touched_line(start_position, old_end_position, new_text);
        self.pending = Some(Change::merge(self.pending, start, end, new_text.len()));
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, new_text);
        self.has_cr |= new_text.contains('\r');
        let new_end_position = advance(start_position, new_text);
        if let Some(tree) = self.tree.as_mut() {
            tree.edit(&InputEdit {
                start_byte: start,
                old_end_byte: end,
                new_end_byte: start + new_text.len(),
                start_position,
                old_end_position,
                new_end_position,
            });
        }
        self.dirty = true;
    }

    /// Replaces the whole text (a full-document change) and re-parses from scratch.
    pub fn set_text(&mut self, text: &str) -> Arc<Document> {
        *self = Source::new(text, self.format);
        self.document()
    }

    /// Switches the format and re-parses from scratch.
    pub fn set_format(&mut self, format: Format) -> Arc<Document> {
        if format != self.format || self.dirty {
            let text = self.rope.to_string();
            *self = Source::new(&text, format);
        }
        self.document()
    }

    /// Brings the document up to date after edits. When the edits lie inside
    /// one self-contained node of an error-free document (a YAML block
    /// mapping, a JSON object or array), only that node is re-read and
    /// spliced in; otherwise the text is parsed again (incrementally when a
    /// tree exists). Either way the document describes the text as a fresh
    /// parse does (a splice leaves the arena in another order and with unused
    /// slots: compare with [`Document::compacted`]).
    pub fn reparse(&mut self) -> Arc<Document> {
        if !self.dirty {
            return self.document();
        }
        if self.splice() {
            return self.document();
        }
        self.parse_all();
        self.document()
    }

    /// Updates the document by a splice (see [`Source::reparse`]) when the
    /// pending edits allow one and it can be done without copying the
    /// document (no snapshot holds it); true when done. Cheap enough to call
    /// under a lock.
    pub fn splice_in_place(&mut self) -> bool {
        self.dirty && Arc::get_mut(&mut self.document).is_some() && self.splice()
    }

    /// Whether a snapshot (besides this source) holds the parsed document,
    /// so that a splice now would have to copy it.
    pub fn document_is_shared(&self) -> bool {
        Arc::strong_count(&self.document) > 1
    }

    fn splice(&mut self) -> bool {
        let Some(change) = self.pending else {
            return false;
        };
        // YAML read by tree-sitter (text the fast reader rejects) is not
        // spliced: the fast reader re-reads the part.
        let yaml_by_tree_sitter = self.format == Format::Yaml && self.tree.is_some();
        if self.has_anchors || yaml_by_tree_sitter || self.unused > self.document.nodes.len() / 2 {
            return false;
        }
        let Some(plan) = splice::plan(&self.document, &self.rope, self.format, change, self.has_cr)
        else {
            return false;
        };
        self.unused += plan.apply(Arc::make_mut(&mut self.document));
        self.tree_stale |= self.tree.is_some();
        self.parsed(false);
        true
    }

    /// Marks the current text as parsed.
    fn parsed(&mut self, full: bool) {
        self.dirty = false;
        self.parsed_text = self.rope.clone();
        self.touched_lines = Some(Vec::new());
        self.pending = None;
        self.spliced = !full;
        if full {
            self.unused = 0;
            self.tree_stale = false;
            self.has_anchors = self.document.has_anchors();
        }
    }

    /// Parses the whole text again (incrementally when a tree exists).
    fn parse_all(&mut self) {
        let text = self.rope.to_string();
        self.has_cr = text.contains('\r');
        let document = if text.len() > crate::MAX_PARSED_BYTES {
            self.tree = None;
            crate::oversized(&text)
        } else if parsers::needs_fallback(self.format, &text) {
            self.tree = None;
            fallback::parse(&text)
        } else if let Some(document) = crate::clean_fallback(&text, self.format) {
            // Error-free YAML: the fast reader's model, no tree to keep.
            self.tree = None;
            document
        } else {
            let rope = &self.rope;
            // A tree with errors is not reused: tree-sitter's recovery from
            // one can differ from a fresh parse's.
            let old = self
                .tree
                .take()
                .filter(|tree| !tree.root_node().has_error());
            let tree = parsers::with_parser(self.format, |parser| {
                let mut read = |offset: usize, _: Point| -> &[u8] {
                    if offset >= rope.len_bytes() {
                        return &[];
                    }
                    let (chunk, chunk_start, _, _) = rope.chunk_at_byte(offset);
                    chunk.as_bytes().get(offset - chunk_start..).unwrap_or(&[])
                };
                parser.parse_with_options(&mut read, old.as_ref(), None)
            })
            .flatten();
            match tree {
                Some(tree) => {
                    let document = convert::convert(&tree, &text, self.format);
                    self.tree = Some(tree);
                    crate::second_opinion(document, &text, self.format)
                }
                None => unparsed(&text),
            }
        };
        self.document = Arc::new(document);
        self.parsed(true);
    }

    /// Records the line an edit from `start` to `old_end` inserting `new_text`
    /// touched, or stops tracking when it changes the lines' layout.
    fn track_touched_line(&mut self, start: Point, old_end: Point, new_text: &str) {
        let single_line =
            !self.has_cr && start.row == old_end.row && !new_text.contains(['\n', '\r']);
        match self.touched_lines.as_mut() {
            Some(lines) if single_line => {
                if !lines.contains(&start.row) {
                    lines.push(start.row);
                }
                if lines.len() > MAX_TOUCHED_LINES {
                    self.touched_lines = None;
                }
            }
            _ => self.touched_lines = None,
        }
    }

    /// The tree-sitter point (row by `\n`, column in bytes) of byte `offset`.
    fn point(&self, offset: usize) -> Point {
        if !self.has_cr {
            let row = self.rope.byte_to_line(offset);
            return Point::new(row, offset - self.rope.line_to_byte(row));
        }
        let mut row = 0;
        let mut line_start = 0;
        for (chunk, chunk_start, _, _) in chunks_until(&self.rope, offset) {
            let bytes = chunk.as_bytes();
            let upto = (offset - chunk_start).min(bytes.len());
            for (i, b) in bytes.iter().take(upto).enumerate() {
                if *b == b'\n' {
                    row += 1;
                    line_start = chunk_start + i + 1;
                }
            }
        }
        Point::new(row, offset - line_start)
    }
}

/// The rope's chunks (with their byte starts) that begin before `offset`.
fn chunks_until(rope: &Rope, offset: usize) -> impl Iterator<Item = (&str, usize, usize, usize)> {
    let mut next = 0;
    std::iter::from_fn(move || {
        if next >= offset || next >= rope.len_bytes() {
            return None;
        }
        let item = rope.chunk_at_byte(next);
        next = item.1 + item.0.len();
        Some(item)
    })
}

/// The point after `text` inserted at `start`.
fn advance(start: Point, text: &str) -> Point {
    match text.rfind('\n') {
        Some(last) => Point::new(
            start.row + text.bytes().filter(|b| *b == b'\n').count(),
            text.len() - last - 1,
        ),
        None => Point::new(start.row, start.column + text.len()),
    }
}
