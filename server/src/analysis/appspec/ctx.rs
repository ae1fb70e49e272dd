//! The state shared by the AppSpec checks ([`Ctx`]) and the generic checks of
//! one mapping against its [`Shape`]: unknown keys, missing keys, closed sets
//! of values and value types.

use crate::analysis::rules::Rule;
use awsls_grammars::{Document, NodeId, NodeKind, ScalarKind, Span};

use super::platform::Platform;
use super::shapes::{self, KeyDoc, Shape};
use super::suggest;
use crate::analysis::{Finding, Fix, Snapshot, TextEdit};

pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub text: String,
    pub platform: Option<Platform>,
    /// The `os` value when it is `linux` or `windows`.
    pub os: Option<&'a str>,
    pub findings: &'a mut Vec<Finding>,
}

/// What a value is, for messages.
pub fn describe(doc: &Document, node: NodeId) -> &'static str {
    match &doc.node(doc.resolve(node)).kind {
        NodeKind::Mapping(_) => "a mapping",
        NodeKind::Sequence(_) => "a list",
        NodeKind::Scalar(s) => match s.kind {
            ScalarKind::String => "a string",
            ScalarKind::Integer | ScalarKind::Float => "a number",
            ScalarKind::Bool => "a boolean",
            ScalarKind::Null => "empty",
        },
        NodeKind::Null => "empty",
        NodeKind::Alias { .. } => "an alias",
        NodeKind::Intrinsic(_) => "a function call",
        NodeKind::Invalid => "invalid",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Mapping,
    List,
    /// A string, number or boolean.
    Scalar,
}

impl Expect {
    fn label(self) -> &'static str {
        match self {
            Expect::Mapping => "a mapping",
            Expect::List => "a list",
            Expect::Scalar => "a single value",
        }
    }
}

