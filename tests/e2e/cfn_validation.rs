//! End-to-end tests: cfn_validation.
