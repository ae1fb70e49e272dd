//! The outline of a template: its sections, then the logical IDs in each
//! with their resource type (or parameter type) as detail; and the flat
//! list of declarations used for workspace symbols.

use awsls_grammars::Span;

use crate::analysis::outline::{entry_span, OutlineSymbol, SymbolCategory};
use crate::analysis::Snapshot;

use super::navigation::{self, SymbolKind};
use super::template::Template;

fn category(kind: SymbolKind) -> SymbolCategory {
    match kind {
        SymbolKind::Parameter => SymbolCategory::Parameter,
        SymbolKind::Resource => SymbolCategory::Resource,
        SymbolKind::Condition => SymbolCategory::Condition,
        SymbolKind::Mapping => SymbolCategory::Mapping,
        SymbolKind::Output | SymbolKind::Pseudo => SymbolCategory::Output,
    }
}

fn section_kind(section: &str) -> Option<SymbolKind> {
    Some(match section {
        "Parameters" => SymbolKind::Parameter,
        "Resources" => SymbolKind::Resource,
        "Conditions" => SymbolKind::Condition,
        "Mappings" => SymbolKind::Mapping,
        "Outputs" => SymbolKind::Output,
        _ => return None,
    })
}

/// Sections with their declarations as children.
pub fn outline(snapshot: &Snapshot) -> Vec<OutlineSymbol> {
    let doc = &snapshot.document;
    let Some(root) = doc.root() else {
        return Vec::new();
    };
    let Some(entries) = doc.mapping(root) else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|section| {
            let children = match section_kind(&section.key.text) {
                Some(kind) => doc
                    .mapping(section.value)
                    .unwrap_or_default()
                    .iter()
                    .map(|e| OutlineSymbol {
                        name: e.key.text.clone(),
                        detail: detail(snapshot, kind, e.value),
                        category: category(kind),
                        span: entry_span(doc, e.key.span, e.value),
                        selection: e.key.span,
                        children: Vec::new(),
                    })
                    .collect(),
                None => Vec::new(),
            };
            let detail = if children.is_empty() {
                doc.str_value(section.value)
                    .map(|v| v.chars().take(60).collect())
            } else {
                Some(format!("{} entries", children.len()))
            };
            OutlineSymbol {
                name: section.key.text.clone(),
                detail,
                category: SymbolCategory::Section,
                span: entry_span(doc, section.key.span, section.value),
                selection: section.key.span,
                children,
            }
        })
        .collect()
}

fn detail(snapshot: &Snapshot, kind: SymbolKind, node: awsls_grammars::NodeId) -> Option<String> {
    let doc = &snapshot.document;
    match kind {
        SymbolKind::Resource | SymbolKind::Parameter => doc
            .get(node, "Type")
            .and_then(|t| doc.str_value(t))
            .map(str::to_string),
        SymbolKind::Output => doc
            .get(node, "Description")
            .and_then(|t| doc.str_value(t))
            .map(|d| d.chars().take(60).collect()),
        _ => None,
    }
}

/// A declaration for workspace symbol search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredSymbol {
    pub name: String,
    pub category: SymbolCategory,
    pub detail: Option<String>,
    /// The name's span.
    pub span: Span,
}

/// Every parameter, resource, condition, mapping and output of the template.
pub fn declarations(snapshot: &Snapshot) -> Vec<DeclaredSymbol> {
    let template = Template::of(snapshot);
    let mut out = Vec::new();
    for (kind, name, span) in navigation::declarations(template) {
        let node = match kind {
            SymbolKind::Resource => template.resource(name).map(|r| r.decl.node),
            SymbolKind::Parameter => template.parameter(name).map(|p| p.node),
            SymbolKind::Output => template.output(name).map(|o| o.node),
            _ => None,
        };
        out.push(DeclaredSymbol {
            name: name.to_string(),
            category: category(kind),
            detail: node.and_then(|n| detail(snapshot, kind, n)),
            span: navigation::unquoted(snapshot, span),
        });
    }
    out
}
