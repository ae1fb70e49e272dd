//! The template's `Transform` section: AWS-owned transforms keep resources
//! checkable; any other (a macro) may rewrite the whole template.

use awsls_grammars::{Document, NodeId};

/// Transforms run by CloudFormation itself, which leave resources intact.
const AWS_TRANSFORMS: &[&str] = &[
    "AWS::Serverless-2016-10-31",
    "AWS::LanguageExtensions",
    "AWS::CodeDeployBlueGreen",
    "AWS::Include",
    "AWS::SecretsManager-2020-07-23",
    "AWS::SecretsManager-2024-09-16",
];

/// True when `Transform` names anything but AWS-owned transforms (or is not plain text).
pub(super) fn has_macro(doc: &Document, root: NodeId) -> bool {
    let Some(node) = doc.get(root, "Transform") else {
        return false;
    };
    let names: Vec<NodeId> = match doc.sequence(node) {
        Some(items) => items.to_vec(),
        None => vec![node],
    };
    if matches!(
        doc.node(doc.resolve(node)).kind,
        awsls_grammars::NodeKind::Null
    ) {
        return false;
    }
    names.iter().any(|n| match doc.str_value(*n) {
        Some(name) => !AWS_TRANSFORMS.contains(&name),
        None => true,
    })
}
