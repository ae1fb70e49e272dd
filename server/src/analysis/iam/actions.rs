//! `Action`/`NotAction` values: service prefixes, action names and wildcards
//! checked against the IAM service reference, and the set of actions a
//! statement covers (its "scope"), which the condition and resource checks use.

use crate::analysis::rules::Rule;
use awsls_grammars::Span;

use crate::analysis::{Finding, Fix, TextEdit};
use crate::schema::iam::{self, Action, Service};

use super::statement::Statement;
use super::values::{self, Value};
use super::Ctx;

/// The actions a statement covers.
#[derive(Default)]
pub struct Scope {
    /// Every concrete action the statement's `Action` names or matches.
    pub actions: Vec<(&'static Service, &'static Action)>,
    /// The services of those actions (each once).
    pub services: Vec<&'static Service>,
    /// True when the statement may cover more than `actions`: `*`, a wildcard
    /// in a service prefix, an intrinsic function, `NotAction`, an unknown service.
    pub open: bool,
}

impl Scope {
    fn add_service(&mut self, service: &'static Service) {
        if !self.services.iter().any(|s| s.prefix == service.prefix) {
            self.services.push(service);
        }
    }
}

/// How an action string reads.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed<'a> {
    /// `*`
    All,
    /// `service:name`, either part possibly with wildcards.
    Pair { service: &'a str, name: &'a str },
    /// Anything else (no colon, empty parts).
    Malformed,
}

pub fn parse(text: &str) -> Parsed<'_> {
    if text == "*" {
        return Parsed::All;
    }
    match text.split_once(':') {
        Some((service, name)) if !service.is_empty() && !name.is_empty() && !name.contains(':') => {
            Parsed::Pair { service, name }
        }
        _ => Parsed::Malformed,
    }
}

pub fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?'])
}

/// The actions of a statement.
pub fn scope(ctx: &Ctx, statement: &Statement) -> Scope {
    let mut scope = Scope::default();
    let Some(element) = statement.action else {
        scope.open = true;
        return scope;
    };
    scope.open = element.negated;
    for value in values::values(ctx.snapshot, ctx.doc, element.node) {
        let Some(text) = value.text() else {
            scope.open = true;
            continue;
        };
        match parse(text) {
            Parsed::All | Parsed::Malformed => scope.open = true,
            Parsed::Pair { service, name } => {
                if has_wildcard(service) {
                    scope.open = true;
                    continue;
                }
                let Some(found) = iam::service(service) else {
                    scope.open = true;
                    continue;
                };
                scope.add_service(found);
                let before = scope.actions.len();
                for action in iam::match_actions(service, name) {
                    scope.actions.push((found, action));
                }
                if scope.actions.len() == before {
                    scope.open = true;
                }
            }
        }
    }
    scope
}

/// Checks every action of the statement.
pub fn check(ctx: &Ctx, statement: &Statement, findings: &mut Vec<Finding>) {
    let Some(element) = statement.action else {
        return;
    };
    for value in values::values(ctx.snapshot, ctx.doc, element.node) {
        match &value {
            Value::Text { .. } => check_one(&value, findings),
            Value::Dynamic { .. } => {}
            Value::Invalid { span } => findings.push(Finding::new(
                Rule::IamInvalidValue,
                *span,
                "an action must be a string such as \"s3:GetObject\"",
            )),
        }
    }
}

/// The span of the first `len` bytes of a value's text (the whole value when
/// its text is not written verbatim).
fn prefix_span(value: &Value, len: usize) -> Span {
    match value {
        Value::Text {
            inner,
            verbatim: true,
            ..
        } => Span::new(inner.start, inner.start + len),
        _ => value.span(),
    }
}

fn whole_span(value: &Value) -> Span {
    match value {
        Value::Text { inner, .. } => *inner,
        _ => value.span(),
    }
}

fn replace_fix(value: &Value, span: Span, new_text: String) -> Option<Fix> {
    matches!(value, Value::Text { verbatim: true, .. }).then(|| Fix {
        title: format!("Change to '{new_text}'"),
        edits: vec![TextEdit { span, new_text }],
        preferred: true,
    })
}

