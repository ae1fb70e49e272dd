//! What the conditions decide: references to resources that may not exist
//! when the referrer does, conditions that are always or never true, and
//! `Fn::If` branches that can never be taken; each says for which parameter
//! values.

use awsls_grammars::{NodeId, NodeKind, Span};
use biodivine_lib_bdd::Bdd;

use crate::analysis::cfn::conditions::{describe, scenario_words, Conditions, Expr, Subject};
use crate::analysis::cfn::references::Via;
use crate::analysis::cfn::template::{condition_attribute, Declared};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::walk::declaration_span;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    const CONDITIONS: RuleDef = RuleDef::base(Family::CloudFormation, "Conditions");

    pub const CONDITIONAL_REFERENCE: RuleDef = RuleDef {
        code: "conditional-reference",
        severity: Severity::Warning,
        cfn_lint: &["W1001"],
        summary: "A `Ref`, `Fn::GetAtt` or `Fn::Sub` variable naming a resource that may not exist when the referrer does",
        explanation: "A resource with a `Condition` exists only when the condition is true. A resource or output that refers to it without the same condition (or an `Fn::If` on a condition that implies it) fails to deploy for the parameter values where the target is left out: CloudFormation reports an unresolved dependency. The message gives such values. Decided exactly from the conditions and the parameters' `AllowedValues`.",
        example: "`Queue` (no condition) with `TopicArn: !Ref Topic`, where `Topic` has `Condition: EulaAccepted`",
        ..CONDITIONS
    };

    pub const CONDITIONAL_DEPENDS_ON: RuleDef = RuleDef {
        code: "conditional-depends-on",
        cfn_lint: &["E3005"],
        summary: "A `DependsOn` on a resource that may not exist when the dependent one does",
        explanation: "`DependsOn` cannot be made conditional: when the resource it names is left out by its `Condition`, the dependent resource's dependency is unresolved and the stack fails. Give both resources conditions where the dependent one implies the other, or remove the entry.",
        example: "`DependsOn: Topic` on a resource without a condition, where `Topic` has `Condition: IsProd`",
        ..CONDITIONS
    };

    pub const CONDITION_ALWAYS_SAME: RuleDef = RuleDef {
        code: "condition-always-same",
        severity: Severity::Warning,
        cfn_lint: &["W8003"],
        summary: "A condition that is true for every parameter value, or for none",
        explanation: "A condition that can never be true leaves out every resource that uses it; one that is always true guards nothing. Either is usually a mistake in the comparison (a value outside the parameter's `AllowedValues`, two comparisons that exclude each other).",
        example: "`!And [!Equals [!Ref Env, prod], !Equals [!Ref Env, dev]]`",
        ..CONDITIONS
    };

    pub const UNREACHABLE_IF_BRANCH: RuleDef = RuleDef {
        code: "unreachable-if-branch",
        severity: Severity::Warning,
        cfn_lint: &["W1028"],
        summary: "An `Fn::If` branch that can never be taken where it is written",
        explanation: "Inside a resource or output with a `Condition` (or inside another `Fn::If`), the condition of an `Fn::If` may be decided already: one branch is then dead code, shown faded in the editor. The message says which condition decides it.",
        example: "`!If [IsDev, a, b]` in a resource with `Condition: IsProd`",
        ..CONDITIONS
    };
}

/// A resource or output with the condition it holds under, and the `Fn::If`
/// branches written in it with the condition each holds under.
struct Scope {
    span: Span,
    /// `resource` or `output`.
    kind: &'static str,
    name: String,
    condition: Option<String>,
    holds: Bdd,
    branches: Vec<(Span, Bdd)>,
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() || ctx.template.conditions.is_empty() {
        return;
    }
    let model = ctx.snapshot.conditions();
    always_same(ctx, model, findings);
    let mut scopes = Vec::new();
    let declarations = ctx
        .template
        .resources
        .iter()
        .map(|r| ("resource", &r.decl))
        .chain(ctx.template.outputs.iter().map(|o| ("output", o)));
    for (kind, decl) in declarations {
        if let Some(scope) = scope(ctx, model, kind, decl, findings) {
            scopes.push(scope);
        }
    }
    scopes.sort_by_key(|s| s.span.start);
    references(ctx, model, &scopes, findings);
}

