//! Resource types and their properties checked against the embedded schemas:
//! unknown types, unknown and missing properties, value types (with
//! CloudFormation's conversions), enums, patterns, lengths, counts, ranges,
//! schema combinators, and Lambda runtime lifecycles.
//!
//! Values computed by intrinsic functions are never judged as literals;
//! `Fn::If` branches are checked one by one. Templates with a macro
//! `Transform` are left alone, since the macro may rewrite anything.
//! `AWS::Serverless::*` resources belong to the SAM analysis, which checks
//! them with [`validate_resource_skipping`] and the SAM schemas.

mod arrays;
mod combinators;
mod edits;
pub mod env;
pub mod formats;
mod loops;
mod objects;
pub mod patterns;
mod placeholder;
mod presence;
mod resource_type;
mod runtime;
mod scalars;
mod transforms;
mod walker;

#[cfg(test)]
mod tests;

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, Span};

use crate::analysis::{Finding, Snapshot};
use crate::schema::{ResourceSchema, Shape};

use super::template::{condition_attribute, Resource, Template};

pub use runtime::today;

use walker::{Out, Walker};

/// Checks resources one at a time, with what they share prepared once:
/// the date runtimes are judged by, and suggestions for unknown types.
pub struct Checker<'a> {
    snapshot: &'a Snapshot,
    today: String,
    env: env::Env<'a>,
    suggestions: resource_type::Suggestions,
}

impl<'a> Checker<'a> {
    /// `None` when the template's resources are not checked at all (a macro
    /// `Transform` may rewrite them).
    pub fn for_template(snapshot: &'a Snapshot, template: &'a Template) -> Option<Checker<'a>> {
        let root = template.root?;
        if transforms::has_macro(&snapshot.document, root) {
            return None;
        }
        Some(Checker {
            snapshot,
            today: runtime::today(),
            env: env::Env::of(&snapshot.document, template),
            suggestions: resource_type::Suggestions::default(),
        })
    }

    /// The findings of one resource: its type, its properties, its runtime.
    pub fn check(&mut self, resource: &Resource, findings: &mut Vec<Finding>) {
        let snapshot = self.snapshot;
        if let Some(schema) =
            resource_type::schema_for(snapshot, resource, &mut self.suggestions, findings)
        {
            validate_resource_on(
                snapshot,
                schema,
                resource,
                &self.today,
                None,
                Some(&self.env),
                findings,
            );
        }
    }

    /// The parameter and resource types of the template.
    pub fn env(&self) -> &env::Env<'a> {
        &self.env
    }

    /// A digest of the parameter and resource types the checks read.
    pub fn env_fingerprint(&self) -> u64 {
        self.env.fingerprint()
    }

    /// The date runtimes are judged by (findings depend on it).
    pub fn today(&self) -> &str {
        &self.today
    }
}

/// Checks one resource's `Properties` against `schema` (a CloudFormation or
/// SAM resource schema): missing `Properties` with required properties, every
/// property at any depth, and the Lambda runtime of function types; the
/// value `skip` is left out (checked by other means, such as SAM's `Events`).
pub fn validate_resource_skipping(
    snapshot: &Snapshot,
    schema: &ResourceSchema,
    resource: &Resource,
    skip: Option<NodeId>,
    findings: &mut Vec<Finding>,
) {
    validate_resource_on(
        snapshot,
        schema,
        resource,
        &runtime::today(),
        skip,
        None,
        findings,
    );
}

/// Checks an arbitrary value against a shape of `schema` (for example a SAM
/// `Globals` entry against the function schema's property shape). `label` is
/// where missing properties of an object value are reported.
pub fn validate_value(
    snapshot: &Snapshot,
    schema: &ResourceSchema,
    shape: &Shape,
    node: NodeId,
    label: Span,
    findings: &mut Vec<Finding>,
) {
    let mut walker = Walker::new(snapshot, schema);
    let mut out = Out::default();
    walker.value(node, shape, label, &mut out);
    findings.extend(out.findings);
}

fn validate_resource_on(
    snapshot: &Snapshot,
    schema: &ResourceSchema,
    resource: &Resource,
    today: &str,
    skip: Option<NodeId>,
    env: Option<&env::Env<'_>>,
    findings: &mut Vec<Finding>,
) {
    let doc = &snapshot.document;
    let mut walker = Walker::new(snapshot, schema);
    walker.skip = skip;
    walker.env = env;
    walker.condition = condition_attribute(doc, resource.decl.node).flatten();
    let mut out = Out::default();
    let properties_key = doc
        .entry(resource.decl.node, "Properties")
        .map(|e| e.key.span);
    match (resource.properties, properties_key) {
        (Some(node), Some(key))
            if !matches!(
                doc.node(doc.resolve(node)).kind,
                awsls_grammars::NodeKind::Null
            ) =>
        {
            walker.value(node, &schema.root, key, &mut out);
        }
        (node, key) => {
            if let (Some(node), Some(key), Some(_)) = (node, key, env) {
                if matches!(
                    doc.node(doc.resolve(node)).kind,
                    awsls_grammars::NodeKind::Null
                ) {
                    out.findings.push(Finding::new(
                        crate::analysis::rules::Rule::NullValue,
                        key,
                        "`Properties` has no value: CloudFormation does not accept nulls; remove it or give the properties",
                    ));
                }
            }
            missing_properties(&walker, resource, node, key, &mut out)
        }
    }
    findings.extend(out.findings);
    if runtime::FUNCTION_TYPES.contains(&&*schema.type_name) {
        if let Some(node) = resource.properties.and_then(|p| doc.get(p, "Runtime")) {
            runtime::check(snapshot, node, today, findings);
        }
    }
}

/// `Properties` absent or empty while the schema requires some.
fn missing_properties(
    walker: &Walker<'_>,
    resource: &Resource,
    node: Option<NodeId>,
    key: Option<Span>,
    out: &mut Out,
) {
    let schema = walker.schema;
    let required: Vec<&str> = schema.root.required.iter().map(|r| &**r).collect();
    if required.is_empty() {
        return;
    }
    let noun = if required.len() == 1 {
        "property"
    } else {
        "properties"
    };
    let message = format!(
        "`{}` is missing the required {noun} {}",
        schema.type_name,
        objects::and_list(&required)
    );
    match (node, key) {
        (Some(node), Some(key)) => {
            out.findings
                .push(walker.missing(node, &schema.root, &required, key, message));
        }
        _ => {
            let mut finding = Finding::new(
                Rule::MissingRequiredProperty,
                resource.decl.name_span,
                message,
            );
            if let Some(fix) = add_properties_fix(walker, resource, &required) {
                finding = finding.with_fix(fix);
            }
            out.findings.push(finding);
        }
    }
}

fn add_properties_fix(
    walker: &Walker<'_>,
    resource: &Resource,
    required: &[&str],
) -> Option<crate::analysis::Fix> {
    let snapshot = walker.snapshot;
    let schema = walker.schema;
    let ins = edits::Insertion::into_mapping(snapshot, resource.decl.node, None)?;
    let pairs: Vec<(String, String)> = required
        .iter()
        .map(|n| {
            (
                n.to_string(),
                placeholder::for_property(schema, &schema.root, n, snapshot.format),
            )
        })
        .collect();
    Some(crate::analysis::Fix {
        title: format!("Add `Properties` with {}", objects::and_list(required)),
        edits: vec![ins.edit(&[ins.nested("Properties", &pairs)])],
        preferred: true,
    })
}