impl<'a> Ctx<'a> {
    pub fn new(snapshot: &'a Snapshot, findings: &'a mut Vec<Finding>) -> Ctx<'a> {
        Ctx {
            doc: &snapshot.document,
            text: snapshot.text.to_string(),
            platform: None,
            os: None,
            findings,
        }
    }

    /// Reports a finding of `rule` (with the rule's severity).
    pub fn report(&mut self, rule: Rule, span: Span, message: impl Into<String>) {
        self.findings.push(Finding::new(rule, span, message));
    }

    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    pub fn span(&self, node: NodeId) -> Span {
        self.doc.node(node).span
    }

    /// The source text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The span without its quotes, when it is a quoted string.
    pub fn unquoted(&self, span: Span) -> Span {
        let written = self.slice(span);
        let quoted = written.len() >= 2
            && ((written.starts_with('"') && written.ends_with('"'))
                || (written.starts_with('\'') && written.ends_with('\'')));
        if quoted {
            Span::new(span.start + 1, span.end - 1)
        } else {
            span
        }
    }

    /// A fix that replaces the written word at `span` (keeping quotes) with `new_text`.
    pub fn replace_fix(&self, title: String, span: Span, new_text: &str) -> Fix {
        Fix {
            title,
            edits: vec![TextEdit {
                span: self.unquoted(span),
                new_text: new_text.to_string(),
            }],
            preferred: true,
        }
    }

    /// Reports `node` when it is not of the expected kind; true when it is.
    /// Empty values count as wrong too.
    pub fn expect(&mut self, node: NodeId, expect: Expect, what: &str) -> bool {
        let node_kind = &self.doc.node(self.doc.resolve(node)).kind;
        let ok = match (expect, node_kind) {
            (Expect::Mapping, NodeKind::Mapping(_)) => true,
            (Expect::List, NodeKind::Sequence(_)) => true,
            (Expect::Scalar, NodeKind::Scalar(s)) => s.kind != ScalarKind::Null,
            _ => false,
        };
        if !ok {
            let found = describe(self.doc, node);
            let span = self.span(node);
            self.report(
                Rule::AppspecWrongType,
                span,
                format!("`{what}` must be {}, not {found}.", expect.label()),
            );
        }
        ok
    }

    /// True for a value left out (`key:`), `null`, `~` or `""`.
    pub fn is_empty(&self, node: NodeId) -> bool {
        match &self.doc.node(self.doc.resolve(node)).kind {
            NodeKind::Null => true,
            NodeKind::Scalar(s) => s.kind == ScalarKind::Null || s.value.is_empty(),
            _ => false,
        }
    }

    /// Where to report a problem with a whole mapping: the key that holds it,
    /// else its first key, else the mapping itself.
    pub fn anchor(&self, mapping: NodeId, holder: Option<Span>) -> Span {
        if let Some(span) = holder {
            return span;
        }
        match self.doc.mapping(mapping).and_then(|e| e.first()) {
            Some(first) => first.key.span,
            None => self.span(mapping),
        }
    }

    /// Unknown keys (with a suggestion), missing required keys and values
    /// outside a closed set.
    pub fn check_keys(&mut self, mapping: NodeId, shape: Shape, holder: Option<Span>) {
        let doc = self.doc;
        let Some(entries) = doc.mapping(mapping) else {
            return;
        };
        let known: Vec<&str> = shapes::keys(shape).iter().map(|k| k.name).collect();
        for entry in entries {
            let name = entry.key.text.as_str();
            match shapes::key_doc(shape, name) {
                Some(key_doc) => self.check_value_in_set(key_doc, entry.value),
                None => self.unknown_key(shape, name, entry.key.span, &known),
            }
        }
        for required in shapes::keys(shape).iter().filter(|k| k.required) {
            let present = entries
                .iter()
                .any(|e| shapes::root_spelling(shape, &e.key.text) == required.name);
            let exempt =
                shape == Shape::Root(None) || (shape_is_root(shape) && required.name == "version");
            if !present && !exempt {
                let span = self.anchor(mapping, holder);
                self.report(
                    Rule::AppspecMissingKey,
                    span,
                    format!("Missing required key `{}`: {}", required.name, required.doc),
                );
            }
        }
    }

    fn unknown_key(&mut self, shape: Shape, name: &str, span: Span, known: &[&str]) {
        // Undocumented, but read by the CodeDeploy agent.
        if shape == Shape::HookScript && name == "sudo" {
            return;
        }
        if let (Shape::Root(Some(platform)), Some(owner)) = (shape, other_platform_key(name)) {
            if (owner == Platform::Ec2) != (platform == Platform::Ec2) {
                let message = format!(
                    "`{name}` belongs to {} AppSpec files; this one deploys to {}.",
                    owner_label(owner),
                    platform.label()
                );
                self.report(Rule::AppspecWrongPlatformKey, span, message);
                return;
            }
        }
        let suggestion = suggest::closest(name, known);
        let message = format!(
            "Unknown key `{name}`.{} Known keys here: {}.",
            suggest::did_you_mean(suggestion),
            known.join(", ")
        );
        let mut finding = Finding::new(Rule::AppspecUnknownKey, span, message);
        if let Some(s) = suggestion {
            finding = finding.with_fix(self.replace_fix(format!("Change to `{s}`"), span, s));
        }
        self.push(finding);
    }

    fn check_value_in_set(&mut self, doc: &KeyDoc, value: NodeId) {
        if doc.values.is_empty() {
            return;
        }
        if !self.expect(value, Expect::Scalar, doc.name) {
            return;
        }
        let allowed: Vec<&str> = doc.values.iter().map(|(v, _)| *v).collect();
        self.check_in_set(doc.name, value, &allowed);
    }

    /// Reports a scalar outside `allowed`, with a suggestion and a fix.
    pub fn check_in_set(&mut self, what: &str, value: NodeId, allowed: &[&str]) {
        let doc = self.doc;
        let Some(written) = doc.str_value(value) else {
            return;
        };
        if allowed.contains(&written) {
            return;
        }
        let suggestion = suggest::closest(written, allowed);
        let span = self.span(value);
        let message = format!(
            "`{written}` is not a valid `{what}`: use {}.{}",
            quoted_list(allowed),
            suggest::did_you_mean(suggestion)
        );
        let mut finding = Finding::new(Rule::AppspecInvalidValue, span, message);
        if let Some(s) = suggestion {
            finding = finding.with_fix(self.replace_fix(format!("Change to `{s}`"), span, s));
        }
        self.push(finding);
    }

    /// Reports a scalar that is empty; true when it has text.
    pub fn expect_text(&mut self, value: NodeId, what: &str) -> bool {
        if !self.expect(value, Expect::Scalar, what) {
            return false;
        }
        if self
            .doc
            .str_value(value)
            .is_some_and(|v| v.trim().is_empty())
        {
            let span = self.span(value);
            self.report(Rule::AppspecEmptyValue, span, format!("`{what}` is empty."));
            return false;
        }
        true
    }

    /// An integer value within bounds; reports anything else.
    pub fn check_integer(&mut self, value: NodeId, what: &str, min: i64, max: i64) {
        if !self.expect(value, Expect::Scalar, what) {
            return;
        }
        let number = self
            .doc
            .str_value(value)
            .and_then(|v| v.trim().parse::<i64>().ok());
        if !number.is_some_and(|n| (min..=max).contains(&n)) {
            let span = self.span(value);
            self.report(
                Rule::AppspecInvalidValue,
                span,
                format!("`{what}` must be a whole number from {min} to {max}."),
            );
        }
    }
}

fn shape_is_root(shape: Shape) -> bool {
    matches!(shape, Shape::Root(_))
}

/// Top-level keys that only one kind of platform has.
fn other_platform_key(name: &str) -> Option<Platform> {
    match name {
        "os" | "files" | "permissions" | "file_exists_behavior" => Some(Platform::Ec2),
        "resources" | "Resources" => Some(Platform::Lambda),
        _ => None,
    }
}

fn owner_label(owner: Platform) -> &'static str {
    match owner {
        Platform::Ec2 => "EC2/On-Premises",
        _ => "Lambda and ECS",
    }
}

/// "`a`, `b` or `c`".
pub fn quoted_list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {}", rest.join(", "), last),
    }
}
