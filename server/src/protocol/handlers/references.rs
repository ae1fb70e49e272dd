//! `textDocument/references`: every place the name under the cursor is
//! written (`Ref`, `Fn::GetAtt`, `${…}`, `DependsOn`, conditions, maps).

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, ReferenceParams};

use crate::analysis;
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

pub async fn handle(
    state: &Arc<ServerState>,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let position = params.text_document_position;
    let uri = position.text_document.uri.clone();
    let include = params.context.include_declaration;
    with_snapshot(
        state,
        "references",
        &position.text_document.uri,
        Some(position.position),
        move |snapshot, offset, encoding| {
            let spans = analysis::navigation::references(snapshot, offset, include);
            if spans.is_empty() {
                return None;
            }
            Some(
                spans
                    .into_iter()
                    .map(|span| Location {
                        uri: uri.clone(),
                        range: convert::range(&snapshot.text, span, encoding),
                    })
                    .collect(),
            )
        },
    )
    .await
}
