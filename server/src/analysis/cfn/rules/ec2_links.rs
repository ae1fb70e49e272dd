//! EC2 resources against the resources they name: the image of an instance
//! launched from a template, the VPCs of a launch template's subnet and
//! security groups, and the private DNS of interface endpoints in one VPC.

use std::collections::HashMap;

use awsls_grammars::{NodeId, Span};

use crate::analysis::cfn::template::Resource;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::resource_links::{absent, anchor, literal, property, target, target_of_type};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const EC2_IMAGE_ID_REQUIRED: RuleDef = RuleDef {
        code: "ec2-image-id-required",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3673"],
        fix: false,
        summary: "An EC2 instance with no `ImageId`, either its own or from its launch template",
        explanation: "An instance boots from an AMI: EC2 needs `ImageId` on the instance or in the launch template it is launched from, and rejects the instance otherwise. Launch templates declared in the same template are followed; one named by ID or name from elsewhere is trusted to have an image.",
        example: "an `AWS::EC2::Instance` with `InstanceType: t3.micro` and no `ImageId` or `LaunchTemplate`",
    };

    pub const EC2_LAUNCH_TEMPLATE_VPC_MISMATCH: RuleDef = RuleDef {
        code: "ec2-launch-template-vpc-mismatch",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3714"],
        fix: false,
        summary: "A launch template network interface whose security groups are in another VPC than its subnet",
        explanation: "The security groups of a network interface must belong to the VPC of its subnet: EC2 rejects instances launched from a launch template that pairs the subnet of a network interface with a security group of another VPC (in `SecurityGroupIds` or the interface's `Groups`). Only subnets and security groups declared in the template, with their `VpcId`, are compared.",
        example: "`SecurityGroupIds: [!Ref GroupInVpcB]` with `NetworkInterfaces: [{SubnetId: !Ref SubnetInVpcA}]`",
    };

    pub const VPC_ENDPOINT_PRIVATE_DNS_CONFLICT: RuleDef = RuleDef {
        code: "vpc-endpoint-private-dns-conflict",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3064"],
        fix: false,
        summary: "Two interface endpoints of one service in one VPC with private DNS",
        explanation: "Private DNS makes the service's public name resolve to the endpoint inside the VPC, and only one endpoint per service and VPC can own that name: a second interface endpoint with `PrivateDnsEnabled: true` for the same service and VPC fails to create with a conflicting DNS domain.",
        example: "two `AWS::EC2::VPCEndpoint`s for `com.amazonaws.us-east-1.ssm` in the same VPC, both with `PrivateDnsEnabled: true`",
    };
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    image_ids(ctx, findings);
    launch_template_vpcs(ctx, findings);
    private_dns(ctx, findings);
}

/// The launch template an instance's `LaunchTemplate` names in this template.
fn launch_template<'a>(ctx: &Ctx<'a>, instance: &Resource) -> Option<Option<&'a Resource>> {
    let doc = ctx.doc;
    let spec = property(doc, instance, "LaunchTemplate")?;
    let named = ["LaunchTemplateId", "LaunchTemplateName"]
        .iter()
        .filter_map(|key| doc.get(spec, key))
        .find_map(|node| target_of_type(doc, ctx.template, node, "AWS::EC2::LaunchTemplate"));
    Some(named)
}

fn image_ids(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    for instance in &ctx.template.resources {
        if instance.type_name.as_deref() != Some("AWS::EC2::Instance") {
            continue;
        }
        if instance
            .properties
            .is_some_and(|p| doc.get(p, "ImageId").is_some())
        {
            continue;
        }
        let message = match launch_template(ctx, instance) {
            // No launch template: the instance must name its image.
            None => "an instance needs `ImageId` (or a launch template that has one)".to_string(),
            // A launch template from elsewhere: trusted.
            Some(None) => continue,
            Some(Some(template)) => {
                let data = property(doc, template, "LaunchTemplateData");
                if data.is_none_or(|d| doc.mapping(d).is_none() || doc.get(d, "ImageId").is_some())
                {
                    continue;
                }
                format!(
                    "an instance needs `ImageId`: neither it nor its launch template `{}` has one",
                    template.decl.name
                )
            }
        };
        findings.push(finding(
            Rule::Ec2ImageIdRequired,
            anchor(doc, instance),
            message,
        ));
    }
}

