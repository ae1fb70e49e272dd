//! Completion in policy documents: element names, `Effect` and `Version`
//! values, service prefixes and actions, ARN skeletons for the statement's
//! actions, condition operators and condition keys.
//!
//! Every entry replaces exactly the word being typed. For actions that word
//! is the whole `service:Action` text, so entries are labelled
//! `s3:GetObject` and editors filter them against `s3:Get`.

use awsls_grammars::{NodeId, Span};

use crate::analysis::{CompletionEntry, CompletionKind, Snapshot};
use crate::schema::iam;

use super::actions;
use super::condition_keys;
use super::locate::{self, Place};
use super::operators::{OPERATORS, SET_PREFIXES};
use super::principal::{COMMON_SERVICE_PRINCIPALS, PRINCIPAL_KEYS};
use super::statement::{self, Policy, POLICY_KEYS, STATEMENT_KEYS};
use super::values;
use super::Ctx;

pub fn complete(snapshot: &Snapshot, policy: Policy, offset: usize) -> Vec<CompletionEntry> {
    let doc = &snapshot.document;
    let ctx = Ctx {
        snapshot,
        doc,
        kind: policy.kind,
    };
    let (place, _) = locate::place(snapshot, policy.root, offset);
    let (replace, word) = locate::word_at(snapshot, offset);
    match place {
        Place::PolicyKey => keys(POLICY_KEYS, present(&ctx, policy.root), replace),
        Place::Version => simple(&["2012-10-17"], CompletionKind::Value, replace),
        Place::StatementKey { statement } => {
            keys(STATEMENT_KEYS, present(&ctx, statement), replace)
        }
        Place::Effect { .. } => simple(&["Allow", "Deny"], CompletionKind::EnumMember, replace),
        Place::Action { .. } => action_entries(&word, replace),
        Place::Resource { statement } => resource_entries(&ctx, statement, replace),
        Place::PrincipalKey { .. } => simple(PRINCIPAL_KEYS, CompletionKind::Property, replace),
        Place::ServicePrincipal => {
            simple(COMMON_SERVICE_PRINCIPALS, CompletionKind::Value, replace)
        }
        Place::ConditionOperator { .. } => operator_entries(&word, replace),
        Place::ConditionKey { statement, .. } => key_entries(&ctx, statement, replace),
        Place::ConditionValue { statement, key, .. } => {
            value_entries(&ctx, statement, &key, replace)
        }
        Place::Other => Vec::new(),
    }
}

/// The keys already written in a mapping.
fn present(ctx: &Ctx, mapping: NodeId) -> Vec<String> {
    ctx.doc
        .mapping(mapping)
        .map(|entries| entries.iter().map(|e| e.key.text.clone()).collect())
        .unwrap_or_default()
}

fn keys(names: &[&str], present: Vec<String>, replace: Span) -> Vec<CompletionEntry> {
    names
        .iter()
        .enumerate()
        .filter(|(_, n)| !present.iter().any(|p| p == *n))
        .map(|(i, n)| {
            let mut entry = CompletionEntry::new(*n, CompletionKind::Property, replace);
            entry.sort_text = Some(format!("{i:02}"));
            entry
        })
        .collect()
}

fn simple(names: &[&str], kind: CompletionKind, replace: Span) -> Vec<CompletionEntry> {
    names
        .iter()
        .map(|n| CompletionEntry::new(*n, kind, replace))
        .collect()
}

fn action_entries(word: &str, replace: Span) -> Vec<CompletionEntry> {
    let Some((service_text, _)) = word.split_once(':') else {
        let mut out = vec![CompletionEntry::new("*", CompletionKind::Value, replace)];
        for prefix in iam::service_prefixes() {
            let mut entry = CompletionEntry::new(&**prefix, CompletionKind::Module, replace);
            entry.insert_text = format!("{prefix}:");
            entry.filter_text = Some(format!("{prefix}:"));
            if let Some(service) = iam::service(prefix) {
                entry.detail = Some(service.name.to_string());
            }
            out.push(entry);
        }
        return out;
    };
    let Some(service) = iam::service(service_text) else {
        return Vec::new();
    };
    let mut out = vec![{
        let mut entry = CompletionEntry::new(
            format!("{}:*", service.prefix),
            CompletionKind::Value,
            replace,
        );
        entry.detail = Some(format!("every {} action", service.name));
        entry.sort_text = Some("0".to_string());
        entry
    }];
    for action in service.actions.iter() {
        let mut entry = CompletionEntry::new(
            format!("{}:{}", service.prefix, action.name),
            CompletionKind::Function,
            replace,
        );
        entry.detail = Some(action.access_level.as_str().to_string());
        entry.documentation = Some(action.description.to_string());
        out.push(entry);
    }
    out
}

