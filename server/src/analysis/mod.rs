//! Pure analyses over a document [`Snapshot`]: diagnostics, hover, completion,
//! navigation and the rest, returning plain data with byte ranges.
//!
//! This module dispatches on the document's kind; each kind lives in its own
//! folder (`cfn`, `sam`, `iam`, `appspec`). Nothing here knows LSP.

pub mod appspec;
pub mod cfn;
pub mod code_actions;
pub mod completion;
pub mod finding;
pub mod hover;
pub mod iam;
pub mod kind;
pub mod navigation;
pub mod outline;
pub mod pause;
pub mod rules;
pub mod sam;
pub mod semantic_tokens;
pub mod snapshot;
pub mod suggest;
pub mod syntax;

pub use completion::{CompletionEntry, CompletionKind};
pub use finding::{Finding, Fix, Severity, TextEdit};
pub use hover::HoverInfo;
pub use kind::DocKind;
pub use snapshot::Snapshot;

/// What the last analysis of a document lends the next one: the findings of
/// resources whose text does not change (see `cfn::resource_checks`).
pub use cfn::resource_checks::Reuse;

/// Every finding for the document, sorted by position. Documents of no known
/// kind get none at all.
pub fn diagnostics(snapshot: &Snapshot) -> Vec<Finding> {
    diagnostics_reusing(snapshot, None)
}

/// [`diagnostics`], taking from `reuse` what the last analysis of the same
/// document found where the text did not change, and leaving there what
/// this one found.
pub fn diagnostics_reusing(snapshot: &Snapshot, reuse: Option<&mut Reuse>) -> Vec<Finding> {
    let Some(kind) = snapshot.kind else {
        return Vec::new();
    };
    let mut findings = syntax::findings(&snapshot.document);
    pause::point();
    // When the model stops short of the text (too large, or read only up to
    // a syntax error), checks that look for missing or unused things would
    // report what merely was not read: report the syntax problems alone.
    if snapshot.document.limited.is_some() {
        return findings;
    }
    match kind {
        DocKind::CloudFormation => cfn::check(snapshot, reuse, &mut findings),
        DocKind::Sam => sam::check(snapshot, reuse, &mut findings),
        DocKind::IamPolicy => iam::check(snapshot, &mut findings),
        DocKind::AppSpec => appspec::check(snapshot, &mut findings),
    }
    pause::point();
    drop_cascades(&snapshot.document, &mut findings);
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code()).cmp(&(b.span.start, b.span.end, b.code()))
    });
    findings.dedup_by(|a, b| a.span == b.span && a.rule == b.rule && a.message == b.message);
    findings
}

/// A value the parser could only half read (`[a, b` with no `]`) should show
/// the syntax error, not also a type error about the half it read: findings of
/// other kinds whose range holds a syntax error are dropped.
fn drop_cascades(document: &awsls_grammars::Document, findings: &mut Vec<Finding>) {
    let errors: Vec<usize> = document
        .problems
        .iter()
        .filter(|p| p.kind == awsls_grammars::ProblemKind::Syntax)
        .map(|p| p.span.start)
        .collect();
    if errors.is_empty() {
        return;
    }
    findings.retain(|f| {
        f.rule.def().family == rules::Family::Syntax
            || !errors
                .iter()
                .any(|&at| f.span.start <= at && at <= f.span.end)
    });
}
