//! Queries over a parsed [`Document`]: child lookup, alias resolution,
//! finding the nodes under a byte offset, and the compacted form that
//! compares two readings of the same text.

use crate::model::{Document, Entry, Intrinsic, Node, NodeId, NodeKind, ProblemKind, Scalar};

/// How many alias hops `resolve` follows before giving up (guards alias cycles).
const MAX_ALIAS_HOPS: usize = 64;

/// What lies under a byte offset, from the outermost node to the innermost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// Nodes containing the offset, root first, innermost last.
    pub nodes: Vec<NodeId>,
    /// When the offset is on a mapping key: the mapping and the entry's index.
    pub key_of: Option<(NodeId, usize)>,
}

impl Document {
    /// The node with this id. Ids come from this document, so they are always in range.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// The root of the first document in the stream.
    pub fn root(&self) -> Option<NodeId> {
        self.roots.first().copied()
    }

    /// Follows aliases to the anchored node; returns `id` itself for other nodes.
    pub fn resolve(&self, id: NodeId) -> NodeId {
        let mut current = id;
        for _ in 0..MAX_ALIAS_HOPS {
            match &self.node(current).kind {
                NodeKind::Alias {
                    target: Some(target),
                    ..
                } => current = *target,
                _ => return current,
            }
        }
        current
    }

