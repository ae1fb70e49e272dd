//! `textDocument/hover`: reference text for the thing under the cursor, then
//! what the notes say about it.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::analysis;
use crate::protocol::state::ServerState;
use crate::protocol::{convert, notes};

use super::snapshot_request::with_line_snapshot;

pub async fn handle(state: &Arc<ServerState>, params: HoverParams) -> Result<Option<Hover>> {
    let position = params.text_document_position_params;
    let library = state.notes.clone();
    let gate = state.notes_gate.clone();
    with_line_snapshot(
        state,
        "hover",
        &position.text_document.uri,
        position.position,
        move |snapshot, offset, encoding| {
            let info = analysis::hover::hover(snapshot, offset)?;
            let mut value = info.markdown;
            if let Some(from_notes) = info
                .topic
                .as_ref()
                .and_then(|topic| notes::render_for(&library, &gate, topic))
            {
                value.push_str("\n\n---\n\n");
                value.push_str(&from_notes);
            }
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                }),
                range: Some(convert::range(&snapshot.text, info.span, encoding)),
            })
        },
    )
    .await
}
