//! End-to-end tests: cfn_editing.