    /// The entries of a mapping (after alias resolution).
    pub fn mapping(&self, id: NodeId) -> Option<&[Entry]> {
        match &self.node(self.resolve(id)).kind {
            NodeKind::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence (after alias resolution).
    pub fn sequence(&self, id: NodeId) -> Option<&[NodeId]> {
        match &self.node(self.resolve(id)).kind {
            NodeKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    pub fn scalar(&self, id: NodeId) -> Option<&Scalar> {
        match &self.node(self.resolve(id)).kind {
            NodeKind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The decoded text of a scalar node.
    pub fn str_value(&self, id: NodeId) -> Option<&str> {
        self.scalar(id).map(|s| s.value.as_str())
    }

    pub fn intrinsic(&self, id: NodeId) -> Option<&Intrinsic> {
        match &self.node(self.resolve(id)).kind {
            NodeKind::Intrinsic(intrinsic) => Some(intrinsic),
            _ => None,
        }
    }

    /// The first entry of `mapping` whose key is `key`.
    pub fn entry(&self, mapping: NodeId, key: &str) -> Option<&Entry> {
        self.mapping(mapping)?.iter().find(|e| e.key.text == key)
    }

    /// The value of the first entry of `mapping` whose key is `key`.
    pub fn get(&self, mapping: NodeId, key: &str) -> Option<NodeId> {
        self.entry(mapping, key).map(|e| e.value)
    }

    /// The nodes `id` holds directly: a mapping's values, a sequence's
    /// items, an intrinsic function's argument (aliases are not followed).
    pub fn children(&self, id: NodeId) -> impl DoubleEndedIterator<Item = NodeId> + '_ {
        let (entries, items, argument): (&[Entry], &[NodeId], Option<NodeId>) =
            match &self.node(id).kind {
                NodeKind::Mapping(entries) => (entries, &[], None),
                NodeKind::Sequence(items) => (&[], items, None),
                NodeKind::Intrinsic(intrinsic) => (&[], &[], Some(intrinsic.argument)),
                _ => (&[], &[], None),
            };
        entries
            .iter()
            .map(|e| e.value)
            .chain(items.iter().copied())
            .chain(argument)
    }

    /// Whether a syntax error was found (duplicate keys are not syntax errors).
    pub fn has_syntax_errors(&self) -> bool {
        self.problems.iter().any(|p| p.kind == ProblemKind::Syntax)
    }

    /// Whether any node has an anchor or is an alias.
    pub fn has_anchors(&self) -> bool {
        self.nodes
            .iter()
            .any(|n| n.anchor.is_some() || matches!(n.kind, NodeKind::Alias { .. }))
    }

    /// The same document with only the nodes reachable from its roots,
    /// numbered in post-order. Two documents describe the same text the same
    /// way when their compacted forms are equal, however their arenas were
    /// built (a fresh parse, or splices of re-read parts).
    pub fn compacted(&self) -> Document {
        let mut order: Vec<NodeId> = Vec::new();
        let mut new_id = vec![u32::MAX; self.nodes.len()];
        // Iterative post-order: (node, children pushed?).
        let mut stack: Vec<(NodeId, bool)> = self.roots.iter().rev().map(|r| (*r, false)).collect();
        while let Some((id, expanded)) = stack.pop() {
            if new_id.get(id.index()).is_none_or(|n| *n != u32::MAX) {
                continue;
            }
            if expanded {
                new_id[id.index()] = order.len() as u32;
                order.push(id);
                continue;
            }
            stack.push((id, true));
            stack.extend(self.children(id).rev().map(|c| (c, false)));
        }
        let map = |id: NodeId| NodeId(new_id.get(id.index()).copied().unwrap_or(u32::MAX));
        let nodes = order
            .iter()
            .map(|id| {
                let mut node = self.node(*id).clone();
                node.map_ids(map);
                node
            })
            .collect();
        Document {
            nodes,
            roots: self.roots.iter().map(|r| map(*r)).collect(),
            problems: self.problems.clone(),
            limited: self.limited.clone(),
        }
    }

    /// The nodes under `offset` (cursor semantics: an offset at a node's end
    /// still counts as inside it), walking from the root of the document that
    /// contains the offset. Iterative, so deep nesting cannot overflow the stack.
    pub fn locate(&self, offset: usize) -> Location {
        let mut location = Location::default();
        let Some(mut current) = self
            .roots
            .iter()
            .copied()
            .find(|r| self.node(*r).span.touches(offset))
        else {
            return location;
        };
        loop {
            location.nodes.push(current);
            let next = match &self.node(current).kind {
                NodeKind::Mapping(entries) => {
                    // Entries are in text order: those whose key starts after
                    // the offset cannot hold it, and only the last one or two
                    // before them can reach it.
                    let after = entries.partition_point(|e| e.key.span.start <= offset);
                    let from = after.saturating_sub(2);
                    let mut found = None;
                    for (i, entry) in entries.iter().enumerate().skip(from) {
                        if entry.key.span.touches(offset) {
                            location.key_of = Some((current, i));
                            break;
                        }
                        if self.node(entry.value).span.touches(offset) {
                            found = Some(entry.value);
                            break;
                        }
                    }
                    found
                }
                NodeKind::Sequence(items) => {
                    let after = items.partition_point(|i| self.node(*i).span.start <= offset);
                    items[after.saturating_sub(2)..]
                        .iter()
                        .copied()
                        .find(|item| self.node(*item).span.touches(offset))
                }
                NodeKind::Intrinsic(intrinsic) => {
                    let arg = intrinsic.argument;
                    self.node(arg).span.touches(offset).then_some(arg)
                }
                _ => None,
            };
            match next {
                Some(next) if !location.nodes.contains(&next) => current = next,
                _ => return location,
            }
        }
    }
}

impl Node {
    /// Replaces every node id this node refers to (children, an alias's
    /// target) by `map` of it.
    pub fn map_ids(&mut self, map: impl Fn(NodeId) -> NodeId) {
        match &mut self.kind {
            NodeKind::Mapping(entries) => entries.iter_mut().for_each(|e| e.value = map(e.value)),
            NodeKind::Sequence(items) => items.iter_mut().for_each(|i| *i = map(*i)),
            NodeKind::Intrinsic(intrinsic) => intrinsic.argument = map(intrinsic.argument),
            NodeKind::Alias {
                target: Some(target),
                ..
            } => *target = map(*target),
            _ => {}
        }
    }
}
