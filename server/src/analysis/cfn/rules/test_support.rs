//! Helpers for the rules' unit tests: run the rules on a text and pick
//! findings by code and position.

use awsls_grammars::Span;

use crate::analysis::cfn::template::Template;
use crate::analysis::{Finding, Snapshot};

use super::{check_with_implicit, ImplicitNames};

pub fn run_named(name: &str, text: &str, implicit: &ImplicitNames) -> Vec<Finding> {
    let snapshot = Snapshot::from_text(name, text);
    let template = Template::of(&snapshot);
    let mut out = Vec::new();
    check_with_implicit(&snapshot, template, implicit, &mut out);
    super::suppress::apply(&snapshot, template, &mut out);
    out.sort_by_key(|f| (f.span.start, f.code()));
    out
}

/// The rules' findings for a YAML template.
pub fn run(text: &str) -> Vec<Finding> {
    run_named("template.yaml", text, &ImplicitNames::new())
}

pub fn run_json(text: &str) -> Vec<Finding> {
    run_named("template.json", text, &ImplicitNames::new())
}

/// The span of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let mut from = 0;
    for _ in 0..nth {
        from += text[from..].find(needle).expect("needle occurs") + needle.len();
    }
    let start = from + text[from..].find(needle).expect("needle occurs");
    Span::new(start, start + needle.len())
}

/// The single finding with this code; fails the test when there is not exactly one.
pub fn only<'a>(findings: &'a [Finding], code: &str) -> &'a Finding {
    let matching: Vec<&Finding> = findings.iter().filter(|f| f.code() == code).collect();
    assert_eq!(matching.len(), 1, "expected one `{code}` in {findings:#?}");
    matching[0]
}

pub fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code()).collect()
}

/// Asserts the template gets no finding at all.
pub fn assert_clean(text: &str) {
    let findings = run(text);
    assert!(
        findings.is_empty(),
        "expected no findings, got {findings:#?}"
    );
}

/// The span of `needle` inside the first occurrence of `context`.
pub fn span_within(text: &str, context: &str, needle: &str) -> Span {
    let base = span_of(text, context, 0).start;
    let at = base + context.find(needle).expect("needle inside context");
    Span::new(at, at + needle.len())
}

#[test]
fn the_clean_fixture_is_clean() {
    assert_clean(include_str!(
        "../../../../../tests/fixtures/cfn/rules/clean.yaml"
    ));
}
