//! ElastiCache replication groups: automatic failover in cluster mode and
//! the transit encryption setting Valkey needs.

use super::props::{literal_bool, literal_int};
use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const ELASTICACHE_CLUSTER_FAILOVER: RuleDef = RuleDef {
        code: "elasticache-cluster-failover",
        family: Family::CloudFormation,
        group: "ElastiCache",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3026"],
        fix: false,
        summary: "Automatic failover turned off on a cluster-mode replication group",
        explanation: "A Valkey or Redis OSS replication group with cluster mode enabled (several node groups, or a `cluster.on` parameter group) must have automatic failover: ElastiCache rejects `AutomaticFailoverEnabled: false` for it and the replication group fails to create.",
        example: "`NumNodeGroups: 3` with `AutomaticFailoverEnabled: false`",
    };

    pub const ELASTICACHE_VALKEY_TRANSIT_ENCRYPTION: RuleDef = RuleDef {
        code: "elasticache-valkey-transit-encryption",
        family: Family::CloudFormation,
        group: "ElastiCache",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3704"],
        fix: false,
        summary: "A Valkey replication group without `TransitEncryptionEnabled`",
        explanation: "A replication group whose `Engine` is `valkey` must say whether traffic to it is encrypted in transit: without `TransitEncryptionEnabled` the request that creates it is rejected and the stack fails. Set it to `true` (or explicitly to `false`).",
        example: "`Engine: valkey` in an `AWS::ElastiCache::ReplicationGroup` without `TransitEncryptionEnabled`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::ElastiCache::ReplicationGroup"],
    check: replication_group,
}];

fn replication_group(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let valkey = ctx
        .literal(ctx.property("Engine"))
        .is_some_and(|e| e.eq_ignore_ascii_case("valkey"));
    if valkey && ctx.property("TransitEncryptionEnabled").is_none() {
        findings.push(Finding::new(
            Rule::ElasticacheValkeyTransitEncryption,
            ctx.anchor(),
            "a Valkey replication group needs `TransitEncryptionEnabled`",
        ));
    }
    let failover = ctx.property("AutomaticFailoverEnabled");
    if literal_bool(ctx, failover) != Some(false) {
        return;
    }
    let groups = literal_int(ctx, ctx.property("NumNodeGroups")).filter(|n| *n > 1);
    let parameters = ctx
        .literal(ctx.property("CacheParameterGroupName"))
        .filter(|p| p.contains(".cluster.on"));
    let why = match (groups, parameters) {
        (Some(n), _) => format!("`NumNodeGroups: {n}`"),
        (None, Some(p)) => format!("the parameter group `{p}`"),
        (None, None) => return,
    };
    if let Some(span) = ctx.key_span(ctx.properties, "AutomaticFailoverEnabled") {
        findings.push(Finding::new(
            Rule::ElasticacheClusterFailover,
            span,
            format!("automatic failover must be enabled for a replication group in cluster mode ({why})"),
        ));
    }
}
