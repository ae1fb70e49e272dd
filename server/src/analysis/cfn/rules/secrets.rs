//! Secrets in templates: passwords written as literals, password parameters
//! that are echoed, secrets passed as parameters instead of dynamic
//! references, and `NoEcho` parameters shown in metadata and outputs.

use std::collections::HashSet;

use awsls_grammars::{Document, NodeId, NodeKind, ScalarKind, Span};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::walk::bare_intrinsic;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const HARD_CODED_PASSWORD: RuleDef = RuleDef {
        code: "hard-coded-password",
        family: Family::CloudFormation,
        group: "Secrets",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W2501"],
        fix: false,
        summary: "A password written in the template, or read from a parameter that is not `NoEcho`",
        explanation: "A password in the template is visible to anyone who can read the template or the stack (`GetTemplate`), and a parameter without `NoEcho: true` shows its value in the console and `DescribeStacks`. Take the password from Secrets Manager or SSM with a dynamic reference, or at least from a `NoEcho` parameter.",
        example: "`MasterUserPassword: hunter2hunter2`",
    };

    pub const SECRET_PARAMETER: RuleDef = RuleDef {
        code: "secret-parameter",
        family: Family::CloudFormation,
        group: "Secrets",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W1011"],
        fix: false,
        summary: "A database or directory password taken from a parameter instead of a dynamic reference",
        explanation: "A secret passed as a parameter must be typed in or stored by whoever deploys the stack, and `NoEcho` only masks it in some places. A dynamic reference (`{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}`) keeps the secret in Secrets Manager or SSM, where it can be rotated and its access audited.",
        example: "`MasterUserPassword: !Ref DbPassword`",
    };

    pub const NOECHO_PARAMETER_SHOWN: RuleDef = RuleDef {
        code: "noecho-parameter-shown",
        family: Family::CloudFormation,
        group: "Secrets",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W2010"],
        fix: false,
        summary: "A `NoEcho` parameter used in a resource's `Metadata` or in `Outputs`",
        explanation: "`NoEcho` masks a parameter's value where CloudFormation shows parameters, but not in resource metadata or stack outputs: there the secret is shown in clear to anyone who can describe the stack.",
        example: "`Outputs: {Password: {Value: !Ref DbPassword}}` with `DbPassword` `NoEcho: true`",
    };
}

/// The properties, by resource type, that hold a secret better read from a dynamic reference.
const SECRET_PROPERTIES: &[(&str, &[&str])] = &[
    ("AWS::RDS::DBInstance", &["MasterUserPassword"]),
    ("AWS::RDS::DBCluster", &["MasterUserPassword"]),
    ("AWS::Redshift::Cluster", &["MasterUserPassword"]),
    ("AWS::ElastiCache::ReplicationGroup", &["AuthToken"]),
    ("AWS::DirectoryService::SimpleAD", &["Password"]),
    ("AWS::DirectoryService::MicrosoftAD", &["Password"]),
    ("AWS::IAM::User", &["LoginProfile", "Password"]),
];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let no_echo: HashSet<&str> = ctx
        .template
        .parameters
        .iter()
        .filter(|p| {
            doc.get(p.node, "NoEcho")
                .and_then(|v| doc.str_value(v))
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        })
        .map(|p| p.name.as_str())
        .collect();
    let mut echoed_reported: HashSet<&str> = HashSet::new();
    for resource in &ctx.template.resources {
        if ctx.is_opaque(resource.decl.name_span) {
            continue;
        }
        if let Some(properties) = resource.properties {
            passwords(ctx, properties, &no_echo, &mut echoed_reported, findings);
            if let Some(path) = resource.type_name.as_deref().and_then(|t| {
                SECRET_PROPERTIES
                    .iter()
                    .find(|(ty, _)| *ty == t)
                    .map(|(_, p)| *p)
            }) {
                secret_parameter(ctx, properties, path, findings);
            }
        }
        if let Some(metadata) = doc.get(resource.decl.node, "Metadata") {
            shown(ctx, metadata, &no_echo, "the resource's metadata", findings);
        }
    }
    for output in &ctx.template.outputs {
        shown(ctx, output.node, &no_echo, "the stack's outputs", findings);
    }
}

/// The parameter a node is a `Ref` to, if it is one.
fn parameter_ref<'d>(ctx: &Ctx<'d>, node: NodeId) -> Option<&'d str> {
    let intrinsic = ctx.doc.intrinsic(node).filter(|i| i.function == "Ref")?;
    let name = ctx.doc.str_value(intrinsic.argument)?;
    ctx.template.parameter(name).map(|_| name)
}

