//! awsls: a language server and linter for AWS configuration files.
//!
//! Layers, from the bottom up: `schema` (embedded data), `analysis` (pure
//! functions over a [`analysis::Snapshot`] returning plain data with byte
//! ranges), `store` (open documents and their versions), then the two front
//! ends: `protocol` (the only module that knows LSP) and `cli`.

pub mod analysis;
pub mod cli;
pub mod protocol;
pub mod schema;
pub mod store;
