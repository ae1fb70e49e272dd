//! YAML features CloudFormation does not read: aliases (`*name`) and merge
//! keys (`<<`), which only tools that rewrite the template first (`aws
//! cloudformation package`, SAM) resolve.

use awsls_grammars::{Format, NodeId, NodeKind, Span};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const YAML_MERGE_KEY: RuleDef = RuleDef {
        code: "yaml-merge-key",
        family: Family::CloudFormation,
        group: "Template structure",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W1100"],
        fix: false,
        summary: "A YAML merge key (`<<`) in a template",
        explanation: "CloudFormation's YAML reader does not apply merge keys: the template deploys only after a tool that rewrites it (`aws cloudformation package`, `sam deploy`) has expanded them; uploaded as written, `<<` is read as an ordinary key.",
        example: "`Properties: {<<: *defaults, DelaySeconds: 5}`",
    };

    pub const YAML_ALIAS: RuleDef = RuleDef {
        code: "yaml-alias",
        family: Family::CloudFormation,
        group: "Template structure",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W1101"],
        fix: false,
        summary: "A YAML alias (`*name`) in a template",
        explanation: "CloudFormation rejects templates with YAML anchors and aliases unless a tool that rewrites the template first (`aws cloudformation package`, `sam deploy`) has replaced each alias with a copy of its anchor's value.",
        example: "`Properties: *defaults`",
    };
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.snapshot.format != Format::Yaml {
        return;
    }
    let doc = ctx.doc;
    let merges = ctx.snapshot.contains("<<");
    if !merges && !doc.has_anchors() {
        return;
    }
    let mut stack: Vec<(NodeId, Option<Span>)> = vec![(ctx.root, None)];
    while let Some((id, key)) = stack.pop() {
        match &doc.node(id).kind {
            NodeKind::Alias { name, .. } => findings.push(finding(
                Rule::YamlAlias,
                doc.node(id).span,
                format!("`*{name}` is a YAML alias: CloudFormation rejects it unless the template is packaged first (`aws cloudformation package` or SAM)"),
            )),
            NodeKind::Mapping(entries) => {
                if merges && entries.iter().any(|e| e.key.text == "<<") {
                    let span = key.unwrap_or(doc.node(id).span);
                    findings.push(finding(
                        Rule::YamlMergeKey,
                        span,
                        "`<<` merges YAML mappings, which CloudFormation does not do: the template deploys only once packaged (`aws cloudformation package` or SAM)",
                    ));
                }
                stack.extend(entries.iter().rev().map(|e| (e.value, Some(e.key.span))));
            }
            NodeKind::Sequence(items) => stack.extend(items.iter().rev().map(|i| (*i, key))),
            NodeKind::Intrinsic(i) => stack.push((i.argument, key)),
            _ => {}
        }
    }
}
