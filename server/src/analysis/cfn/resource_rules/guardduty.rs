//! GuardDuty detectors: `DataSources` and `Features` configure the same
//! protections and cannot be given together.

use super::props::set_everywhere;
use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const GUARDDUTY_DATA_SOURCES_AND_FEATURES: RuleDef = RuleDef {
        code: "guardduty-data-sources-and-features",
        family: Family::CloudFormation,
        group: "GuardDuty",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3063"],
        fix: false,
        summary: "A GuardDuty detector with both `DataSources` and `Features`",
        explanation: "`Features` replaced `DataSources` as the way to turn on GuardDuty protections: a detector accepts one or the other, and GuardDuty rejects a request with both, so the detector fails to create or update. Use `Features`.",
        example: "`DataSources: {S3Logs: {Enable: true}}` with `Features: [{Name: S3_DATA_EVENTS, Status: ENABLED}]`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::GuardDuty::Detector"],
    check: detector,
}];

fn detector(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let props = ctx.properties;
    let (Some(_), Some(features)) = (
        set_everywhere(ctx, props, "DataSources"),
        set_everywhere(ctx, props, "Features"),
    ) else {
        return;
    };
    findings.push(
        Finding::new(
            Rule::GuarddutyDataSourcesAndFeatures,
            ctx.anchor(),
            "a detector takes `DataSources` or `Features`, not both: configure its protections with `Features`",
        )
        .with_related(features, "the features"),
    );
}
