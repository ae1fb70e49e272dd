//! The `LanguageServer` implementation: each method hands over to its handler.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::handlers;
use super::state::ServerState;

pub struct Backend {
    state: Arc<ServerState>,
}

impl Backend {
    /// `notes` are the notes folders given on the command line.
    pub fn new(client: Client, notes: Vec<std::path::PathBuf>) -> Backend {
        let state = ServerState::new(client);
        state.update_settings(|s| s.notes_paths.extend(notes));
        Backend { state }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        handlers::initialize::handle(&self.state, params)
    }

    async fn initialized(&self, _: InitializedParams) {
        handlers::initialized::handle(&self.state).await;
    }

    async fn shutdown(&self) -> Result<()> {
        handlers::shutdown::handle(&self.state);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        handlers::did_open::handle(&self.state, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        handlers::did_change::handle(&self.state, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        handlers::did_close::handle(&self.state, params).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        handlers::did_change_configuration::handle(&self.state, params).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        handlers::hover::handle(&self.state, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        handlers::completion::handle(&self.state, params).await
    }
}
