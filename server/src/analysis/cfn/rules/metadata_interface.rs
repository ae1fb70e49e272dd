//! `Metadata: AWS::CloudFormation::Interface`, which orders and labels the
//! parameters in the console: its shape, and that it names declared parameters.

use awsls_grammars::NodeId;

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, with_suggestion, Ctx};
use super::walk::{shape, Shape};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_METADATA_INTERFACE: RuleDef = RuleDef {
        code: "invalid-metadata-interface",
        family: Family::CloudFormation,
        group: "Template structure",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E4001"],
        fix: true,
        summary: "An `AWS::CloudFormation::Interface` that is not `{ParameterGroups, ParameterLabels}`",
        explanation: "The console reads `ParameterGroups` (a list of `{Label, Parameters: [names]}`) and `ParameterLabels` (a mapping of parameter names) from this key to lay out the stack's parameters; CloudFormation rejects the template when the key has another shape or other keys.",
        example: "`ParameterGroups: [{Label: {default: Network}, Parameters: VpcId}]` (a name where a list goes)",
    };

    pub const UNKNOWN_INTERFACE_PARAMETER: RuleDef = RuleDef {
        code: "unknown-interface-parameter",
        family: Family::CloudFormation,
        group: "Template structure",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W4001"],
        fix: true,
        summary: "`AWS::CloudFormation::Interface` names a parameter the template does not declare",
        explanation: "A parameter named in `ParameterGroups` or `ParameterLabels` but not declared under `Parameters` is usually a renamed or removed parameter: the console silently leaves it out, and the group or label no longer does what it was written for.",
        example: "`ParameterLabels: {VpcID: {default: VPC}}` with the parameter declared as `VpcId`",
    };
}

const INTERFACE_KEYS: &[&str] = &["ParameterGroups", "ParameterLabels"];
const GROUP_KEYS: &[&str] = &["Label", "Parameters"];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let Some(entry) = ctx
        .section("Metadata")
        .and_then(|m| doc.entry(m, "AWS::CloudFormation::Interface"))
    else {
        return;
    };
    let interface = doc.resolve(entry.value);
    let Some(keys) = doc.mapping(interface) else {
        if shape(doc, interface) != Shape::Unknown {
            findings.push(finding(
                Rule::InvalidMetadataInterface,
                entry.key.span,
                "`AWS::CloudFormation::Interface` must be a mapping with `ParameterGroups` and `ParameterLabels`",
            ));
        }
        return;
    };
    for key in keys {
        if !INTERFACE_KEYS.contains(&key.key.text.as_str()) {
            findings.push(with_suggestion(
                finding(
                    Rule::InvalidMetadataInterface,
                    key.key.span,
                    format!(
                        "`{}` is not a key of `AWS::CloudFormation::Interface` (ParameterGroups, ParameterLabels)",
                        key.key.text
                    ),
                ),
                &key.key.text,
                INTERFACE_KEYS.iter().copied(),
            ));
        }
    }
    if let Some(groups) = doc.get(interface, "ParameterGroups") {
        check_groups(ctx, groups, findings);
    }
    if let Some(labels) = doc
        .get(interface, "ParameterLabels")
        .and_then(|l| doc.mapping(l))
    {
        for label in labels {
            check_name(ctx, &label.key.text, label.key.span, findings);
        }
    }
}

fn check_groups(ctx: &Ctx, groups: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(items) = doc.sequence(groups) else {
        if !matches!(shape(doc, groups), Shape::Unknown | Shape::Intrinsic(_)) {
            findings.push(finding(
                Rule::InvalidMetadataInterface,
                ctx.span(groups),
                "`ParameterGroups` must be a list of `{Label, Parameters}`",
            ));
        }
        return;
    };
    for group in items {
        let Some(keys) = doc.mapping(*group) else {
            continue;
        };
        for key in keys {
            if !GROUP_KEYS.contains(&key.key.text.as_str()) {
                findings.push(with_suggestion(
                    finding(
                        Rule::InvalidMetadataInterface,
                        key.key.span,
                        format!(
                            "`{}` is not a key of a parameter group (Label, Parameters)",
                            key.key.text
                        ),
                    ),
                    &key.key.text,
                    GROUP_KEYS.iter().copied(),
                ));
            }
        }
        let Some(parameters) = doc.get(*group, "Parameters") else {
            continue;
        };
        let Some(names) = doc.sequence(parameters) else {
            if shape(doc, parameters) == Shape::Scalar {
                findings.push(finding(
                    Rule::InvalidMetadataInterface,
                    ctx.span(parameters),
                    "`Parameters` of a parameter group must be a list of parameter names",
                ));
            }
            continue;
        };
        for name in names {
            if let Some(text) = doc.str_value(*name) {
                check_name(ctx, text, ctx.span(*name), findings);
            }
        }
    }
}

fn check_name(ctx: &Ctx, name: &str, span: awsls_grammars::Span, findings: &mut Vec<Finding>) {
    if ctx.template.parameter(name).is_some() || ctx.declarations_open() {
        return;
    }
    findings.push(with_suggestion(
        finding(
            Rule::UnknownInterfaceParameter,
            span,
            format!("`{name}` is not a parameter of this template; the console leaves it out"),
        ),
        name,
        ctx.template.parameters.iter().map(|p| p.name.as_str()),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const PARAMETERS: &str = "Parameters:\n  VpcId:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref VpcId\n";

    #[test]
    fn shapes_and_names_are_checked() {
        let text = format!("Metadata:\n  AWS::CloudFormation::Interface:\n    ParameterGroups:\n      - Label: {{default: Network}}\n        Parameters: VpcId\n      - Labels: {{default: x}}\n        Parameters: [VpcID]\n    ParameterLabels:\n      Vpc: {{default: VPC}}\n    Other: 1\n{PARAMETERS}");
        let found = run(&text);
        let codes: Vec<_> = found.iter().map(|f| f.code()).collect();
        assert_eq!(
            codes,
            [
                "invalid-metadata-interface",
                "invalid-metadata-interface",
                "unknown-interface-parameter",
                "unknown-interface-parameter",
                "invalid-metadata-interface",
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn a_good_interface_is_quiet() {
        let text = format!("Metadata:\n  AWS::CloudFormation::Interface:\n    ParameterGroups:\n      - Label: {{default: Network}}\n        Parameters: [VpcId]\n    ParameterLabels:\n      VpcId: {{default: VPC}}\n{PARAMETERS}");
        assert!(run(&text).is_empty(), "{:#?}", run(&text));
    }
}
