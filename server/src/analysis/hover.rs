//! Hover: reference text for what is under the cursor, with a seam for notes.

use awsls_docs_index::Topic;
use awsls_grammars::Span;

use super::{appspec, cfn, iam, sam, DocKind, Snapshot};

/// What a hover shows: reference Markdown for the thing at `span`, and the
/// topic to look up in the notes (rendered below the reference text).
#[derive(Clone, Debug)]
pub struct HoverInfo {
    pub span: Span,
    pub markdown: String,
    pub topic: Option<Topic>,
}

pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    match snapshot.kind? {
        DocKind::CloudFormation => cfn::hover(snapshot, offset),
        DocKind::Sam => sam::hover(snapshot, offset),
        DocKind::IamPolicy => iam::hover(snapshot, offset),
        DocKind::AppSpec => appspec::hover(snapshot, offset),
    }
}
