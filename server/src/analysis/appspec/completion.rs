//! Completion in AppSpec files: keys of the mapping being written, lifecycle
//! events in the order they run, and the values of closed sets (`os`,
//! `file_exists_behavior`, permission `type`, ...).

use awsls_grammars::{Format, Span};

use super::cursor::{self, Cursor, Slot};
use super::events;
use super::platform::{self, Platform, ECS_TYPE, LAMBDA_TYPE};
use super::shapes::{self, Place, Shape};
use crate::analysis::{CompletionEntry, CompletionKind, Snapshot};

pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    let text = snapshot.text.to_string();
    let doc = &snapshot.document;
    let Some(cursor) = cursor::at(doc, snapshot.format, &text, offset) else {
        return Vec::new();
    };
    let platform = doc.root().and_then(|root| platform::detect(doc, root));
    let quote = snapshot.format == Format::Json
        && text
            .get(..cursor.word.start)
            .is_some_and(|t| !t.ends_with('"'));
    let mut entries = match &cursor.slot {
        Slot::Key => key_entries(&cursor, platform),
        Slot::Value(key) => value_entries(&cursor, key, platform),
        Slot::ListItem => permission_types(cursor.word),
    };
    if quote {
        for entry in &mut entries {
            if entry.insert_text.parse::<f64>().is_err() {
                entry.insert_text = format!("\"{}\"", entry.insert_text);
            }
        }
    }
    entries
}

fn key_entries(cursor: &Cursor, platform: Option<Platform>) -> Vec<CompletionEntry> {
    match shapes::place(&cursor.path, platform) {
        Some(Place::Shape(shape)) => shape_keys(cursor, shape),
        Some(Place::Ec2Hooks) => hook_entries(cursor, platform.unwrap_or(Platform::Ec2)),
        Some(Place::FunctionHook(p)) => hook_entries(cursor, p),
        Some(Place::ResourceItem(Platform::Ecs)) => {
            let mut entry =
                CompletionEntry::new("TargetService", CompletionKind::Property, cursor.word);
            entry.detail = Some("The ECS service being deployed".to_string());
            vec![entry]
        }
        _ => Vec::new(),
    }
}

fn shape_keys(cursor: &Cursor, shape: Shape) -> Vec<CompletionEntry> {
    let capitalised = matches!(shape, Shape::Root(Some(Platform::Lambda | Platform::Ecs)))
        && cursor
            .siblings
            .iter()
            .any(|k| k.starts_with(char::is_uppercase));
    let present: Vec<&str> = cursor
        .siblings
        .iter()
        .map(|k| shapes::root_spelling(shape, k))
        .collect();
    shapes::keys(shape)
        .iter()
        .enumerate()
        .filter(|(_, k)| !present.contains(&k.name))
        .map(|(i, k)| {
            let label = match (capitalised, k.name) {
                (true, "resources" | "hooks") => platform::capitalise(k.name),
                _ => k.name.to_string(),
            };
            let mut entry = CompletionEntry::new(label, CompletionKind::Property, cursor.word);
            entry.detail = Some(if k.required { "required" } else { "optional" }.to_string());
            entry.documentation = Some(k.doc.to_string());
            entry.sort_text = Some(format!("{}{:02}", u8::from(!k.required), i));
            entry
        })
        .collect()
}

/// The events that take hooks, in run order.
fn hook_entries(cursor: &Cursor, platform: Platform) -> Vec<CompletionEntry> {
    events::events(platform)
        .iter()
        .enumerate()
        .filter(|(_, e)| e.hookable && !cursor.siblings.iter().any(|s| s == e.name))
        .map(|(i, event)| {
            let mut entry = CompletionEntry::new(event.name, CompletionKind::Event, cursor.word);
            entry.detail = Some(format!(
                "{} event {} of {}: {}",
                platform.label(),
                i + 1,
                events::events(platform).len(),
                first_sentence(event.doc)
            ));
            entry.documentation = Some(events::order_markdown(platform, event.name));
            entry.sort_text = Some(format!("{i:02}"));
            entry
        })
        .collect()
}

fn first_sentence(text: &str) -> &str {
    text.split_inclusive(". ").next().unwrap_or(text).trim_end()
}

fn value_entries(cursor: &Cursor, key: &str, platform: Option<Platform>) -> Vec<CompletionEntry> {
    if cursor.path.is_empty() && key == "version" {
        let mut entry = CompletionEntry::new("0.0", CompletionKind::Value, cursor.word);
        entry.detail = Some("The only AppSpec version".to_string());
        return vec![entry];
    }
    let Some(Place::Shape(shape)) = shapes::place(&cursor.path, platform) else {
        return Vec::new();
    };
    if let (Shape::Resource(_), "Type", None) = (shape, key, platform) {
        return [LAMBDA_TYPE, ECS_TYPE]
            .into_iter()
            .map(|t| CompletionEntry::new(t, CompletionKind::EnumMember, cursor.word))
            .collect();
    }
    let Some(doc) = shapes::key_doc(shape, key) else {
        return Vec::new();
    };
    doc.values
        .iter()
        .enumerate()
        .map(|(i, (value, meaning))| {
            let mut entry = CompletionEntry::new(*value, CompletionKind::EnumMember, cursor.word);
            entry.detail = Some((*meaning).to_string());
            entry.sort_text = Some(format!("{i:02}"));
            entry
        })
        .collect()
}

fn permission_types(word: Span) -> Vec<CompletionEntry> {
    [
        ("file", "Apply the permissions to files"),
        ("directory", "Apply the permissions to folders"),
    ]
    .into_iter()
    .map(|(value, detail)| {
        let mut entry = CompletionEntry::new(value, CompletionKind::EnumMember, word);
        entry.detail = Some(detail.to_string());
        entry
    })
    .collect()
}
