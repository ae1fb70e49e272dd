//! Completion in CloudFormation templates, YAML or JSON, on whole or
//! half-typed documents: the cursor context comes from the text
//! ([`super::cursor`]), declarations from the model, and
//! resource knowledge from the embedded schemas.
//!
//! `structure` completes keys and values by position (sections, resource
//! attributes, properties, parameter types, ...), `targets` completes the
//! arguments of intrinsic functions (`Ref`, `Fn::GetAtt`, `${…}`, ...),
//! `insert` writes the text to insert in the document's syntax, and `rank`
//! filters and orders.

pub(crate) mod insert;
pub mod rank;
mod structure;
mod targets;

use awsls_grammars::{Format, Span};

use crate::analysis::{CompletionEntry, CompletionKind, Snapshot};

use super::cursor::{self, Cursor, Role, Seg};
use super::template;

/// Completion candidates at byte `offset`.
pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    let text = snapshot.text.to_string();
    let cursor = cursor::at(snapshot, &text, offset);
    rank::finish(candidates(snapshot, &text, &cursor), &text, cursor.offset)
}

/// The candidates at `cursor` in the snapshot's `text`, not yet ranked (for
/// a completion that ranks them together with its own, such as SAM's).
pub fn candidates(snapshot: &Snapshot, text: &str, cursor: &Cursor) -> Vec<CompletionEntry> {
    Ctx {
        snapshot,
        text,
        cursor,
    }
    .entries()
}

/// Everything a completion needs, borrowed.
pub(super) struct Ctx<'a> {
    pub snapshot: &'a Snapshot,
    pub text: &'a str,
    pub cursor: &'a Cursor,
}

impl Ctx<'_> {
    fn entries(&self) -> Vec<CompletionEntry> {
        if self.typing_tag() {
            let in_conditions =
                matches!(self.cursor.path.first(), Some(Seg::Key(k)) if k == "Conditions");
            return targets::function_tags(self, in_conditions);
        }
        let path = self.cursor.normalised_path();
        if let Some(i) = path.iter().rposition(|s| matches!(s, Seg::Fn(_))) {
            if let Some(Seg::Fn(function)) = path.get(i) {
                let (outer, rest) = (&path[..i], &path[i + 1..]);
                return targets::in_function(self, outer, function, rest);
            }
        }
        structure::entries(self, &path, self.cursor.role)
    }

    /// YAML: the word being typed follows a `!` (a short-form tag).
    fn typing_tag(&self) -> bool {
        self.cursor.format == Format::Yaml
            && self.cursor.word.start > 0
            && self
                .text
                .get(self.cursor.word.start - 1..self.cursor.word.start)
                == Some("!")
    }

    /// The span of the word being typed.
    pub fn word(&self) -> Span {
        self.cursor.word
    }

    /// A plain entry replacing the word being typed.
    pub fn entry(&self, label: &str, kind: CompletionKind) -> CompletionEntry {
        CompletionEntry::new(label, kind, self.word())
    }

    /// The type of resource `name`, from the model or, when the model lost
    /// it to a syntax error, from the text.
    pub fn resource_type(&self, name: &str) -> Option<String> {
        template::resource_type_or_text(
            &self.snapshot.document,
            self.text,
            self.snapshot.format,
            name,
        )
    }
}

/// Whether the role asks for a key at a place that holds a mapping.
pub(super) fn wants_key(role: Role) -> bool {
    matches!(role, Role::Key | Role::KeyOrValue)
}

#[cfg(test)]
mod tests;
