//! Re-reading only the part of a document that edits touched.
//!
//! When every edit since the last parse lies inside one self-contained node —
//! a block mapping in YAML (a resource, its `Properties`, ...), an object or
//! array in JSON — only that node's new text is parsed; its nodes replace the
//! old ones in the arena and every later span moves by the edit's length.
//! The result equals a fresh parse of the whole text (the incremental property
//! tests compare them); when the conditions that make it so do not hold, the
//! caller parses everything.

use ropey::Rope;

use crate::model::{Document, Format, Node, NodeId, NodeKind, ScalarStyle, Span};

/// Where the text changed since the last parse: `start..old_end` of the parsed
/// text became `start..new_end` of the current text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Change {
    /// The change made by replacing `start..end` of the current text with
    /// `inserted` bytes, merged into `previous` (the changes made before it).
    pub fn merge(previous: Option<Change>, start: usize, end: usize, inserted: usize) -> Change {
        let Some(previous) = previous else {
            return Change {
                start,
                old_end: end,
                new_end: start + inserted,
            };
        };
        // Current text = parsed[..p.start] + X + parsed[p.old_end..], with X
        // ending at p.new_end. The merged change covers both.
        let high = previous.new_end.max(end);
        Change {
            start: previous.start.min(start),
            old_end: previous.old_end + (high - previous.new_end),
            new_end: high + inserted - (end - start),
        }
    }

    /// Maps a position of the parsed text outside the change to the current text.
    fn shift(&self, at: usize) -> usize {
        if at >= self.old_end {
            at + self.new_end - self.old_end
        } else {
            at
        }
    }
}

/// Nodes deeper than this are not spliced (the sub-parse would not see the
/// nesting depth of the whole document).
const MAX_SPLICE_DEPTH: usize = 200;

/// A splice ready to apply: the re-read node and where it goes.
pub(crate) struct Splice {
    path: Vec<(NodeId, usize)>,
    target: NodeId,
    sub: Document,
    region: Region,
    change: Change,
}

/// Plans the update of `document` (built from the text before `change`) to
/// describe `text`, re-reading only the smallest self-contained node that
/// holds the change; `None` when the edit cannot be handled this way. `has_cr`
/// says the text may hold `\r` line breaks (YAML is then not spliced). YAML
/// documents must have been read by the fast reader.
pub(crate) fn plan(
    document: &Document,
    text: &Rope,
    format: Format,
    change: Change,
    has_cr: bool,
) -> Option<Splice> {
    if !document.problems.is_empty() || document.limited.is_some() {
        return None;
    }
    if format == Format::Yaml && has_cr {
        return None;
    }
    let mut path = path_to_change(document, change);
    // The innermost candidate first; an outer one when an inner one fails.
    while let Some(&(parent, slot)) = path.last() {
        let target = child(document, parent, slot)?;
        let region = if path.len() > MAX_SPLICE_DEPTH {
            None
        } else {
            match format {
                Format::Yaml => yaml_region(document, text, parent, target, change),
                Format::Json => json_region(document, text, target, change),
            }
        };
        if let Some(sub) = region.as_ref().and_then(|r| read_region(text, format, r)) {
            let region = region?;
            return Some(Splice {
                path,
                target,
                sub,
                region,
                change,
            });
        }
        path.pop();
    }
    None
}

impl Splice {
    /// Applies the splice to the document it was planned on; returns how
    /// many arena slots became unused.
    pub(crate) fn apply(self, document: &mut Document) -> usize {
        replace(
            document,
            &self.path,
            self.target,
            self.sub,
            &self.region,
            self.change,
        )
    }
}

/// The text to re-read for a target node, in current-text offsets.
struct Region {
    /// Where the re-read text starts.
    start: usize,
    /// Where it ends.
    end: usize,
    /// The target's old end (parsed-text offset): ancestors ending there end
    /// where the new node ends.
    old_node_end: usize,
    /// What the re-read text must read as.
    shape: Shape,
}

