//! ECS task definitions (essential containers, Fargate requirements and
//! sizes, awslogs options, host ports) and services (daemon scheduling).

use awsls_grammars::NodeId;

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const ECS_NO_ESSENTIAL_CONTAINER: RuleDef = RuleDef {
        code: "ecs-no-essential-container",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3042"],
        fix: false,
        summary: "A task definition whose containers are all `Essential: false`",
        explanation: "A task runs as long as its essential containers do, and ECS requires at least one (`Essential` is true unless set to false). It rejects a task definition whose containers all have `Essential: false`, and the stack fails when it registers it.",
        example: "one container with `Essential: false` and no other",
    };

    pub const ECS_FARGATE_SETTINGS: RuleDef = RuleDef {
        code: "ecs-fargate-settings",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3048"],
        fix: false,
        summary: "A Fargate task definition without `NetworkMode: awsvpc`, `Cpu` or `Memory`",
        explanation: "A task definition that requires Fargate compatibility (`RequiresCompatibilities: [FARGATE]`) must use the `awsvpc` network mode (the default is `bridge`) and declare the task's `Cpu` and `Memory`, from which Fargate sizes the task. ECS rejects it otherwise, and the stack fails when it registers the task definition.",
        example: "`RequiresCompatibilities: [FARGATE]` with no `NetworkMode`",
    };

    pub const ECS_FARGATE_CPU_MEMORY: RuleDef = RuleDef {
        code: "ecs-fargate-cpu-memory",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3047"],
        fix: false,
        summary: "A Fargate task size whose `Cpu` and `Memory` are not a supported combination",
        explanation: "Fargate runs tasks in fixed sizes: each CPU value (256, 512, 1024, 2048, 4096, 8192 or 16384 units, or `.25 vCPU` to `16 vCPU`) takes memory only within its range and steps (256 CPU: 512, 1024 or 2048 MiB; 1024 CPU: 2 GB to 8 GB by 1 GB; ...). ECS rejects other combinations, and the stack fails when it registers the task definition.",
        example: "`Cpu: '256'` with `Memory: '4096'`",
    };

    pub const ECS_AWSLOGS_OPTIONS: RuleDef = RuleDef {
        code: "ecs-awslogs-options",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3046"],
        fix: false,
        summary: "The `awslogs` log driver without the `awslogs-group` and `awslogs-region` options",
        explanation: "The `awslogs` log driver sends a container's output to CloudWatch Logs and needs to know where: the log group (`awslogs-group`) and its Region (`awslogs-region`) are required options. Without them the container's logging is rejected and its tasks cannot start.",
        example: "`LogConfiguration: {LogDriver: awslogs, Options: {awslogs-stream-prefix: app}}`",
    };

    pub const ECS_HOST_PORT: RuleDef = RuleDef {
        code: "ecs-host-port",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3053"],
        fix: false,
        summary: "A `HostPort` other than its `ContainerPort` in the `awsvpc` or `host` network mode",
        explanation: "In the `awsvpc` and `host` network modes a container's ports are the ports of the task's network interface or of the host: `HostPort` can be left out or set to the same value as `ContainerPort`, nothing else. ECS rejects the task definition otherwise and the stack fails when it registers it.",
        example: "`NetworkMode: awsvpc` with `PortMappings: [{ContainerPort: 80, HostPort: 8080}]`",
    };

    pub const ECS_DAEMON_SCHEDULING: RuleDef = RuleDef {
        code: "ecs-daemon-scheduling",
        family: Family::CloudFormation,
        group: "ECS",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3044"],
        fix: false,
        summary: "A service scheduled as a daemon on Fargate or with a CodeDeploy or external deployment controller",
        explanation: "The `DAEMON` scheduling strategy places one task on each container instance of the cluster. Fargate has no container instances, and the `CODE_DEPLOY` and `EXTERNAL` deployment controllers only deploy replica services: ECS rejects the service, and the stack fails when it creates it. Use `SchedulingStrategy: REPLICA`.",
        example: "`LaunchType: FARGATE` with `SchedulingStrategy: DAEMON`",
    };
}

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: &["AWS::ECS::TaskDefinition"],
        check: task_definition,
    },
    ResourceRule {
        types: &["AWS::ECS::Service"],
        check: service,
    },
];

