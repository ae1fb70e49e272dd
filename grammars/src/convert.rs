//! Converts a tree-sitter YAML or JSON syntax tree into the document model,
//! iteratively (a `TreeCursor` plus an explicit stack of frames), so input
//! nesting depth never turns into native stack depth.

use tree_sitter::{Node as TsNode, Tree};

use crate::builder::{Builder, MAX_DEPTH};
use crate::errors;
use crate::fallback;
use crate::model::{
    Anchor, Document, Entry, Format, Key, NodeId, NodeKind, ProblemKind, Scalar, ScalarKind,
    ScalarStyle, Span, Tag,
};
use crate::scalar::{self, FlowStyle};

/// Builds the document model for `tree`, a parse of `text` in `format`.
pub(crate) fn convert(tree: &Tree, text: &str, format: Format) -> Document {
    let language = tree.language();
    let roles = (0..language.node_kind_count())
        .map(|id| {
            u16::try_from(id)
                .ok()
                .and_then(|id| language.node_kind_for_id(id))
                .map_or(Role::Skip, |kind| role(format, kind))
        })
        .collect();
    let mut converter = Converter {
        b: Builder::new(text),
        format,
        frames: Vec::new(),
        depth: 0,
        roles,
        key_field: language.field_id_for_name("key"),
    };
    if format == Format::Yaml && tree.root_node().is_error() {
        return salvage(tree, text);
    }
    converter.walk(tree);
    errors::collect(tree, &mut converter.b);
    converter.b.finish()
}

/// When tree-sitter-yaml could not make a document of the text at all (its
/// root is an `ERROR`), the model comes from the fallback reader, which keeps
/// everything before the first syntax error; the syntax problems still come
/// from tree-sitter.
fn salvage(tree: &Tree, text: &str) -> Document {
    let mut document = fallback::parse(text);
    let mut b = Builder::new(text);
    errors::collect(tree, &mut b);
    let mut problems = b.finish().problems;
    problems.extend(
        document
            .problems
            .drain(..)
            .filter(|p| p.kind != ProblemKind::Syntax),
    );
    problems.sort_by_key(|p| (p.span.start, p.span.end));
    document.problems = problems;
    document.limited = None;
    document
}

/// What a syntax node means to the converter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Document,
    Node,
    Mapping,
    Pair,
    Sequence,
    Item,
    Scalar,
    Tag,
    Anchor,
    Alias,
    /// Walked into, its children count for the enclosing frame (`stream`, `ERROR`).
    Transparent,
    Skip,
}

fn role(format: Format, kind: &str) -> Role {
    match (format, kind) {
        (_, "ERROR") | (Format::Yaml, "stream") => Role::Transparent,
        (_, "document") => Role::Document,
        (Format::Yaml, "block_node" | "flow_node") => Role::Node,
        (Format::Yaml, "block_mapping" | "flow_mapping") | (Format::Json, "object") => {
            Role::Mapping
        }
        (Format::Yaml, "block_mapping_pair" | "flow_pair") | (Format::Json, "pair") => Role::Pair,
        (Format::Yaml, "block_sequence" | "flow_sequence") | (Format::Json, "array") => {
            Role::Sequence
        }
        (Format::Yaml, "block_sequence_item") => Role::Item,
        (
            Format::Yaml,
            "plain_scalar" | "single_quote_scalar" | "double_quote_scalar" | "block_scalar",
        )
        | (Format::Json, "string" | "number" | "true" | "false" | "null") => Role::Scalar,
        (Format::Yaml, "tag") => Role::Tag,
        (Format::Yaml, "anchor") => Role::Anchor,
        (Format::Yaml, "alias") => Role::Alias,
        _ => Role::Skip,
    }
}

/// A piece of the model handed from a finished syntax node to its enclosing frame.
enum Piece {
    /// A value's content, not yet given its tag and anchor.
    Content(NodeKind, Span),
    Value(NodeId),
    Entry(Entry),
    Key(Key),
    Tag(Tag),
    Anchor(Anchor),
}

enum Content {
    Kind(NodeKind, Span),
    Id(NodeId),
}

