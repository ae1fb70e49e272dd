//! `Fn::Sub` hygiene: a `${Name}` naming a declaration in a string that is
//! not substituted, a `Fn::Sub` with nothing to substitute, and variables
//! given to `Fn::Sub` that its string never uses. Resource properties are
//! checked one resource at a time (`cfn::resource_rules::sub_strings`, so an
//! edit re-checks its resource only); outputs here.

use awsls_grammars::{NodeId, NodeKind, Span};

use crate::analysis::cfn::references::{sub_parts, sub_variables};
use crate::analysis::cfn::template::is_pseudo_parameter;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use crate::analysis::Snapshot;

use super::context::Ctx;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const SUB_REQUIRED: RuleDef = RuleDef {
        code: "sub-required",
        family: Family::CloudFormation,
        group: "Intrinsic functions",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E1029"],
        fix: false,
        summary: "`${Name}` naming a parameter, resource or pseudo parameter in a string without `Fn::Sub`",
        explanation: "Only `Fn::Sub` replaces `${...}`: anywhere else the text is kept as written, so the resource is created with the literal `${BucketName}` instead of the value, which fails or, worse, deploys something wrong. Reported when the name is one the template declares (or a pseudo parameter), so shell and policy variables are left alone.",
        example: "`BucketName: ${AWS::StackName}-logs`",
    };

    pub const SUB_NOT_NEEDED: RuleDef = RuleDef {
        code: "sub-not-needed",
        family: Family::CloudFormation,
        group: "Intrinsic functions",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W1020"],
        fix: false,
        summary: "`Fn::Sub` of a string with no `${...}` variable",
        explanation: "A `Fn::Sub` with nothing to substitute returns its string unchanged: it only makes the template harder to read, and often means a variable was forgotten.",
        example: "`!Sub 'arn:aws:s3:::my-bucket'`",
    };

    pub const UNUSED_SUB_VARIABLE: RuleDef = RuleDef {
        code: "unused-sub-variable",
        family: Family::CloudFormation,
        group: "Intrinsic functions",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W1019"],
        fix: false,
        summary: "A `Fn::Sub` variable its string never uses",
        explanation: "A variable given in the map of `Fn::Sub` and not written as `${Name}` in its string is computed for nothing; usually the string misspells it, so the substitution is not the one meant.",
        example: "`!Sub ['${Bucket}/logs', {Bucket: !Ref Logs, Prefix: app}]`",
    };
}

/// Keys of resource properties whose text another service substitutes
/// itself when a map of substitutions is given beside it.
const SUBSTITUTED_ELSEWHERE: &[(&str, &str)] = &[
    ("DefinitionString", "DefinitionSubstitutions"),
    ("Definition", "DefinitionSubstitutions"),
];

/// Properties whose value is a whole other template, substituted when that
/// template is deployed.
const NESTED_TEMPLATES: &[&str] = &["TemplateBody"];

/// What the walk reads besides the node: the snapshot, which names the
/// template declares, and which text macros replace.
pub struct Scope<'a> {
    pub snapshot: &'a Snapshot,
    pub declares: &'a dyn Fn(&str) -> bool,
    pub opaque: &'a dyn Fn(Span) -> bool,
}

/// Outputs (resource properties are checked per resource).
pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    // A macro may rewrite the template: what is written is not what is deployed.
    if ctx.transforms.unknown_macro() {
        return;
    }
    let declares = |name: &str| ctx.template.parameter(name).is_some() || ctx.is_resource(name);
    let opaque = |span: Span| ctx.is_opaque(span);
    let scope = Scope {
        snapshot: ctx.snapshot,
        declares: &declares,
        opaque: &opaque,
    };
    for output in &ctx.template.outputs {
        visit(&scope, output.node, 0, findings);
    }
}

