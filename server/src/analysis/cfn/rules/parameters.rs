//! Parameters: a valid `Type`, known keys, constraint values of the right
//! kind, a literal `Default` that satisfies the constraints, and parameters
//! nobody uses.

use crate::analysis::rules::Rule;
use std::collections::HashSet;

use awsls_grammars::NodeId;

use crate::analysis::cfn::references::{sub_parts, sub_variables, Namespace, Via};
use crate::analysis::Finding;

use super::context::{finding, is_special_key, with_suggestion, Ctx};
use super::walk::{bare_intrinsic, shape, Shape};

const KEYS: &[&str] = &[
    "Type",
    "Default",
    "AllowedValues",
    "AllowedPattern",
    "ConstraintDescription",
    "Description",
    "MaxLength",
    "MaxValue",
    "MinLength",
    "MinValue",
    "NoEcho",
];

/// AWS-specific parameter types (CloudFormation User Guide, "Parameters").
const AWS_TYPES: &[&str] = &[
    "AWS::EC2::AvailabilityZone::Name",
    "AWS::EC2::Image::Id",
    "AWS::EC2::Instance::Id",
    "AWS::EC2::KeyPair::KeyName",
    "AWS::EC2::SecurityGroup::GroupName",
    "AWS::EC2::SecurityGroup::Id",
    "AWS::EC2::Subnet::Id",
    "AWS::EC2::Volume::Id",
    "AWS::EC2::VPC::Id",
    "AWS::Route53::HostedZone::Id",
];

/// `List<String>` is not in the User Guide's list, but CloudFormation accepts it.
const BASIC_TYPES: &[&str] = &[
    "String",
    "Number",
    "List<Number>",
    "List<String>",
    "CommaDelimitedList",
];

const SSM_NAME: &str = "AWS::SSM::Parameter::Name";

fn is_aws_type(t: &str) -> bool {
    AWS_TYPES.contains(&t)
        || t.strip_prefix("List<")
            .and_then(|r| r.strip_suffix('>'))
            .is_some_and(|inner| AWS_TYPES.contains(&inner))
}

pub fn is_valid_type(t: &str) -> bool {
    if BASIC_TYPES.contains(&t) || t == SSM_NAME || is_aws_type(t) {
        return true;
    }
    t.strip_prefix("AWS::SSM::Parameter::Value<")
        .and_then(|r| r.strip_suffix('>'))
        .is_some_and(|inner| {
            BASIC_TYPES.contains(&inner) || inner == SSM_NAME || is_aws_type(inner)
        })
}

fn all_types() -> impl Iterator<Item = String> {
    BASIC_TYPES
        .iter()
        .map(|t| t.to_string())
        .chain(AWS_TYPES.iter().map(|t| t.to_string()))
        .chain(AWS_TYPES.iter().map(|t| format!("List<{t}>")))
        .chain([
            SSM_NAME.to_string(),
            "AWS::SSM::Parameter::Value<String>".to_string(),
            "AWS::SSM::Parameter::Value<List<String>>".to_string(),
            "AWS::SSM::Parameter::Value<CommaDelimitedList>".to_string(),
        ])
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for param in &ctx.template.parameters {
        if is_special_key(&param.name) {
            continue;
        }
        let Some(entries) = doc.mapping(param.node) else {
            if shape(doc, param.node) != Shape::Unknown {
                findings.push(finding(
                    Rule::InvalidParameter,
                    ctx.span(param.node),
                    format!(
                        "parameter `{}` must be a mapping with at least a `Type`",
                        param.name
                    ),
                ));
            }
            continue;
        };
        for entry in entries {
            let key = entry.key.text.as_str();
            if !KEYS.contains(&key) {
                let finding = finding(
                    Rule::UnknownParameterKey,
                    entry.key.span,
                    format!("`{key}` is not a parameter property"),
                );
                findings.push(with_suggestion(finding, key, KEYS.iter().copied()));
            }
        }
        let type_name = match doc.get(param.node, "Type") {
            None => {
                findings.push(finding(Rule::MissingParameterType,
                    param.name_span,
                    format!("parameter `{}` has no `Type`; add `Type: String` or another parameter type", param.name),
                ));
                None
            }
            Some(t) => match doc.str_value(t) {
                Some(name) if is_valid_type(name) => Some(name),
                Some(name) => {
                    let finding = finding(Rule::InvalidParameterType,
                        ctx.span(t),
                        format!("`{name}` is not a parameter type (String, Number, List<Number>, CommaDelimitedList, AWS-specific or SSM types)"),
                    );
                    let types: Vec<String> = all_types().collect();
                    findings.push(with_suggestion(
                        finding,
                        name,
                        types.iter().map(String::as_str),
                    ));
                    None
                }
                None => {
                    if !matches!(shape(doc, t), Shape::Unknown | Shape::Intrinsic(_)) {
                        findings.push(finding(
                            Rule::InvalidParameterType,
                            ctx.span(t),
                            "`Type` must be a parameter type name",
                        ));
                    }
                    None
                }
            },
        };
        check_constraint_kinds(ctx, param.node, findings);
        if let Some(t) = type_name {
            check_default(ctx, param.node, t, findings);
        }
    }
    check_unused(ctx, findings);
}

