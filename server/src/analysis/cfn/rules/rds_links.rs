//! A DB instance of a DB cluster in the same template must use the cluster's
//! engine and storage encryption.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::resource_links::{absent, literal, property, target_of_type};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const RDS_INSTANCE_CLUSTER_MISMATCH: RuleDef = RuleDef {
        code: "rds-instance-cluster-mismatch",
        family: Family::CloudFormation,
        group: "RDS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3707", "E3709"],
        fix: false,
        summary: "A DB instance whose `Engine` or `StorageEncrypted` differs from its DB cluster's",
        explanation: "A DB instance created in a DB cluster (`DBClusterIdentifier: !Ref Cluster`) runs the cluster's engine on the cluster's storage: RDS rejects an instance whose `Engine` is not the cluster's, or whose `StorageEncrypted` says otherwise than the cluster (unencrypted unless the cluster sets `StorageEncrypted: true`), and the instance fails to create.",
        example: "an `aurora-mysql` DB instance in a cluster whose `Engine` is `aurora-postgresql`",
    };
}

/// Properties that make a cluster take its encryption from elsewhere.
const ENCRYPTION_FROM_SOURCE: &[&str] = &[
    "SnapshotIdentifier",
    "SourceDBClusterIdentifier",
    "GlobalClusterIdentifier",
    "ReplicationSourceIdentifier",
];

fn bool_of(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for instance in &ctx.template.resources {
        if instance.type_name.as_deref() != Some("AWS::RDS::DBInstance") {
            continue;
        }
        let Some(cluster) = property(doc, instance, "DBClusterIdentifier")
            .and_then(|n| target_of_type(doc, ctx.template, n, "AWS::RDS::DBCluster"))
        else {
            continue;
        };
        let Some(instance_props) = instance.properties else {
            continue;
        };
        let engine = literal(doc, property(doc, instance, "Engine"));
        let cluster_engine = literal(doc, property(doc, cluster, "Engine"));
        if let (Some(engine), Some(cluster_engine)) = (engine, cluster_engine) {
            if !engine.eq_ignore_ascii_case(cluster_engine) {
                if let Some(entry) = doc.entry(instance_props, "Engine") {
                    findings.push(finding(
                        Rule::RdsInstanceClusterMismatch,
                        entry.key.span,
                        format!(
                            "`Engine: {engine}` differs from the engine of its DB cluster `{}` (`{cluster_engine}`)",
                            cluster.decl.name
                        ),
                    ));
                }
            }
        }
        let Some(encrypted) =
            literal(doc, property(doc, instance, "StorageEncrypted")).and_then(bool_of)
        else {
            continue;
        };
        let cluster_encrypted = if absent(doc, cluster, "StorageEncrypted") {
            if ENCRYPTION_FROM_SOURCE
                .iter()
                .any(|p| !absent(doc, cluster, p))
            {
                continue;
            }
            Some(false)
        } else {
            literal(doc, property(doc, cluster, "StorageEncrypted")).and_then(bool_of)
        };
        let Some(cluster_encrypted) = cluster_encrypted else {
            continue;
        };
        if encrypted != cluster_encrypted {
            if let Some(entry) = doc.entry(instance_props, "StorageEncrypted") {
                let state = |on: bool| if on { "encrypted" } else { "not encrypted" };
                findings.push(finding(
                    Rule::RdsInstanceClusterMismatch,
                    entry.key.span,
                    format!(
                        "`StorageEncrypted: {encrypted}` differs from its DB cluster `{}`, whose storage is {}",
                        cluster.decl.name,
                        state(cluster_encrypted)
                    ),
                ));
            }
        }
    }
}
