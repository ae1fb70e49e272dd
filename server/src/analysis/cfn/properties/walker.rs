//! The schema walker: checks one value against one shape, following `$ref`s,
//! skipping values computed by intrinsic functions, and dispatching to the
//! object, array, scalar and combinator keywords.

use crate::analysis::rules::Rule;
use awsls_grammars::{Document, NodeId, NodeKind, Span};

use crate::analysis::{Finding, Severity, Snapshot};
use crate::schema::{JsonType, ResourceSchema, Shape};

use super::edits;
use super::env::{is_list_parameter, Env};
use super::formats;
use super::scalars;
use crate::analysis::cfn::rules::parameters::is_valid_type;

/// Deepest nesting of values and combinators checked; deeper values are accepted.
const MAX_DEPTH: usize = 96;

/// Most checks made for one resource: nested combinators re-check values,
/// so pathological templates stop here instead of taking exponential time.
const BUDGET: usize = 200_000;

/// Findings of a walk, plus whether some value could not be judged
/// (an intrinsic function, a macro directive, a null).
#[derive(Default)]
pub(super) struct Out {
    pub findings: Vec<Finding>,
    pub uncertain: bool,
}

impl Out {
    pub(super) fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The outcome of checking a value against a combinator branch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Yes,
    No,
    Unknown,
}

pub(super) struct Walker<'a> {
    pub snapshot: &'a Snapshot,
    pub doc: &'a Document,
    pub schema: &'a ResourceSchema,
    /// Property names from the resource's `Properties` down to the current value.
    pub path: Vec<&'a str>,
    depth: usize,
    budget: usize,
    /// A value not to check (one that is checked elsewhere, such as SAM's
    /// `Events`).
    pub skip: Option<NodeId>,
    /// The template's parameter and resource types, to judge `Ref` and
    /// `Fn::GetAtt` values; `None` where they are not known.
    pub env: Option<&'a Env<'a>>,
    /// How many combinator branches (`oneOf`, `anyOf`, ...) are being tried:
    /// checks that judge one branch of a `Fn::If` alone stay quiet there.
    pub(super) probing: usize,
    /// The resource's `Condition`: a branch of `Fn::If` it rules out is
    /// never taken.
    pub condition: Option<&'a str>,
}

/// True for keys a preprocessor replaces before CloudFormation validates the
/// template (`Fn::Transform`, `Fn::ForEach::*`, Rain's `Rain::Embed`, ...).
fn is_directive(entries: &[awsls_grammars::Entry]) -> bool {
    entries.iter().any(|e| e.key.text.starts_with("Fn::"))
        || matches!(entries, [only] if only.key.text.contains("::"))
}

