//! The resources SAM generates from the ones a template declares, by logical
//! ID and CloudFormation type, so that `Ref`, `Fn::GetAtt`, `DependsOn` and
//! completion accept them. Names follow the AWS SAM developer guide,
//! "Generated AWS CloudFormation resources for AWS SAM" (per resource type and
//! per event source type), plus the `<Resource>.<Property>` forms SAM
//! resolves (`MyFunction.Alias`, `MyApi.Stage`, ...).

use std::collections::HashSet;

use awsls_grammars::{Document, NodeId};

use crate::analysis::cfn::rules::ImplicitNames;
use crate::analysis::cfn::template::Template;
use crate::analysis::Snapshot;

use super::values::{may_set, text};
use super::{completeness, globals};

/// A generated resource: logical ID (or `Name.Property` form) and CloudFormation type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    pub name: String,
    pub type_name: &'static str,
    /// The declared resource it comes from.
    pub source: String,
}

/// Every resource SAM will generate for this template.
pub fn generated(snapshot: &Snapshot, template: &Template) -> Vec<Generated> {
    let doc = &snapshot.document;
    let mut out = Gen {
        list: Vec::new(),
        names: HashSet::new(),
    };
    let mut implicit_rest_api = false;
    let mut implicit_http_api = false;
    for resource in &template.resources {
        let Some(type_name) = resource.type_name.as_deref() else {
            continue;
        };
        let name = resource.decl.name.as_str();
        let props = resource.properties.filter(|p| doc.mapping(*p).is_some());
        let own_or_global = |property: &str| {
            may_set(doc, props, property)
                || globals::inherited(snapshot, type_name, property).is_some()
        };
        match type_name {
            "AWS::Serverless::Function" => {
                out.push(name, "Role", "AWS::IAM::Role", !may_set(doc, props, "Role"));
                function_versions(
                    snapshot,
                    &mut out,
                    name,
                    props,
                    type_name,
                    "AWS::Lambda::Version",
                    "AWS::Lambda::Alias",
                );
                if own_or_global("DeploymentPreference") {
                    out.push(
                        name,
                        "DeploymentGroup",
                        "AWS::CodeDeploy::DeploymentGroup",
                        true,
                    );
                    out.add(
                        "ServerlessDeploymentApplication",
                        "AWS::CodeDeploy::Application",
                        name,
                    );
                    out.add("CodeDeployServiceRole", "AWS::IAM::Role", name);
                }
                if own_or_global("FunctionUrlConfig") {
                    out.push(name, "Url", "AWS::Lambda::Url", true);
                    out.push(
                        name,
                        "UrlPublicPermissions",
                        "AWS::Lambda::Permission",
                        true,
                    );
                }
                if own_or_global("EventInvokeConfig") {
                    out.push(
                        name,
                        "EventInvokeConfig",
                        "AWS::Lambda::EventInvokeConfig",
                        true,
                    );
                    for (suffix, t) in [
                        ("EventInvokeConfigOnSuccessQueue", "AWS::SQS::Queue"),
                        ("EventInvokeConfigOnSuccessTopic", "AWS::SNS::Topic"),
                        ("EventInvokeConfigOnFailureQueue", "AWS::SQS::Queue"),
                        ("EventInvokeConfigOnFailureTopic", "AWS::SNS::Topic"),
                    ] {
                        out.push(name, suffix, t, true);
                    }
                }
                if may_set(doc, props, "DeadLetterQueue") {
                    out.push(name, "DeadLetterQueue", "AWS::SQS::Queue", false);
                }
                for (event, event_type, event_node) in events(doc, props) {
                    let (api_rest, api_http) =
                        function_event(doc, &mut out, name, &event, &event_type, event_node);
                    implicit_rest_api |= api_rest;
                    implicit_http_api |= api_http;
                }
            }
            "AWS::Serverless::StateMachine" => {
                out.push(name, "Role", "AWS::IAM::Role", !may_set(doc, props, "Role"));
                function_versions(
                    snapshot,
                    &mut out,
                    name,
                    props,
                    type_name,
                    "AWS::StepFunctions::StateMachineVersion",
                    "AWS::StepFunctions::StateMachineAlias",
                );
                for (event, event_type, event_node) in events(doc, props) {
                    out.push(name, &format!("{event}Role"), "AWS::IAM::Role", true);
                    let (api_rest, _) =
                        function_event(doc, &mut out, name, &event, &event_type, event_node);
                    implicit_rest_api |= api_rest;
                }
            }
            "AWS::Serverless::Api" => {
                let stage =
                    stage_name(snapshot, props, type_name).unwrap_or_else(|| "Stage".to_string());
                rest_api(&mut out, name, &stage);
                if own_or_global("Domain") {
                    out.dotted(name, "DomainName", "AWS::ApiGateway::DomainName");
                    out.dotted(name, "BasePathMapping", "AWS::ApiGateway::BasePathMapping");
                    out.push(name, "RecordSetGroup", "AWS::Route53::RecordSetGroup", true);
                }
                for (suffix, t) in [
                    ("UsagePlan", "AWS::ApiGateway::UsagePlan"),
                    ("ApiKey", "AWS::ApiGateway::ApiKey"),
                    ("UsagePlanKey", "AWS::ApiGateway::UsagePlanKey"),
                ] {
                    out.push(name, suffix, t, true);
                    out.dotted(name, suffix, t);
                }
                out.add("ServerlessUsagePlan", "AWS::ApiGateway::UsagePlan", name);
                out.add("ServerlessApiKey", "AWS::ApiGateway::ApiKey", name);
                out.add(
                    "ServerlessUsagePlanKey",
                    "AWS::ApiGateway::UsagePlanKey",
                    name,
                );
                authorizer_permissions(doc, &mut out, name, props);
            }
            "AWS::Serverless::HttpApi" => {
                let stage = stage_name(snapshot, props, type_name);
                http_api(&mut out, name, stage.as_deref());
                if own_or_global("Domain") {
                    out.dotted(name, "DomainName", "AWS::ApiGatewayV2::DomainName");
                    out.push(name, "ApiMapping", "AWS::ApiGatewayV2::ApiMapping", true);
                    out.push(name, "RecordSetGroup", "AWS::Route53::RecordSetGroup", true);
                }
                authorizer_permissions(doc, &mut out, name, props);
            }
            "AWS::Serverless::Connector" => {
                for suffix in ["Policy", "PolicyDestination0", "PolicyDestination1"] {
                    out.push(name, suffix, "AWS::IAM::ManagedPolicy", true);
                }
                out.push(name, "QueuePolicy", "AWS::SQS::QueuePolicy", true);
                out.push(name, "TopicPolicy", "AWS::SNS::TopicPolicy", true);
                out.push(
                    name,
                    "WriteLambdaPermission",
                    "AWS::Lambda::Permission",
                    true,
                );
            }
            _ => {}
        }
    }
    if implicit_rest_api {
        let globals_stage = globals::inherited(snapshot, "AWS::Serverless::Api", "StageName")
            .and_then(|n| text(doc, n).map(str::to_string));
        rest_api(
            &mut out,
            "ServerlessRestApi",
            globals_stage.as_deref().unwrap_or("Prod"),
        );
        out.add(
            "ServerlessRestApi",
            "AWS::ApiGateway::RestApi",
            "ServerlessRestApi",
        );
    }
    if implicit_http_api {
        http_api(&mut out, "ServerlessHttpApi", None);
        out.add(
            "ServerlessHttpApi",
            "AWS::ApiGatewayV2::Api",
            "ServerlessHttpApi",
        );
    }
    out.list
}

