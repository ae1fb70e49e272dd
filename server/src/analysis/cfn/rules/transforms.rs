//! The transforms a template uses (`Transform` and `Fn::Transform`), and
//! what they mean for validation: SAM and `AWS::LanguageExtensions` are
//! understood; any other macro may rewrite the template, so the rules that
//! depend on its final shape stand down.

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, NodeKind};

use crate::analysis::kind::SAM_TRANSFORM;

use super::context::{finding, Ctx};
use super::walk::Shape;
use crate::analysis::{Finding, Snapshot};

pub const LANGUAGE_EXTENSIONS: &str = "AWS::LanguageExtensions";

/// Transforms CloudFormation provides besides SAM and the language extensions,
/// which only add resources of their own and leave the rest alone.
const HARMLESS: &[&str] = &[
    "AWS::SecretsManager-2020-07-23",
    "AWS::CodeDeployBlueGreen",
    "AWS::Include",
    "AWS::ServiceCatalog",
];

#[derive(Clone, Debug, Default)]
pub struct Transforms {
    pub sam: bool,
    pub language_extensions: bool,
    /// Macros in `Transform` that awsls does not know.
    pub macros: Vec<String>,
    /// `Fn::Transform` at the top level or directly in a section: it may add declarations.
    pub section_include: bool,
    /// An `Fn::ForEach` loop whose collection cannot be known: it generates
    /// declarations whose names are not known.
    pub for_each: bool,
}

impl Transforms {
    /// The transforms of the snapshot's template (rooted at `root`).
    pub fn detect(snapshot: &Snapshot, root: NodeId, sam: bool) -> Transforms {
        let doc = &*snapshot.document;
        let mut t = Transforms {
            sam,
            ..Transforms::default()
        };
        if let Some(transform) = doc.get(root, "Transform") {
            let items: Vec<NodeId> = match doc.sequence(transform) {
                Some(items) => items.to_vec(),
                None => vec![transform],
            };
            for item in items {
                let name = doc
                    .str_value(item)
                    .or_else(|| doc.get(item, "Name").and_then(|n| doc.str_value(n)));
                match name {
                    Some(SAM_TRANSFORM) => t.sam = true,
                    Some(LANGUAGE_EXTENSIONS) => t.language_extensions = true,
                    Some(n) if HARMLESS.contains(&n) => {}
                    Some(n) => t.macros.push(n.to_string()),
                    None => t.macros.push(String::from("?")),
                }
            }
        }
        if let Some(entries) = doc.mapping(root) {
            for entry in entries {
                if entry.key.text == "Fn::Transform" {
                    t.section_include = true;
                }
                let included = match &doc.node(doc.resolve(entry.value)).kind {
                    NodeKind::Mapping(inner) => inner.iter().any(|e| e.key.text == "Fn::Transform"),
                    NodeKind::Intrinsic(i) => i.function == "Fn::Transform",
                    _ => false,
                };
                t.section_include |= included;
            }
        }
        if uses_rain(snapshot) {
            t.macros.push(String::from("Rain"));
        }
        // Loops are expanded in the template; only a loop whose collection
        // cannot be known produces names nobody can list.
        t.for_each = snapshot.contains("Fn::ForEach::")
            && crate::analysis::cfn::template::Template::of(snapshot).loops_open();
        t
    }

    /// A macro other than the known ones may rewrite anything.
    pub fn unknown_macro(&self) -> bool {
        !self.macros.is_empty()
    }

    /// True when declarations may exist that the template does not spell
    /// out. (A loop whose collection is not known declares names of a known
    /// shape: `Ctx::loop_may_declare` says which.)
    pub fn declarations_open(&self) -> bool {
        self.unknown_macro() || self.section_include
    }
}

/// `Transform` must be a name, a list of names or `{Name, Parameters}`.
pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let Some(transform) = ctx.section("Transform") else {
        return;
    };
    let doc = ctx.doc;
    let valid_item = |id: NodeId| match super::walk::shape(doc, id) {
        Shape::Scalar => true,
        Shape::Mapping => doc.get(id, "Name").is_some(),
        Shape::Unknown => true,
        _ => false,
    };
    match super::walk::shape(doc, transform) {
        Shape::Sequence => {
            for item in doc.sequence(transform).unwrap_or_default() {
                if !valid_item(*item) {
                    findings.push(finding(Rule::InvalidSectionType,
                        ctx.span(*item),
                        "each `Transform` entry must be a transform name (for example `AWS::Serverless-2016-10-31`)",
                    ));
                }
            }
        }
        _ if valid_item(transform) => {}
        _ => findings.push(finding(
            Rule::InvalidSectionType,
            ctx.span(transform),
            "`Transform` must be a transform name or a list of names",
        )),
    }
}

/// Templates written for the Rain tool (`!Rain::Module`, `Rain::Embed`) are
/// rewritten before CloudFormation sees them, like a macro would.
fn uses_rain(snapshot: &Snapshot) -> bool {
    // Every such name is written in the text: most templates are ruled out
    // by a search of the text, without a walk over every node.
    if !snapshot.contains("Rain::") {
        return false;
    }
    let doc = &snapshot.document;
    let rain = |name: &str| name.starts_with("Rain::") || name.starts_with("Fn::Rain::");
    doc.nodes.iter().any(|n| {
        n.tag
            .as_ref()
            .is_some_and(|t| t.name.starts_with("!Rain::"))
            || match &n.kind {
                NodeKind::Mapping(entries) => entries.iter().any(|e| rain(&e.key.text)),
                NodeKind::Intrinsic(i) => rain(&i.function),
                _ => false,
            }
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn transform_shape() {
        let text = "Transform: [AWS::Serverless-2016-10-31, [x]]\nResources:\n  F:\n    Type: AWS::Serverless::Function\n";
        assert_eq!(
            only(&run(text), "invalid-section-type").span,
            span_of(text, "[x]", 0)
        );
    }

    #[test]
    fn unknown_macros_and_includes_stand_the_rules_down() {
        let macro_text = "Transform: [MyMacro]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Oddity: 1\n    Properties:\n      TopicName: !GetAtt Missing.Arn\n";
        assert_clean(macro_text);
        let include = "Parameters:\n  P:\n    Type: String\nResources:\n  Fn::Transform:\n    Name: AWS::Include\n    Parameters:\n      Location: s3://bucket/snippet.yaml\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref FromSnippet\n";
        assert_clean(include);
    }

    #[test]
    fn language_extensions_for_each_is_accepted() {
        let text = "Transform: AWS::LanguageExtensions\nParameters:\n  Names:\n    Type: CommaDelimitedList\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - !Ref Names\n    - 'Topic${Name}':\n        Type: AWS::SNS::Topic\n        Properties:\n          TopicName: !Ref Name\nOutputs:\n  Count:\n    Value: !Length [a, b]\n  First:\n    Value: !FindInMap [M, a, b, {DefaultValue: none}]\n";
        let findings = run(text);
        assert!(findings.is_empty(), "{findings:#?}");
        let without = text.replacen("Transform: AWS::LanguageExtensions\n", "", 1);
        let findings = run(&without);
        assert!(
            codes(&findings)
                .iter()
                .all(|c| *c == "language-extensions-required"),
            "{findings:#?}"
        );
        assert_eq!(findings.len(), 3);
    }
}