impl<'a> Walker<'a> {
    pub(super) fn new(snapshot: &'a Snapshot, schema: &'a ResourceSchema) -> Walker<'a> {
        Walker {
            snapshot,
            doc: &snapshot.document,
            schema,
            path: Vec::new(),
            depth: 0,
            budget: BUDGET,
            skip: None,
            env: None,
            probing: 0,
            condition: None,
        }
    }

    pub(super) fn type_name(&self) -> &'a str {
        &self.schema.type_name
    }

    /// The current property path for messages (`Properties` at the top).
    pub(super) fn where_(&self) -> String {
        if self.path.is_empty() {
            "Properties".to_string()
        } else {
            self.path.join(".")
        }
    }

    /// The current property's own name for messages.
    pub(super) fn name(&self) -> &str {
        self.path.last().copied().unwrap_or("Properties")
    }

    /// Checks `node` against `shape`; `label` is where object-level findings
    /// (missing properties) are reported: the key that holds the value.
    pub(super) fn value(&mut self, node: NodeId, shape: &'a Shape, label: Span, out: &mut Out) {
        if self.skip == Some(node) {
            return;
        }
        let target = self.schema.resolve(shape);
        self.check(node, target, label, out);
        // Keywords written next to a `$ref` apply too.
        if !std::ptr::eq(target, shape) && has_constraints(shape) {
            self.check(node, shape, label, out);
        }
    }

    /// Checks `node` against `shape` itself (its `$ref` already followed).
    fn check(&mut self, node: NodeId, shape: &'a Shape, label: Span, out: &mut Out) {
        if self.depth >= MAX_DEPTH || self.budget == 0 {
            out.uncertain = true;
            return;
        }
        self.budget -= 1;
        let id = self.doc.resolve(node);
        let n = self.doc.node(id);
        match &n.kind {
            NodeKind::Intrinsic(intrinsic) => {
                if intrinsic.function == "Fn::If" {
                    self.if_branches(intrinsic.argument, shape, label, out);
                } else if intrinsic.function.starts_with("Fn::ForEach::") {
                    // A mapping whose only key is a loop.
                    self.property_loop(intrinsic.argument, shape, out);
                    out.uncertain = true;
                } else {
                    self.computed(intrinsic, shape, n.span, out);
                    out.uncertain = true;
                }
                return;
            }
            NodeKind::Null | NodeKind::Invalid | NodeKind::Alias { .. } => {
                out.uncertain = true;
                return;
            }
            NodeKind::Mapping(entries) if is_directive(entries) => {
                if entries
                    .iter()
                    .any(|e| e.key.text.starts_with("Fn::ForEach::"))
                {
                    self.looped_object(entries, shape, out);
                }
                out.uncertain = true;
                return;
            }
            // `null`, and dynamic references resolved at deploy time.
            NodeKind::Scalar(s)
                if s.kind == awsls_grammars::ScalarKind::Null || s.value.contains("{{resolve:") =>
            {
                out.uncertain = true;
                return;
            }
            _ => {}
        }
        if n.tag.as_ref().is_some_and(|t| !t.name.starts_with("!!")) {
            out.uncertain = true;
            return;
        }
        self.depth += 1;
        if self.type_fits(id, shape, out) {
            let before = out.findings.len();
            let scalar = match &n.kind {
                NodeKind::Mapping(entries) => {
                    self.object(id, entries, shape, label, out);
                    false
                }
                NodeKind::Sequence(items) => {
                    self.array(id, items, shape, out);
                    self.item_formats(items, shape, out);
                    false
                }
                NodeKind::Scalar(scalar) => {
                    self.scalar(id, scalar, shape, out);
                    true
                }
                _ => false,
            };
            // A scalar already known to be wrong needs no second opinion from the branches.
            if !(scalar && out.findings.len() > before) {
                self.combinators(id, shape, label, out);
            }
        }
        self.depth -= 1;
    }

    /// `Fn::If: [condition, then, else]`: each literal branch is checked.
    fn if_branches(&mut self, argument: NodeId, shape: &'a Shape, label: Span, out: &mut Out) {
        match self.doc.sequence(argument) {
            Some([_, yes, no]) => {
                let (yes, no) = (*yes, *no);
                self.depth += 1;
                self.value(yes, shape, label, out);
                self.value(no, shape, label, out);
                self.depth -= 1;
            }
            _ => out.uncertain = true,
        }
    }

    /// Checks `node` against `shape` without reporting: the verdict and the findings.
    pub(super) fn probe(&mut self, node: NodeId, shape: &'a Shape, label: Span) -> (Verdict, Out) {
        let mut sub = Out::default();
        self.probing += 1;
        self.value(node, shape, label, &mut sub);
        self.probing -= 1;
        let verdict = if sub.has_errors() {
            Verdict::No
        } else if sub.uncertain {
            Verdict::Unknown
        } else {
            Verdict::Yes
        };
        (verdict, sub)
    }

    /// The `type` keyword with CloudFormation's conversions; reports a mismatch.
    fn type_fits(&mut self, id: NodeId, shape: &'a Shape, out: &mut Out) -> bool {
        let types = shape.types;
        if types.is_empty() {
            return true;
        }
        let n = self.doc.node(id);
        let fits = match &n.kind {
            NodeKind::Mapping(_) => types.contains(JsonType::Object),
            NodeKind::Sequence(_) => types.contains(JsonType::Array),
            NodeKind::Scalar(scalar) => {
                types.iter().any(|t| scalars::fits(scalar, t))
                    || (types.contains(JsonType::Object)
                        && scalar.kind == awsls_grammars::ScalarKind::String
                        && is_free_form(shape))
            }
            _ => true,
        };
        if !fits {
            let message = scalars::type_message(self.name(), shape, &n.kind);
            let mut finding = Finding::new(Rule::InvalidType, n.span, message);
            if types.contains(JsonType::Array) {
                if let Some(edit) = edits::wrap_in_list(self.snapshot, id) {
                    finding = finding.with_fix(crate::analysis::Fix {
                        title: "Wrap the value in a list".to_string(),
                        edits: vec![edit],
                        preferred: true,
                    });
                }
            }
            out.findings.push(finding);
        }
        fits
    }
}

/// Resource types whose `Ref` is not the ARN a property of this format
/// takes: (type, format, what `Ref` gives).
const REF_GIVES: &[(&str, &str, &str)] = &[
    ("AWS::IAM::Role", "AWS::IAM::Role.Arn", "the role's name"),
    (
        "AWS::Lambda::Function",
        "AWS::Lambda::Function.Arn",
        "the function's name",
    ),
    ("AWS::SQS::Queue", "AWS::SQS::Queue.Arn", "the queue's URL"),
];

