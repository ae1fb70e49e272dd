//! Whether the list of resources SAM generates for a template can be
//! complete: only then may the reference rules report an undeclared name
//! that merely looks generated.

use awsls_grammars::NodeId;

use crate::analysis::cfn::template::Template;
use crate::analysis::Snapshot;

use super::globals;
use super::values::{may_set, text};

/// Serverless types whose generated names [`super::implicit::generated`] lists in full.
const MODELLED_TYPES: &[&str] = &[
    "AWS::Serverless::Function",
    "AWS::Serverless::StateMachine",
    "AWS::Serverless::Api",
    "AWS::Serverless::HttpApi",
    "AWS::Serverless::SimpleTable",
    "AWS::Serverless::LayerVersion",
    "AWS::Serverless::Application",
];

/// Event source types whose generated names [`super::implicit::generated`] lists in full.
const MODELLED_EVENTS: &[&str] = &[
    "Api",
    "HttpApi",
    "S3",
    "SNS",
    "SQS",
    "Kinesis",
    "DynamoDB",
    "MSK",
    "MQ",
    "SelfManagedKafka",
    "DocumentDB",
    "Schedule",
    "CloudWatchEvent",
    "EventBridgeRule",
    "ScheduleV2",
    "CloudWatchLogs",
    "IoTRule",
    "Cognito",
    "AlexaSkill",
];

/// True when the generated names can be listed completely: known resource
/// and event kinds, names (stages, aliases) written as plain text, and no
/// custom domains or authorizers, whose resources carry derived names.
pub fn is_complete(snapshot: &Snapshot, template: &Template) -> bool {
    let doc = &snapshot.document;
    let plain = |node: Option<NodeId>| node.is_none_or(|n| text(doc, n).is_some());
    for api_type in ["AWS::Serverless::Api", "AWS::Serverless::HttpApi"] {
        if ["Domain", "Auth"]
            .iter()
            .any(|p| globals::inherited(snapshot, api_type, p).is_some())
        {
            return false;
        }
    }
    for resource in &template.resources {
        let Some(type_name) = resource.type_name.as_deref() else {
            return false;
        };
        if !type_name.starts_with("AWS::Serverless::") {
            continue;
        }
        if !MODELLED_TYPES.contains(&type_name) {
            return false;
        }
        let props = resource.properties;
        if props.is_some_and(|p| doc.mapping(p).is_none()) || may_set(doc, props, "<<") {
            return false;
        }
        let own = |p: &str| props.and_then(|n| doc.get(n, p));
        let merged = |p: &str| own(p).or_else(|| globals::inherited(snapshot, type_name, p));
        if !plain(merged("AutoPublishAlias")) || !plain(merged("StageName")) {
            return false;
        }
        if own("Domain").is_some()
            || own("Auth").is_some_and(|a| doc.get(a, "Authorizers").is_some())
        {
            return false;
        }
        if let Some(events) = own("Events") {
            let Some(entries) = doc.mapping(events) else {
                return false;
            };
            let known = entries.iter().all(|e| {
                doc.get(e.value, "Type")
                    .and_then(|t| text(doc, t))
                    .is_some_and(|t| MODELLED_EVENTS.contains(&t))
            });
            if !known {
                return false;
            }
        }
    }
    true
}
