//! What every rule needs: the document, the template index, the references,
//! the transforms in play and helpers to build findings.

use crate::analysis::rules::Rule;
use std::collections::HashSet;

use awsls_grammars::{Document, NodeId, Span};

use crate::analysis::cfn::references::{self, Reference};
use crate::analysis::cfn::template::Template;
use crate::analysis::{pause, DocKind, Finding, Fix, Snapshot, TextEdit};

use super::implicit::ImplicitNames;
use super::transforms::Transforms;
use super::walk;

pub struct Ctx<'a> {
    pub snapshot: &'a Snapshot,
    pub doc: &'a Document,
    pub template: &'a Template,
    pub root: NodeId,
    pub implicit: &'a ImplicitNames,
    pub transforms: Transforms,
    /// Text replaced by `Fn::Transform` macros: never judged.
    pub opaque: Vec<Span>,
    pub refs: Vec<Reference>,
    /// Names of AWS::Serverless::* resources (for guessing generated names).
    serverless: Vec<&'a str>,
    resource_names: HashSet<&'a str>,
}

/// Suffixes of the resources SAM generates from the ones a template declares.
const SAM_GENERATED_SUFFIXES: &[&str] = &[
    "Role",
    "Alias",
    "Version",
    "Stage",
    "Deployment",
    "Policy",
    "Permission",
    "ApiKey",
    "UsagePlan",
    "UsagePlanKey",
    "DomainName",
    "BasePathMapping",
    "RecordSetGroup",
    "LogGroup",
    "EventSourceMapping",
    "Topic",
    "Queue",
    "Rule",
    "Subscription",
    "Authorizer",
];

impl<'a> Ctx<'a> {
    pub fn new(
        snapshot: &'a Snapshot,
        template: &'a Template,
        root: NodeId,
        implicit: &'a ImplicitNames,
    ) -> Ctx<'a> {
        let doc = &*snapshot.document;
        let sam = snapshot.kind == Some(DocKind::Sam);
        let transforms = Transforms::detect(snapshot, root, sam);
        pause::point();
        let includes = ["Fn::Transform", "!Transform"]
            .iter()
            .any(|name| snapshot.contains(name));
        let opaque = if includes {
            walk::transform_regions(doc, root)
        } else {
            Vec::new()
        };
        pause::point();
        let refs = references::collect(snapshot, template);
        pause::point();
        let serverless = template
            .resources
            .iter()
            .filter(|r| {
                r.type_name
                    .as_deref()
                    .is_some_and(|t| t.starts_with("AWS::Serverless::"))
            })
            .map(|r| r.decl.name.as_str())
            .collect();
        let resource_names = template
            .resources
            .iter()
            .map(|r| r.decl.name.as_str())
            .collect();
        Ctx {
            snapshot,
            doc,
            template,
            root,
            implicit,
            transforms,
            opaque,
            refs,
            serverless,
            resource_names,
        }
    }

    pub fn is_opaque(&self, span: Span) -> bool {
        self.opaque
            .iter()
            .any(|o| o.start <= span.start && span.end <= o.end)
    }

    pub fn is_resource(&self, name: &str) -> bool {
        self.resource_names.contains(name)
    }

    /// True when the template's declarations may be incomplete: a macro or
    /// an included snippet can add parameters, resources, conditions, ...,
    /// or a syntax error hid part of the text from the model.
    pub fn declarations_open(&self) -> bool {
        self.transforms.declarations_open() || self.partial()
    }

    /// True when a loop whose collection cannot be known may declare a
    /// resource or condition of this name (`Queue${Name}` may be `Queuea`).
    pub fn loop_may_declare(&self, name: &str) -> bool {
        self.transforms.for_each
            && self
                .template
                .resources
                .iter()
                .map(|r| &r.decl)
                .chain(self.template.conditions.iter())
                .any(|d| d.origin.is_some() && matches_pattern(&d.name, name))
    }

    /// True when syntax errors left the model incomplete.
    pub fn partial(&self) -> bool {
        self.doc.has_syntax_errors() || self.doc.limited.is_some()
    }

    /// True when an undeclared resource name may still exist once transforms ran.
    pub fn may_be_generated(&self, name: &str) -> bool {
        if self.implicit.contains(name) || self.declarations_open() || self.loop_may_declare(name) {
            return true;
        }
        if !self.transforms.sam || self.implicit.is_exhaustive() {
            return false;
        }
        name.contains('.')
            || name.starts_with("Serverless")
            || self.serverless.iter().any(|s| name.starts_with(s))
            || SAM_GENERATED_SUFFIXES.iter().any(|s| name.ends_with(s))
    }

    /// A top-level section's value, if present.
    pub fn section(&self, name: &str) -> Option<NodeId> {
        self.doc.get(self.root, name)
    }

    /// Where a node is written; for a quoted scalar, the text inside the quotes.
    pub fn span(&self, id: NodeId) -> Span {
        references::inner_span(self.doc, id)
    }
}