/// What a re-read region must read as to stand for the old node.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One JSON value spanning the whole region.
    JsonValue,
    /// A YAML block mapping whose first key is at this column (the region
    /// starts with that many spaces).
    BlockMapping { column: usize },
    /// A YAML plain or quoted scalar with no tag or anchor, starting the
    /// region (the rest of its line).
    LineScalar,
}

/// The chain of (container, child slot) from the root down to the innermost
/// node whose span holds the change, through mappings and sequences.
fn path_to_change(document: &Document, change: Change) -> Vec<(NodeId, usize)> {
    let mut path = Vec::new();
    let holds = |id: NodeId| {
        let span = document.node(id).span;
        span.start <= change.start && change.old_end <= span.end
    };
    let Some(mut current) = document.roots.iter().copied().find(|r| holds(*r)) else {
        return path;
    };
    loop {
        let next = match &document.node(current).kind {
            // Entries and items are in document order: the candidate is the
            // last one starting at or before the change.
            NodeKind::Mapping(entries) => {
                let after = entries.partition_point(|e| e.key.span.start <= change.start);
                after
                    .checked_sub(1)
                    .filter(|&i| holds(entries[i].value))
                    .map(|i| (i, entries[i].value))
            }
            NodeKind::Sequence(items) => {
                let after =
                    items.partition_point(|item| document.node(*item).span.start <= change.start);
                after
                    .checked_sub(1)
                    .filter(|&i| holds(items[i]))
                    .map(|i| (i, items[i]))
            }
            // An intrinsic function's argument may be rewritten (`!GetAtt
            // A.B` becomes a sequence): its parts are not re-read alone.
            _ => None,
        };
        match next {
            Some((slot, id)) if path.len() < 10_000 => {
                path.push((current, slot));
                current = id;
            }
            _ => return path,
        }
    }
}

/// The child in `slot` of `parent` (see [`path_to_change`]).
fn child(document: &Document, parent: NodeId, slot: usize) -> Option<NodeId> {
    match &document.node(parent).kind {
        NodeKind::Mapping(entries) => entries.get(slot).map(|e| e.value),
        NodeKind::Sequence(items) => items.get(slot).copied(),
        _ => None,
    }
}

/// A JSON value whose new text reads the same on its own: an object or array
/// holding the change strictly inside its brackets, or a scalar (its parent
/// is an object or array: [`path_to_change`] does not enter intrinsic
/// functions, whose arguments may be rewritten).
fn json_region(document: &Document, text: &Rope, target: NodeId, change: Change) -> Option<Region> {
    let node = document.node(target);
    let span = node.span;
    let fits = match node.kind {
        NodeKind::Scalar(_) => span.start <= change.start && change.old_end <= span.end,
        _ => {
            let first = text.get_byte(span.start)?;
            (first == b'{' || first == b'[')
                && span.start < change.start
                && change.old_end < span.end
        }
    };
    fits.then(|| Region {
        start: span.start,
        end: change.shift(span.end),
        old_node_end: span.end,
        shape: Shape::JsonValue,
    })
}

/// A YAML region that reads the same on its own: a block mapping's lines
/// ([`block_mapping_region`]) or the rest of a one-line scalar's line
/// ([`line_scalar_region`]).
fn yaml_region(
    document: &Document,
    text: &Rope,
    parent: NodeId,
    target: NodeId,
    change: Change,
) -> Option<Region> {
    let node = document.node(target);
    if node.tag.is_some() || node.anchor.is_some() {
        return None;
    }
    match &node.kind {
        NodeKind::Mapping(_) => block_mapping_region(node.span, text, change),
        NodeKind::Scalar(scalar)
            if matches!(
                scalar.style,
                ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            ) && !starts_flow(text, document.node(parent).span.start) =>
        {
            line_scalar_region(node.span, text, change)
        }
        _ => None,
    }
}

/// Whether the text at `at` opens a flow collection.
fn starts_flow(text: &Rope, at: usize) -> bool {
    matches!(text.get_byte(at), Some(b'{' | b'['))
}

