//! The `Globals` section: which sections and properties it may hold, where a
//! resource inherits a property from, and the section's own validation.
//!
//! The table follows the AWS SAM developer guide page "Globals section of the
//! AWS SAM template" (supported resources and properties), together with the
//! properties later SAM releases added to the same lists.

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, Span};

use crate::analysis::cfn::properties::validate_value;
use crate::analysis::{suggest, Finding, Fix, Snapshot, TextEdit};
use crate::schema;

use super::runtime;
use super::values::and_list;

/// One `Globals` section: the resource type it applies to and the properties it may set.
pub struct Section {
    pub name: &'static str,
    pub resource_type: &'static str,
    /// Empty for the newest sections, whose list the guide does not give yet:
    /// any property of the resource type is then accepted.
    pub properties: &'static [&'static str],
}

impl Section {
    /// True when the section may set `name`.
    pub fn allows(&self, name: &str) -> bool {
        if self.properties.is_empty() {
            return crate::schema::sam::resource(self.resource_type)
                .is_some_and(|s| s.property(name).is_some());
        }
        self.properties.contains(&name)
    }

    /// The properties the section may set.
    pub fn names(&self) -> Vec<&'static str> {
        if !self.properties.is_empty() {
            return self.properties.to_vec();
        }
        crate::schema::sam::resource(self.resource_type)
            .map(|s| s.root.properties.iter().map(|(n, _)| &**n).collect())
            .unwrap_or_default()
    }
}

pub const SECTIONS: &[Section] = &[
    Section {
        name: "Function",
        resource_type: "AWS::Serverless::Function",
        properties: &[
            "Architectures",
            "AssumeRolePolicyDocument",
            "AutoPublishAlias",
            "AutoPublishAliasAllProperties",
            "CapacityProviderConfig",
            "CodeSigningConfigArn",
            "CodeUri",
            "DeadLetterQueue",
            "DeploymentPreference",
            "Description",
            "DurableConfig",
            "Environment",
            "EphemeralStorage",
            "EventInvokeConfig",
            "FileSystemConfigs",
            "FunctionScalingConfig",
            "FunctionUrlConfig",
            "Handler",
            "KmsKeyArn",
            "Layers",
            "LoggingConfig",
            "MemorySize",
            "PermissionsBoundary",
            "PropagateTags",
            "ProvisionedConcurrencyConfig",
            "PublishToLatestPublished",
            "RecursiveLoop",
            "ReservedConcurrentExecutions",
            "RolePath",
            "Runtime",
            "RuntimeManagementConfig",
            "SnapStart",
            "SourceKMSKeyArn",
            "Tags",
            "TenancyConfig",
            "Timeout",
            "Tracing",
            "VersionDeletionPolicy",
            "VpcConfig",
        ],
    },
    Section {
        name: "Api",
        resource_type: "AWS::Serverless::Api",
        properties: &[
            "AccessLogSetting",
            "AlwaysDeploy",
            "Auth",
            "BinaryMediaTypes",
            "CacheClusterEnabled",
            "CacheClusterSize",
            "CanarySetting",
            "Cors",
            "DefinitionUri",
            "Domain",
            "EndpointConfiguration",
            "GatewayResponses",
            "MergeDefinitions",
            "MethodSettings",
            "MinimumCompressionSize",
            "Name",
            "OpenApiVersion",
            "PropagateTags",
            "SecurityPolicy",
            "TracingEnabled",
            "Variables",
        ],
    },
    Section {
        name: "HttpApi",
        resource_type: "AWS::Serverless::HttpApi",
        properties: &[
            "AccessLogSettings",
            "Auth",
            "CorsConfiguration",
            "DefaultRouteSettings",
            "Domain",
            "FailOnWarnings",
            "PropagateTags",
            "RouteSettings",
            "StageVariables",
            "Tags",
        ],
    },
    Section {
        name: "SimpleTable",
        resource_type: "AWS::Serverless::SimpleTable",
        properties: &["PointInTimeRecoverySpecification", "SSESpecification"],
    },
    Section {
        name: "StateMachine",
        resource_type: "AWS::Serverless::StateMachine",
        properties: &["PropagateTags"],
    },
    Section {
        name: "CapacityProvider",
        resource_type: "AWS::Serverless::CapacityProvider",
        properties: &[],
    },
    Section {
        name: "MicrovmImage",
        resource_type: "AWS::Serverless::MicrovmImage",
        properties: &[],
    },
    Section {
        name: "NetworkConnector",
        resource_type: "AWS::Serverless::NetworkConnector",
        properties: &[],
    },
    Section {
        name: "WebFunction",
        resource_type: "AWS::Serverless::WebFunction",
        properties: &[],
    },
];

pub fn section(name: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.name == name)
}

pub fn section_for_type(type_name: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.resource_type == type_name)
}

