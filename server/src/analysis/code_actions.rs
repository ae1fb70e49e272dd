//! Code actions: the quick fixes attached to findings that overlap the
//! requested range, then the refactorings available there.

use awsls_grammars::Span;

use super::cfn::refactor::{self, RefactorKind};
use super::{DocKind, Finding, Snapshot, TextEdit};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    RefactorRewrite,
    RefactorExtract,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<TextEdit>,
    pub preferred: bool,
    /// The finding a quick fix resolves.
    pub finding: Option<Finding>,
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Quick fixes for the findings overlapping `range` (computed by the full
/// analysis), then refactorings.
pub fn code_actions(snapshot: &Snapshot, range: Span) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for finding in snapshot.findings().iter() {
        if !overlaps(finding.span, range) {
            continue;
        }
        for fix in &finding.fixes {
            out.push(CodeAction {
                title: fix.title.clone(),
                kind: ActionKind::QuickFix,
                edits: fix.edits.clone(),
                preferred: fix.preferred,
                finding: Some(finding.clone()),
            });
        }
    }
    if snapshot.kind.is_some_and(DocKind::is_template) {
        for refactoring in refactor::actions(snapshot, range) {
            out.push(CodeAction {
                title: refactoring.title,
                kind: match refactoring.kind {
                    RefactorKind::Rewrite => ActionKind::RefactorRewrite,
                    RefactorKind::Extract => ActionKind::RefactorExtract,
                },
                edits: refactoring.edits,
                preferred: false,
                finding: None,
            });
        }
    }
    out
}
