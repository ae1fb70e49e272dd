//! Policy documents inside CloudFormation and SAM templates, found by where
//! they sit (`AssumeRolePolicyDocument`, `PolicyDocument`, `KeyPolicy`, SAM
//! function `Policies`, ...), each with the kind that place gives it; and the
//! `ManagedPolicyArns` lists of roles, users and groups.

use crate::analysis::rules::Rule;
use awsls_grammars::{Document, NodeId};

use crate::analysis::{Finding, Snapshot};

use super::arn;
use super::statement::{Policy, PolicyKind};
use super::values::{self, Value};

/// Resource types and the property (a dotted path) holding their policy document.
const DOCUMENT_PROPERTIES: &[(&str, &str, PolicyKind)] = &[
    (
        "AWS::IAM::Role",
        "AssumeRolePolicyDocument",
        PolicyKind::Trust,
    ),
    (
        "AWS::Serverless::Function",
        "AssumeRolePolicyDocument",
        PolicyKind::Trust,
    ),
    ("AWS::IAM::Policy", "PolicyDocument", PolicyKind::Identity),
    (
        "AWS::IAM::ManagedPolicy",
        "PolicyDocument",
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::RolePolicy",
        "PolicyDocument",
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::UserPolicy",
        "PolicyDocument",
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::GroupPolicy",
        "PolicyDocument",
        PolicyKind::Identity,
    ),
    (
        "AWS::SSO::PermissionSet",
        "InlinePolicy",
        PolicyKind::Identity,
    ),
    (
        "AWS::S3::BucketPolicy",
        "PolicyDocument",
        PolicyKind::Resource,
    ),
    (
        "AWS::S3Express::BucketPolicy",
        "PolicyDocument",
        PolicyKind::Resource,
    ),
    (
        "AWS::SQS::QueuePolicy",
        "PolicyDocument",
        PolicyKind::Resource,
    ),
    (
        "AWS::SNS::TopicPolicy",
        "PolicyDocument",
        PolicyKind::Resource,
    ),
    (
        "AWS::EC2::VPCEndpoint",
        "PolicyDocument",
        PolicyKind::Resource,
    ),
    ("AWS::KMS::Key", "KeyPolicy", PolicyKind::Resource),
    ("AWS::KMS::ReplicaKey", "KeyPolicy", PolicyKind::Resource),
    (
        "AWS::SecretsManager::ResourcePolicy",
        "ResourcePolicy",
        PolicyKind::Resource,
    ),
    (
        "AWS::ECR::Repository",
        "RepositoryPolicyText",
        PolicyKind::Resource,
    ),
    (
        "AWS::Elasticsearch::Domain",
        "AccessPolicies",
        PolicyKind::Resource,
    ),
    (
        "AWS::OpenSearchService::Domain",
        "AccessPolicies",
        PolicyKind::Resource,
    ),
    ("AWS::ApiGateway::RestApi", "Policy", PolicyKind::Resource),
    ("AWS::S3::AccessPoint", "Policy", PolicyKind::Resource),
    (
        "AWS::EFS::FileSystem",
        "FileSystemPolicy",
        PolicyKind::Resource,
    ),
    (
        "AWS::Backup::BackupVault",
        "AccessPolicy",
        PolicyKind::Resource,
    ),
    (
        "AWS::CodeArtifact::Domain",
        "PermissionsPolicyDocument",
        PolicyKind::Resource,
    ),
    (
        "AWS::CodeArtifact::Repository",
        "PermissionsPolicyDocument",
        PolicyKind::Resource,
    ),
    (
        "AWS::ECR::RegistryPolicy",
        "PolicyText",
        PolicyKind::Resource,
    ),
    (
        "AWS::ECR::PublicRepository",
        "RepositoryPolicyText",
        PolicyKind::Resource,
    ),
    (
        "AWS::Kinesis::ResourcePolicy",
        "ResourcePolicy",
        PolicyKind::Resource,
    ),
    (
        "AWS::CloudTrail::ResourcePolicy",
        "ResourcePolicy",
        PolicyKind::Resource,
    ),
    (
        "AWS::EventSchemas::RegistryPolicy",
        "Policy",
        PolicyKind::Resource,
    ),
    (
        "AWS::DynamoDB::Table",
        "ResourcePolicy.PolicyDocument",
        PolicyKind::Resource,
    ),
];

/// Resource types with a `Policies` list of `{PolicyName, PolicyDocument}`.
const POLICY_LISTS: &[&str] = &["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"];

/// SAM resource types whose `Policies` may hold inline policy documents.
const SAM_POLICY_OWNERS: &[&str] = &["AWS::Serverless::Function", "AWS::Serverless::StateMachine"];

