//! `initialize`: negotiates the position encoding, reads initialization
//! options and starts watching the client process.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{InitializeParams, InitializeResult, ServerInfo};

use crate::protocol::state::ServerState;
use crate::protocol::{capabilities, parent};

pub fn handle(state: &Arc<ServerState>, params: InitializeParams) -> Result<InitializeResult> {
    if let Some(pid) = params.process_id {
        parent::watch(pid, state.lifecycle.clone());
    }
    let encoding = capabilities::negotiate_encoding(&params.capabilities);
    state.set_encoding(encoding);
    let configuration = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.configuration)
        .unwrap_or(false);
    state
        .configuration_capable
        .store(configuration, std::sync::atomic::Ordering::Relaxed);
    let progress = params
        .capabilities
        .window
        .as_ref()
        .and_then(|w| w.work_done_progress)
        .unwrap_or(false);
    state
        .progress_capable
        .store(progress, std::sync::atomic::Ordering::Relaxed);
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| folder.uri.to_file_path().map(|p| p.into_owned()));
    #[allow(deprecated)]
    let root = root.or_else(|| {
        params
            .root_uri
            .as_ref()
            .and_then(|uri| uri.to_file_path().map(|p| p.into_owned()))
    });
    if let Ok(mut slot) = state.root.write() {
        *slot = root;
    }
    if let Some(options) = &params.initialization_options {
        state.update_settings(|s| s.merge_json(options));
    }
    Ok(InitializeResult {
        capabilities: capabilities::server_capabilities(
            encoding,
            capabilities::shows_inlay_hints(&params.capabilities),
        ),
        server_info: Some(ServerInfo {
            name: "awsls".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    })
}
