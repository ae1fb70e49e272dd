//! The outline of a template: its sections, then the logical IDs in each
//! with their resource type (or parameter type) as detail; and the flat
//! list of declarations used for workspace symbols.

use awsls_grammars::{Entry, Span};

use crate::analysis::outline::{entry_span, OutlineSymbol, SymbolCategory};
use crate::analysis::Snapshot;

use super::for_each;
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
                Some(kind) => for_each::entries(doc, section.value)
                    .unwrap_or_default()
                    .iter()
                    .map(|e| entry_symbol(snapshot, kind, e, 0))
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

/// A declaration; a loop with the output keys of its body as children, each
/// saying which names it produces.
fn entry_symbol(snapshot: &Snapshot, kind: SymbolKind, e: &Entry, depth: usize) -> OutlineSymbol {
    let doc = &snapshot.document;
    let mut symbol = OutlineSymbol {
        name: e.key.text.clone(),
        detail: detail(snapshot, kind, e.value),
        category: category(kind),
        span: entry_span(doc, e.key.span, e.value),
        selection: e.key.span,
        children: Vec::new(),
    };
    if !e.key.text.starts_with(for_each::PREFIX) || depth > for_each::MAX_DEPTH {
        return symbol;
    }
    let template = snapshot.template();
    if let Some(l) = template.loops().find(|l| l.key_span == e.key.span) {
        if let Some((id, _)) = &l.identifier {
            let values = l.values.as_ref().map_or_else(
                || "unknown values".to_string(),
                |v| {
                    let mut shown = v.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
                    if v.len() > 10 {
                        shown.push_str(&format!(", … ({} in all)", v.len()));
                    }
                    shown
                },
            );
            symbol.detail = Some(format!("{id} in {values}"));
        }
    }
    let body = doc
        .sequence(e.value)
        .and_then(|items| items.get(2).copied());
    let entries = body
        .and_then(|b| for_each::entries(doc, b))
        .unwrap_or_default();
    symbol.children = entries
        .iter()
        .map(|inner| {
            let mut child = entry_symbol(snapshot, kind, inner, depth + 1);
            if !inner.key.text.starts_with(for_each::PREFIX) {
                let produced: Vec<&str> = [
                    &template.resource_loops,
                    &template.output_loops,
                    &template.condition_loops,
                ]
                .iter()
                .flat_map(|ls| ls.expanded.iter())
                .filter(|x| x.name_span == inner.key.span)
                .map(|x| x.name.as_str())
                .collect();
                let mut text = produced
                    .iter()
                    .take(10)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ");
                if produced.len() > 10 {
                    text.push_str(&format!(", … ({} in all)", produced.len()));
                }
                child.detail = Some(match child.detail {
                    Some(d) => format!("{d} → {text}"),
                    None => format!("→ {text}"),
                });
            }
            child
        })
        .collect();
    symbol
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

#[cfg(test)]
mod tests {
    use crate::analysis::Snapshot;

    #[test]
    fn the_outline_shows_loops_and_what_they_produce() {
        for name in ["loops.yaml", "loops.json"] {
            let text = match name {
                "loops.yaml" => {
                    include_str!("../../../../tests/fixtures/cfn/language-extensions/loops.yaml")
                }
                _ => include_str!("../../../../tests/fixtures/cfn/language-extensions/loops.json"),
            };
            let snapshot = Snapshot::from_text(name, text);
            let outline = super::outline(&snapshot);
            let resources = outline
                .iter()
                .find(|s| s.name == "Resources")
                .expect("Resources");
            let topics = resources
                .children
                .iter()
                .find(|s| s.name == "Fn::ForEach::Topics")
                .expect("the loop");
            assert_eq!(topics.detail.as_deref(), Some("Name in Orders, Invoices"));
            let body = topics.children.first().expect("the body");
            assert_eq!(body.name, "Topic${Name}");
            assert_eq!(
                body.detail.as_deref(),
                Some("AWS::SNS::Topik → TopicOrders, TopicInvoices")
            );
        }
    }
}
