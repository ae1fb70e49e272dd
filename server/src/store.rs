//! Open documents: their text, incremental parse state and version, handed
//! out as cheap immutable [`Snapshot`]s.
//!
//! Edits are applied synchronously by the caller (before any `.await`), so
//! notifications that run concurrently can never reorder them; versions that go
//! backwards are refused.

use std::sync::Arc;

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
    /// happens outside the document lock; the result is kept when no newer
    /// edit arrived meanwhile. Call from a blocking thread: it may take a while
    /// on a large document.
    pub fn snapshot(&self, uri: &str) -> Option<Snapshot> {
        let doc = self.documents.get(uri)?.clone();
        let OpenDocument {
            name,
            version,
            mut source,
            dirty,
        } = doc;
        if dirty {
            source.reparse();
            if let Some(mut current) = self.documents.get_mut(uri) {
                if current.version == version && current.dirty {
                    current.source = source.clone();
                    current.dirty = false;
                }
            }
        }
        Some(Snapshot::new(
            name,
            Some(version),
            source.text().clone(),
            source.format(),
            source.document(),
        ))
    }
}

/// Shared handle to the store.
pub type SharedStore = Arc<Store>;
