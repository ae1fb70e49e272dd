//! The template's frame: known top-level sections, the format version,
//! section value types, `Resources` present, logical IDs well formed and
//! unique across parameters and resources.

use crate::analysis::rules::Rule;
use std::collections::HashMap;

use crate::analysis::Finding;

use super::context::{finding, is_alphanumeric, is_special_key, with_suggestion, Ctx};
use super::walk::{shape, Shape};
use crate::analysis::cfn::vocabulary;

/// Whether `name` is a section CloudFormation reads (template anatomy in the
/// CloudFormation User Guide; the list with descriptions is in `vocabulary`).
fn is_section(name: &str) -> bool {
    vocabulary::SECTIONS
        .iter()
        .any(|(section, _)| *section == name)
}

/// Sections whose value is a mapping of named entries.
const MAPPING_SECTIONS: &[&str] = &[
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Resources",
    "Outputs",
    "Hooks",
    "Globals",
];

pub const FORMAT_VERSION: &str = "2010-09-09";

/// Longest `Description` CloudFormation accepts, in bytes.
const MAX_DESCRIPTION: usize = 1024;

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(entries) = doc.mapping(ctx.root) else {
        return;
    };
    let sam = ctx.transforms.sam;
    // A macro may rewrite the template; a syntax error may have cut it short.
    let lenient = ctx.transforms.unknown_macro() || ctx.partial();
    for entry in entries {
        let name = entry.key.text.as_str();
        let known = is_section(name) || (sam && name == "Globals") || name == "Fn::Transform";
        if name == "Globals" && !sam && !lenient {
            findings.push(finding(Rule::UnknownSection,
                entry.key.span,
                "`Globals` is a SAM section: add `Transform: AWS::Serverless-2016-10-31` or remove it",
            ));
        } else if !known && !lenient {
            let candidates = vocabulary::SECTIONS
                .iter()
                .map(|(section, _)| *section)
                .chain(sam.then_some("Globals"));
            let finding = finding(
                Rule::UnknownSection,
                entry.key.span,
                format!(
                    "`{name}` is not a template section; remove it or move it under `Metadata`"
                ),
            );
            findings.push(with_suggestion(finding, name, candidates));
        }
        if MAPPING_SECTIONS.contains(&name) && !lenient {
            let ok = match shape(doc, entry.value) {
                // An empty section is harmless (and an empty `Resources` is reported on its own).
                Shape::Mapping | Shape::Unknown | Shape::Null => true,
                Shape::Intrinsic(f) => f == "Fn::Transform" || f.starts_with("Fn::ForEach::"),
                _ => false,
            };
            if !ok {
                findings.push(finding(
                    Rule::InvalidSectionType,
                    ctx.span(entry.value),
                    format!("`{name}` must be a mapping of named entries"),
                ));
            }
        }
    }
    check_version(ctx, findings);
    if !ctx.partial() {
        check_description(ctx, findings);
    }
    if !lenient {
        check_resources_present(ctx, findings);
        check_logical_ids(ctx, findings);
    }
}

fn check_version(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let Some(version) = ctx.section("AWSTemplateFormatVersion") else {
        return;
    };
    let text = ctx.doc.str_value(version);
    if text.map(str::trim) != Some(FORMAT_VERSION) && shape(ctx.doc, version) != Shape::Unknown {
        let shown = text
            .map(|t| format!("`{t}`"))
            .unwrap_or_else(|| "this value".to_string());
        findings.push(
            finding(
                Rule::InvalidFormatVersion,
                ctx.span(version),
                format!(
                    "{shown} is not a template format version; the only one is `{FORMAT_VERSION}`"
                ),
            )
            .with_fix(super::context::replace(
                ctx.span(version),
                &version_text(ctx, version),
            )),
        );
    }
}

/// The replacement for a wrong version: inside existing quotes as is, else
/// quoted for JSON.
fn version_text(ctx: &Ctx, version: awsls_grammars::NodeId) -> String {
    let quoted = ctx.span(version) != ctx.doc.node(version).span;
    if !quoted && ctx.snapshot.format == awsls_grammars::Format::Json {
        format!("\"{FORMAT_VERSION}\"")
    } else {
        FORMAT_VERSION.to_string()
    }
}

fn check_description(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let Some(description) = ctx.section("Description") else {
        return;
    };
    let kind = ctx.doc.scalar(description).map(|s| s.kind);
    match shape(ctx.doc, description) {
        Shape::Scalar if kind.is_some_and(|k| k != awsls_grammars::ScalarKind::String) => findings
            .push(finding(
                Rule::InvalidSectionType,
                ctx.span(description),
                "`Description` must be a string; quote it",
            )),
        Shape::Scalar | Shape::Unknown => {
            let len = ctx.doc.str_value(description).map_or(0, str::len);
            if len > MAX_DESCRIPTION {
                findings.push(finding(Rule::DescriptionTooLong,
                    ctx.span(description),
                    format!("the template description is {len} bytes long; CloudFormation accepts at most {MAX_DESCRIPTION}"),
                ));
            }
        }
        _ => findings.push(finding(
            Rule::InvalidSectionType,
            ctx.span(description),
            "`Description` must be a string",
        )),
    }
}

fn check_resources_present(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(entry) = doc.entry(ctx.root, "Resources") else {
        // Report at the start of the document: there is no better place.
        let span = doc
            .mapping(ctx.root)
            .and_then(|e| e.first())
            .map_or_else(|| ctx.span(ctx.root), |e| e.key.span);
        findings.push(finding(
            Rule::MissingResources,
            span,
            "a template needs a `Resources` section with at least one resource",
        ));
        return;
    };
    let empty = match shape(doc, entry.value) {
        Shape::Mapping => doc.mapping(entry.value).is_some_and(<[_]>::is_empty),
        Shape::Null => true,
        _ => false,
    };
    if empty {
        findings.push(finding(
            Rule::MissingResources,
            entry.key.span,
            "`Resources` must declare at least one resource",
        ));
    }
}

