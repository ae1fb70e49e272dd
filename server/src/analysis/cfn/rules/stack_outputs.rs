//! The arguments of `Fn::GetStackOutput`: a mapping with the `StackName` and
//! `OutputName` of another stack's output, and optionally its `Region` and
//! the `RoleArn` to read it with, each a string.

use awsls_grammars::Intrinsic;

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, with_suggestion, Ctx};
use super::walk::{shape, Shape};

const REQUIRED: &[&str] = &["StackName", "OutputName"];
const KEYS: &[&str] = &["StackName", "OutputName", "Region", "RoleArn"];

pub fn check_arguments(ctx: &Ctx, call: &Intrinsic, arg_shape: Shape, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let arg = call.argument;
    match arg_shape {
        Shape::Mapping => {}
        Shape::Unknown | Shape::Intrinsic(_) => return,
        _ => {
            findings.push(finding(
                Rule::InvalidFunctionArguments,
                ctx.span(arg),
                "`Fn::GetStackOutput` takes a mapping: `{StackName: ..., OutputName: ...}`, with optional `Region` and `RoleArn`",
            ));
            return;
        }
    }
    let entries = doc.mapping(arg).unwrap_or_default();
    for entry in entries {
        let key = entry.key.text.as_str();
        if !KEYS.contains(&key) {
            findings.push(with_suggestion(
                finding(
                    Rule::InvalidFunctionArguments,
                    entry.key.span,
                    format!("`{key}` is not an argument of `Fn::GetStackOutput`: it takes `StackName`, `OutputName`, `Region` and `RoleArn`"),
                ),
                key,
                KEYS.iter().copied(),
            ));
            continue;
        }
        if !matches!(
            shape(doc, entry.value),
            Shape::Scalar | Shape::Intrinsic(_) | Shape::Unknown
        ) {
            findings.push(finding(
                Rule::InvalidFunctionArguments,
                ctx.span(entry.value),
                format!("`{key}` of `Fn::GetStackOutput` must be a string"),
            ));
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|r| !entries.iter().any(|e| e.key.text == *r))
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
        findings.push(finding(
            Rule::InvalidFunctionArguments,
            call.name_span,
            format!("`Fn::GetStackOutput` needs {}", names.join(" and ")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn arguments_of_get_stack_output() {
        let head =
            "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName:\n";
        assert_clean(&format!("{head}        Fn::GetStackOutput: {{StackName: net, OutputName: VpcId, Region: us-west-2, RoleArn: !Sub 'arn:aws:iam::${{AWS::AccountId}}:role/r'}}\nOutputs:\n  O:\n    Value: !GetStackOutput {{StackName: a, OutputName: b}}\n"));
        for (arg, needle) in [
            ("{StackName: net}", "needs `OutputName`"),
            ("[net, VpcId]", "takes a mapping"),
            (
                "{StackName: net, OutputName: o, Regoin: x}",
                "did you mean `Region`",
            ),
            ("{StackName: [net], OutputName: o}", "must be a string"),
        ] {
            let findings = run(&format!("{head}        Fn::GetStackOutput: {arg}\n"));
            let f = only(&findings, "invalid-function-arguments");
            assert!(f.message.contains(needle), "{arg}: {}", f.message);
        }
    }
}
