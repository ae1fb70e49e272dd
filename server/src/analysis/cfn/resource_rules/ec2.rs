//! EC2: security group rule ports against their protocol, EBS volumes that
//! need (or ignore) provisioned IOPS, block device virtual names, Elastic IP
//! domains and the primary address of a network interface.

use awsls_grammars::NodeId;

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const EC2_SECURITY_GROUP_PORT_RANGE: RuleDef = RuleDef {
        code: "ec2-security-group-port-range",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3687"],
        fix: false,
        summary: "A TCP, UDP or ICMP security group rule without both ports, or a TCP/UDP range that ends before it starts",
        explanation: "For TCP and UDP (`tcp`, `udp`, `6`, `17`) a security group rule opens the ports from `FromPort` to `ToPort`, and for ICMP (`icmp`, `icmpv6`, `1`, `58`) they are the ICMP type and code: EC2 needs both, and a TCP or UDP range whose end is below its start. It rejects the rule and the stack fails when it creates the security group or the rule.",
        example: "`IpProtocol: tcp` with `FromPort: 443` and no `ToPort`",
    };

    pub const EC2_SECURITY_GROUP_ALL_PORTS: RuleDef = RuleDef {
        code: "ec2-security-group-all-ports",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3688"],
        fix: false,
        summary: "A security group rule with `-1` (all) as only one end of its ports",
        explanation: "`-1` means all ports (for ICMP, all types or all codes). For TCP and UDP it cannot be one end of a range, and for ICMP all types (`FromPort: -1`) takes all codes (`ToPort: -1`): EC2 rejects the rule otherwise and the stack fails when it creates it.",
        example: "`IpProtocol: icmp` with `FromPort: -1` and `ToPort: 0`",
    };

    pub const EC2_VOLUME_IOPS_REQUIRED: RuleDef = RuleDef {
        code: "ec2-volume-iops-required",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3671"],
        fix: false,
        summary: "A Provisioned IOPS volume (`io1`, `io2`) without `Iops`",
        explanation: "Provisioned IOPS SSD volumes (`VolumeType: io1` or `io2`) are created with the IOPS rate given in `Iops`, which has no default for them: EC2 rejects the volume, and the instance, launch template use or volume fails to create.",
        example: "`Ebs: {VolumeType: io1, VolumeSize: 100}` in `BlockDeviceMappings`",
    };

    pub const EC2_PRIMARY_PRIVATE_IP: RuleDef = RuleDef {
        code: "ec2-primary-private-ip",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3674"],
        fix: false,
        summary: "A network interface with `PrivateIpAddress` and another address marked `Primary` in `PrivateIpAddresses`",
        explanation: "`PrivateIpAddress` is the primary private address of the network interface; when it is set, no address of `PrivateIpAddresses` may be marked `Primary: true` (an interface has one primary address). EC2 rejects the interface and the stack fails when it creates it.",
        example: "`PrivateIpAddress: 10.0.0.10` with `PrivateIpAddresses: [{PrivateIpAddress: 10.0.0.11, Primary: true}]`",
    };

    pub const EC2_SECURITY_GROUP_PORTS_IGNORED: RuleDef = RuleDef {
        code: "ec2-security-group-ports-ignored",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3687"],
        fix: false,
        summary: "`FromPort` or `ToPort` on a security group rule whose protocol has no ports",
        explanation: "Ports belong to TCP and UDP (and ICMP types and codes): for every other protocol, including `-1` (all traffic), EC2 ignores `FromPort` and `ToPort` and the rule applies to all traffic of the protocol, whatever ports the template names.",
        example: "`IpProtocol: -1` with `FromPort: 443` and `ToPort: 443`",
    };

    pub const EC2_IOPS_IGNORED: RuleDef = RuleDef {
        code: "ec2-iops-ignored",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3671"],
        fix: false,
        summary: "`Iops` on a block device whose volume type has no provisioned IOPS",
        explanation: "Only `io1`, `io2` and `gp3` volumes take a provisioned IOPS rate: for `gp2`, `st1`, `sc1` and `standard` volumes of a block device mapping the `Iops` setting is not applied, so the volume performs differently than the template suggests.",
        example: "`Ebs: {VolumeType: gp2, Iops: 3000}`",
    };

    pub const EC2_VIRTUAL_NAME: RuleDef = RuleDef {
        code: "ec2-virtual-name",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: Some("warning for a `VirtualName` beside `Ebs`, which ignores it"),
        cfn_lint: &["E3715", "W3698"],
        fix: false,
        summary: "A block device `VirtualName` that is not an instance store name, or one set beside `Ebs`",
        explanation: "`VirtualName` maps an instance store volume, named `ephemeral0` to `ephemeral23`: EC2 rejects any other name and the instance or launch template fails. A mapping with `Ebs` describes an EBS volume, and its `VirtualName` is not used.",
        example: "`BlockDeviceMappings: [{DeviceName: /dev/sdb, VirtualName: scratch}]`",
    };

    pub const EC2_EIP_DOMAIN: RuleDef = RuleDef {
        code: "ec2-eip-domain",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3700"],
        fix: false,
        summary: "An Elastic IP `Domain` other than `vpc` or `standard`",
        explanation: "EC2 reads any `Domain` other than `standard` as `vpc` without saying so: a misspelled value is not an error but still allocates a VPC address, which may not be what the template meant.",
        example: "`Domain: vcp` in an `AWS::EC2::EIP`",
    };
}

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: &["AWS::EC2::SecurityGroup"],
        check: security_group,
    },
    ResourceRule {
        types: &[
            "AWS::EC2::SecurityGroupIngress",
            "AWS::EC2::SecurityGroupEgress",
        ],
        check: security_group_rule,
    },
    ResourceRule {
        types: &["AWS::EC2::Instance"],
        check: instance,
    },
    ResourceRule {
        types: &["AWS::EC2::LaunchTemplate"],
        check: launch_template,
    },
    ResourceRule {
        types: &["AWS::EC2::Volume"],
        check: volume,
    },
    ResourceRule {
        types: &["AWS::EC2::NetworkInterface"],
        check: network_interface,
    },
    ResourceRule {
        types: &["AWS::EC2::EIP"],
        check: eip,
    },
];