/// A one-line scalar of a block collection: the rest of its line, when the
/// change stays on that line. On its own line, in block context, it reads as
/// it does in place.
fn line_scalar_region(span: Span, text: &Rope, change: Change) -> Option<Region> {
    if change.start < span.start || change.old_end > span.end {
        return None;
    }
    // The old scalar ended on its first line (its end, moved, is on that
    // line), and the new text of the change too.
    let line = text.try_byte_to_line(span.start).ok()?;
    let new_end = change.shift(span.end).max(change.new_end);
    if text.try_byte_to_line(new_end).ok()? != line {
        return None;
    }
    let line_end = text.try_line_to_byte(line + 1).ok()?;
    let end = if line_end > span.start && text.get_byte(line_end - 1) == Some(b'\n') {
        line_end - 1
    } else {
        line_end
    };
    Some(Region {
        start: span.start,
        end,
        old_node_end: span.end,
        shape: Shape::LineScalar,
    })
}

/// A YAML block mapping (its first key first on its line) whose lines hold
/// the change: the lines from its first key down to the next line indented
/// less than its keys, all of them indented at least as much as its keys (or
/// blank), read the same on their own.
fn block_mapping_region(span: Span, text: &Rope, change: Change) -> Option<Region> {
    let first_line = text.try_byte_to_line(span.start).ok()?;
    let line_start = text.try_line_to_byte(first_line).ok()?;
    let column = span.start - line_start;
    if column == 0 || change.start < line_start || change.old_end > span.end {
        return None;
    }
    let new_node_end = change.shift(span.end);
    let last_line = text
        .try_byte_to_line(new_node_end.max(change.new_end))
        .ok()?;
    let mut end = text.len_bytes();
    for (index, line) in text.lines_at(first_line).enumerate() {
        let indent = line.chars().take_while(|c| *c == ' ').count();
        let rest = line.chars().nth(indent);
        let blank = matches!(rest, None | Some('\n'));
        if rest == Some('\t') {
            return None;
        }
        if index == 0 {
            // The first key, exactly where it was, starting the line.
            if indent != column || blank || matches!(rest, Some('#' | '-' | '{' | '[')) {
                return None;
            }
            continue;
        }
        if blank || indent >= column {
            continue;
        }
        if first_line + index <= last_line {
            // A less indented line inside the re-read part.
            return None;
        }
        end = text.try_line_to_byte(first_line + index).ok()?;
        break;
    }
    Some(Region {
        start: line_start,
        end,
        old_node_end: span.end,
        shape: Shape::BlockMapping { column },
    })
}

/// Parses the region's text alone; `Some` only when it reads as one clean node.
fn read_region(text: &Rope, format: Format, region: &Region) -> Option<Document> {
    let slice = text.get_byte_slice(region.start..region.end)?.to_string();
    // The reader that read the whole text reads the part: tree-sitter for
    // JSON, the fast reader for YAML (whose clean readings are the ones kept).
    let sub = match format {
        Format::Json => crate::parse(&slice, format),
        Format::Yaml => crate::fallback::parse(&slice),
    };
    let [root] = sub.roots[..] else {
        return None;
    };
    if !sub.problems.is_empty() || sub.limited.is_some() {
        return None;
    }
    let node = sub.node(root);
    let whole = match region.shape {
        Shape::JsonValue => node.span == Span::new(0, slice.len()),
        Shape::BlockMapping { column } => {
            node.span.start == column && matches!(node.kind, NodeKind::Mapping(_))
        }
        Shape::LineScalar => {
            // Not a document marker or directive once it starts a text.
            let marker = ["---", "...", "%"].iter().any(|m| slice.starts_with(m));
            !marker
                && node.span.start == 0
                && node.tag.is_none()
                && node.anchor.is_none()
                && matches!(&node.kind, NodeKind::Scalar(scalar) if matches!(
                    scalar.style,
                    ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
                ))
        }
    };
    (whole && !sub.has_anchors()).then_some(sub)
}

