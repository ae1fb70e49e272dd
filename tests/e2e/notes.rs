//! End-to-end tests: notes.