fn number_of(ctx: &Ctx, node: NodeId) -> Option<f64> {
    ctx.doc
        .str_value(node)
        .and_then(|t| t.trim().parse::<f64>().ok())
}

/// `MinLength` and friends must be numbers, `AllowedValues` a list.
fn check_constraint_kinds(ctx: &Ctx, node: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    for key in ["MinLength", "MaxLength", "MinValue", "MaxValue"] {
        let Some(value) = doc.get(node, key) else {
            continue;
        };
        if number_of(ctx, value).is_none() && shape(doc, value) != Shape::Unknown {
            findings.push(finding(
                Rule::InvalidParameterConstraint,
                ctx.span(value),
                format!("`{key}` must be a number"),
            ));
        }
    }
    if let Some(values) = doc.get(node, "AllowedValues") {
        if !matches!(shape(doc, values), Shape::Sequence | Shape::Unknown) {
            findings.push(finding(
                Rule::InvalidParameterConstraint,
                ctx.span(values),
                "`AllowedValues` must be a list of values",
            ));
        }
    }
    for key in ["AllowedPattern", "ConstraintDescription", "Description"] {
        let Some(value) = doc.get(node, key) else {
            continue;
        };
        if matches!(shape(doc, value), Shape::Mapping | Shape::Sequence) {
            findings.push(finding(
                Rule::InvalidParameterConstraint,
                ctx.span(value),
                format!("`{key}` must be a string"),
            ));
        }
    }
}

