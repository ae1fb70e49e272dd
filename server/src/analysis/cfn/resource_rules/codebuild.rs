//! CodeBuild projects: where S3 sources and artifacts are.

use awsls_grammars::NodeId;

use super::props::absent;
use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const CODEBUILD_S3_LOCATION: RuleDef = RuleDef {
        code: "codebuild-s3-location",
        family: Family::CloudFormation,
        group: "CodeBuild",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3636"],
        fix: false,
        summary: "An S3 source or artifacts of a CodeBuild project without `Location`",
        explanation: "A CodeBuild source of type `S3` reads its code from the object named by `Location`, and artifacts of type `S3` are written to the bucket named by `Location`: CodeBuild rejects the project without it, so the stack fails when it creates the project.",
        example: "`Artifacts: {Type: S3}` without `Location`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::CodeBuild::Project"],
    check: project,
}];

fn project(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    for name in ["Artifacts", "Source"] {
        if let Some(node) = ctx.property(name) {
            check(ctx, name, node, findings);
        }
    }
    for name in ["SecondaryArtifacts", "SecondarySources"] {
        for item in ctx
            .property(name)
            .and_then(|s| doc.sequence(s))
            .into_iter()
            .flatten()
        {
            check(ctx, name, *item, findings);
        }
    }
}

/// One source or artifacts mapping.
fn check(ctx: &ResourceCtx, name: &str, node: NodeId, findings: &mut Vec<Finding>) {
    if ctx.doc.mapping(node).is_none() {
        return;
    }
    if ctx.literal(ctx.doc.get(node, "Type")) != Some("S3") || !absent(ctx, node, "Location") {
        return;
    }
    if let Some(span) = ctx.key_span(node, "Type") {
        findings.push(Finding::new(
            Rule::CodebuildS3Location,
            span,
            format!("`{name}` of type `S3` needs `Location`: the S3 object or bucket it reads or writes"),
        ));
    }
}