/// The containers of the task definition, when every item is a mapping.
fn containers<'a>(ctx: &ResourceCtx<'a>) -> Option<&'a [NodeId]> {
    let items = ctx.doc.sequence(ctx.property("ContainerDefinitions")?)?;
    items
        .iter()
        .all(|c| ctx.doc.mapping(*c).is_some())
        .then_some(items)
}

fn task_definition(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let containers = containers(ctx);
    if let Some(containers) = containers {
        essential(ctx, containers, findings);
        for container in containers {
            awslogs(ctx, *container, findings);
        }
    }
    let fargate = requires_fargate(ctx);
    if fargate {
        fargate_settings(ctx, findings);
    }
    let mode = match ctx.property("NetworkMode") {
        None if fargate => None,
        None => Some("bridge"),
        node => ctx.literal(node),
    };
    if let (Some(mode @ ("awsvpc" | "host")), Some(containers)) = (mode, containers) {
        for container in containers {
            host_ports(ctx, mode, *container, findings);
        }
    }
}

fn is_false(ctx: &ResourceCtx, node: Option<NodeId>) -> bool {
    ctx.literal(node)
        .is_some_and(|t| t.eq_ignore_ascii_case("false"))
}

fn essential(ctx: &ResourceCtx, containers: &[NodeId], findings: &mut Vec<Finding>) {
    if containers.is_empty()
        || !containers
            .iter()
            .all(|c| is_false(ctx, ctx.doc.get(*c, "Essential")))
    {
        return;
    }
    if let Some(span) = ctx.key_span(ctx.properties, "ContainerDefinitions") {
        findings.push(Finding::new(
            Rule::EcsNoEssentialContainer,
            span,
            "every container has `Essential: false`: a task definition needs at least one essential container",
        ));
    }
}

/// Whether `RequiresCompatibilities` lists `FARGATE`.
fn requires_fargate(ctx: &ResourceCtx) -> bool {
    ctx.property("RequiresCompatibilities")
        .and_then(|l| ctx.doc.sequence(l))
        .is_some_and(|items| {
            items
                .iter()
                .any(|i| ctx.literal(Some(*i)) == Some("FARGATE"))
        })
}

fn fargate_settings(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let at = ctx
        .key_span(ctx.properties, "RequiresCompatibilities")
        .unwrap_or_else(|| ctx.anchor());
    for name in ["NetworkMode", "Cpu", "Memory"] {
        if ctx.property(name).is_none() {
            findings.push(Finding::new(
                Rule::EcsFargateSettings,
                at,
                match name {
                    "NetworkMode" => "a Fargate task definition needs `NetworkMode: awsvpc` (the default is `bridge`)".to_string(),
                    _ => format!("a Fargate task definition needs the task's `{name}`"),
                },
            ));
        }
    }
    if let Some(mode) = ctx.property("NetworkMode") {
        for value in ctx.values(mode) {
            if let Value::Literal { text, span, .. } = value {
                if text != "awsvpc" {
                    findings.push(
                        Finding::new(
                            Rule::EcsFargateSettings,
                            span,
                            format!("Fargate tasks use the `awsvpc` network mode, not `{text}`"),
                        )
                        .with_related(at, "Fargate"),
                    );
                }
            }
        }
    }
    let cpu = ctx.literal(ctx.property("Cpu"));
    let memory = ctx.literal(ctx.property("Memory"));
    let (Some(cpu_text), Some(memory_text)) = (cpu, memory) else {
        return;
    };
    let (Some(cpu), Some(memory)) = (cpu_units(cpu_text), memory_mib(memory_text)) else {
        return;
    };
    if fargate_accepts(cpu, memory) == Some(false) {
        // Settings that do not go together are reported on the resource,
        // pointing at each.
        let mut finding = Finding::new(
            Rule::EcsFargateCpuMemory,
            ctx.anchor(),
            format!(
                "Fargate has no task size with CPU `{cpu_text}` and memory `{memory_text}`: {}",
                memory_range(cpu).unwrap_or_default()
            ),
        );
        for (name, what) in [("Cpu", "the CPU"), ("Memory", "the memory")] {
            if let Some(node) = ctx.property(name) {
                finding = finding.with_related(ctx.doc.node(node).span, what);
            }
        }
        findings.push(finding);
    }
}

