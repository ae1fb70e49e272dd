//! Nulls in `Metadata`, the template's and each resource's: CloudFormation
//! takes no null value anywhere in a template, and nothing else checks what
//! metadata holds.

use awsls_grammars::{Document, NodeId, NodeKind, Span};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::walk::{shape, Shape};

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    if let Some(metadata) = ctx.section("Metadata") {
        nulls(doc, metadata, findings);
    }
    for resource in &ctx.template.resources {
        if let Some(metadata) = doc.get(resource.decl.node, "Metadata") {
            nulls(doc, metadata, findings);
        }
    }
}

fn is_null(doc: &Document, id: NodeId) -> bool {
    shape(doc, id) == Shape::Null
}

/// Reports the nulls inside `node` (a null `node` itself is the business of
/// the rules on the section or attribute holding it).
fn nulls(doc: &Document, node: NodeId, findings: &mut Vec<Finding>) {
    let report = |span: Span, what: String, findings: &mut Vec<Finding>| {
        findings.push(finding(
            Rule::NullValue,
            span,
            format!("{what} has no value: CloudFormation does not accept nulls in a template; give it a value or remove it"),
        ));
    };
    match &doc.node(node).kind {
        NodeKind::Mapping(entries) => {
            for e in entries {
                if is_null(doc, e.value) {
                    report(e.key.span, format!("`{}`", e.key.text), findings);
                } else {
                    nulls(doc, e.value, findings);
                }
            }
        }
        NodeKind::Sequence(items) => {
            for item in items {
                if is_null(doc, *item) {
                    report(doc.node(*item).span, "this list item".into(), findings);
                } else {
                    nulls(doc, *item, findings);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::cfn::rules::test_support::{run, span_of};

    fn nulls(text: &str) -> Vec<awsls_grammars::Span> {
        run(text)
            .into_iter()
            .filter(|f| f.code() == "null-value")
            .map(|f| f.span)
            .collect()
    }

    #[test]
    fn nulls_in_template_and_resource_metadata_are_reported() {
        let text = "Metadata:\n  Team:\n    Owner:\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n      Notes: [a, null]\n";
        assert_eq!(
            nulls(text),
            vec![span_of(text, "Owner", 0), span_of(text, "null", 0)]
        );
    }

    #[test]
    fn metadata_with_values_is_fine() {
        let text = "Metadata:\n  Team:\n    Owner: payments\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n      Notes: [a, '']\n";
        assert!(nulls(text).is_empty());
    }
}
