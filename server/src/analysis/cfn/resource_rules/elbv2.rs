//! Elastic Load Balancing: listeners that need a certificate, Application
//! Load Balancers that need two subnets, and target group settings that
//! depend on the target type.

use awsls_grammars::NodeId;

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const ELBV2_LISTENER_CERTIFICATE: RuleDef = RuleDef {
        code: "elbv2-listener-certificate",
        family: Family::CloudFormation,
        group: "Elastic Load Balancing",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3676"],
        fix: false,
        summary: "An HTTPS or TLS listener without `Certificates`",
        explanation: "An `HTTPS` (Application Load Balancer) or `TLS` (Network Load Balancer) listener terminates TLS with its default certificate, given in `Certificates`. Elastic Load Balancing rejects such a listener without one, and the stack fails when it creates it.",
        example: "`Protocol: HTTPS` on an `AWS::ElasticLoadBalancingV2::Listener` without `Certificates`",
    };

    pub const ELB_LISTENER_CERTIFICATE: RuleDef = RuleDef {
        code: "elb-listener-certificate",
        family: Family::CloudFormation,
        group: "Elastic Load Balancing",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3679"],
        fix: false,
        summary: "A Classic Load Balancer HTTPS or SSL listener without `SSLCertificateId`",
        explanation: "A Classic Load Balancer listener whose `Protocol` is `HTTPS` or `SSL` terminates TLS with the certificate named by `SSLCertificateId`. Elastic Load Balancing rejects the listener without one, and the stack fails when it creates the load balancer.",
        example: "`Listeners: [{Protocol: HTTPS, LoadBalancerPort: '443', InstancePort: '80'}]`",
    };

    pub const ELBV2_ALB_SUBNETS: RuleDef = RuleDef {
        code: "elbv2-alb-subnets",
        family: Family::CloudFormation,
        group: "Elastic Load Balancing",
        severity: Severity::Error,
        severity_note: Some("not reported when `CustomerOwnedIpv4Pool` marks a load balancer on an Outpost, which takes one subnet"),
        cfn_lint: &["E3680"],
        fix: false,
        summary: "An Application Load Balancer with fewer than two subnets",
        explanation: "An Application Load Balancer runs in at least two Availability Zones, so it needs subnets (`Subnets` or `SubnetMappings`) in at least two of them. Elastic Load Balancing rejects one with a single subnet (outside Outposts and Local Zones), and the stack fails when it creates it.",
        example: "`Type: application` with `Subnets: [subnet-0a1b2c3d]`",
    };

    pub const ELBV2_TARGET_GROUP_SETTINGS: RuleDef = RuleDef {
        code: "elbv2-target-group-settings",
        family: Family::CloudFormation,
        group: "Elastic Load Balancing",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3681"],
        fix: false,
        summary: "A Lambda target group with `Port`, `Protocol` or `VpcId`, or an instance, IP or ALB target group without `Port` and `Protocol`",
        explanation: "A target group routes to its targets on a port and protocol, except for a Lambda function, which is invoked instead: `Port`, `Protocol` and `VpcId` are not supported with `TargetType: lambda`, and are required with the `instance`, `ip` and `alb` target types. Elastic Load Balancing rejects the target group otherwise, and the stack fails when it creates it.",
        example: "`TargetType: lambda` with `Port: 80`",
    };

    pub const ELBV2_TARGET_GROUP_PROTOCOL: RuleDef = RuleDef {
        code: "elbv2-target-group-protocol",
        family: Family::CloudFormation,
        group: "Elastic Load Balancing",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3683"],
        fix: false,
        summary: "A `GENEVE` target group on a port other than 6081",
        explanation: "Gateway Load Balancers exchange traffic with their appliances over GENEVE on port 6081, and a target group with `Protocol: GENEVE` must use that port. Elastic Load Balancing rejects any other `Port`, and the stack fails when it creates the target group.",
        example: "`Protocol: GENEVE` with `Port: 80`",
    };

    pub const ELBV2_HEALTH_CHECK_MATCHER: RuleDef = RuleDef {
        code: "elbv2-health-check-matcher",
        family: Family::CloudFormation,
        group: "Elastic Load Balancing",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3684"],
        fix: false,
        summary: "A `Matcher` on a target group whose health checks use TCP, TLS or UDP",
        explanation: "`Matcher` lists the HTTP or gRPC codes a healthy target answers with, which only HTTP and HTTPS health checks read. Elastic Load Balancing rejects it on a target group whose `HealthCheckProtocol` is `TCP`, `TLS`, `UDP` or `TCP_UDP`, and the stack fails when it creates the target group.",
        example: "`HealthCheckProtocol: TCP` with `Matcher: {HttpCode: '200'}`",
    };
}

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: &["AWS::ElasticLoadBalancingV2::Listener"],
        check: listener,
    },
    ResourceRule {
        types: &["AWS::ElasticLoadBalancing::LoadBalancer"],
        check: classic_load_balancer,
    },
    ResourceRule {
        types: &["AWS::ElasticLoadBalancingV2::LoadBalancer"],
        check: load_balancer,
    },
    ResourceRule {
        types: &["AWS::ElasticLoadBalancingV2::TargetGroup"],
        check: target_group,
    },
];