/// The generated names as the CloudFormation rules take them. The list is
/// declared exhaustive (so a misspelt name is reported) only when every
/// serverless resource is of a kind whose generated names are fully known
/// here; otherwise the rules keep their allowance for SAM-like names.
pub fn implicit_names(snapshot: &Snapshot, template: &Template) -> ImplicitNames {
    let mut names = if completeness::is_complete(snapshot, template) {
        ImplicitNames::exhaustive()
    } else {
        ImplicitNames::new()
    };
    for g in snapshot.generated() {
        names.insert(g.name.clone(), Some(g.type_name.to_string()));
    }
    names
}

struct Gen {
    list: Vec<Generated>,
    /// The names in `list`.
    names: HashSet<String>,
}

impl Gen {
    fn add(&mut self, name: &str, type_name: &'static str, source: &str) {
        if !self.names.contains(name) {
            self.names.insert(name.to_string());
            self.list.push(Generated {
                name: name.to_string(),
                type_name,
                source: source.to_string(),
            });
        }
    }

    /// `<resource><suffix>`, when `when` holds.
    fn push(&mut self, resource: &str, suffix: &str, type_name: &'static str, when: bool) {
        if when {
            self.add(&format!("{resource}{suffix}"), type_name, resource);
        }
    }

    /// `<resource>.<property>`: the form SAM resolves in `Ref` and `Fn::GetAtt`.
    fn dotted(&mut self, resource: &str, property: &str, type_name: &'static str) {
        self.add(&format!("{resource}.{property}"), type_name, resource);
    }
}

