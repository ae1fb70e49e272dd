//! The `Rules` section: each rule has an optional `RuleCondition` and
//! `Assertions`, each assertion an `Assert` and an optional `AssertDescription`.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, with_suggestion, Ctx};
use super::walk::{shape, Shape};

const RULE_KEYS: &[&str] = &["RuleCondition", "Assertions"];
const ASSERTION_KEYS: &[&str] = &["Assert", "AssertDescription"];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let Some(rules) = ctx.section("Rules").and_then(|r| doc.mapping(r)) else {
        return;
    };
    for rule in rules {
        let Some(entries) = doc.mapping(rule.value) else {
            if shape(doc, rule.value) != Shape::Unknown {
                findings.push(finding(
                    Rule::InvalidRule,
                    ctx.span(rule.value),
                    format!(
                        "rule `{}` must be a mapping with `Assertions`",
                        rule.key.text
                    ),
                ));
            }
            continue;
        };
        for e in entries {
            if !RULE_KEYS.contains(&e.key.text.as_str()) {
                let finding = finding(
                    Rule::InvalidRule,
                    e.key.span,
                    format!(
                        "`{}` is not a rule property (RuleCondition, Assertions)",
                        e.key.text
                    ),
                );
                findings.push(with_suggestion(
                    finding,
                    &e.key.text,
                    RULE_KEYS.iter().copied(),
                ));
            }
        }
        let Some(assertions) = doc.get(rule.value, "Assertions") else {
            findings.push(finding(
                Rule::InvalidRule,
                rule.key.span,
                format!("rule `{}` has no `Assertions`", rule.key.text),
            ));
            continue;
        };
        let Some(items) = doc.sequence(assertions) else {
            if shape(doc, assertions) != Shape::Unknown {
                findings.push(finding(
                    Rule::InvalidRule,
                    ctx.span(assertions),
                    "`Assertions` must be a list of `{Assert, AssertDescription}`",
                ));
            }
            continue;
        };
        for item in items {
            let Some(keys) = doc.mapping(*item) else {
                findings.push(finding(
                    Rule::InvalidRule,
                    ctx.span(*item),
                    "each assertion must be a mapping with `Assert`",
                ));
                continue;
            };
            for k in keys {
                if !ASSERTION_KEYS.contains(&k.key.text.as_str()) {
                    // A warning: CloudFormation ignores unknown assertion keys.
                    let finding = finding(
                        Rule::InvalidRule,
                        k.key.span,
                        format!(
                            "`{}` is not an assertion property (Assert, AssertDescription)",
                            k.key.text
                        ),
                    )
                    .with_severity(crate::analysis::Severity::Warning);
                    findings.push(with_suggestion(
                        finding,
                        &k.key.text,
                        ASSERTION_KEYS.iter().copied(),
                    ));
                }
            }
            if let Some(description) = doc.get(*item, "AssertDescription") {
                if !matches!(shape(doc, description), Shape::Scalar | Shape::Unknown) {
                    findings.push(finding(
                        Rule::InvalidRule,
                        ctx.span(description),
                        "`AssertDescription` must be a string",
                    ));
                }
            }
            if doc.get(*item, "Assert").is_none() {
                findings.push(finding(
                    Rule::InvalidRule,
                    ctx.span(*item),
                    "this assertion has no `Assert`",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn rules_have_assertions() {
        let text = "Parameters:\n  Env:\n    Type: String\nRules:\n  Good:\n    RuleCondition: !Equals [!Ref Env, prod]\n    Assertions:\n      - Assert: !Contains [[a, b], !Ref Env]\n        AssertDescription: ok\n  NoAssertions:\n    RuleCondition: !Equals [!Ref Env, prod]\n  Typo:\n    Assertions:\n      - Assert: !Equals [!Ref Env, a]\n        AssertDescriptio: x\nResources:\n  T:\n    Type: AWS::SNS::Topic\n";
        let findings = run(text);
        let rules: Vec<_> = findings
            .iter()
            .filter(|f| f.code() == "invalid-rule")
            .collect();
        assert_eq!(rules.len(), 2, "{findings:#?}");
        assert_eq!(rules[0].span, span_of(text, "NoAssertions", 0));
        assert!(rules[1]
            .message
            .contains("did you mean `AssertDescription`?"));
    }
}
