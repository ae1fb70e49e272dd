//! Resource `Type`s: which schema checks a resource, and unknown types.
//!
//! `AWS::` and `Alexa::` types must exist. `Custom::*` types use the custom
//! resource schema. Other namespaces may be registry extensions
//! (`MongoDB::Atlas::Cluster`), so they are reported only when they are
//! malformed or differ from a known type by letter case alone.

use crate::analysis::rules::Rule;
use std::collections::HashMap;

use awsls_grammars::{NodeKind, ScalarKind};

use crate::analysis::suggest;
use crate::analysis::{Finding, Fix, Snapshot};
use crate::schema::{cfn, ResourceSchema};

use super::super::template::Resource;
use super::edits;

/// Longest `Type` compared against every known type for a suggestion.
const MAX_SUGGESTED_LEN: usize = 128;

pub(super) const CUSTOM_RESOURCE: &str = "AWS::CloudFormation::CustomResource";

/// True for `Service::Provider::Resource` (and `...::MODULE`) made of plain words.
fn well_formed(name: &str) -> bool {
    let parts: Vec<&str> = name.split("::").collect();
    (parts.len() == 3 || (parts.len() == 4 && parts.last() == Some(&"MODULE")))
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

fn type_names() -> impl Iterator<Item = &'static str> {
    cfn::type_names().iter().map(|n| &**n)
}

/// Type name suggestions already computed for one template (a typo is often repeated).
#[derive(Default)]
pub(super) struct Suggestions(HashMap<String, Option<&'static str>>);

impl Suggestions {
    /// The known type closest to `name`; edit distances against every type
    /// name are only computed for names of plausible length.
    fn closest(&mut self, name: &str) -> Option<&'static str> {
        if name.len() > MAX_SUGGESTED_LEN {
            return None;
        }
        if let Some(found) = self.0.get(name) {
            return *found;
        }
        let found = suggest::closest(name, type_names());
        self.0.insert(name.to_string(), found);
        found
    }
}

/// The schema that checks `resource`'s properties, reporting an unknown type.
/// `None` when there is nothing to check (no plain `Type`, SAM, modules,
/// extensions, or an unknown type).
pub(super) fn schema_for(
    snapshot: &Snapshot,
    resource: &Resource,
    suggestions: &mut Suggestions,
    findings: &mut Vec<Finding>,
) -> Option<&'static ResourceSchema> {
    let doc = &snapshot.document;
    let type_node = doc.resolve(doc.get(resource.decl.node, "Type")?);
    let n = doc.node(type_node);
    let NodeKind::Scalar(scalar) = &n.kind else {
        return None;
    };
    if scalar.kind != ScalarKind::String
        || n.tag.as_ref().is_some_and(|t| !t.name.starts_with("!!"))
    {
        return None;
    }
    let name = scalar.value.as_str();
    if name.starts_with("AWS::Serverless::") {
        // SAM types are checked by the SAM analysis; without the transform
        // CloudFormation rejects them.
        if snapshot.kind != Some(crate::analysis::DocKind::Sam) {
            findings.push(Finding::new(Rule::ServerlessWithoutTransform,
                n.span,
                format!(
                    "`{name}` is a SAM type: add `Transform: AWS::Serverless-2016-10-31` to the template"
                ),
            ));
        }
        return None;
    }
    if name.ends_with("::MODULE") {
        return None;
    }
    if name.starts_with("Custom::") && name.len() > "Custom::".len() {
        return cfn::resource(CUSTOM_RESOURCE);
    }
    if let Some(schema) = cfn::resource(name) {
        return Some(schema);
    }
    let aws = name.starts_with("AWS::") || name.starts_with("Alexa::");
    let case_slip = type_names().find(|t| t.eq_ignore_ascii_case(name));
    if !aws && well_formed(name) && case_slip.is_none() {
        return None;
    }
    let suggestion = case_slip.or_else(|| suggestions.closest(name));
    let message = match suggestion {
        Some(s) => format!("`{name}` is not a CloudFormation resource type; did you mean `{s}`?"),
        None if !well_formed(name) => format!(
            "`{name}` is not a resource type name: write `AWS::Service::Resource` (or `Custom::Name` for a custom resource)"
        ),
        None => format!("`{name}` is not a CloudFormation resource type; check the name in the resource type reference"),
    };
    let mut finding = Finding::new(Rule::UnknownResourceType, n.span, message);
    if let Some(s) = suggestion {
        finding = finding.with_fix(Fix {
            title: format!("Change to `{s}`"),
            edits: vec![edits::replace_scalar(snapshot, type_node, s)],
            preferred: true,
        });
    }
    findings.push(finding);
    None
}