fn rest_api(out: &mut Gen, name: &str, stage: &str) {
    let stage_id: String = stage
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    out.push(
        name,
        &format!("{stage_id}Stage"),
        "AWS::ApiGateway::Stage",
        true,
    );
    out.push(name, "Deployment", "AWS::ApiGateway::Deployment", true);
    out.dotted(name, "Stage", "AWS::ApiGateway::Stage");
    out.dotted(name, "Deployment", "AWS::ApiGateway::Deployment");
}

fn http_api(out: &mut Gen, name: &str, stage: Option<&str>) {
    match stage {
        Some(stage) => {
            let stage_id: String = stage
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            out.push(
                name,
                &format!("{stage_id}Stage"),
                "AWS::ApiGatewayV2::Stage",
                true,
            );
        }
        None => out.push(
            name,
            "ApiGatewayDefaultStage",
            "AWS::ApiGatewayV2::Stage",
            true,
        ),
    }
    out.dotted(name, "Stage", "AWS::ApiGatewayV2::Stage");
}

fn stage_name(snapshot: &Snapshot, props: Option<NodeId>, type_name: &str) -> Option<String> {
    let doc = &snapshot.document;
    let own = props.and_then(|p| doc.get(p, "StageName"));
    let node = own.or_else(|| globals::inherited(snapshot, type_name, "StageName"))?;
    text(doc, node).map(str::to_string)
}

/// Versions and aliases of a resource with `AutoPublishAlias`.
fn function_versions(
    snapshot: &Snapshot,
    out: &mut Gen,
    name: &str,
    props: Option<NodeId>,
    type_name: &str,
    version_type: &'static str,
    alias_type: &'static str,
) {
    let doc = &snapshot.document;
    let alias = props
        .and_then(|p| doc.get(p, "AutoPublishAlias"))
        .or_else(|| globals::inherited(snapshot, type_name, "AutoPublishAlias"));
    let Some(alias) = alias else {
        return;
    };
    out.dotted(name, "Version", version_type);
    out.dotted(name, "Alias", alias_type);
    out.push(name, "Version", version_type, true);
    if let Some(alias_name) = text(doc, alias) {
        let id: String = alias_name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push(name, &format!("Alias{id}"), alias_type, true);
    }
}

/// The function's events as (name, `Type`, node).
pub fn events(doc: &Document, props: Option<NodeId>) -> Vec<(String, String, NodeId)> {
    let Some(entries) = props
        .and_then(|p| doc.get(p, "Events"))
        .and_then(|e| doc.mapping(e))
    else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|e| {
            let t = doc.get(e.value, "Type").and_then(|t| text(doc, t))?;
            Some((e.key.text.clone(), t.to_string(), e.value))
        })
        .collect()
}

/// Resources one event source generates; returns whether it needs the
/// implicit REST API or HTTP API.
fn function_event(
    doc: &Document,
    out: &mut Gen,
    name: &str,
    event: &str,
    event_type: &str,
    node: NodeId,
) -> (bool, bool) {
    let props = doc.get(node, "Properties");
    let id = event.to_string();
    let permission = format!("{id}Permission");
    match event_type {
        "Api" => {
            out.push(name, &permission, "AWS::Lambda::Permission", true);
            out.push(
                name,
                &format!("{permission}Prod"),
                "AWS::Lambda::Permission",
                true,
            );
            return (!may_set(doc, props, "RestApiId"), false);
        }
        "HttpApi" => {
            out.push(name, &permission, "AWS::Lambda::Permission", true);
            return (false, !may_set(doc, props, "ApiId"));
        }
        "S3" | "Cognito" | "AlexaSkill" => {
            out.push(name, &permission, "AWS::Lambda::Permission", true);
        }
        "SNS" => {
            out.push(name, &id, "AWS::SNS::Subscription", true);
            out.push(name, &permission, "AWS::Lambda::Permission", true);
            if may_set(doc, props, "SqsSubscription") {
                out.push(name, &format!("{id}Queue"), "AWS::SQS::Queue", true);
                out.push(
                    name,
                    &format!("{id}QueuePolicy"),
                    "AWS::SQS::QueuePolicy",
                    true,
                );
                out.push(
                    name,
                    &format!("{id}EventSourceMapping"),
                    "AWS::Lambda::EventSourceMapping",
                    true,
                );
            }
        }
        "Kinesis" | "DynamoDB" | "SQS" | "MSK" | "MQ" | "SelfManagedKafka" | "DocumentDB" => {
            out.push(name, &id, "AWS::Lambda::EventSourceMapping", true);
        }
        "Schedule" | "CloudWatchEvent" | "EventBridgeRule" => {
            out.push(name, &id, "AWS::Events::Rule", true);
            out.push(name, &permission, "AWS::Lambda::Permission", true);
            out.push(name, &format!("{id}Queue"), "AWS::SQS::Queue", true);
            out.push(
                name,
                &format!("{id}QueuePolicy"),
                "AWS::SQS::QueuePolicy",
                true,
            );
        }
        "ScheduleV2" => {
            out.push(name, &id, "AWS::Scheduler::Schedule", true);
            out.push(name, &format!("{id}Role"), "AWS::IAM::Role", true);
            out.push(name, &format!("{id}Queue"), "AWS::SQS::Queue", true);
        }
        "CloudWatchLogs" => {
            out.push(name, &id, "AWS::Logs::SubscriptionFilter", true);
            out.push(name, &permission, "AWS::Lambda::Permission", true);
        }
        "IoTRule" => {
            out.push(name, &id, "AWS::IoT::TopicRule", true);
            out.push(name, &permission, "AWS::Lambda::Permission", true);
        }
        _ => {}
    }
    (false, false)
}