fn security_group(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    for list in ["SecurityGroupIngress", "SecurityGroupEgress"] {
        let items = ctx
            .property(list)
            .and_then(|l| ctx.doc.sequence(l))
            .unwrap_or(&[]);
        for item in items {
            if ctx.doc.mapping(*item).is_some() {
                check_ports(ctx, *item, findings);
            }
        }
    }
}

fn security_group_rule(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    check_ports(ctx, ctx.properties, findings);
}

/// What the ports of a protocol mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ports {
    /// TCP or UDP: a range of ports.
    Range,
    /// ICMP or ICMPv6: a type and a code.
    Icmp,
}

/// How `FromPort` and `ToPort` are read for an `IpProtocol` (`None` for
/// protocols without ports, such as `-1`, and for unknown ones).
fn ports_of(protocol: &str) -> Option<Ports> {
    match protocol {
        "tcp" | "udp" | "6" | "17" => Some(Ports::Range),
        "icmp" | "icmpv6" | "1" | "58" => Some(Ports::Icmp),
        _ => None,
    }
}

/// Whether `name` is written in `rule` and kept in some branch.
fn written(ctx: &ResourceCtx, rule: NodeId, name: &str) -> bool {
    ctx.doc.get(rule, name).is_some_and(|node| {
        ctx.values(node)
            .iter()
            .any(|v| !matches!(v, Value::Removed { .. }))
    })
}

