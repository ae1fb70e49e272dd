//! Instance types, node types and DB instance classes that the chosen regions do not offer, and VPN gateway types.

use awsls_grammars::{NodeId, NodeKind, ScalarStyle, Span};

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::{suggest, Finding, Fix, TextEdit};
use crate::schema::region_values::{self, Values};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_INSTANCE_TYPE: RuleDef = RuleDef {
        code: "invalid-instance-type",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &[
            "E3628", "E3025", "E3694", "E3647", "E3620", "E3635", "E3652", "E3653", "E3667",
            "E3670", "E3672", "E3675", "E3617", "E3621", "E3640", "E3642", "E3643", "E3644",
            "E3641",
        ],
        fix: true,
        summary: "An instance type, node type or DB instance class not offered in a region the template is validated for",
        explanation: "Each service offers its own instance types, and each region only some of them: EC2 instances, launch templates and fleets, RDS DB instances (per engine and licence model) and Multi-AZ DB clusters, DocumentDB and Neptune instances, ElastiCache clusters, OpenSearch and Elasticsearch domains, Redshift clusters, Amazon MQ brokers, DAX clusters, EMR clusters, Managed Blockchain nodes, AppStream fleets, GameLift fleets and SageMaker clusters, monitoring jobs, model packages and inference experiments. A misspelt type, a type of another service (`db.` classes outside RDS), or one the region lacks makes the resource fail to create and rolls the stack back. Validated for `us-east-1` unless other regions are chosen with `awsls check --regions` or the `awsls.regions` setting; the lists are the AWS price list as cfn-lint 1.58.0 ships it.",
        example: "`InstanceType: t3.mirco` on an `AWS::EC2::Instance`",
    };

    pub const VPN_GATEWAY_TYPE: RuleDef = RuleDef {
        code: "vpn-gateway-type",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3703"],
        fix: true,
        summary: "A virtual private gateway whose `Type` is not `ipsec.1`",
        explanation: "`ipsec.1` is the only type of VPN connection a virtual private gateway supports; EC2 rejects any other value and the gateway fails to create.",
        example: "`Type: ipsec.2` on an `AWS::EC2::VPNGateway`",
    };
}

/// Where a data set's values are written: resource types and property
/// paths (`*`: each item of a list).
struct Site {
    types: &'static [&'static str],
    /// The cfn-lint data set (`<resource>/<property>`).
    set: &'static str,
    /// What the value is, for messages.
    what: &'static str,
    paths: &'static [&'static [&'static str]],
}

const INSTANCE_TYPE: &[&[&str]] = &[&["InstanceType"]];

const SAGEMAKER_MONITORING: &[&str] = &[
    "AWS::SageMaker::DataQualityJobDefinition",
    "AWS::SageMaker::ModelBiasJobDefinition",
    "AWS::SageMaker::ModelExplainabilityJobDefinition",
    "AWS::SageMaker::ModelQualityJobDefinition",
];

