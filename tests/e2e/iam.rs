//! End-to-end tests: iam.
