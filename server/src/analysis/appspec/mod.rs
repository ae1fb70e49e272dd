//! Analyses of CodeDeploy AppSpec files for the three compute platforms
//! (EC2/On-Premises, Lambda, ECS): diagnostics, hover and completion.

mod check;
mod completion;
mod ctx;
mod cursor;
mod ec2;
mod events;
mod hooks;
mod hover;
mod platform;
mod resources;
mod shapes;
mod suggest;
mod version;

#[cfg(test)]
mod tests;

use crate::analysis::{CompletionEntry, Finding, HoverInfo, Snapshot};

pub fn check(snapshot: &Snapshot, findings: &mut Vec<Finding>) {
    check::run(snapshot, findings);
}

pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    hover::hover(snapshot, offset)
}

pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    completion::complete(snapshot, offset)
}
