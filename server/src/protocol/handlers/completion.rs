//! `textDocument/completion`: candidates with text edits that replace exactly
//! the word being typed.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, InsertTextFormat, MarkupContent, MarkupKind, TextEdit,
};

use crate::analysis::{self, CompletionKind};
use crate::protocol::convert;
use crate::protocol::state::ServerState;

use super::snapshot_request::with_line_snapshot;

fn item_kind(kind: CompletionKind) -> CompletionItemKind {
    match kind {
        CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        CompletionKind::Property => CompletionItemKind::PROPERTY,
        CompletionKind::Value => CompletionItemKind::VALUE,
        CompletionKind::Type => CompletionItemKind::CLASS,
        CompletionKind::Reference => CompletionItemKind::REFERENCE,
        CompletionKind::Function => CompletionItemKind::FUNCTION,
        CompletionKind::Snippet => CompletionItemKind::SNIPPET,
        CompletionKind::Module => CompletionItemKind::MODULE,
        CompletionKind::Event => CompletionItemKind::EVENT,
        CompletionKind::EnumMember => CompletionItemKind::ENUM_MEMBER,
    }
}

pub async fn handle(
    state: &Arc<ServerState>,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let position = params.text_document_position;
    with_line_snapshot(
        state,
        "completion",
        &position.text_document.uri,
        position.position,
        |snapshot, offset, encoding| {
            let entries = analysis::completion::complete(snapshot, offset);
            if entries.is_empty() {
                return None;
            }
            // Entries mostly replace the same word: its range is computed once.
            let mut last_range = None;
            let mut range_of = |span| match last_range {
                Some((last, range)) if last == span => range,
                _ => {
                    let range = convert::range(&snapshot.text, span, encoding);
                    last_range = Some((span, range));
                    range
                }
            };
            let items: Vec<CompletionItem> = entries
                .into_iter()
                .map(|entry| CompletionItem {
                    label: entry.label,
                    kind: Some(item_kind(entry.kind)),
                    detail: entry.detail,
                    documentation: entry.documentation.map(|value| {
                        Documentation::MarkupContent(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value,
                        })
                    }),
                    sort_text: entry.sort_text,
                    filter_text: entry.filter_text,
                    insert_text_format: Some(if entry.snippet {
                        InsertTextFormat::SNIPPET
                    } else {
                        InsertTextFormat::PLAIN_TEXT
                    }),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                        range: range_of(entry.replace),
                        new_text: entry.insert_text,
                    })),
                    ..Default::default()
                })
                .collect();
            // A list cut at the cap must be asked for again as the user types.
            let is_incomplete = items.len() >= analysis::cfn::completion::rank::MAX_ITEMS;
            Some(CompletionResponse::List(CompletionList {
                is_incomplete,
                items,
            }))
        },
    )
    .await
}
