//! Analyses of CloudFormation templates: validation, hover, completion and
//! navigation. `template` and `references` are the shared index of
//! declarations and uses the others build on; `rules` checks the template's
//! structure and references, `properties` checks resources against their
//! schemas.

pub mod completion;
pub mod conditions;
pub mod cursor;
pub mod describe;
pub mod for_each;
pub mod functions;
pub mod hover;
pub mod loop_findings;
pub mod loop_names;
pub mod navigation;
pub mod properties;
pub mod refactor;
pub mod references;
pub mod resource_checks;
pub mod resource_rules;
pub mod rules;
pub mod semantic_tokens;
pub mod symbols;
pub mod template;
pub mod vocabulary;

use crate::analysis::{CompletionEntry, Finding, HoverInfo, Snapshot};

use template::Template;

/// Checks the template; per-resource findings come from `reuse` for the
/// resources whose text did not change since it was filled.
pub fn check(
    snapshot: &Snapshot,
    reuse: Option<&mut resource_checks::Reuse>,
    findings: &mut Vec<Finding>,
) {
    let template = Template::of(snapshot);
    let mut local = Vec::new();
    rules::check(snapshot, template, &mut local);
    crate::analysis::pause::point();
    resource_checks::check(snapshot, template, reuse, &mut local);
    crate::analysis::pause::point();
    loop_findings::merge(
        template,
        |span| {
            snapshot
                .slice(span)
                .trim_matches(|c| c == '\'' || c == '"')
                .to_string()
        },
        |x| snapshot.document.node(x.node).span.end,
        &mut local,
    );
    rules::suppress::apply(snapshot, template, &mut local);
    findings.extend(local);
}

/// Hover: inside an embedded IAM policy the policy's hover, else the template's.
pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    crate::analysis::iam::hover_embedded(snapshot, offset)
        .or_else(|| hover::hover(snapshot, offset))
}

/// Completion: inside an embedded IAM policy the policy's candidates, else the template's.
pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    let in_policy = crate::analysis::iam::complete_embedded(snapshot, offset);
    if !in_policy.is_empty() {
        return in_policy;
    }
    completion::complete(snapshot, offset)
}
