//! Template-level rules: structure, resource attributes, references,
//! intrinsic functions, parameters, conditions, mappings, outputs, limits.

pub mod suppress;

use crate::analysis::{Finding, Snapshot};

use super::template::Template;

pub fn check(_snapshot: &Snapshot, _template: &Template, _findings: &mut Vec<Finding>) {}