const SITES: &[Site] = &[
    Site {
        types: &["AWS::EC2::Instance"],
        set: "aws_ec2_instance/instancetype",
        what: "an EC2 instance type",
        paths: INSTANCE_TYPE,
    },
    Site {
        types: &["AWS::EC2::LaunchTemplate"],
        set: "aws_ec2_instance/instancetype",
        what: "an EC2 instance type",
        paths: &[&["LaunchTemplateData", "InstanceType"]],
    },
    Site {
        types: &["AWS::EC2::EC2Fleet"],
        set: "aws_ec2_instance/instancetype",
        what: "an EC2 instance type",
        paths: &[&[
            "LaunchTemplateConfigs",
            "*",
            "Overrides",
            "*",
            "InstanceType",
        ]],
    },
    Site {
        types: &["AWS::RDS::DBInstance"],
        set: "aws_rds_dbinstance/dbinstanceclass",
        what: "a DB instance class",
        paths: &[&["DBInstanceClass"]],
    },
    Site {
        types: &["AWS::RDS::DBCluster"],
        set: "aws_rds_dbcluster/dbclusterinstanceclass",
        what: "a DB instance class",
        paths: &[&["DBClusterInstanceClass"]],
    },
    Site {
        types: &["AWS::ElastiCache::CacheCluster"],
        set: "aws_elasticache_cachecluster/cachenodetype",
        what: "an ElastiCache node type",
        paths: &[&["CacheNodeType"]],
    },
    Site {
        types: &["AWS::DocDB::DBInstance"],
        set: "aws_docdb_dbinstance/dbinstanceclass",
        what: "a DocumentDB instance class",
        paths: &[&["DBInstanceClass"]],
    },
    Site {
        types: &["AWS::Neptune::DBInstance"],
        set: "aws_neptune_dbinstance/dbinstanceclass",
        what: "a Neptune instance class",
        paths: &[&["DBInstanceClass"]],
    },
    Site {
        types: &["AWS::Elasticsearch::Domain"],
        set: "aws_elasticsearch_domain/elasticsearchclusterconfig_instancetype",
        what: "an Elasticsearch instance type",
        paths: &[&["ElasticsearchClusterConfig", "InstanceType"]],
    },
    Site {
        types: &["AWS::OpenSearchService::Domain"],
        set: "aws_opensearchservice_domain/clusterconfig_instancetype",
        what: "an OpenSearch instance type",
        paths: &[&["ClusterConfig", "InstanceType"]],
    },
    Site {
        types: &["AWS::Redshift::Cluster"],
        set: "aws_redshift_cluster/nodetype",
        what: "a Redshift node type",
        paths: &[&["NodeType"]],
    },
    Site {
        types: &["AWS::AmazonMQ::Broker"],
        set: "aws_amazonmq_broker/instancetype",
        what: "an Amazon MQ instance type",
        paths: &[&["HostInstanceType"]],
    },
    Site {
        types: &["AWS::DAX::Cluster"],
        set: "aws_dax_cluster/nodetype",
        what: "a DAX node type",
        paths: &[&["NodeType"]],
    },
    Site {
        types: &["AWS::EMR::Cluster"],
        set: "aws_emr_cluster/instancetypeconfig_instancetype",
        what: "an EMR instance type",
        paths: &[
            &["Instances", "MasterInstanceGroup", "InstanceType"],
            &["Instances", "CoreInstanceGroup", "InstanceType"],
            &["Instances", "TaskInstanceGroups", "*", "InstanceType"],
            &[
                "Instances",
                "MasterInstanceFleet",
                "InstanceTypeConfigs",
                "*",
                "InstanceType",
            ],
            &[
                "Instances",
                "CoreInstanceFleet",
                "InstanceTypeConfigs",
                "*",
                "InstanceType",
            ],
            &[
                "Instances",
                "TaskInstanceFleets",
                "*",
                "InstanceTypeConfigs",
                "*",
                "InstanceType",
            ],
        ],
    },
    Site {
        types: &["AWS::ManagedBlockchain::Node"],
        set: "aws_managedblockchain_node/nodeconfiguration_instancetype",
        what: "a Managed Blockchain instance type",
        paths: &[&["NodeConfiguration", "InstanceType"]],
    },
    Site {
        types: &["AWS::AppStream::Fleet"],
        set: "aws_appstream_fleet/instancetype",
        what: "an AppStream instance type",
        paths: INSTANCE_TYPE,
    },
    Site {
        types: &["AWS::GameLift::Fleet"],
        set: "aws_gamelift_fleet/ec2instancetype",
        what: "a GameLift instance type",
        paths: &[&["EC2InstanceType"]],
    },
    Site {
        types: SAGEMAKER_MONITORING,
        set: "aws_sagemaker_processing/instancetype",
        what: "a SageMaker processing instance type",
        paths: &[&["JobResources", "ClusterConfig", "InstanceType"]],
    },
    Site {
        types: &["AWS::SageMaker::MonitoringSchedule"],
        set: "aws_sagemaker_processing/instancetype",
        what: "a SageMaker processing instance type",
        paths: &[&[
            "MonitoringScheduleConfig",
            "MonitoringJobDefinition",
            "MonitoringResources",
            "ClusterConfig",
            "InstanceType",
        ]],
    },
    Site {
        types: &["AWS::SageMaker::InferenceExperiment"],
        set: "aws_sagemaker_hosting/instancetype",
        what: "a SageMaker hosting instance type",
        paths: &[&[
            "ModelVariants",
            "*",
            "InfrastructureConfig",
            "RealTimeInferenceConfig",
            "InstanceType",
        ]],
    },
    Site {
        types: &["AWS::SageMaker::ModelPackage"],
        set: "aws_sagemaker_transform/instancetype",
        what: "a SageMaker transform instance type",
        paths: &[&[
            "ValidationSpecification",
            "ValidationProfiles",
            "*",
            "TransformJobDefinition",
            "TransformResources",
            "InstanceType",
        ]],
    },
    Site {
        types: &["AWS::SageMaker::Cluster"],
        set: "aws_sagemaker_cluster/instancetype",
        what: "a SageMaker HyperPod instance type",
        paths: &[
            &["InstanceGroups", "*", "InstanceType"],
            &["RestrictedInstanceGroups", "*", "InstanceType"],
        ],
    },
];

