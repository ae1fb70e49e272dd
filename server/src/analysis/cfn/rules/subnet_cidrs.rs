//! Subnet CIDR blocks against their VPC's: a subnet must lie inside one of
//! the VPC's blocks, and two subnets of one VPC must not overlap. Only blocks
//! written as literals are compared.

use std::net::Ipv4Addr;

use awsls_grammars::{NodeId, Span};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const SUBNET_OUTSIDE_VPC: RuleDef = RuleDef {
        code: "subnet-outside-vpc",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3059"],
        fix: false,
        summary: "A subnet whose CIDR block is not inside its VPC's",
        explanation: "A subnet's block must be part of one of its VPC's blocks: EC2 rejects the subnet (`InvalidSubnet.Range`) and the stack fails when it creates it.",
        example: "VPC `10.0.0.0/16` with a subnet `10.1.0.0/24`",
    };

    pub const OVERLAPPING_SUBNETS: RuleDef = RuleDef {
        code: "overlapping-subnets",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3060"],
        fix: false,
        summary: "Two subnets of one VPC whose CIDR blocks overlap",
        explanation: "Subnets of a VPC cannot share addresses: EC2 rejects the second subnet (`InvalidSubnet.Conflict`) and the stack fails midway.",
        example: "`10.0.0.0/24` and `10.0.0.0/23` in the same VPC",
    };
}

/// An IPv4 block: its network address and prefix length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Block {
    address: u32,
    prefix: u8,
}

impl Block {
    fn parse(text: &str) -> Option<Block> {
        let (address, prefix) = text.trim().split_once('/')?;
        let address = u32::from(address.parse::<Ipv4Addr>().ok()?);
        let prefix = prefix.parse::<u8>().ok().filter(|p| *p <= 32)?;
        Some(Block { address, prefix })
    }

    fn mask(prefix: u8) -> u32 {
        if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - prefix)
        }
    }

    fn contains(self, other: Block) -> bool {
        self.prefix <= other.prefix
            && other.address & Block::mask(self.prefix) == self.address & Block::mask(self.prefix)
    }

    fn overlaps(self, other: Block) -> bool {
        let prefix = self.prefix.min(other.prefix);
        self.address & Block::mask(prefix) == other.address & Block::mask(prefix)
    }
}

struct Subnet<'a> {
    vpc: &'a str,
    block: Block,
    text: &'a str,
    span: Span,
    condition: Option<&'a str>,
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    // A macro may rewrite the template: what is written is not what is deployed.
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    let literal = |node: Option<NodeId>| node.and_then(|n| doc.str_value(n));
    let vpc_of = |node: Option<NodeId>| {
        let intrinsic = doc.intrinsic(node?)?;
        (intrinsic.function == "Ref").then(|| doc.str_value(intrinsic.argument))?
    };
    // The literal blocks of each VPC; `None` when one of them is computed.
    let mut vpcs: std::collections::HashMap<&str, Option<Vec<Block>>> = Default::default();
    let mut subnets = Vec::new();
    for resource in &ctx.template.resources {
        let properties = resource.properties;
        let get = |key: &str| properties.and_then(|p| doc.get(p, key));
        match resource.type_name.as_deref() {
            Some("AWS::EC2::VPC") => {
                let block = literal(get("CidrBlock")).and_then(Block::parse);
                vpcs.entry(resource.decl.name.as_str())
                    .and_modify(|blocks| {
                        if let (Some(list), Some(block)) = (blocks.as_mut(), block) {
                            list.push(block);
                        }
                    })
                    .or_insert(block.map(|b| vec![b]));
            }
            Some("AWS::EC2::VPCCidrBlock") => {
                let Some(vpc) = vpc_of(get("VpcId")) else {
                    continue;
                };
                let block = literal(get("CidrBlock")).and_then(Block::parse);
                let entry = vpcs.entry(vpc).or_insert(Some(Vec::new()));
                match (entry.as_mut(), block) {
                    (Some(list), Some(block)) => list.push(block),
                    // IPv6 or computed blocks: containment cannot be judged.
                    _ if get("CidrBlock").is_some() => *entry = None,
                    _ => {}
                }
            }
            Some("AWS::EC2::Subnet") => {
                let (Some(vpc), Some(node)) = (vpc_of(get("VpcId")), get("CidrBlock")) else {
                    continue;
                };
                let (Some(text), Some(block)) = (
                    literal(Some(node)),
                    literal(Some(node)).and_then(Block::parse),
                ) else {
                    continue;
                };
                let condition = doc
                    .get(resource.decl.node, "Condition")
                    .and_then(|c| doc.str_value(c));
                subnets.push(Subnet {
                    vpc,
                    block,
                    text,
                    span: ctx.span(node),
                    condition,
                });
            }
            _ => {}
        }
    }
    for (i, subnet) in subnets.iter().enumerate() {
        if let Some(Some(blocks)) = vpcs.get(subnet.vpc) {
            if !blocks.is_empty() && !blocks.iter().any(|b| b.contains(subnet.block)) {
                findings.push(finding(
                    Rule::SubnetOutsideVpc,
                    subnet.span,
                    format!(
                        "`{}` is not inside a CIDR block of VPC `{}`",
                        subnet.text, subnet.vpc
                    ),
                ));
            }
        }
        for earlier in &subnets[..i] {
            // Subnets under different conditions may never exist together.
            let together = earlier.condition.is_none()
                || subnet.condition.is_none()
                || earlier.condition == subnet.condition;
            if earlier.vpc == subnet.vpc && together && earlier.block.overlaps(subnet.block) {
                findings.push(
                    finding(
                        Rule::OverlappingSubnets,
                        subnet.span,
                        format!(
                            "`{}` overlaps `{}`, another subnet of VPC `{}`",
                            subnet.text, earlier.text, subnet.vpc
                        ),
                    )
                    .with_related(earlier.span, "the other subnet"),
                );
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Block;

    #[test]
    fn blocks_contain_and_overlap() {
        let vpc = Block::parse("10.0.0.0/16").unwrap_or(Block {
            address: 0,
            prefix: 33,
        });
        let inside = Block::parse("10.0.3.0/24").unwrap_or(vpc);
        let outside = Block::parse("10.1.0.0/24").unwrap_or(vpc);
        assert!(vpc.contains(inside));
        assert!(!vpc.contains(outside));
        let a = Block::parse("10.0.0.0/24").unwrap_or(vpc);
        let b = Block::parse("10.0.0.0/23").unwrap_or(vpc);
        let c = Block::parse("10.0.2.0/24").unwrap_or(vpc);
        assert!(a.overlaps(b) && b.overlaps(a));
        assert!(!a.overlaps(c));
        assert_eq!(Block::parse("10.0.0.0/33"), None);
    }
}
