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

/// A file to check, and whether it was named on the command line (then it is
/// never skipped silently) or found inside a folder.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub named: bool,
}

/// Expands `paths` into files, sorted and without duplicates (a file both named
/// and found in a folder counts as named). A path that does not exist is an
/// error naming it.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Candidate>, String> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if metadata.is_file() {
            files.push(Candidate {
                path: path.clone(),
                named: true,
            });
            continue;
        }
        for entry in ignore::WalkBuilder::new(path).build() {
            let entry = entry.map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            if is_file && is_candidate(entry.path()) {
                files.push(Candidate {
                    path: entry.into_path(),
                    named: false,
                });
            }
        }
    }
    // Named first for each path, so `dedup_by` keeps the named one.
    files.sort_by(|a, b| a.path.cmp(&b.path).then(b.named.cmp(&a.named)));
    files.dedup_by(|later, kept| later.path == kept.path);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_and_found_in_its_folder_counts_once_as_named() {
        let dir = std::env::temp_dir().join(format!("awsls-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("a.yaml");
        std::fs::write(&file, "Resources: {}\n").expect("write");
        std::fs::write(dir.join("b.yml"), "x: 1\n").expect("write");
        let found = collect(&[dir.clone(), file.clone()]).expect("collect");
        std::fs::remove_dir_all(&dir).ok();
        let seen: Vec<(bool, String)> = found
            .iter()
            .map(|c| {
                let name = c.path.file_name().map(|n| n.to_string_lossy().into_owned());
                (c.named, name.unwrap_or_default())
            })
            .collect();
        assert_eq!(seen, vec![(true, "a.yaml".into()), (false, "b.yml".into())]);
    }
}
