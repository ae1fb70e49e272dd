//! Suppression of findings through `Metadata: {awsls: {ignore: [CODE, ...]}}`:
//! on a resource for the findings inside that resource, at the top level of
//! the template for the whole file. `ignore` may also be a single code.

use awsls_grammars::{Document, NodeId, Span};

use crate::analysis::{Finding, Snapshot};

use crate::analysis::cfn::template::Template;

use super::walk::declaration_span;

/// The codes listed under `Metadata.awsls.ignore` of `node`.
fn ignored_codes(doc: &Document, node: NodeId) -> Vec<String> {
    let Some(ignore) = doc
        .get(node, "Metadata")
        .and_then(|m| doc.get(m, "awsls"))
        .and_then(|a| doc.get(a, "ignore"))
    else {
        return Vec::new();
    };
    match doc.sequence(ignore) {
        Some(items) => items
            .iter()
            .filter_map(|i| doc.str_value(*i))
            .map(str::to_string)
            .collect(),
        None => doc
            .str_value(ignore)
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
    }
}

pub fn apply(snapshot: &Snapshot, template: &Template, findings: &mut Vec<Finding>) {
    let doc = &snapshot.document;
    let Some(root) = template.root else { return };
    let mut scopes: Vec<(Option<Span>, Vec<String>)> = Vec::new();
    let global = ignored_codes(doc, root);
    if !global.is_empty() {
        scopes.push((None, global));
    }
    for resource in &template.resources {
        let codes = ignored_codes(doc, resource.decl.node);
        if !codes.is_empty() {
            let span = declaration_span(doc, resource.decl.name_span, resource.decl.node);
            scopes.push((Some(span), codes));
        }
    }
    if scopes.is_empty() {
        return;
    }
    findings.retain(|f| {
        !scopes.iter().any(|(span, codes)| {
            let inside = span.is_none_or(|s| s.start <= f.span.start && f.span.end <= s.end);
            inside && codes.iter().any(|c| c == f.code())
        })
    });
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
}
