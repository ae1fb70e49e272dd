//! Syntax errors and duplicate keys reported by the parser, as findings.

use awsls_grammars::{Document, ProblemKind};

use super::finding::Finding;
use super::rules::Rule;

pub fn findings(doc: &Document) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for problem in &doc.problems {
        let rule = match problem.kind {
            ProblemKind::Syntax => Rule::SyntaxError,
            ProblemKind::DuplicateKey => Rule::DuplicateKey,
        };
        let mut finding = Finding::new(rule, problem.span, problem.message.clone());
        if let Some(first) = problem.related {
            finding = finding.with_related(first, "first defined here");
            // The first definition is half of the problem too: which of the
            // two the reader keeps depends on the tool.
            if problem.kind == ProblemKind::DuplicateKey {
                let key = problem
                    .message
                    .split('`')
                    .nth(1)
                    .map_or_else(|| "this key".to_string(), |k| format!("`{k}`"));
                out.push(
                    Finding::new(
                        rule,
                        first,
                        format!("{key} is defined again later in the same mapping; only one definition is kept"),
                    )
                    .with_related(problem.span, "defined again here"),
                );
            }
        }
        out.push(finding);
    }
    if let Some(reason) = &doc.limited {
        out.push(Finding::new(
            Rule::AnalysisLimited,
            awsls_grammars::Span::new(0, 0),
            reason.clone(),
        ));
    }
    out
}