fn listener(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(protocol) = ctx.property("Protocol") else {
        return;
    };
    let Some(name @ ("HTTPS" | "TLS")) = ctx.literal(Some(protocol)) else {
        return;
    };
    if ctx.property("Certificates").is_none() {
        // A missing property is reported where `missing-required-property` is.
        findings.push(
            Finding::new(
                Rule::Elbv2ListenerCertificate,
                ctx.anchor(),
                format!(
                    "a listener with protocol `{name}` needs its default certificate in `Certificates`"
                ),
            )
            .with_related(ctx.doc.node(protocol).span, "the protocol is set here"),
        );
    }
}

fn classic_load_balancer(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let listeners = ctx
        .property("Listeners")
        .and_then(|l| ctx.doc.sequence(l))
        .unwrap_or(&[]);
    for listener in listeners {
        if ctx.doc.mapping(*listener).is_none() {
            continue;
        }
        let Some(protocol) = ctx.doc.get(*listener, "Protocol") else {
            continue;
        };
        let Some(name) = ctx.literal(Some(protocol)) else {
            continue;
        };
        let secure = name.eq_ignore_ascii_case("HTTPS") || name.eq_ignore_ascii_case("SSL");
        if secure && ctx.doc.get(*listener, "SSLCertificateId").is_none() {
            // Reported on the listener's first key, as a missing property of a list item is.
            let label = ctx
                .doc
                .mapping(*listener)
                .and_then(|e| e.first())
                .map_or(ctx.doc.node(*listener).span, |e| e.key.span);
            findings.push(
                Finding::new(
                    Rule::ElbListenerCertificate,
                    label,
                    format!(
                        "a listener with protocol `{name}` needs the certificate in `SSLCertificateId`"
                    ),
                )
                .with_related(ctx.doc.node(protocol).span, "the protocol is set here"),
            );
        }
    }
}

/// The number of items of a list written literally, `None` when the list
/// is computed or an item is conditional.
fn literal_count(ctx: &ResourceCtx, list: NodeId) -> Option<usize> {
    let items = ctx.doc.sequence(list)?;
    let conditional = items.iter().any(|item| {
        ctx.values(*item)
            .iter()
            .any(|v| matches!(v, Value::Removed { .. }))
            || ctx
                .doc
                .intrinsic(*item)
                .is_some_and(|i| i.function == "Fn::If")
    });
    (!conditional).then_some(items.len())
}

fn load_balancer(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let application = match ctx.property("Type") {
        None => true,
        node => ctx.literal(node) == Some("application"),
    };
    if !application || ctx.property("CustomerOwnedIpv4Pool").is_some() {
        return;
    }
    for name in ["Subnets", "SubnetMappings"] {
        let Some(entry) = ctx.doc.entry(ctx.properties, name) else {
            continue;
        };
        let Some(count) = literal_count(ctx, entry.value) else {
            continue;
        };
        if count < 2 {
            findings.push(Finding::new(
                Rule::Elbv2AlbSubnets,
                entry.key.span,
                format!("an Application Load Balancer needs subnets in at least two Availability Zones; `{name}` lists {count}"),
            ));
        }
    }
}

fn target_group(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    target_group_protocols(ctx, findings);
    let Some(target_type) = ctx.doc.entry(ctx.properties, "TargetType") else {
        return;
    };
    match ctx.literal(Some(target_type.value)) {
        Some("lambda") => {
            for name in ["Port", "Protocol", "VpcId"] {
                if let Some(span) = ctx.key_span(ctx.properties, name) {
                    findings.push(
                        Finding::new(
                            Rule::Elbv2TargetGroupSettings,
                            span,
                            format!("`{name}` is not supported on a target group whose `TargetType` is `lambda`: the function is invoked directly"),
                        )
                        .with_related(target_type.key.span, "the target type"),
                    );
                }
            }
        }
        Some(kind @ ("instance" | "ip" | "alb")) => {
            for name in ["Port", "Protocol"] {
                if ctx.property(name).is_none() {
                    findings.push(Finding::new(
                        Rule::Elbv2TargetGroupSettings,
                        target_type.key.span,
                        format!("a target group whose `TargetType` is `{kind}` needs `{name}`"),
                    ));
                }
            }
        }
        _ => {}
    }
}

/// The port of a GENEVE target group and the matcher of non-HTTP health checks.
fn target_group_protocols(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    if ctx.literal(ctx.property("Protocol")) == Some("GENEVE") {
        if let Some(port) = ctx.doc.entry(ctx.properties, "Port") {
            let number = ctx
                .literal(Some(port.value))
                .and_then(|p| p.trim().parse::<i64>().ok());
            if let Some(number) = number.filter(|n| *n != 6081) {
                findings.push(Finding::new(
                    Rule::Elbv2TargetGroupProtocol,
                    port.key.span,
                    format!("a `GENEVE` target group uses port 6081, not {number}"),
                ));
            }
        }
    }
    let health = ctx.literal(ctx.property("HealthCheckProtocol"));
    if let Some(protocol @ ("TCP" | "TLS" | "UDP" | "TCP_UDP")) = health {
        if let Some(span) = super::props::set_everywhere(ctx, ctx.properties, "Matcher") {
            findings.push(Finding::new(
                Rule::Elbv2HealthCheckMatcher,
                span,
                format!("`Matcher` is only read by HTTP and HTTPS health checks; this target group checks health over `{protocol}`"),
            ));
        }
    }
}
