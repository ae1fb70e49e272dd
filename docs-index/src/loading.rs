//! Reading user note files from directories: `*.md`, `*.markdown` and `*.txt`,
//! recursively, with unreadable files reported instead of failing the whole load.

use crate::index::{NoteFile, NotesIndex};
use std::fmt;
use std::path::{Path, PathBuf};

/// A note file or directory that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLoadError {
    /// The file or directory.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for NoteLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read notes from {}: {}",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for NoteLoadError {}

/// Extensions of files read as notes.
const NOTE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Directories this deep below a notes root are not entered.
const MAX_DEPTH: usize = 16;

/// Files larger than this are reported instead of read (notes are small; a huge file
/// is more likely a log or a dump that happens to end in `.txt`).
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

fn is_note(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| NOTE_EXTENSIONS.iter().any(|n| n.eq_ignore_ascii_case(e)))
}

fn error(path: &Path, message: impl fmt::Display) -> NoteLoadError {
    NoteLoadError {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Reads every note file under `roots` (a root may also be a single file), sorted by
/// path. Hidden files and directories are skipped. Each file is named by its path
/// relative to its root (`aws/dynamodb.md`), so section ids stay unique and stable.
pub fn read_note_files(roots: &[PathBuf]) -> (Vec<NoteFile>, Vec<NoteLoadError>) {
    let mut paths: Vec<(PathBuf, String)> = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        let mut found = Vec::new();
        if root.is_file() {
            found.push(root.clone());
        } else {
            collect(root, 0, &mut found, &mut errors);
        }
        for path in found {
            let name = match path.strip_prefix(root) {
                Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().replace('\\', "/"),
                _ => path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
            };
            paths.push((path, name));
        }
    }
    paths.sort();
    paths.dedup_by(|a, b| a.0 == b.0);
    let mut files = Vec::new();
    for (path, name) in paths {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.len() > MAX_FILE_BYTES => {
                errors.push(error(
                    &path,
                    format!("file is larger than {} MiB", MAX_FILE_BYTES >> 20),
                ));
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                errors.push(error(&path, e));
                continue;
            }
        }
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                };
                files.push(NoteFile {
                    name,
                    path: Some(path),
                    text,
                });
            }
            Err(e) => errors.push(error(&path, e)),
        }
    }
    (files, errors)
}

fn collect(dir: &Path, depth: usize, paths: &mut Vec<PathBuf>, errors: &mut Vec<NoteLoadError>) {
    if depth > MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(error(dir, e));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(error(dir, e));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(&path, depth + 1, paths, errors),
            Ok(_) if is_note(&path) => paths.push(path),
            Ok(_) => {}
            Err(e) => errors.push(error(&path, e)),
        }
    }
}

impl NotesIndex {
    /// Indexes the note files found under `dirs`. Unreadable files and directories are
    /// listed in the returned errors; everything readable is still indexed.
    pub fn from_dirs(dirs: &[PathBuf]) -> (NotesIndex, Vec<NoteLoadError>) {
        let (files, errors) = read_note_files(dirs);
        (NotesIndex::from_files(&files), errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("awsls-notes-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(dir.join("sub/.hidden"));
        dir
    }

    #[test]
    fn reads_note_files_recursively_and_reports_missing_dirs() {
        let dir = temp_dir("load");
        let write = |p: &str, t: &str| std::fs::write(dir.join(p), t).is_ok();
        assert!(write("a.md", "# SQS\nqueues\n"));
        assert!(write("sub/b.txt", "# SNS\ntopics\n"));
        assert!(write("sub/c.markdown", "# KMS\nkeys\n"));
        assert!(write("sub/d.rs", "# not notes\n"));
        assert!(write("sub/.hidden/e.md", "# hidden\n"));
        let missing = dir.join("missing");
        let (index, errors) = NotesIndex::from_dirs(&[dir.clone(), missing.clone()]);
        let names: Vec<&str> = index
            .sections()
            .iter()
            .map(|s| s.file_name.as_str())
            .collect();
        assert_eq!(names, ["a.md", "sub/b.txt", "sub/c.markdown"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, missing);
        assert!(errors[0].to_string().contains("cannot read notes"));
        assert_eq!(
            index.sections()[0].path.as_deref(),
            Some(dir.join("a.md").as_path())
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn invalid_utf8_is_read_lossily() {
        let dir = temp_dir("utf8");
        assert!(std::fs::write(dir.join("x.md"), b"# S3\nbuckets \xff\n").is_ok());
        let (index, errors) = NotesIndex::from_dirs(std::slice::from_ref(&dir));
        assert!(errors.is_empty());
        assert_eq!(index.sections().len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
