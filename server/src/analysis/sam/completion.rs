//! Completion in SAM templates: `AWS::Serverless::*` types (only here, where
//! the transform is present), their properties, `Globals` sections and
//! properties, event source types and event properties, policy templates and
//! their parameters, and deployment preference types. Everything else, and
//! the CloudFormation types next to the SAM ones, comes from the
//! CloudFormation completion.

use awsls_grammars::Format;

use crate::analysis::cfn::completion::rank;
use crate::analysis::cfn::cursor::{self, Cursor, Role, Seg};
use crate::analysis::cfn::template::Template;
use crate::analysis::{cfn, CompletionEntry, CompletionKind, Snapshot};
use crate::schema::sam;

use super::functions::{DEPLOYMENT_TYPES, HOOKS};
use super::values::{is_serverless, text};
use super::{events, globals, shapes};

pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    let source = snapshot.text.to_string();
    let cursor = cursor::at_text(&source, snapshot.format, offset);
    let template = Template::of(snapshot);
    let writer = Writer {
        cursor: &cursor,
        text: &source,
    };
    let (mine, with_cfn) = entries(snapshot, &template, &writer);
    if mine.is_empty() {
        return cfn::complete(snapshot, offset);
    }
    let mut out = rank::finish(mine, &source, cursor.offset);
    if with_cfn {
        out.extend(cfn::complete(snapshot, offset));
        for (i, entry) in out.iter_mut().enumerate() {
            entry.sort_text = Some(format!("{i:04}"));
        }
    }
    out
}

fn keys(path: &[Seg]) -> Vec<&str> {
    path.iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            _ => None,
        })
        .collect()
}

/// The SAM entries at the cursor, and whether the CloudFormation ones belong too.
fn entries(
    snapshot: &Snapshot,
    template: &Template,
    w: &Writer<'_>,
) -> (Vec<CompletionEntry>, bool) {
    let path = w.cursor.path.clone();
    let names = keys(&path);
    let role = w.cursor.role;
    let key = matches!(role, Role::Key | Role::KeyOrValue);
    let value = matches!(role, Role::Value | Role::KeyOrValue);
    match names.as_slice() {
        ["Globals"] if key => {
            let list = globals::SECTIONS
                .iter()
                .filter(|s| !w.cursor.siblings.iter().any(|x| x == s.name))
                .map(|s| w.key(s.name, CompletionKind::Module, Some(s.resource_type), true))
                .collect();
            return (list, false);
        }
        ["Globals", section] if key => {
            let Some(s) = globals::section(section) else {
                return (Vec::new(), false);
            };
            let list = s
                .names()
                .into_iter()
                .filter(|p| !w.cursor.siblings.iter().any(|x| x == p))
                .map(|p| {
                    let mut e = w.key(p, CompletionKind::Property, None, false);
                    e.documentation = sam::property_doc(s.resource_type, &[p]).map(str::to_string);
                    e
                })
                .collect();
            return (list, false);
        }
        ["Resources", _, "Type"] if value => {
            let list = sam::type_names()
                .iter()
                .map(|t| {
                    let mut e = w.value(t, CompletionKind::Type);
                    e.documentation = sam::resource(t)
                        .map(|s| s.description.to_string())
                        .filter(|d| !d.is_empty());
                    e
                })
                .collect();
            return (list, true);
        }
        _ => {}
    }
    let (Some(&"Resources"), Some(name), Some(&"Properties")) =
        (names.first(), names.get(1), names.get(2))
    else {
        return (Vec::new(), false);
    };
    let Some(type_name) = resource_type(snapshot, template, w, name).filter(|t| is_serverless(t))
    else {
        return (Vec::new(), false);
    };
    let Some(schema) = sam::resource(&type_name) else {
        return (Vec::new(), false);
    };
    let rest: Vec<&str> = names.get(3..).unwrap_or_default().to_vec();
    let in_item = path.iter().skip(3).any(|s| matches!(s, Seg::Item { .. }));
    let doc = &snapshot.document;
    let event_type = match rest.as_slice() {
        ["Events", event, ..] => template
            .resource(name)
            .and_then(|r| r.properties)
            .and_then(|p| doc.get(p, "Events"))
            .and_then(|e| doc.get(e, event))
            .and_then(|e| doc.get(e, "Type"))
            .and_then(|t| text(doc, t))
            .map(str::to_string),
        _ => None,
    };
    match rest.as_slice() {
        ["Events", _, "Type"] if value => {
            let list = events::event_types(schema)
                .into_iter()
                .map(|e| w.value(&e.name, CompletionKind::Event))
                .collect();
            return (list, false);
        }
        ["Events", _] if key => {
            let list = ["Type", "Properties"]
                .into_iter()
                .filter(|p| !w.cursor.siblings.iter().any(|x| x == p))
                .map(|p| w.key(p, CompletionKind::Property, None, p == "Properties"))
                .collect();
            return (list, false);
        }
        ["DeploymentPreference", "Type"] if value => {
            let list = DEPLOYMENT_TYPES
                .iter()
                .map(|(t, d)| {
                    let mut e = w.value(t, CompletionKind::EnumMember);
                    e.documentation = Some((*d).to_string());
                    e
                })
                .collect();
            return (list, false);
        }
        ["DeploymentPreference", "Hooks"] if key => {
            let list = HOOKS
                .iter()
                .map(|(h, appspec)| {
                    let mut e = w.key(h, CompletionKind::Property, None, false);
                    e.detail = Some(format!("CodeDeploy {appspec} hook"));
                    e
                })
                .collect();
            return (list, false);
        }
        ["DeploymentPreference", "Hooks", _] if value => {
            let list = template
                .resources
                .iter()
                .filter(|r| {
                    matches!(
                        r.type_name.as_deref(),
                        Some("AWS::Serverless::Function" | "AWS::Lambda::Function")
                    )
                })
                .filter(|r| r.decl.name != *name)
                .map(|r| w.value(&r.decl.name, CompletionKind::Reference))
                .collect();
            return (list, true);
        }
        ["Policies"] if in_item && key => {
            let list = sam::policy_template_names()
                .map(|t| {
                    let mut e = w.key(
                        t,
                        CompletionKind::Function,
                        Some("SAM policy template"),
                        true,
                    );
                    e.documentation = sam::policy_template(t).map(|p| p.description.to_string());
                    e
                })
                .collect();
            return (list, false);
        }
        ["Policies", template_name] if in_item && key => {
            let Some(found) = sam::policy_template(template_name) else {
                return (Vec::new(), false);
            };
            let list = found
                .parameters
                .iter()
                .filter(|p| !w.cursor.siblings.iter().any(|x| x.as_str() == &***p))
                .map(|p| w.key(p, CompletionKind::Property, Some(&found.name), false))
                .collect();
            return (list, false);
        }
        _ => {}
    }
    let shape = shapes::at(schema, &rest, event_type.as_deref());
    let Some(shape) = shape else {
        return (Vec::new(), false);
    };
    if key {
        let mut list = Vec::new();
        for p in shapes::property_names(schema, shape) {
            if w.cursor.siblings.iter().any(|x| x == p) {
                continue;
            }
            let mut path_to: Vec<&str> = rest.clone();
            path_to.push(p);
            let child = shapes::child(schema, shape, p);
            let object = child.is_some_and(|c| {
                cfn::describe::is_object(schema, c) || cfn::describe::is_array(schema, c)
            });
            let required = shapes::is_required(schema, shape, p);
            let mut e = w.key(
                p,
                CompletionKind::Property,
                required.then_some("required"),
                object,
            );
            e.documentation = sam::property_doc(&type_name, &path_to).map(str::to_string);
            list.push(e);
        }
        if !list.is_empty() {
            return (list, false);
        }
    }
    if value {
        let values = cfn::describe::allowed_values(schema, shape);
        let list: Vec<CompletionEntry> = values
            .iter()
            .map(|v| w.value(v, CompletionKind::EnumMember))
            .collect();
        if !list.is_empty() {
            return (list, false);
        }
    }
    (Vec::new(), false)
}

