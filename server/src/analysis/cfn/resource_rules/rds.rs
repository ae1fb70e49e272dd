//! RDS: settings an Aurora DB instance leaves to its cluster, enhanced
//! monitoring's interval and role, a KMS key on unencrypted storage, the
//! settings of Aurora, serverless and Multi-AZ DB clusters, replica modes and
//! settings ignored when a cluster is restored.

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

    pub const RDS_AURORA_CLUSTER_SETTINGS: RuleDef = RuleDef {
        code: "rds-aurora-cluster-settings",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: Some("warning for Performance Insights settings on an Aurora Serverless v1 cluster, which ignores them"),
        cfn_lint: &["E3693", "W3693"],
        fix: false,
        summary: "A Multi-AZ DB cluster setting on an Aurora DB cluster",
        explanation: "Aurora manages its own shared storage and reaches its instances through their own settings: RDS rejects `AllocatedStorage`, `Iops`, `DBClusterInstanceClass` and `PubliclyAccessible` on an Aurora DB cluster (they belong to Multi-AZ DB clusters), and accepts only `aurora` or `aurora-iopt1` as its `StorageType`, so the cluster fails to create. An Aurora Serverless v1 cluster (`EngineMode: serverless`) also has no Performance Insights, and its settings are not applied.",
        example: "`Engine: aurora-mysql` with `AllocatedStorage: 100`",
    };

    pub const RDS_REPLICA_MODE: RuleDef = RuleDef {
        code: "rds-replica-mode",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: Some("warning when the engine is not Oracle or Db2, which ignore `ReplicaMode`"),
        cfn_lint: &["E3721", "W3699"],
        fix: false,
        summary: "A `ReplicaMode` that is not `mounted` or `open-read-only`, or one set for an engine without replica modes",
        explanation: "Only Oracle and Db2 read replicas have a mode: `mounted` or `open-read-only`. RDS rejects any other value for those engines, so the DB instance fails to create; for other engines `ReplicaMode` has no effect.",
        example: "`Engine: postgres` with `ReplicaMode: mounted`",
    };

    pub const RDS_RESTORE_IGNORED_SETTINGS: RuleDef = RuleDef {
        code: "rds-restore-ignored-settings",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3688", "W3689"],
        fix: false,
        summary: "Credentials or encryption set on a DB cluster restored from a snapshot or another cluster",
        explanation: "A DB cluster created from a snapshot (`SnapshotIdentifier`) keeps the snapshot's master user name, and one restored from another cluster (`SourceDBClusterIdentifier`) keeps the source's master user, password and storage encryption: the values written in the template are not applied, which is easy to miss.",
        example: "`SnapshotIdentifier: my-snapshot` with `MasterUsername: admin`",
    };

    pub const RDS_CLUSTER_MEMBER_BACKUP_RETENTION: RuleDef = RuleDef {
        code: "rds-cluster-member-backup-retention",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3719"],
        fix: false,
        summary: "`BackupRetentionPeriod` on a DB instance that belongs to a DB cluster",
        explanation: "The instances of a DB cluster share the cluster's automated backups: RDS rejects `BackupRetentionPeriod` on a DB instance created with `DBClusterIdentifier`, so it fails to create. Set it on the `AWS::RDS::DBCluster`.",
        example: "`DBClusterIdentifier: !Ref Cluster` with `BackupRetentionPeriod: 7` in an `AWS::RDS::DBInstance`",
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
    let props = ctx.properties;
    // Judged when the cluster is named literally, as cfn-lint does.
    let in_cluster = ctx.literal(ctx.property("DBClusterIdentifier")).is_some();
    if in_cluster {
        if let Some(span) = set_everywhere(ctx, props, "BackupRetentionPeriod") {
            findings.push(Finding::new(
                Rule::RdsClusterMemberBackupRetention,
                span,
                "`BackupRetentionPeriod` cannot be set on a DB instance of a DB cluster (`DBClusterIdentifier`): set it on the cluster",
            ));
        }
    }
    let Some(engine) = engine(ctx) else {
        return;
    };
    replica_mode(ctx, &engine, findings);
    if engine.starts_with("aurora") {
        for name in AURORA_CLUSTER_SETTINGS {
            // Reported by the rule on cluster members above.
            if in_cluster && *name == "BackupRetentionPeriod" {
                continue;
            }
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
        // A missing property is reported where `missing-required-property` is.
        findings.push(
            Finding::new(
                Rule::RdsKmsKeyUnencrypted,
                ctx.anchor(),
                "`KmsKeyId` needs `StorageEncrypted: true`: storage is not encrypted by default",
            )
            .with_related(key, "the key"),
        );
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
    restored_cluster(ctx, findings);
    let Some(engine) = engine(ctx) else {
        return;
    };
    let props = ctx.properties;
    if engine.starts_with("aurora-mysql") || engine.starts_with("aurora-postgresql") {
        aurora_cluster(ctx, findings);
    }
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
            // A missing property is reported where `missing-required-property` is.
            findings.push(
                Finding::new(
                    Rule::RdsMonitoringRole,
                    ctx.anchor(),
                    format!("`MonitoringInterval: {interval}` needs `MonitoringRoleArn`, the role RDS uses to publish enhanced monitoring metrics"),
                )
                .with_related(span, "the interval"),
            );
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

/// Settings of Multi-AZ DB clusters that an Aurora DB cluster rejects.
const MULTI_AZ_ONLY: &[&str] = &[
    "AllocatedStorage",
    "Iops",
    "DBClusterInstanceClass",
    "PubliclyAccessible",
];

/// Performance Insights settings, which Aurora Serverless v1 ignores.
const PERFORMANCE_INSIGHTS: &[&str] = &[
    "PerformanceInsightsEnabled",
    "PerformanceInsightsKmsKeyId",
    "PerformanceInsightsRetentionPeriod",
];

/// An Aurora MySQL or PostgreSQL cluster: no Multi-AZ DB cluster settings,
/// Aurora storage types only, no Performance Insights in Serverless v1.
fn aurora_cluster(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let props = ctx.properties;
    for name in MULTI_AZ_ONLY {
        if let Some(span) = set_everywhere(ctx, props, name) {
            findings.push(Finding::new(
                Rule::RdsAuroraClusterSettings,
                span,
                format!("`{name}` cannot be set on an Aurora DB cluster: it is a setting of Multi-AZ DB clusters"),
            ));
        }
    }
    if let Some(storage) = ctx.literal(ctx.property("StorageType")) {
        let lower = storage.to_ascii_lowercase();
        if lower != "aurora" && lower != "aurora-iopt1" {
            if let Some(span) = ctx.key_span(props, "StorageType") {
                findings.push(Finding::new(
                    Rule::RdsAuroraClusterSettings,
                    span,
                    format!("`StorageType: {storage}` is not an Aurora storage type: use `aurora` or `aurora-iopt1`"),
                ));
            }
        }
    }
    let serverless = ctx
        .literal(ctx.property("EngineMode"))
        .is_some_and(|m| m.eq_ignore_ascii_case("serverless"));
    if serverless {
        for name in PERFORMANCE_INSIGHTS {
            if let Some(span) = set_everywhere(ctx, props, name) {
                findings.push(
                    Finding::new(
                        Rule::RdsAuroraClusterSettings,
                        span,
                        format!("`{name}` has no effect on an Aurora Serverless v1 cluster (`EngineMode: serverless`), which has no Performance Insights"),
                    )
                    .with_severity(crate::analysis::Severity::Warning),
                );
            }
        }
    }
}

/// A cluster restored from a snapshot or from another cluster keeps the
/// source's credentials (and, from a cluster, its encryption).
fn restored_cluster(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let props = ctx.properties;
    let (source, ignored): (&str, &[&str]) =
        if set_everywhere(ctx, props, "SourceDBClusterIdentifier").is_some() {
            (
                "SourceDBClusterIdentifier",
                &["MasterUserPassword", "MasterUsername", "StorageEncrypted"],
            )
        } else if set_everywhere(ctx, props, "SnapshotIdentifier").is_some() {
            ("SnapshotIdentifier", &["MasterUsername"])
        } else {
            return;
        };
    let present: Vec<&str> = ignored
        .iter()
        .copied()
        .filter(|name| set_everywhere(ctx, props, name).is_some())
        .collect();
    // One finding, where the first of them (by name) is written.
    let Some(span) = present.first().and_then(|name| ctx.key_span(props, name)) else {
        return;
    };
    let names = present
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut finding = Finding::new(
        Rule::RdsRestoreIgnoredSettings,
        span,
        format!(
            "{names} {} not applied: a DB cluster created with `{source}` takes {} from its source",
            if present.len() == 1 { "is" } else { "are" },
            if present.len() == 1 { "it" } else { "them" }
        ),
    );
    if let Some(source_span) = ctx.key_span(props, source) {
        finding = finding.with_related(source_span, "the source");
    }
    findings.push(finding);
}

/// `ReplicaMode`: `mounted` or `open-read-only` for Oracle and Db2, ignored
/// by every other engine.
fn replica_mode(ctx: &ResourceCtx, engine: &str, findings: &mut Vec<Finding>) {
    let Some(span) = set_everywhere(ctx, ctx.properties, "ReplicaMode") else {
        return;
    };
    if engine.starts_with("oracle") || engine.starts_with("db2") {
        let Some(mode) = ctx.literal(ctx.property("ReplicaMode")) else {
            return;
        };
        let lower = mode.to_ascii_lowercase();
        if lower != "mounted" && lower != "open-read-only" {
            findings.push(Finding::new(
                Rule::RdsReplicaMode,
                span,
                format!("`ReplicaMode: {mode}` is not a replica mode: use `mounted` or `open-read-only`"),
            ));
        }
    } else if !engine.starts_with("custom-oracle") {
        findings.push(
            Finding::new(
                Rule::RdsReplicaMode,
                span,
                format!("`ReplicaMode` has no effect for `Engine: {engine}`: only Oracle and Db2 read replicas have a mode"),
            )
            .with_severity(crate::analysis::Severity::Warning),
        );
    }
}
