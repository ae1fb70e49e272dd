//! `textDocument/inlayHint` and, for clients without inlay hints,
//! `textDocument/codeLens`: "only when IsProd" after each resource and
//! output with a `Condition`.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeLens, CodeLensParams, Command, InlayHint, InlayHintKind, InlayHintLabel, InlayHintParams,
    InlayHintTooltip, Range,
};

use crate::analysis::cfn::conditions::{hints, ConditionHint};
use crate::analysis::{DocKind, Snapshot};
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

fn template_hints(snapshot: &Snapshot) -> Vec<ConditionHint> {
    match snapshot.kind {
        Some(DocKind::CloudFormation | DocKind::Sam) => hints(snapshot),
        _ => Vec::new(),
    }
}

pub async fn inlay_hints(
    state: &Arc<ServerState>,
    params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    let range = params.range;
    with_snapshot(
        state,
        "inlayHint",
        &params.text_document.uri,
        None,
        move |snapshot, _, enc| {
            let rope = &snapshot.text;
            let out = template_hints(snapshot)
                .into_iter()
                .map(|h| (convert::position(rope, h.offset, enc), h))
                .filter(|(p, _)| range.start <= *p && *p <= range.end)
                .map(|(position, h)| InlayHint {
                    position,
                    label: InlayHintLabel::String(h.label),
                    kind: Some(InlayHintKind::PARAMETER),
                    text_edits: None,
                    tooltip: Some(InlayHintTooltip::String(h.tooltip)),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect();
            Some(out)
        },
    )
    .await
}

pub async fn code_lenses(
    state: &Arc<ServerState>,
    params: CodeLensParams,
) -> Result<Option<Vec<CodeLens>>> {
    with_snapshot(
        state,
        "codeLens",
        &params.text_document.uri,
        None,
        |snapshot, _, enc| {
            let rope = &snapshot.text;
            let out = template_hints(snapshot)
                .into_iter()
                .map(|h| {
                    let at = convert::position(rope, h.name_start, enc);
                    CodeLens {
                        range: Range::new(at, at),
                        // A lens without a command to run: the client shows its title.
                        command: Some(Command {
                            title: h.label,
                            command: String::new(),
                            arguments: None,
                        }),
                        data: None,
                    }
                })
                .collect();
            Some(out)
        },
    )
    .await
}
