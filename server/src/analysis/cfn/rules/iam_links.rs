//! A role named by `Ref` where a role name is read as the role's ARN
//! without its path.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::resource_links::{literal, property};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const ROLE_REF_WITH_PATH: RuleDef = RuleDef {
        code: "role-ref-with-path",
        family: Family::CloudFormation,
        group: "IAM",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3050"],
        fix: false,
        summary: "A role with a `Path` other than `/` named by `Ref` where its name stands for its ARN",
        explanation: "`Ref` of an `AWS::IAM::Role` gives the role's name. A CodeBuild project's `ServiceRole` accepts a name and turns it into the ARN `arn:aws:iam::<account>:role/<name>`, which leaves out the role's `Path`: for a role whose `Path` is not `/` that ARN names no role, and the project fails. Use `!GetAtt Role.Arn` instead.",
        example: "`ServiceRole: !Ref BuildRole` where `BuildRole` has `Path: /ci/`",
    };
}

/// Properties that take a role name as well as an ARN: (type, property).
const ROLE_NAME_OR_ARN: &[(&str, &str)] = &[("AWS::CodeBuild::Project", "ServiceRole")];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for resource in &ctx.template.resources {
        let Some(type_name) = resource.type_name.as_deref() else {
            continue;
        };
        for (_, name) in ROLE_NAME_OR_ARN.iter().filter(|(t, _)| *t == type_name) {
            let Some(entry) = resource.properties.and_then(|p| doc.entry(p, name)) else {
                continue;
            };
            let Some(intrinsic) = doc.intrinsic(entry.value).filter(|i| i.function == "Ref") else {
                continue;
            };
            let Some(role) = doc
                .str_value(intrinsic.argument)
                .and_then(|n| ctx.template.resource(n))
                .filter(|r| r.type_name.as_deref() == Some("AWS::IAM::Role"))
            else {
                continue;
            };
            let Some(path) = literal(doc, property(doc, role, "Path")) else {
                continue;
            };
            if path == "/" {
                continue;
            }
            findings.push(
                finding(
                    Rule::RoleRefWithPath,
                    entry.key.span,
                    format!(
                        "`!Ref {}` gives the role's name, which is read as an ARN without its `Path: {path}`: use `!GetAtt {}.Arn`",
                        role.decl.name, role.decl.name
                    ),
                )
                .with_related(role.decl.name_span, "the role"),
            );
        }
    }
}
