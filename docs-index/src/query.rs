//! Turns a [`Topic`] into a query plan: phrases to look for, grouped in levels from
//! most to least specific (property → resource type → service), plus the service
//! context phrases that decide whether a mention is in the right part of the notes.

use crate::services::{self, Service};
use crate::text;
use crate::topic::{self, Topic};

/// A sequence of normalised words to find in headings or bodies.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phrase {
    pub words: Vec<String>,
    /// Distinctive phrases (multi-word, or a joined CamelCase identifier) still count
    /// outside the service's sections; generic single words need the service context.
    pub distinctive: bool,
    /// A literal full name (`AWS::DynamoDB::Table`): a body mention is nearly as good
    /// as a heading.
    pub literal: bool,
}

/// Phrases of one specificity level and the weight of a match at that level.
#[derive(Debug, Clone)]
pub(crate) struct Level {
    pub phrases: Vec<Phrase>,
    pub weight: f32,
    /// Counts only for sections where an earlier level matched: the service then
    /// supports a mention but is not enough on its own.
    pub support_only: bool,
}

/// What to search for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub levels: Vec<Level>,
    /// Phrases naming the service; empty means every section is in context.
    pub context: Vec<Phrase>,
}

/// Weights of successive levels: a hit on the property outranks one on its resource
/// type, which outranks one on the service.
const LEVEL_WEIGHTS: [f32; 5] = [1.0, 0.6, 0.4, 0.3, 0.2];

/// Words too common to search for on their own.
const STOPWORDS: &[&str] = &[
    "if", "or", "and", "not", "the", "a", "an", "of", "to", "in", "is",
];

fn phrase(text: &str, distinctive: bool) -> Option<Phrase> {
    let words: Vec<String> = text::words(text).collect();
    if words.is_empty()
        || (words.len() == 1 && words.iter().any(|w| STOPWORDS.contains(&w.as_str())))
    {
        return None;
    }
    Some(Phrase {
        distinctive: distinctive || words.len() > 1,
        literal: false,
        words,
    })
}

/// A phrase for a full literal name such as a resource type.
fn literal(text: &str) -> Option<Phrase> {
    let mut p = phrase(text, true)?;
    p.literal = p.words.len() > 2;
    Some(p)
}

