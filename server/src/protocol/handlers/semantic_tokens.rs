//! `textDocument/semanticTokens/full`: logical IDs, parameters, conditions,
//! mappings, outputs, intrinsic functions and pseudo parameters, with the
//! legend announced in the capabilities.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    SemanticTokensParams, SemanticTokensResult,
};

use crate::analysis::semantic_tokens::{self, TokenType, MODIFIERS};
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_snapshot;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TokenType::ALL
            .iter()
            .map(|t| SemanticTokenType::new(t.lsp_name()))
            .collect(),
        token_modifiers: MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

pub async fn handle(
    state: &Arc<ServerState>,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    with_snapshot(
        state,
        "semanticTokens",
        &params.text_document.uri,
        None,
        |snapshot, _, encoding| {
            let mut data = Vec::new();
            let (mut line, mut character) = (0u32, 0u32);
            for token in semantic_tokens::tokens(snapshot) {
                let start = convert::position(&snapshot.text, token.span.start, encoding);
                let end = convert::position(&snapshot.text, token.span.end, encoding);
                if end.line != start.line || end.character <= start.character {
                    continue;
                }
                let delta_line = start.line - line;
                let delta_start = if delta_line == 0 {
                    start.character - character
                } else {
                    start.character
                };
                data.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length: end.character - start.character,
                    token_type: token.token_type.index(),
                    token_modifiers_bitset: token.modifiers,
                });
                line = start.line;
                character = start.character;
            }
            Some(SemanticTokensResult::Tokens(SemanticTokens {
                result_id: None,
                data,
            }))
        },
    )
    .await
}
