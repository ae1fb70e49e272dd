//! Resource types that do not exist in a region the template is validated
//! for (`awsls check --regions`, the `awsls.regions` setting): the stack
//! cannot be created there.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;
use crate::schema::cfn;

use super::context::{finding, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const TYPE_NOT_IN_REGION: RuleDef = RuleDef {
        code: "type-not-in-region",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3006"],
        fix: false,
        summary: "A resource type that does not exist in a region the template is validated for",
        explanation: "Services and resource types reach regions one at a time: CloudFormation rejects a template that declares a type the region does not have (\"Unrecognized resource types\"). Validated for `us-east-1` unless other regions are chosen with `awsls check --regions` or the `awsls.regions` setting. A resource with a `Condition` is left alone, since the condition may keep it out of those regions.",
        example: "a type only offered in some regions, validated for `--regions eu-south-2`",
    };
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let regions = &ctx.snapshot.regions;
    if regions.is_empty() {
        return;
    }
    let doc = ctx.doc;
    // The regions missing for each type, looked up once per type.
    let mut missing_of: std::collections::HashMap<&str, Vec<&str>> = Default::default();
    for resource in &ctx.template.resources {
        let (Some(type_name), Some(span)) = (resource.type_name.as_deref(), resource.type_span)
        else {
            continue;
        };
        let missing = missing_of.entry(type_name).or_insert_with(|| {
            let available = cfn::regions(type_name);
            // Unknown types and types without region data: nothing to say.
            if available.is_empty() || cfn::resource(type_name).is_none() {
                return Vec::new();
            }
            regions
                .iter()
                .map(String::as_str)
                .filter(|r| !available.contains(r))
                .collect()
        });
        if missing.is_empty() || doc.get(resource.decl.node, "Condition").is_some() {
            continue;
        }
        {
            findings.push(finding(
                Rule::TypeNotInRegion,
                span,
                format!(
                    "`{type_name}` does not exist in {}",
                    missing
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}