/// The VPC a resource's `VpcId` names: a resource of the template or a
/// literal ID.
fn vpc_of(ctx: &Ctx, resource: &Resource) -> Option<String> {
    let doc = ctx.doc;
    let node = property(doc, resource, "VpcId")?;
    if let Some(vpc) = target(doc, ctx.template, node) {
        return Some(format!("resource {}", vpc.decl.name));
    }
    literal(doc, Some(node)).map(|id| format!("id {id}"))
}

fn launch_template_vpcs(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let mut reported: Vec<Span> = Vec::new();
    for template in &ctx.template.resources {
        if template.type_name.as_deref() != Some("AWS::EC2::LaunchTemplate") {
            continue;
        }
        let Some(data) = property(doc, template, "LaunchTemplateData") else {
            continue;
        };
        let interfaces = doc
            .get(data, "NetworkInterfaces")
            .and_then(|n| doc.sequence(n))
            .unwrap_or(&[]);
        let shared = doc
            .get(data, "SecurityGroupIds")
            .and_then(|g| doc.sequence(g))
            .unwrap_or(&[]);
        for interface in interfaces {
            let own = doc
                .get(*interface, "Groups")
                .and_then(|g| doc.sequence(g))
                .unwrap_or(&[]);
            let groups: Vec<NodeId> = shared.iter().chain(own).copied().collect();
            check_interface(ctx, *interface, &groups, &mut reported, findings);
        }
    }
}

/// The security groups of one network interface (its own and the launch
/// template's) against the VPC of its subnet.
fn check_interface(
    ctx: &Ctx,
    interface: NodeId,
    groups: &[NodeId],
    reported: &mut Vec<Span>,
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let Some(subnet) = doc
        .get(interface, "SubnetId")
        .and_then(|n| target_of_type(doc, ctx.template, n, "AWS::EC2::Subnet"))
    else {
        return;
    };
    let Some(subnet_vpc) = vpc_of(ctx, subnet) else {
        return;
    };
    for group in groups {
        let Some(group) = target_of_type(doc, ctx.template, *group, "AWS::EC2::SecurityGroup")
        else {
            continue;
        };
        let Some(group_vpc) = vpc_of(ctx, group) else {
            continue;
        };
        if group_vpc == subnet_vpc {
            continue;
        }
        let Some(entry) = group.properties.and_then(|p| doc.entry(p, "VpcId")) else {
            continue;
        };
        if reported.contains(&entry.key.span) {
            continue;
        }
        reported.push(entry.key.span);
        findings.push(
            finding(
                Rule::Ec2LaunchTemplateVpcMismatch,
                entry.key.span,
                format!(
                    "the security group `{}` is in another VPC than the subnet `{}` a launch template pairs it with",
                    group.decl.name, subnet.decl.name
                ),
            )
            .with_related(subnet.decl.name_span, "the subnet"),
        );
    }
}

fn private_dns(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let mut first: HashMap<(String, String), &str> = HashMap::new();
    for endpoint in &ctx.template.resources {
        if endpoint.type_name.as_deref() != Some("AWS::EC2::VPCEndpoint")
            || doc.get(endpoint.decl.node, "Condition").is_some()
        {
            continue;
        }
        let interface = literal(doc, property(doc, endpoint, "VpcEndpointType"))
            .is_some_and(|t| t == "Interface");
        let dns = literal(doc, property(doc, endpoint, "PrivateDnsEnabled"))
            .is_some_and(|d| d.eq_ignore_ascii_case("true"));
        if !interface || !dns || absent(doc, endpoint, "ServiceName") {
            continue;
        }
        let Some(service) = literal(doc, property(doc, endpoint, "ServiceName")) else {
            continue;
        };
        let Some(vpc) = vpc_of(ctx, endpoint) else {
            continue;
        };
        let key = (vpc, service.to_string());
        match first.get(&key) {
            None => {
                first.insert(key, endpoint.decl.name.as_str());
            }
            Some(earlier) => {
                let mut f = finding(
                    Rule::VpcEndpointPrivateDnsConflict,
                    anchor(doc, endpoint),
                    format!(
                        "`{earlier}` already has private DNS for `{service}` in this VPC: a second interface endpoint with `PrivateDnsEnabled: true` fails to create"
                    ),
                );
                if let Some(earlier) = ctx.template.resource(earlier) {
                    f = f.with_related(earlier.decl.name_span, "the first endpoint");
                }
                findings.push(f);
            }
        }
    }
}
