//! The document builder shared by the YAML, JSON and fallback converters:
//! owns the node arena, anchors, problems, duplicate-key checks, and applies
//! intrinsic-function normalisation as each node is finished.

use std::collections::HashMap;

use crate::intrinsic;
use crate::model::{
    Anchor, Document, Entry, Key, Node, NodeId, NodeKind, ProblemKind, Span, SyntaxProblem, Tag,
};

/// Nesting deeper than this is not analysed (keeps every walk cheap and bounded).
pub(crate) const MAX_DEPTH: usize = 2000;

/// Mappings with more entries than this use a hash map to find duplicate keys.
const LINEAR_DUPLICATE_SCAN: usize = 16;

pub(crate) struct Builder<'t> {
    pub text: &'t str,
    pub nodes: Vec<Node>,
    pub roots: Vec<NodeId>,
    pub problems: Vec<SyntaxProblem>,
    pub limited: Option<String>,
    anchors: HashMap<String, NodeId>,
    line_starts: Option<Vec<usize>>,
}

impl<'t> Builder<'t> {
    pub fn new(text: &'t str) -> Self {
        Builder {
            text,
            nodes: Vec::new(),
            roots: Vec::new(),
            problems: Vec::new(),
            limited: None,
            anchors: HashMap::new(),
            line_starts: None,
        }
    }

    pub fn finish(mut self) -> Document {
        self.problems.sort_by_key(|p| (p.span.start, p.span.end));
        Document {
            nodes: self.nodes,
            roots: self.roots,
            problems: self.problems,
            limited: self.limited,
        }
    }

    /// The source text of `span` (empty when out of range).
    pub fn slice(&self, span: Span) -> &'t str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    pub fn push(&mut self, span: Span, kind: NodeKind) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(Node {
            span,
            kind,
            tag: None,
            anchor: None,
        });
        id
    }

    /// Pushes an empty value (`Key:` with nothing after it) at `at`.
    pub fn null(&mut self, at: usize) -> NodeId {
        self.push(Span::new(at, at), NodeKind::Null)
    }

    pub fn problem(&mut self, span: Span, message: impl Into<String>) {
        self.problems.push(SyntaxProblem {
            span,
            kind: ProblemKind::Syntax,
            message: message.into(),
            related: None,
        });
    }

    /// Records that nesting went beyond [`MAX_DEPTH`] at `span`, once per document.
    pub fn too_deep(&mut self, span: Span) {
        if self.limited.is_none() {
            let message = format!("nesting deeper than {MAX_DEPTH} levels is not analysed");
            self.problem(span, message.clone());
            self.limited = Some(message);
        }
    }

    /// An alias node, linked to the most recent node anchored with `name`.
    pub fn alias(&mut self, name: &str, span: Span) -> NodeKind {
        let target = self.anchors.get(name).copied();
        if target.is_none() {
            self.problem(
                span,
                format!("alias `*{name}` refers to no anchor defined before it"),
            );
        }
        NodeKind::Alias {
            name: name.to_owned(),
            target,
        }
    }

    /// Finishes a value node: normalises intrinsic functions, attaches the tag
    /// and anchor, and registers the anchor. `content` is the span of the value
    /// without its tag and anchor.
    pub fn value(
        &mut self,
        span: Span,
        content: Span,
        kind: NodeKind,
        tag: Option<Tag>,
        anchor: Option<Anchor>,
    ) -> NodeId {
        let kind = intrinsic::normalise(self, content, kind, tag.as_ref());
        let id = self.push(span, kind);
        if let Some(node) = self.nodes.last_mut() {
            node.tag = tag.map(Box::new);
            if let Some(anchor) = anchor {
                self.anchors.insert(anchor.name.clone(), id);
                node.anchor = Some(Box::new(anchor));
            }
        }
        id
    }

    /// A mapping's kind, reporting keys written more than once (merge keys `<<` excepted).
    pub fn mapping(&mut self, entries: Vec<Entry>) -> NodeKind {
        if entries.len() > 1 {
            self.check_duplicates(&entries);
        }
        NodeKind::Mapping(entries)
    }

    fn check_duplicates(&mut self, entries: &[Entry]) {
        let mut duplicates: Vec<(usize, usize)> = Vec::new();
        if entries.len() <= LINEAR_DUPLICATE_SCAN {
            for (i, entry) in entries.iter().enumerate() {
                if let Some(first) = entries[..i]
                    .iter()
                    .position(|e| e.key.text == entry.key.text)
                {
                    duplicates.push((first, i));
                }
            }
        } else {
            let mut seen: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
            for (i, entry) in entries.iter().enumerate() {
                if let Some(first) = seen.get(entry.key.text.as_str()) {
                    duplicates.push((*first, i));
                } else {
                    seen.insert(&entry.key.text, i);
                }
            }
        }
        for (first, second) in duplicates {
            let (Some(first), Some(second)) = (entries.get(first), entries.get(second)) else {
                continue;
            };
            if first.key.text == "<<" {
                continue;
            }
            let line = self.line_of(first.key.span.start) + 1;
            self.problems.push(SyntaxProblem {
                span: second.key.span,
                kind: ProblemKind::DuplicateKey,
                message: format!(
                    "duplicate key `{}`: it is already defined on line {line}",
                    first.key.text
                ),
                related: Some(first.key.span),
            });
        }
    }

    /// The 0-based line of `offset` (lines break on LF, CRLF and CR).
    pub fn line_of(&mut self, offset: usize) -> usize {
        let text = self.text;
        let starts = self.line_starts.get_or_insert_with(|| line_starts(text));
        starts.partition_point(|s| *s <= offset).saturating_sub(1)
    }

    /// A key whose text is the raw source of `span` (complex keys).
    pub fn raw_key(&self, span: Span) -> Key {
        Key {
            text: self.slice(span).trim().to_owned(),
            span,
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}