/// A finding of `rule` (with the rule's severity).
pub fn finding(rule: Rule, span: Span, message: impl Into<String>) -> Finding {
    Finding::new(rule, span, message)
}

/// A preferred quick fix replacing `span` with `text`.
pub fn replace(span: Span, text: &str) -> Fix {
    Fix {
        title: format!("Change to `{text}`"),
        edits: vec![TextEdit {
            span,
            new_text: text.to_string(),
        }],
        preferred: true,
    }
}

/// The finding with a "did you mean" suffix and fix when a candidate is close.
pub fn with_suggestion<'c, I>(mut finding: Finding, word: &str, candidates: I) -> Finding
where
    I: IntoIterator<Item = &'c str>,
{
    if let Some(best) = crate::analysis::suggest::closest(word, candidates) {
        finding
            .message
            .push_str(&format!("; did you mean `{best}`?"));
        let span = finding.span;
        finding = finding.with_fix(replace(span, best));
    }
    finding
}

/// Whether a name is a valid logical ID: ASCII letters and digits only.
pub fn is_alphanumeric(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Keys of sections that stand for several generated entries or an included snippet.
/// A name an `Fn::ForEach` loop with an unknown collection produces
/// (`Bucket${Name}`) is not judged either.
pub fn is_special_key(name: &str) -> bool {
    name == "Fn::Transform"
        || name.starts_with("Fn::ForEach::")
        || name.contains("${")
        || name.contains("&{")
}

/// Whether `name` fits `pattern`, where each `${X}` or `&{X}` of a loop
/// stands for any text (an identifier whose values are not known).
pub fn matches_pattern(pattern: &str, name: &str) -> bool {
    if !pattern.contains("${") && !pattern.contains("&{") {
        return pattern == name;
    }
    // The literal pieces between placeholders, in order.
    let mut pieces = Vec::new();
    let mut rest = pattern;
    while let Some(at) = rest.find("${").or_else(|| rest.find("&{")) {
        let at = [rest.find("${"), rest.find("&{")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(at);
        pieces.push(&rest[..at]);
        match rest[at..].find('}') {
            Some(end) => rest = &rest[at + end + 1..],
            None => return false,
        }
    }
    pieces.push(rest);
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut middle = &name[first.len()..name.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match middle.find(piece) {
            Some(i) => middle = &middle[i + piece.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod pattern_tests {
    use super::matches_pattern;

    #[test]
    fn placeholders_stand_for_any_text() {
        assert!(matches_pattern("Queue${Name}", "Queuea"));
        assert!(matches_pattern("Is&{Env}Ready", "IsprodReady"));
        assert!(matches_pattern("A${X}b${Y}c", "A1b2c"));
        assert!(!matches_pattern("Queue${Name}", "Topicc"));
        assert!(!matches_pattern("Is${E}Ready", "IsProd"));
        assert!(matches_pattern("Plain", "Plain"));
    }
}