/// The findings of these rules alone on a template (for benchmarks).
pub fn findings(snapshot: &crate::analysis::Snapshot) -> Vec<Finding> {
    let template = snapshot.template();
    let mut out = Vec::new();
    if let Some(root) = template.root {
        let implicit = super::ImplicitNames::new();
        let ctx = Ctx::new(snapshot, template, root, &implicit);
        check(&ctx, &mut out);
    }
    out
}

/// The `Condition` of a resource or output and its formula: `(None,
/// Some(true))` without one, `(_, None)` when it cannot be known (not a
/// declared condition's name, or computed in a loop).
fn own_condition<'a>(
    ctx: &Ctx<'a>,
    model: &'a Conditions,
    node: NodeId,
) -> (Option<&'a str>, Option<std::borrow::Cow<'a, Bdd>>) {
    match condition_attribute(ctx.doc, node) {
        None => (None, Some(std::borrow::Cow::Owned(model.always()))),
        Some(Some(name)) => (
            Some(name),
            model.condition(name).map(std::borrow::Cow::Borrowed),
        ),
        Some(None) => (None, None),
    }
}

/// The scope of a declaration, reporting the `Fn::If` branches in it that
/// are never taken; `None` when its condition cannot be known.
fn scope(
    ctx: &Ctx,
    model: &Conditions,
    kind: &'static str,
    decl: &Declared,
    findings: &mut Vec<Finding>,
) -> Option<Scope> {
    let node = decl.node;
    let (condition, holds) = own_condition(ctx, model, node);
    let condition = condition.map(str::to_string);
    let holds = holds?.into_owned();
    let mut branches = Vec::new();
    // The conditions nodes hold under, by index: most nodes share their
    // parent's, and a formula is not cheap to copy.
    let mut guards: Vec<Bdd> = vec![holds.clone()];
    let mut stack = vec![(node, 0usize)];
    while let Some((id, g)) = stack.pop() {
        match &ctx.doc.node(id).kind {
            NodeKind::Mapping(entries) => stack.extend(entries.iter().map(|e| (e.value, g))),
            NodeKind::Sequence(items) => stack.extend(items.iter().map(|i| (*i, g))),
            NodeKind::Intrinsic(i) if i.function == "Fn::If" => {
                let items = ctx.doc.sequence(i.argument).unwrap_or_default();
                let (Some(c), [_, yes, no]) =
                    (items.first().and_then(|c| ctx.doc.str_value(*c)), items)
                else {
                    stack.push((i.argument, g));
                    continue;
                };
                let Some(f) = model.condition(c) else {
                    stack.push((*yes, g));
                    stack.push((*no, g));
                    continue;
                };
                let guard = &guards[g];
                let when_yes = guard.and(f);
                let when_no = guard.and_not(f);
                let decided = model.certain(f) || !model.possible(f);
                for (branch, when, taken) in [(*yes, &when_yes, "true"), (*no, &when_no, "false")] {
                    if !decided && !model.possible(when) {
                        findings.push(unreachable(
                            ctx,
                            model,
                            branch,
                            c,
                            taken,
                            guard,
                            condition.as_deref(),
                        ));
                    }
                }
                branches.push((ctx.doc.node(*yes).span, when_yes.clone()));
                branches.push((ctx.doc.node(*no).span, when_no.clone()));
                guards.push(when_yes);
                stack.push((*yes, guards.len() - 1));
                guards.push(when_no);
                stack.push((*no, guards.len() - 1));
            }
            NodeKind::Intrinsic(i) => stack.push((i.argument, g)),
            _ => {}
        }
    }
    Some(Scope {
        span: declaration_span(ctx.doc, decl.name_span, node),
        kind,
        name: decl.name.clone(),
        condition,
        holds,
        branches,
    })
}