/// What is wrong with the ports of a rule, by rule: the literal ports as
/// written (`None` when absent or computed).
fn judge_ports(ports: Ports, from: Option<i64>, to: Option<i64>) -> Option<(Rule, &'static str)> {
    let (from, to) = (from?, to?);
    match ports {
        Ports::Range if (from == -1) != (to == -1) => Some((
            Rule::Ec2SecurityGroupAllPorts,
            "`-1` (all ports) cannot be one end of a TCP or UDP port range: set both `FromPort` and `ToPort` to -1, or give a range",
        )),
        Ports::Range if from > to => Some((
            Rule::Ec2SecurityGroupPortRange,
            "the port range ends before it starts: `FromPort` must not be greater than `ToPort`",
        )),
        Ports::Icmp if from == -1 && to != -1 => Some((
            Rule::Ec2SecurityGroupAllPorts,
            "all ICMP types (`FromPort: -1`) take all ICMP codes: `ToPort` must be -1 too",
        )),
        _ => None,
    }
}

/// Checks the ports of one security group rule.
fn check_ports(ctx: &ResourceCtx, rule: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(protocol) = ctx.literal(doc.get(rule, "IpProtocol")) else {
        return;
    };
    let Some(ports) = ports_of(protocol) else {
        ports_ignored(ctx, rule, protocol, findings);
        return;
    };
    let missing: Vec<&str> = ["FromPort", "ToPort"]
        .into_iter()
        .filter(|name| !written(ctx, rule, name))
        .collect();
    if !missing.is_empty() {
        let span = doc
            .entry(rule, "IpProtocol")
            .map(|e| e.key.span)
            .unwrap_or_else(|| ctx.anchor());
        let what = match ports {
            Ports::Range => "the first and last port of the range",
            Ports::Icmp => "the ICMP type and code, or -1 for all",
        };
        findings.push(Finding::new(
            Rule::Ec2SecurityGroupPortRange,
            span,
            format!(
                "a rule for protocol `{protocol}` needs both `FromPort` and `ToPort` ({what}); {} missing",
                if missing.len() == 2 { "both are" } else if missing[0] == "FromPort" { "`FromPort` is" } else { "`ToPort` is" }
            ),
        ));
        return;
    }
    let port = |name| ctx.literal(doc.get(rule, name)).and_then(int_of);
    if let Some((which, message)) = judge_ports(ports, port("FromPort"), port("ToPort")) {
        let span = doc
            .get(rule, "FromPort")
            .map(|n| doc.node(n).span)
            .unwrap_or_else(|| ctx.anchor());
        findings.push(Finding::new(which, span, message));
    }
}

