//! Resource types of AWS services that have been shut down, will be, or
//! are in maintenance mode.
//!
//! The dates are AWS's end-of-support announcements, as cfn-lint 1.58.0's
//! rules E3710, W3696 and W3697 list them (see NOTICE). A shutdown date in
//! the past makes the type an error: the service no longer creates anything.

use crate::analysis::cfn::properties::today;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const SERVICE_SHUT_DOWN: RuleDef = RuleDef {
        code: "service-shut-down",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3710", "W3696"],
        fix: false,
        summary: "A resource type of an AWS service that has been shut down",
        explanation: "After its shutdown date a service accepts no new resources: a stack that creates one fails, and existing ones stop working. Move to the replacement AWS names in the shutdown announcement.",
        example: "`Type: AWS::QLDB::Ledger` (shut down on 2025-07-31)",
    };

    pub const SERVICE_ENDING: RuleDef = RuleDef {
        code: "service-ending",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3696", "W3697"],
        fix: false,
        summary: "A resource type of an AWS service that will be shut down or is in maintenance mode",
        explanation: "The service still works, but AWS has announced its end (or stopped taking new customers): what the template builds on it has to be moved before the date.",
        example: "`Type: AWS::Pinpoint::App` (shut down on 2026-10-30)",
    };
}

/// How a service ends.
enum End {
    /// Shut down on the date.
    ShutDown(&'static str),
    /// In maintenance mode since the date: no new customers.
    Maintenance(&'static str),
    /// Being retired, with no date announced.
    Sunsetting,
}

/// Type prefixes (a service, or one type) and how they end.
const ENDINGS: &[(&str, End)] = &[
    ("AWS::AppMesh::", End::ShutDown("2026-09-30")),
    (
        "AWS::AutoScaling::LaunchConfiguration",
        End::Maintenance("2024-10-01"),
    ),
    ("AWS::Cloud9::", End::Maintenance("2024-07-25")),
    ("AWS::CodeGuruReviewer::", End::Maintenance("2025-10-07")),
    ("AWS::CodeStar::", End::ShutDown("2024-07-25")),
    ("AWS::Evidently::", End::ShutDown("2025-10-17")),
    ("AWS::FinSpace::", End::ShutDown("2026-10-07")),
    ("AWS::Forecast::", End::Maintenance("2024-07-29")),
    ("AWS::FraudDetector::", End::ShutDown("2025-11-07")),
    ("AWS::Greengrass::", End::ShutDown("2026-10-01")),
    ("AWS::Inspector::", End::ShutDown("2026-05-20")),
    ("AWS::IoTAnalytics::", End::ShutDown("2025-12-15")),
    ("AWS::IoTThingsGraph::", End::ShutDown("2022-11-09")),
    ("AWS::MediaStore::", End::ShutDown("2025-11-13")),
    ("AWS::Pinpoint::", End::ShutDown("2026-10-30")),
    ("AWS::Proton::", End::ShutDown("2026-10-07")),
    ("AWS::QLDB::", End::ShutDown("2025-07-31")),
    ("AWS::SimSpaceWeaver::", End::ShutDown("2026-05-20")),
    ("AWS::Timestream::", End::Maintenance("2025-06-20")),
    ("AWS::WAF::", End::Sunsetting),
    ("AWS::WAFRegional::", End::Sunsetting),
];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let today = today();
    check_on(ctx, &today, findings);
}

fn check_on(ctx: &Ctx, today: &str, findings: &mut Vec<Finding>) {
    for resource in &ctx.template.resources {
        let Some(type_name) = resource.type_name.as_deref() else {
            continue;
        };
        let span = resource.anchor(ctx.doc);
        let Some((_, end)) = ENDINGS
            .iter()
            .find(|(prefix, _)| type_name.starts_with(prefix))
        else {
            continue;
        };
        let found = match end {
            End::ShutDown(date) if *date <= today => finding(
                Rule::ServiceShutDown,
                span,
                format!("`{type_name}` belongs to a service AWS shut down on {date}: it can no longer be created"),
            ),
            End::ShutDown(date) => finding(
                Rule::ServiceEnding,
                span,
                format!("`{type_name}` belongs to a service AWS shuts down on {date}; plan a move"),
            ),
            End::Maintenance(date) => finding(
                Rule::ServiceEnding,
                span,
                format!("`{type_name}` belongs to a service in maintenance mode since {date} (no new customers); consider moving to its successor"),
            ),
            End::Sunsetting => finding(
                Rule::ServiceEnding,
                span,
                format!("`{type_name}` belongs to a service AWS is retiring (`AWS::WAFv2::*` replaces AWS WAF Classic)"),
            ),
        };
        findings.push(found);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn shut_down_services_are_errors_and_ending_ones_warnings() {
        let text = "Resources:\n  Ledger:\n    Type: AWS::QLDB::Ledger\n    Properties:\n      PermissionsMode: STANDARD\n  Acl:\n    Type: AWS::WAF::WebACL\n    Properties:\n      Name: a\n      MetricName: a\n      DefaultAction: {Type: ALLOW}\n";
        let findings = run(text);
        assert_eq!(
            only(&findings, "service-shut-down").span,
            span_of(text, "Properties", 0)
        );
        assert_eq!(
            only(&findings, "service-ending").span,
            span_of(text, "Properties", 1)
        );
    }
}
