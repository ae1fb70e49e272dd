//! Analyses of CloudFormation templates: validation, hover, completion and
//! navigation. `template` and `references` are the shared index of
//! declarations and uses the others build on; `rules` checks the template's
//! structure and references, `properties` checks resources against their
//! schemas.

pub mod properties;
pub mod references;
pub mod rules;
pub mod template;

use crate::analysis::{CompletionEntry, Finding, HoverInfo, Snapshot};

use template::Template;

pub const KIND: &str = "cloudformation";

pub fn check(snapshot: &Snapshot, findings: &mut Vec<Finding>) {
    let template = Template::of(snapshot);
    let mut local = Vec::new();
    rules::check(snapshot, &template, &mut local);
    properties::check(snapshot, &template, &mut local);
    rules::suppress::apply(snapshot, &template, &mut local);
    findings.extend(local);
}

pub fn hover(_snapshot: &Snapshot, _offset: usize) -> Option<HoverInfo> {
    None
}

pub fn complete(_snapshot: &Snapshot, _offset: usize) -> Vec<CompletionEntry> {
    Vec::new()
}
