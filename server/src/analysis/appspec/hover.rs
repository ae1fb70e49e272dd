//! Hover in AppSpec files: what each key means, and for lifecycle events when
//! they run, with the platform's events in order.

use awsls_docs_index::Topic;
use awsls_grammars::{Document, NodeId, Span};

use super::cursor::model_path;
use super::events;
use super::platform::{self, Platform};
use super::shapes::{self, KeyDoc, Place};
use crate::analysis::{HoverInfo, Snapshot};

pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    let doc = &snapshot.document;
    let root = doc.root()?;
    let platform = platform::detect(doc, root);
    let location = doc.locate(offset);
    if let Some((mapping, index)) = location.key_of {
        let entry = doc.mapping(mapping)?.get(index)?;
        let path = model_path(doc, &location.nodes);
        return key_hover(&path, platform, &entry.key.text, entry.key.span);
    }
    let value = *location.nodes.last()?;
    let parent = *location.nodes.iter().rev().nth(1)?;
    doc.scalar(value)?;
    let key = doc.mapping(parent)?.iter().find(|e| e.value == value)?;
    let path = model_path(doc, location.nodes.get(..location.nodes.len() - 1)?);
    value_hover(doc, &path, platform, &key.key.text, value)
}

fn key_hover(
    path: &[shapes::Seg],
    platform: Option<Platform>,
    name: &str,
    span: Span,
) -> Option<HoverInfo> {
    match shapes::place(path, platform)? {
        Place::Shape(shape) => {
            let doc = shapes::key_doc(shape, name)?;
            Some(HoverInfo {
                span,
                markdown: key_markdown(name, doc),
                topic: None,
            })
        }
        Place::Ec2Hooks => event_hover(platform.unwrap_or(Platform::Ec2), name, span),
        Place::FunctionHook(p) => event_hover(p, name, span),
        Place::ResourceItem(p) => Some(HoverInfo {
            span,
            markdown: format!(
                "**{name}**\n\nThe name of the {} this file deploys; its definition holds `Type` and `Properties`.",
                match p {
                    Platform::Ecs => "ECS service (`TargetService`)",
                    _ => "Lambda function",
                }
            ),
            topic: None,
        }),
    }
}

fn key_markdown(name: &str, doc: &KeyDoc) -> String {
    let mut out = format!(
        "**{name}** ({})\n\n{}",
        if doc.required { "required" } else { "optional" },
        doc.doc
    );
    if !doc.values.is_empty() {
        out.push_str("\n\nValues:\n");
        for (value, meaning) in doc.values {
            out.push_str(&format!("- `{value}`: {meaning}\n"));
        }
    }
    if doc.linux_only {
        out.push_str("\n\nLinux instances only.");
    }
    out
}

/// The event on `platform`, or on the platform where it takes hooks.
fn event_hover(platform: Platform, name: &str, span: Span) -> Option<HoverInfo> {
    let owner = if events::find(platform, name).is_some() {
        platform
    } else {
        *events::hookable_elsewhere(platform, name).first()?
    };
    let event = events::find(owner, name)?;
    let mut markdown = format!(
        "**{name}** ({} lifecycle event)\n\n{}",
        owner.label(),
        event.doc
    );
    if !event.hookable {
        markdown.push_str("\n\nCodeDeploy runs this event itself: it cannot have hooks.");
    }
    if owner != platform {
        markdown.push_str(&format!(
            "\n\nNot an event of {} deployments.",
            platform.label()
        ));
    }
    markdown.push_str("\n\n");
    markdown.push_str(&events::order_markdown(owner, name));
    Some(HoverInfo {
        span,
        markdown,
        topic: Some(Topic::AppSpecHook(name.to_string())),
    })
}

fn value_hover(
    doc: &Document,
    path: &[shapes::Seg],
    platform: Option<Platform>,
    key: &str,
    value: NodeId,
) -> Option<HoverInfo> {
    let span = doc.node(value).span;
    let written = doc.str_value(value)?;
    match shapes::place(path, platform)? {
        Place::Shape(shape) => {
            let key_doc = shapes::key_doc(shape, key)?;
            let (_, meaning) = key_doc.values.iter().find(|(v, _)| *v == written)?;
            Some(HoverInfo {
                span,
                markdown: format!("**{key}: {written}**\n\n{meaning}"),
                topic: None,
            })
        }
        Place::FunctionHook(p) => {
            let event = events::find(p, key)?;
            Some(HoverInfo {
                span,
                markdown: format!(
                    "**{written}**\n\nThe Lambda function CodeDeploy invokes at `{key}`. It must report success or failure with `PutLifecycleEventHookExecutionStatus`.\n\n{}",
                    event.doc
                ),
                topic: Some(Topic::AppSpecHook(key.to_string())),
            })
        }
        _ => None,
    }
}
