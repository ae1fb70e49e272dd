//! `textDocument/didOpen`: store the text and analyse it.

use std::sync::Arc;

use awsls_grammars::Format;
use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

use crate::protocol::state::ServerState;
use crate::protocol::{convert, diagnostics};

pub fn handle(state: &Arc<ServerState>, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let name = convert::name_of(&doc.uri);
    let format = match doc.language_id.as_str() {
        "json" | "jsonc" => Some(Format::Json),
        "yaml" => Some(Format::Yaml),
        _ => None,
    };
    state
        .store
        .open(doc.uri.as_str(), &name, doc.version, &doc.text, format);
    diagnostics::schedule(state, &doc.uri, doc.version);
}
