//! End-to-end tests: sam.
