//! `workspace/didChangeWatchedFiles`: a note file changed on disk, so the
//! user notes are indexed again and the next hover shows the change.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeWatchedFilesParams;

use crate::protocol::notes;
use crate::protocol::state::ServerState;

pub async fn handle(state: &Arc<ServerState>, params: DidChangeWatchedFilesParams) {
    let dirs = state.notes_dirs();
    let touches_notes = params.changes.iter().any(|change| {
        change
            .uri
            .to_file_path()
            .is_some_and(|path| dirs.iter().any(|dir| path.starts_with(dir)))
    });
    if touches_notes {
        notes::reload(state).await;
    }
}