/// The `Globals` section of the resource type's kind, as a mapping node.
pub fn section_node(snapshot: &Snapshot, type_name: &str) -> Option<NodeId> {
    let doc = &snapshot.document;
    let root = doc.root()?;
    let globals = doc.get(root, "Globals")?;
    let section = section_for_type(type_name)?;
    doc.get(globals, section.name)
        .filter(|n| doc.mapping(*n).is_some())
}

/// The value a resource of `type_name` inherits for `property` from `Globals`.
pub fn inherited(snapshot: &Snapshot, type_name: &str, property: &str) -> Option<NodeId> {
    let node = section_node(snapshot, type_name)?;
    snapshot.document.get(node, property)
}

/// Checks the `Globals` section: known sections, supported properties, and
/// each value against the property's shape in the resource schema. Errors
/// here are reported once, in `Globals`, never again on each resource.
pub fn check(snapshot: &Snapshot, findings: &mut Vec<Finding>) {
    let doc = &snapshot.document;
    let Some(globals) = doc.root().and_then(|r| doc.get(r, "Globals")) else {
        return;
    };
    let Some(entries) = doc.mapping(globals) else {
        let empty = matches!(
            doc.node(doc.resolve(globals)).kind,
            awsls_grammars::NodeKind::Null
        );
        if doc.intrinsic(globals).is_none() && !empty {
            findings.push(Finding::new(
                Rule::SamInvalidGlobals,
                doc.node(globals).span,
                "`Globals` must be a mapping of sections such as `Function` or `Api`",
            ));
        }
        return;
    };
    for entry in entries {
        let Some(section) = section(&entry.key.text) else {
            let names = SECTIONS.iter().map(|s| s.name);
            findings.push(with_rename(
                snapshot,
                Finding::new(
                    Rule::SamUnknownGlobalsSection,
                    entry.key.span,
                    format!(
                        "`{}` is not a `Globals` section; valid sections are {}",
                        entry.key.text,
                        and_list(&SECTIONS.iter().map(|s| s.name).collect::<Vec<_>>())
                    ),
                ),
                &entry.key.text,
                entry.key.span,
                names,
            ));
            continue;
        };
        check_section(snapshot, section, entry.value, entry.key.span, findings);
    }
}

fn check_section(
    snapshot: &Snapshot,
    section: &Section,
    node: NodeId,
    key: Span,
    findings: &mut Vec<Finding>,
) {
    let doc = &snapshot.document;
    let Some(entries) = doc.mapping(node) else {
        if doc.intrinsic(node).is_none() && doc.scalar(node).is_some_and(|s| !s.value.is_empty()) {
            findings.push(Finding::new(
                Rule::SamInvalidGlobals,
                key,
                format!("`Globals.{}` must be a mapping of properties", section.name),
            ));
        }
        return;
    };
    let schema = schema::sam::resource(section.resource_type);
    for entry in entries {
        let name = entry.key.text.as_str();
        if name == "<<" {
            continue;
        }
        if !section.allows(name) {
            let is_property = schema.is_some_and(|s| s.property(name).is_some());
            let message = if is_property {
                format!(
                    "`{name}` cannot be set in `Globals.{}`; set it on each `{}` instead",
                    section.name, section.resource_type
                )
            } else {
                format!("`{name}` is not a property of `Globals.{}`", section.name)
            };
            let finding = Finding::new(Rule::SamUnsupportedGlobalProperty, entry.key.span, message);
            let finding = if is_property {
                finding
            } else {
                with_rename(snapshot, finding, name, entry.key.span, section.names())
            };
            findings.push(finding);
            continue;
        }
        if let Some(schema) = schema {
            if let Some(shape) = schema.property(name) {
                validate_value(
                    snapshot,
                    schema,
                    shape,
                    entry.value,
                    entry.key.span,
                    findings,
                );
            }
        }
        if section.name == "Function" && name == "Runtime" {
            runtime::check(snapshot, entry.value, findings);
        }
    }
}

/// Adds "did you mean" and a rename fix when a candidate is close to `word`.
pub(super) fn with_rename<'a>(
    snapshot: &Snapshot,
    mut finding: Finding,
    word: &str,
    span: Span,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Finding {
    if let Some(best) = suggest::closest(word, candidates) {
        finding
            .message
            .push_str(&format!("; did you mean `{best}`?"));
        finding = finding.with_fix(Fix {
            title: format!("Rename to `{best}`"),
            edits: vec![TextEdit {
                span,
                new_text: if snapshot.slice(span).starts_with('"') {
                    format!("\"{best}\"")
                } else {
                    best.to_string()
                },
            }],
            preferred: true,
        });
    }
    finding
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_property_exists_in_the_schema() {
        for section in SECTIONS {
            let schema = schema::sam::resource(section.resource_type).expect("schema");
            for p in section.properties {
                assert!(schema.property(p).is_some(), "{}.{p}", section.name);
            }
        }
        assert_eq!(
            section_for_type("AWS::Serverless::Api").map(|s| s.name),
            Some("Api")
        );
        assert!(section("Connector").is_none());
    }
}