/// CPU units from `1024` or `1 vCPU`.
fn cpu_units(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Ok(units) = text.parse::<u32>() {
        return Some(units);
    }
    let lower = text.to_ascii_lowercase();
    let vcpu: f64 = lower.strip_suffix("vcpu")?.trim().parse().ok()?;
    whole(vcpu * 1024.0)
}

/// MiB from `2048`, `2 GB` or `2GB`.
fn memory_mib(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Ok(mib) = text.parse::<u32>() {
        return Some(mib);
    }
    let lower = text.to_ascii_lowercase();
    let gb: f64 = lower.strip_suffix("gb")?.trim().parse().ok()?;
    whole(gb * 1024.0)
}

fn whole(value: f64) -> Option<u32> {
    (value.fract() == 0.0 && value > 0.0 && value <= f64::from(u32::MAX)).then_some(value as u32)
}

/// The memory Fargate accepts for a CPU size (MiB): first, last, step.
fn memory_steps(cpu: u32) -> Option<(u32, u32, u32)> {
    match cpu {
        256 => Some((512, 2048, 512)),
        512 => Some((1024, 4096, 1024)),
        1024 => Some((2048, 8192, 1024)),
        2048 => Some((4096, 16384, 1024)),
        4096 => Some((8192, 30720, 1024)),
        8192 => Some((16384, 61440, 4096)),
        16384 => Some((32768, 122880, 8192)),
        _ => None,
    }
}

/// Whether Fargate has a task size with `cpu` units and `memory` MiB
/// (`None` for CPU values it does not list, which are left unjudged).
fn fargate_accepts(cpu: u32, memory: u32) -> Option<bool> {
    let (first, last, step) = memory_steps(cpu)?;
    // 256 CPU takes 512, 1024 and 2048 MiB (not 1536).
    let ok = if cpu == 256 {
        [512, 1024, 2048].contains(&memory)
    } else {
        (first..=last).contains(&memory) && (memory - first).is_multiple_of(step)
    };
    Some(ok)
}

/// How the memory of a CPU size is written, for messages.
fn memory_range(cpu: u32) -> Option<String> {
    let (first, last, step) = memory_steps(cpu)?;
    Some(if cpu == 256 {
        "256 CPU units take 512, 1024 or 2048 MiB".to_string()
    } else {
        format!("{cpu} CPU units take {first} to {last} MiB in steps of {step}")
    })
}

fn awslogs(ctx: &ResourceCtx, container: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(logging) = doc.get(container, "LogConfiguration") else {
        return;
    };
    if doc.mapping(logging).is_none() {
        return;
    }
    let Some(driver) = doc.entry(logging, "LogDriver") else {
        return;
    };
    if ctx.literal(Some(driver.value)) != Some("awslogs") {
        return;
    }
    let required = ["awslogs-group", "awslogs-region"];
    let Some(options) = doc.entry(logging, "Options") else {
        findings.push(Finding::new(
            Rule::EcsAwslogsOptions,
            driver.key.span,
            "the `awslogs` log driver needs `Options` with `awslogs-group` and `awslogs-region`",
        ));
        return;
    };
    if doc.mapping(options.value).is_none() {
        return;
    }
    let missing: Vec<&str> = required
        .into_iter()
        .filter(|name| doc.get(options.value, name).is_none())
        .collect();
    if !missing.is_empty() {
        findings.push(Finding::new(
            Rule::EcsAwslogsOptions,
            options.key.span,
            format!(
                "the `awslogs` log driver needs the option{} `{}`",
                if missing.len() > 1 { "s" } else { "" },
                missing.join("` and `")
            ),
        ));
    }
}

