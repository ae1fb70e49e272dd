//! Which kind of AWS configuration file a document is, if any.
//!
//! Anything that is not recognised (a GitHub workflow, a Kubernetes manifest,
//! `package.json`) gets no analysis at all.

use awsls_grammars::{Document, NodeId};
use ropey::Rope;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    CloudFormation,
    /// A CloudFormation template with the `AWS::Serverless-2016-10-31` transform.
    Sam,
    AppSpec,
    IamPolicy,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::CloudFormation => "cloudformation",
            DocKind::Sam => "sam",
            DocKind::AppSpec => "appspec",
            DocKind::IamPolicy => "iam",
        }
    }

    /// CloudFormation or SAM.
    pub fn is_template(self) -> bool {
        matches!(self, DocKind::CloudFormation | DocKind::Sam)
    }
}

pub const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// Whether the name is one CodeDeploy reads as an AppSpec file.
pub fn is_appspec_name(name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    matches!(
        base.to_ascii_lowercase().as_str(),
        "appspec.yml" | "appspec.yaml" | "appspec.json"
    )
}

/// Detects the kind from the parsed model, falling back to a look at the raw
/// text when syntax errors left the model incomplete.
pub fn detect(doc: &Document, text: &Rope, name: &str) -> Option<DocKind> {
    if let Some(root) = doc.root() {
        if let Some(kind) = detect_from_model(doc, root, name) {
            return Some(kind);
        }
    }
    if is_appspec_name(name) {
        return Some(DocKind::AppSpec);
    }
    if doc.problems.is_empty() && doc.limited.is_none() {
        return None;
    }
    detect_from_text(text)
}

fn detect_from_model(doc: &Document, root: NodeId, name: &str) -> Option<DocKind> {
    if let Some(items) = doc.sequence(root) {
        // A template written as a list of its sections: still a template, so
        // that it is told it must be a mapping.
        let sections = items
            .iter()
            .any(|i| doc.mapping(*i).is_some() && is_template(doc, *i));
        return sections.then_some(DocKind::CloudFormation);
    }
    doc.mapping(root)?;
    if is_template(doc, root) {
        return Some(if has_sam_transform(doc, root) {
            DocKind::Sam
        } else {
            DocKind::CloudFormation
        });
    }
    if is_appspec_name(name) || is_appspec_content(doc, root) {
        return Some(DocKind::AppSpec);
    }
    if is_policy(doc, root) {
        return Some(DocKind::IamPolicy);
    }
    None
}

fn is_template(doc: &Document, root: NodeId) -> bool {
    if doc.get(root, "AWSTemplateFormatVersion").is_some() {
        return true;
    }
    let Some(resources) = doc.get(root, "Resources") else {
        return false;
    };
    // A `Resources` section whose only entry is an `Fn::ForEach` loop.
    if doc
        .intrinsic(resources)
        .is_some_and(|i| i.function.starts_with("Fn::ForEach::"))
    {
        return true;
    }
    let Some(resources) = doc.mapping(resources) else {
        return false;
    };
    resources.iter().any(|entry| {
        entry.key.text.starts_with("Fn::ForEach::")
            || doc
                .get(entry.value, "Type")
                .and_then(|t| doc.str_value(t))
                .is_some_and(|t| t.starts_with("AWS::") || t.starts_with("Custom::"))
    })
}

/// True when `Transform` names the SAM transform, alone or in a list.
pub fn has_sam_transform(doc: &Document, root: NodeId) -> bool {
    let Some(transform) = doc.get(root, "Transform") else {
        return false;
    };
    if doc.str_value(transform) == Some(SAM_TRANSFORM) {
        return true;
    }
    doc.sequence(transform).is_some_and(|items| {
        items
            .iter()
            .any(|i| doc.str_value(*i) == Some(SAM_TRANSFORM))
    })
}

/// `version: 0.0` with AppSpec sections, or (when the version is missing or
/// wrong) `os` with `files` or `hooks`: the shape of an EC2 AppSpec file.
fn is_appspec_content(doc: &Document, root: NodeId) -> bool {
    let has = |key: &str| doc.get(root, key).is_some();
    let version_ok = doc
        .get(root, "version")
        .and_then(|v| doc.str_value(v))
        .is_some_and(|v| matches!(v, "0.0" | "0"));
    let sections = ["hooks", "resources", "files", "Resources", "Hooks", "os"]
        .iter()
        .any(|k| has(k));
    (version_ok && sections) || (has("os") && (has("files") || has("hooks")))
}

/// `Statement` beside a `Version`: a policy, even when the version is wrong
/// (then it is told so rather than skipped).
fn is_policy(doc: &Document, root: NodeId) -> bool {
    doc.get(root, "Version").is_some() && doc.get(root, "Statement").is_some()
}

/// A rough look at the text for documents too broken to have a usable model.
fn detect_from_text(text: &Rope) -> Option<DocKind> {
    let head: String = text.chunks().take(64).collect();
    let has = |needle: &str| head.contains(needle);
    if has("AWSTemplateFormatVersion") || (has("Resources") && (has("AWS::") || has("Custom::"))) {
        return Some(if has(super::kind::SAM_TRANSFORM) {
            DocKind::Sam
        } else {
            DocKind::CloudFormation
        });
    }
    let line_starts = |key: &str| head.lines().any(|l| l.starts_with(key));
    if line_starts("version")
        && (line_starts("os:") || line_starts("hooks:") || line_starts("files:"))
    {
        return Some(DocKind::AppSpec);
    }
    if (has("\"Version\"") || has("Version:"))
        && (has("2012-10-17") || has("2008-10-17"))
        && has("Statement")
    {
        return Some(DocKind::IamPolicy);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::analysis::{DocKind, Snapshot};

    fn kind(name: &str, text: &str) -> Option<DocKind> {
        Snapshot::from_text(name, text).kind
    }

    #[test]
    fn a_policy_with_a_wrong_version_is_still_a_policy() {
        let json = r#"{"Version": "2012-10-18", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
        assert_eq!(kind("policy.json", json), Some(DocKind::IamPolicy));
        let yaml = "Version: '2012-10-18'\nStatement: []\n";
        assert_eq!(kind("policy.yaml", yaml), Some(DocKind::IamPolicy));
        assert_eq!(kind("other.json", r#"{"Version": "1"}"#), None);
    }

    #[test]
    fn a_template_written_as_a_list_is_a_template() {
        let text = "- AWSTemplateFormatVersion: '2010-09-09'\n- Resources: {}\n";
        assert_eq!(kind("t.yaml", text), Some(DocKind::CloudFormation));
        assert_eq!(kind("list.yaml", "- a\n- b: 1\n"), None);
    }
}