/// Resource types with `ManagedPolicyArns` (and `PermissionsBoundary`).
const MANAGED_ARN_OWNERS: &[&str] = &["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"];

/// The policies and managed policy ARN lists of a template.
#[derive(Default, Debug)]
pub struct Found {
    pub policies: Vec<Policy>,
    pub managed_arns: Vec<NodeId>,
}

fn policy(root: NodeId, kind: PolicyKind) -> Policy {
    Policy {
        root,
        kind,
        embedded: true,
    }
}

/// The policy documents of the resources whose nodes pass `within`.
fn find_where(doc: &Document, within: impl Fn(NodeId) -> bool) -> Found {
    let mut found = Found::default();
    let resources = crate::analysis::cfn::template::section(doc, "Resources");
    for resource in resources.iter().filter(|r| within(r.value)) {
        find_in_resource(doc, resource.value, &mut found);
    }
    found
}

/// The policy documents and managed policy ARN lists of one resource (the
/// value of its entry under `Resources`).
pub fn find_in(doc: &Document, resource: NodeId) -> Found {
    let mut found = Found::default();
    find_in_resource(doc, resource, &mut found);
    found
}

/// The policy documents and managed policy ARN lists of one resource.
fn find_in_resource(doc: &Document, resource: NodeId, found: &mut Found) {
    let Some(ty) = doc.get(resource, "Type").and_then(|t| doc.str_value(t)) else {
        return;
    };
    let Some(properties) = doc
        .get(resource, "Properties")
        .filter(|p| doc.mapping(*p).is_some())
    else {
        return;
    };
    let mut known = false;
    for (owner, property, kind) in DOCUMENT_PROPERTIES {
        if *owner == ty {
            known = true;
            let node = property
                .split('.')
                .try_fold(properties, |at, key| doc.get(at, key));
            if let Some(node) = node {
                for item in if_items(doc, node) {
                    found.policies.push(policy(item, *kind));
                }
            }
        }
    }
    if POLICY_LISTS.contains(&ty) {
        known = true;
        if let Some(list) = doc.get(properties, "Policies") {
            for item in values::items(doc, list) {
                if let Some(document) = doc.get(item, "PolicyDocument") {
                    for item in if_items(doc, document) {
                        found.policies.push(policy(item, PolicyKind::Identity));
                    }
                }
            }
        }
    }
    if SAM_POLICY_OWNERS.contains(&ty) {
        known = true;
        if let Some(list) = doc.get(properties, "Policies") {
            for item in values::items(doc, list) {
                if doc.get(item, "Statement").is_some() {
                    found.policies.push(policy(item, PolicyKind::Identity));
                }
            }
        }
    }
    if MANAGED_ARN_OWNERS.contains(&ty) {
        for key in ["ManagedPolicyArns", "PermissionsBoundary"] {
            if let Some(list) = doc.get(properties, key) {
                found.managed_arns.push(list);
            }
        }
    }
    if !known {
        // Other resource types: a `PolicyDocument` that is a policy by shape.
        if let Some(node) = doc.get(properties, "PolicyDocument") {
            for item in if_items(doc, node) {
                if doc.get(item, "Statement").is_some() {
                    found.policies.push(policy(item, PolicyKind::Unknown));
                }
            }
        }
    }
}

/// The node itself, or the branches of an `Fn::If` (one level of nesting per branch).
fn if_items(doc: &Document, node: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack = vec![(node, 0)];
    while let Some((current, depth)) = stack.pop() {
        if values::is_no_value(doc, current) {
            continue;
        }
        match values::if_branches(doc, current) {
            Some([yes, no]) if depth < 8 => {
                stack.push((no, depth + 1));
                stack.push((yes, depth + 1));
            }
            _ => out.push(current),
        }
    }
    out
}

/// The innermost embedded policy containing `offset`.
pub fn policy_at(doc: &Document, offset: usize) -> Option<Policy> {
    find_where(doc, |resource| doc.node(resource).span.touches(offset))
        .policies
        .into_iter()
        .filter(|p| doc.node(p.root).span.touches(offset) && doc.mapping(p.root).is_some())
        .min_by_key(|p| doc.node(p.root).span.len())
}

