//! What the server tells the client it can do, and the position encoding it picks.

use awsls_grammars::position::Encoding;
use tower_lsp_server::ls_types::{
    ClientCapabilities, CompletionOptions, HoverProviderCapability, PositionEncodingKind,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CodeLensOptions,
    FoldingRangeProviderCapability, OneOf, RenameOptions, SelectionRangeProviderCapability,
    SemanticTokensFullOptions, SemanticTokensOptions, SemanticTokensServerCapabilities,
};

/// UTF-8 when the client offers it (it saves conversions), UTF-16 otherwise.
pub fn negotiate_encoding(client: &ClientCapabilities) -> Encoding {
    let offered = client
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// Whether the client shows inlay hints; when it does not, the hints are
/// offered as code lenses.
pub fn shows_inlay_hints(client: &ClientCapabilities) -> bool {
    client
        .text_document
        .as_ref()
        .is_some_and(|t| t.inlay_hint.is_some())
}

pub fn server_capabilities(encoding: Encoding, inlay_hints: bool) -> ServerCapabilities {
    ServerCapabilities {
        inlay_hint_provider: inlay_hints.then_some(OneOf::Left(true)),
        code_lens_provider: (!inlay_hints).then_some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                [":", " ", "!", "\"", ".", "{", "$"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
            resolve_provider: Some(false),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: super::handlers::semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                work_done_progress_options: Default::default(),
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
                CodeActionKind::REFACTOR_EXTRACT,
            ]),
            ..Default::default()
        })),
        ..Default::default()
    }
}
