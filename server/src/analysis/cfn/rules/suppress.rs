//! Suppression of findings through `Metadata: {awsls: {ignore: [CODE, ...]}}`.

use crate::analysis::{Finding, Snapshot};

use crate::analysis::cfn::template::Template;

pub fn apply(_snapshot: &Snapshot, _template: &Template, _findings: &mut Vec<Finding>) {}
