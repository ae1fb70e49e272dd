//! `textDocument/documentSymbol`: the outline (template sections, then
//! logical IDs with their types).

use std::sync::Arc;

use awsls_grammars::position::Encoding;
use ropey::Rope;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind,
};

use crate::analysis::outline::{self, OutlineSymbol, SymbolCategory};
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

/// The LSP symbol kind shown for a category.
pub fn symbol_kind(category: SymbolCategory) -> SymbolKind {
    match category {
        SymbolCategory::Section => SymbolKind::NAMESPACE,
        SymbolCategory::Parameter => SymbolKind::VARIABLE,
        SymbolCategory::Resource => SymbolKind::CLASS,
        SymbolCategory::Condition => SymbolKind::BOOLEAN,
        SymbolCategory::Mapping => SymbolKind::OBJECT,
        SymbolCategory::Output => SymbolKind::PROPERTY,
        SymbolCategory::Key => SymbolKind::KEY,
    }
}

#[allow(deprecated)]
fn convert_symbol(rope: &Rope, symbol: OutlineSymbol, encoding: Encoding) -> DocumentSymbol {
    let range = convert::range(rope, symbol.span, encoding);
    let mut selection_range = convert::range(rope, symbol.selection, encoding);
    // The selection must lie inside the range.
    if selection_range.start < range.start || selection_range.end > range.end {
        selection_range = range;
    }
    DocumentSymbol {
        name: if symbol.name.is_empty() {
            "\"\"".to_string()
        } else {
            symbol.name
        },
        detail: symbol.detail,
        kind: symbol_kind(symbol.category),
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: Some(
            symbol
                .children
                .into_iter()
                .map(|c| convert_symbol(rope, c, encoding))
                .collect(),
        ),
    }
}

pub async fn handle(
    state: &Arc<ServerState>,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    with_snapshot(
        state,
        "documentSymbol",
        &params.text_document.uri,
        None,
        |snapshot, _, encoding| {
            let symbols = outline::document_symbols(snapshot)
                .into_iter()
                .map(|s| convert_symbol(&snapshot.text, s, encoding))
                .collect();
            Some(DocumentSymbolResponse::Nested(symbols))
        },
    )
    .await
}