impl<'a> Walker<'a> {
    /// A value computed by `Ref` or `Fn::GetAtt` that cannot fit `shape`:
    /// a list where one value is expected (or the reverse), or an ID of
    /// another kind than the property's format.
    fn computed(
        &mut self,
        intrinsic: &awsls_grammars::Intrinsic,
        shape: &'a Shape,
        span: Span,
        out: &mut Out,
    ) {
        let Some(env) = self.env else { return };
        let types = shape.types;
        if types.is_empty() {
            return;
        }
        let takes_list = types.contains(JsonType::Array);
        let takes_one = types
            .iter()
            .any(|t| t != JsonType::Array && t != JsonType::Object);
        let doc = self.doc;
        let problem = match intrinsic.function.as_str() {
            "Ref" => {
                let Some(name) = doc.str_value(intrinsic.argument) else {
                    return;
                };
                let wanted = shape.extra().format.as_deref();
                if let (Some(resource_type), Some(wanted)) = (env.resource(name), wanted) {
                    // `Ref` of these gives a name or URL where an ARN is wanted.
                    let gives = REF_GIVES
                        .iter()
                        .find(|(ty, format, _)| *ty == resource_type && *format == wanted);
                    if let Some((_, _, what)) = gives {
                        out.findings.push(Finding::new(
                            Rule::IncompatibleReference,
                            span,
                            format!("`!Ref {name}` gives {what}, but `{}` takes an ARN; use `!GetAtt {name}.Arn`", self.name()),
                        ));
                    }
                    return;
                }
                let Some(ty) = env.parameter(name) else {
                    return;
                };
                let list = is_list_parameter(ty);
                let wanted = shape.extra().format.as_deref();
                let given = formats::of_parameter_type(ty);
                if !is_valid_type(ty) {
                    Some(format!("`!Ref {name}` reads a parameter of type `{ty}`, which is no parameter type, so `{}` gets no usable value", self.name()))
                } else if list && !takes_list {
                    Some(format!("`!Ref {name}` is a list (a parameter of type `{ty}`), but `{}` takes a single value", self.name()))
                } else if !list
                    && takes_list
                    && !takes_one
                    && !ty.starts_with("AWS::SSM::Parameter::Value<String")
                    && ty != "String"
                {
                    Some(format!("`!Ref {name}` is a single value (a parameter of type `{ty}`), but `{}` takes a list", self.name()))
                } else if let (Some(given), Some(wanted)) = (given, wanted) {
                    formats::conflicts(given, wanted).then(|| {
                        format!(
                            "`!Ref {name}` holds a `{ty}`, but `{}` takes a `{wanted}`",
                            self.name()
                        )
                    })
                } else {
                    None
                }
            }
            "Fn::GetAtt" => {
                let Some(parts) = doc.sequence(intrinsic.argument) else {
                    return;
                };
                let (Some(resource), Some(attribute)) = (
                    parts.first().and_then(|p| doc.str_value(*p)),
                    parts.get(1).and_then(|p| doc.str_value(*p)),
                ) else {
                    return;
                };
                let Some(attribute_types) = env.attribute_types(resource, attribute) else {
                    return;
                };
                let list = env.attribute_is_list(resource, attribute);
                let single = !attribute_types.is_empty()
                    && attribute_types.iter().all(|t| t == JsonType::String);
                if list && !takes_list {
                    Some(format!(
                        "`{resource}.{attribute}` is a list, but `{}` takes a single value",
                        self.name()
                    ))
                } else if single && takes_list && !takes_one {
                    Some(format!(
                        "`{resource}.{attribute}` is a single value, but `{}` takes a list",
                        self.name()
                    ))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(message) = problem {
            out.findings
                .push(Finding::new(Rule::IncompatibleReference, span, message));
        }
    }

    /// Literal items of a list whose format names the kind of its items
    /// (`AWS::EC2::SecurityGroup.Ids`).
    fn item_formats(&mut self, items: &[NodeId], shape: &'a Shape, out: &mut Out) {
        let Some(format) = shape
            .extra()
            .format
            .as_deref()
            .and_then(formats::item_format)
        else {
            return;
        };
        for item in items {
            let id = self.doc.resolve(*item);
            let Some(scalar) = self.doc.scalar(id) else {
                continue;
            };
            if scalar.kind != awsls_grammars::ScalarKind::String || self.doc.node(id).tag.is_some()
            {
                continue;
            }
            if let Some(problem) = formats::problem(format, &scalar.value) {
                out.findings.push(Finding::new(
                    Rule::InvalidFormat,
                    self.doc.node(id).span,
                    format!("`{}` is not {problem}", scalar.value),
                ));
            }
        }
    }
}

/// An object shape with no declared properties: a JSON document, which
/// CloudFormation also accepts written as a string.
pub(super) fn is_free_form(shape: &Shape) -> bool {
    shape.properties.is_empty() && shape.pattern_properties.is_empty()
}

/// True when a shape says more than its `$ref` (keywords beside the reference).
fn has_constraints(shape: &Shape) -> bool {
    !shape.types.is_empty()
        || !shape.properties.is_empty()
        || !shape.required.is_empty()
        || !shape.enum_values.is_empty()
        || shape.pattern.is_some()
        || shape.min_length.is_some()
        || shape.max_length.is_some()
        || shape.minimum.is_some()
        || shape.maximum.is_some()
        || shape.min_items.is_some()
        || shape.max_items.is_some()
        || shape.unique_items
        || shape.items.is_some()
        || !shape.pattern_properties.is_empty()
        || !shape.one_of.is_empty()
        || !shape.any_of.is_empty()
        || !shape.all_of.is_empty()
        || !shape.dependent_required.is_empty()
        || shape.extra.is_some()
}

/// "1 item", "3 items" ("entry" becomes "entries").
pub(super) fn count_of(n: u64, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}
