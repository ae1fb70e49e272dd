//! Hover in policy documents: actions (description, access level, resource
//! types, condition keys), wildcards (what they match), service prefixes,
//! condition operators and keys, resources and statement elements.

use std::fmt::Write as _;

use awsls_docs_index::Topic;
use awsls_grammars::{Document, NodeId, Span};

use crate::analysis::{HoverInfo, Snapshot};
use crate::schema::iam::{self, Service};

use super::actions::{self, Parsed};
use super::condition_keys;
use super::locate::{self, Place};
use super::operators::{self, Family};
use super::statement::{self, Policy};
use super::values::{self, Value};
use super::{arn, Ctx};

/// How many matching actions a wildcard hover lists.
const WILDCARD_LIST: usize = 12;

pub fn hover(snapshot: &Snapshot, policy: Policy, offset: usize) -> Option<HoverInfo> {
    let doc: &Document = &snapshot.document;
    let ctx = Ctx {
        snapshot,
        doc,
        kind: policy.kind,
    };
    let (place, _) = locate::place(snapshot, policy.root, offset);
    let location = doc.locate(offset);
    if let Some((mapping, index)) = location.key_of {
        let entry = doc.mapping(mapping).and_then(|e| e.get(index))?;
        return key_hover(&ctx, &place, &entry.key.text, entry.key.span);
    }
    let node = *location.nodes.last()?;
    match place {
        Place::Action { .. } => {
            let value = text_value(&ctx, node)?;
            action_hover(&value, offset)
        }
        Place::Resource { statement } => {
            let value = text_value(&ctx, node)?;
            resource_hover(&ctx, statement, &value)
        }
        Place::ServicePrincipal => {
            let Value::Text { text, inner, .. } = text_value(&ctx, node)? else {
                return None;
            };
            let service = text.split('.').next().and_then(iam::service)?;
            let md = format!(
                "**{text}**: the service principal of {} (`{}`); the service itself acts with the permissions granted here.",
                service.name, service.prefix
            );
            info(inner, md, Some(Topic::Service(service.prefix.to_string())))
        }
        _ => None,
    }
}

fn text_value(ctx: &Ctx, node: NodeId) -> Option<Value> {
    let value = values::value(ctx.snapshot, ctx.doc, node);
    value.text()?;
    Some(value)
}

fn info(span: Span, markdown: String, topic: Option<Topic>) -> Option<HoverInfo> {
    Some(HoverInfo {
        span,
        markdown,
        topic,
    })
}

fn key_hover(ctx: &Ctx, place: &Place, key: &str, span: Span) -> Option<HoverInfo> {
    match place {
        Place::ConditionOperator { .. } => {
            let operator = operators::parse_operator(key)?;
            let mut md = format!(
                "**{key}** (condition operator)\n\n{}\n\nCompares {}.",
                operator.base.summary,
                operator.base.family.describe()
            );
            if operator.if_exists {
                md.push_str("\n\n`IfExists`: also true when the key is absent from the request.");
            }
            match operator.set {
                Some("ForAllValues:") => md.push_str("\n\n`ForAllValues:` every value in the request must match one of the listed values (true when the key is absent or empty)."),
                Some(_) => md.push_str("\n\n`ForAnyValue:` at least one value in the request must match one of the listed values."),
                None => {}
            }
            info(span, md, None)
        }
        Place::ConditionKey {
            statement,
            operator,
        } => {
            let read = statement::read(ctx.doc, *statement)?;
            let scope = actions::scope(ctx, &read);
            let found = condition_keys::lookup(key, &scope).ok().flatten()?;
            let mut md = format!("**{key}** (condition key)");
            if let Some(ty) = &found.ty {
                let _ = write!(md, "\n\nType: `{ty}`");
            }
            if let Some(description) = &found.description {
                let _ = write!(md, "\n\n{description}");
            }
            if found.name != key {
                let _ = write!(md, "\n\nReference name: `{}`", found.name);
            }
            if let Some(op) = operators::parse_operator(operator) {
                if op.base.family == Family::Null {
                    md.push_str(
                        "\n\nWith `Null`: \"true\" when the key is absent, \"false\" when present.",
                    );
                }
            }
            info(span, md, None)
        }
        Place::StatementKey { .. } | Place::PolicyKey => {
            let text = element_doc(key)?;
            info(span, format!("**{key}**\n\n{text}"), None)
        }
        _ => None,
    }
}

