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
const LEVEL_WEIGHTS: [f32; 4] = [1.0, 0.6, 0.4, 0.3];

/// Words too common to search for on their own.
const STOPWORDS: &[&str] = &["if", "or", "and", "not", "the", "a", "an", "of", "to", "in", "is"];

fn phrase(text: &str, distinctive: bool) -> Option<Phrase> {
    let words: Vec<String> = text::words(text).collect();
    if words.is_empty() || (words.len() == 1 && words.iter().any(|w| STOPWORDS.contains(&w.as_str()))) {
        return None;
    }
    Some(Phrase { distinctive: distinctive || words.len() > 1, literal: false, words })
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
        "VPC", "Subnet", "InternetGateway", "NatGateway", "RouteTable", "Route", "NetworkAcl",
        "NetworkAclEntry", "VPCEndpoint", "VPCPeeringConnection", "VPCGatewayAttachment",
        "EgressOnlyInternetGateway", "FlowLog", "SubnetRouteTableAssociation", "VPNGateway",
        "CustomerGateway", "VPNConnection",
    ];
    let (ns, name) = topic::type_parts(type_name)?;
    if ns == "EC2" && (VPC_TYPES.contains(&name) || name.starts_with("TransitGateway")) {
        return services::by_name("VPC");
    }
    if ns == "EC2" && (name == "Volume" || name == "VolumeAttachment") {
        return services::by_name("EBS");
    }
    None
}

fn levels(groups: Vec<Vec<Phrase>>) -> Vec<Level> {
    groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .zip(LEVEL_WEIGHTS)
        .map(|(phrases, weight)| Level { phrases, weight })
        .collect()
}

/// Resource-level phrases and context for a resource type.
fn resource_parts(type_name: &str) -> (Vec<Phrase>, Vec<Phrase>) {
    let Some((ns, name)) = topic::type_parts(type_name) else {
        return (literal(type_name).into_iter().collect(), Vec::new());
    };
    let mut resource: Vec<Phrase> = literal(type_name).into_iter().collect();
    resource.extend(ident_phrases(name.rsplit("::").next().unwrap_or(name)));
    let mut context = match services::by_namespace(ns) {
        Some(s) => service_phrases(s),
        None => service_or_name(ns),
    };
    if let Some(other) = resource_service(type_name) {
        let extra = service_phrases(other);
        resource.extend(extra.iter().cloned());
        context.extend(extra);
    }
    (resource, context)
}

/// Builds the query plan for a topic.
pub(crate) fn plan(topic: &Topic) -> Plan {
    match topic {
        Topic::Service(name) => {
            let phrases = service_or_name(name);
            Plan { levels: levels(vec![phrases.clone()]), context: phrases }
        }
        Topic::ResourceType(t) => {
            let (resource, context) = resource_parts(t);
            Plan { levels: levels(vec![resource, context.clone()]), context }
        }
        Topic::Property { resource_type, property } => {
            let (resource, context) = resource_parts(resource_type);
            let mut groups: Vec<Vec<Phrase>> = property
                .rsplit('.')
                .filter(|p| !p.is_empty())
                .map(ident_phrases)
                .collect();
            groups.truncate(2);
            groups.push(resource);
            groups.push(context.clone());
            Plan { levels: levels(groups), context }
        }
        Topic::IamAction(action) => {
            let (prefix, name) = action.split_once(':').unwrap_or((action, ""));
            let context = match services::by_iam_prefix(prefix) {
                Some(s) => service_phrases(s),
                None => service_or_name(prefix),
            };
            let bare = name.trim_end_matches(['*', '?']);
            let specific = if bare.is_empty() || bare.contains(['*', '?']) || bare.len() < name.len() {
                Vec::new()
            } else {
                ident_phrases(bare)
            };
            Plan { levels: levels(vec![specific, context.clone()]), context }
        }
        Topic::AppSpecHook(hook) => {
            let context = service_or_name("CodeDeploy");
            let appspec = ["AppSpec", "appspec.yml", "lifecycle hooks", "hooks"]
                .iter()
                .filter_map(|p| phrase(p, true))
                .collect();
            Plan { levels: levels(vec![ident_phrases(hook), appspec, context.clone()]), context }
        }
        Topic::SamResourceType(t) => sam_plan(t),
        Topic::TemplateSection(section) => {
            let context = service_or_name("CloudFormation");
            Plan { levels: levels(vec![ident_phrases(section), context.clone()]), context }
        }
        Topic::IntrinsicFunction(f) => {
            let name = f.trim().trim_start_matches('!');
            let name = name.strip_prefix("Fn::").unwrap_or(name);
            let mut specific: Vec<Phrase> = phrase(&format!("Fn {name}"), true).into_iter().collect();
            if !STOPWORDS.contains(&name.to_ascii_lowercase().as_str()) {
                specific.extend(ident_phrases(name));
            }
            let context = service_or_name("CloudFormation");
            Plan { levels: levels(vec![specific, context.clone()]), context }
        }
        Topic::LambdaRuntime(r) => runtime_plan(r),
        Topic::Text(t) => Plan { levels: levels(vec![phrase(t, true).into_iter().collect()]), context: Vec::new() },
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
    Plan { levels: levels(vec![specific, sam, related]), context }
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
    Plan { levels: levels(vec![exact, family_phrases, context.clone()]), context }
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
        assert_eq!(p.levels.len(), 3);
        assert_eq!(words(&p.levels[0].phrases), ["provisionedthroughput", "provisioned throughput"]);
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
    fn wildcard_actions_only_search_the_service() {
        let p = plan(&Topic::parse("s3:Get*"));
        assert_eq!(p.levels.len(), 1);
        assert!(words(&p.levels[0].phrases).contains(&"s3".to_string()));
    }
}
