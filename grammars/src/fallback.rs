//! The fallback YAML reader for files too long for tree-sitter-yaml: builds
//! the same document model from saphyr-parser's event stream, converting its
//! char positions to byte offsets. Stops at the first syntax error, keeping
//! what was read before it.

use std::collections::HashMap;

use saphyr_parser::{
    Event, Parser, ScalarStyle as SaphyrStyle, Span as SaphyrSpan, Tag as SaphyrTag,
};

use crate::builder::{Builder, MAX_DEPTH};
use crate::model::{
    Anchor, Document, Entry, Key, NodeId, NodeKind, Scalar, ScalarKind, ScalarStyle, Span, Tag,
};
use crate::scalar;

/// Parses YAML `text` with saphyr-parser.
pub(crate) fn parse(text: &str) -> Document {
    let mut reader = Reader {
        b: Builder::new(text),
        chars: CharIndex::new(text),
        frames: Vec::new(),
        anchor_ids: HashMap::new(),
        skipping: 0,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        match event {
            Ok((Event::StreamEnd, _)) => break,
            Ok((event, span)) => reader.event(event, span),
            Err(error) => {
                let at = reader.chars.byte(error.marker().index());
                let span = token_at(text, at);
                reader
                    .b
                    .problem(span, format!("syntax error: {}", error.info()));
                reader.b.limited.get_or_insert_with(|| {
                    "this file is read by the long-file YAML reader, which stops at the first syntax error"
                        .to_owned()
                });
                break;
            }
        }
    }
    reader.close_all();
    reader.b.finish()
}

/// Maps char indices to byte offsets (a checkpoint every 64 chars).
struct CharIndex<'t> {
    text: &'t str,
    ascii: bool,
    checkpoints: Vec<usize>,
}

const CHECKPOINT_EVERY: usize = 64;

impl<'t> CharIndex<'t> {
    fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(CHECKPOINT_EVERY)
                .map(|(i, _)| i)
                .collect()
        };
        CharIndex {
            text,
            ascii,
            checkpoints,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let Some(base) = self.checkpoints.get(char_index / CHECKPOINT_EVERY) else {
            return self.text.len();
        };
        let rest = self.text.get(*base..).unwrap_or("");
        rest.char_indices()
            .nth(char_index % CHECKPOINT_EVERY)
            .map_or(self.text.len(), |(i, _)| base + i)
    }

    fn span(&self, span: SaphyrSpan) -> Span {
        let start = self.byte(span.start.index());
        Span::new(start, self.byte(span.end.index()).max(start))
    }
}

/// From `at` to the end of the run of non-blank characters there (at least one char).
fn token_at(text: &str, at: usize) -> Span {
    let rest = text.get(at..).unwrap_or("");
    let len = rest
        .find(|c: char| c.is_whitespace())
        .unwrap_or(rest.len())
        .max(rest.chars().next().map_or(0, char::len_utf8));
    Span::new(at, at + len)
}

enum FrameKind {
    Document {
        value: Option<NodeId>,
    },
    Mapping {
        entries: Vec<Entry>,
        key: Option<Key>,
    },
    Sequence {
        items: Vec<NodeId>,
    },
}

struct Frame {
    kind: FrameKind,
    span: Span,
    content_start: usize,
    tag: Option<Tag>,
    anchor: Option<Anchor>,
    anchor_id: usize,
    /// This collection is a mapping key (a complex key): it becomes the key's text.
    as_key: bool,
    /// The end of the last child, for block collections whose end event is empty.
    last_end: usize,
}

