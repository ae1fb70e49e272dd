//! Finding the files `awsls check` looks at: the paths given, and inside
//! folders every YAML/JSON/template file (honouring `.gitignore`).

use std::path::{Path, PathBuf};

/// Extensions of files that may hold AWS configuration.
const EXTENSIONS: &[&str] = &["yaml", "yml", "json", "template"];

pub fn is_candidate(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Expands `paths` into files, sorted and without duplicates. A path that does
/// not exist is an error naming it.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if metadata.is_file() {
            files.push(path.clone());
            continue;
        }
        for entry in ignore::WalkBuilder::new(path).build() {
            let entry = entry.map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            if is_file && is_candidate(entry.path()) {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}
