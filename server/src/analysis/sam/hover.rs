//! Hover in SAM templates: `AWS::Serverless::*` types and their properties
//! (with the SAM documentation of each), `Globals` sections and properties,
//! event source types, policy templates and their parameters, deployment
//! preference types and hooks (pointing to the CodeDeploy notes). Anything
//! else is left to the IAM and CloudFormation hovers.

use awsls_docs_index::Topic;
use awsls_grammars::{NodeId, Span};

use crate::analysis::cfn::describe;
use crate::analysis::cfn::hover::{model_path, Step};
use crate::analysis::cfn::template::Template;
use crate::analysis::{HoverInfo, Snapshot};
use crate::schema::{sam, ResourceSchema};

use super::functions::{DEPLOYMENT_TYPES, HOOKS};
use super::values::{and_list, is_serverless, text};
use super::{events, globals, shapes};

fn info(span: Span, markdown: String, topic: Option<Topic>) -> Option<HoverInfo> {
    Some(HoverInfo {
        span,
        markdown,
        topic,
    })
}

fn keys(path: &[Step]) -> Vec<&str> {
    path.iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            _ => None,
        })
        .collect()
}

pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    let doc = &snapshot.document;
    let location = doc.locate(offset);
    if let Some((mapping, index)) = location.key_of {
        let mut nodes: Vec<NodeId> = location.nodes.clone();
        while nodes.last().is_some_and(|n| *n != mapping) {
            nodes.pop();
        }
        let mut path = model_path(doc, &nodes);
        let entry = doc.mapping(mapping)?.get(index)?;
        path.push(Step::Key(entry.key.text.clone()));
        return key_hover(snapshot, &path, entry.key.span);
    }
    let node = *location.nodes.last()?;
    let value = text(doc, node)?;
    let path = model_path(doc, &location.nodes);
    value_hover(snapshot, &path, value, doc.node(node).span)
}

/// The SAM schema and the event type for a path `Resources.<name>.…`.
fn resource_of<'p>(
    snapshot: &Snapshot,
    path: &'p [Step],
) -> Option<(&'static ResourceSchema, Option<String>, &'p [Step])> {
    let doc = &snapshot.document;
    let (Some(Step::Key(section)), Some(Step::Key(name))) = (path.first(), path.get(1)) else {
        return None;
    };
    if section != "Resources" {
        return None;
    }
    let template = Template::of(snapshot);
    let resource = template.resource(name)?;
    let type_name = resource.type_name.as_deref().filter(|t| is_serverless(t))?;
    let schema = sam::resource(type_name)?;
    let rest = path.get(3..).unwrap_or_default();
    let event_type = match (rest.first(), rest.get(1)) {
        (Some(Step::Key(events)), Some(Step::Key(event))) if events == "Events" => resource
            .properties
            .and_then(|p| doc.get(p, "Events"))
            .and_then(|e| doc.get(e, event))
            .and_then(|e| doc.get(e, "Type"))
            .and_then(|t| text(doc, t))
            .map(str::to_string),
        _ => None,
    };
    Some((schema, event_type, rest))
}

fn key_hover(snapshot: &Snapshot, path: &[Step], span: Span) -> Option<HoverInfo> {
    let names = keys(path);
    match names.as_slice() {
        ["Globals", section] => {
            let s = globals::section(section)?;
            let markdown = format!(
                "**Globals.{}** · properties every `{}` inherits\n\nAllowed here: {}",
                s.name,
                s.resource_type,
                and_list(&s.names())
            );
            return info(
                span,
                markdown,
                Some(Topic::SamResourceType(s.resource_type.to_string())),
            );
        }
        ["Globals", section, property] => {
            let s = globals::section(section)?;
            let schema = sam::resource(s.resource_type)?;
            let shape = schema.property(property)?;
            let mut markdown = describe::property_markdown(schema, &[property], shape, false);
            if let Some(doc) = sam::property_doc(s.resource_type, &[property]) {
                markdown = format!("{markdown}\n\n{}", doc.trim());
            }
            markdown.push_str(&format!(
                "\n\nSet in `Globals`: every `{}` inherits it unless it sets its own.",
                s.resource_type
            ));
            return info(
                span,
                markdown,
                Some(property_topic(s.resource_type, &[property])),
            );
        }
        _ => {}
    }
    let (schema, event_type, rest) = resource_of(snapshot, path)?;
    if !matches!(path.get(2), Some(Step::Key(k)) if k == "Properties") {
        return None;
    }
    let rest_keys = keys(rest);
    let type_name = &*schema.type_name;
    // Policy templates and their parameters.
    if let (Some(Step::Key(p)), Some(Step::Index(_)) | None) = (rest.first(), rest.get(1)) {
        if p == "Policies" {
            if let Some(found) = policy_hover(&rest_keys, span) {
                return Some(found);
            }
        }
    }
    let property_path: Vec<&str> = rest_keys.clone();
    let shape = shapes::at(schema, &property_path, event_type.as_deref())?;
    let required = match property_path.split_last() {
        Some((last, parents)) => shapes::at(schema, parents, event_type.as_deref())
            .is_some_and(|parent| shapes::is_required(schema, parent, last)),
        None => false,
    };
    let mut markdown = describe::property_markdown(schema, &property_path, shape, required);
    if let Some(doc) = sam::property_doc(type_name, &property_path) {
        markdown = format!("{markdown}\n\n{}", doc.trim());
    }
    info(
        span,
        markdown,
        Some(property_topic(type_name, &property_path)),
    )
}

