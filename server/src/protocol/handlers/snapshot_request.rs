//! Shared plumbing for requests that read a document snapshot at a position.

use std::sync::Arc;

use awsls_grammars::position::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Position, Uri};

use crate::analysis::Snapshot;
use crate::protocol::blocking;
use crate::protocol::convert;
use crate::protocol::state::ServerState;

/// Runs `work` on a snapshot of `uri` on the blocking pool, with the byte
/// offset of `position` (when given). Closed or unknown documents, and
/// documents of a disabled kind, answer `None`.
pub async fn with_snapshot<T, F>(
    state: &Arc<ServerState>,
    what: &'static str,
    uri: &Uri,
    position: Option<Position>,
    work: F,
) -> Result<Option<T>>
where
    F: FnOnce(&Snapshot, usize, Encoding) -> Option<T> + Send + 'static,
    T: Send + 'static,
{
    run(state, what, uri, position, false, work).await
}

/// Like [`with_snapshot`], for requests whose answer lies on the cursor's line
/// (hover, completion): when only other lines changed since the last parse,
/// that parse answers at once instead of waiting for a new one.
pub async fn with_line_snapshot<T, F>(
    state: &Arc<ServerState>,
    what: &'static str,
    uri: &Uri,
    position: Position,
    work: F,
) -> Result<Option<T>>
where
    F: FnOnce(&Snapshot, usize, Encoding) -> Option<T> + Send + 'static,
    T: Send + 'static,
{
    run(state, what, uri, Some(position), true, work).await
}

async fn run<T, F>(
    state: &Arc<ServerState>,
    what: &'static str,
    uri: &Uri,
    position: Option<Position>,
    line_local: bool,
    work: F,
) -> Result<Option<T>>
where
    F: FnOnce(&Snapshot, usize, Encoding) -> Option<T> + Send + 'static,
    T: Send + 'static,
{
    let store = state.store.clone();
    let key = uri.as_str().to_string();
    let encoding = state.encoding();
    let settings = state.settings();
    blocking::run(what, move || {
        let mut snapshot = match position {
            Some(p) if line_local => store.snapshot_for_line(&key, p.line as usize)?,
            _ => store.snapshot(&key)?,
        };
        snapshot.regions = Arc::from(settings.regions.clone());
        if !snapshot.kind.is_some_and(|k| settings.enabled(k)) {
            return None;
        }
        let offset = position
            .map(|p| convert::offset(&snapshot.text, p, encoding))
            .unwrap_or(0);
        work(&snapshot, offset, encoding)
    })
    .await
}
