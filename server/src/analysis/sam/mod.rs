//! Analyses of SAM templates (CloudFormation templates with the
//! `AWS::Serverless-2016-10-31` transform): the CloudFormation checks with
//! the resources SAM generates counted as declared, the `Globals` section,
//! `AWS::Serverless::*` resources against the SAM schemas as merged with
//! `Globals`, event sources, policies, package and deployment settings;
//! hover and completion for all of these, falling back to CloudFormation's.

mod completeness;
mod completion;
mod events;
mod functions;
mod globals;
mod hover;
mod implicit;
mod policies;
mod resources;
mod runtime;
mod shapes;
mod values;

#[cfg(test)]
mod tests;

use crate::analysis::cfn::{self, template::Template};
use crate::analysis::{iam, pause, CompletionEntry, Finding, HoverInfo, Snapshot};

pub use implicit::{generated, implicit_names, Generated};

pub fn check(
    snapshot: &Snapshot,
    reuse: Option<&mut cfn::resource_checks::Reuse>,
    findings: &mut Vec<Finding>,
) {
    let template = Template::of(snapshot);
    let mut local = Vec::new();
    // The CloudFormation checks, as `cfn::check` runs them, with the
    // resources SAM generates passed to the reference rules.
    let implicit = implicit_names(snapshot, template);
    cfn::rules::check_with_implicit(snapshot, template, &implicit, &mut local);
    pause::point();
    cfn::resource_checks::check(snapshot, template, reuse, &mut local);
    pause::point();
    globals::check(snapshot, &mut local);
    resources::check(snapshot, template, &mut local);
    pause::point();
    cfn::rules::suppress::apply(snapshot, template, &mut local);
    findings.extend(local);
}

pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    hover::hover(snapshot, offset)
        .or_else(|| iam::hover_embedded(snapshot, offset))
        .or_else(|| cfn::hover(snapshot, offset))
}

pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    completion::complete(snapshot, offset)
}