/// The resource's type from the model, else from a `Type:` line in the text.
fn resource_type(
    snapshot: &Snapshot,
    template: &Template,
    w: &Writer<'_>,
    name: &str,
) -> Option<String> {
    if let Some(t) = template.resource(name).and_then(|r| r.type_name.clone()) {
        return Some(t);
    }
    if snapshot.format != Format::Yaml {
        return None;
    }
    let mut lines = w
        .text
        .lines()
        .skip_while(|l| l.trim_end() != format!("  {name}:"));
    lines.next()?;
    lines
        .take_while(|l| l.starts_with("   ") || l.trim().is_empty())
        .find_map(|l| {
            l.trim()
                .strip_prefix("Type:")
                .map(|t| t.trim().trim_matches(['"', '\'']).to_string())
        })
}

/// Writes keys and values in the document's syntax.
struct Writer<'a> {
    cursor: &'a Cursor,
    text: &'a str,
}

impl Writer<'_> {
    fn after_word(&self) -> &str {
        let rest = self.text.get(self.cursor.word.end..).unwrap_or("");
        rest.split('\n').next().unwrap_or("")
    }

    fn key(
        &self,
        name: &str,
        kind: CompletionKind,
        detail: Option<&str>,
        block: bool,
    ) -> CompletionEntry {
        let mut e = CompletionEntry::new(name, kind, self.cursor.word);
        e.detail = detail.map(str::to_string);
        let has_colon = self
            .after_word()
            .trim_start_matches(['"', ' '])
            .starts_with(':');
        e.insert_text = match self.cursor.format {
            Format::Yaml if has_colon => name.to_string(),
            Format::Yaml if block => format!("{name}:\n{}  ", " ".repeat(self.cursor.indent)),
            Format::Yaml => format!("{name}: "),
            Format::Json if self.cursor.quoted || has_colon => name.to_string(),
            Format::Json => format!("\"{name}\": "),
        };
        e
    }

    fn value(&self, value: &str, kind: CompletionKind) -> CompletionEntry {
        let mut e = CompletionEntry::new(value, kind, self.cursor.word);
        let body = match self.cursor.format {
            Format::Json if self.cursor.quoted => value.to_string(),
            Format::Json => format!("\"{value}\""),
            Format::Yaml => value.to_string(),
        };
        e.insert_text = if self.cursor.space_before {
            format!(" {body}")
        } else {
            body
        };
        e
    }
}