fn passwords<'d>(
    ctx: &Ctx<'d>,
    properties: NodeId,
    no_echo: &HashSet<&str>,
    reported: &mut HashSet<&'d str>,
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let mut stack = vec![properties];
    while let Some(id) = stack.pop() {
        if bare_intrinsic(doc, id).is_some() {
            continue;
        }
        match &doc.node(id).kind {
            NodeKind::Mapping(entries) => {
                for entry in entries.iter().rev() {
                    let key = entry.key.text.as_str();
                    if key.ends_with("Password") {
                        if let Some(parameter) = parameter_ref(ctx, entry.value) {
                            if !no_echo.contains(parameter) && reported.insert(parameter) {
                                if let Some(decl) = ctx.template.parameter(parameter) {
                                    findings.push(finding(
                                        Rule::HardCodedPassword,
                                        decl.name_span,
                                        format!("parameter `{parameter}` is used as `{key}` but is not `NoEcho: true`: its value is shown in the console and `DescribeStacks`"),
                                    ));
                                }
                            }
                        }
                    }
                    if matches!(key, "Password" | "MasterUserPassword") {
                        if let NodeKind::Scalar(s) = &doc.node(entry.value).kind {
                            if s.kind == ScalarKind::String
                                && !s.value.trim_start().starts_with("{{resolve:")
                            {
                                findings.push(finding(
                                    Rule::HardCodedPassword,
                                    entry.key.span,
                                    format!("`{key}` is written in the template: read it with a dynamic reference such as `{{{{resolve:secretsmanager:...}}}}` instead"),
                                ));
                            }
                        }
                    }
                    stack.push(entry.value);
                }
            }
            NodeKind::Sequence(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
}

fn secret_parameter(ctx: &Ctx, properties: NodeId, path: &[&str], findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut mapping = properties;
    for name in parents {
        match doc.get(mapping, name) {
            Some(next) if doc.mapping(next).is_some() => mapping = next,
            _ => return,
        }
    }
    let Some(entry) = doc.entry(mapping, last) else {
        return;
    };
    if let Some(parameter) = parameter_ref(ctx, entry.value) {
        findings.push(finding(
            Rule::SecretParameter,
            entry.key.span,
            format!("`{last}` reads parameter `{parameter}`: take the secret from a dynamic reference (`{{{{resolve:secretsmanager:...}}}}`) instead"),
        ));
    }
}

/// Reports, below `start`, each use of a `NoEcho` parameter by `Ref` or in
/// `Fn::Sub`, at the key whose value holds it.
fn shown(
    ctx: &Ctx,
    start: NodeId,
    no_echo: &HashSet<&str>,
    place: &str,
    findings: &mut Vec<Finding>,
) {
    if no_echo.is_empty() {
        return;
    }
    let doc = ctx.doc;
    let mut stack: Vec<(NodeId, Option<Span>)> = vec![(start, None)];
    let mut seen = HashSet::new();
    while let Some((id, anchor)) = stack.pop() {
        let used = uses(doc, id, no_echo);
        if let (Some(parameter), Some(anchor)) = (used, anchor) {
            if seen.insert(anchor.start) {
                findings.push(finding(
                    Rule::NoechoParameterShown,
                    anchor,
                    format!("`NoEcho` parameter `{parameter}` is shown in clear in {place}"),
                ));
            }
            continue;
        }
        match &doc.node(id).kind {
            NodeKind::Mapping(entries) => {
                stack.extend(entries.iter().rev().map(|e| (e.value, Some(e.key.span))))
            }
            NodeKind::Sequence(items) => stack.extend(items.iter().rev().map(|i| (*i, anchor))),
            NodeKind::Intrinsic(i) => stack.push((i.argument, anchor)),
            _ => {}
        }
    }
}

/// The `NoEcho` parameter a node reads directly: `!Ref P` or `${P}` in a `Fn::Sub` string.
fn uses<'p>(doc: &Document, id: NodeId, no_echo: &HashSet<&'p str>) -> Option<&'p str> {
    let intrinsic = doc.intrinsic(id)?;
    match intrinsic.function.as_str() {
        "Ref" => {
            let name = doc.str_value(intrinsic.argument)?;
            no_echo.get(name).copied()
        }
        "Fn::Sub" => {
            let (text, variables) = match doc.sequence(intrinsic.argument) {
                Some(parts) => (doc.str_value(*parts.first()?)?, parts.get(1).copied()),
                None => (doc.str_value(intrinsic.argument)?, None),
            };
            // A variable of the same name hides the parameter.
            let hidden = |p: &str| variables.is_some_and(|v| doc.get(v, p).is_some());
            no_echo
                .iter()
                .copied()
                .filter(|p| !hidden(p) && text.contains(&format!("${{{p}}}")))
                .min()
        }
        _ => None,
    }
}
