//! What the server tells the client it can do, and the position encoding it picks.

use awsls_grammars::position::Encoding;
use tower_lsp_server::ls_types::{
    ClientCapabilities, CompletionOptions, HoverProviderCapability, PositionEncodingKind,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
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

pub fn server_capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
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
        ..Default::default()
    }
}
