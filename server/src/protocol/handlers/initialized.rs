//! `initialized`: the client is ready. Fetch the `awsls` settings when the
//! client offers `workspace/configuration`, then index the notes and watch
//! their folders.

use std::sync::Arc;

use tower_lsp_server::ls_types::{ConfigurationItem, MessageType};

use crate::protocol::notes;
use crate::protocol::state::ServerState;

pub async fn handle(state: &Arc<ServerState>) {
    state
        .client
        .log_message(
            MessageType::INFO,
            format!("awsls {} ready", env!("CARGO_PKG_VERSION")),
        )
        .await;
    if state.supports_configuration() {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("awsls".to_string()),
        }];
        if let Ok(values) = state.client.configuration(items).await {
            for value in values.iter().filter(|v| v.is_object()) {
                state.update_settings(|s| s.merge_json(value));
            }
        }
    }
    notes::reload(state).await;
    notes::register_watchers(state).await;
}
