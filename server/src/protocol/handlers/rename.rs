//! `textDocument/rename`: renames a parameter, resource, condition, mapping
//! or output and every use of it, including `${…}` inside `Fn::Sub`
//! strings; invalid or clashing names are refused with a clear error.

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{RenameParams, WorkspaceEdit};

use crate::analysis;
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

/// LSP's `RequestFailed`: the request was valid but could not be carried out.
pub fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}

pub async fn handle(
    state: &Arc<ServerState>,
    params: RenameParams,
) -> Result<Option<WorkspaceEdit>> {
    let position = params.text_document_position;
    let uri = position.text_document.uri.clone();
    let new_name = params.new_name;
    let outcome = with_snapshot(
        state,
        "rename",
        &position.text_document.uri,
        Some(position.position),
        move |snapshot, offset, encoding| {
            Some(
                analysis::navigation::rename(snapshot, offset, &new_name).map(|edits| {
                    let edits = edits
                        .iter()
                        .map(|e| convert::text_edit(&snapshot.text, e, encoding))
                        .collect();
                    WorkspaceEdit {
                        changes: Some(HashMap::from([(uri, edits)])),
                        ..Default::default()
                    }
                }),
            )
        },
    )
    .await?;
    match outcome {
        Some(Ok(edit)) => Ok(Some(edit)),
        Some(Err(message)) => Err(request_failed(message)),
        None => Ok(None),
    }
}
