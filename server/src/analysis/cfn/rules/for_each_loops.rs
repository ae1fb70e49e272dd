//! `Fn::ForEach` loops of the wrong shape: not three items, an identifier or
//! loop name that is not alphanumeric, a collection that is not a list, an
//! output key without the identifier, names produced twice, nesting too deep.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_FOR_EACH: RuleDef = RuleDef {
        code: "invalid-for-each",
        family: Family::CloudFormation,
        group: "Intrinsic functions",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E0001", "E1032"],
        fix: false,
        summary: "An `Fn::ForEach` loop of the wrong shape",
        explanation: "`Fn::ForEach::Name` takes `[Identifier, Collection, {OutputKey: OutputValue}]`: an alphanumeric identifier, a list (written, or from a list parameter, `Fn::FindInMap`, `Fn::GetAZs` or `Fn::Split`), and output keys that use `${Identifier}` or `&{Identifier}` so that each iteration produces a new name. Loops nest at most five deep. The `AWS::LanguageExtensions` transform rejects any other shape and the stack is not created.",
        example: "`Fn::ForEach::Topics: [Name, [a, b], {Topic: {Type: AWS::SNS::Topic}}]` (every iteration is named `Topic`)",
    };
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let t = ctx.template;
    for loops in [&t.resource_loops, &t.output_loops, &t.condition_loops] {
        for p in &loops.problems {
            if !ctx.is_opaque(p.span) {
                findings.push(finding(Rule::InvalidForEach, p.span, p.message.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn loops_of_the_wrong_shape_are_reported_and_the_rest_is_checked() {
        let text = "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Two:\n    - N\n    - [a]\n  Fn::ForEach::Same:\n    - N\n    - [a, b]\n    - Topic:\n        Type: AWS::SNS::Topic\n  Other:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: Retian\n";
        let findings = run(text);
        let found = codes(&findings);
        assert!(
            found.iter().filter(|c| **c == "invalid-for-each").count() >= 2,
            "{found:?}"
        );
        assert!(found.contains(&"invalid-deletion-policy"), "{found:?}");
    }
}
