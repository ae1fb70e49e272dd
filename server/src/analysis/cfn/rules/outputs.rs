//! Outputs: known keys, a `Value`, and an `Export` with a `Name`.

use crate::analysis::Finding;

use super::context::{error, is_special_key, with_suggestion, Ctx};
use super::walk::{shape, Shape};

const KEYS: &[&str] = &["Value", "Description", "Export", "Condition"];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for output in &ctx.template.outputs {
        if is_special_key(&output.name) {
            continue;
        }
        let Some(entries) = doc.mapping(output.node) else {
            if !matches!(
                shape(doc, output.node),
                Shape::Unknown | Shape::Intrinsic("Fn::Transform")
            ) {
                findings.push(error(
                    "invalid-output",
                    ctx.span(output.node),
                    format!("output `{}` must be a mapping with a `Value`", output.name),
                ));
            }
            continue;
        };
        for entry in entries {
            let key = entry.key.text.as_str();
            if !KEYS.contains(&key) && key != "Fn::Transform" {
                let finding = error(
                    "unknown-output-key",
                    entry.key.span,
                    format!(
                        "`{key}` is not an output property (Value, Description, Export, Condition)"
                    ),
                );
                findings.push(with_suggestion(finding, key, KEYS.iter().copied()));
            }
        }
        match doc.get(output.node, "Value") {
            None => findings.push(error(
                "missing-output-value",
                output.name_span,
                format!(
                    "output `{}` has no `Value`; add the value to return",
                    output.name
                ),
            )),
            Some(v) if shape(doc, v) == Shape::Null => findings.push(error(
                "missing-output-value",
                ctx.span(v),
                format!("the `Value` of output `{}` is empty", output.name),
            )),
            Some(_) => {}
        }
        if let Some(export) = doc.entry(output.node, "Export") {
            match shape(doc, export.value) {
                Shape::Mapping => {
                    if doc.get(export.value, "Name").is_none() {
                        findings.push(error(
                            "missing-export-name",
                            export.key.span,
                            "`Export` needs a `Name`, for example `Name: !Sub '${AWS::StackName}-Value'`",
                        ));
                    }
                    for e in doc.mapping(export.value).unwrap_or_default() {
                        if e.key.text != "Name" {
                            findings.push(error(
                                "unknown-output-key",
                                e.key.span,
                                format!(
                                    "`{}` is not an `Export` property; `Export` takes only `Name`",
                                    e.key.text
                                ),
                            ));
                        }
                    }
                }
                Shape::Unknown | Shape::Intrinsic(_) => {}
                _ => findings.push(error(
                    "missing-export-name",
                    ctx.span(export.value),
                    "`Export` must be a mapping with a `Name`",
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn outputs_need_a_value_and_export_names() {
        let text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  NoValue:\n    Description: d\n  Exported:\n    Value: !Ref T\n    Export:\n      Nam: x\n  Typo:\n    Valeu: x\n    Value: y\n";
        let findings = run(text);
        assert_eq!(
            findings
                .iter()
                .filter(|f| f.code == "missing-output-value")
                .map(|f| f.span)
                .collect::<Vec<_>>(),
            vec![span_of(text, "NoValue", 0)]
        );
        assert_eq!(
            only(&findings, "missing-export-name").span,
            span_within(text, "    Export:", "Export")
        );
        let unknown: Vec<_> = findings
            .iter()
            .filter(|f| f.code == "unknown-output-key")
            .collect();
        assert_eq!(unknown.len(), 2, "{findings:#?}");
        assert!(unknown[1].message.contains("did you mean `Value`?"));
    }

    #[test]
    fn a_good_output_is_quiet() {
        assert_clean("Resources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  Arn:\n    Description: the topic\n    Value: !Ref T\n    Export:\n      Name: !Sub '${AWS::StackName}-Topic'\n");
    }
}
