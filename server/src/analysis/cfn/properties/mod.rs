//! Resource types and their properties checked against the embedded schemas.

use crate::analysis::{Finding, Snapshot};

use super::template::Template;

pub fn check(_snapshot: &Snapshot, _template: &Template, _findings: &mut Vec<Finding>) {}
