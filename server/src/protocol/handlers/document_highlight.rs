//! `textDocument/documentHighlight`: the name under the cursor wherever it
//! occurs in the document, its declaration marked as a write.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams,
};

use crate::analysis;
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

pub async fn handle(
    state: &Arc<ServerState>,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let position = params.text_document_position_params;
    with_snapshot(
        state,
        "documentHighlight",
        &position.text_document.uri,
        Some(position.position),
        |snapshot, offset, encoding| {
            let found = analysis::navigation::highlights(snapshot, offset);
            if found.is_empty() {
                return None;
            }
            Some(
                found
                    .into_iter()
                    .map(|(span, declaration)| DocumentHighlight {
                        range: convert::range(&snapshot.text, span, encoding),
                        kind: Some(if declaration {
                            DocumentHighlightKind::WRITE
                        } else {
                            DocumentHighlightKind::READ
                        }),
                    })
                    .collect(),
            )
        },
    )
    .await
}
