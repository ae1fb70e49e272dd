//! [`Topic`]: what the user is hovering or asking about, and [`Topic::parse`], which
//! guesses the kind of topic from free text.

use crate::services;

/// The thing whose notes are wanted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Topic {
    /// An AWS service by CloudFormation namespace, IAM prefix or common name
    /// (`DynamoDB`, `cognito-idp`, `Parameter Store`).
    Service(String),
    /// A CloudFormation resource type (`AWS::DynamoDB::Table`).
    ResourceType(String),
    /// A resource property; `property` may be a dotted path
    /// (`ProvisionedThroughput.ReadCapacityUnits`).
    Property {
        /// The resource type owning the property.
        resource_type: String,
        /// The property name or dotted path.
        property: String,
    },
    /// An IAM action (`dynamodb:Query`, `s3:Get*`).
    IamAction(String),
    /// A CodeDeploy AppSpec lifecycle hook (`BeforeInstall`, `AfterAllowTraffic`).
    AppSpecHook(String),
    /// A SAM resource type (`AWS::Serverless::Function`).
    SamResourceType(String),
    /// A top-level template section (`Mappings`, `Outputs`).
    TemplateSection(String),
    /// An intrinsic function in long or short form (`Fn::ImportValue`, `Ref`, `!Sub`).
    IntrinsicFunction(String),
    /// A Lambda runtime identifier (`python3.12`, `nodejs20.x`).
    LambdaRuntime(String),
    /// Any other words, matched as a phrase.
    Text(String),
}

/// AppSpec lifecycle hooks for EC2/on-premises, Lambda and ECS deployments.
pub const APPSPEC_HOOKS: &[&str] = &[
    "ApplicationStop",
    "DownloadBundle",
    "BeforeInstall",
    "Install",
    "AfterInstall",
    "ApplicationStart",
    "ValidateService",
    "BeforeBlockTraffic",
    "BlockTraffic",
    "AfterBlockTraffic",
    "BeforeAllowTraffic",
    "AllowTraffic",
    "AfterAllowTraffic",
    "BeforeAllowTestTraffic",
    "AfterAllowTestTraffic",
];

/// Top-level sections of a CloudFormation template.
pub const TEMPLATE_SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Resources",
    "Outputs",
];

/// Intrinsic functions and condition functions, in their `Fn::` form or bare name.
const INTRINSICS: &[&str] = &[
    "Ref",
    "Condition",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::FindInMap",
    "Fn::ForEach",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Length",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::ToJsonString",
    "Fn::Transform",
    "Fn::And",
    "Fn::Equals",
    "Fn::If",
    "Fn::Not",
    "Fn::Or",
];

/// Lambda runtime families and the identifier prefixes that name them.
pub(crate) const RUNTIME_FAMILIES: &[&str] = &[
    "python", "nodejs", "java", "dotnet", "ruby", "go", "provided",
];

impl Topic {
    /// Guesses the kind of topic from free text, as typed to `awsls notes TOPIC`.
    ///
    /// `AWS::S3::Bucket` is a resource type, `AWS::S3::Bucket.VersioningConfiguration` a
    /// property, `AWS::Serverless::Api` a SAM type, `s3:GetObject` an IAM action,
    /// `Fn::Sub`/`!Sub`/`Ref` intrinsic functions, `BeforeInstall` a hook, `Outputs` a
    /// template section, `python3.12` a runtime, `Dynamo DB` a service; anything else
    /// is [`Topic::Text`].
    pub fn parse(text: &str) -> Topic {
        let t = text.trim();
        if let Some(rest) = t.strip_prefix("AWS::") {
            let mut parts = rest.splitn(3, "::");
            let namespace = parts.next().unwrap_or("");
            return match (parts.next(), parts.next()) {
                (None, _) => Topic::Service(namespace.to_string()),
                (Some(_), _) => {
                    let (type_name, property) = split_property(t);
                    if namespace.eq_ignore_ascii_case("Serverless") && property.is_none() {
                        Topic::SamResourceType(type_name)
                    } else if let Some(property) = property {
                        Topic::Property {
                            resource_type: type_name,
                            property,
                        }
                    } else {
                        Topic::ResourceType(type_name)
                    }
                }
            };
        }
        if let Some(name) = t.strip_prefix('!') {
            return Topic::IntrinsicFunction(name.to_string());
        }
        if t.starts_with("Fn::") || INTRINSICS.iter().any(|f| f.eq_ignore_ascii_case(t)) {
            return Topic::IntrinsicFunction(t.to_string());
        }
        if let Some((prefix, action)) = t.split_once(':') {
            let ok = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '*' || c == '?')
            };
            if ok(prefix) && ok(action) {
                return Topic::IamAction(t.to_string());
            }
        }
        if let Some(h) = APPSPEC_HOOKS.iter().find(|h| h.eq_ignore_ascii_case(t)) {
            return Topic::AppSpecHook((*h).to_string());
        }
        if let Some(s) = TEMPLATE_SECTIONS.iter().find(|s| s.eq_ignore_ascii_case(t)) {
            return Topic::TemplateSection((*s).to_string());
        }
        if runtime_family(t).is_some() {
            return Topic::LambdaRuntime(t.to_string());
        }
        if services::resolve(t).is_some() {
            return Topic::Service(t.to_string());
        }
        Topic::Text(t.to_string())
    }

    /// The CloudFormation namespace or IAM prefix the topic belongs to, if any.
    pub fn service_name(&self) -> Option<&str> {
        match self {
            Topic::Service(s) => Some(s),
            Topic::ResourceType(t) | Topic::SamResourceType(t) => type_parts(t).map(|(ns, _)| ns),
            Topic::Property { resource_type, .. } => type_parts(resource_type).map(|(ns, _)| ns),
            Topic::IamAction(a) => a.split_once(':').map(|(p, _)| p),
            Topic::AppSpecHook(_) => Some("CodeDeploy"),
            Topic::TemplateSection(_) | Topic::IntrinsicFunction(_) => Some("CloudFormation"),
            Topic::LambdaRuntime(_) => Some("Lambda"),
            Topic::Text(_) => None,
        }
    }
}