/// A literal `Default` must satisfy the parameter's own constraints.
fn check_default(ctx: &Ctx, node: NodeId, type_name: &str, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(default) = doc.get(node, "Default") else {
        return;
    };
    if type_name.starts_with("AWS::SSM::") {
        return; // the default names an SSM parameter, not a value
    }
    let Some(text) = doc
        .str_value(default)
        .filter(|_| shape(doc, default) == Shape::Scalar)
    else {
        return;
    };
    let is_list = type_name == "CommaDelimitedList" || type_name.starts_with("List<");
    if is_list && text.trim().is_empty() {
        return; // an empty list
    }
    let values: Vec<&str> = if is_list {
        text.split(',').map(str::trim).collect()
    } else {
        vec![text]
    };
    let numeric = type_name == "Number" || type_name == "List<Number>";
    let span = ctx.span(default);
    let mut fail =
        |message: String| findings.push(finding(Rule::InvalidParameterDefault, span, message));
    for value in &values {
        if numeric && value.parse::<f64>().is_err() {
            fail(format!(
                "default `{value}` is not a number, but the parameter's type is `{type_name}`"
            ));
            return;
        }
    }
    if let Some(allowed) = doc.get(node, "AllowedValues").and_then(|a| doc.sequence(a)) {
        let allowed_texts: Vec<&str> = allowed.iter().filter_map(|a| doc.str_value(*a)).collect();
        if allowed_texts.len() == allowed.len() {
            for value in &values {
                let ok = allowed_texts.iter().any(|a| {
                    a == value
                        || (numeric
                            && a.parse::<f64>()
                                .ok()
                                .zip(value.parse::<f64>().ok())
                                .is_some_and(|(x, y)| x == y))
                });
                if !ok {
                    fail(format!(
                        "default `{value}` is not one of the `AllowedValues`: {}",
                        allowed_texts.join(", ")
                    ));
                    return;
                }
            }
        }
    }
    if numeric {
        let bounds = [("MinValue", true), ("MaxValue", false)];
        for (key, is_min) in bounds {
            let Some(limit) = doc.get(node, key).and_then(|v| number_of(ctx, v)) else {
                continue;
            };
            for value in values.iter().filter_map(|v| v.parse::<f64>().ok()) {
                if (is_min && value < limit) || (!is_min && value > limit) {
                    fail(format!(
                        "default {value} is outside the range set by `{key}: {limit}`"
                    ));
                    return;
                }
            }
        }
    } else if type_name == "String" {
        // CloudFormation matches the whole value against `AllowedPattern`.
        let pattern = doc
            .get(node, "AllowedPattern")
            .and_then(|p| doc.str_value(p));
        if let Some(pattern) = pattern {
            let whole = format!("^(?:{pattern})$");
            if crate::analysis::cfn::properties::patterns::is_match(&whole, text) == Some(false) {
                fail(format!(
                    "default `{text}` does not match the parameter's `AllowedPattern` `{pattern}`"
                ));
                return;
            }
        }
        let len = text.chars().count() as f64;
        for (key, is_min) in [("MinLength", true), ("MaxLength", false)] {
            let Some(limit) = doc.get(node, key).and_then(|v| number_of(ctx, v)) else {
                continue;
            };
            if (is_min && len < limit) || (!is_min && len > limit) {
                fail(format!(
                    "default is {len} characters long, outside the limit set by `{key}: {limit}`"
                ));
                return;
            }
        }
    }
}

fn check_unused(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.declarations_open() {
        return;
    }
    let mut used: HashSet<&str> = ctx
        .refs
        .iter()
        .filter(|r| r.namespace == Namespace::Value || r.via == Via::Sub)
        .map(|r| r.name.as_str())
        .collect();
    // `Fn::ValueOf: [Param, Attribute]` in `Rules` reads a parameter too.
    let doc = ctx.doc;
    for node in &doc.nodes {
        if let awsls_grammars::NodeKind::Intrinsic(i) = &node.kind {
            if i.function == "Fn::ValueOf"
                || i.function == "Fn::ValueOfAll"
                || i.function == "Fn::RefAll"
            {
                if let Some(first) = doc.sequence(i.argument).and_then(|s| s.first()) {
                    if let Some(name) = doc.str_value(*first) {
                        used.insert(name);
                    }
                }
            }
        }
    }
    used.extend(bare_uses(ctx));
    for param in &ctx.template.parameters {
        if used.contains(param.name.as_str()) || is_special_key(&param.name) {
            continue;
        }
        let mut finding = finding(
            Rule::UnusedParameter,
            param.name_span,
            format!(
                "parameter `{}` is never used; remove it or reference it with `!Ref {}`",
                param.name, param.name
            ),
        );
        finding.unnecessary = true;
        findings.push(finding);
    }
}

