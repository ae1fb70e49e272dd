//! The parts of a policy document as the checks see them: which kind of
//! policy it is, its statements and each statement's elements.

use awsls_grammars::{Document, NodeId, Span};

use super::values;

/// What a policy is used for, which decides the elements it may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    /// Attached to a user, group or role: no `Principal`.
    Identity,
    /// Attached to a resource (bucket, queue, key, ...): `Principal` required.
    Resource,
    /// A role's trust policy: `Principal` required, no `Resource`.
    Trust,
    /// A standalone file: could be any of the above (or an SCP).
    Unknown,
}

impl PolicyKind {
    pub fn describe(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity-based policy",
            PolicyKind::Resource => "resource-based policy",
            PolicyKind::Trust => "role trust policy",
            PolicyKind::Unknown => "policy",
        }
    }
}

/// A policy document somewhere in a snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    pub root: NodeId,
    pub kind: PolicyKind,
    /// True inside a template, where intrinsic functions are allowed.
    pub embedded: bool,
}

/// `Effect`'s value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// An element written as `Key` or `NotKey` (`Action`/`NotAction`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element {
    pub key_span: Span,
    pub node: NodeId,
    pub negated: bool,
}

/// One statement's elements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub node: NodeId,
    pub span: Span,
    pub effect: Option<Effect>,
    pub action: Option<Element>,
    pub resource: Option<Element>,
    pub principal: Option<Element>,
    pub condition: Option<Element>,
}

pub const STATEMENT_KEYS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

pub const POLICY_KEYS: &[&str] = &["Version", "Id", "Statement"];

/// The statement nodes of a policy (one mapping or a list; `Fn::If` followed).
pub fn statement_nodes(doc: &Document, root: NodeId) -> Vec<NodeId> {
    match doc.get(root, "Statement") {
        Some(statement) => values::items(doc, statement),
        None => Vec::new(),
    }
}

fn element(doc: &Document, id: NodeId, key: &str, not_key: &str) -> Option<Element> {
    let entries = doc.mapping(id)?;
    let found = entries
        .iter()
        .find(|e| e.key.text == key)
        .map(|e| (e, false))
        .or_else(|| {
            entries
                .iter()
                .find(|e| e.key.text == not_key)
                .map(|e| (e, true))
        })?;
    Some(Element {
        key_span: found.0.key.span,
        node: found.0.value,
        negated: found.1,
    })
}

/// Reads a statement mapping; `None` for anything else.
pub fn read(doc: &Document, id: NodeId) -> Option<Statement> {
    doc.mapping(id)?;
    let effect = doc
        .get(id, "Effect")
        .and_then(|e| doc.str_value(e))
        .and_then(|e| match e {
            "Allow" => Some(Effect::Allow),
            "Deny" => Some(Effect::Deny),
            _ => None,
        });
    let condition = doc.entry(id, "Condition").map(|e| Element {
        key_span: e.key.span,
        node: e.value,
        negated: false,
    });
    Some(Statement {
        node: id,
        span: doc.node(id).span,
        effect,
        action: element(doc, id, "Action", "NotAction"),
        resource: element(doc, id, "Resource", "NotResource"),
        principal: element(doc, id, "Principal", "NotPrincipal"),
        condition,
    })
}