impl std::fmt::Display for Topic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Topic::Property {
                resource_type,
                property,
            } => write!(f, "{resource_type}.{property}"),
            Topic::Service(s)
            | Topic::ResourceType(s)
            | Topic::IamAction(s)
            | Topic::AppSpecHook(s)
            | Topic::SamResourceType(s)
            | Topic::TemplateSection(s)
            | Topic::IntrinsicFunction(s)
            | Topic::LambdaRuntime(s)
            | Topic::Text(s) => f.write_str(s),
        }
    }
}

/// Splits `AWS::X::Y.Prop` into the type and the property path.
fn split_property(full: &str) -> (String, Option<String>) {
    match full.split_once('.') {
        Some((type_name, prop)) if !prop.is_empty() => {
            (type_name.to_string(), Some(prop.to_string()))
        }
        _ => (full.to_string(), None),
    }
}

/// `AWS::DynamoDB::Table` → (`DynamoDB`, `Table`); the name may contain `::`.
pub(crate) fn type_parts(type_name: &str) -> Option<(&str, &str)> {
    let rest = type_name.strip_prefix("AWS::")?;
    let (ns, name) = rest.split_once("::")?;
    Some((ns, name))
}

/// The runtime family of a Lambda runtime identifier (`python3.12` → `python`).
pub(crate) fn runtime_family(runtime: &str) -> Option<&'static str> {
    let lower = runtime.to_ascii_lowercase();
    RUNTIME_FAMILIES.iter().copied().find(|family| {
        lower.strip_prefix(family).is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_guesses_kinds() {
        assert_eq!(
            Topic::parse("AWS::DynamoDB::Table"),
            Topic::ResourceType("AWS::DynamoDB::Table".into())
        );
        assert_eq!(
            Topic::parse("AWS::DynamoDB::Table.ProvisionedThroughput"),
            Topic::Property {
                resource_type: "AWS::DynamoDB::Table".into(),
                property: "ProvisionedThroughput".into()
            }
        );
        assert_eq!(
            Topic::parse("AWS::Serverless::Function"),
            Topic::SamResourceType("AWS::Serverless::Function".into())
        );
        assert_eq!(Topic::parse("AWS::Lambda"), Topic::Service("Lambda".into()));
        assert_eq!(
            Topic::parse("dynamodb:Query"),
            Topic::IamAction("dynamodb:Query".into())
        );
        assert_eq!(Topic::parse("s3:Get*"), Topic::IamAction("s3:Get*".into()));
        assert_eq!(
            Topic::parse("beforeinstall"),
            Topic::AppSpecHook("BeforeInstall".into())
        );
        assert_eq!(
            Topic::parse("Mappings"),
            Topic::TemplateSection("Mappings".into())
        );
        assert_eq!(
            Topic::parse("Fn::ImportValue"),
            Topic::IntrinsicFunction("Fn::ImportValue".into())
        );
        assert_eq!(Topic::parse("!Sub"), Topic::IntrinsicFunction("Sub".into()));
        assert_eq!(Topic::parse("Ref"), Topic::IntrinsicFunction("Ref".into()));
        assert_eq!(
            Topic::parse("python3.12"),
            Topic::LambdaRuntime("python3.12".into())
        );
        assert_eq!(
            Topic::parse("nodejs20.x"),
            Topic::LambdaRuntime("nodejs20.x".into())
        );
        assert_eq!(
            Topic::parse("Dynamo DB"),
            Topic::Service("Dynamo DB".into())
        );
        assert_eq!(
            Topic::parse("lazy loading"),
            Topic::Text("lazy loading".into())
        );
        assert_eq!(
            Topic::parse("Fn::GetAtt: x y"),
            Topic::IntrinsicFunction("Fn::GetAtt: x y".into())
        );
    }

    #[test]
    fn service_names() {
        assert_eq!(Topic::parse("AWS::SQS::Queue").service_name(), Some("SQS"));
        assert_eq!(Topic::parse("sts:AssumeRole").service_name(), Some("sts"));
        assert_eq!(Topic::parse("lazy").service_name(), None);
        assert_eq!(runtime_family("go1.x"), Some("go"));
        assert_eq!(runtime_family("golang"), None);
    }
}
