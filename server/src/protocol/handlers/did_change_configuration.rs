//! `workspace/didChangeConfiguration`: merge the new settings, re-index the
//! notes when their folders changed, and re-analyse open documents.

use std::sync::Arc;

use tower_lsp_server::ls_types::{ConfigurationItem, DidChangeConfigurationParams};

use crate::protocol::state::ServerState;
use crate::protocol::{diagnostics, notes};

pub async fn handle(state: &Arc<ServerState>, params: DidChangeConfigurationParams) {
    let before = state.notes_dirs();
    if params.settings.is_object() && !params.settings.as_object().is_some_and(|o| o.is_empty()) {
        state.update_settings(|s| s.merge_json(&params.settings));
    } else if state.supports_configuration() {
        // Pull-style clients send an empty notification: ask for the values.
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
    diagnostics::schedule_all(state);
    if state.notes_dirs() != before {
        notes::reload(state).await;
        notes::register_watchers(state).await;
    }
}
