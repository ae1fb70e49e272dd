//! Tags written as a list of `Key`/`Value` pairs, on any resource type: keys
//! must be unique and must not use the `aws:` prefix AWS reserves.

use std::collections::HashMap;

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_TAGS: RuleDef = RuleDef {
        code: "invalid-tags",
        family: Family::CloudFormation,
        group: "Tags",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3024"],
        fix: false,
        summary: "A tag key given twice, or a tag key with the reserved `aws:` prefix",
        explanation: "Each tag key may appear once on a resource, and keys starting with `aws:` are reserved for AWS: the tagging call fails and the resource with it, when the stack creates or updates it.",
        example: "`Tags: [{Key: team, Value: a}, {Key: team, Value: b}]`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["*"],
    check: tags,
}];

fn tags(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(items) = ctx.property("Tags").and_then(|t| doc.sequence(t)) else {
        return;
    };
    let mut seen: HashMap<&str, awsls_grammars::Span> = HashMap::new();
    for item in items {
        if doc.mapping(*item).is_none() {
            continue;
        }
        let Some(key_node) = doc.get(*item, "Key") else {
            continue;
        };
        let [Value::Literal { text, span, .. }] = ctx.values(key_node)[..] else {
            continue;
        };
        if text.to_ascii_lowercase().starts_with("aws:") {
            findings.push(Finding::new(
                Rule::InvalidTags,
                span,
                format!(
                    "tag key `{text}` uses the `aws:` prefix, which AWS reserves for its own tags"
                ),
            ));
        }
        match seen.get(text) {
            Some(first) => findings.push(
                Finding::new(
                    Rule::InvalidTags,
                    span,
                    format!("tag key `{text}` is given twice; each key may appear once"),
                )
                .with_related(*first, "first given here"),
            ),
            None => {
                seen.insert(text, span);
            }
        }
    }
}