/// Checks the shape of `ManagedPolicyArns` and `PermissionsBoundary` values.
pub fn check_managed_arns(snapshot: &Snapshot, lists: &[NodeId], findings: &mut Vec<Finding>) {
    let doc = &snapshot.document;
    for list in lists {
        for value in values::values(snapshot, doc, *list) {
            let Value::Text { text, inner, .. } = &value else {
                continue;
            };
            let masked = values::mask_variables(text, "*");
            let problem = if let Some(message) = arn::syntax_error(text) {
                Some(message)
            } else {
                arn::split(&masked).and_then(|parts| {
                    let is_policy = (parts.service == "iam" || parts.service == "*")
                        && parts.resource.starts_with("policy/");
                    (!is_policy).then(|| {
                        format!("'{text}' is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or arn:aws:iam::ACCOUNT:policy/NAME)")
                    })
                })
            };
            if let Some(message) = problem {
                findings.push(Finding::new(
                    Rule::IamInvalidManagedPolicyArn,
                    *inner,
                    message,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Snapshot;

    fn embedded_findings(text: &str) -> Vec<crate::analysis::Finding> {
        let snapshot = Snapshot::from_text("template.yaml", text);
        let mut found = Vec::new();
        super::super::check_embedded(&snapshot, &mut found);
        found.sort_by_key(|f| f.span.start);
        found
    }

    const TEMPLATE: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
      Policies:
        - PolicyName: queue
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [sqs:SendMessage, sqs:ReceiveMessage]
                Resource: !GetAtt Queue.Arn
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub arn:${AWS::Partition}:s3:::${Bucket}/*
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: sns.amazonaws.com}
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
            Condition:
              ArnEquals: {aws:SourceArn: !Ref Topic}
"#;

    #[test]
    fn good_template_has_no_findings() {
        let found = embedded_findings(TEMPLATE);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn kinds_follow_placement() {
        let text = r#"Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
            Resource: '*'
      ManagedPolicyArns: [AWSLambdaBasicExecutionRole]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Principal: '*'
                Action: sqs:SendMessagee
                Resource: !GetAtt Queue.Arn
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub '${Bucket.Arn}/*'
"#;
        let codes: Vec<_> = embedded_findings(text).iter().map(|f| f.code()).collect();
        assert_eq!(
            codes,
            [
                "iam-resource-not-allowed",
                "iam-invalid-managed-policy-arn",
                "iam-principal-not-allowed",
                "iam-unknown-action",
                "iam-missing-principal"
            ]
        );
    }

    #[test]
    fn nested_documents_and_permissions_boundaries() {
        let text = r#"Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      ResourcePolicy:
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: '*'
  User:
    Type: AWS::IAM::User
    Properties:
      PermissionsBoundary: arn:aws:s3:::not-a-policy
"#;
        let codes: Vec<_> = embedded_findings(text).iter().map(|f| f.code()).collect();
        assert_eq!(
            codes,
            ["iam-missing-principal", "iam-invalid-managed-policy-arn"]
        );
    }

    #[test]
    fn sam_function_inline_statements() {
        let text = r#"Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Policies:
        - AWSLambdaExecute
        - S3ReadPolicy: {BucketName: b}
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: dynamodb:GetItm
              Resource: !GetAtt Table.Arn
"#;
        let found = embedded_findings(text);
        let codes: Vec<_> = found.iter().map(|f| f.code()).collect();
        assert_eq!(codes, ["iam-unknown-action"]);
        assert!(found[0].message.contains("dynamodb:GetItem"));
    }
}

#[cfg(test)]
mod editing_tests {
    use crate::analysis::Snapshot;

    const TEMPLATE: &str = "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Version: '2012-10-17'\n            Statement:\n              - Effect: Allow\n                Action:\n                  - s3:Get\n                  - \n                Resource: '*'\n";

    fn at(marker: &str) -> (Snapshot, usize) {
        let offset = TEMPLATE.find(marker).expect("marker") + marker.len();
        (Snapshot::from_text("template.yaml", TEMPLATE), offset)
    }

    #[test]
    fn hover_inside_a_trust_policy() {
        let (snapshot, offset) = at("sts:Assume");
        let hover = super::super::hover_embedded(&snapshot, offset).expect("hover");
        assert!(
            hover.markdown.contains("sts:AssumeRole"),
            "{}",
            hover.markdown
        );
        let (snapshot, offset) = at("Type: AWS::IAM::R");
        assert!(super::super::hover_embedded(&snapshot, offset).is_none());
    }

    #[test]
    fn completion_inside_an_inline_policy() {
        let (snapshot, offset) = at("s3:Get");
        let entries = super::super::complete_embedded(&snapshot, offset);
        let entry = entries
            .iter()
            .find(|e| e.label == "s3:GetObject")
            .expect("s3:GetObject");
        assert_eq!(snapshot.slice(entry.replace), "s3:Get");
        let (snapshot, offset) = at("s3:Get\n                  - ");
        let entries = super::super::complete_embedded(&snapshot, offset);
        assert!(
            entries.iter().any(|e| e.label == "s3"),
            "{} entries",
            entries.len()
        );
        let (snapshot, offset) = at("Type: AWS::IAM::R");
        assert!(super::super::complete_embedded(&snapshot, offset).is_empty());
    }
}
