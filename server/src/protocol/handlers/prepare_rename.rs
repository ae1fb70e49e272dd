//! `textDocument/prepareRename`: the range and current text of the name a
//! rename would change, or an error saying why it cannot be renamed.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{PrepareRenameResponse, TextDocumentPositionParams};

use crate::analysis;
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::rename::request_failed;
use super::snapshot_request::with_snapshot;

pub async fn handle(
    state: &Arc<ServerState>,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let outcome = with_snapshot(
        state,
        "prepareRename",
        &params.text_document.uri,
        Some(params.position),
        |snapshot, offset, encoding| {
            Some(
                analysis::navigation::prepare_rename(snapshot, offset).map(|found| {
                    found.map(
                        |(span, placeholder)| PrepareRenameResponse::RangeWithPlaceholder {
                            range: convert::range(&snapshot.text, span, encoding),
                            placeholder,
                        },
                    )
                }),
            )
        },
    )
    .await?;
    match outcome {
        Some(Ok(response)) => Ok(response),
        Some(Err(message)) => Err(request_failed(message)),
        None => Ok(None),
    }
}
