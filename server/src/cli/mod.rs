//! Command-line front end: `awsls check` and its output formats, reusing the
//! same analyses as the language server; `awsls notes` and `awsls rules`.

pub mod check;
pub mod files;
pub mod notes;
pub mod report;
pub mod rules;
