//! `textDocument/definition`: the declaration of the parameter, resource,
//! condition or mapping named under the cursor.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

use crate::analysis;
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

pub async fn handle(
    state: &Arc<ServerState>,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let position = params.text_document_position_params;
    let uri = position.text_document.uri.clone();
    with_snapshot(
        state,
        "definition",
        &position.text_document.uri,
        Some(position.position),
        move |snapshot, offset, encoding| {
            let span = analysis::navigation::definition(snapshot, offset)?;
            Some(GotoDefinitionResponse::Scalar(Location {
                uri,
                range: convert::range(&snapshot.text, span, encoding),
            }))
        },
    )
    .await
}
