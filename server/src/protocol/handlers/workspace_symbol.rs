//! `workspace/symbol`: parameters, resources, conditions, mappings and
//! outputs of every open template and of the templates found under the
//! workspace folders. The folders are scanned once, on the first request,
//! with bounds on depth, file count and file size.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use awsls_grammars::position::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    InitializeParams, Location, OneOf, Position, Range, Uri, WorkspaceSymbol,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use crate::analysis::cfn::completion::rank;
use crate::analysis::cfn::symbols::{self, DeclaredSymbol};
use crate::analysis::outline::SymbolCategory;
use crate::analysis::{DocKind, Snapshot};
use crate::protocol::blocking;
use crate::protocol::state::ServerState;

use super::document_symbol::symbol_kind;

/// Scan bounds.
const MAX_DEPTH: usize = 8;
const MAX_FILES_VISITED: usize = 20_000;
const MAX_TEMPLATES: usize = 1_000;
const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
const MAX_RESULTS: usize = 500;

/// A symbol with its position in both encodings, so that the file need not be kept.
#[derive(Clone, Debug)]
struct Found {
    name: String,
    category: SymbolCategory,
    detail: Option<String>,
    uri: Uri,
    /// (line, UTF-8 column, UTF-16 column) of the start and end.
    start: (u32, u32, u32),
    end: (u32, u32, u32),
}

fn roots() -> &'static Mutex<Vec<PathBuf>> {
    static ROOTS: OnceLock<Mutex<Vec<PathBuf>>> = OnceLock::new();
    ROOTS.get_or_init(|| Mutex::new(Vec::new()))
}

fn scanned() -> &'static OnceLock<Vec<Found>> {
    static SCANNED: OnceLock<Vec<Found>> = OnceLock::new();
    &SCANNED
}

/// Records the workspace folders (or the root) given at `initialize`.
#[allow(deprecated)]
pub fn remember_roots(params: &InitializeParams) {
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if folders.is_empty() {
        if let Some(path) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
            folders.push(path.into_owned());
        }
    }
    if let Ok(mut roots) = roots().lock() {
        *roots = folders;
    }
}

fn position(rope: &ropey::Rope, offset: usize) -> (u32, u32, u32) {
    let (line, utf8) = awsls_grammars::position::offset_to_position(rope, offset, Encoding::Utf8);
    let (_, utf16) = awsls_grammars::position::offset_to_position(rope, offset, Encoding::Utf16);
    (line, utf8, utf16)
}

fn found_in(snapshot: &Snapshot, uri: &Uri) -> Vec<Found> {
    if !snapshot.kind.is_some_and(DocKind::is_template) {
        return Vec::new();
    }
    symbols::declarations(snapshot)
        .into_iter()
        .map(
            |DeclaredSymbol {
                 name,
                 category,
                 detail,
                 span,
             }| Found {
                name,
                category,
                detail,
                uri: uri.clone(),
                start: position(&snapshot.text, span.start),
                end: position(&snapshot.text, span.end),
            },
        )
        .collect()
}

fn is_candidate(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("yaml" | "yml" | "json" | "template")
    )
}

fn scan(roots: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut visited = 0usize;
    let mut templates = 0usize;
    for root in roots {
        let walker = ignore::WalkBuilder::new(root)
            .max_depth(Some(MAX_DEPTH))
            .build();
        for entry in walker.flatten() {
            visited += 1;
            if visited > MAX_FILES_VISITED || templates >= MAX_TEMPLATES {
                return out;
            }
            let path = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file()) || !is_candidate(path) {
                continue;
            }
            if entry
                .metadata()
                .map(|m| m.len() > MAX_FILE_BYTES)
                .unwrap_or(true)
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            if !(text.contains("Resources") || text.contains("AWSTemplateFormatVersion")) {
                continue;
            }
            let Some(uri) = Uri::from_file_path(path) else {
                continue;
            };
            let snapshot = Snapshot::from_text(&path.to_string_lossy(), &text);
            let found = found_in(&snapshot, &uri);
            if !found.is_empty() {
                templates += 1;
                out.extend(found);
            }
        }
    }
    out
}

pub async fn handle(
    state: &Arc<ServerState>,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let store = state.store.clone();
    let encoding = state.encoding();
    let query = params.query;
    blocking::run("workspaceSymbol", move || {
        let roots = roots().lock().map(|r| r.clone()).unwrap_or_default();
        let from_disk = scanned().get_or_init(|| scan(&roots));
        let open = store.uris();
        let mut all: Vec<Found> = Vec::new();
        for key in &open {
            let (Ok(uri), Some(snapshot)) = (key.parse::<Uri>(), store.snapshot(key)) else {
                continue;
            };
            all.extend(found_in(&snapshot, &uri));
        }
        all.extend(
            from_disk
                .iter()
                .filter(|f| !open.iter().any(|o| o == f.uri.as_str()))
                .cloned(),
        );
        let mut scored: Vec<(i64, Found)> = all
            .into_iter()
            .filter_map(|f| rank::score(&query, &f.name).map(|s| (s, f)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
        let pick = |p: (u32, u32, u32)| Position {
            line: p.0,
            character: if encoding == Encoding::Utf8 { p.1 } else { p.2 },
        };
        let symbols = scored
            .into_iter()
            .take(MAX_RESULTS)
            .map(|(_, f)| WorkspaceSymbol {
                name: f.name,
                kind: symbol_kind(f.category),
                tags: None,
                container_name: f.detail,
                location: OneOf::Left(Location {
                    uri: f.uri,
                    range: Range {
                        start: pick(f.start),
                        end: pick(f.end),
                    },
                }),
                data: None,
            })
            .collect::<Vec<_>>();
        Some(WorkspaceSymbolResponse::Nested(symbols))
    })
    .await
}
