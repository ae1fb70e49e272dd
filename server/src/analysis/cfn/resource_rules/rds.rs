//! RDS: settings an Aurora DB instance leaves to its cluster, enhanced
//! monitoring's interval and role, a KMS key on unencrypted storage, and the
//! settings of serverless and Multi-AZ DB clusters.

use super::props::{absent, literal_bool, literal_int, set_everywhere};
use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const RDS_AURORA_INSTANCE_SETTINGS: RuleDef = RuleDef {
        code: "rds-aurora-instance-settings",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3682"],
        fix: false,
        summary: "A setting on an Aurora DB instance that belongs to its DB cluster",
        explanation: "An Aurora DB instance takes its storage, backups, credentials, encryption, deletion protection and IAM authentication from its DB cluster. RDS rejects `AllocatedStorage`, `BackupRetentionPeriod`, `DeletionProtection`, `EnableIAMDatabaseAuthentication`, `MasterUserPassword` and `StorageEncrypted` on an instance whose engine is Aurora (\"set it for the DB cluster\"), so the instance fails to create. Set them on the `AWS::RDS::DBCluster` instead.",
        example: "`Engine: aurora-mysql` with `StorageEncrypted: true` in an `AWS::RDS::DBInstance`",
    };

    pub const RDS_MONITORING_ROLE: RuleDef = RuleDef {
        code: "rds-monitoring-role",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3689"],
        fix: false,
        summary: "Enhanced monitoring with an interval but no role, or a role without an interval",
        explanation: "Enhanced monitoring needs both a `MonitoringInterval` above 0 and the `MonitoringRoleArn` RDS uses to publish metrics: RDS rejects an interval without a role, and a role with the interval left at 0 (the default), so the DB instance or cluster fails to create.",
        example: "`MonitoringInterval: 60` without `MonitoringRoleArn`",
    };

    pub const RDS_KMS_KEY_UNENCRYPTED: RuleDef = RuleDef {
        code: "rds-kms-key-unencrypted",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3720"],
        fix: false,
        summary: "A `KmsKeyId` on a DB instance whose storage is not encrypted",
        explanation: "`KmsKeyId` names the key that encrypts the instance's storage, and encryption is only on with `StorageEncrypted: true` (it defaults to false): RDS rejects a key on unencrypted storage and the DB instance fails to create. Instances restored from a snapshot, read replicas, Aurora and RDS Custom instances are not checked, since they take their encryption elsewhere.",
        example: "`Engine: postgres` and `KmsKeyId: alias/rds` without `StorageEncrypted: true`",
    };

    pub const RDS_SERVERLESS_CLUSTER_SETTINGS: RuleDef = RuleDef {
        code: "rds-serverless-cluster-settings",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3686"],
        fix: false,
        summary: "A scaling configuration that does not match the cluster's `EngineMode`",
        explanation: "`ScalingConfiguration` scales Aurora Serverless v1 clusters (`EngineMode: serverless`) and `ServerlessV2ScalingConfiguration` scales Serverless v2 instances of provisioned clusters: RDS rejects each in the other engine mode, so the DB cluster fails to create.",
        example: "`EngineMode: serverless` with `ServerlessV2ScalingConfiguration`",
    };

    pub const RDS_MULTI_AZ_CLUSTER_SETTINGS: RuleDef = RuleDef {
        code: "rds-multi-az-cluster-settings",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3692"],
        fix: false,
        summary: "A Multi-AZ DB cluster without its storage settings, or with Aurora-only settings",
        explanation: "A Multi-AZ DB cluster (a MySQL or PostgreSQL `AWS::RDS::DBCluster` with a `DBClusterInstanceClass`) has storage of its own: RDS requires `AllocatedStorage`, `StorageType` and, for provisioned IOPS storage (io1, io2), `Iops`, and rejects settings only Aurora has (backtracking, global databases, serverless scaling), so the cluster fails to create.",
        example: "`Engine: postgres` with `DBClusterInstanceClass: db.m6gd.large` and no `AllocatedStorage`",
    };
}

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: &["AWS::RDS::DBInstance"],
        check: db_instance,
    },
    ResourceRule {
        types: &["AWS::RDS::DBCluster"],
        check: db_cluster,
    },
    ResourceRule {
        types: &["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"],
        check: monitoring,
    },
];

/// What an Aurora DB instance cannot set: its cluster holds it.
const AURORA_CLUSTER_SETTINGS: &[&str] = &[
    "AllocatedStorage",
    "BackupRetentionPeriod",
    "DeletionProtection",
    "EnableIAMDatabaseAuthentication",
    "MasterUserPassword",
    "StorageEncrypted",
];

/// Properties of a DB instance that create it from elsewhere (a snapshot, a
/// source instance, a backup, a cluster): its encryption comes from there.
const FROM_ELSEWHERE: &[&str] = &[
    "SourceDBInstanceIdentifier",
    "SourceDBClusterIdentifier",
    "SourceDBInstanceAutomatedBackupsArn",
    "SourceDbiResourceId",
    "DBSnapshotIdentifier",
    "DBClusterSnapshotIdentifier",
    "DBClusterIdentifier",
    "RestoreTime",
    "UseLatestRestorableTime",
];

/// Settings only Aurora clusters have.
const AURORA_ONLY: &[&str] = &[
    "BacktrackWindow",
    "GlobalClusterIdentifier",
    "EnableGlobalWriteForwarding",
    "ScalingConfiguration",
    "ServerlessV2ScalingConfiguration",
];