/// The properties of one resource.
pub fn check_properties(scope: &Scope, properties: NodeId, findings: &mut Vec<Finding>) {
    let doc = &*scope.snapshot.document;
    for entry in doc.mapping(properties).unwrap_or(&[]) {
        let substituted = SUBSTITUTED_ELSEWHERE
            .iter()
            .any(|(key, map)| entry.key.text == *key && doc.get(properties, map).is_some());
        if !substituted && !NESTED_TEMPLATES.contains(&entry.key.text.as_str()) {
            visit(scope, entry.value, 0, findings);
        }
    }
}

/// Walks `node` outside any `Fn::Sub` string.
fn visit(scope: &Scope, node: NodeId, depth: usize, findings: &mut Vec<Finding>) {
    if depth > 96 {
        return;
    }
    let doc = &*scope.snapshot.document;
    // Aliases are not followed: their anchors are visited where written
    // (following them could visit a node exponentially many times).
    let id = node;
    let span = doc.node(id).span;
    if (scope.opaque)(span) {
        return;
    }
    match &doc.node(id).kind {
        NodeKind::Intrinsic(intrinsic) => match intrinsic.function.as_str() {
            "Fn::Sub" => sub(scope, intrinsic.argument, intrinsic.name_span, findings),
            "Fn::Transform" => {}
            _ => visit(scope, intrinsic.argument, depth + 1, findings),
        },
        NodeKind::Mapping(entries) => {
            for entry in entries {
                visit(scope, entry.value, depth + 1, findings);
            }
        }
        NodeKind::Sequence(items) => {
            for item in items {
                visit(scope, *item, depth + 1, findings);
            }
        }
        // A tagged scalar is a preprocessor's (`!Rain::Embed file`).
        NodeKind::Scalar(scalar) if scalar.value.contains("${") && doc.node(id).tag.is_none() => {
            plain_string(scope, id, findings);
        }
        _ => {}
    }
}

/// A string outside `Fn::Sub`: `${Name}` of a declaration is a mistake.
fn plain_string(scope: &Scope, node: NodeId, findings: &mut Vec<Finding>) {
    for variable in sub_variables(scope.snapshot, node) {
        let name = variable.text.split('.').next().unwrap_or_default();
        if !(is_pseudo_parameter(name) || (scope.declares)(name)) {
            continue;
        }
        let span = Span::new(variable.span.start - 2, variable.span.end + 1);
        findings.push(Finding::new(
            Rule::SubRequired,
            span,
            format!(
                "`${{{}}}` is not replaced outside `Fn::Sub`: the value would keep the literal text; wrap the string in `!Sub`",
                variable.text
            ),
        ));
        return;
    }
}

/// A `Fn::Sub`: its string needs a variable, its variable map needs uses.
fn sub(scope: &Scope, argument: NodeId, name_span: Span, findings: &mut Vec<Finding>) {
    let doc = &*scope.snapshot.document;
    let (string, variables) = sub_parts(doc, argument);
    if let Some(map) = variables {
        for entry in doc.mapping(map).unwrap_or(&[]) {
            visit(scope, entry.value, 1, findings);
        }
    }
    let Some(string) = string.filter(|s| doc.scalar(*s).is_some() && doc.node(*s).tag.is_none())
    else {
        return;
    };
    let text = doc.str_value(string).unwrap_or_default();
    // Text with other `$` forms (API Gateway mapping templates) is left alone.
    if !text.contains('$') && variables.is_none() {
        findings.push(Finding::new(
            Rule::SubNotNeeded,
            name_span,
            "this `Fn::Sub` has no `${...}` variable: the string can be written without it",
        ));
        return;
    }
    let Some(entries) = variables.and_then(|m| doc.mapping(m)) else {
        return;
    };
    let used = sub_variables(scope.snapshot, string);
    for entry in entries {
        if !used.iter().any(|v| v.text == entry.key.text) {
            findings.push(Finding::new(
                Rule::UnusedSubVariable,
                entry.key.span,
                format!(
                    "`{}` is given to `Fn::Sub` but its string never uses `${{{}}}`",
                    entry.key.text, entry.key.text
                ),
            ));
        }
    }
}
