//! One handler per LSP method. Notification handlers that change state apply
//! their change before any `.await`; request handlers read a snapshot.

pub mod code_action;
pub mod completion;
pub mod condition_hints;
pub mod definition;
pub mod did_change;
pub mod did_change_configuration;
pub mod did_change_watched_files;
pub mod did_close;
pub mod did_open;
pub mod document_highlight;
pub mod document_symbol;
pub mod folding_range;
pub mod hover;
pub mod initialize;
pub mod initialized;
pub mod prepare_rename;
pub mod references;
pub mod rename;
pub mod selection_range;
pub mod semantic_tokens;
pub mod shutdown;
pub mod snapshot_request;
pub mod workspace_symbol;
