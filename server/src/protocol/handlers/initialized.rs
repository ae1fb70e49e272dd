//! `initialized`: the client is ready; announce the server in its log.

use std::sync::Arc;

use tower_lsp_server::ls_types::MessageType;

use crate::protocol::state::ServerState;

pub async fn handle(state: &Arc<ServerState>) {
    state
        .client
        .log_message(
            MessageType::INFO,
            format!("awsls {} ready", env!("CARGO_PKG_VERSION")),
        )
        .await;
}
