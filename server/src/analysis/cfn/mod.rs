//! Analyses of CloudFormation templates: validation, hover, completion and
//! navigation. `template` and `references` are the shared index of
//! declarations and uses the others build on; `rules` checks the template's
//! structure and references, `properties` checks resources against their
//! schemas.

pub mod completion;
pub mod cursor;
pub mod describe;
pub mod functions;
pub mod hover;
pub mod navigation;
pub mod properties;
pub mod refactor;
pub mod references;
pub mod rules;
pub mod semantic_tokens;
pub mod symbols;
pub mod template;
pub mod vocabulary;

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

pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    hover::hover(snapshot, offset)
}

pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    completion::complete(snapshot, offset)
}
