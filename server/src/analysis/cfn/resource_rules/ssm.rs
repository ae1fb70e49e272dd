//! SSM parameters: names under the reserved `aws` and `ssm` prefixes.

use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const SSM_RESERVED_PARAMETER_NAME: RuleDef = RuleDef {
        code: "ssm-reserved-parameter-name",
        family: Family::CloudFormation,
        group: "SSM",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3701"],
        fix: false,
        summary: "A parameter name beginning with `aws` or `ssm`",
        explanation: "Systems Manager reserves parameter names that begin with `aws` or `ssm` (in any case, with or without a leading `/`) for its own and AWS's public parameters: creating one can be refused. Choose another first path segment.",
        example: "`Name: /aws/app/setting` in an `AWS::SSM::Parameter`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::SSM::Parameter"],
    check: parameter,
}];

/// Whether a parameter name begins with a reserved prefix.
fn is_reserved(name: &str) -> bool {
    let lower = name.trim_start_matches('/').to_ascii_lowercase();
    lower.starts_with("aws") || lower.starts_with("ssm")
}

fn parameter(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(name) = ctx.literal(ctx.property("Name")) else {
        return;
    };
    if !is_reserved(name) {
        return;
    }
    if let Some(span) = ctx.key_span(ctx.properties, "Name") {
        findings.push(Finding::new(
            Rule::SsmReservedParameterName,
            span,
            format!("`{name}` begins with a prefix Systems Manager reserves (`aws` or `ssm`)"),
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reserved_prefixes() {
        assert!(super::is_reserved("/aws/foo"));
        assert!(super::is_reserved("SSM-foo"));
        assert!(!super::is_reserved("/app/aws"));
    }
}
