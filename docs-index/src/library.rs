//! Lookups: [`NotesIndex::lookup`] for one index and [`Library`], which combines the
//! built-in notes with the user's own notes and rebuilds only the user part on change.

use crate::index::NotesIndex;
use crate::loading::NoteLoadError;
use crate::query;
use crate::score::{self, Hit};
use crate::topic::Topic;
use std::path::PathBuf;

impl NotesIndex {
    /// The sections most relevant to `topic`, best first: at most `limit`, none below
    /// [`score::MIN_SCORE`](crate::MIN_SCORE), near-duplicates removed.
    pub fn lookup(&self, topic: &Topic, limit: usize) -> Vec<Hit<'_>> {
        score::rank(&[(self, 1.0)], &query::plan(topic), limit)
    }
}

/// Scores of the user's own notes are raised by this factor over built-in notes, so
/// on a tie (or a copied note) the user's file, which can be linked, wins.
const USER_NOTES_BOOST: f32 = 1.1;

/// Where a [`Library`] gets the built-in index: called at each lookup, so a
/// library can be made before the index is built (the call waits for it).
pub type BuiltinSource = fn() -> &'static NotesIndex;

/// Built-in notes (optional) plus the user's notes, searched together.
#[derive(Debug)]
pub struct Library {
    builtin: Option<BuiltinSource>,
    user: NotesIndex,
    user_dirs: Vec<PathBuf>,
}

impl Default for Library {
    fn default() -> Self {
        Library {
            builtin: Some(NotesIndex::builtin),
            user: NotesIndex::default(),
            user_dirs: Vec::new(),
        }
    }
}

impl Library {
    /// A library of the built-in notes (when `include_builtin`) and the notes under
    /// `user_dirs` (the `awsls.notes.paths` setting).
    pub fn new(include_builtin: bool, user_dirs: &[PathBuf]) -> (Library, Vec<NoteLoadError>) {
        Library::with_builtin(include_builtin.then_some(NotesIndex::builtin), user_dirs)
    }

    /// Like [`Library::new`], with the built-in index taken from `builtin`
    /// (for example one whose sections link to copies of the files on disk).
    pub fn with_builtin(
        builtin: Option<BuiltinSource>,
        user_dirs: &[PathBuf],
    ) -> (Library, Vec<NoteLoadError>) {
        let (user, errors) = NotesIndex::from_dirs(user_dirs);
        let library = Library {
            builtin,
            user,
            user_dirs: user_dirs.to_vec(),
        };
        (library, errors)
    }

    /// Re-reads the user notes from the same directories (after a file changed);
    /// the built-in index is not touched.
    pub fn reload_user_notes(&mut self) -> Vec<NoteLoadError> {
        let (user, errors) = NotesIndex::from_dirs(&self.user_dirs);
        self.user = user;
        errors
    }

    /// Replaces the user note directories and re-reads them.
    pub fn set_user_dirs(&mut self, dirs: &[PathBuf]) -> Vec<NoteLoadError> {
        self.user_dirs = dirs.to_vec();
        self.reload_user_notes()
    }

    /// The configured user note directories.
    pub fn user_dirs(&self) -> &[PathBuf] {
        &self.user_dirs
    }

    /// Whether `path` is a note file this library reads (under a user directory, with
    /// a note extension): use it to filter file-change notifications.
    pub fn watches(&self, path: &std::path::Path) -> bool {
        let ext_ok = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["md", "markdown", "txt"]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(e))
        });
        ext_ok && self.user_dirs.iter().any(|d| path.starts_with(d))
    }

    /// The user notes index.
    pub fn user_notes(&self) -> &NotesIndex {
        &self.user
    }

    /// The sections most relevant to `topic` across built-in and user notes.
    pub fn lookup(&self, topic: &Topic, limit: usize) -> Vec<Hit<'_>> {
        let mut indexes: Vec<(&NotesIndex, f32)> = vec![(&self.user, USER_NOTES_BOOST)];
        if let Some(builtin) = self.builtin {
            indexes.push((builtin(), 1.0));
        }
        score::rank(&indexes, &query::plan(topic), limit)
    }
}