/// The literal engine, lower-cased (RDS reads engine names in any case).
fn engine(ctx: &ResourceCtx) -> Option<String> {
    ctx.literal(ctx.property("Engine"))
        .map(|e| e.to_ascii_lowercase())
}

fn db_instance(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(engine) = engine(ctx) else {
        return;
    };
    let props = ctx.properties;
    if engine.starts_with("aurora") {
        for name in AURORA_CLUSTER_SETTINGS {
            if let Some(span) = set_everywhere(ctx, props, name) {
                findings.push(Finding::new(
                    Rule::RdsAuroraInstanceSettings,
                    span,
                    format!("`{name}` cannot be set on an Aurora DB instance (`Engine: {engine}`): set it on the DB cluster"),
                ));
            }
        }
        return;
    }
    if engine.starts_with("custom-") || FROM_ELSEWHERE.iter().any(|p| !absent(ctx, props, p)) {
        return;
    }
    let Some(key) = set_everywhere(ctx, props, "KmsKeyId") else {
        return;
    };
    let encrypted = ctx.property("StorageEncrypted");
    if absent(ctx, props, "StorageEncrypted") {
        findings.push(Finding::new(
            Rule::RdsKmsKeyUnencrypted,
            key,
            "`KmsKeyId` needs `StorageEncrypted: true`: storage is not encrypted by default",
        ));
    } else if literal_bool(ctx, encrypted) == Some(false) {
        if let Some(span) = ctx.key_span(props, "StorageEncrypted") {
            findings.push(
                Finding::new(
                    Rule::RdsKmsKeyUnencrypted,
                    span,
                    "`StorageEncrypted` must be true when `KmsKeyId` is set",
                )
                .with_related(key, "the key"),
            );
        }
    }
}

fn db_cluster(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(engine) = engine(ctx) else {
        return;
    };
    let props = ctx.properties;
    if engine.starts_with("aurora") {
        let mode = match ctx.property("EngineMode") {
            None => Some("provisioned".to_string()),
            node => ctx.literal(node).map(|m| m.to_ascii_lowercase()),
        };
        let wrong = match mode.as_deref() {
            Some("serverless") => "ServerlessV2ScalingConfiguration",
            Some("provisioned") => "ScalingConfiguration",
            _ => return,
        };
        if let Some(span) = set_everywhere(ctx, props, wrong) {
            let mode = mode.as_deref().unwrap_or_default();
            let why = if wrong == "ScalingConfiguration" {
                "it scales Aurora Serverless v1 clusters (`EngineMode: serverless`); use `ServerlessV2ScalingConfiguration`"
            } else {
                "it scales Serverless v2 instances of provisioned clusters; use `ScalingConfiguration`"
            };
            findings.push(Finding::new(
                Rule::RdsServerlessClusterSettings,
                span,
                format!(
                    "`{wrong}` cannot be set on a cluster whose engine mode is `{mode}`: {why}"
                ),
            ));
        }
        return;
    }
    if !matches!(engine.as_str(), "mysql" | "postgres")
        || set_everywhere(ctx, props, "DBClusterInstanceClass").is_none()
    {
        return;
    }
    // A Multi-AZ DB cluster.
    let class = ctx.key_span(props, "DBClusterInstanceClass");
    let storage_type = ctx.property("StorageType");
    let mut required = vec!["AllocatedStorage", "StorageType"];
    let provisioned_iops = match storage_type {
        None => true,
        node => ctx
            .literal(node)
            .is_some_and(|t| matches!(t.to_ascii_lowercase().as_str(), "io1" | "io2")),
    };
    if provisioned_iops {
        required.push("Iops");
    }
    for name in required {
        if !absent(ctx, props, name) {
            continue;
        }
        let mut finding = Finding::new(
            Rule::RdsMultiAzClusterSettings,
            ctx.anchor(),
            format!(
                "a Multi-AZ DB cluster (`{engine}` with `DBClusterInstanceClass`) needs `{name}`"
            ),
        );
        if let Some(class) = class {
            finding = finding.with_related(
                class,
                "the instance class that makes it a Multi-AZ DB cluster",
            );
        }
        findings.push(finding);
    }
    for name in AURORA_ONLY {
        if let Some(span) = set_everywhere(ctx, props, name) {
            findings.push(Finding::new(
                Rule::RdsMultiAzClusterSettings,
                span,
                format!("`{name}` is an Aurora setting and cannot be set on a Multi-AZ DB cluster (`{engine}`)"),
            ));
        }
    }
}

fn monitoring(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let props = ctx.properties;
    let interval = match ctx.property("MonitoringInterval") {
        None => Some(0),
        node => literal_int(ctx, node),
    };
    let Some(interval) = interval else {
        return;
    };
    if interval > 0 && absent(ctx, props, "MonitoringRoleArn") {
        if let Some(span) = ctx.key_span(props, "MonitoringInterval") {
            findings.push(Finding::new(
                Rule::RdsMonitoringRole,
                span,
                format!("`MonitoringInterval: {interval}` needs `MonitoringRoleArn`, the role RDS uses to publish enhanced monitoring metrics"),
            ));
        }
    }
    if interval == 0 {
        if let Some(role) = set_everywhere(ctx, props, "MonitoringRoleArn") {
            let mut finding = Finding::new(
                Rule::RdsMonitoringRole,
                role,
                "`MonitoringRoleArn` needs a `MonitoringInterval` above 0 (enhanced monitoring is off by default)",
            );
            if let Some(span) = ctx.key_span(props, "MonitoringInterval") {
                finding = finding.with_related(span, "the interval");
            }
            findings.push(finding);
        }
    }
}
