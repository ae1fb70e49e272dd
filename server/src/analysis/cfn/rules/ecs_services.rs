//! ECS services against the task definitions and target groups they use:
//! network configuration for `awsvpc` tasks, Fargate compatibility and log
//! drivers, and health checks of containers on dynamic host ports.

use std::collections::HashSet;

use awsls_grammars::{NodeId, Span};

use crate::analysis::cfn::template::Resource;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::Ctx;
use super::resource_links::{absent, anchor, literal, literals, property, target_of_type};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const ECS_SERVICE_NETWORK_CONFIGURATION: RuleDef = RuleDef {
        code: "ecs-service-network-configuration",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3052"],
        fix: false,
        summary: "A service without `NetworkConfiguration` whose task definition uses the `awsvpc` network mode",
        explanation: "A task in the `awsvpc` network mode gets its own network interface, placed in the subnets and security groups the service gives in `NetworkConfiguration.AwsvpcConfiguration`. ECS rejects a service of such tasks without it, and the stack fails when it creates the service.",
        example: "a service whose task definition has `NetworkMode: awsvpc`, with no `NetworkConfiguration`",
    };

    pub const ECS_SERVICE_FARGATE_COMPATIBILITY: RuleDef = RuleDef {
        code: "ecs-service-fargate-compatibility",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3054"],
        fix: false,
        summary: "A Fargate service whose task definition does not require Fargate compatibility",
        explanation: "ECS runs a task definition on Fargate only when it was registered for it, with `FARGATE` in `RequiresCompatibilities` (the default is `EC2`). A service with `LaunchType: FARGATE` whose task definition lacks it is rejected (the task definition does not support the launch type), and the stack fails when it creates the service.",
        example: "`LaunchType: FARGATE` with a task definition that has `RequiresCompatibilities: [EC2]`",
    };

    pub const ECS_FARGATE_LOG_DRIVER: RuleDef = RuleDef {
        code: "ecs-fargate-log-driver",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3713", "E3048"],
        fix: false,
        summary: "A container of a Fargate task with a log driver Fargate does not support",
        explanation: "Fargate tasks send container logs only through the `awslogs`, `splunk` and `awsfirelens` log drivers. ECS rejects any other `LogDriver` in a task definition that requires Fargate, and tasks of a Fargate service fail to start with one.",
        example: "`LogConfiguration: {LogDriver: syslog}` in a task definition run by a `LaunchType: FARGATE` service",
    };

    pub const ECS_DYNAMIC_PORT_HEALTH_CHECK: RuleDef = RuleDef {
        code: "ecs-dynamic-port-health-check",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3049"],
        fix: false,
        summary: "A target group health-checking a fixed port for a container on a dynamic host port",
        explanation: "With `HostPort: 0` ECS picks a free host port for each task and registers it in the service's target group. A health check on a fixed `HealthCheckPort` then probes a port no task listens on, so every target is unhealthy: use `HealthCheckPort: traffic-port` (the default), which checks the port each target was registered with.",
        example: "`HostPort: 0` behind a target group with `HealthCheckPort: '80'`",
    };
}

/// The log drivers Fargate supports.
const FARGATE_LOG_DRIVERS: &[&str] = &["awslogs", "splunk", "awsfirelens"];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let mut reported: HashSet<(Rule, Span)> = HashSet::new();
    let mut push = |finding: Finding, findings: &mut Vec<Finding>| {
        if reported.insert((finding.rule, finding.span)) {
            findings.push(finding);
        }
    };
    // Task definitions that require Fargate compatibility themselves.
    for task in resources(ctx, "AWS::ECS::TaskDefinition") {
        if requires_fargate(ctx, task) == Some(true) {
            for finding in log_drivers(ctx, task, "it requires Fargate compatibility") {
                push(finding, findings);
            }
        }
    }
    for service in resources(ctx, "AWS::ECS::Service") {
        let Some(task) = property(doc, service, "TaskDefinition")
            .and_then(|t| target_of_type(doc, ctx.template, t, "AWS::ECS::TaskDefinition"))
        else {
            continue;
        };
        let modes: Vec<&str> = match property(doc, task, "NetworkMode") {
            None => vec!["bridge"],
            Some(node) => literals(doc, node),
        };
        let awsvpc = modes.contains(&"awsvpc");
        if awsvpc && absent(doc, service, "NetworkConfiguration") {
            push(
                Finding::new(
                    Rule::EcsServiceNetworkConfiguration,
                    anchor(doc, service),
                    format!(
                        "the task definition `{}` uses the `awsvpc` network mode: the service needs `NetworkConfiguration` with its subnets",
                        task.decl.name
                    ),
                ),
                findings,
            );
        }
        let fargate = property(doc, service, "LaunchType")
            .is_some_and(|l| literals(doc, l).contains(&"FARGATE"));
        if fargate {
            if !awsvpc && property(doc, task, "NetworkMode").is_none_or(|_| modes.len() == 1) {
                if let Some(finding) = fargate_compatibility(ctx, service, task) {
                    push(finding, findings);
                }
            }
            let reason = format!("the service `{}` runs it on Fargate", service.decl.name);
            for finding in log_drivers(ctx, task, &reason) {
                push(finding, findings);
            }
        }
        for finding in dynamic_ports(ctx, service, task) {
            push(finding, findings);
        }
    }
}

