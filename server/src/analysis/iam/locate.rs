//! Where in a policy document an offset is (which element, value or key),
//! and the word being typed there: the shared first step of hover and
//! completion.

use awsls_grammars::{Document, NodeId, NodeKind, Span};

use crate::analysis::Snapshot;

/// What the offset is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A key of the policy mapping.
    PolicyKey,
    /// The value of `Version`.
    Version,
    /// A key of a statement mapping.
    StatementKey {
        statement: NodeId,
    },
    Effect {
        statement: NodeId,
    },
    /// A value of `Action`/`NotAction`.
    Action {
        statement: NodeId,
    },
    /// A value of `Resource`/`NotResource`.
    Resource {
        statement: NodeId,
    },
    /// A key of the `Principal` mapping.
    PrincipalKey {
        statement: NodeId,
    },
    /// A value of `Principal: {Service: ...}`.
    ServicePrincipal,
    /// A key directly under `Condition`.
    ConditionOperator {
        statement: NodeId,
    },
    /// A key under a condition operator.
    ConditionKey {
        statement: NodeId,
        operator: String,
    },
    /// A value of a condition key.
    ConditionValue {
        statement: NodeId,
        operator: String,
        key: String,
    },
    /// Somewhere else in the policy.
    Other,
}

/// One step from the policy root down to the offset.
#[derive(Debug)]
struct Step {
    node: NodeId,
    /// The key under which `node` sits in its parent mapping.
    key: Option<String>,
}

/// The place of `offset` in the policy rooted at `root`, and the node under it.
pub fn place(snapshot: &Snapshot, root: NodeId, offset: usize) -> (Place, Option<NodeId>) {
    let doc: &Document = &snapshot.document;
    let location = doc.locate(offset);
    let Some(start) = location.nodes.iter().position(|n| *n == root) else {
        return (Place::Other, None);
    };
    let nodes = location.nodes.get(start..).unwrap_or_default();
    let mut steps: Vec<Step> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let key = i
            .checked_sub(1)
            .and_then(|p| nodes.get(p))
            .and_then(|parent| doc.mapping(*parent))
            .and_then(|entries| entries.iter().find(|e| e.value == *node))
            .map(|e| e.key.text.clone());
        steps.push(Step { node: *node, key });
    }
    let mut on_key = location
        .key_of
        .filter(|(mapping, _)| nodes.last() == Some(mapping))
        .and_then(|(mapping, i)| {
            doc.mapping(mapping)
                .and_then(|e| e.get(i))
                .map(|e| e.key.text.clone())
        });
    let innermost = nodes.last().copied();
    if on_key.is_none() {
        match innermost.and_then(|m| in_blank(snapshot, m, offset)) {
            Some(Blank::Value(node, key)) => steps.push(Step {
                node,
                key: Some(key),
            }),
            Some(Blank::NewKey) => on_key = Some(String::new()),
            None => {}
        }
    }
    (interpret(doc, &steps, on_key), innermost)
}

/// Where blank space inside a mapping belongs.
enum Blank {
    /// After an entry's key or value, on its line or indented below its key:
    /// still that entry's value (`Action:` then `- ` with nothing typed yet).
    Value(NodeId, String),
    /// On a new line at the mapping's indentation: a key not written yet.
    NewKey,
}

/// Classifies an offset that lies in a mapping but on none of its keys or values.
fn in_blank(snapshot: &Snapshot, mapping: NodeId, offset: usize) -> Option<Blank> {
    let doc = &snapshot.document;
    let entries = doc.mapping(mapping)?;
    let entry = entries.iter().rev().find(|e| e.key.span.start < offset)?;
    let value = doc.node(entry.value).span;
    let from = value.end.max(entry.key.span.end);
    if from > offset {
        return None;
    }
    let gap = snapshot.slice(Span::new(from, offset));
    if !gap
        .chars()
        .all(|c| c.is_whitespace() || c == '-' || c == ':')
    {
        return None;
    }
    if !gap.contains('\n') {
        return Some(Blank::Value(entry.value, entry.key.text.clone()));
    }
    let column = |at: usize| {
        let text = &snapshot.text;
        let line = text.byte_to_line(at.min(text.len_bytes()));
        at - text.line_to_byte(line)
    };
    if column(offset) > column(entry.key.span.start) {
        Some(Blank::Value(entry.value, entry.key.text.clone()))
    } else {
        Some(Blank::NewKey)
    }
}

fn interpret(doc: &Document, steps: &[Step], on_key: Option<String>) -> Place {
    let Some(first) = steps.get(1) else {
        return if on_key.is_some() {
            Place::PolicyKey
        } else {
            Place::Other
        };
    };
    match first.key.as_deref() {
        Some("Version") => return Place::Version,
        Some("Statement") => {}
        _ => return Place::Other,
    }
    // The statement is the first mapping below `Statement` (lists and `Fn::If` skipped).
    let Some(at) = steps
        .iter()
        .skip(1)
        .position(|s| is_mapping(doc, s.node))
        .map(|p| p + 1)
    else {
        return Place::Other;
    };
    let Some(statement) = steps.get(at).map(|s| s.node) else {
        return Place::Other;
    };
    let rest = steps.get(at + 1..).unwrap_or_default();
    let Some(element) = rest.first() else {
        return if on_key.is_some() {
            Place::StatementKey { statement }
        } else {
            Place::Other
        };
    };
    match element.key.as_deref() {
        Some("Effect") => Place::Effect { statement },
        Some("Action" | "NotAction") => Place::Action { statement },
        Some("Resource" | "NotResource") => Place::Resource { statement },
        Some("Principal" | "NotPrincipal") if rest.len() == 1 && on_key.is_some() => {
            Place::PrincipalKey { statement }
        }
        Some("Principal" | "NotPrincipal")
            if rest.get(1).and_then(|s| s.key.as_deref()) == Some("Service")
                && on_key.is_none() =>
        {
            Place::ServicePrincipal
        }
        Some("Condition") => condition_place(doc, statement, rest, on_key),
        _ => Place::Other,
    }
}

