//! Analyses of sam documents.

use crate::analysis::{CompletionEntry, Finding, HoverInfo, Snapshot};

pub fn check(_snapshot: &Snapshot, _findings: &mut Vec<Finding>) {}

pub fn hover(_snapshot: &Snapshot, _offset: usize) -> Option<HoverInfo> {
    None
}

pub fn complete(_snapshot: &Snapshot, _offset: usize) -> Vec<CompletionEntry> {
    Vec::new()
}
