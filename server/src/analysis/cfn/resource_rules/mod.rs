//! Rules that read one resource alone, dispatched by resource type: a rule for
//! `AWS::Route53::RecordSet` never runs on other resources. One file per
//! service; each declares its rules' definitions (registered in
//! `analysis::rules`) and the [`ResourceRule`]s that check them. They run with
//! the schema checks of the resource (`cfn::resource_checks`), so an edit
//! re-runs only the rules of the resource it touched.

mod acm;
mod alarm_actions;
mod apigateway;
mod autoscaling;
mod backup;
mod cloudfront;
mod cloudwatch;
mod codebuild;
mod codepipeline;
mod dynamodb;
mod ec2;
mod ecs;
mod elasticache;
mod elbv2;
mod engine_versions;
mod events;
mod fsx;
mod guardduty;
mod instance_types;
mod lambda;
mod props;
mod rds;
mod route53;
mod s3;
mod s3_access_control;
mod sns;
mod sqs;
mod ssm;
mod sub_strings;
mod tags;
mod values;

use std::collections::HashMap;
use std::sync::OnceLock;

use awsls_grammars::{Document, NodeId, Span};

use crate::analysis::{Finding, Snapshot};

use super::properties::env::Env;
use super::template::Resource;

/// The values a node may take, for template-level rules.
pub(crate) use values::of as values_of;
pub use values::Value;

/// The definitions of the rules declared here, for the registry.
pub mod defs {
    pub use super::acm::defs::*;
    pub use super::alarm_actions::defs::*;
    pub use super::apigateway::defs::*;
    pub use super::autoscaling::defs::*;
    pub use super::backup::defs::*;
    pub use super::cloudfront::defs::*;
    pub use super::cloudwatch::defs::*;
    pub use super::codebuild::defs::*;
    pub use super::codepipeline::defs::*;
    pub use super::dynamodb::defs::*;
    pub use super::ec2::defs::*;
    pub use super::ecs::defs::*;
    pub use super::elasticache::defs::*;
    pub use super::elbv2::defs::*;
    pub use super::engine_versions::defs::*;
    pub use super::events::defs::*;
    pub use super::fsx::defs::*;
    pub use super::guardduty::defs::*;
    pub use super::instance_types::defs::*;
    pub use super::lambda::defs::*;
    pub use super::rds::defs::*;
    pub use super::route53::defs::*;
    pub use super::s3::defs::*;
    pub use super::s3_access_control::defs::*;
    pub use super::sns::defs::*;
    pub use super::sqs::defs::*;
    pub use super::ssm::defs::*;
    pub use super::tags::defs::*;
}

/// A check of the resources of some types.
pub struct ResourceRule {
    /// The resource types it reads (`*`: every type).
    pub types: &'static [&'static str],
    pub check: fn(&ResourceCtx, &mut Vec<Finding>),
}

/// Every resource rule.
const ALL: &[&[ResourceRule]] = &[
    acm::RULES,
    backup::RULES,
    cloudwatch::RULES,
    fsx::RULES,
    guardduty::RULES,
    sns::RULES,
    ssm::RULES,
    apigateway::RULES,
    autoscaling::RULES,
    cloudfront::RULES,
    codebuild::RULES,
    codepipeline::RULES,
    dynamodb::RULES,
    ec2::RULES,
    ecs::RULES,
    elasticache::RULES,
    elbv2::RULES,
    engine_versions::RULES,
    events::RULES,
    instance_types::RULES,
    lambda::RULES,
    rds::RULES,
    route53::RULES,
    s3::RULES,
    s3_access_control::RULES,
    alarm_actions::RULES,
    sub_strings::RULES,
    sqs::RULES,
    tags::RULES,
];

/// The rules of each resource type.
fn by_type() -> &'static HashMap<&'static str, Vec<&'static ResourceRule>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<&'static ResourceRule>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&'static str, Vec<&'static ResourceRule>> = HashMap::new();
        for rule in ALL.iter().flat_map(|rules| rules.iter()) {
            for ty in rule.types {
                table.entry(*ty).or_default().push(rule);
            }
        }
        table
    })
}

/// What a resource rule reads: the document and one resource.
pub struct ResourceCtx<'a> {
    pub snapshot: &'a Snapshot,
    /// The types of the template's parameters and resources.
    pub env: &'a Env<'a>,
    pub doc: &'a Document,
    pub resource: &'a Resource,
    /// The `Properties` mapping.
    pub properties: NodeId,
}

impl<'a> ResourceCtx<'a> {
    /// A property of the resource.
    pub fn property(&self, name: &str) -> Option<NodeId> {
        self.doc.get(self.properties, name)
    }

    /// Where a property's key is written (for findings about its presence).
    pub fn key_span(&self, mapping: NodeId, name: &str) -> Option<Span> {
        self.doc.entry(mapping, name).map(|e| e.key.span)
    }

    /// The values `node` may take: the branches of `Fn::If`, literals as
    /// written, anything else computed.
    pub fn values(&self, node: NodeId) -> Vec<Value<'a>> {
        values::of(self.doc, node)
    }

    /// The literal string value of `node` when it has one in every branch
    /// and all agree; `None` when computed or absent.
    pub fn literal(&self, node: Option<NodeId>) -> Option<&'a str> {
        let node = node?;
        let values = self.values(node);
        let first = values.first()?.text()?;
        values
            .iter()
            .all(|v| v.text() == Some(first))
            .then_some(first)
    }

    /// Where a finding about the resource as a whole (a property missing or
    /// settings that do not go together) is reported: its `Properties` key,
    /// else its logical ID.
    pub fn anchor(&self) -> Span {
        self.resource.anchor(self.doc)
    }
}

/// Runs the rules for the resource's type.
pub fn check(snapshot: &Snapshot, env: &Env<'_>, resource: &Resource, findings: &mut Vec<Finding>) {
    let Some(type_name) = resource.type_name.as_deref() else {
        return;
    };
    // Rules for every type are registered under `*`.
    let table = by_type();
    let rules: Vec<&ResourceRule> = table
        .get(type_name)
        .into_iter()
        .chain(table.get("*"))
        .flatten()
        .copied()
        .collect();
    if rules.is_empty() {
        return;
    }
    let Some(properties) = resource
        .properties
        .filter(|p| snapshot.document.mapping(*p).is_some())
    else {
        return;
    };
    let ctx = ResourceCtx {
        snapshot,
        env,
        doc: &snapshot.document,
        resource,
        properties,
    };
    for rule in rules {
        (rule.check)(&ctx, findings);
    }
}
