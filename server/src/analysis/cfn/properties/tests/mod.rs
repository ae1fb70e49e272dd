//! Unit tests of the property checks: each rule on bad and good input,
//! CloudFormation's conversions, intrinsic values, fixes and messages.

mod combinators;
mod custom_schema;
mod fixes;
mod intrinsics;
mod measure;
mod objects;
mod resource_types;
mod runtimes;
mod scalars;
mod snapshots;

use crate::analysis::{Finding, Snapshot, TextEdit};

use super::super::template::Template;

/// The property findings of every resource of the template.
pub(super) fn check_template(snapshot: &Snapshot) -> Vec<Finding> {
    let template = Template::of(snapshot);
    let mut out = Vec::new();
    if let Some(mut checker) = super::Checker::for_template(snapshot, template) {
        for resource in &template.resources {
            checker.check(resource, &mut out);
        }
    }
    out
}

pub(super) fn run(name: &str, text: &str) -> Vec<Finding> {
    let mut out = check_template(&Snapshot::from_text(name, text));
    out.sort_by_key(|f| (f.span.start, f.code()));
    out
}

pub(super) fn yaml(text: &str) -> Vec<Finding> {
    run("template.yaml", text)
}

pub(super) fn json(text: &str) -> Vec<Finding> {
    run("template.json", text)
}

/// `(code, text under the span, message)` for each finding.
pub(super) fn brief<'t>(
    text: &'t str,
    findings: &[Finding],
) -> Vec<(&'static str, &'t str, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f.code(),
                text.get(f.span.start..f.span.end).unwrap_or("<bad span>"),
                f.message.clone(),
            )
        })
        .collect()
}

/// The codes of the findings, in order.
pub(super) fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code()).collect()
}

/// `text` with the edits applied (edits must not overlap).
pub(super) fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for edit in edits {
        out.replace_range(edit.span.start..edit.span.end, &edit.new_text);
    }
    out
}

/// A YAML template with one resource.
pub(super) fn resource(type_name: &str, properties: &str) -> String {
    let mut text = format!("Resources:\n  Thing:\n    Type: {type_name}\n    Properties:\n");
    for line in properties.lines() {
        text.push_str("      ");
        text.push_str(line);
        text.push('\n');
    }
    text
}
