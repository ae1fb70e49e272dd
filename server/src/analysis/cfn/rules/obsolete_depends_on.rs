//! `DependsOn` on a resource the dependent already references with `Ref`,
//! `Fn::GetAtt` or `Fn::Sub` outside any `Fn::If`: CloudFormation already
//! orders them, so the entry is noise that outlives refactorings.

use awsls_grammars::{NodeId, Span};

use crate::analysis::cfn::references::Via;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::walk::{declaration_span, descendants};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const OBSOLETE_DEPENDS_ON: RuleDef = RuleDef {
        code: "obsolete-depends-on",
        family: Family::CloudFormation,
        group: "Resource attributes",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3005"],
        fix: false,
        summary: "`DependsOn` on a resource the resource already references",
        explanation: "A `Ref`, `Fn::GetAtt` or `Fn::Sub` variable already makes CloudFormation create the referenced resource first: the `DependsOn` entry adds nothing, and it stays behind as a hidden ordering constraint when the reference goes away.",
        example: "`DependsOn: Role` beside `Role: !GetAtt Role.Arn`",
    };
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    // A macro may rewrite the template: what is written is not what is deployed.
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for resource in &ctx.template.resources {
        let Some(depends_on) = doc.get(resource.decl.node, "DependsOn") else {
            continue;
        };
        let items: Vec<_> = match doc.sequence(depends_on) {
            Some(items) => items.to_vec(),
            None => vec![depends_on],
        };
        let entry = declaration_span(doc, resource.decl.name_span, resource.decl.node);
        // References are in text order: only those inside the entry.
        let first = ctx.refs.partition_point(|r| r.span.start < entry.start);
        let inside: Vec<&crate::analysis::cfn::references::Reference> = ctx.refs[first..]
            .iter()
            .take_while(|r| r.span.start < entry.end)
            .filter(|r| matches!(r.via, Via::Ref | Via::GetAtt | Via::Sub))
            .collect();
        let referenced = |item: &NodeId| {
            doc.str_value(*item)
                .is_some_and(|t| inside.iter().any(|r| r.name == t))
        };
        if !items.iter().any(referenced) {
            continue;
        }
        // References under `Fn::If` hold in one branch only; those in
        // `Metadata` order nothing.
        let conditional: Vec<Span> = descendants(doc, resource.decl.node)
            .into_iter()
            .filter(|id| doc.intrinsic(*id).is_some_and(|i| i.function == "Fn::If"))
            .map(|id| doc.node(id).span)
            .chain(
                doc.get(resource.decl.node, "Metadata")
                    .map(|m| doc.node(m).span),
            )
            .collect();
        for item in items {
            let Some(target) = doc.str_value(item) else {
                continue;
            };
            let enforced = inside.iter().find(|r| {
                r.name == target
                    && !conditional
                        .iter()
                        .any(|s| s.start <= r.span.start && r.span.end <= s.end)
            });
            if let Some(reference) = enforced {
                findings.push(
                    finding(
                        Rule::ObsoleteDependsOn,
                        ctx.span(item),
                        format!("`{target}` is already referenced by this resource, so CloudFormation creates it first; this `DependsOn` entry is not needed"),
                    )
                    .with_related(reference.span, "the reference"),
                );
            }
        }
    }
}
