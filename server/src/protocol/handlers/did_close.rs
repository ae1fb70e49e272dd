//! `textDocument/didClose`: forget the document and clear its diagnostics.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

use crate::protocol::diagnostics;
use crate::protocol::state::ServerState;

pub async fn handle(state: &Arc<ServerState>, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    if state.store.close(uri.as_str()) {
        diagnostics::stop(state, &uri).await;
    }
}
