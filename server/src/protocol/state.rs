//! The server's shared state: the client handle, open documents, the
//! negotiated position encoding, settings and per-document diagnostics workers.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, RwLock};

use awsls_docs_index::Library;

use awsls_grammars::position::Encoding;
use dashmap::DashMap;
use tokio::sync::watch;
use tower_lsp_server::Client;

use crate::store::Store;

use super::notes::{self, NotesGate};
use super::settings::Settings;
use super::transport::Lifecycle;

pub struct ServerState {
    pub client: Client,
    pub store: Arc<Store>,
    encoding: AtomicU8,
    pub settings: RwLock<Settings>,
    /// One diagnostics worker per open document, woken with the latest version.
    pub workers: DashMap<String, watch::Sender<i32>>,
    pub shutting_down: AtomicBool,
    /// Built-in and user notes for hover; the user notes are loaded after
    /// `initialized`.
    pub notes: Arc<RwLock<Option<Library>>>,
    /// Loads of user notes in progress, which hovers wait for.
    pub notes_gate: Arc<NotesGate>,
    /// Notes folders given on the command line (kept across settings changes).
    pub cli_notes: Vec<PathBuf>,
    /// The first workspace folder, against which relative notes paths resolve.
    pub root: RwLock<Option<PathBuf>>,
    /// Whether the client answers `workspace/configuration`.
    pub configuration_capable: AtomicBool,
    /// Whether the client shows `$/progress` (`window.workDoneProgress`).
    pub progress_capable: AtomicBool,
    /// The end of the session (told when the client process is gone).
    pub lifecycle: Arc<Lifecycle>,
}

impl ServerState {
    pub fn new(
        client: Client,
        cli_notes: Vec<PathBuf>,
        lifecycle: Arc<Lifecycle>,
    ) -> Arc<ServerState> {
        notes::prepare_builtin();
        Arc::new(ServerState {
            client,
            store: Arc::new(Store::new()),
            encoding: AtomicU8::new(0),
            settings: RwLock::new(Settings::default()),
            workers: DashMap::new(),
            shutting_down: AtomicBool::new(false),
            notes: Arc::new(RwLock::new(Some(notes::builtin_library()))),
            notes_gate: Arc::new(NotesGate::loading()),
            cli_notes,
            root: RwLock::new(None),
            configuration_capable: AtomicBool::new(false),
            progress_capable: AtomicBool::new(false),
            lifecycle,
        })
    }

    pub fn encoding(&self) -> Encoding {
        match self.encoding.load(Ordering::Relaxed) {
            1 => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn set_encoding(&self, encoding: Encoding) {
        let value = match encoding {
            Encoding::Utf8 => 1,
            Encoding::Utf16 => 0,
        };
        self.encoding.store(value, Ordering::Relaxed);
    }

    pub fn supports_progress(&self) -> bool {
        self.progress_capable.load(Ordering::Relaxed)
    }

    pub fn supports_configuration(&self) -> bool {
        self.configuration_capable.load(Ordering::Relaxed)
    }

    pub fn settings(&self) -> Settings {
        match self.settings.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn update_settings(&self, update: impl FnOnce(&mut Settings)) {
        match self.settings.write() {
            Ok(mut guard) => update(&mut guard),
            Err(poisoned) => update(&mut poisoned.into_inner()),
        }
    }
}

impl ServerState {
    /// The notes folders in force: command line first, then settings, with
    /// `~/` expanded and relative paths taken from the workspace root.
    pub fn notes_dirs(&self) -> Vec<PathBuf> {
        let root = match self.root.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let mut dirs: Vec<PathBuf> = Vec::new();
        for path in self
            .cli_notes
            .iter()
            .chain(self.settings().notes_paths.iter())
        {
            let text = path.to_string_lossy();
            let resolved = match (text.strip_prefix("~/"), &home) {
                (Some(rest), Some(home)) => home.join(rest),
                _ if path.is_relative() => match &root {
                    Some(root) => root.join(path),
                    None => path.clone(),
                },
                _ => path.clone(),
            };
            if !dirs.contains(&resolved) {
                dirs.push(resolved);
            }
        }
        dirs
    }
}
