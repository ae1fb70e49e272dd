//! `textDocument/didChange`: apply the edits in order, synchronously (before
//! any await, so concurrent notifications cannot reorder them), then wake the
//! document's diagnostics worker.

use std::sync::Arc;

use awsls_grammars::Source;
use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

use crate::protocol::state::ServerState;
use crate::protocol::{convert, diagnostics};

pub fn handle(state: &Arc<ServerState>, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let encoding = state.encoding();
    let changes = params.content_changes;
    let result = state
        .store
        .edit(uri.as_str(), version, |source: &mut Source| {
            for change in &changes {
                match change.range {
                    Some(range) => {
                        let span = convert::span(source.text(), range, encoding);
                        source.edit(span, &change.text);
                    }
                    None => {
                        let format = source.format();
                        *source = Source::new(&change.text, format);
                    }
                }
            }
        });
    match result {
        Ok(()) => diagnostics::schedule(state, &uri, version),
        Err(error) => eprintln!("awsls: ignored didChange for {}: {error}", uri.as_str()),
    }
}