/// Names read by `{Ref: ..}` and `{Fn::Sub: ..}` mappings left un-normalised
/// under a short-form tag (`!Base64 {Fn::Sub: ..}`).
fn bare_uses<'a>(ctx: &'a Ctx) -> Vec<&'a str> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    for (index, node) in doc.nodes.iter().enumerate() {
        if !matches!(node.kind, awsls_grammars::NodeKind::Mapping(_)) {
            continue;
        }
        let id = NodeId(index as u32);
        match bare_intrinsic(doc, id) {
            Some(("Ref", arg)) => out.extend(doc.str_value(arg)),
            Some(("Fn::Sub", arg)) => {
                let (string, _) = sub_parts(doc, arg);
                if let Some(string) = string {
                    for var in sub_variables(ctx.snapshot, string) {
                        let name = var.text.split('.').next().unwrap_or_default();
                        if let Some(p) = ctx.template.parameter(name) {
                            out.push(p.name.as_str());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::is_valid_type;

    fn template(param: &str) -> String {
        format!("Parameters:\n  P:\n{param}Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref P\n")
    }

    #[test]
    fn types() {
        for t in [
            "String",
            "List<AWS::EC2::Subnet::Id>",
            "AWS::SSM::Parameter::Value<List<AWS::EC2::VPC::Id>>",
            "AWS::SSM::Parameter::Name",
        ] {
            assert!(is_valid_type(t), "{t}");
        }
        for t in [
            "string",
            "List<Strings>",
            "AWS::SSM::Parameter::Value<Boolean>",
            "AWS::S3::Bucket",
            "Boolean",
        ] {
            assert!(!is_valid_type(t), "{t}");
        }
        let text = template("    Type: Sting\n");
        let findings = run(&text);
        let f = only(&findings, "invalid-parameter-type");
        assert_eq!(f.span, span_of(&text, "Sting", 0));
        assert!(f.message.contains("did you mean `String`?"));
        let text = template("    Description: no type\n");
        assert_eq!(
            only(&run(&text), "missing-parameter-type").span,
            span_within(&text, "  P:", "P")
        );
    }

    #[test]
    fn unknown_keys() {
        let text = template("    Type: String\n    AllowedValue: [a]\n");
        let findings = run(&text);
        assert!(only(&findings, "unknown-parameter-key")
            .message
            .contains("did you mean `AllowedValues`?"));
    }

    #[test]
    fn defaults_meet_the_constraints() {
        let bad = [
            "    Type: String\n    Default: c\n    AllowedValues: [a, b]\n",
            "    Type: Number\n    Default: ten\n",
            "    Type: Number\n    Default: 11\n    MaxValue: 10\n",
            "    Type: String\n    Default: abc\n    MaxLength: 2\n",
            "    Type: CommaDelimitedList\n    Default: a,c\n    AllowedValues: [a, b]\n",
        ];
        for p in bad {
            let text = template(p);
            let findings = run(&text);
            let f = only(&findings, "invalid-parameter-default");
            assert_eq!(
                text[f.span.start..f.span.end].split('\n').next(),
                p.split("Default: ")
                    .nth(1)
                    .and_then(|r| r.split('\n').next()),
                "{p}"
            );
        }
        let good = [
            "    Type: String\n    Default: a\n    AllowedValues: [a, b]\n",
            "    Type: Number\n    Default: 10\n    MinValue: 1\n    MaxValue: 10\n    AllowedValues: [1, 10.0]\n",
            "    Type: CommaDelimitedList\n    Default: 'a, b'\n    AllowedValues: [a, b]\n",
            "    Type: AWS::SSM::Parameter::Value<String>\n    Default: /my/param\n    AllowedValues: [x]\n",
            "    Type: String\n    Default: ''\n    MinLength: 0\n",
        ];
        for p in good {
            assert_clean(&template(p));
        }
    }

    #[test]
    fn constraint_values_have_the_right_kind() {
        let text = template("    Type: String\n    MaxLength: many\n    AllowedValues: a\n");
        let findings = run(&text);
        assert_eq!(
            findings
                .iter()
                .filter(|f| f.code() == "invalid-parameter-constraint")
                .count(),
            2
        );
    }

    #[test]
    fn unused_parameters_are_faded_warnings() {
        let text = "Parameters:\n  Used:\n    Type: String\n  Unused:\n    Type: String\n  InSub:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Used\n      DisplayName: !Base64\n        Fn::Sub: '${InSub}'\n";
        let findings = run(text);
        let f = only(&findings, "unused-parameter");
        assert_eq!(f.span, span_of(text, "Unused", 0));
        assert!(f.unnecessary);
        assert_eq!(f.severity, crate::analysis::Severity::Warning);
    }
}
