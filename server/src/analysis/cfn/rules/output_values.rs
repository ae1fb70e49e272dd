//! Output values and export names must be strings: a literal list or
//! mapping, or a function that returns a list (`Fn::GetAZs`, `Fn::Split`,
//! `Fn::Cidr`, `Ref` to a list parameter, `Fn::GetAtt` of a list attribute),
//! is rejected.

use awsls_grammars::{Document, NodeId, NodeKind};

use crate::analysis::cfn::properties::env::Env;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const OUTPUT_NOT_STRING: RuleDef = RuleDef {
        code: "output-not-string",
        family: Family::CloudFormation,
        group: "Conditions, mappings, outputs, rules",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E6101", "E6102"],
        fix: false,
        summary: "An output value or export name that is not a string",
        explanation: "Outputs and exports hold strings: a list (literal, `Fn::GetAZs`, `Fn::Split`, `Fn::Cidr`, a list parameter, a list attribute such as `Vpc.CidrBlockAssociations`) or a mapping fails template validation. Join a list with `Fn::Join` first.",
        example: "`Value: !GetAZs ''`",
    };
}

/// Functions whose result is a list.
const LIST_FUNCTIONS: &[&str] = &["Fn::GetAZs", "Fn::Split", "Fn::Cidr"];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    // A macro may rewrite the template: what is written is not what is deployed.
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for output in &ctx.template.outputs {
        if doc.mapping(output.node).is_none() {
            continue;
        }
        if let Some(value) = doc.get(output.node, "Value") {
            judge(ctx, value, "the value of an output", 0, findings);
        }
        if let Some(name) = doc
            .get(output.node, "Export")
            .and_then(|e| doc.get(e, "Name"))
        {
            judge(ctx, name, "an export name", 0, findings);
        }
    }
}

/// Reports `node` when it is (in some branch) not a string.
fn judge(ctx: &Ctx, node: NodeId, what: &str, depth: usize, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let id = doc.resolve(node);
    let span = ctx.span(id);
    if depth > 10 || ctx.is_opaque(span) {
        return;
    }
    let problem = match &doc.node(id).kind {
        NodeKind::Sequence(_) => Some("a list".to_string()),
        NodeKind::Mapping(entries) if !entries.is_empty() => Some("a mapping".to_string()),
        NodeKind::Intrinsic(intrinsic) => match intrinsic.function.as_str() {
            "Fn::If" => {
                if let Some([_, then, otherwise]) = doc.sequence(intrinsic.argument) {
                    judge(ctx, *then, what, depth + 1, findings);
                    judge(ctx, *otherwise, what, depth + 1, findings);
                }
                None
            }
            f if LIST_FUNCTIONS.contains(&f) => Some(format!("`{f}`, which returns a list")),
            "Ref" => doc.str_value(intrinsic.argument).and_then(|name| {
                let env = Env::of(doc, ctx.template);
                match env.parameter(name) {
                    Some(ty) if !super::parameters::is_valid_type(ty) => Some(format!(
                        "a parameter of type `{ty}`, which is no parameter type"
                    )),
                    _ => env
                        .list_parameter(name)
                        .map(|ty| format!("a parameter of type `{ty}`, which is a list")),
                }
            }),
            "Fn::GetAtt" => list_attribute(&Env::of(doc, ctx.template), doc, intrinsic.argument),
            _ => None,
        },
        _ => None,
    };
    if let Some(problem) = problem {
        findings.push(finding(
            Rule::OutputNotString,
            span,
            if problem.contains("list") {
                format!("{what} must be a string, not {problem}; join a list with `Fn::Join` first")
            } else {
                format!("{what} must be a string, not {problem}")
            },
        ));
    }
}

/// Why `Fn::GetAtt` with `argument` is a list, when its attribute is one.
fn list_attribute(env: &Env, doc: &Document, argument: NodeId) -> Option<String> {
    let parts = doc.sequence(argument)?;
    let (resource, attribute) = (
        doc.str_value(*parts.first()?)?,
        doc.str_value(*parts.get(1)?)?,
    );
    env.attribute_is_list(resource, attribute)
        .then(|| format!("`{resource}.{attribute}`, which is a list"))
}
