//! Completion: candidates for the word under the cursor, with the exact range
//! they replace.

use awsls_grammars::Span;

use super::{appspec, cfn, iam, sam, DocKind, Snapshot};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    Property,
    Value,
    Type,
    Reference,
    Function,
    Snippet,
    Module,
    Event,
    EnumMember,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompletionEntry {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// Text that replaces `replace`; a snippet (`$1`, `${2:name}`) when `snippet` is set.
    pub insert_text: String,
    pub snippet: bool,
    /// The byte range of the word being typed, and nothing more.
    pub replace: Span,
    pub sort_text: Option<String>,
    pub filter_text: Option<String>,
}

impl CompletionEntry {
    pub fn new(label: impl Into<String>, kind: CompletionKind, replace: Span) -> Self {
        let label = label.into();
        CompletionEntry {
            insert_text: label.clone(),
            label,
            kind,
            detail: None,
            documentation: None,
            snippet: false,
            replace,
            sort_text: None,
            filter_text: None,
        }
    }
}

pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    match snapshot.kind {
        Some(DocKind::CloudFormation) => cfn::complete(snapshot, offset),
        Some(DocKind::Sam) => sam::complete(snapshot, offset),
        Some(DocKind::IamPolicy) => iam::complete(snapshot, offset),
        Some(DocKind::AppSpec) => appspec::complete(snapshot, offset),
        None => Vec::new(),
    }
}