/// Logical IDs are alphanumeric; parameters and resources share one namespace.
fn check_logical_ids(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let t = ctx.template;
    let groups = [
        ("parameter", &t.parameters),
        ("mapping", &t.mappings),
        ("output", &t.outputs),
    ];
    for (what, decls) in groups {
        for d in decls.iter().filter(|d| !is_special_key(&d.name)) {
            if !is_alphanumeric(&d.name) {
                findings.push(bad_id(what, &d.name, d.name_span));
            }
        }
    }
    let mut values: HashMap<&str, &super::super::template::Declared> = HashMap::new();
    for p in &t.parameters {
        values.entry(p.name.as_str()).or_insert(p);
    }
    for r in &t.resources {
        let d = &r.decl;
        if is_special_key(&d.name) {
            continue;
        }
        if !is_alphanumeric(&d.name) {
            findings.push(bad_id("resource", &d.name, d.name_span));
        }
        if let Some(param) = values.get(d.name.as_str()) {
            findings.push(
                finding(Rule::DuplicateLogicalId,
                    d.name_span,
                    format!("`{}` is already the name of a parameter; parameters and resources need distinct logical IDs", d.name),
                )
                .with_related(param.name_span, "the parameter"),
            );
        }
    }
}

fn bad_id(what: &str, name: &str, span: awsls_grammars::Span) -> Finding {
    finding(
        Rule::InvalidLogicalId,
        span,
        format!("{what} name `{name}` must contain only letters A-Z, a-z and digits 0-9"),
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const BUCKET: &str = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";

    #[test]
    fn unknown_section_gets_a_suggestion() {
        let text = format!(
            "AWSTemplateFormatVersion: '2010-09-09'\nOutput:\n  A:\n    Value: x\n{BUCKET}"
        );
        let findings = run(&text);
        let f = only(&findings, "unknown-section");
        assert_eq!(f.span, span_of(&text, "Output", 0));
        assert!(
            f.message.contains("did you mean `Outputs`?"),
            "{}",
            f.message
        );
        assert_eq!(f.fixes[0].edits[0].new_text, "Outputs");
    }

    #[test]
    fn format_version_must_be_the_one_date() {
        let text = format!("AWSTemplateFormatVersion: 2010-09-10\n{BUCKET}");
        let findings = run(&text);
        let f = only(&findings, "invalid-format-version");
        assert_eq!(f.span, span_of(&text, "2010-09-10", 0));
        assert!(run(&format!("AWSTemplateFormatVersion: 2010-09-09\n{BUCKET}")).is_empty());
        assert!(run_json(r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#).is_empty());
    }

    #[test]
    fn resources_must_exist_and_not_be_empty() {
        let text = "AWSTemplateFormatVersion: '2010-09-09'\nDescription: nothing\n";
        let f = run(text);
        assert_eq!(
            only(&f, "missing-resources").span,
            span_of(text, "AWSTemplateFormatVersion", 0)
        );
        let text = "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n";
        assert_eq!(
            only(&run(text), "missing-resources").span,
            span_of(text, "Resources", 0)
        );
    }

    #[test]
    fn sections_must_be_mappings_and_description_a_short_string() {
        let number = run(&format!("Description: 123\n{BUCKET}"));
        assert_eq!(
            only(&number, "invalid-section-type").message,
            "`Description` must be a string; quote it"
        );
        assert!(run(&format!("Description: '123'\n{BUCKET}")).is_empty());
        let text = format!("Description: [a]\nOutputs: x\n{BUCKET}");
        let findings = run(&text);
        assert_eq!(
            codes(&findings),
            vec!["invalid-section-type", "invalid-section-type"]
        );
        assert_eq!(findings[1].span, span_of(&text, "x", 0));
        let long = format!("Description: {}\n{BUCKET}", "a".repeat(1025));
        assert_eq!(codes(&run(&long)), vec!["description-too-long"]);
    }

    #[test]
    fn logical_ids_are_alphanumeric_and_unique_across_parameters_and_resources() {
        let text = "Parameters:\n  Name:\n    Type: String\nResources:\n  Name:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref AWS::StackName\n  My-Bucket:\n    Type: AWS::S3::Bucket\n";
        let findings = run(text);
        assert_eq!(
            only(&findings, "duplicate-logical-id").span,
            span_of(text, "Name", 1)
        );
        let bad = only(&findings, "invalid-logical-id");
        assert_eq!(bad.span, span_of(text, "My-Bucket", 0));
        assert!(bad.message.contains("letters A-Z"));
    }

    #[test]
    fn syntax_errors_silence_the_checks_that_need_the_whole_template() {
        let text = "AWSTemplateFormatVersion: '2010-09-09'\nDescription: 'a' b\nParameters:\n  P:\n    Type: String\n";
        assert!(run(text).is_empty(), "{:#?}", run(text));
    }

    #[test]
    fn sam_templates_may_have_globals() {
        let text = "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 3\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n";
        assert!(!codes(&run(text)).contains(&"unknown-section"));
        let text = format!("Globals:\n  Function: {{}}\n{BUCKET}");
        let findings = run(&text);
        assert!(only(&findings, "unknown-section")
            .message
            .contains("add `Transform: AWS::Serverless-2016-10-31`"));
    }
}
