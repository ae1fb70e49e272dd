//! Open documents: their text, incremental parse state and version, handed
//! out as cheap immutable [`Snapshot`]s.
//!
//! Edits are applied synchronously by the caller (before any `.await`), so
//! notifications that run concurrently can never reorder them; versions that go
//! backwards are refused.

use std::sync::{Arc, Mutex};

use awsls_grammars::{Format, Source};
use dashmap::DashMap;

use crate::analysis::Snapshot;

/// One open document.
#[derive(Clone)]
struct OpenDocument {
    name: String,
    version: i32,
    source: Source,
    /// True when edits were applied to `source` since its last parse.
    dirty: bool,
    /// Held while the document is parsed, so that the diagnostics worker and
    /// requests asking for the same version share one parse instead of each
    /// parsing it (on two cores, that halves the latency of both).
    parsing: Arc<Mutex<()>>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    NotOpen,
    /// The change's version is not newer than the document's.
    StaleVersion {
        current: i32,
        received: i32,
    },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NotOpen => f.write_str("document is not open"),
            EditError::StaleVersion { current, received } => write!(
                f,
                "version {received} is not newer than the current version {current}"
            ),
        }
    }
}

#[derive(Default)]
pub struct Store {
    documents: DashMap<String, OpenDocument>,
}

impl Store {
    pub fn new() -> Store {
        Store::default()
    }

    /// Opens (or reopens) a document; `name` is the file name used for detection.
    pub fn open(&self, uri: &str, name: &str, version: i32, text: &str, format: Option<Format>) {
        let format = format.unwrap_or_else(|| awsls_grammars::detect_format(Some(name), text));
        let source = Source::new(text, format);
        self.documents.insert(
            uri.to_string(),
            OpenDocument {
                name: name.to_string(),
                version,
                source,
                dirty: false,
                parsing: Arc::new(Mutex::new(())),
            },
        );
    }

    /// Applies `apply` to the document's source under the document's lock and
    /// records the new version.
    pub fn edit(
        &self,
        uri: &str,
        version: i32,
        apply: impl FnOnce(&mut Source),
    ) -> Result<(), EditError> {
        let mut doc = self.documents.get_mut(uri).ok_or(EditError::NotOpen)?;
        if version <= doc.version {
            return Err(EditError::StaleVersion {
                current: doc.version,
                received: version,
            });
        }
        apply(&mut doc.source);
        doc.version = version;
        doc.dirty = true;
        Ok(())
    }

    pub fn close(&self, uri: &str) -> bool {
        self.documents.remove(uri).is_some()
    }

    pub fn version(&self, uri: &str) -> Option<i32> {
        self.documents.get(uri).map(|d| d.version)
    }

    pub fn is_open(&self, uri: &str) -> bool {
        self.documents.contains_key(uri)
    }

    pub fn uris(&self) -> Vec<String> {
        self.documents.iter().map(|d| d.key().clone()).collect()
    }

    /// A snapshot of the current text, parsed. Parsing (when edits are pending)
    /// happens outside the document lock, one parse at a time per document:
    /// a caller that finds a parse under way waits for it and uses its result
    /// when no edit arrived meanwhile. Call from a blocking thread: it may take
    /// a while on a large document.
    pub fn snapshot(&self, uri: &str) -> Option<Snapshot> {
        let parsing = {
            let doc = self.documents.get(uri)?;
            if !doc.dirty {
                return Some(to_snapshot(&doc));
            }
            Arc::clone(&doc.parsing)
        };
        let _parse = match parsing.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Another caller may have parsed this version while we waited.
        let mut doc = self.documents.get(uri)?.clone();
        if doc.dirty {
            doc.source.reparse();
            doc.dirty = false;
            if let Some(mut current) = self.documents.get_mut(uri) {
                if current.version == doc.version && current.dirty {
                    current.source = doc.source.clone();
                    current.dirty = false;
                }
            }
        }
        Some(to_snapshot(&doc))
    }
}

/// The snapshot of a parsed (not dirty) document.
fn to_snapshot(doc: &OpenDocument) -> Snapshot {
    Snapshot::new(
        doc.name.clone(),
        Some(doc.version),
        doc.source.text().clone(),
        doc.source.format(),
        doc.source.document(),
    )
}

/// Shared handle to the store.
pub type SharedStore = Arc<Store>;
