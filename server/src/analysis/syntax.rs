//! Syntax errors and duplicate keys reported by the parser, as findings.

use awsls_grammars::{Document, ProblemKind};

use super::finding::Finding;

pub const KIND: &str = "syntax";

pub fn findings(doc: &Document) -> Vec<Finding> {
    let mut out: Vec<Finding> = doc
        .problems
        .iter()
        .map(|problem| {
            let code = match problem.kind {
                ProblemKind::Syntax => "syntax-error",
                ProblemKind::DuplicateKey => "duplicate-key",
            };
            let mut finding = Finding::error(KIND, code, problem.span, problem.message.clone());
            if let Some(first) = problem.related {
                finding = finding.with_related(first, "first defined here");
            }
            finding
        })
        .collect();
    if let Some(reason) = &doc.limited {
        out.push(Finding::new(
            KIND,
            "analysis-limited",
            super::Severity::Warning,
            awsls_grammars::Span::new(0, 0),
            reason.clone(),
        ));
    }
    out
}