/// Turns an ARN format (`arn:${Partition}:s3:::${BucketName}`) into a snippet
/// with one tab stop per variable.
fn arn_snippet(format: &str) -> String {
    let mut out = String::new();
    let mut rest = format;
    let mut n = 0;
    while let Some(start) = rest.find("${") {
        out.push_str(&escape_snippet(rest.get(..start).unwrap_or_default()));
        let after = rest.get(start + 2..).unwrap_or_default();
        let Some(end) = after.find('}') else {
            out.push_str(&escape_snippet(rest.get(start..).unwrap_or_default()));
            return out;
        };
        n += 1;
        let name = after.get(..end).unwrap_or_default();
        let default = if name == "Partition" { "aws" } else { name };
        out.push_str(&format!("${{{n}:{default}}}"));
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(&escape_snippet(rest));
    out
}

fn escape_snippet(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}

fn resource_entries(ctx: &Ctx, statement: NodeId, replace: Span) -> Vec<CompletionEntry> {
    let mut out = vec![CompletionEntry::new("*", CompletionKind::Value, replace)];
    let Some(read) = statement::read(ctx.doc, statement) else {
        return out;
    };
    let scope = actions::scope(ctx, &read);
    let mut formats: Vec<String> = Vec::new();
    for (service, action) in &scope.actions {
        for rt in action.resource_types.iter() {
            let Some(resource_type) = service.resource_type(&rt.name) else {
                continue;
            };
            let format = resource_type.arn_format.to_string();
            if formats.contains(&format) {
                continue;
            }
            formats.push(format.clone());
            let mut entry = CompletionEntry::new(format.clone(), CompletionKind::Snippet, replace);
            entry.insert_text = arn_snippet(&format);
            entry.snippet = true;
            entry.detail = Some(format!("{} {}", service.prefix, rt.name));
            entry.filter_text = Some(values::mask_variables(&format, ""));
            out.push(entry);
        }
    }
    out
}

fn operator_entries(word: &str, replace: Span) -> Vec<CompletionEntry> {
    let set = SET_PREFIXES
        .iter()
        .find(|p| word.starts_with(**p))
        .copied()
        .unwrap_or("");
    let mut out = Vec::new();
    if set.is_empty() {
        for prefix in SET_PREFIXES {
            let mut entry = CompletionEntry::new(*prefix, CompletionKind::Keyword, replace);
            entry.detail = Some("set operator for multivalued keys".to_string());
            entry.sort_text = Some(format!("z{prefix}"));
            out.push(entry);
        }
    }
    for operator in OPERATORS {
        for suffix in ["", "IfExists"] {
            if suffix == "IfExists" && operator.name == "Null" {
                continue;
            }
            let mut entry = CompletionEntry::new(
                format!("{set}{}{suffix}", operator.name),
                CompletionKind::Keyword,
                replace,
            );
            entry.detail = Some(format!("compares {}", operator.family.describe()));
            entry.documentation = Some(operator.summary.to_string());
            entry.sort_text = Some(format!(
                "{}{}",
                if suffix.is_empty() { "a" } else { "b" },
                operator.name
            ));
            out.push(entry);
        }
    }
    out
}

fn key_entries(ctx: &Ctx, statement: NodeId, replace: Span) -> Vec<CompletionEntry> {
    let mut out: Vec<CompletionEntry> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut push =
        |name: &str, ty: &str, description: &str, sort: &str, out: &mut Vec<CompletionEntry>| {
            let insert = condition_keys::mask_key(name, "");
            if seen.iter().any(|s| s.eq_ignore_ascii_case(&insert)) {
                return;
            }
            seen.push(insert.clone());
            let mut entry = CompletionEntry::new(name, CompletionKind::Property, replace);
            entry.insert_text = insert.clone();
            entry.filter_text = Some(insert);
            entry.detail = Some(ty.to_string());
            entry.documentation = Some(description.to_string());
            entry.sort_text = Some(format!("{sort}{name}"));
            out.push(entry);
        };
    if let Some(read) = statement::read(ctx.doc, statement) {
        let scope = actions::scope(ctx, &read);
        for service in &scope.services {
            for key in service.condition_keys.iter() {
                push(&key.name, &key.ty, &key.description, "a", &mut out);
            }
        }
    }
    for key in iam::global_condition_keys() {
        push(key.name, key.ty, key.description, "b", &mut out);
    }
    out
}

fn value_entries(ctx: &Ctx, statement: NodeId, key: &str, replace: Span) -> Vec<CompletionEntry> {
    let Some(read) = statement::read(ctx.doc, statement) else {
        return Vec::new();
    };
    let scope = actions::scope(ctx, &read);
    let ty = condition_keys::lookup(key, &scope)
        .ok()
        .flatten()
        .and_then(|k| k.ty);
    match ty.as_deref() {
        Some("Bool" | "ArrayOfBool") => simple(&["true", "false"], CompletionKind::Value, replace),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete_at(text: &str, marker: &str) -> Vec<CompletionEntry> {
        let offset = text.find(marker).expect("marker") + marker.len();
        let name = if text.starts_with('{') {
            "p.json"
        } else {
            "p.yaml"
        };
        let snapshot = Snapshot::from_text(name, text);
        super::super::complete(&snapshot, offset)
    }

    fn labels(entries: &[CompletionEntry]) -> Vec<&str> {
        entries.iter().map(|e| e.label.as_str()).collect()
    }

    #[test]
    fn actions_of_a_service_replace_the_word() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get"],"Resource":"*"}]}"#;
        let entries = complete_at(text, "s3:Get");
        let get = entries
            .iter()
            .find(|e| e.label == "s3:GetObject")
            .expect("GetObject");
        assert_eq!(get.detail.as_deref(), Some("Read"));
        assert_eq!(&text[get.replace.start..get.replace.end], "s3:Get");
    }

    #[test]
    fn service_prefixes_in_yaml() {
        let text = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action:\n      - dynam\n    Resource: '*'\n";
        let entries = complete_at(text, "dynam");
        let dynamodb = entries
            .iter()
            .find(|e| e.label == "dynamodb")
            .expect("dynamodb");
        assert_eq!(dynamodb.insert_text, "dynamodb:");
        assert_eq!(&text[dynamodb.replace.start..dynamodb.replace.end], "dynam");
    }

    #[test]
    fn effect_operators_keys_and_arns() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Al","Action":"s3:GetObject","Resource":"arn","Condition":{"StringEq":{"aws:Sour":"x"}, "Bool":{"aws:SecureTransport":""}}}]}"#;
        assert_eq!(labels(&complete_at(text, "\"Al")), ["Allow", "Deny"]);
        assert!(labels(&complete_at(text, "StringEq")).contains(&"StringEqualsIfExists"));
        let keys = complete_at(text, "aws:Sour");
        assert!(labels(&keys).contains(&"aws:SourceIp"));
        let tag = keys
            .iter()
            .find(|e| e.label == "s3:ExistingObjectTag/<key>")
            .expect("tag key");
        assert_eq!(tag.insert_text, "s3:ExistingObjectTag/");
        let arns = complete_at(text, "\"arn");
        let object = arns
            .iter()
            .find(|e| e.label == "arn:${Partition}:s3:::${BucketName}/${ObjectName}")
            .expect("object arn");
        assert!(object.snippet);
        assert_eq!(
            object.insert_text,
            "arn:${1:aws}:s3:::${2:BucketName}/${3:ObjectName}"
        );
        assert_eq!(
            labels(&complete_at(text, "SecureTransport\":\"")),
            ["true", "false"]
        );
    }

    #[test]
    fn service_principals() {
        let text = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Principal:\n      Service: lamb\n    Action: sts:AssumeRole\n";
        let entries = complete_at(text, "lamb");
        assert!(labels(&entries).contains(&"lambda.amazonaws.com"));
    }

    #[test]
    fn statement_keys_not_yet_written() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Act":""}]}"#;
        let entries = complete_at(text, "\"Act");
        let names = labels(&entries);
        assert!(names.contains(&"Action"));
        assert!(!names.contains(&"Effect"));
    }
}
