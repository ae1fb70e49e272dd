//! `workspace/didChangeConfiguration`: merge the new settings and re-analyse.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeConfigurationParams;

use crate::protocol::diagnostics;
use crate::protocol::state::ServerState;

pub async fn handle(state: &Arc<ServerState>, params: DidChangeConfigurationParams) {
    state.update_settings(|s| s.merge_json(&params.settings));
    diagnostics::schedule_all(state);
}
