//! `AWS::Serverless::*` resources checked against the SAM schemas, as merged
//! with `Globals`: a required property given only in `Globals` is not
//! missing, and `Events` are left to [`super::events`], which checks each
//! event against the definition of its own type. Unknown keys below the
//! levels SAM validates itself are warnings.

use crate::analysis::rules::Rule;
use awsls_grammars::Span;

use crate::analysis::cfn::properties::validate_resource_skipping;
use crate::analysis::cfn::template::{Resource, Template};
use crate::analysis::{Finding, Severity, Snapshot};
use crate::schema::{sam, ResourceSchema};

use super::globals::{self, with_rename};
use super::values::{and_list, is_serverless, may_set};
use super::{events, functions, policies};

pub fn check(snapshot: &Snapshot, template: &Template, findings: &mut Vec<Finding>) {
    for resource in &template.resources {
        crate::analysis::pause::point();
        let Some(type_name) = resource.type_name.as_deref().filter(|t| is_serverless(t)) else {
            continue;
        };
        let Some(schema) = sam::resource(type_name) else {
            unknown_type(snapshot, resource, type_name, findings);
            continue;
        };
        let mut local = Vec::new();
        properties(snapshot, schema, resource, &mut local);
        events::check(snapshot, template, resource, schema, &mut local);
        relax_nested_unknown(snapshot, resource, &mut local);
        findings.extend(local);
        if policies::OWNERS.contains(&type_name) {
            policies::check(snapshot, resource, findings);
        }
        functions::check(snapshot, template, resource, findings);
    }
}

fn unknown_type(
    snapshot: &Snapshot,
    resource: &Resource,
    type_name: &str,
    findings: &mut Vec<Finding>,
) {
    let Some(span) = resource.type_span else {
        return;
    };
    let names: Vec<&str> = sam::type_names().iter().map(|n| &**n).collect();
    let finding = Finding::new(
        Rule::SamUnknownResourceType,
        span,
        format!(
            "`{type_name}` is not a SAM resource type; SAM defines {}",
            and_list(&names)
        ),
    );
    findings.push(with_rename(
        snapshot,
        finding,
        type_name,
        span,
        names.iter().copied(),
    ));
}

/// The schema findings for one resource, less those `Globals` answers and
/// those inside `Events`.
fn properties(
    snapshot: &Snapshot,
    schema: &ResourceSchema,
    resource: &Resource,
    findings: &mut Vec<Finding>,
) {
    let doc = &snapshot.document;
    let mut local = Vec::new();
    // `Events` are checked by `events`: the schema walk leaves them out.
    let events_node = resource.properties.and_then(|p| doc.get(p, "Events"));
    validate_resource_skipping(snapshot, schema, resource, events_node, &mut local);
    let events = events::events_span(snapshot, resource);
    let properties_key = doc
        .entry(resource.decl.node, "Properties")
        .map(|e| e.key.span);
    let top_level = |f: &Finding| {
        f.rule == Rule::MissingRequiredProperty
            && (f.span == resource.decl.name_span || Some(f.span) == properties_key)
    };
    let required: Vec<&str> = schema.root.required.iter().map(|r| &**r).collect();
    let type_name = &*schema.type_name;
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !may_set(doc, resource.properties, r))
        .collect();
    let from_globals: Vec<&str> = missing
        .iter()
        .copied()
        .filter(|r| globals::inherited(snapshot, type_name, r).is_some())
        .collect();
    for finding in local {
        if events.is_some_and(|e| e.start <= finding.span.start && finding.span.end <= e.end) {
            continue;
        }
        if top_level(&finding) && !from_globals.is_empty() {
            continue;
        }
        findings.push(finding);
    }
    if !from_globals.is_empty() {
        let still: Vec<&str> = missing
            .iter()
            .copied()
            .filter(|m| !from_globals.contains(m))
            .collect();
        if !still.is_empty() {
            let noun = if still.len() == 1 {
                "property"
            } else {
                "properties"
            };
            findings.push(Finding::new(
                Rule::SamMissingRequiredProperty,
                properties_key.unwrap_or(resource.decl.name_span),
                format!(
                    "`{type_name}` is missing the required {noun} {} (not set in `Globals` either)",
                    and_list(&still)
                ),
            ));
        }
    }
}

/// Keys SAM itself validates: the resource's properties, and each event's
/// keys and properties. Unknown keys deeper down are passed over by SAM
/// (they end up nowhere), so they are warnings rather than errors.
fn checked_keys(snapshot: &Snapshot, resource: &Resource) -> Vec<Span> {
    let doc = &snapshot.document;
    let Some(props) = resource.properties else {
        return Vec::new();
    };
    let mut spans: Vec<Span> = doc
        .mapping(props)
        .unwrap_or_default()
        .iter()
        .map(|e| e.key.span)
        .collect();
    let events = doc
        .get(props, "Events")
        .and_then(|e| doc.mapping(e))
        .unwrap_or_default();
    for event in events {
        spans.extend(
            doc.mapping(event.value)
                .unwrap_or_default()
                .iter()
                .map(|e| e.key.span),
        );
        let event_props = doc
            .get(event.value, "Properties")
            .and_then(|p| doc.mapping(p));
        spans.extend(event_props.unwrap_or_default().iter().map(|e| e.key.span));
    }
    spans
}

fn relax_nested_unknown(snapshot: &Snapshot, resource: &Resource, findings: &mut [Finding]) {
    let checked = checked_keys(snapshot, resource);
    for finding in findings.iter_mut() {
        if finding.rule == Rule::UnknownProperty && !checked.contains(&finding.span) {
            finding.severity = Severity::Warning;
            finding.message.push_str(" (SAM ignores it)");
        }
    }
}
