//! `textDocument/codeAction`: quick fixes of the diagnostics in the range,
//! then refactorings (switch an intrinsic's form, extract a parameter).

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    WorkspaceEdit,
};

use crate::analysis::code_actions::{self, ActionKind};
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

fn kind(kind: ActionKind) -> CodeActionKind {
    match kind {
        ActionKind::QuickFix => CodeActionKind::QUICKFIX,
        ActionKind::RefactorRewrite => CodeActionKind::REFACTOR_REWRITE,
        ActionKind::RefactorExtract => CodeActionKind::REFACTOR_EXTRACT,
    }
}

pub async fn handle(
    state: &Arc<ServerState>,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri.clone();
    let range = params.range;
    let only = params.context.only.clone();
    let context = params.context.diagnostics;
    with_snapshot(
        state,
        "codeAction",
        &params.text_document.uri,
        None,
        move |snapshot, _, encoding| {
            let span = convert::span(&snapshot.text, range, encoding);
            let actions: CodeActionResponse = code_actions::code_actions(snapshot, span)
                .into_iter()
                .map(|action| (kind(action.kind), action))
                .filter(|(k, _)| {
                    only.as_ref()
                        .is_none_or(|only| only.iter().any(|o| k.as_str().starts_with(o.as_str())))
                })
                .map(|(k, action)| {
                    let diagnostics = action.finding.as_ref().map(|finding| {
                        let converted =
                            convert::diagnostic(&uri, &snapshot.text, finding, encoding);
                        // Prefer the client's own copy of the diagnostic, when it sent one.
                        let matching = context
                            .iter()
                            .find(|d| d.range == converted.range && d.code == converted.code)
                            .cloned();
                        vec![matching.unwrap_or(converted)]
                    });
                    let edits = action
                        .edits
                        .iter()
                        .map(|e| convert::text_edit(&snapshot.text, e, encoding))
                        .collect();
                    CodeActionOrCommand::CodeAction(CodeAction {
                        title: action.title,
                        kind: Some(k),
                        diagnostics,
                        edit: Some(WorkspaceEdit {
                            changes: Some(HashMap::from([(uri.clone(), edits)])),
                            ..Default::default()
                        }),
                        is_preferred: action.preferred.then_some(true),
                        ..Default::default()
                    })
                })
                .collect();
            Some(actions)
        },
    )
    .await
}
