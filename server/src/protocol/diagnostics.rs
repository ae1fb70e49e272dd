//! Publishing diagnostics: one worker per open document analyses the latest
//! version and publishes it, coalescing edits that arrive while it works and
//! never publishing for a stale version. A worker woken for a version it has
//! already analysed (because its snapshot had caught up) does nothing.

use std::sync::{Arc, Mutex};

use tokio::sync::watch;
use tower_lsp_server::ls_types::Uri;

use crate::analysis::{self, pause};

use super::blocking;
use super::convert;
use super::state::ServerState;

/// Wakes (or starts) the document's worker for `version`.
pub fn schedule(state: &Arc<ServerState>, uri: &Uri, version: i32) {
    let key = uri.as_str().to_string();
    if let Some(sender) = state.workers.get(&key) {
        sender.send_replace(version);
        return;
    }
    let (sender, receiver) = watch::channel(version);
    state.workers.insert(key, sender);
    tokio::spawn(run_worker(state.clone(), uri.clone(), receiver));
}

/// Stops the document's worker and clears its diagnostics.
pub async fn stop(state: &Arc<ServerState>, uri: &Uri) {
    state.workers.remove(uri.as_str());
    state
        .client
        .publish_diagnostics(uri.clone(), Vec::new(), None)
        .await;
}

/// Re-analyses every open document (after a settings change).
pub fn schedule_all(state: &Arc<ServerState>) {
    for key in state.store.uris() {
        if let (Ok(uri), Some(version)) = (key.parse::<Uri>(), state.store.version(&key)) {
            schedule(state, &uri, version);
        }
    }
}

/// Documents from this size on (about 1,000 resources) are validated in
/// milliseconds rather than microseconds.
const LARGE_DOCUMENT: usize = 256 * 1024;

/// How long the validation of a large document stays paused after the
/// server answered a request.
const AFTER_ANSWER: std::time::Duration = std::time::Duration::from_millis(1);

async fn run_worker(state: Arc<ServerState>, uri: Uri, mut receiver: watch::Receiver<i32>) {
    let key = uri.as_str().to_string();
    // What one analysis of this document lends the next (findings of the
    // resources an edit did not touch).
    let reuse = Arc::new(Mutex::new(analysis::Reuse::default()));
    receiver.mark_changed();
    while receiver.changed().await.is_ok() {
        receiver.borrow_and_update();
        let store = state.store.clone();
        let settings = state.settings();
        let settings_used = format!("{settings:?}");
        let encoding = state.encoding();
        let worker_key = key.clone();
        let worker_uri = uri.clone();
        let latest = receiver.clone();
        let reuse = Arc::clone(&reuse);
        let result = blocking::run_in_background("diagnostics", move || {
            // A request sent with the edit (completion as one types) reads
            // the last parse first: splicing the edit in would hold the
            // document's lock for up to a millisecond on a large template.
            pause::point();
            // The newest text, which may be newer than the version this
            // wake-up was for: analysing it now serves the edit already waiting.
            let mut snapshot = store.snapshot(&worker_key)?;
            snapshot.regions = std::sync::Arc::from(settings.regions.clone());
            let version = snapshot.version?;
            // Validating a large template takes milliseconds of a core: it
            // leaves the client a moment to read each answer first.
            if snapshot.text.len_bytes() >= LARGE_DOCUMENT {
                pause::grace_after_answers(AFTER_ANSWER);
            }
            // An edit arriving meanwhile makes these findings useless: stop
            // (the loop then analyses the newer text).
            pause::supersede_when(move || *latest.borrow() > version);
            let enabled = snapshot.kind.is_some_and(|k| settings.enabled(k));
            let findings = if enabled {
                // A superseded analysis leaves the lock poisoned, and what it
                // kept complete: each resource's findings are stored whole.
                let mut reuse = reuse
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                // Kept with the parse for code-action requests.
                snapshot
                    .remember_findings(analysis::diagnostics_reusing(&snapshot, Some(&mut reuse)))
            } else {
                std::sync::Arc::new(Vec::new())
            };
            let diagnostics: Vec<_> = findings
                .iter()
                .map(|f| convert::diagnostic(&worker_uri, &snapshot.text, f, encoding))
                .collect();
            Some((version, diagnostics))
        })
        .await;
        let (version, diagnostics) = match result {
            Ok(Some(Some(found))) => found,
            // Nothing to analyse, or superseded by a newer edit.
            Ok(_) => continue,
            Err(error) => {
                state
                    .client
                    .log_message(
                        tower_lsp_server::ls_types::MessageType::ERROR,
                        error.message.to_string(),
                    )
                    .await;
                continue;
            }
        };
        // Wake-ups for versions this analysis already covered (with the same
        // settings) need no second analysis. Reading the newest version and
        // marking it seen is one step, so an edit arriving meanwhile always
        // leaves the channel changed.
        let newest = *receiver.borrow_and_update();
        if newest > version || format!("{:?}", state.settings()) != settings_used {
            receiver.mark_changed();
        }
        // Publish only when no newer edit arrived while analysing.
        if state.store.version(&key) != Some(version) {
            continue;
        }
        state
            .client
            .publish_diagnostics(uri.clone(), diagnostics, Some(version))
            .await;
    }
}
