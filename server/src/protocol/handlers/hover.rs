//! `textDocument/hover`: reference text for the thing under the cursor, then
//! what the notes say about it.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::analysis;
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

pub async fn handle(state: &Arc<ServerState>, params: HoverParams) -> Result<Option<Hover>> {
    let position = params.text_document_position_params;
    with_snapshot(
        state,
        "hover",
        &position.text_document.uri,
        Some(position.position),
        |snapshot, offset, encoding| {
            let info = analysis::hover::hover(snapshot, offset)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: info.markdown,
                }),
                range: Some(convert::range(&snapshot.text, info.span, encoding)),
            })
        },
    )
    .await
}
