//! Open documents: their text, incremental parse state and version, handed
//! out as cheap immutable [`Snapshot`]s.
//!
//! Edits are applied synchronously by the caller (before any `.await`), so
//! notifications that run concurrently can never reorder them; versions that go
//! backwards are refused.

use std::sync::{Arc, Mutex};

use awsls_grammars::{Format, Source};
use dashmap::DashMap;

use crate::analysis::snapshot::Derived;
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
    /// The version the source's document was parsed at.
    parsed_version: i32,
    /// What analyses derived from the source's document; replaced whenever
    /// the document is.
    derived: Arc<Derived>,
}

impl OpenDocument {
    /// Records that the source now describes the current version, with what
    /// `derived` holds for it.
    fn parsed(&mut self, derived: Arc<Derived>) {
        self.dirty = false;
        self.parsed_version = self.version;
        self.derived = derived;
    }
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
                parsed_version: version,
                derived: Arc::default(),
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
        let parsed = doc.source.document();
        apply(&mut doc.source);
        if !Arc::ptr_eq(&parsed, &doc.source.document()) {
            // A whole-text change parsed the new text.
            doc.derived = Arc::default();
        }
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

    /// A snapshot for a request about line `line` (0-based). When only other
    /// lines were edited since the last parse and no line break was typed or
    /// deleted, the last parsed snapshot answers (its text and document
    /// agree, the request's line reads the same in it, and what was derived
    /// from it is already built), so completion and hover never wait for the
    /// new text to be read. Otherwise edits that can be spliced in are, at
    /// once, and anything else is the same as [`Store::snapshot`].
    pub fn snapshot_for_line(&self, uri: &str, line: usize) -> Option<Snapshot> {
        {
            let mut doc = self.documents.get_mut(uri)?;
            if !doc.dirty {
                return Some(to_snapshot(&doc));
            }
            if doc.source.line_unchanged_since_parse(line) {
                return Some(Snapshot::sharing(
                    doc.name.clone(),
                    Some(doc.parsed_version),
                    doc.source.parsed_text().clone(),
                    doc.source.format(),
                    doc.source.document(),
                    Arc::clone(&doc.derived),
                ));
            }
            if let Some(snapshot) = splice_in_place(&mut doc) {
                return Some(snapshot);
            }
        }
        self.snapshot(uri)
    }

    /// A snapshot of the current text, parsed. Parsing (when edits are pending)
    /// happens outside the document lock, one parse at a time per document:
    /// a caller that finds a parse under way waits for it and uses its result
    /// when no edit arrived meanwhile. Call from a blocking thread: it may take
    /// a while on a large document.
    pub fn snapshot(&self, uri: &str) -> Option<Snapshot> {
        let mut waits = 0;
        let parsing = loop {
            let mut doc = self.documents.get_mut(uri)?;
            if !doc.dirty {
                return Some(to_snapshot(&doc));
            }
            if let Some(snapshot) = splice_in_place(&mut doc) {
                return Some(snapshot);
            }
            // A request reading the last parse (hover, completion) holds it
            // for well under a millisecond; a splice now would copy the whole
            // model. Wait for it a little first.
            if doc.source.document_is_shared() && waits < MAX_READER_WAITS {
                drop(doc);
                waits += 1;
                std::thread::sleep(READER_WAIT);
                continue;
            }
            break Arc::clone(&doc.parsing);
        };
        let _parse = match parsing.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Another caller may have parsed this version while we waited.
        let mut doc = self.documents.get(uri)?.clone();
        if doc.dirty {
            doc.source.reparse();
            doc.parsed(Arc::default());
            if let Some(mut current) = self.documents.get_mut(uri) {
                if current.version == doc.version && current.dirty {
                    current.source = doc.source.clone();
                    current.parsed(Arc::clone(&doc.derived));
                }
            }
        }
        Some(to_snapshot(&doc))
    }
}

/// Brings a dirty document up to date by a splice, when its edits lie inside
/// one resource (or other self-contained part) of an error-free document and
/// no snapshot holds its model: re-reading that part takes microseconds, so it
/// is done at once, in place, under the document's lock.
fn splice_in_place(doc: &mut OpenDocument) -> Option<Snapshot> {
    if !doc.source.splice_in_place() {
        return None;
    }
    let derived = Derived::succeeding(std::mem::take(&mut doc.derived));
    doc.parsed(Arc::new(derived));
    Some(to_snapshot(doc))
}