/// Puts `sub`'s nodes in place of `target`'s and moves every later span.
fn replace(
    document: &mut Document,
    path: &[(NodeId, usize)],
    target: NodeId,
    sub: Document,
    region: &Region,
    change: Change,
) -> usize {
    let base = document.nodes.len() as u32;
    let offset = region.start;
    let sub_root = sub.roots.first().map_or(target, |r| NodeId(r.0 + base));
    let new_node_end = sub
        .roots
        .first()
        .map_or(region.end, |r| sub.node(*r).span.end + offset);

    // The old subtree's slots are emptied.
    let mut unused = 0;
    let mut stack = vec![target];
    while let Some(id) = stack.pop() {
        if id.index() >= document.nodes.len() {
            continue;
        }
        stack.extend(document.children(id));
        document.nodes[id.index()] = empty_node();
        unused += 1;
    }

    // Every other span moves with the edit (nodes that end before it hold
    // nothing that moves); the target's ancestors that ended with it end
    // with the new node.
    let shift = |at: usize| change.shift(at);
    for node in document.nodes.iter_mut() {
        if node.span.end < change.start {
            continue;
        }
        shift_node(node, &shift);
    }
    let moved_old_end = change.shift(region.old_node_end);
    for (parent, _) in path {
        if let Some(node) = document.nodes.get_mut(parent.index()) {
            if node.span.end == moved_old_end {
                node.span.end = new_node_end.max(node.span.start);
            }
        }
    }

    // The new nodes, renumbered and moved to where the region starts.
    let moved = |at: usize| at + offset;
    for mut node in sub.nodes {
        node.map_ids(|id| NodeId(id.0 + base));
        shift_node(&mut node, &moved);
        document.nodes.push(node);
    }
    if let Some(&(parent, slot)) = path.last() {
        match &mut document.nodes[parent.index()].kind {
            NodeKind::Mapping(entries) => {
                if let Some(entry) = entries.get_mut(slot) {
                    entry.value = sub_root;
                }
            }
            NodeKind::Sequence(items) => {
                if let Some(item) = items.get_mut(slot) {
                    *item = sub_root;
                }
            }
            _ => {}
        }
    }
    unused
}

/// An emptied arena slot: a null with an empty span at 0, which no walk
/// from a root reaches.
fn empty_node() -> Node {
    Node {
        span: Span::default(),
        kind: NodeKind::Null,
        tag: None,
        anchor: None,
    }
}

/// Applies `shift` to every offset in `node` (its span, tag, anchor, keys and
/// intrinsic function name).
fn shift_node(node: &mut Node, shift: &dyn Fn(usize) -> usize) {
    let span = |s: &mut Span| {
        let start = shift(s.start);
        s.end = shift(s.end).max(start);
        s.start = start;
    };
    span(&mut node.span);
    if let Some(tag) = node.tag.as_mut() {
        span(&mut tag.span);
    }
    if let Some(anchor) = node.anchor.as_mut() {
        span(&mut anchor.span);
    }
    match &mut node.kind {
        NodeKind::Mapping(entries) => {
            for entry in entries {
                span(&mut entry.key.span);
            }
        }
        NodeKind::Intrinsic(intrinsic) => span(&mut intrinsic.name_span),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::Change;

    #[test]
    fn changes_merge_into_one_range_of_both_texts() {
        // "abcdef": replace "cd" (2..4) with "XYZ" → "abXYZef".
        let first = Change::merge(None, 2, 4, 3);
        assert_eq!(
            first,
            Change {
                start: 2,
                old_end: 4,
                new_end: 5
            }
        );
        // Then delete "Ze" (4..6 of "abXYZef") → "abXYf".
        let both = Change::merge(Some(first), 4, 6, 0);
        assert_eq!(
            both,
            Change {
                start: 2,
                old_end: 5,
                new_end: 4
            }
        );
        // An edit before the first: "abXYf" insert "Q" at 0 → "QabXYf".
        let before = Change::merge(Some(both), 0, 0, 1);
        assert_eq!(
            before,
            Change {
                start: 0,
                old_end: 5,
                new_end: 5
            }
        );
    }
}