/// Phrases for a CamelCase identifier: the joined word (`provisionedthroughput`) and
/// the split words (`provisioned throughput`).
pub(crate) fn ident_phrases(ident: &str) -> Vec<Phrase> {
    let parts = text::split_camel(ident);
    let mut out = Vec::new();
    let joined: String = parts.concat();
    if let Some(p) = phrase(&joined, parts.len() > 1) {
        out.push(p);
    }
    if parts.len() > 1 {
        if let Some(p) = phrase(&parts.join(" "), true) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// Property name endings that only say "settings of": `VersioningConfiguration` is
/// written about as "versioning".
const SETTING_SUFFIXES: &[&str] = &[
    "Configuration",
    "Configurations",
    "Config",
    "Specification",
    "Settings",
    "Options",
];

/// Phrases for a property name: the identifier, plus its head without a settings
/// suffix (`VersioningConfiguration` → `versioning`).
fn property_phrases(name: &str) -> Vec<Phrase> {
    let mut out = ident_phrases(name);
    let parts = text::split_camel(name);
    if let Some((last, head)) = parts.split_last() {
        if !head.is_empty() && SETTING_SUFFIXES.contains(&last.as_str()) {
            for p in ident_phrases(&head.concat()) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// Services whose notes usually sit inside another service's sections.
fn parent_service(name: &str) -> Option<&'static str> {
    match name {
        "CloudWatch Logs" | "EventBridge" => Some("CloudWatch"),
        "EBS" => Some("EC2"),
        "DynamoDB Accelerator" => Some("DynamoDB"),
        "Aurora" => Some("RDS"),
        "Transit Gateway" => Some("VPC"),
        _ => None,
    }
}

/// Context phrases for a service: its own names plus its parent service's.
fn context_phrases(service: &Service) -> Vec<Phrase> {
    let mut out = service_phrases(service);
    if let Some(parent) = parent_service(service.name).and_then(services::by_name) {
        out.extend(service_phrases(parent));
    }
    out
}

fn service_phrases(service: &Service) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = Vec::new();
    for alias in service.aliases.iter().chain(std::iter::once(&service.name)) {
        if let Some(p) = phrase(alias, true) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// Phrases for a service name that may not be in the alias table.
fn service_or_name(name: &str) -> Vec<Phrase> {
    match services::resolve(name) {
        Some(s) => service_phrases(s),
        None => unknown_service(name),
    }
}

/// An unknown namespace is searched as written, and only counts in headings.
fn unknown_service(name: &str) -> Vec<Phrase> {
    let mut out = ident_phrases(name);
    for p in &mut out {
        p.distinctive = false;
    }
    out
}

/// Resource types whose notes live under another service than their namespace.
fn resource_service(type_name: &str) -> Option<&'static Service> {
    const VPC_TYPES: &[&str] = &[
        "VPC",
        "Subnet",
        "InternetGateway",
        "NatGateway",
        "RouteTable",
        "Route",
        "NetworkAcl",
        "NetworkAclEntry",
        "VPCEndpoint",
        "VPCPeeringConnection",
        "VPCGatewayAttachment",
        "EgressOnlyInternetGateway",
        "FlowLog",
        "SubnetRouteTableAssociation",
        "VPNGateway",
        "CustomerGateway",
        "VPNConnection",
    ];
    let (ns, name) = topic::type_parts(type_name)?;
    if ns == "EC2" && (VPC_TYPES.contains(&name) || name.starts_with("TransitGateway")) {
        return services::by_name("VPC");
    }
    if ns == "EC2" && (name == "Volume" || name == "VolumeAttachment") {
        return services::by_name("EBS");
    }
    if ns == "RDS" && (name == "DBCluster" || name == "DBClusterParameterGroup") {
        return services::by_name("Aurora");
    }
    None
}

/// Phrases naming the part of a service a namespace stands for, where the service
/// table groups several namespaces (`KinesisFirehose` is "Kinesis Data Firehose").
fn namespace_phrases(namespace: &str) -> &'static [&'static str] {
    match namespace {
        "KinesisFirehose" => &["Firehose", "Kinesis Data Firehose"],
        "KinesisAnalytics" | "KinesisAnalyticsV2" => &["Kinesis Data Analytics"],
        "KinesisVideo" => &["Kinesis Video Streams"],
        "ApplicationAutoScaling" => &["Application Auto Scaling"],
        "S3ObjectLambda" => &["S3 Object Lambda"],
        _ => &[],
    }
}

fn levels(groups: Vec<Vec<Phrase>>) -> Vec<Level> {
    groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .zip(LEVEL_WEIGHTS)
        .map(|(phrases, weight)| Level {
            phrases,
            weight,
            support_only: false,
        })
        .collect()
}

/// Like [`levels`], with every level after the first only supporting it.
fn supported_levels(groups: Vec<Vec<Phrase>>) -> Vec<Level> {
    let mut out = levels(groups);
    for level in out.iter_mut().skip(1) {
        level.support_only = true;
    }
    out
}

/// Phrases for a resource type: its literal name and distinctive name phrases
/// (`security group`), its generic one-word name (`table`), and the service context.
struct ResourcePhrases {
    specific: Vec<Phrase>,
    generic: Vec<Phrase>,
    service: Vec<Phrase>,
    context: Vec<Phrase>,
}

fn resource_parts(type_name: &str) -> ResourcePhrases {
    let Some((ns, name)) = topic::type_parts(type_name) else {
        return ResourcePhrases {
            specific: literal(type_name).into_iter().collect(),
            generic: Vec::new(),
            service: Vec::new(),
            context: Vec::new(),
        };
    };
    let mut specific: Vec<Phrase> = literal(type_name).into_iter().collect();
    let (distinctive, generic): (Vec<Phrase>, Vec<Phrase>) =
        ident_phrases(name.rsplit("::").next().unwrap_or(name))
            .into_iter()
            .partition(|p| p.words.len() > 1);
    specific.extend(distinctive);
    specific.extend(namespace_phrases(ns).iter().filter_map(|p| phrase(p, true)));
    let (service, mut context) = match services::by_namespace(ns) {
        Some(s) => (service_phrases(s), context_phrases(s)),
        None => (service_or_name(ns), service_or_name(ns)),
    };
    if let Some(other) = resource_service(type_name) {
        specific.extend(service_phrases(other));
        context.extend(context_phrases(other));
    }
    ResourcePhrases {
        specific,
        generic,
        service,
        context,
    }
}

/// Builds the query plan for a topic.
pub(crate) fn plan(topic: &Topic) -> Plan {
    match topic {
        Topic::Service(name) => {
            let context = match services::resolve(name) {
                Some(s) => context_phrases(s),
                None => unknown_service(name),
            };
            Plan {
                levels: levels(vec![service_or_name(name)]),
                context,
            }
        }
        Topic::ResourceType(t) => {
            let r = resource_parts(t);
            Plan {
                levels: levels(vec![r.specific, r.service, r.generic]),
                context: r.context,
            }
        }
        Topic::Property {
            resource_type,
            property,
        } => {
            let r = resource_parts(resource_type);
            let mut groups: Vec<Vec<Phrase>> = property
                .rsplit('.')
                .filter(|p| !p.is_empty())
                .map(property_phrases)
                .collect();
            groups.truncate(2);
            groups.push(r.specific);
            groups.push(r.service);
            groups.push(r.generic);
            Plan {
                levels: levels(groups),
                context: r.context,
            }
        }
        Topic::IamAction(action) => {
            let (prefix, name) = action.split_once(':').unwrap_or((action, ""));
            let (service, context) = match services::by_iam_prefix(prefix) {
                Some(s) => (service_phrases(s), context_phrases(s)),
                None => (service_or_name(prefix), service_or_name(prefix)),
            };
            let bare = name.trim_end_matches(['*', '?']);
            let specific =
                if bare.is_empty() || bare.contains(['*', '?']) || bare.len() < name.len() {
                    Vec::new()
                } else {
                    ident_phrases(bare)
                };
            Plan {
                levels: levels(vec![specific, service]),
                context,
            }
        }
        Topic::AppSpecHook(hook) => {
            let context = service_or_name("CodeDeploy");
            let appspec = ["AppSpec", "appspec.yml", "lifecycle hooks", "hooks"]
                .iter()
                .filter_map(|p| phrase(p, true))
                .collect();
            Plan {
                levels: levels(vec![ident_phrases(hook), appspec, context.clone()]),
                context,
            }
        }
        Topic::SamResourceType(t) => sam_plan(t),
        Topic::TemplateSection(section) => {
            let context = service_or_name("CloudFormation");
            Plan {
                levels: supported_levels(vec![ident_phrases(section), context.clone()]),
                context,
            }
        }
        Topic::IntrinsicFunction(f) => {
            let name = f.trim().trim_start_matches('!');
            let name = name.strip_prefix("Fn::").unwrap_or(name);
            let mut specific: Vec<Phrase> =
                phrase(&format!("Fn {name}"), true).into_iter().collect();
            if !STOPWORDS.contains(&name.to_ascii_lowercase().as_str()) {
                specific.extend(ident_phrases(name));
            }
            let context = service_or_name("CloudFormation");
            Plan {
                levels: supported_levels(vec![specific, context.clone()]),
                context,
            }
        }
        Topic::LambdaRuntime(r) => runtime_plan(r),
        Topic::Text(t) => Plan {
            levels: levels(vec![phrase(t, true).into_iter().collect()]),
            context: Vec::new(),
        },
    }
}

fn sam_plan(type_name: &str) -> Plan {
    let name = topic::type_parts(type_name).map_or(type_name, |(_, n)| n);
    let related = match name {
        "Function" | "LayerVersion" => Some("Lambda"),
        "Api" | "HttpApi" => Some("API Gateway"),
        "SimpleTable" => Some("DynamoDB"),
        "StateMachine" => Some("Step Functions"),
        "Application" => Some("CloudFormation"),
        _ => None,
    };
    let sam = service_or_name("SAM");
    let related: Vec<Phrase> = related.map(service_or_name).unwrap_or_default();
    let specific: Vec<Phrase> = literal(type_name).into_iter().collect();
    let mut context = sam.clone();
    context.extend(service_or_name("CloudFormation"));
    context.extend(related.iter().cloned());
    Plan {
        levels: levels(vec![specific, sam, related]),
        context,
    }
}

fn runtime_plan(runtime: &str) -> Plan {
    let family = topic::runtime_family(runtime);
    let family_names: &[&str] = match family {
        Some("python") => &["Python"],
        Some("nodejs") => &["nodejs", "Node.js", "Node"],
        Some("java") => &["Java"],
        Some("dotnet") => &["dotnet", ".NET Core", "C#"],
        Some("ruby") => &["Ruby"],
        Some("go") => &["golang", "Go"],
        Some("provided") => &["custom runtime", "provided.al2", "provided.al2023"],
        _ => &[],
    };
    let family_phrases = family_names
        .iter()
        .filter_map(|n| phrase(n, false))
        .collect();
    let context = service_or_name("Lambda");
    let exact = phrase(runtime, true).into_iter().collect();
    Plan {
        levels: levels(vec![exact, family_phrases, context.clone()]),
        context,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &[Phrase]) -> Vec<String> {
        p.iter().map(|p| p.words.join(" ")).collect()
    }

    #[test]
    fn property_plans_fall_back_to_resource_and_service() {
        let p = plan(&Topic::parse("AWS::DynamoDB::Table.ProvisionedThroughput"));
        assert_eq!(p.levels.len(), 4);
        assert_eq!(words(&p.levels[3].phrases), ["table"]);
        assert_eq!(
            words(&p.levels[0].phrases),
            ["provisionedthroughput", "provisioned throughput"]
        );
        assert!(words(&p.levels[1].phrases).contains(&"aws dynamodb table".to_string()));
        assert!(words(&p.context).contains(&"dynamo db".to_string()));
        assert!(p.levels[0].weight > p.levels[1].weight && p.levels[1].weight > p.levels[2].weight);
    }

    #[test]
    fn short_intrinsics_do_not_search_stopwords() {
        let p = plan(&Topic::parse("Fn::If"));
        assert_eq!(words(&p.levels[0].phrases), ["fn if"]);
        let p = plan(&Topic::parse("!Ref"));
        assert_eq!(words(&p.levels[0].phrases), ["fn ref", "ref"]);
        assert!(!p.levels[0].phrases[1].distinctive);
    }

    #[test]
    fn unknown_services_are_not_distinctive() {
        let p = plan(&Topic::parse("AWS::Omics::Workflow"));
        assert!(p.context.iter().all(|c| !c.distinctive));
        assert_eq!(words(&p.context), ["omic"]);
    }

    #[test]
    fn vpc_types_search_vpc_notes() {
        let p = plan(&Topic::parse("AWS::EC2::Subnet"));
        assert!(words(&p.context).contains(&"vpc".to_string()));
        assert!(words(&p.context).contains(&"ec2".to_string()));
    }

    #[test]
    fn settings_suffixes_are_dropped_from_properties() {
        let p = plan(&Topic::parse("AWS::S3::Bucket.VersioningConfiguration"));
        assert!(words(&p.levels[0].phrases).contains(&"versioning".to_string()));
        let p = plan(&Topic::parse("AWS::Logs::LogGroup"));
        assert!(words(&p.context).contains(&"cloudwatch".to_string()));
    }

    #[test]
    fn wildcard_actions_only_search_the_service() {
        let p = plan(&Topic::parse("s3:Get*"));
        assert_eq!(p.levels.len(), 1);
        assert!(words(&p.levels[0].phrases).contains(&"s3".to_string()));
    }
}