fn unreachable(
    ctx: &Ctx,
    model: &Conditions,
    branch: NodeId,
    condition: &str,
    taken: &str,
    guard: &Bdd,
    own: Option<&str>,
) -> Finding {
    let why = match (own, model.example(guard).as_ref().and_then(scenario_words)) {
        (Some(own), Some(words)) => {
            format!("`{condition}` is never {taken} where `{own}` is true (as when {words})")
        }
        (Some(own), None) => format!("`{condition}` is never {taken} where `{own}` is true"),
        (None, Some(words)) => {
            format!("`{condition}` is never {taken} where this is evaluated ({words})")
        }
        (None, None) => format!("`{condition}` is never {taken} where this is evaluated"),
    };
    let mut f = finding(
        Rule::UnreachableIfBranch,
        ctx.span(branch),
        format!("this branch of `Fn::If` is never taken: {why}"),
    );
    f.unnecessary = true;
    f
}

fn always_same(ctx: &Ctx, model: &Conditions, findings: &mut Vec<Finding>) {
    for decl in ctx
        .template
        .conditions
        .iter()
        .filter(|d| d.origin.is_none())
    {
        let Some(f) = model.condition(&decl.name) else {
            continue;
        };
        let never = !model.possible(f);
        let always = !never && model.certain(f);
        if !never && !always {
            continue;
        }
        let verdict = if never { "never" } else { "always" };
        let message = match model.expr(&decl.name) {
            Some(Expr::Const(_)) => format!(
                "condition `{}` compares two fixed values, so it is {verdict} true; compare a parameter instead",
                decl.name
            ),
            Some(Expr::Equals(Subject::Parameter(p), v)) if never => format!(
                "condition `{}` is never true: `{v}` is not one of the `AllowedValues` of `{p}` ({})",
                decl.name,
                model.allowed(p).unwrap_or_default().join(", ")
            ),
            Some(expr) => format!(
                "condition `{}` is {verdict} true, whatever the parameter values: {}",
                decl.name,
                describe(expr)
            ),
            None => continue,
        };
        findings.push(finding(Rule::ConditionAlwaysSame, decl.name_span, message));
    }
}