/// One-line reference for the policy and statement elements.
fn element_doc(key: &str) -> Option<&'static str> {
    Some(match key {
        "Version" => "The policy language version. Always use `2012-10-17`; `2008-10-17` lacks policy variables.",
        "Id" => "An optional identifier for the policy.",
        "Statement" => "One statement or a list of statements.",
        "Sid" => "An optional statement identifier, unique within the policy.",
        "Effect" => "`Allow` or `Deny`. An explicit Deny overrides any Allow.",
        "Principal" => "Who the statement applies to (resource-based and trust policies only): `\"*\"` or `{AWS | Service | Federated | CanonicalUser: ...}`.",
        "NotPrincipal" => "Every principal except the listed ones. Avoid it with Allow.",
        "Action" => "The actions the statement covers, as `service:Action`; `*` and `?` wildcards are allowed.",
        "NotAction" => "Every action except the listed ones.",
        "Resource" => "The resources the statement covers, as ARNs or `*`.",
        "NotResource" => "Every resource except the listed ones.",
        "Condition" => "When the statement applies: `{Operator: {ConditionKey: value or values}}`. All operators and keys must match; values in a list are alternatives.",
        _ => return None,
    })
}

fn action_hover(value: &Value, offset: usize) -> Option<HoverInfo> {
    let Value::Text {
        text,
        inner,
        verbatim,
        ..
    } = value
    else {
        return None;
    };
    let (service_text, name) = match actions::parse(text) {
        Parsed::All => {
            return info(
                *inner,
                "**\\***: every action of every service.".to_string(),
                None,
            );
        }
        Parsed::Pair { service, name } => (service, name),
        Parsed::Malformed => return None,
    };
    let service = iam::service(service_text)?;
    let on_prefix = *verbatim && offset < inner.start + service_text.len() + 1;
    if on_prefix {
        return service_hover(
            service,
            Span::new(inner.start, inner.start + service_text.len()),
        );
    }
    let topic = Some(Topic::IamAction(text.clone()));
    if actions::has_wildcard(name) {
        let matched: Vec<_> = iam::match_actions(&service.prefix, name).collect();
        let mut md = format!(
            "**{text}** matches {} {} action(s)",
            matched.len(),
            service.name
        );
        for action in matched.iter().take(WILDCARD_LIST) {
            let _ = write!(
                md,
                "\n- `{}:{}` ({})",
                service.prefix,
                action.name,
                action.access_level.as_str()
            );
        }
        if matched.len() > WILDCARD_LIST {
            let _ = write!(md, "\n- and {} more", matched.len() - WILDCARD_LIST);
        }
        return info(*inner, md, topic);
    }
    let action = service.action(name)?;
    let mut md = format!(
        "**{}:{}** ({})\n\n{}\n\nAccess level: {}",
        service.prefix,
        action.name,
        service.name,
        action.description,
        action.access_level.as_str()
    );
    if action.resource_types.is_empty() {
        md.push_str("\n\nResource types: none (use `\"Resource\": \"*\"`)");
    } else {
        md.push_str("\n\nResource types:");
        for rt in action.resource_types.iter() {
            let format = service
                .resource_type(&rt.name)
                .map(|r| format!(" — `{}`", r.arn_format))
                .unwrap_or_default();
            let required = if rt.required { " (required)" } else { "" };
            let _ = write!(md, "\n- {}{required}{format}", rt.name);
        }
    }
    if !action.condition_keys.is_empty() {
        let keys: Vec<String> = action
            .condition_keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect();
        let _ = write!(md, "\n\nCondition keys: {}", keys.join(", "));
    }
    if !action.dependent_actions.is_empty() {
        let deps: Vec<String> = action
            .dependent_actions
            .iter()
            .map(|k| format!("`{k}`"))
            .collect();
        let _ = write!(md, "\n\nAlso needs: {}", deps.join(", "));
    }
    info(*inner, md, topic)
}