fn check_one(value: &Value, findings: &mut Vec<Finding>) {
    let Some(text) = value.text() else {
        return;
    };
    if super::arn::is_placeholder(text) {
        return;
    }
    let (service, name) = match parse(text) {
        Parsed::All => return,
        Parsed::Malformed => {
            findings.push(Finding::new(Rule::IamInvalidAction,
                whole_span(value),
                format!("'{text}' is not an action: write it as service:Action (for example s3:GetObject) or '*'"),
            ));
            return;
        }
        Parsed::Pair { service, name } => (service, name),
    };
    if has_wildcard(service) {
        if !iam::service_prefixes()
            .iter()
            .any(|p| iam::wildcard_match(service, p))
        {
            findings.push(Finding::new(
                Rule::IamWildcardMatchesNothing,
                prefix_span(value, service.len()),
                format!("'{service}' matches no service prefix"),
            ));
        }
        return;
    }
    let Some(found) = iam::service(service) else {
        let span = prefix_span(value, service.len());
        let suggestion = values::closest(service, iam::service_prefixes().iter().map(|p| &**p));
        let mut message = format!("unknown service prefix '{service}'");
        let mut finding;
        if let Some(s) = suggestion {
            message.push_str(&format!("; did you mean '{s}'?"));
            finding = Finding::new(Rule::IamUnknownService, span, message);
            if let Some(fix) = replace_fix(value, span, s.to_string()) {
                finding = finding.with_fix(fix);
            }
        } else {
            finding = Finding::new(Rule::IamUnknownService, span, message);
        }
        findings.push(finding);
        return;
    };
    if has_wildcard(name) {
        if iam::match_actions(service, name).next().is_none() {
            findings.push(Finding::new(
                Rule::IamWildcardMatchesNothing,
                whole_span(value),
                format!("'{text}' matches no {} action", found.name),
            ));
        }
        return;
    }
    if found.action(name).is_some() {
        return;
    }
    let span = whole_span(value);
    let suggestion = values::closest(name, found.actions.iter().map(|a| &*a.name));
    let mut message = format!(
        "'{name}' is not an action of {} ({})",
        found.name, found.prefix
    );
    if let Some(s) = suggestion {
        message.push_str(&format!("; did you mean '{service}:{s}'?"));
    }
    let mut finding = Finding::new(Rule::IamUnknownAction, span, message);
    if let Some(fix) = suggestion.and_then(|s| replace_fix(value, span, format!("{service}:{s}"))) {
        finding = finding.with_fix(fix);
    }
    findings.push(finding);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{codes, findings_for};

    #[test]
    fn parses_actions() {
        use super::{parse, Parsed};
        assert_eq!(parse("*"), Parsed::All);
        assert_eq!(
            parse("s3:Get*"),
            Parsed::Pair {
                service: "s3",
                name: "Get*"
            }
        );
        assert_eq!(parse("s3"), Parsed::Malformed);
        assert_eq!(parse("s3:"), Parsed::Malformed);
    }

    #[test]
    fn unknown_action_with_suggestion_and_span() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}}"#;
        let found = findings_for(text);
        let finding = found
            .iter()
            .find(|f| f.code() == "iam-unknown-action")
            .expect("finding");
        assert_eq!(&text[finding.span.start..finding.span.end], "s3:GetObjekt");
        assert!(
            finding.message.contains("s3:GetObject"),
            "{}",
            finding.message
        );
        assert_eq!(finding.fixes[0].edits[0].new_text, "s3:GetObject");
    }

    #[test]
    fn unknown_service_spans_the_prefix() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s4:GetObject"],"Resource":"*"}}"#;
        let found = findings_for(text);
        let finding = found
            .iter()
            .find(|f| f.code() == "iam-unknown-service")
            .expect("finding");
        assert_eq!(&text[finding.span.start..finding.span.end], "s4");
    }

    #[test]
    fn wildcards_must_match() {
        let text = "Version: 2012-10-17\nStatement:\n  - Effect: Allow\n    Action: [s3:Gte*, 's3:*Object', S3:getobject, '*']\n    Resource: arn:aws:s3:::b/*\n";
        let found = findings_for(text);
        assert_eq!(codes(&found), ["iam-wildcard-matches-nothing"]);
        let span = found[0].span;
        assert_eq!(&text[span.start..span.end], "s3:Gte*");
    }

    #[test]
    fn malformed_action() {
        let text = "Version: 2012-10-17\nStatement:\n  - Effect: Deny\n    Action: GetObject\n    Resource: '*'\n";
        assert_eq!(codes(&findings_for(text)), ["iam-invalid-action"]);
    }
}
