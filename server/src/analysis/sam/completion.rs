//! Completion in SAM templates.
use crate::analysis::{cfn, CompletionEntry, Snapshot};
pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    cfn::complete(snapshot, offset)
}
