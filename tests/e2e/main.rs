//! End-to-end tests: the real `awsls` binary, driven over stdio like an
//! editor drives it, and `awsls check` run like a CI job runs it.

mod appspec;
mod cfn_editing;
mod cfn_properties;
mod cfn_validation;
mod check_cli;
mod client;
mod conditions;
mod edit_safety;
mod foundation;
mod framing;
mod iam;
mod language_extensions;
mod lifecycle;
mod notes;
mod robustness;
mod sam;
