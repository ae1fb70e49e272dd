//! AWS Backup: a recovery point moved to cold storage stays there at least
//! 90 days before it is deleted.

use awsls_grammars::NodeId;

use super::props::literal_int;
use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const BACKUP_COLD_STORAGE_DAYS: RuleDef = RuleDef {
        code: "backup-cold-storage-days",
        family: Family::CloudFormation,
        group: "Backup",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3504"],
        fix: false,
        summary: "A backup lifecycle that deletes recovery points less than 90 days after moving them to cold storage",
        explanation: "Backups in cold storage are kept for at least 90 days: AWS Backup rejects a lifecycle whose `DeleteAfterDays` is less than `MoveToColdStorageAfterDays` + 90, and the backup plan fails to create.",
        example: "`Lifecycle: {MoveToColdStorageAfterDays: 30, DeleteAfterDays: 60}`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::Backup::BackupPlan"],
    check: backup_plan,
}];

/// The fewest days a recovery point stays in cold storage.
const COLD_STORAGE_DAYS: i64 = 90;

fn backup_plan(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(rules) = ctx
        .property("BackupPlan")
        .and_then(|p| doc.get(p, "BackupPlanRule"))
        .and_then(|r| doc.sequence(r))
    else {
        return;
    };
    for rule in rules {
        if let Some(lifecycle) = doc.get(*rule, "Lifecycle") {
            check_lifecycle(ctx, lifecycle, findings);
        }
        let copies = doc
            .get(*rule, "CopyActions")
            .and_then(|c| doc.sequence(c))
            .unwrap_or(&[]);
        for copy in copies {
            if let Some(lifecycle) = doc.get(*copy, "Lifecycle") {
                check_lifecycle(ctx, lifecycle, findings);
            }
        }
    }
}

fn check_lifecycle(ctx: &ResourceCtx, lifecycle: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let cold = literal_int(ctx, doc.get(lifecycle, "MoveToColdStorageAfterDays"));
    let delete = literal_int(ctx, doc.get(lifecycle, "DeleteAfterDays"));
    let (Some(cold), Some(delete)) = (cold, delete) else {
        return;
    };
    if delete - cold >= COLD_STORAGE_DAYS {
        return;
    }
    if let Some(span) = ctx.key_span(lifecycle, "DeleteAfterDays") {
        findings.push(Finding::new(
            Rule::BackupColdStorageDays,
            span,
            format!("`DeleteAfterDays: {delete}` must be at least {} (`MoveToColdStorageAfterDays` + {COLD_STORAGE_DAYS}): recovery points stay in cold storage for at least {COLD_STORAGE_DAYS} days", cold + COLD_STORAGE_DAYS),
        ));
    }
}
