//! Notes for hover: the built-in index (built at start-up, before any hover
//! can need it), loading the user notes (with `$/progress`), reloading them
//! when note files change, and rendering the notes part of a hover, which
//! waits a bounded time for user notes still being indexed.

use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use std::path::PathBuf;

use awsls_docs_index::{render_markdown, Library, NotesIndex, Topic, BUILTIN_NOTES};
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, MessageType,
    ProgressToken, Registration, WatchKind,
};

use super::state::ServerState;

/// How many note sections a hover shows at most.
pub const HOVER_SECTIONS: usize = 3;

/// How long a hover waits for the user's notes while they are indexed.
pub const USER_NOTES_WAIT: Duration = Duration::from_millis(200);

static BUILTIN: OnceLock<NotesIndex> = OnceLock::new();

/// The index of the built-in notes, its sections linking to copies of the
/// files in the cache folder (when there is one). The first call builds it;
/// calls made meanwhile wait for it.
pub fn builtin_notes() -> &'static NotesIndex {
    BUILTIN.get_or_init(|| NotesIndex::build_builtin_at(materialize_builtin().as_deref()))
}

/// Starts building the built-in index on a thread of its own, so that it is
/// ready (or nearly) when the first hover asks.
pub fn prepare_builtin() {
    let spawned = std::thread::Builder::new()
        .name("awsls-notes".into())
        .spawn(|| {
            builtin_notes();
        });
    if spawned.is_err() {
        // The first hover builds it instead.
    }
}

/// A library with the built-in notes and no user notes yet.
pub fn builtin_library() -> Library {
    Library::with_builtin(Some(builtin_notes), &[]).0
}

/// Counts the loads of user notes in progress, so a hover can wait for them.
#[derive(Default)]
pub struct NotesGate {
    loading: Mutex<u32>,
    changed: Condvar,
}

impl NotesGate {
    /// A gate with one load announced (the first, made after `initialized`).
    pub fn loading() -> NotesGate {
        NotesGate {
            loading: Mutex::new(1),
            changed: Condvar::new(),
        }
    }

    pub fn begin(&self) {
        *self.lock() += 1;
    }

    pub fn finish(&self) {
        let mut loading = self.lock();
        *loading = loading.saturating_sub(1);
        self.changed.notify_all();
    }

    /// Waits until no load is in progress, at most `limit`.
    pub fn wait(&self, limit: Duration) {
        let deadline = Instant::now() + limit;
        let mut loading = self.lock();
        while *loading > 0 {
            let now = Instant::now();
            if now >= deadline {
                return;
            }
            loading = match self.changed.wait_timeout(loading, deadline - now) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, u32> {
        self.loading
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The "From your notes" Markdown for `topic`, or `None` when no note is
/// relevant. Waits (at most [`USER_NOTES_WAIT`]) for user notes being indexed.
pub fn render_for(
    notes: &std::sync::RwLock<Option<Library>>,
    gate: &NotesGate,
    topic: &Topic,
) -> Option<String> {
    gate.wait(USER_NOTES_WAIT);
    let guard = notes.read().ok()?;
    let library = guard.as_ref()?;
    let hits = library.lookup(topic, HOVER_SECTIONS);
    if hits.is_empty() {
        return None;
    }
    Some(render_markdown(&hits, HOVER_SECTIONS))
}

/// (Re)builds the notes library from the folders in force, reporting progress
/// to the client and unreadable files as warnings. The work runs on the
/// blocking pool; hovers wait for it a bounded time, then use the previous
/// library.
pub async fn reload(state: &Arc<ServerState>) {
    state.notes_gate.begin();
    reload_now(state).await;
    state.notes_gate.finish();
}

async fn reload_now(state: &Arc<ServerState>) {
    let dirs = state.notes_dirs();
    let progress = if dirs.is_empty() || !state.supports_progress() {
        None
    } else {
        let token = ProgressToken::String(format!("awsls-notes-{}", std::process::id()));
        // A client that never answers must not hold the notes back.
        let created = tokio::time::timeout(
            std::time::Duration::from_secs(2),
            state.client.create_work_done_progress(token.clone()),
        )
        .await;
        created.ok().and_then(Result::ok).map(|_| {
            state
                .client
                .progress(token, "Indexing notes")
                .with_message(format!("{} folder(s)", dirs.len()))
        })
    };
    let started = match progress {
        Some(progress) => Some(progress.begin().await),
        None => None,
    };
    let notes = state.notes.clone();
    let loaded = tokio::task::spawn_blocking(move || {
        let (library, errors) = Library::with_builtin(Some(builtin_notes), &dirs);
        let sections = library.user_notes().sections().len();
        if let Ok(mut slot) = notes.write() {
            *slot = Some(library);
        }
        (sections, errors)
    })
    .await;
    let message = match &loaded {
        Ok((sections, errors)) => {
            for error in errors {
                state
                    .client
                    .log_message(MessageType::WARNING, format!("awsls notes: {error}"))
                    .await;
            }
            if !errors.is_empty() {
                state
                    .client
                    .show_message(
                        MessageType::WARNING,
                        format!(
                            "awsls: {} note file(s) could not be read; see the log",
                            errors.len()
                        ),
                    )
                    .await;
            }
            format!("{sections} sections from your notes")
        }
        Err(error) => format!("notes could not be indexed: {error}"),
    };
    if let Some(progress) = started {
        progress.finish_with_message(message).await;
    }
}

/// Writes the built-in notes to a cache folder (once per version) so hovers
/// can link to them; `None` when there is no writable cache folder.
fn materialize_builtin() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    let dir = base
        .join("awsls")
        .join(format!("notes-{}", env!("CARGO_PKG_VERSION")));
    std::fs::create_dir_all(&dir).ok()?;
    for (name, text) in BUILTIN_NOTES {
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() != Some(*text) {
            std::fs::write(&path, text).ok()?;
        }
    }
    Some(dir)
}

/// Asks the client to tell us about changes to note files, when it supports
/// dynamic registration of file watchers.
pub async fn register_watchers(state: &Arc<ServerState>) {
    let dirs = state.notes_dirs();
    if dirs.is_empty() {
        return;
    }
    let watchers = dirs
        .iter()
        .map(|dir| FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!(
                "{}/**/*.{{md,markdown,txt}}",
                dir.to_string_lossy().trim_end_matches('/')
            )),
            kind: Some(WatchKind::all()),
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: "awsls-notes-watcher".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    let _ = state
        .client
        .unregister_capability(vec![tower_lsp_server::ls_types::Unregistration {
            id: "awsls-notes-watcher".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
        }])
        .await;
    if let Err(error) = state.client.register_capability(vec![registration]).await {
        state
            .client
            .log_message(
                MessageType::INFO,
                format!("awsls: the client did not accept note file watchers ({error})"),
            )
            .await;
    }
}