/// Every resource type some site reads.
const TYPES: &[&str] = &[
    "AWS::EC2::Instance",
    "AWS::EC2::LaunchTemplate",
    "AWS::EC2::EC2Fleet",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "AWS::ElastiCache::CacheCluster",
    "AWS::DocDB::DBInstance",
    "AWS::Neptune::DBInstance",
    "AWS::Elasticsearch::Domain",
    "AWS::OpenSearchService::Domain",
    "AWS::Redshift::Cluster",
    "AWS::AmazonMQ::Broker",
    "AWS::DAX::Cluster",
    "AWS::EMR::Cluster",
    "AWS::ManagedBlockchain::Node",
    "AWS::AppStream::Fleet",
    "AWS::GameLift::Fleet",
    "AWS::SageMaker::DataQualityJobDefinition",
    "AWS::SageMaker::ModelBiasJobDefinition",
    "AWS::SageMaker::ModelExplainabilityJobDefinition",
    "AWS::SageMaker::ModelQualityJobDefinition",
    "AWS::SageMaker::MonitoringSchedule",
    "AWS::SageMaker::InferenceExperiment",
    "AWS::SageMaker::ModelPackage",
    "AWS::SageMaker::Cluster",
];

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: TYPES,
        check: instance_types,
    },
    ResourceRule {
        types: &["AWS::EC2::VPNGateway"],
        check: vpn_gateway,
    },
];

fn instance_types(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(type_name) = ctx.resource.type_name.as_deref() else {
        return;
    };
    for site in SITES.iter().filter(|s| s.types.contains(&type_name)) {
        for path in site.paths {
            for node in nodes_at(ctx, ctx.properties, path) {
                for value in ctx.values(node) {
                    if let Value::Literal { text, node, span } = value {
                        check_value(ctx, site, text, node, span, findings);
                    }
                }
            }
        }
    }
}

/// The nodes at `path` under `start` (`*` stepping into each list item).
fn nodes_at(ctx: &ResourceCtx, start: NodeId, path: &[&str]) -> Vec<NodeId> {
    let mut current = vec![start];
    for step in path {
        let mut next = Vec::new();
        for node in current {
            if *step == "*" {
                next.extend(ctx.doc.sequence(node).unwrap_or(&[]).iter().copied());
            } else if ctx.doc.mapping(node).is_some() {
                next.extend(ctx.doc.get(node, step));
            }
        }
        current = next;
    }
    current
}

/// The values allowed for `site` in `region` given the resource's other
/// properties (every applicable case must allow a value); `None` when the
/// data says nothing for the region or no case applies.
fn allowed(ctx: &ResourceCtx, site: &Site, region: &str) -> Option<Vec<Values>> {
    let cases = region_values::cases(site.set, region)?;
    let lists: Vec<Values> = cases
        .iter()
        .filter(|case| {
            case.requires.iter().all(|(name, value)| match value {
                Some(value) => ctx.literal(ctx.property(name)) == Some(&**value),
                None => super::props::absent(ctx, ctx.properties, name),
            })
        })
        .map(|case| case.values())
        .collect();
    (!lists.is_empty()).then_some(lists)
}

fn check_value(
    ctx: &ResourceCtx,
    site: &Site,
    text: &str,
    node: NodeId,
    span: Span,
    findings: &mut Vec<Finding>,
) {
    let mut missing = Vec::new();
    let mut offered: Option<Values> = None;
    let mut known = 0;
    for region in ctx.snapshot.regions.iter() {
        let Some(lists) = allowed(ctx, site, region) else {
            continue;
        };
        known += 1;
        if let Some(list) = lists.iter().find(|l| !l.contains(text)) {
            offered.get_or_insert(*list);
            missing.push(format!("`{region}`"));
        }
    }
    let Some(offered) = offered else {
        return;
    };
    let mut message = format!(
        "`{text}` is not {} offered in {}",
        site.what,
        missing.join(", ")
    );
    // A value some chosen region offers is no typo: suggest nothing then.
    let suggestion = (missing.len() == known)
        .then(|| suggest::closest(text, offered.iter()))
        .flatten();
    if let Some(best) = suggestion {
        message.push_str(&format!("; did you mean `{best}`?"));
    }
    let mut finding = Finding::new(Rule::InvalidInstanceType, span, message);
    if let Some(best) = suggestion {
        finding = finding.with_fix(replace(ctx, node, span, best));
    }
    findings.push(finding);
}

