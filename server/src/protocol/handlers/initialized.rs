//! `initialized`: the client is ready. Fetch the `awsls` settings when the
//! client offers `workspace/configuration`, then index the notes and watch
//! their folders.

use std::sync::Arc;

use tower_lsp_server::ls_types::{ConfigurationItem, MessageType};

use crate::protocol::notes;
use crate::protocol::state::ServerState;

/// How long the settings are waited for.
const CONFIGURATION_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

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
        // A client that never answers must not hold the notes (and the
        // hovers waiting for them) back.
        let answer =
            tokio::time::timeout(CONFIGURATION_WAIT, state.client.configuration(items)).await;
        if let Ok(Ok(values)) = answer {
            for value in values.iter().filter(|v| v.is_object()) {
                state.update_settings(|s| s.merge_json(value));
            }
        }
    }
    notes::reload(state).await;
    // The load announced when the server started (hovers sent before this
    // point waited for it).
    state.notes_gate.finish();
    notes::register_watchers(state).await;
}
