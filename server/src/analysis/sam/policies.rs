//! `Policies` of functions and state machines: AWS managed policy names and
//! ARNs, SAM policy templates with their parameters, and inline policy
//! documents (checked as IAM policies by the IAM analysis).

use crate::analysis::rules::Rule;
use awsls_grammars::{Entry, NodeId, NodeKind};

use crate::analysis::cfn::template::Resource;
use crate::analysis::{Finding, Snapshot};
use crate::schema::sam;

use super::globals::with_rename;
use super::values::{and_list, text};

/// Resource types whose `Policies` SAM turns into the execution role's policies.
pub const OWNERS: &[&str] = &["AWS::Serverless::Function", "AWS::Serverless::StateMachine"];

/// Keys of an inline policy document.
const DOCUMENT_KEYS: &[&str] = &["Statement", "Version", "Id"];

pub fn check(snapshot: &Snapshot, resource: &Resource, findings: &mut Vec<Finding>) {
    let doc = &snapshot.document;
    let Some(policies) = resource.properties.and_then(|p| doc.get(p, "Policies")) else {
        return;
    };
    match &doc.node(doc.resolve(policies)).kind {
        NodeKind::Sequence(items) => {
            for item in items {
                item_check(snapshot, *item, findings);
            }
        }
        _ => item_check(snapshot, policies, findings),
    }
}

fn item_check(snapshot: &Snapshot, item: NodeId, findings: &mut Vec<Finding>) {
    let doc = &snapshot.document;
    if let Some(name) = text(doc, item) {
        managed(snapshot, item, name, findings);
        return;
    }
    let Some(entries) = doc.mapping(item) else {
        return;
    };
    if entries
        .iter()
        .any(|e| DOCUMENT_KEYS.contains(&e.key.text.as_str()))
    {
        // An inline policy document: the IAM analysis checks it.
        return;
    }
    for entry in entries {
        template(snapshot, entry, findings);
    }
}

/// An AWS managed policy given by name or ARN.
fn managed(snapshot: &Snapshot, node: NodeId, name: &str, findings: &mut Vec<Finding>) {
    let span = snapshot.document.node(snapshot.document.resolve(node)).span;
    if name.starts_with("arn:") {
        if !is_policy_arn(name) {
            findings.push(Finding::new(Rule::SamInvalidPolicyArn,
                span,
                format!("`{name}` is not an IAM policy ARN; write `arn:aws:iam::aws:policy/NAME` or `arn:aws:iam::123456789012:policy/NAME`"),
            ));
        }
        return;
    }
    if sam::policy_template(name).is_some() {
        findings.push(Finding::new(Rule::SamPolicyTemplateWithoutParameters,
            span,
            format!("`{name}` is a SAM policy template: write it as a mapping, `{name}: {{...}}`, with its parameters"),
        ));
        return;
    }
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c));
    if !valid {
        findings.push(Finding::new(
            Rule::SamInvalidManagedPolicy,
            span,
            format!("`{name}` is neither an AWS managed policy name nor a policy ARN"),
        ));
    }
}

/// `arn:<partition>:iam::<aws|account>:policy/<path/name>`.
pub fn is_policy_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts.as_slice() else {
        return false;
    };
    let name_ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c))
    };
    *prefix == "arn"
        && partition.starts_with("aws")
        && *service == "iam"
        && region.is_empty()
        && (*account == "aws"
            || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())))
        && resource.strip_prefix("policy/").is_some_and(name_ok)
}

/// A `TemplateName: {Parameter: value}` entry.
fn template(snapshot: &Snapshot, entry: &Entry, findings: &mut Vec<Finding>) {
    let doc = &snapshot.document;
    let name = entry.key.text.as_str();
    let Some(found) = sam::policy_template(name) else {
        let finding = Finding::new(
            Rule::SamUnknownPolicyTemplate,
            entry.key.span,
            format!("`{name}` is not a SAM policy template"),
        );
        findings.push(with_rename(
            snapshot,
            finding,
            name,
            entry.key.span,
            sam::policy_template_names(),
        ));
        return;
    };
    let value = doc.resolve(entry.value);
    let given: &[Entry] = match &doc.node(value).kind {
        NodeKind::Mapping(entries) => entries,
        NodeKind::Null => &[],
        NodeKind::Scalar(s) if s.value.is_empty() => &[],
        NodeKind::Intrinsic(_) | NodeKind::Alias { .. } | NodeKind::Invalid => return,
        _ => {
            findings.push(Finding::new(
                Rule::SamInvalidPolicyTemplate,
                entry.key.span,
                format!("The parameters of `{name}` must be a mapping (`{{}}` when it takes none)"),
            ));
            return;
        }
    };
    if given.iter().any(|e| e.key.text == "<<") {
        return;
    }
    let params: Vec<&str> = found.parameters.iter().map(|p| &**p).collect();
    for e in given {
        if !params.contains(&e.key.text.as_str()) {
            let message = if params.is_empty() {
                format!("`{name}` takes no parameters; write `{name}: {{}}`")
            } else {
                format!(
                    "`{}` is not a parameter of `{name}`; its parameters are {}",
                    e.key.text,
                    and_list(&params)
                )
            };
            let finding =
                Finding::new(Rule::SamUnknownPolicyTemplateParameter, e.key.span, message);
            findings.push(with_rename(
                snapshot,
                finding,
                &e.key.text,
                e.key.span,
                params.iter().copied(),
            ));
        }
    }
    let missing: Vec<&str> = params
        .iter()
        .copied()
        .filter(|p| !given.iter().any(|e| e.key.text == *p))
        .collect();
    if !missing.is_empty() {
        let noun = if missing.len() == 1 {
            "parameter"
        } else {
            "parameters"
        };
        findings.push(Finding::new(
            Rule::SamMissingPolicyTemplateParameter,
            entry.key.span,
            format!("`{name}` is missing the {noun} {}", and_list(&missing)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_arns() {
        assert!(is_policy_arn(
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
        ));
        assert!(is_policy_arn(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        ));
        assert!(is_policy_arn(
            "arn:aws-cn:iam::123456789012:policy/team/Mine"
        ));
        assert!(!is_policy_arn(
            "arn:aws:iam::aws:role/AmazonS3ReadOnlyAccess"
        ));
        assert!(!is_policy_arn("arn:aws:s3:::bucket"));
        assert!(!is_policy_arn("arn:aws:iam::12345:policy/X"));
        assert!(!is_policy_arn("arn:aws:iam::aws:policy/"));
    }
}
