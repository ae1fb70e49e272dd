//! Outputs: known keys, a `Value`, and an `Export` with a `Name`.

use crate::analysis::cfn::template::condition_attribute;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, is_special_key, with_suggestion, Ctx};
use super::walk::{shape, Shape};

const KEYS: &[&str] = &["Value", "Description", "Export", "Condition"];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    check_outputs(ctx, findings);
    check_duplicate_exports(ctx, findings);
}

/// Export names are unique in an account and Region: two literal ones that
/// are equal can never both be created, unless the outputs' conditions never
/// hold together (then the message says when they clash).
fn check_duplicate_exports(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let mut seen: Vec<(&str, awsls_grammars::Span, Option<Option<&str>>)> = Vec::new();
    for output in &ctx.template.outputs {
        let Some(name) = doc
            .get(output.node, "Export")
            .and_then(|e| doc.get(e, "Name"))
            .filter(|n| shape(doc, *n) == Shape::Scalar)
        else {
            continue;
        };
        let Some(text) = doc.str_value(name) else {
            continue;
        };
        let span = ctx.span(name);
        let condition = condition_attribute(doc, output.node);
        let clash = seen
            .iter()
            .filter(|(t, _, _)| *t == text)
            .find_map(|(_, first, other)| {
                clash_when(ctx, condition, *other).map(|when| (*first, when))
            });
        match clash {
            Some((first, when)) => findings.push(
                finding(Rule::DuplicateExportName,
                    span,
                    format!("export name `{text}` is already used by another output{when}; export names must be unique"),
                )
                .with_related(first, "the first export with this name"),
            ),
            None => seen.push((text, span, condition)),
        }
    }
}

/// When two declarations with these `Condition`s (`None`: no condition;
/// `Some(None)`: one that is not a name) both exist: `None` when never,
/// else "" or ", when ..." with an example.
fn clash_when(ctx: &Ctx, a: Option<Option<&str>>, b: Option<Option<&str>>) -> Option<String> {
    if a.is_none() && b.is_none() {
        return Some(String::new());
    }
    let model = ctx.snapshot.conditions();
    // A condition that is no plain name, or not declared, cannot be
    // decided: the names are taken to clash.
    if a == Some(None) || b == Some(None) {
        return Some(String::new());
    }
    let names = a.flatten().into_iter().chain(b.flatten());
    let Some(both) = model.all_of(names.map(|n| (n, true))) else {
        return Some(String::new());
    };
    let scenario = model.example(&both)?;
    Some(
        crate::analysis::cfn::conditions::scenario_words(&scenario)
            .map(|w| format!(" when {w}"))
            .unwrap_or_default(),
    )
}

fn check_outputs(ctx: &Ctx, findings: &mut Vec<Finding>) {
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
                findings.push(finding(
                    Rule::InvalidOutput,
                    ctx.span(output.node),
                    format!("output `{}` must be a mapping with a `Value`", output.name),
                ));
            }
            continue;
        };
        for entry in entries {
            let key = entry.key.text.as_str();
            if !KEYS.contains(&key) && key != "Fn::Transform" {
                let finding = finding(
                    Rule::UnknownOutputKey,
                    entry.key.span,
                    format!(
                        "`{key}` is not an output property (Value, Description, Export, Condition)"
                    ),
                );
                findings.push(with_suggestion(finding, key, KEYS.iter().copied()));
            }
        }
        match doc.get(output.node, "Value") {
            None => findings.push(finding(
                Rule::MissingOutputValue,
                output.name_span,
                format!(
                    "output `{}` has no `Value`; add the value to return",
                    output.name
                ),
            )),
            Some(v) if shape(doc, v) == Shape::Null => findings.push(finding(
                Rule::MissingOutputValue,
                ctx.span(v),
                format!("the `Value` of output `{}` is empty", output.name),
            )),
            Some(_) => {}
        }
        if let Some(description) = doc.get(output.node, "Description") {
            if matches!(shape(doc, description), Shape::Mapping | Shape::Sequence) {
                findings.push(finding(
                    Rule::InvalidOutput,
                    ctx.span(description),
                    "an output's `Description` must be a string",
                ));
            }
        }
        if let Some(export) = doc.entry(output.node, "Export") {
            match shape(doc, export.value) {
                Shape::Mapping => {
                    if doc.get(export.value, "Name").is_none() {
                        findings.push(finding(Rule::MissingExportName,
                            export.key.span,
                            "`Export` needs a `Name`, for example `Name: !Sub '${AWS::StackName}-Value'`",
                        ));
                    }
                    for e in doc.mapping(export.value).unwrap_or_default() {
                        if e.key.text != "Name" {
                            findings.push(finding(
                                Rule::UnknownOutputKey,
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
                _ => findings.push(finding(
                    Rule::MissingExportName,
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
                .filter(|f| f.code() == "missing-output-value")
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
            .filter(|f| f.code() == "unknown-output-key")
            .collect();
        assert_eq!(unknown.len(), 2, "{findings:#?}");
        assert!(unknown[1].message.contains("did you mean `Value`?"));
    }

    #[test]
    fn outputs_are_mappings_with_string_descriptions() {
        let text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  Flat: x\n  Listy:\n    Description: [a]\n    Value: !Ref T\n";
        let findings = run(text);
        let spans: Vec<_> = findings
            .iter()
            .filter(|f| f.code() == "invalid-output")
            .map(|f| f.span)
            .collect();
        assert_eq!(spans, vec![span_of(text, "x", 0), span_of(text, "[a]", 0)]);
    }

    #[test]
    fn export_names_are_unique() {
        let text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  A:\n    Value: !Ref T\n    Export: {Name: shared}\n  B:\n    Value: !Ref T\n    Export: {Name: shared}\n  C:\n    Value: !Ref T\n    Export: {Name: !Sub '${AWS::StackName}-shared'}\n";
        let findings = run(text);
        let f = only(&findings, "duplicate-export-name");
        assert_eq!(f.span, span_of(text, "shared", 1));
        assert_eq!(f.related[0].0, span_of(text, "shared", 0));
    }

    #[test]
    fn exports_clash_only_when_both_conditions_hold() {
        let head = "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [prod, dev]\n  Eu:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Equals [!Ref Env, dev]\n  InEu: !Equals [!Ref Eu, 'yes']\nResources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n";
        let pair = |a: &str, b: &str| {
            format!("{head}  A:\n    Condition: {a}\n    Value: !Ref T\n    Export: {{Name: shared}}\n  B:\n    Condition: {b}\n    Value: !Ref T\n    Export: {{Name: shared}}\n")
        };
        // Never both: one name for two outputs is fine.
        let exclusive = run(&pair("IsProd", "IsDev"));
        assert!(
            !codes(&exclusive).contains(&"duplicate-export-name"),
            "{exclusive:#?}"
        );
        let both = run(&pair("IsProd", "InEu"));
        let f = only(&both, "duplicate-export-name");
        assert!(
            f.message.contains("when `Env` is `prod` and `Eu` is `yes`"),
            "{}",
            f.message
        );
    }

    #[test]
    fn a_good_output_is_quiet() {
        assert_clean("Resources:\n  T:\n    Type: AWS::SNS::Topic\nOutputs:\n  Arn:\n    Description: the topic\n    Value: !Ref T\n    Export:\n      Name: !Sub '${AWS::StackName}-Topic'\n");
    }
}