fn int_of(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

fn instance(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    block_device_mappings(ctx, ctx.property("BlockDeviceMappings"), findings);
}

fn launch_template(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let mappings = ctx
        .property("LaunchTemplateData")
        .and_then(|data| ctx.doc.get(data, "BlockDeviceMappings"));
    block_device_mappings(ctx, mappings, findings);
}

fn volume(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    check_iops(ctx, ctx.properties, findings);
}

fn block_device_mappings(ctx: &ResourceCtx, list: Option<NodeId>, findings: &mut Vec<Finding>) {
    let items = list.and_then(|l| ctx.doc.sequence(l)).unwrap_or(&[]);
    for item in items {
        if ctx.doc.mapping(*item).is_none() {
            continue;
        }
        virtual_name(ctx, *item, findings);
        if let Some(ebs) = ctx.doc.get(*item, "Ebs") {
            if ctx.doc.mapping(ebs).is_some() {
                check_iops(ctx, ebs, findings);
                iops_ignored(ctx, ebs, findings);
            }
        }
    }
}

/// A volume (or the `Ebs` of a block device mapping) of type `io1` or
/// `io2` needs `Iops`.
fn check_iops(ctx: &ResourceCtx, volume: NodeId, findings: &mut Vec<Finding>) {
    let Some(volume_type) = ctx.doc.entry(volume, "VolumeType") else {
        return;
    };
    let types = ctx.values(volume_type.value);
    let is_provisioned = |v: &Value| matches!(v.text(), Some("io1" | "io2"));
    let Some(provisioned) = types.iter().find(|v| is_provisioned(v)) else {
        return;
    };
    let missing = match ctx.doc.get(volume, "Iops") {
        None => true,
        // Removed in some branch: an error only when every branch of the
        // type needs it (the two may follow the same condition).
        Some(iops) => {
            types.iter().all(is_provisioned)
                && ctx
                    .values(iops)
                    .iter()
                    .any(|v| matches!(v, Value::Removed { .. }))
        }
    };
    if missing {
        let name = provisioned.text().unwrap_or("io1");
        findings.push(Finding::new(
            Rule::Ec2VolumeIopsRequired,
            volume_type.key.span,
            format!("an `{name}` volume needs `Iops`, its provisioned IOPS rate"),
        ));
    }
}

/// Ports of a protocol without ports (anything but TCP, UDP, ICMP and ICMPv6).
fn ports_ignored(ctx: &ResourceCtx, rule: NodeId, protocol: &str, findings: &mut Vec<Finding>) {
    let known = ["tcp", "udp", "icmp", "icmpv6"];
    if known.iter().any(|k| protocol.eq_ignore_ascii_case(k)) {
        return;
    }
    let span = ["FromPort", "ToPort"]
        .into_iter()
        .filter(|name| written(ctx, rule, name))
        .find_map(|name| ctx.key_span(rule, name));
    if let Some(span) = span {
        findings.push(Finding::new(
            Rule::Ec2SecurityGroupPortsIgnored,
            span,
            format!("`FromPort` and `ToPort` are ignored for protocol `{protocol}`: the rule allows all of its traffic"),
        ));
    }
}

/// Volume types without provisioned IOPS.
const NO_PROVISIONED_IOPS: &[&str] = &["gp2", "st1", "sc1", "standard"];

/// `Iops` in the `Ebs` of a block device mapping whose type ignores it.
fn iops_ignored(ctx: &ResourceCtx, ebs: NodeId, findings: &mut Vec<Finding>) {
    let Some(volume_type) = ctx.literal(ctx.doc.get(ebs, "VolumeType")) else {
        return;
    };
    if !NO_PROVISIONED_IOPS.contains(&volume_type) {
        return;
    }
    if let Some(span) = super::props::set_everywhere(ctx, ebs, "Iops") {
        findings.push(Finding::new(
            Rule::Ec2IopsIgnored,
            span,
            format!("`Iops` is not applied to a `{volume_type}` volume: only io1, io2 and gp3 volumes take provisioned IOPS"),
        ));
    }
}

/// Whether `name` is an instance store name, `ephemeral0` to `ephemeral23`.
fn is_ephemeral_name(name: &str) -> bool {
    name.strip_prefix("ephemeral").is_some_and(|n| {
        !n.is_empty()
            && n.len() <= 2
            && n.bytes().all(|b| b.is_ascii_digit())
            && !(n.len() == 2 && n.starts_with('0'))
            && n.parse::<u32>().is_ok_and(|i| i <= 23)
    })
}

/// The `VirtualName` of one block device mapping.
fn virtual_name(ctx: &ResourceCtx, mapping: NodeId, findings: &mut Vec<Finding>) {
    let Some(entry) = ctx.doc.entry(mapping, "VirtualName") else {
        return;
    };
    if ctx.doc.get(mapping, "Ebs").is_some() {
        findings.push(
            Finding::new(
                Rule::Ec2VirtualName,
                entry.key.span,
                "`VirtualName` is ignored in a mapping with `Ebs`: it names instance store volumes only",
            )
            .with_severity(crate::analysis::Severity::Warning),
        );
        return;
    }
    let Some(name) = ctx.literal(Some(entry.value)) else {
        return;
    };
    if !is_ephemeral_name(name) {
        findings.push(Finding::new(
            Rule::Ec2VirtualName,
            entry.key.span,
            format!("`{name}` is not an instance store name: use `ephemeral0` to `ephemeral23`"),
        ));
    }
}

fn eip(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(domain) = ctx.literal(ctx.property("Domain")) else {
        return;
    };
    if domain.eq_ignore_ascii_case("vpc") || domain.eq_ignore_ascii_case("standard") {
        return;
    }
    if let Some(span) = ctx.key_span(ctx.properties, "Domain") {
        findings.push(Finding::new(
            Rule::Ec2EipDomain,
            span,
            format!("`Domain: {domain}` is neither `vpc` nor `standard`; EC2 treats it as `vpc`"),
        ));
    }
}

fn network_interface(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(primary_address) = ctx.doc.entry(ctx.properties, "PrivateIpAddress") else {
        return;
    };
    if ctx
        .values(primary_address.value)
        .iter()
        .any(|v| matches!(v, Value::Removed { .. }))
    {
        return;
    }
    let items = ctx
        .property("PrivateIpAddresses")
        .and_then(|l| ctx.doc.sequence(l))
        .unwrap_or(&[]);
    for item in items {
        if ctx.doc.mapping(*item).is_none() {
            continue;
        }
        let Some(primary) = ctx.doc.entry(*item, "Primary") else {
            continue;
        };
        let is_true = ctx
            .literal(Some(primary.value))
            .is_some_and(|t| t.eq_ignore_ascii_case("true"));
        if is_true {
            findings.push(
                Finding::new(
                    Rule::Ec2PrimaryPrivateIp,
                    primary.key.span,
                    "`Primary` cannot be true when the interface's `PrivateIpAddress` is set: that address is the primary one",
                )
                .with_related(primary_address.key.span, "the primary address"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{judge_ports, ports_of, Ports};
    use crate::analysis::rules::Rule;

    fn rule(protocol: &str, from: i64, to: i64) -> Option<Rule> {
        judge_ports(ports_of(protocol)?, Some(from), Some(to)).map(|(r, _)| r)
    }

    #[test]
    fn instance_store_names() {
        assert!(super::is_ephemeral_name("ephemeral0"));
        assert!(super::is_ephemeral_name("ephemeral23"));
        assert!(!super::is_ephemeral_name("ephemeral24"));
        assert!(!super::is_ephemeral_name("ephemeral01"));
        assert!(!super::is_ephemeral_name("ephemeralX"));
        assert!(!super::is_ephemeral_name("ephemeral"));
    }

    #[test]
    fn ports_are_judged_by_protocol() {
        assert_eq!(rule("tcp", 80, 80), None);
        assert_eq!(rule("tcp", 0, 65535), None);
        assert_eq!(rule("tcp", -1, -1), None);
        assert_eq!(rule("6", 443, 80), Some(Rule::Ec2SecurityGroupPortRange));
        assert_eq!(rule("udp", -1, 53), Some(Rule::Ec2SecurityGroupAllPorts));
        assert_eq!(rule("tcp", 80, -1), Some(Rule::Ec2SecurityGroupAllPorts));
        assert_eq!(rule("icmp", -1, -1), None);
        assert_eq!(rule("icmp", 8, -1), None);
        assert_eq!(rule("icmp", 8, 0), None);
        // ICMP type and code are not a range.
        assert_eq!(rule("icmp", 8, 3), None);
        assert_eq!(rule("58", -1, 3), Some(Rule::Ec2SecurityGroupAllPorts));
        // No ports: -1 (all protocols), other protocol numbers, other spellings.
        assert_eq!(rule("-1", 22, 10), None);
        assert_eq!(rule("50", 5, 3), None);
        assert_eq!(ports_of("TCP"), None);
        assert_eq!(ports_of("17"), Some(Ports::Range));
    }
}