fn service_hover(service: &Service, span: Span) -> Option<HoverInfo> {
    let md = format!(
        "**{}** — {}\n\n{} actions, {} resource types, {} condition keys.\n\n[Service Authorization Reference]({})",
        service.prefix,
        service.name,
        service.actions.len(),
        service.resource_types.len(),
        service.condition_keys.len(),
        service.url
    );
    info(span, md, Some(Topic::Service(service.prefix.to_string())))
}

fn resource_hover(ctx: &Ctx, statement: NodeId, value: &Value) -> Option<HoverInfo> {
    let Value::Text { text, inner, .. } = value else {
        return None;
    };
    if text == "*" {
        return info(*inner, "**\\***: every resource.".to_string(), None);
    }
    if arn::syntax_error(text).is_some() {
        return None;
    }
    let read = statement::read(ctx.doc, statement)?;
    let scope = actions::scope(ctx, &read);
    let glob = values::mask_variables(text, "*");
    let mut matches: Vec<String> = Vec::new();
    for service in &scope.services {
        for rt in service.resource_types.iter() {
            if arn::arns_intersect(&values::mask_variables(&rt.arn_format, "*"), &glob) {
                let line = format!("- {} `{}` — `{}`", service.prefix, rt.name, rt.arn_format);
                if !matches.contains(&line) {
                    matches.push(line);
                }
            }
        }
    }
    if matches.is_empty() {
        return None;
    }
    let md = format!(
        "**Resource types this ARN can name**\n{}",
        matches.join("\n")
    );
    info(*inner, md, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hover_at(text: &str, marker: &str) -> Option<HoverInfo> {
        let offset = text.find(marker).expect("marker") + marker.len();
        let name = if text.starts_with('{') {
            "p.json"
        } else {
            "p.yaml"
        };
        let snapshot = Snapshot::from_text(name, text);
        super::super::hover(&snapshot, offset)
    }

    const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:Get*"],"Resource":"arn:aws:s3:::b/*","Condition":{"StringEqualsIfExists":{"s3:prefix":"x"}}}]}"#;

    #[test]
    fn action_and_service() {
        let hover = hover_at(POLICY, "s3:GetOb").expect("hover");
        assert!(
            hover.markdown.contains("Access level: Read"),
            "{}",
            hover.markdown
        );
        assert!(hover.markdown.contains("object"));
        assert_eq!(&POLICY[hover.span.start..hover.span.end], "s3:GetObject");
        let hover = hover_at(POLICY, "\"s").expect("hover");
        assert!(hover.markdown.contains("Amazon S3"), "{}", hover.markdown);
        assert_eq!(&POLICY[hover.span.start..hover.span.end], "s3");
    }

    #[test]
    fn wildcard_lists_matches() {
        let hover = hover_at(POLICY, "s3:Ge").expect("hover");
        assert!(hover.markdown.contains("s3:GetObject"));
        let hover = hover_at(POLICY, "s3:Get*").expect("hover");
        assert!(hover.markdown.contains("matches"), "{}", hover.markdown);
    }

    #[test]
    fn conditions_and_resources() {
        let hover = hover_at(POLICY, "StringEqualsIf").expect("hover");
        assert!(hover.markdown.contains("IfExists"));
        let hover = hover_at(POLICY, "s3:pre").expect("hover");
        assert!(hover.markdown.contains("String"), "{}", hover.markdown);
        let hover = hover_at(POLICY, "arn:aws:s3:::b").expect("hover");
        assert!(hover.markdown.contains("object"), "{}", hover.markdown);
        let hover = hover_at(POLICY, "\"Effe").expect("hover");
        assert!(hover.markdown.contains("Allow"));
        let trust = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Principal: {Service: states.amazonaws.com}\n    Action: sts:AssumeRole\n";
        let hover = hover_at(trust, "states.amaz").expect("hover");
        assert!(
            hover.markdown.contains("Step Functions"),
            "{}",
            hover.markdown
        );
    }
}
