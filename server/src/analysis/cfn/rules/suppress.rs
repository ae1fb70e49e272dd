//! The suppressions a template declares, for the sink (`analysis::rules::sink`):
//! `Metadata: {awsls: {ignore: [CODE, ...]}}` and cfn-lint's own
//! `Metadata: {cfn-lint: {config: {ignore_checks: [ID, ...]}}}`, on a resource
//! for the findings inside that resource, at the top level of the template for
//! the whole file. Either list may name awsls codes or cfn-lint rule IDs, and
//! may also be a single name.

use awsls_grammars::{Document, NodeId};

use crate::analysis::rules::sink::{Sink, Suppressions};
use crate::analysis::{Finding, Snapshot};

use crate::analysis::cfn::template::Template;

use super::walk::declaration_span;

/// The strings of a list or of a single string.
fn names(doc: &Document, node: Option<NodeId>) -> Vec<String> {
    let Some(node) = node else {
        return Vec::new();
    };
    match doc.sequence(node) {
        Some(items) => items
            .iter()
            .filter_map(|i| doc.str_value(*i))
            .map(str::to_string)
            .collect(),
        None => doc
            .str_value(node)
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
    }
}

/// The rules silenced in the `Metadata` of `node`.
fn ignored(doc: &Document, node: NodeId) -> Vec<String> {
    let Some(metadata) = doc.get(node, "Metadata") else {
        return Vec::new();
    };
    let mut out = names(
        doc,
        doc.get(metadata, "awsls")
            .and_then(|a| doc.get(a, "ignore")),
    );
    out.extend(names(
        doc,
        doc.get(metadata, "cfn-lint")
            .and_then(|c| doc.get(c, "config"))
            .and_then(|c| doc.get(c, "ignore_checks")),
    ));
    out
}

/// The suppressions declared in the template.
pub fn declared(snapshot: &Snapshot, template: &Template) -> Suppressions {
    let doc = &snapshot.document;
    let mut suppressions = Suppressions::default();
    let Some(root) = template.root else {
        return suppressions;
    };
    suppressions.add(None, ignored(doc, root));
    for resource in &template.resources {
        let names = ignored(doc, resource.decl.node);
        if !names.is_empty() {
            let span = declaration_span(doc, resource.decl.name_span, resource.decl.node);
            suppressions.add(Some(span), names);
        }
    }
    suppressions
}

/// Drops the findings the template silences.
pub fn apply(snapshot: &Snapshot, template: &Template, findings: &mut Vec<Finding>) {
    let sink = Sink {
        suppressions: declared(snapshot, template),
        ..Sink::default()
    };
    sink.apply(findings);
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn resource_metadata_suppresses_inside_the_resource_only() {
        let text = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:\n      awsls:\n        ignore: [unknown-ref]\n    Properties:\n      TopicName: !Ref Nope\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Nope\n";
        let findings = run(text);
        assert_eq!(
            only(&findings, "unknown-ref").span,
            span_of(text, "Nope", 1)
        );
    }

    #[test]
    fn template_metadata_suppresses_everywhere() {
        let text = "Metadata:\n  awsls:\n    ignore: unknown-ref\nResources:\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Nope\n      DisplayName: !Select [x, [a]]\n";
        assert_eq!(codes(&run(text)), vec!["invalid-function-arguments"]);
    }

    #[test]
    fn cfn_lint_ids_and_cfn_lint_metadata_suppress_too() {
        let text = "Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [W2001]\nParameters:\n  Unused:\n    Type: String\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:\n      awsls:\n        ignore: [E1020]\n    Properties:\n      TopicName: !Ref Nope\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Nope\n";
        let findings = run(text);
        assert_eq!(codes(&findings), vec!["unknown-ref"]);
        assert_eq!(
            only(&findings, "unknown-ref").span,
            span_of(text, "Nope", 1)
        );
    }

    #[test]
    fn a_resource_level_cfn_lint_ignore_stays_in_the_resource() {
        let text = "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks:\n            - E1\n    Properties:\n      TopicName: !Ref Nope\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Nope\n";
        let findings = run(text);
        assert_eq!(
            only(&findings, "unknown-ref").span,
            span_of(text, "Nope", 1)
        );
    }
}