/// A quick fix writing `text` in place of a scalar, inside its quotes.
fn replace(ctx: &ResourceCtx, node: NodeId, span: Span, text: &str) -> Fix {
    let quoted = matches!(
        &ctx.doc.node(node).kind,
        NodeKind::Scalar(s) if matches!(s.style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
    );
    let span = if quoted && span.len() >= 2 {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    };
    Fix {
        title: format!("Change to `{text}`"),
        edits: vec![TextEdit {
            span,
            new_text: text.to_string(),
        }],
        preferred: true,
    }
}

fn vpn_gateway(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(node) = ctx.property("Type") else {
        return;
    };
    let Some(allowed) = region_values::cases("aws_ec2_vpngateway/type", "*")
        .and_then(|cases| cases.first())
        .map(|case| case.values())
    else {
        return;
    };
    for value in ctx.values(node) {
        let Value::Literal { text, node, span } = value else {
            continue;
        };
        if allowed.contains(text) {
            continue;
        }
        let expected = allowed.iter().next().unwrap_or("ipsec.1");
        let finding = Finding::new(
            Rule::VpnGatewayType,
            span,
            format!("`{text}` is not a VPN gateway type: the only type is `{expected}`"),
        )
        .with_fix(replace(ctx, node, span, expected));
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::analysis::rules::Rule;
    use crate::analysis::{diagnostics, Snapshot};

    fn findings(yaml: &str, regions: &[&str]) -> Vec<String> {
        let mut snapshot = Snapshot::from_text("t.yaml", yaml);
        snapshot.regions = Arc::from(regions.iter().map(|r| r.to_string()).collect::<Vec<_>>());
        diagnostics(&snapshot)
            .into_iter()
            .filter(|f| f.rule == Rule::InvalidInstanceType)
            .map(|f| f.message)
            .collect()
    }

    fn template(instance_type: &str) -> String {
        format!(
            "Resources:\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      InstanceType: {instance_type}\n"
        )
    }

    /// An instance type offered in one region and not in another.
    fn regional_type() -> (&'static str, &'static str, &'static str) {
        let set = "aws_ec2_instance/instancetype";
        let values = |r: &str| {
            crate::schema::region_values::cases(set, r)
                .and_then(|c| c.first())
                .map(|c| c.values())
                .expect("region data")
        };
        let (east, south) = (values("us-east-1"), values("af-south-1"));
        let only_east = east
            .iter()
            .find(|t| !south.contains(t))
            .expect("a type us-east-1 has and af-south-1 lacks");
        (only_east, "us-east-1", "af-south-1")
    }

    #[test]
    fn reported_only_for_the_region_lacking_the_type() {
        let (ty, has, lacks) = regional_type();
        let yaml = template(ty);
        assert!(findings(&yaml, &[has]).is_empty());
        let both = findings(&yaml, &[has, lacks]);
        assert_eq!(both.len(), 1, "{both:?}");
        assert!(!both[0].contains("did you mean"), "{both:?}");
        assert!(
            both[0].contains(lacks) && !both[0].contains(has),
            "{both:?}"
        );
    }

    #[test]
    fn findings_kept_for_reuse_follow_the_regions() {
        let (ty, has, lacks) = regional_type();
        let yaml = template(ty);
        let mut reuse = crate::analysis::Reuse::default();
        let mut snapshot = Snapshot::from_text("t.yaml", &yaml);
        let count = |snapshot: &Snapshot, reuse: &mut crate::analysis::Reuse| {
            crate::analysis::diagnostics_reusing(snapshot, Some(reuse))
                .iter()
                .filter(|f| f.rule == Rule::InvalidInstanceType)
                .count()
        };
        snapshot.regions = Arc::from(vec![has.to_string()]);
        assert_eq!(count(&snapshot, &mut reuse), 0);
        snapshot.regions = Arc::from(vec![lacks.to_string()]);
        assert_eq!(count(&snapshot, &mut reuse), 1);
    }

    #[test]
    fn suggests_the_closest_type() {
        let found = findings(&template("t3.mirco"), &["us-east-1"]);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("did you mean `t3.micro`"), "{found:?}");
    }

    #[test]
    fn computed_values_and_unknown_regions_are_left_alone() {
        assert!(findings(&template("!Ref Size"), &["us-east-1"]).is_empty());
        assert!(findings(&template("t3.mirco"), &["xx-nowhere-1"]).is_empty());
    }

    #[test]
    fn rds_classes_are_checked_for_the_engine_written() {
        let yaml = "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t3.mirco\n  Other:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBInstanceClass: db.t3.mirco\n";
        let found = findings(yaml, &["us-east-1"]);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