struct Reader<'t> {
    b: Builder<'t>,
    chars: CharIndex<'t>,
    frames: Vec<Frame>,
    anchor_ids: HashMap<usize, NodeId>,
    /// Nesting level inside a collection too deep to analyse.
    skipping: usize,
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, span: SaphyrSpan) {
        let span = self.chars.span(span);
        let is_mapping = matches!(event, Event::MappingStart(..));
        if self.skipping > 0 {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skipping += 1,
                Event::MappingEnd | Event::SequenceEnd => self.skipping -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::DocumentStart(_) => self
                .frames
                .push(Frame::new(FrameKind::Document { value: None }, span)),
            Event::DocumentEnd => self.close(span),
            Event::Alias(id) => {
                let name = self.b.slice(span).trim_start_matches('*');
                let kind = self.b.alias(name, span);
                let kind = match (kind, self.anchor_ids.get(&id)) {
                    (NodeKind::Alias { name, target: None }, Some(target)) => NodeKind::Alias {
                        name,
                        target: Some(*target),
                    },
                    (kind, _) => kind,
                };
                if self.wants_key() {
                    let key = self.b.raw_key(span);
                    self.deliver_key(key);
                } else {
                    let id = self.b.value(span, span, kind, None, None);
                    self.deliver(id);
                }
            }
            Event::Scalar(value, style, anchor_id, tag) => {
                self.scalar(&value, style, anchor_id, tag.as_deref(), span)
            }
            Event::MappingStart(anchor_id, tag) | Event::SequenceStart(anchor_id, tag) => {
                let depth = self
                    .frames
                    .iter()
                    .filter(|f| !matches!(f.kind, FrameKind::Document { .. }))
                    .count();
                if depth >= MAX_DEPTH {
                    self.b.too_deep(span);
                    let id = self.b.push(span, NodeKind::Invalid);
                    self.deliver(id);
                    self.skipping = 1;
                    return;
                }
                let kind = if is_mapping {
                    FrameKind::Mapping {
                        entries: Vec::new(),
                        key: None,
                    }
                } else {
                    FrameKind::Sequence { items: Vec::new() }
                };
                let as_key = self.wants_key();
                // The event's mark can sit on the first item of a sequence
                // written at its key's column (`- !Ref X`): read a tag or an
                // anchor from the text only when the parser reports one.
                let (tag, anchor, content_start) = if tag.is_none() && anchor_id == 0 {
                    (None, None, span.start)
                } else {
                    self.properties(span, tag.as_deref())
                };
                let mut frame = Frame::new(kind, span);
                frame.tag = tag;
                frame.anchor = anchor;
                frame.anchor_id = anchor_id;
                frame.as_key = as_key;
                frame.content_start = content_start;
                frame.last_end = content_start;
                self.frames.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => self.close(span),
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }

    fn scalar(
        &mut self,
        value: &str,
        style: SaphyrStyle,
        anchor_id: usize,
        tag: Option<&SaphyrTag>,
        span: Span,
    ) {
        let (tag, anchor, mut content_start) = self.properties(span, tag);
        let mut span = span;
        let style = match style {
            SaphyrStyle::Plain => ScalarStyle::Plain,
            SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            SaphyrStyle::Literal => ScalarStyle::Literal,
            SaphyrStyle::Folded => ScalarStyle::Folded,
        };
        if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
            // The event's span starts at the content; the node starts at its
            // `|`/`>` header. The parser's start mark can be stale (it may
            // point into an earlier block scalar), so the header is looked for
            // after the end of what the enclosing collection has read so far.
            let floor = self.frames.last().map_or(0, |f| f.last_end).min(span.end);
            let stale = span.start < floor;
            if stale {
                span.start = floor;
            }
            // Like tree-sitter, end the node after its last non-blank character.
            let body = self.b.text.get(span.start..span.end).unwrap_or("");
            span.end = span.start + body.trim_end().len();
            // A tagged block scalar's mark is at its tag, and the header
            // follows the tag; an untagged one's mark is at its content.
            let at_header = self
                .b
                .text
                .get(content_start..)
                .is_some_and(|t| t.starts_with(['|', '>']));
            let header = if at_header {
                Some(content_start)
            } else if stale {
                self.b
                    .text
                    .get(floor..span.end)
                    .and_then(|t| t.find(['|', '>']))
                    .map(|i| floor + i)
            } else {
                self.b
                    .text
                    .get(..span.start)
                    .and_then(|t| t.rfind(['|', '>']))
            };
            if let Some(header) = header {
                content_start = header;
                if value.trim().is_empty() {
                    // No content: the node is its header (the parser's end
                    // mark may sit on whatever follows, such as a comment).
                    let indicators = self.b.text.get(header..).unwrap_or("");
                    let len = indicators
                        .find(|c: char| c.is_whitespace() || c == '#')
                        .unwrap_or(indicators.len());
                    span.end = header + len.max(1);
                }
                if tag.is_none() && anchor.is_none() {
                    span.start = header;
                } else if stale {
                    // The tag or anchor sits between the key and the header.
                    let props = self.b.text.get(floor..header).unwrap_or("");
                    span.start = props.find(['!', '&']).map_or(header, |i| floor + i);
                }
            }
        }
        let content = Span::new(content_start.min(span.end), span.end);
        if self.wants_key() {
            let key = Key {
                text: value.to_owned(),
                span: content,
            };
            self.deliver_key(key);
            return;
        }
        // An empty plain value (`a:`, `a: !Ref`, `a: &x`) is a null, as tree-sitter reads it.
        let kind = if style == ScalarStyle::Plain && value.is_empty() {
            NodeKind::Null
        } else {
            let kind = match style {
                ScalarStyle::Plain => scalar::resolve_plain(value),
                _ => ScalarKind::String,
            };
            NodeKind::Scalar(Scalar {
                value: value.to_owned(),
                style,
                kind,
            })
        };
        let id = self.b.value(span, content, kind, tag, anchor);
        if anchor_id != 0 {
            self.anchor_ids.insert(anchor_id, id);
        }
        self.deliver(id);
    }

    /// The tag and anchor written at the start of `span`, and where the content starts.
    fn properties(
        &self,
        span: Span,
        tag: Option<&SaphyrTag>,
    ) -> (Option<Tag>, Option<Anchor>, usize) {
        let text = self.b.text;
        let mut pos = span.start;
        let (mut found_tag, mut found_anchor) = (None, None);
        for _ in 0..2 {
            let rest = text.get(pos..).unwrap_or("");
            let token_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
            let token = rest.get(..token_len).unwrap_or("");
            let token_span = Span::new(pos, pos + token_len);
            if token.starts_with('!') && found_tag.is_none() {
                found_tag = Some(Tag {
                    name: token.to_owned(),
                    span: token_span,
                });
            } else if let Some(name) = token.strip_prefix('&').filter(|_| found_anchor.is_none()) {
                found_anchor = Some(Anchor {
                    name: name.to_owned(),
                    span: token_span,
                });
            } else {
                break;
            }
            let after = rest.get(token_len..).unwrap_or("");
            pos += token_len + (after.len() - after.trim_start().len());
        }
        if found_tag.is_none() {
            // A tag the text scan missed (should not happen); keep its name without a span.
            found_tag = tag.map(|t| Tag {
                name: tag_name(t),
                span: Span::new(span.start, span.start),
            });
        }
        (found_tag, found_anchor, pos.min(span.end.max(span.start)))
    }

    fn wants_key(&self) -> bool {
        matches!(
            self.frames.last().map(|f| &f.kind),
            Some(FrameKind::Mapping { key: None, .. })
        )
    }

    fn deliver_key(&mut self, key: Key) {
        if let Some(frame) = self.frames.last_mut() {
            frame.last_end = frame.last_end.max(key.span.end);
            if let FrameKind::Mapping { key: slot, .. } = &mut frame.kind {
                *slot = Some(key);
            }
        }
    }

    fn deliver(&mut self, id: NodeId) {
        let end = self.b.nodes.get(id.index()).map_or(0, |n| n.span.end);
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        frame.last_end = frame.last_end.max(end);
        match &mut frame.kind {
            FrameKind::Document { value } => {
                value.get_or_insert(id);
            }
            FrameKind::Mapping { entries, key } => {
                let key = key.take().unwrap_or(Key {
                    text: String::new(),
                    span: Span::new(end, end),
                });
                entries.push(Entry { key, value: id });
            }
            FrameKind::Sequence { items } => items.push(id),
        }
    }

    /// Finishes the innermost frame at an end event spanning `end`.
    fn close(&mut self, end: Span) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        // A block collection ends with its last child (the end event of one
        // can reach over following comments, or not, depending on what comes
        // next); a flow collection ends with its closing bracket.
        let flow = self
            .b
            .text
            .get(frame.content_start..)
            .is_some_and(|t| t.starts_with(['{', '[']));
        let stop = if end.is_empty() || !flow {
            frame.last_end
        } else {
            end.end
        };
        let span = Span::new(frame.span.start, stop.max(frame.span.start));
        let content = Span::new(frame.content_start.min(span.end), span.end);
        let kind = match frame.kind {
            FrameKind::Document { value } => {
                let root = value.unwrap_or_else(|| self.b.null(frame.span.start));
                self.b.roots.push(root);
                return;
            }
            FrameKind::Mapping { mut entries, key } => {
                if let Some(key) = key {
                    let value = self.b.null(key.span.end);
                    entries.push(Entry { key, value });
                }
                self.b.mapping(entries)
            }
            FrameKind::Sequence { items } => NodeKind::Sequence(items),
        };
        if frame.as_key {
            let key = self.b.raw_key(content);
            self.deliver_key(key);
            return;
        }
        let id = self.b.value(span, content, kind, frame.tag, frame.anchor);
        if frame.anchor_id != 0 {
            self.anchor_ids.insert(frame.anchor_id, id);
        }
        self.deliver(id);
    }

    /// Closes every open frame (after the end of input or a syntax error).
    fn close_all(&mut self) {
        while let Some(frame) = self.frames.last() {
            let at = frame.last_end;
            self.close(Span::new(at, at));
        }
    }
}

impl Frame {
    fn new(kind: FrameKind, span: Span) -> Self {
        Frame {
            kind,
            span,
            content_start: span.start,
            tag: None,
            anchor: None,
            anchor_id: 0,
            as_key: false,
            last_end: span.start,
        }
    }
}

fn tag_name(tag: &SaphyrTag) -> String {
    match tag.handle.as_str() {
        "!" => format!("!{}", tag.suffix),
        "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        handle => format!("{handle}{}", tag.suffix),
    }
}
