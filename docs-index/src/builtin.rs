//! The built-in notes corpus (AWS certification study notes embedded in the binary)
//! and its lazily built shared index.

use crate::index::{NoteFile, NotesIndex};
use std::sync::OnceLock;

/// Names and Markdown text of the built-in note files.
pub const BUILTIN_NOTES: &[(&str, &str)] = &[
    (
        "developer-associate-notes.md",
        include_str!("../notes/developer-associate-notes.md"),
    ),
    (
        "developer-associate-topics.md",
        include_str!("../notes/developer-associate-topics.md"),
    ),
    (
        "developer-associate-study-plan.md",
        include_str!("../notes/developer-associate-study-plan.md"),
    ),
    (
        "solutions-architect-associate-notes.md",
        include_str!("../notes/solutions-architect-associate-notes.md"),
    ),
    (
        "core-services-notes.md",
        include_str!("../notes/core-services-notes.md"),
    ),
];

static BUILTIN: OnceLock<NotesIndex> = OnceLock::new();

impl NotesIndex {
    /// The index of the built-in notes, built on first use and shared afterwards.
    pub fn builtin() -> &'static NotesIndex {
        BUILTIN.get_or_init(NotesIndex::build_builtin)
    }

    /// Builds a fresh index of the built-in notes (what [`NotesIndex::builtin`] caches).
    pub fn build_builtin() -> NotesIndex {
        NotesIndex::build_builtin_at(None)
    }

    /// Builds an index of the built-in notes whose sections link to copies of
    /// the files in `dir` (written there by the caller), when given.
    pub fn build_builtin_at(dir: Option<&std::path::Path>) -> NotesIndex {
        let files: Vec<NoteFile> = BUILTIN_NOTES
            .iter()
            .map(|(name, text)| NoteFile {
                name: (*name).to_string(),
                path: dir.map(|dir| dir.join(name)),
                text: (*text).to_string(),
            })
            .collect();
        NotesIndex::from_files(&files)
    }
}
