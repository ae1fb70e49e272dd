//! `textDocument/foldingRange`: mappings, lists, entries and block scalars
//! that span several lines.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeParams};

use crate::analysis::outline;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

pub async fn handle(
    state: &Arc<ServerState>,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    with_snapshot(
        state,
        "foldingRange",
        &params.text_document.uri,
        None,
        |snapshot, _, _| {
            let rope = &snapshot.text;
            let len = rope.len_bytes();
            let mut ranges: Vec<FoldingRange> = Vec::new();
            for span in outline::folding_ranges(snapshot) {
                let start_line = rope.byte_to_line(span.start.min(len));
                // A span ending at the start of a line ends on the line before.
                let end = span.end.min(len);
                let mut end_line = rope.byte_to_line(end);
                if end_line > start_line && rope.line_to_byte(end_line) == end {
                    end_line -= 1;
                }
                if end_line <= start_line {
                    continue;
                }
                let (start_line, end_line) = (start_line as u32, end_line as u32);
                if ranges
                    .iter()
                    .any(|r| r.start_line == start_line && r.end_line == end_line)
                {
                    continue;
                }
                ranges.push(FoldingRange {
                    start_line,
                    end_line,
                    ..Default::default()
                });
            }
            Some(ranges)
        },
    )
    .await
}