enum FrameKind {
    Transparent,
    Document {
        value: Option<NodeId>,
        entries: Vec<Entry>,
    },
    Node {
        tag: Option<Tag>,
        anchor: Option<Anchor>,
        content: Option<Content>,
    },
    Mapping {
        entries: Vec<Entry>,
    },
    Pair {
        key: Option<Key>,
        value: Option<NodeId>,
    },
    Sequence {
        items: Vec<NodeId>,
    },
    Item {
        value: Option<NodeId>,
    },
}

struct Frame {
    span: Span,
    kind: FrameKind,
    /// Whether this frame is a collection counted against [`MAX_DEPTH`].
    nests: bool,
}

struct Converter<'t> {
    b: Builder<'t>,
    format: Format,
    frames: Vec<Frame>,
    depth: usize,
    /// The role of each node kind id of the tree's language.
    roles: Vec<Role>,
    key_field: Option<std::num::NonZeroU16>,
}

fn span_of(node: TsNode<'_>) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

impl<'t> Converter<'t> {
    fn walk(&mut self, tree: &Tree) {
        let mut cursor = tree.walk();
        loop {
            let node = cursor.node();
            let role = self
                .roles
                .get(usize::from(node.kind_id()))
                .copied()
                .unwrap_or(Role::Skip);
            let in_pair = matches!(
                self.frames.last().map(|f| &f.kind),
                Some(FrameKind::Pair { .. })
            );
            let is_key_field =
                in_pair && self.key_field.is_some() && cursor.field_id() == self.key_field;
            if self.enter(node, role, is_key_field) {
                if cursor.goto_first_child() {
                    continue;
                }
                self.exit();
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return;
                }
                self.exit();
            }
        }
    }

    /// Handles a node on the way down; returns true when a frame was pushed
    /// and the node's children should be visited.
    fn enter(&mut self, node: TsNode<'_>, role: Role, is_key_field: bool) -> bool {
        if role == Role::Skip {
            return false;
        }
        let span = span_of(node);
        let parent = self.frames.last().map(|f| &f.kind);
        let is_key =
            is_key_field || matches!(parent, Some(FrameKind::Mapping { .. })) && role == Role::Node;
        if is_key {
            let key = self.key(node);
            self.deliver(Piece::Key(key));
            return false;
        }
        let kind = match role {
            Role::Scalar => {
                let scalar = self.scalar(node);
                self.deliver(Piece::Content(scalar, span));
                return false;
            }
            Role::Tag => {
                let name = self.b.slice(span).to_owned();
                self.deliver(Piece::Tag(Tag { name, span }));
                return false;
            }
            Role::Anchor => {
                let name = self.b.slice(span).trim_start_matches('&').to_owned();
                self.deliver(Piece::Anchor(Anchor { name, span }));
                return false;
            }
            Role::Alias => {
                let name = self.b.slice(span).trim_start_matches('*');
                let alias = self.b.alias(name, span);
                self.deliver(Piece::Content(alias, span));
                return false;
            }
            Role::Skip => return false,
            Role::Transparent => FrameKind::Transparent,
            Role::Document => FrameKind::Document {
                value: None,
                entries: Vec::new(),
            },
            Role::Node => FrameKind::Node {
                tag: None,
                anchor: None,
                content: None,
            },
            Role::Mapping => FrameKind::Mapping {
                entries: Vec::new(),
            },
            Role::Pair => FrameKind::Pair {
                key: None,
                value: None,
            },
            Role::Sequence => FrameKind::Sequence { items: Vec::new() },
            Role::Item => FrameKind::Item { value: None },
        };
        let nests = matches!(role, Role::Mapping | Role::Sequence);
        if nests {
            if self.depth >= MAX_DEPTH {
                self.b.too_deep(span);
                self.deliver(Piece::Content(NodeKind::Invalid, span));
                return false;
            }
            self.depth += 1;
        }
        self.frames.push(Frame { span, kind, nests });
        true
    }

    fn exit(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        if frame.nests {
            self.depth = self.depth.saturating_sub(1);
        }
        let span = frame.span;
        match frame.kind {
            FrameKind::Transparent => {}
            FrameKind::Document { value, entries } => {
                let value = match value {
                    Some(value) => Some(value),
                    None if !entries.is_empty() => {
                        let content = entries_span(&self.b, &entries).unwrap_or(span);
                        let kind = self.b.mapping(entries);
                        Some(self.b.value(content, content, kind, None, None))
                    }
                    None if self.format == Format::Yaml => Some(self.b.null(span.start)),
                    None => None,
                };
                self.b.roots.extend(value);
            }
            FrameKind::Node {
                tag,
                anchor,
                content,
            } => {
                let id = match content {
                    Some(Content::Id(id)) => id,
                    Some(Content::Kind(kind, content)) => {
                        // In a sequence written at its key's own column,
                        // tree-sitter-yaml hangs the first item's tag and
                        // anchor on the sequence; the item keeps them too.
                        let inside = |start: usize| start > content.start;
                        let (tag, anchor) = if matches!(kind, NodeKind::Sequence(_)) {
                            (
                                tag.filter(|t| !inside(t.span.start)),
                                anchor.filter(|a| !inside(a.span.start)),
                            )
                        } else {
                            (tag, anchor)
                        };
                        self.b.value(span, content, kind, tag, anchor)
                    }
                    None => {
                        let content = Span::new(span.end, span.end);
                        self.b.value(span, content, NodeKind::Null, tag, anchor)
                    }
                };
                self.deliver(Piece::Value(id));
            }
            FrameKind::Mapping { entries } => {
                let kind = self.b.mapping(entries);
                self.deliver(Piece::Content(kind, span));
            }
            FrameKind::Pair { key, value } => {
                let key = key.unwrap_or(Key {
                    text: String::new(),
                    span: Span::new(span.start, span.start),
                });
                let value = value.unwrap_or_else(|| self.b.null(span.end));
                self.deliver(Piece::Entry(Entry { key, value }));
            }
            FrameKind::Sequence { items } => {
                self.deliver(Piece::Content(NodeKind::Sequence(items), span))
            }
            FrameKind::Item { value } => {
                let value = value.unwrap_or_else(|| self.b.null(span.end));
                self.deliver(Piece::Value(value));
            }
        }
    }

    /// Hands `piece` to the innermost frame that is not transparent.
    fn deliver(&mut self, piece: Piece) {
        let Some(index) = self
            .frames
            .iter()
            .rposition(|f| !matches!(f.kind, FrameKind::Transparent))
        else {
            return;
        };
        // Contents that must become values here are finished before borrowing the frame.
        let piece = match (&self.frames[index].kind, piece) {
            (FrameKind::Node { .. }, piece) => piece,
            (FrameKind::Mapping { .. }, piece) => piece,
            (_, Piece::Content(kind, span)) => {
                Piece::Value(self.b.value(span, span, kind, None, None))
            }
            (FrameKind::Sequence { .. }, Piece::Entry(entry)) => {
                let span = entries_span(&self.b, std::slice::from_ref(&entry)).unwrap_or_default();
                let kind = self.b.mapping(vec![entry]);
                Piece::Value(self.b.value(span, span, kind, None, None))
            }
            (_, piece) => piece,
        };
        let Some(frame) = self.frames.get_mut(index) else {
            return;
        };
        match (&mut frame.kind, piece) {
            (FrameKind::Document { value, .. }, Piece::Value(id)) => {
                if value.is_none() {
                    *value = Some(id);
                } else if let Some(node) = self.b.nodes.get(id.index()) {
                    let span = node.span;
                    self.b
                        .problem(span, "unexpected value after the end of the document");
                }
            }
            (FrameKind::Document { entries, .. }, Piece::Entry(entry)) => entries.push(entry),
            (FrameKind::Node { tag, .. }, Piece::Tag(t)) => {
                tag.get_or_insert(t);
            }
            (FrameKind::Node { anchor, .. }, Piece::Anchor(a)) => {
                anchor.get_or_insert(a);
            }
            (FrameKind::Node { content, .. }, Piece::Content(kind, span)) => {
                content.get_or_insert(Content::Kind(kind, span));
            }
            (FrameKind::Node { content, .. }, Piece::Value(id)) => {
                content.get_or_insert(Content::Id(id));
            }
            (FrameKind::Mapping { entries }, Piece::Entry(entry)) => entries.push(entry),
            (FrameKind::Mapping { entries }, Piece::Key(key)) => {
                let value = self.b.null(key.span.end);
                entries.push(Entry { key, value });
            }
            (FrameKind::Pair { key, .. }, Piece::Key(k)) => {
                key.get_or_insert(k);
            }
            (FrameKind::Pair { value, .. } | FrameKind::Item { value }, Piece::Value(id)) => {
                value.get_or_insert(id);
            }
            (FrameKind::Sequence { items }, Piece::Value(id)) => items.push(id),
            // Anything else only arises in error recovery; the syntax error is reported separately.
            _ => {}
        }
    }

    fn role_of(&self, node: TsNode<'_>) -> Role {
        self.roles
            .get(usize::from(node.kind_id()))
            .copied()
            .unwrap_or(Role::Skip)
    }

    /// The decoded key written at `node`.
    fn key(&self, node: TsNode<'_>) -> Key {
        if self.format == Format::Json || self.role_of(node) == Role::Scalar {
            return self.scalar_key(node);
        }
        let mut content = None;
        for i in 0..node.named_child_count() {
            let Some(child) = node.named_child(i as u32) else {
                continue;
            };
            match self.role_of(child) {
                Role::Tag | Role::Anchor | Role::Skip => {}
                _ => {
                    if content.is_some() {
                        return self.b.raw_key(span_of(node));
                    }
                    content = Some(child);
                }
            }
        }
        match content {
            Some(child) if self.role_of(child) == Role::Scalar => self.scalar_key(child),
            Some(child) => self.b.raw_key(span_of(child)),
            None => Key {
                text: String::new(),
                span: Span::new(node.end_byte(), node.end_byte()),
            },
        }
    }

    fn scalar_key(&self, node: TsNode<'_>) -> Key {
        let text = match self.scalar(node) {
            NodeKind::Scalar(scalar) => scalar.value,
            _ => self.b.slice(span_of(node)).to_owned(),
        };
        Key {
            text,
            span: span_of(node),
        }
    }

    fn scalar(&self, node: TsNode<'_>) -> NodeKind {
        let span = span_of(node);
        let raw = self.b.slice(span);
        let (value, style, kind) = match node.kind() {
            "plain_scalar" => {
                let value = scalar::flow(raw, FlowStyle::Plain);
                let kind = scalar::resolve_plain(&value);
                (value, ScalarStyle::Plain, kind)
            }
            "single_quote_scalar" => (
                scalar::flow(unquote(raw, '\''), FlowStyle::Single),
                ScalarStyle::SingleQuoted,
                ScalarKind::String,
            ),
            "double_quote_scalar" => (
                scalar::flow(unquote(raw, '"'), FlowStyle::Double),
                ScalarStyle::DoubleQuoted,
                ScalarKind::String,
            ),
            "block_scalar" => {
                let (value, folded) = scalar::block(self.b.text, span.start);
                let style = if folded {
                    ScalarStyle::Folded
                } else {
                    ScalarStyle::Literal
                };
                (value, style, ScalarKind::String)
            }
            "string" => (
                scalar::json_string(unquote(raw, '"')),
                ScalarStyle::DoubleQuoted,
                ScalarKind::String,
            ),
            "number" => (raw.to_owned(), ScalarStyle::Plain, scalar::json_number(raw)),
            "true" | "false" => (raw.to_owned(), ScalarStyle::Plain, ScalarKind::Bool),
            "null" => (raw.to_owned(), ScalarStyle::Plain, ScalarKind::Null),
            _ => return NodeKind::Invalid,
        };
        NodeKind::Scalar(Scalar { value, style, kind })
    }
}

/// The text between a scalar's quotes (tolerating a missing closing quote).
fn unquote(raw: &str, quote: char) -> &str {
    let inner = raw.strip_prefix(quote).unwrap_or(raw);
    if inner.is_empty() {
        return inner;
    }
    inner.strip_suffix(quote).unwrap_or(inner)
}

/// From the first key to the end of the last value.
fn entries_span(b: &Builder<'_>, entries: &[Entry]) -> Option<Span> {
    let first = entries.first()?;
    let last = entries.last()?;
    let end = b
        .nodes
        .get(last.value.index())
        .map_or(last.key.span.end, |n| n.span.end);
    Some(Span::new(first.key.span.start, end.max(last.key.span.end)))
}
