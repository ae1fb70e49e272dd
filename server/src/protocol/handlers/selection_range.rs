//! `textDocument/selectionRange`: expand the selection from the word under
//! the cursor to its entry, the enclosing mapping, and so on.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{SelectionRange, SelectionRangeParams};

use crate::analysis::outline;
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

pub async fn handle(
    state: &Arc<ServerState>,
    params: SelectionRangeParams,
) -> Result<Option<Vec<SelectionRange>>> {
    let positions = params.positions;
    with_snapshot(
        state,
        "selectionRange",
        &params.text_document.uri,
        None,
        move |snapshot, _, encoding| {
            let ranges = positions
                .iter()
                .map(|position| {
                    let offset = convert::offset(&snapshot.text, *position, encoding);
                    let spans = outline::selection_ranges(snapshot, offset);
                    let mut current: Option<SelectionRange> = None;
                    for span in spans.iter().rev() {
                        current = Some(SelectionRange {
                            range: convert::range(&snapshot.text, *span, encoding),
                            parent: current.map(Box::new),
                        });
                    }
                    current.unwrap_or(SelectionRange {
                        range: convert::range(
                            &snapshot.text,
                            awsls_grammars::Span::new(offset, offset),
                            encoding,
                        ),
                        parent: None,
                    })
                })
                .collect();
            Some(ranges)
        },
    )
    .await
}
