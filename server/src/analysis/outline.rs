//! The shape of a document for editors: document symbols (dispatched by
//! kind, with a generic key outline for the others), folding ranges and
//! selection ranges, all computed from the model as byte spans.

use awsls_grammars::{Document, NodeId, NodeKind, Span};

use super::{cfn, DocKind, Snapshot};

/// What a symbol is, for the icon editors show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolCategory {
    Section,
    Parameter,
    Resource,
    Condition,
    Mapping,
    Output,
    /// Any other mapping key.
    Key,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub category: SymbolCategory,
    /// The whole entry (key and value).
    pub span: Span,
    /// The name.
    pub selection: Span,
    pub children: Vec<OutlineSymbol>,
}

/// How deep the generic outline goes.
const GENERIC_DEPTH: usize = 3;

/// The outline of the document.
pub fn document_symbols(snapshot: &Snapshot) -> Vec<OutlineSymbol> {
    match snapshot.kind {
        Some(DocKind::CloudFormation | DocKind::Sam) => cfn::symbols::outline(snapshot),
        Some(_) => {
            let doc = &snapshot.document;
            doc.root()
                .map(|root| key_outline(doc, root, GENERIC_DEPTH))
                .unwrap_or_default()
        }
        None => Vec::new(),
    }
}

/// The span of a mapping entry: from its key to the end of its value.
pub fn entry_span(doc: &Document, key: Span, value: NodeId) -> Span {
    let value_span = doc.node(value).span;
    Span::new(key.start.min(value_span.start), key.end.max(value_span.end))
}

/// Mapping keys as symbols, `depth` levels deep.
pub fn key_outline(doc: &Document, node: NodeId, depth: usize) -> Vec<OutlineSymbol> {
    if depth == 0 {
        return Vec::new();
    }
    let Some(entries) = doc.mapping(node) else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|e| OutlineSymbol {
            name: e.key.text.clone(),
            detail: None,
            category: SymbolCategory::Key,
            span: entry_span(doc, e.key.span, e.value),
            selection: e.key.span,
            children: key_outline(doc, e.value, depth - 1),
        })
        .collect()
}

/// Regions that can fold: every mapping entry, list item and collection
/// whose text spans more than one line (the handler drops one-line spans).
pub fn folding_ranges(snapshot: &Snapshot) -> Vec<Span> {
    let doc = &snapshot.document;
    let mut out = Vec::new();
    for node in &doc.nodes {
        match &node.kind {
            NodeKind::Mapping(entries) => {
                out.push(node.span);
                for e in entries {
                    out.push(entry_span(doc, e.key.span, e.value));
                }
            }
            NodeKind::Sequence(items) => {
                out.push(node.span);
                out.extend(items.iter().map(|i| doc.node(*i).span));
            }
            NodeKind::Scalar(_) => out.push(node.span),
            _ => {}
        }
    }
    out.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    out.dedup();
    out
}

/// The nested ranges around `offset`, innermost first: the name or value
/// under the cursor, its entry, the enclosing collection, and so on up to the
/// whole document.
pub fn selection_ranges(snapshot: &Snapshot, offset: usize) -> Vec<Span> {
    let doc = &snapshot.document;
    let location = doc.locate(offset);
    let mut out: Vec<Span> = Vec::new();
    let push = |out: &mut Vec<Span>, span: Span| {
        if out
            .last()
            .is_none_or(|last| span.start <= last.start && span.end >= last.end && span != *last)
        {
            out.push(span);
        }
    };
    if let Some((mapping, index)) = location.key_of {
        if let Some(entry) = doc.mapping(mapping).and_then(|m| m.get(index)) {
            push(&mut out, entry.key.span);
            push(&mut out, entry_span(doc, entry.key.span, entry.value));
        }
    }
    for pair in location.nodes.iter().rev().collect::<Vec<_>>().windows(2) {
        let (child, parent) = (*pair[0], *pair[1]);
        push(&mut out, doc.node(child).span);
        if let NodeKind::Mapping(entries) = &doc.node(parent).kind {
            if let Some(e) = entries.iter().find(|e| e.value == child) {
                push(&mut out, entry_span(doc, e.key.span, e.value));
            }
        }
    }
    if let Some(root) = location.nodes.first() {
        push(&mut out, doc.node(*root).span);
    }
    push(&mut out, Span::new(0, snapshot.text.len_bytes()));
    out
}
