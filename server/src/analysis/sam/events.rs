//! `Events` of functions and state machines: each event source type is
//! checked against its own definition in the SAM schema (its properties,
//! required ones and value types), and an S3 event's `Bucket` must name a
//! bucket declared in the same template.

use crate::analysis::rules::Rule;
use awsls_grammars::{Document, NodeId, Span};

use crate::analysis::cfn::properties::validate_value;
use crate::analysis::cfn::template::{self, Resource, Template};
use crate::analysis::{Finding, Snapshot};
use crate::schema::{Literal, ResourceSchema, Shape};

use super::globals::with_rename;
use super::values::{and_list, is_intrinsic, ref_target, text};

/// One event source type a resource type accepts.
pub struct EventType<'s> {
    /// The `Type` value (`S3`, `Api`, ...).
    pub name: String,
    /// The definition of the whole event (`Type` and `Properties`).
    pub shape: &'s Shape,
}

/// The event source types of `schema` (empty for types without `Events`),
/// read from the schema's `Events` definitions: each one's `Type` enum.
pub fn event_types(schema: &ResourceSchema) -> Vec<EventType<'_>> {
    let Some(events) = schema.property("Events") else {
        return Vec::new();
    };
    let events = schema.resolve(events);
    let item = match &events.additional_properties {
        crate::schema::AdditionalProperties::Schema(s) => schema.resolve(s),
        _ => return Vec::new(),
    };
    let branches = item.any_of.iter().chain(item.one_of.iter());
    let mut out = Vec::new();
    for branch in branches {
        let Some(definition) = branch.reference.as_deref() else {
            continue;
        };
        let shape = schema.resolve(branch);
        let name = shape
            .property("Type")
            .map(|t| schema.resolve(t))
            .and_then(|t| t.enum_values.first())
            .and_then(|l| match l {
                Literal::String(s) => Some(s.to_string()),
                _ => None,
            })
            .unwrap_or_else(|| definition.trim_end_matches("Event").to_string());
        out.push(EventType { name, shape });
    }
    out
}

/// The event type named `name` (exact).
pub fn event_type<'s>(schema: &'s ResourceSchema, name: &str) -> Option<EventType<'s>> {
    event_types(schema).into_iter().find(|e| e.name == name)
}

/// The span of the resource's `Events` value, whose schema findings are
/// The `Type` written for event `event` of resource `resource` (by logical
/// ID), read from the model.
pub fn declared_type<'d>(doc: &'d Document, resource: &str, event: &str) -> Option<&'d str> {
    let properties = doc.get(template::resource_node(doc, resource)?, "Properties")?;
    let event = doc.get(doc.get(properties, "Events")?, event)?;
    text(doc, doc.get(event, "Type")?)
}

/// replaced by [`check`]'s.
pub fn events_span(snapshot: &Snapshot, resource: &Resource) -> Option<Span> {
    let doc = &snapshot.document;
    let node = doc.get(resource.properties?, "Events")?;
    Some(doc.node(node).span)
}

pub fn check(
    snapshot: &Snapshot,
    template: &Template,
    resource: &Resource,
    schema: &ResourceSchema,
    findings: &mut Vec<Finding>,
) {
    let doc = &snapshot.document;
    let Some(events) = resource.properties.and_then(|p| doc.get(p, "Events")) else {
        return;
    };
    let Some(entries) = doc.mapping(events) else {
        // Not a mapping: the schema's type check applies.
        let mut local = Vec::new();
        if let Some(shape) = schema.property("Events") {
            let label = doc
                .entry(resource.properties.unwrap_or(events), "Events")
                .map(|e| e.key.span);
            validate_value(
                snapshot,
                schema,
                shape,
                events,
                label.unwrap_or(doc.node(events).span),
                &mut local,
            );
        }
        findings.extend(local);
        return;
    };
    let types = event_types(schema);
    for entry in entries {
        let node = entry.value;
        if doc.mapping(node).is_none() {
            if !is_intrinsic(doc, node) {
                findings.push(Finding::new(
                    Rule::SamInvalidEvent,
                    entry.key.span,
                    format!(
                        "The event `{}` must be a mapping with `Type` and `Properties`",
                        entry.key.text
                    ),
                ));
            }
            continue;
        }
        let Some(type_node) = doc.get(node, "Type") else {
            findings.push(Finding::new(Rule::SamMissingEventType,
                entry.key.span,
                format!("The event `{}` has no `Type`; add the event source type (`Api`, `S3`, `SQS`, ...)", entry.key.text),
            ));
            continue;
        };
        let Some(type_name) = text(doc, type_node) else {
            continue;
        };
        let Some(event) = types.iter().find(|t| t.name == type_name) else {
            let span = doc.node(doc.resolve(type_node)).span;
            let valid: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
            let finding = Finding::new(
                Rule::SamUnknownEventType,
                span,
                format!(
                    "`{type_name}` is not an event source type of `{}`; valid types are {}",
                    schema.type_name,
                    and_list(&valid)
                ),
            );
            findings.push(with_rename(
                snapshot,
                finding,
                type_name,
                span,
                valid.iter().copied(),
            ));
            continue;
        };
        let mut local = Vec::new();
        validate_value(
            snapshot,
            schema,
            event.shape,
            node,
            entry.key.span,
            &mut local,
        );
        let destination_types = destination_types(snapshot, node);
        local.retain(|f| !(f.rule == Rule::UnknownProperty && destination_types.contains(&f.span)));
        findings.extend(local);
        if event.name == "S3" {
            s3_bucket(snapshot, template, node, findings);
        }
    }
}

