//! The sink every finding passes through before it is reported: it drops
//! suppressed findings (by awsls code or cfn-lint rule ID, for the whole file
//! or inside one declaration) and applies severity overrides.

use std::collections::HashMap;

use awsls_grammars::Span;

use super::Rule;
use crate::analysis::{Finding, Severity};

/// Names of rules silenced in a part of a document: awsls codes or cfn-lint
/// rule IDs (or ID prefixes such as `E3`, as cfn-lint accepts them).
#[derive(Debug, Default, Clone)]
pub struct Suppressions {
    /// `None` for the whole document, else the byte range of a declaration.
    scopes: Vec<(Option<Span>, Vec<String>)>,
}

impl Suppressions {
    /// Silences the rules `names` inside `scope` (`None`: everywhere).
    pub fn add(&mut self, scope: Option<Span>, names: Vec<String>) {
        if !names.is_empty() {
            self.scopes.push((scope, names));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty()
    }

    /// Whether `finding` is silenced.
    pub fn silences(&self, finding: &Finding) -> bool {
        self.scopes.iter().any(|(scope, names)| {
            let inside =
                scope.is_none_or(|s| s.start <= finding.span.start && finding.span.end <= s.end);
            inside && names.iter().any(|name| finding.rule.is_named_by(name))
        })
    }
}

/// What happens to findings on their way out.
#[derive(Debug, Default, Clone)]
pub struct Sink {
    pub suppressions: Suppressions,
    /// Severities that replace a rule's own.
    pub severities: HashMap<Rule, Severity>,
}

impl Sink {
    /// Drops the silenced findings and applies the severity overrides.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        if !self.suppressions.is_empty() {
            findings.retain(|f| !self.suppressions.silences(f));
        }
        if !self.severities.is_empty() {
            for finding in findings.iter_mut() {
                if let Some(severity) = self.severities.get(&finding.rule) {
                    finding.severity = *severity;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: Rule, start: usize) -> Finding {
        Finding::new(rule, Span::new(start, start + 1), "x")
    }

    #[test]
    fn suppressions_match_codes_and_cfn_lint_ids_within_their_scope() {
        let mut sink = Sink::default();
        sink.suppressions
            .add(Some(Span::new(10, 20)), vec!["E3012".into()]);
        sink.suppressions.add(None, vec!["unknown-ref".into()]);
        sink.severities
            .insert(Rule::UnusedParameter, Severity::Error);
        let mut findings = vec![
            finding(Rule::InvalidType, 12),
            finding(Rule::InvalidType, 30),
            finding(Rule::UnknownRef, 40),
            finding(Rule::UnusedParameter, 50),
        ];
        sink.apply(&mut findings);
        let left: Vec<(&str, usize, Severity)> = findings
            .iter()
            .map(|f| (f.code(), f.span.start, f.severity))
            .collect();
        assert_eq!(
            left,
            vec![
                ("invalid-type", 30, Severity::Error),
                ("unused-parameter", 50, Severity::Error)
            ]
        );
    }
}
