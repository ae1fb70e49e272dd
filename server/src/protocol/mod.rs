//! The language server: the only module that knows LSP. Handlers live one
//! per method under `handlers/`; state changes (open, change, close) happen
//! synchronously, requests run on a snapshot on the blocking pool.

pub mod blocking;
pub mod capabilities;
pub mod convert;
pub mod diagnostics;
pub mod handlers;
pub mod notes;
pub mod parent;
pub mod server;
pub mod settings;
pub mod state;
pub mod transport;

use tower_lsp_server::LspService;

/// Serves LSP on stdin/stdout until the client exits, the input ends or the
/// client process is gone; returns the process exit code (0 after
/// `shutdown`, 1 otherwise).
pub async fn serve_stdio(notes: Vec<std::path::PathBuf>) -> u8 {
    let lifecycle = std::sync::Arc::new(transport::Lifecycle::default());
    let for_server = lifecycle.clone();
    let (service, socket) =
        LspService::new(move |client| server::Backend::new(client, notes, for_server.clone()));
    transport::serve(service, socket, lifecycle.clone()).await;
    lifecycle.exit_code()
}
