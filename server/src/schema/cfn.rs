//! CloudFormation resource types (from cfn-lint's provider schemas): names, schemas and regions.

use std::sync::OnceLock;

use serde::Deserialize;

use super::lazy_pack::LazyPack;
use super::resource::ResourceSchema;

static PACK: LazyPack<ResourceSchema> = LazyPack::new(
    include_bytes!("../../data/cfn.pack"),
    ResourceSchema::decode,
);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Meta {
    regions: Vec<Box<str>>,
    schema_date: Box<str>,
}

fn meta() -> &'static Meta {
    static META: OnceLock<Meta> = OnceLock::new();
    META.get_or_init(|| {
        PACK.pack()
            .and_then(|p| p.meta::<Meta>().ok())
            .unwrap_or_default()
    })
}

/// Every known resource type name (all regions), sorted. Cheap: no schema is decoded.
pub fn type_names() -> &'static [Box<str>] {
    PACK.names()
}

/// The schema of a resource type (exact, case-sensitive name), decoded on first use.
pub fn resource(type_name: &str) -> Option<&'static ResourceSchema> {
    PACK.get(type_name)
}

/// All region names the data covers; `us-east-1` first.
pub fn region_names() -> &'static [Box<str>] {
    &meta().regions
}

/// The regions where `type_name` exists (empty when unknown).
pub fn regions(type_name: &str) -> Vec<&'static str> {
    let mask = PACK.tag(type_name).unwrap_or(0);
    region_names()
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 64 && mask & (1u64 << i) != 0)
        .map(|(_, r)| &**r)
        .collect()
}

/// True when `type_name` exists in `region`.
pub fn exists_in(type_name: &str, region: &str) -> bool {
    let mask = PACK.tag(type_name).unwrap_or(0);
    region_names()
        .iter()
        .position(|r| &**r == region)
        .is_some_and(|i| i < 64 && mask & (1u64 << i) != 0)
}

/// The date of the upstream schema snapshot (ISO 8601).
pub fn schema_date() -> &'static str {
    &meta().schema_date
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::shape::{AdditionalProperties, JsonType};

    #[test]
    fn lists_many_sorted_types() {
        let names = type_names();
        assert!(names.len() > 1400, "only {} types", names.len());
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(names.iter().any(|n| &**n == "AWS::S3::Bucket"));
    }

    #[test]
    fn s3_bucket_has_property_and_attribute() {
        let bucket = resource("AWS::S3::Bucket").expect("bucket schema");
        assert_eq!(&*bucket.type_name, "AWS::S3::Bucket");
        let name = bucket.property("BucketName").expect("BucketName");
        assert!(name.types.contains(JsonType::String));
        assert!(bucket.attribute("Arn").is_some());
        assert!(bucket.is_create_only(&["BucketName"]));
        assert!(bucket.documentation_url.contains("aws-resource-s3-bucket"));
        assert!(matches!(
            bucket.root.additional_properties,
            AdditionalProperties::Forbidden
        ));
        assert!(resource("aws::s3::bucket").is_none());
    }

    #[test]
    fn rds_instance_has_nested_attribute() {
        let db = resource("AWS::RDS::DBInstance").expect("db schema");
        let attr = db.attribute("Endpoint.Address").expect("Endpoint.Address");
        assert!(attr.types.contains(JsonType::String));
        assert!(db.attributes.iter().all(|a| !a.name.contains('*')));
        assert!(db.is_deprecated(&["TdeCredentialArn"]));
    }

    #[test]
    fn getatt_extras_from_cfn_lint() {
        let vpc = resource("AWS::EC2::VPC").expect("vpc");
        assert!(vpc.attribute("CidrBlock").is_some());
        assert!(vpc.attribute("VpcId").is_some());
        let stack = resource("AWS::CloudFormation::Stack").expect("stack");
        assert!(stack.attribute("Outputs.BucketName").is_some());
        assert!(stack.attribute("Outputs.").is_none());
        assert!(stack.attribute("Nope").is_none());
        let custom = resource("AWS::CloudFormation::CustomResource").expect("custom");
        assert!(custom.attribute("Anything").is_some());
    }

    #[test]
    fn definition_refs_resolve() {
        let bucket = resource("AWS::S3::Bucket").expect("bucket schema");
        let versioning = bucket.property("VersioningConfiguration").expect("prop");
        assert!(versioning.reference.is_some());
        let resolved = bucket.resolve(versioning);
        assert!(resolved.property("Status").is_some());
        let status = bucket
            .property_at(&["VersioningConfiguration", "Status"])
            .expect("Status");
        assert!(status.enum_values.len() >= 2);
    }

    #[test]
    fn cfn_lint_extensions_are_kept() {
        let pipeline = resource("AWS::CodePipeline::Pipeline").expect("pipeline");
        let xor = &pipeline.root.extra().required_xor;
        assert!(xor.iter().any(|p| &**p == "ArtifactStore"));
        assert!(xor.iter().any(|p| &**p == "ArtifactStores"));
        let db = resource("AWS::RDS::DBInstance").expect("db");
        let excluded = &db.root.extra().dependent_excluded;
        assert!(excluded
            .iter()
            .any(|(k, v)| &**k == "SourceDBInstanceIdentifier" && !v.is_empty()));
    }

    #[test]
    fn regions_are_recorded() {
        assert_eq!(region_names().first().map(|r| &**r), Some("us-east-1"));
        assert!(region_names().len() > 20);
        let regions = regions("AWS::S3::Bucket");
        assert!(regions.contains(&"us-east-1") && regions.contains(&"eu-west-1"));
        assert!(exists_in("AWS::S3::Bucket", "us-west-2"));
        assert!(!exists_in("AWS::Nope::Nope", "us-east-1"));
        assert!(schema_date().starts_with("20"));
    }

    #[test]
    fn every_type_decodes() {
        let failed: Vec<&str> = type_names()
            .iter()
            .filter(|n| resource(n).is_none())
            .map(|n| &**n)
            .collect();
        assert!(failed.is_empty(), "undecodable: {failed:?}");
    }
}

#[cfg(test)]
mod measure {
    use super::*;

    fn status_kb(field: &str) -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Decodes every CloudFormation type and prints time and memory.
    /// Run with `cargo test -p awsls --release decode_all_cost -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn decode_all_cost() {
        let rss_before = status_kb("VmRSS:").unwrap_or(0);
        let start = std::time::Instant::now();
        let names = type_names();
        let index_time = start.elapsed();
        let one = std::time::Instant::now();
        assert!(resource("AWS::EC2::Instance").is_some());
        let one_time = one.elapsed();
        let decoded = names.iter().filter(|n| resource(n).is_some()).count();
        let all_time = start.elapsed();
        let rss_after = status_kb("VmRSS:").unwrap_or(0);
        println!(
            "types={} decoded={decoded} index={index_time:?} one={one_time:?} all={all_time:?} \
             rss_before={rss_before}kB rss_after={rss_after}kB hwm={}kB",
            names.len(),
            status_kb("VmHWM:").unwrap_or(0)
        );
        assert_eq!(decoded, names.len());
    }
}