/// The notes topic of a property: CodeDeploy for deployment preferences,
/// the AppSpec hook for traffic hooks, else the property itself.
fn property_topic(type_name: &str, path: &[&str]) -> Topic {
    match path {
        ["DeploymentPreference", "Hooks", hook] => match HOOKS.iter().find(|(h, _)| h == hook) {
            Some((_, appspec)) => Topic::AppSpecHook((*appspec).to_string()),
            None => Topic::Service("CodeDeploy".to_string()),
        },
        ["DeploymentPreference", ..] => Topic::Service("CodeDeploy".to_string()),
        _ => Topic::Property {
            resource_type: type_name.to_string(),
            property: path.join("."),
        },
    }
}

/// `Policies: [{TemplateName: {Parameter: …}}]`.
fn policy_hover(path: &[&str], span: Span) -> Option<HoverInfo> {
    let (template, parameter) = match path {
        ["Policies", template] => (*template, None),
        ["Policies", template, parameter] => (*template, Some(*parameter)),
        _ => return None,
    };
    let found = sam::policy_template(template)?;
    let markdown = match parameter {
        None => {
            let params: Vec<&str> = found.parameters.iter().map(|p| &**p).collect();
            let params = if params.is_empty() {
                "none (write `{}`)".to_string()
            } else {
                and_list(&params)
            };
            format!(
                "**{}** · SAM policy template\n\n{}\n\n**Parameters:** {params}\n\n[Policy templates](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html)",
                found.name, found.description
            )
        }
        Some(p) if found.parameters.iter().any(|x| &**x == p) => {
            format!(
                "**{p}** · parameter of the SAM policy template `{}`\n\n{}",
                found.name, found.description
            )
        }
        Some(_) => return None,
    };
    info(span, markdown, Some(Topic::Service("IAM".to_string())))
}

fn value_hover(snapshot: &Snapshot, path: &[Step], value: &str, span: Span) -> Option<HoverInfo> {
    let names = keys(path);
    match names.as_slice() {
        ["Resources", _, "Type"] if is_serverless(value) => {
            let schema = sam::resource(value)?;
            return info(
                span,
                describe::resource_markdown(schema),
                Some(Topic::SamResourceType(value.to_string())),
            );
        }
        ["Resources", _, "Properties", "Events", _, "Type"] => {
            let (schema, _, _) = resource_of(snapshot, path)?;
            let event = events::event_type(schema, value)?;
            let props = shapes::at(schema, &["Events", "E", "Properties"], Some(value));
            let listed: Vec<String> = props
                .map(|p| {
                    shapes::property_names(schema, p)
                        .into_iter()
                        .map(|n| {
                            if shapes::is_required(schema, p, n) {
                                format!("`{n}` (required)")
                            } else {
                                format!("`{n}`")
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut markdown = format!(
                "**{}** · event source type of `{}`",
                event.name, schema.type_name
            );
            if !listed.is_empty() {
                markdown.push_str(&format!("\n\n**Properties:** {}", listed.join(", ")));
            }
            return info(span, markdown, Some(event_topic(&event.name)));
        }
        ["Resources", _, "Properties", "DeploymentPreference", "Type"] => {
            let (name, description) = DEPLOYMENT_TYPES.iter().find(|(t, _)| *t == value)?;
            let markdown = format!(
                "**{name}** · CodeDeploy deployment configuration `CodeDeployDefault.Lambda{name}`\n\n{description}"
            );
            return info(
                span,
                markdown,
                Some(Topic::Service("CodeDeploy".to_string())),
            );
        }
        _ => {}
    }
    None
}

/// The notes topic of an event source type: the service it listens to.
fn event_topic(event: &str) -> Topic {
    let service = match event {
        "Api" | "HttpApi" => "ApiGateway",
        "Schedule" | "CloudWatchEvent" | "EventBridgeRule" => "Events",
        "ScheduleV2" => "Scheduler",
        "CloudWatchLogs" => "Logs",
        "IoTRule" => "IoT",
        "AlexaSkill" => "Alexa",
        "MSK" | "SelfManagedKafka" => "MSK",
        "MQ" => "AmazonMQ",
        other => other,
    };
    Topic::Service(service.to_string())
}