/// `<Api><Authorizer>AuthorizerPermission` for Lambda authorizers.
fn authorizer_permissions(doc: &Document, out: &mut Gen, name: &str, props: Option<NodeId>) {
    let authorizers = props
        .and_then(|p| doc.get(p, "Auth"))
        .and_then(|a| doc.get(a, "Authorizers"))
        .and_then(|a| doc.mapping(a));
    for entry in authorizers.unwrap_or_default() {
        out.push(
            name,
            &format!("{}AuthorizerPermission", entry.key.text),
            "AWS::Lambda::Permission",
            true,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exhaustive(text: &str) -> bool {
        let s = Snapshot::from_text("t.yaml", text);
        let t = Template::of(&s);
        implicit_names(&s, t).is_exhaustive()
    }

    #[test]
    fn the_list_is_exhaustive_only_when_fully_known() {
        let head = "Transform: AWS::Serverless-2016-10-31\nResources:\n";
        assert!(exhaustive(&format!("{head}  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {{AutoPublishAlias: live}}\n")));
        assert!(!exhaustive(&format!("{head}  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {{AutoPublishAlias: !Ref Alias}}\n")));
        assert!(!exhaustive(&format!(
            "{head}  G:\n    Type: AWS::Serverless::GraphQLApi\n"
        )));
        assert!(!exhaustive(&format!("{head}  A:\n    Type: AWS::Serverless::Api\n    Properties: {{StageName: v1, Domain: {{DomainName: x, CertificateArn: y}}}}\n")));
    }

    fn names(text: &str) -> Vec<(String, &'static str)> {
        let s = Snapshot::from_text("t.yaml", text);
        let t = Template::of(&s);
        generated(&s, t)
            .into_iter()
            .map(|g| (g.name, g.type_name))
            .collect()
    }

    fn has(list: &[(String, &'static str)], name: &str, type_name: &str) -> bool {
        list.iter().any(|(n, t)| n == name && *t == type_name)
    }

    #[test]
    fn function_role_alias_and_api_events() {
        let list = names(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      AutoPublishAlias: live\n      Events:\n        Get:\n          Type: Api\n          Properties: {Path: /, Method: get}\n        Q:\n          Type: SQS\n          Properties: {Queue: arn}\n",
        );
        assert!(has(&list, "FnRole", "AWS::IAM::Role"));
        assert!(has(&list, "Fn.Alias", "AWS::Lambda::Alias"));
        assert!(has(&list, "Fn.Version", "AWS::Lambda::Version"));
        assert!(has(&list, "FnAliaslive", "AWS::Lambda::Alias"));
        assert!(has(&list, "FnGetPermission", "AWS::Lambda::Permission"));
        assert!(has(&list, "FnQ", "AWS::Lambda::EventSourceMapping"));
        assert!(has(&list, "ServerlessRestApi", "AWS::ApiGateway::RestApi"));
        assert!(has(
            &list,
            "ServerlessRestApiProdStage",
            "AWS::ApiGateway::Stage"
        ));
        assert!(!list.iter().any(|(n, _)| n == "ServerlessHttpApi"));
    }

    #[test]
    fn explicit_role_and_explicit_api() {
        let list = names(
            "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Api:\n    StageName: v1\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/x\n      Events:\n        Get:\n          Type: Api\n          Properties: {Path: /, Method: get, RestApiId: !Ref Api}\n  Api:\n    Type: AWS::Serverless::Api\n  Http:\n    Type: AWS::Serverless::HttpApi\n",
        );
        assert!(!list
            .iter()
            .any(|(n, _)| n == "FnRole" || n == "ServerlessRestApi"));
        assert!(has(&list, "Apiv1Stage", "AWS::ApiGateway::Stage"));
        assert!(has(&list, "Api.Stage", "AWS::ApiGateway::Stage"));
        assert!(has(
            &list,
            "HttpApiGatewayDefaultStage",
            "AWS::ApiGatewayV2::Stage"
        ));
    }
}