/// The snapshot of a parsed (not dirty) document.
fn to_snapshot(doc: &OpenDocument) -> Snapshot {
    Snapshot::sharing(
        doc.name.clone(),
        Some(doc.version),
        doc.source.text().clone(),
        doc.source.format(),
        doc.source.document(),
        Arc::clone(&doc.derived),
    )
}

/// How long and how often [`Store::snapshot`] waits for requests reading the
/// last parse to finish before it copies the model to splice edits into it.
const READER_WAIT: std::time::Duration = std::time::Duration::from_micros(250);
const MAX_READER_WAITS: usize = 8;

/// Shared handle to the store.
pub type SharedStore = Arc<Store>;

#[cfg(test)]
mod tests {
    use awsls_grammars::Span;

    use super::*;

    const URI: &str = "file:///t.yaml";
    const TEXT: &str = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";

    /// A store whose document was edited by inserting `text` at `at`.
    fn store_edited(at: usize, text: &str) -> Store {
        let store = Store::new();
        store.open(URI, "t.yaml", 1, TEXT, None);
        let result = store.edit(URI, 2, |source| source.edit(Span::new(at, at), text));
        assert_eq!(result, Ok(()));
        store
    }

    /// Typing on line 1 (the logical id).
    fn edited_store() -> Store {
        store_edited(14, "ueue")
    }

    #[test]
    fn requests_on_untouched_lines_use_the_last_parse() {
        // An unclosed bracket on line 1: no splice, a re-parse is needed.
        let store = store_edited(14, ": [");
        let stale = store.snapshot_for_line(URI, 2).expect("snapshot");
        assert_eq!(stale.version, Some(1));
        assert_eq!(stale.text.to_string(), TEXT);
        assert_eq!(*stale.document, awsls_grammars::parse(TEXT, Format::Yaml));
        // The edited line needs the new text.
        let fresh = store.snapshot_for_line(URI, 1).expect("snapshot");
        assert_eq!(fresh.version, Some(2));
        assert!(fresh.text.to_string().contains("Q: [:"));
        // Once parsed, every line gets the newest version.
        assert_eq!(
            store.snapshot_for_line(URI, 2).and_then(|s| s.version),
            Some(2)
        );
    }

    #[test]
    fn edits_inside_a_resource_are_spliced_at_once() {
        let store = edited_store();
        // Untouched lines read the last parse; the edited line the new text.
        let stale = store.snapshot_for_line(URI, 2).expect("snapshot");
        assert_eq!(stale.version, Some(1));
        drop(stale);
        let snapshot = store.snapshot_for_line(URI, 1).expect("snapshot");
        assert_eq!(snapshot.version, Some(2));
        let text = snapshot.text.to_string();
        assert_eq!(
            snapshot.document.compacted(),
            awsls_grammars::parse(&text, Format::Yaml).compacted()
        );
        assert!(snapshot.template().resource("Queue").is_some());
        // Later snapshots of the same parse share what was derived from it.
        let again = store.snapshot(URI).expect("snapshot");
        assert!(std::ptr::eq(again.template(), snapshot.template()));
        // A new parse derives anew.
        let result = store.edit(URI, 3, |source| source.edit(Span::new(14, 14), "s"));
        assert_eq!(result, Ok(()));
        let edited = store.snapshot(URI).expect("snapshot");
        assert!(edited.template().resource("Qsueue").is_some());
    }

    #[test]
    fn snapshots_are_parsed_once_and_follow_edits() {
        let store = edited_store();
        let first = store.snapshot(URI).expect("snapshot");
        let second = store.snapshot(URI).expect("snapshot");
        assert_eq!(first.version, Some(2));
        assert!(Arc::ptr_eq(&first.document, &second.document));
        assert_eq!(
            store.edit(URI, 2, |_| {}),
            Err(EditError::StaleVersion {
                current: 2,
                received: 2
            })
        );
        assert_eq!(
            store.edit("file:///other", 3, |_| {}),
            Err(EditError::NotOpen)
        );
    }
}
