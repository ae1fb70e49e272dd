//! Syntax errors and duplicate keys reported by the parser, as findings.

use awsls_grammars::{Document, ProblemKind};

use super::finding::Finding;
use super::rules::Rule;

pub fn findings(doc: &Document) -> Vec<Finding> {
    let mut out: Vec<Finding> = doc
        .problems
        .iter()
        .map(|problem| {
            let rule = match problem.kind {
                ProblemKind::Syntax => Rule::SyntaxError,
                ProblemKind::DuplicateKey => Rule::DuplicateKey,
            };
            let mut finding = Finding::new(rule, problem.span, problem.message.clone());
            if let Some(first) = problem.related {
                finding = finding.with_related(first, "first defined here");
            }
            finding
        })
        .collect();
    if let Some(reason) = &doc.limited {
        out.push(Finding::new(
            Rule::AnalysisLimited,
            awsls_grammars::Span::new(0, 0),
            reason.clone(),
        ));
    }
    out
}
