//! `shutdown`: stop diagnostics workers; in-flight requests finish or are dropped.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::protocol::state::ServerState;

pub fn handle(state: &Arc<ServerState>) {
    state.shutting_down.store(true, Ordering::Relaxed);
    state.workers.clear();
}
