//! The server's shared state: the client handle, open documents, the
//! negotiated position encoding, settings and per-document diagnostics workers.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, RwLock};

use awsls_grammars::position::Encoding;
use dashmap::DashMap;
use tokio::sync::watch;
use tower_lsp_server::Client;

use crate::store::Store;

use super::settings::Settings;

pub struct ServerState {
    pub client: Client,
    pub store: Arc<Store>,
    encoding: AtomicU8,
    pub settings: RwLock<Settings>,
    /// One diagnostics worker per open document, woken with the latest version.
    pub workers: DashMap<String, watch::Sender<i32>>,
    pub shutting_down: AtomicBool,
}

impl ServerState {
    pub fn new(client: Client) -> Arc<ServerState> {
        Arc::new(ServerState {
            client,
            store: Arc::new(Store::new()),
            encoding: AtomicU8::new(0),
            settings: RwLock::new(Settings::default()),
            workers: DashMap::new(),
            shutting_down: AtomicBool::new(false),
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