fn condition_place(
    doc: &Document,
    statement: NodeId,
    rest: &[Step],
    on_key: Option<String>,
) -> Place {
    let operator_step = rest.get(1);
    match (operator_step, on_key) {
        (None, Some(_)) => Place::ConditionOperator { statement },
        // A bare word typed under `Condition:`.
        (None, None) if rest.first().is_some_and(|s| doc.scalar(s.node).is_some()) => {
            Place::ConditionOperator { statement }
        }
        (Some(op), on_key) => {
            let operator = op.key.clone().unwrap_or_default();
            match (rest.get(2), on_key) {
                (None, Some(_)) => Place::ConditionKey {
                    statement,
                    operator,
                },
                (None, None) if doc.scalar(op.node).is_some() => Place::ConditionKey {
                    statement,
                    operator,
                },
                (Some(key), _) => Place::ConditionValue {
                    statement,
                    operator,
                    key: key.key.clone().unwrap_or_default(),
                },
                _ => Place::Other,
            }
        }
        _ => Place::Other,
    }
}

fn is_mapping(doc: &Document, id: NodeId) -> bool {
    matches!(doc.node(doc.resolve(id)).kind, NodeKind::Mapping(_))
}

/// The word around `offset`: a run of characters that can appear in an
/// action, ARN, condition key or operator (stops at quotes, spaces, commas
/// and brackets). Its span is what a completion replaces.
pub fn word_at(snapshot: &Snapshot, offset: usize) -> (Span, String) {
    let text = &snapshot.text;
    let len = text.len_bytes();
    let offset = offset.min(len);
    let line = text.byte_to_line(offset);
    let line_start = text.line_to_byte(line);
    let line_end = text.line_to_byte((line + 1).min(text.len_lines()));
    let line_text = snapshot.slice(Span::new(line_start, line_end));
    let at = offset - line_start;
    let is_word = |c: char| !(c.is_whitespace() || "\"',[]{}#".contains(c));
    let before = line_text.get(..at).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map(|(i, _)| i)
        .unwrap_or(at);
    let after = line_text.get(at..).unwrap_or_default();
    let end = at
        + after
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map(|(i, _)| i)
            .unwrap_or(after.len());
    let mut word = line_text.get(start..end).unwrap_or_default().to_string();
    let mut end = end;
    // A YAML key being typed keeps its colon out of the word (`aws:Sou:`).
    if word.ends_with(':') && end > at {
        word.pop();
        end -= 1;
    }
    (Span::new(line_start + start, line_start + end), word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_of(text: &str, marker: &str) -> Place {
        let offset = text.find(marker).expect("marker") + marker.len();
        let snapshot = Snapshot::from_text("p.json", text);
        let root = snapshot.document.root().expect("root");
        place(&snapshot, root, offset).0
    }

    #[test]
    fn places_in_json() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}]}"#;
        assert!(matches!(place_of(text, "s3:Get"), Place::Action { .. }));
        assert!(matches!(
            place_of(text, "\"Effe"),
            Place::StatementKey { .. }
        ));
        assert!(matches!(place_of(text, "Allo"), Place::Effect { .. }));
        let trust = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com"]},"Action":"sts:AssumeRole"}}"#;
        assert_eq!(place_of(trust, "lambda.ama"), Place::ServicePrincipal);
        assert!(matches!(
            place_of(text, "\"StringEq"),
            Place::ConditionOperator { .. }
        ));
        assert!(matches!(
            place_of(text, "aws:Source"),
            Place::ConditionKey { .. }
        ));
        assert!(matches!(
            place_of(text, "vpc-"),
            Place::ConditionValue { .. }
        ));
        assert!(matches!(place_of(text, "\"Vers"), Place::PolicyKey));
        assert_eq!(place_of(text, "2012-"), Place::Version);
    }

    #[test]
    fn blank_space_in_yaml() {
        let text = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action:\n      - \n    \n    Resource: '*'\n";
        let snapshot = Snapshot::from_text("p.yaml", text);
        let root = snapshot.document.root().expect("root");
        let item = text.find("- \n").expect("item") + 2;
        assert!(matches!(
            place(&snapshot, root, item).0,
            Place::Action { .. }
        ));
        let blank = text.find("\n    \n").expect("blank line") + 5;
        assert!(matches!(
            place(&snapshot, root, blank).0,
            Place::StatementKey { .. }
        ));
    }

    #[test]
    fn words() {
        let snapshot = Snapshot::from_text("p.json", "{\"Action\": \"s3:Get\"}");
        let (span, word) = word_at(&snapshot, 18);
        assert_eq!(word, "s3:Get");
        assert_eq!(span, Span::new(12, 18));
        let snapshot = Snapshot::from_text("p.yaml", "Action:\n  - s3:Ge\n");
        let (span, word) = word_at(&snapshot, 17);
        assert_eq!((span, word.as_str()), (Span::new(12, 17), "s3:Ge"));
    }
}
