//! One handler per LSP method. Notification handlers that change state apply
//! their change before any `.await`; request handlers read a snapshot.

pub mod completion;
pub mod did_change;
pub mod did_change_configuration;
pub mod did_close;
pub mod did_open;
pub mod hover;
pub mod initialize;
pub mod initialized;
pub mod shutdown;
pub mod snapshot_request;