fn resources<'a>(ctx: &Ctx<'a>, type_name: &'a str) -> impl Iterator<Item = &'a Resource> + 'a {
    let doc = ctx.doc;
    ctx.template.resources.iter().filter(move |r| {
        r.type_name.as_deref() == Some(type_name)
            && r.properties.is_some_and(|p| doc.mapping(p).is_some())
    })
}

/// Whether `RequiresCompatibilities` lists `FARGATE`: `None` when it is not
/// written literally.
fn requires_fargate(ctx: &Ctx, task: &Resource) -> Option<bool> {
    let doc = ctx.doc;
    let Some(list) = property(doc, task, "RequiresCompatibilities") else {
        return Some(false);
    };
    let items = doc.sequence(list)?;
    let mut names = Vec::new();
    for item in items {
        names.push(literal(doc, Some(*item))?);
    }
    Some(names.contains(&"FARGATE"))
}

fn fargate_compatibility(ctx: &Ctx, service: &Resource, task: &Resource) -> Option<Finding> {
    let doc = ctx.doc;
    if requires_fargate(ctx, task)? {
        return None;
    }
    let entry = task
        .properties
        .and_then(|p| doc.entry(p, "RequiresCompatibilities"));
    let (span, what) = match entry {
        Some(entry) => (
            entry.key.span,
            "does not list `FARGATE` in `RequiresCompatibilities`",
        ),
        None => (
            anchor(doc, task),
            "has no `RequiresCompatibilities` (the default is `EC2`)",
        ),
    };
    Some(Finding::new(
        Rule::EcsServiceFargateCompatibility,
        span,
        format!(
            "the service `{}` runs this task definition on Fargate, but it {what}",
            service.decl.name
        ),
    ))
}

/// The containers of a task definition written as mappings.
fn containers<'a>(ctx: &Ctx<'a>, task: &Resource) -> Vec<NodeId> {
    let doc = ctx.doc;
    property(doc, task, "ContainerDefinitions")
        .and_then(|c| doc.sequence(c))
        .unwrap_or(&[])
        .iter()
        .copied()
        .filter(|c| doc.mapping(*c).is_some())
        .collect()
}

fn log_drivers(ctx: &Ctx, task: &Resource, reason: &str) -> Vec<Finding> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    for container in containers(ctx, task) {
        let Some(driver) = doc
            .get(container, "LogConfiguration")
            .and_then(|l| doc.entry(l, "LogDriver"))
        else {
            continue;
        };
        for text in literals(doc, driver.value) {
            if !FARGATE_LOG_DRIVERS.contains(&text) {
                out.push(Finding::new(
                    Rule::EcsFargateLogDriver,
                    driver.key.span,
                    format!("Fargate supports the `awslogs`, `splunk` and `awsfirelens` log drivers, not `{text}` ({reason})"),
                ));
            }
        }
    }
    out
}

fn dynamic_ports(ctx: &Ctx, service: &Resource, task: &Resource) -> Vec<Finding> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    let balancers = property(doc, service, "LoadBalancers")
        .and_then(|l| doc.sequence(l))
        .unwrap_or(&[]);
    let int = |node: Option<NodeId>| literal(doc, node).and_then(|t| t.trim().parse::<i64>().ok());
    for balancer in balancers {
        if doc.mapping(*balancer).is_none() {
            continue;
        }
        let (Some(name), Some(port)) = (
            literal(doc, doc.get(*balancer, "ContainerName")),
            int(doc.get(*balancer, "ContainerPort")),
        ) else {
            continue;
        };
        let Some(group) = doc.get(*balancer, "TargetGroupArn").and_then(|t| {
            target_of_type(
                doc,
                ctx.template,
                t,
                "AWS::ElasticLoadBalancingV2::TargetGroup",
            )
        }) else {
            continue;
        };
        let dynamic = containers(ctx, task).into_iter().any(|c| {
            literal(doc, doc.get(c, "Name")) == Some(name)
                && doc
                    .get(c, "PortMappings")
                    .and_then(|m| doc.sequence(m))
                    .unwrap_or(&[])
                    .iter()
                    .any(|m| {
                        int(doc.get(*m, "ContainerPort")) == Some(port)
                            && int(doc.get(*m, "HostPort")) == Some(0)
                    })
        });
        if !dynamic {
            continue;
        }
        let Some(health) = group
            .properties
            .and_then(|p| doc.entry(p, "HealthCheckPort"))
        else {
            continue;
        };
        let Some(text) = literal(doc, Some(health.value)) else {
            continue;
        };
        if text != "traffic-port" {
            out.push(Finding::new(
                Rule::EcsDynamicPortHealthCheck,
                health.key.span,
                format!(
                    "the service `{}` registers container `{name}` on a dynamic host port (`HostPort: 0`): health checks on port `{text}` miss it; use `traffic-port`",
                    service.decl.name
                ),
            ));
        }
    }
    out
}