fn references(ctx: &Ctx, model: &Conditions, scopes: &[Scope], findings: &mut Vec<Finding>) {
    for r in &ctx.refs {
        if !matches!(r.via, Via::Ref | Via::GetAtt | Via::Sub | Via::DependsOn) {
            continue;
        }
        let Some(target) = ctx.template.resource(&r.name) else {
            continue;
        };
        let (Some(target_condition), Some(target_holds)) =
            own_condition(ctx, model, target.decl.node)
        else {
            continue;
        };
        let at = scopes.partition_point(|s| s.span.start <= r.span.start);
        let Some(scope) = at
            .checked_sub(1)
            .map(|i| &scopes[i])
            .filter(|s| s.span.end >= r.span.end)
        else {
            continue;
        };
        if scope.name == r.name {
            continue;
        }
        // The innermost branch holding the reference says when it is evaluated.
        let branch = scope
            .branches
            .iter()
            .filter(|(span, _)| span.start <= r.span.start && r.span.end <= span.end)
            .min_by_key(|(span, _)| span.end - span.start);
        // A referrer under the target's own condition is the common case.
        if branch.is_none() && scope.condition.as_deref() == Some(target_condition) {
            continue;
        }
        let holds = branch.map_or(&scope.holds, |(_, f)| f);
        // Values for which the referrer is there and the target is not.
        let Some(scenario) = model.example_without(holds, target_holds.as_ref()) else {
            continue;
        };
        let example = scenario_words(&scenario)
            .map(|w| format!(", for example when {w}"))
            .unwrap_or_default();
        let referrer = match &scope.condition {
            Some(c) => format!("{} `{}` (condition `{c}`)", scope.kind, scope.name),
            None => format!("{} `{}`", scope.kind, scope.name),
        };
        let (rule, what, fix) = match r.via {
            Via::DependsOn => (
                Rule::ConditionalDependsOn,
                "`DependsOn`".to_string(),
                format!("give {referrer} a condition that implies `{target_condition}`, or remove the entry"),
            ),
            via => (
                Rule::ConditionalReference,
                match via {
                    Via::GetAtt => "`Fn::GetAtt`",
                    Via::Sub => "this `Fn::Sub` variable",
                    _ => "`Ref`",
                }
                .to_string(),
                format!("write it as `!If [{target_condition}, ..., !Ref AWS::NoValue]` or give {referrer} the condition"),
            ),
        };
        findings.push(finding(
            rule,
            r.span,
            format!(
                "`{}` exists only when `{target_condition}` is true, but {what} in {referrer} is also used when it is false{example}; {fix}",
                r.name
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const HEAD: &str = "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [prod, dev]\n  Eula:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Equals [!Ref Env, dev]\n  NotDev: !Not [!Condition IsDev]\n  Accepted: !Equals [!Ref Eula, 'yes']\n  ProdAccepted: !And [!Condition IsProd, !Condition Accepted]\nResources:\n  Licence:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n";

    fn findings(body: &str, code: &str) -> Vec<String> {
        run(&format!("{HEAD}{body}"))
            .into_iter()
            .filter(|f| f.code() == code)
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn an_unguarded_reference_says_when_the_target_is_missing() {
        let found = findings("  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt Licence.TopicName\n", "conditional-reference");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("when `Env` is `dev`"), "{}", found[0]);
    }

    #[test]
    fn guards_that_imply_the_target_are_enough() {
        // An `Fn::If` on a stronger condition, and a resource condition that
        // the allowed values make equal to the target's.
        let body = "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !If [ProdAccepted, !GetAtt Licence.TopicName, !Ref AWS::NoValue]\n  R:\n    Type: AWS::SQS::Queue\n    Condition: NotDev\n    DependsOn: Licence\n    Properties:\n      QueueName: !Sub '${Licence.TopicName}-r'\n";
        assert!(findings(body, "conditional-reference").is_empty());
        assert!(findings(body, "conditional-depends-on").is_empty());
    }

    #[test]
    fn the_wrong_branch_is_not_a_guard() {
        let body = "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !If [IsProd, x, !Ref Licence]\n";
        assert_eq!(findings(body, "conditional-reference").len(), 1);
    }

    #[test]
    fn depends_on_a_conditional_resource_is_an_error() {
        let f = run(&format!("{HEAD}  Q:\n    Type: AWS::SQS::Queue\n    Condition: Accepted\n    DependsOn: Licence\n"));
        let d = only(&f, "conditional-depends-on");
        assert_eq!(d.severity, crate::analysis::Severity::Error);
        assert!(
            d.message.contains("`Eula` is `yes`") && d.message.contains("`Env` is `dev`"),
            "{}",
            d.message
        );
    }

    #[test]
    fn decided_branches_are_unnecessary_code() {
        let f = run(&format!("{HEAD}  Q:\n    Type: AWS::SQS::Queue\n    Condition: IsProd\n    Properties:\n      DelaySeconds: !If [NotDev, 1, 2]\n"));
        let u = only(&f, "unreachable-if-branch");
        assert!(u.unnecessary);
        assert!(
            u.message
                .contains("`NotDev` is never false where `IsProd` is true"),
            "{}",
            u.message
        );
    }

    #[test]
    fn conditions_decided_by_the_parameters_are_reported() {
        let text = format!("{HEAD}  Q:\n    Type: AWS::SQS::Queue\n    Condition: Never\n").replace("Resources:", "  Never: !And [!Condition IsProd, !Condition IsDev]\n  Always: !Or [!Condition IsProd, !Condition IsDev]\nResources:");
        let f = run(&text);
        let msgs: Vec<&str> = f
            .iter()
            .filter(|f| f.code() == "condition-always-same")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("`Never` is never true")));
        assert!(msgs.iter().any(|m| m.contains("`Always` is always true")));
    }

    #[test]
    fn templates_without_conditions_are_skipped() {
        assert_clean("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: Missing\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: T\n".replace("    Condition: Missing\n", "").as_str());
    }
}
