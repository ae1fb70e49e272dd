//! End-to-end tests: appspec.