fn host_ports(ctx: &ResourceCtx, mode: &str, container: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let mappings = doc
        .get(container, "PortMappings")
        .and_then(|l| doc.sequence(l))
        .unwrap_or(&[]);
    for mapping in mappings {
        if doc.mapping(*mapping).is_none() {
            continue;
        }
        let port = |name| {
            ctx.literal(doc.get(*mapping, name))
                .and_then(|t| t.trim().parse::<i64>().ok())
        };
        let (Some(container_port), Some(host_port)) = (port("ContainerPort"), port("HostPort"))
        else {
            continue;
        };
        if container_port != host_port {
            let span = doc
                .get(*mapping, "HostPort")
                .map(|n| doc.node(n).span)
                .unwrap_or_else(|| ctx.anchor());
            findings.push(Finding::new(
                Rule::EcsHostPort,
                span,
                format!("in the `{mode}` network mode `HostPort` must be left out or equal `ContainerPort` ({container_port}), not {host_port}"),
            ));
        }
    }
}

fn service(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(strategy) = ctx.property("SchedulingStrategy") else {
        return;
    };
    if ctx.literal(Some(strategy)) != Some("DAEMON") {
        return;
    }
    let launch = ctx.literal(ctx.property("LaunchType"));
    let controller = ctx.literal(
        ctx.property("DeploymentController")
            .and_then(|c| ctx.doc.get(c, "Type")),
    );
    let reason = if launch == Some("FARGATE") {
        "Fargate has no container instances to run a daemon on (`LaunchType: FARGATE`)"
    } else if let Some(controller @ ("CODE_DEPLOY" | "EXTERNAL")) = controller {
        if controller == "CODE_DEPLOY" {
            "the `CODE_DEPLOY` deployment controller deploys replica services only"
        } else {
            "the `EXTERNAL` deployment controller deploys replica services only"
        }
    } else {
        return;
    };
    findings.push(Finding::new(
        Rule::EcsDaemonScheduling,
        ctx.doc.node(strategy).span,
        format!("`SchedulingStrategy` must be `REPLICA` here: {reason}"),
    ));
}

#[cfg(test)]
mod tests {
    use super::{cpu_units, fargate_accepts, memory_mib};

    #[test]
    fn sizes_are_read_in_units_or_with_their_unit() {
        assert_eq!(cpu_units("1024"), Some(1024));
        assert_eq!(cpu_units("1 vCPU"), Some(1024));
        assert_eq!(cpu_units(".25 vCPU"), Some(256));
        assert_eq!(cpu_units("0.5vcpu"), Some(512));
        assert_eq!(cpu_units("lots"), None);
        assert_eq!(memory_mib("512"), Some(512));
        assert_eq!(memory_mib("2 GB"), Some(2048));
        assert_eq!(memory_mib("0.5GB"), Some(512));
        assert_eq!(memory_mib("2048MB"), None);
    }

    #[test]
    fn fargate_task_sizes() {
        let ok = [
            (256, 512),
            (256, 2048),
            (512, 4096),
            (1024, 8192),
            (2048, 16384),
            (4096, 9216),
            (4096, 30720),
            (8192, 20480),
            (8192, 61440),
            (16384, 40960),
            (16384, 122880),
        ];
        for (cpu, memory) in ok {
            assert_eq!(fargate_accepts(cpu, memory), Some(true), "{cpu}/{memory}");
        }
        let bad = [
            (256, 1536),
            (256, 3072),
            (512, 512),
            (512, 5120),
            (1024, 1024),
            (1024, 9216),
            (2048, 3072),
            (4096, 31744),
            (8192, 18432),
            (8192, 65536),
            (16384, 36864),
            (16384, 131072),
        ];
        for (cpu, memory) in bad {
            assert_eq!(fargate_accepts(cpu, memory), Some(false), "{cpu}/{memory}");
        }
        // CPU values outside the table are not judged.
        assert_eq!(fargate_accepts(128, 512), None);
        assert_eq!(fargate_accepts(32768, 65536), None);
    }
}