/// The `Type` keys of `DestinationConfig.OnFailure`/`OnSuccess`: SAM reads
/// them (`SQS`, `SNS`, ...) to grant the function access to the destination,
/// though the event source mapping's schema does not list them.
fn destination_types(snapshot: &Snapshot, event: NodeId) -> Vec<Span> {
    let doc = &snapshot.document;
    let Some(config) = doc
        .get(event, "Properties")
        .and_then(|p| doc.get(p, "DestinationConfig"))
    else {
        return Vec::new();
    };
    ["OnFailure", "OnSuccess"]
        .into_iter()
        .filter_map(|k| doc.get(config, k))
        .filter_map(|d| doc.entry(d, "Type"))
        .map(|e| e.key.span)
        .collect()
}

/// An S3 event's `Bucket` must be a `Ref` to an `AWS::S3::Bucket` of this template.
fn s3_bucket(snapshot: &Snapshot, template: &Template, event: NodeId, findings: &mut Vec<Finding>) {
    let doc = &snapshot.document;
    let Some(bucket) = doc
        .get(event, "Properties")
        .and_then(|p| doc.get(p, "Bucket"))
    else {
        return;
    };
    let span = doc.node(doc.resolve(bucket)).span;
    let problem = if let Some(target) = ref_target(doc, bucket) {
        if template.parameter(target).is_some() {
            Some(format!("`{target}` is a parameter"))
        } else {
            match template.resource(target).map(|r| r.type_name.as_deref()) {
                Some(Some("AWS::S3::Bucket")) | None => None,
                Some(Some(other)) => Some(format!("`{target}` is an `{other}`")),
                Some(None) => None,
            }
        }
    } else if let Some(intrinsic) = doc.intrinsic(bucket) {
        (intrinsic.function != "Fn::If").then(|| {
            format!(
                "`{}` does not name a resource of the template",
                intrinsic.function
            )
        })
    } else {
        Some("a literal name cannot be used".to_string())
    };
    if let Some(problem) = problem {
        findings.push(Finding::new(Rule::SamS3EventBucket,
            span,
            format!(
                "An S3 event's `Bucket` must be `!Ref` to an `AWS::S3::Bucket` declared in this template: {problem}"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::sam;

    #[test]
    fn event_types_come_from_the_schema() {
        let f = sam::resource("AWS::Serverless::Function").expect("schema");
        let names: Vec<String> = event_types(f).into_iter().map(|e| e.name).collect();
        for expected in [
            "S3",
            "SNS",
            "Kinesis",
            "DynamoDB",
            "SQS",
            "Api",
            "Schedule",
            "ScheduleV2",
            "CloudWatchEvent",
            "EventBridgeRule",
            "CloudWatchLogs",
            "IoTRule",
            "AlexaSkill",
            "Cognito",
            "HttpApi",
            "MSK",
            "MQ",
            "SelfManagedKafka",
            "DocumentDB",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
        let sm = sam::resource("AWS::Serverless::StateMachine").expect("schema");
        let names: Vec<String> = event_types(sm).into_iter().map(|e| e.name).collect();
        assert!(names.iter().any(|n| n == "EventBridgeRule"));
        assert!(!names.iter().any(|n| n == "SQS"));
        assert!(event_type(f, "S3").is_some_and(|e| e.shape.property("Properties").is_some()));
    }
}
