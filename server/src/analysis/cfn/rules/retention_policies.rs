//! A resource kept on deletion should also be kept on replacement: one of
//! `DeletionPolicy` and `UpdateReplacePolicy` set to keep it, the other absent.

use awsls_grammars::{Document, NodeId};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, is_special_key, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INCOMPLETE_RETENTION_POLICY: RuleDef = RuleDef {
        code: "incomplete-retention-policy",
        family: Family::CloudFormation,
        group: "Resource attributes",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3011"],
        fix: false,
        summary: "`DeletionPolicy` keeps a resource but `UpdateReplacePolicy` is missing, or the reverse",
        explanation: "`DeletionPolicy` only applies when the resource is removed from the stack; when an update replaces it, `UpdateReplacePolicy` decides, and it defaults to `Delete`. A bucket or database retained on deletion is still destroyed by a replacing update unless both attributes say `Retain` (or `Snapshot`).",
        example: "`DeletionPolicy: Retain` without `UpdateReplacePolicy: Retain`",
    };
}

const ATTRIBUTES: [&str; 2] = ["DeletionPolicy", "UpdateReplacePolicy"];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for resource in &ctx.template.resources {
        let decl = &resource.decl;
        if is_special_key(&decl.name) || ctx.is_opaque(decl.name_span) {
            continue;
        }
        // SAM passes the attributes of its resources on as it sees fit.
        if resource
            .type_name
            .as_deref()
            .is_some_and(|t| t.starts_with("AWS::Serverless::"))
        {
            continue;
        }
        let values: Vec<_> = ATTRIBUTES.iter().map(|a| doc.get(decl.node, a)).collect();
        let (set, missing) = match (values[0], values[1]) {
            (Some(v), None) => (v, ATTRIBUTES[1]),
            (None, Some(v)) => (v, ATTRIBUTES[0]),
            _ => continue,
        };
        if !keeps(doc, set, 0) {
            continue;
        }
        let present = if missing == ATTRIBUTES[0] {
            ATTRIBUTES[1]
        } else {
            ATTRIBUTES[0]
        };
        findings.push(finding(
            Rule::IncompleteRetentionPolicy,
            decl.name_span,
            format!(
                "`{}` sets `{present}` to keep the resource but has no `{missing}`: the resource is still deleted when {}",
                decl.name,
                if missing == "UpdateReplacePolicy" {
                    "an update replaces it; add `UpdateReplacePolicy` with the same value"
                } else {
                    "the stack deletes it; add `DeletionPolicy` with the same value"
                }
            ),
        ));
    }
}

/// Whether a policy keeps the resource (`Retain`, `RetainExceptOnCreate`,
/// `Snapshot`) in some branch of `Fn::If`.
fn keeps(doc: &Document, node: NodeId, depth: usize) -> bool {
    if let Some(intrinsic) = doc.intrinsic(node) {
        if intrinsic.function != "Fn::If" || depth > 8 {
            return false;
        }
        let parts = doc.sequence(intrinsic.argument).unwrap_or(&[]);
        return parts.len() == 3 && parts[1..].iter().any(|p| keeps(doc, *p, depth + 1));
    }
    matches!(
        doc.str_value(node),
        Some("Retain" | "RetainExceptOnCreate" | "Snapshot")
    )
}
