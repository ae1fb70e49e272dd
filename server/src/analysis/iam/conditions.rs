//! `Condition` blocks: their shape, operators and keys known to the
//! reference, and values of the type each operator compares.

use crate::analysis::rules::Rule;
use std::net::IpAddr;

use crate::analysis::Finding;

use super::actions::Scope;
use super::condition_keys::{self, KeyInfo};
use super::operators::{self, Family, ParsedOperator, OPERATORS};
use super::statement::Statement;
use super::values::{self, Value};
use super::{arn, Ctx};

/// Checks the statement's `Condition` block.
pub fn check(ctx: &Ctx, statement: &Statement, scope: &Scope, findings: &mut Vec<Finding>) {
    let Some(element) = statement.condition else {
        return;
    };
    let doc = ctx.doc;
    if doc.intrinsic(element.node).is_some() {
        return;
    }
    let Some(operators) = doc.mapping(element.node) else {
        findings.push(Finding::new(
            Rule::IamInvalidCondition,
            doc.node(element.node).span,
            "Condition must map operators to {condition key: value} blocks",
        ));
        return;
    };
    for entry in operators {
        let Some(operator) = operators::parse_operator(&entry.key.text) else {
            let candidates = OPERATORS.iter().map(|o| o.name);
            let base = entry.key.text.rsplit(':').next().unwrap_or_default();
            let mut message = format!("unknown condition operator '{}'", entry.key.text);
            let mut fix = None;
            if entry.key.text.ends_with("IfExists") && base.starts_with("Null") {
                message = "'Null' cannot take the IfExists suffix".to_string();
            } else if let Some(s) = values::closest(base, candidates) {
                message.push_str(&format!("; did you mean '{s}'?"));
                let set = entry
                    .key
                    .text
                    .get(..entry.key.text.len() - base.len())
                    .unwrap_or_default();
                fix = values::rename_key(
                    ctx.snapshot,
                    entry.key.span,
                    &entry.key.text,
                    &format!("{set}{s}"),
                );
            }
            let finding = Finding::new(Rule::IamUnknownConditionOperator, entry.key.span, message);
            findings.push(match fix {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            });
            continue;
        };
        if doc.intrinsic(entry.value).is_some() {
            continue;
        }
        let Some(keys) = doc.mapping(entry.value) else {
            findings.push(Finding::new(
                Rule::IamInvalidCondition,
                doc.node(entry.value).span,
                format!("'{}' must map condition keys to values", entry.key.text),
            ));
            continue;
        };
        for key in keys {
            let info = check_key(&key.key.text, key.key.span, scope, findings);
            if let Some(ty) = info.as_ref().and_then(|i| i.ty.as_deref()) {
                check_type(&operator, ty, &key.key.text, key.key.span, findings);
            }
            for value in values::values(ctx.snapshot, doc, key.value) {
                check_value(&operator, &value, findings);
            }
        }
    }
}

fn check_key(
    key: &str,
    span: awsls_grammars::Span,
    scope: &Scope,
    findings: &mut Vec<Finding>,
) -> Option<KeyInfo> {
    match condition_keys::lookup(key, scope) {
        Ok(info) => info,
        Err(candidates) => {
            let message = if !key.contains(':') {
                format!("'{key}' is not a condition key: keys are written prefix:name (for example aws:SourceIp)")
            } else {
                let mut message = format!("unknown condition key '{key}'");
                let wanted = key.split('/').next().unwrap_or(key);
                if let Some(s) = values::closest(wanted, candidates.iter().map(String::as_str)) {
                    message.push_str(&format!("; did you mean '{s}'?"));
                }
                message
            };
            findings.push(Finding::new(Rule::IamUnknownConditionKey, span, message));
            None
        }
    }
}

/// Warns when an operator compares a kind of value the key never holds.
fn check_type(
    operator: &ParsedOperator,
    ty: &str,
    key: &str,
    span: awsls_grammars::Span,
    findings: &mut Vec<Finding>,
) {
    let base_ty = ty.strip_prefix("ArrayOf").unwrap_or(ty);
    let fits = match operator.base.family {
        // aws:EpochTime is a Date key that also takes numeric operators.
        Family::Numeric => base_ty == "Numeric" || key.eq_ignore_ascii_case("aws:EpochTime"),
        Family::Date => base_ty == "Date" || base_ty == "Numeric",
        Family::Bool => base_ty == "Bool",
        Family::Ip => base_ty == "IPAddress",
        _ => true,
    };
    if !fits {
        findings.push(Finding::new(
            Rule::IamConditionTypeMismatch,
            span,
            format!(
                "'{}' compares {}, but '{key}' holds values of type {ty}",
                operator.base.name,
                operator.base.family.describe()
            ),
        ));
    }
    if let Some(set) = operator.set {
        if !ty.starts_with("ArrayOf") {
            findings.push(Finding::new(Rule::IamSetOperatorSingleValued,
                span,
                format!(
                    "'{set}' is for multivalued keys, but '{key}' holds one value ({ty}); use '{}' without it (with ForAllValues the condition is also true when the key is absent)",
                    operator.base.name
                ),
            ));
        }
    }
}

fn check_value(operator: &ParsedOperator, value: &Value, findings: &mut Vec<Finding>) {
    let (text, span) = match value {
        Value::Text { text, inner, .. } => (text.as_str(), *inner),
        Value::Dynamic { .. } => return,
        Value::Invalid { span } => {
            findings.push(Finding::new(
                Rule::IamInvalidCondition,
                *span,
                "a condition value must be a string, number, boolean or a list of them",
            ));
            return;
        }
    };
    if text.contains("${") || arn::is_placeholder(text) {
        return;
    }
    let family = operator.base.family;
    let ok = match family {
        Family::String => true,
        Family::Numeric => text.trim().parse::<f64>().is_ok(),
        Family::Date => is_date(text),
        Family::Bool | Family::Null => {
            text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false")
        }
        Family::Binary => {
            !text.is_empty()
                && text
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        }
        Family::Ip => is_ip_or_cidr(text),
        Family::Arn => text == "*" || arn::syntax_error(text).is_none(),
    };
    if !ok {
        findings.push(Finding::new(
            Rule::IamInvalidConditionValue,
            span,
            format!(
                "'{}' compares {}; '{text}' is not one",
                operator.base.name,
                family.describe()
            ),
        ));
    }
}

/// ISO 8601 dates (`2026-01-31`, `2026-01-31T12:00:00Z`, with optional
/// fraction and offset) or epoch seconds.
pub fn is_date(text: &str) -> bool {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if b.len() < 10
        || !digits(0..4)
        || b.get(4) != Some(&b'-')
        || !digits(5..7)
        || b.get(7) != Some(&b'-')
        || !digits(8..10)
    {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    if !matches!(b.get(10), Some(b'T') | Some(b't'))
        || !digits(11..13)
        || b.get(13) != Some(&b':')
        || !digits(14..16)
    {
        return false;
    }
    let rest = text.get(16..).unwrap_or_default();
    let rest = rest
        .strip_prefix(':')
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest);
    rest.is_empty()
        || rest.eq_ignore_ascii_case("z")
        || ((rest.starts_with('+') || rest.starts_with('-'))
            && rest.len() == 6
            && rest.get(3..4) == Some(":"))
}

pub fn is_ip_or_cidr(text: &str) -> bool {
    let (address, bits) = match text.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    let Ok(ip) = address.parse::<IpAddr>() else {
        return false;
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    bits.is_none_or(|b| b.parse::<u8>().is_ok_and(|n| n <= max))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{codes, findings_for};
    use super::*;

    fn policy(condition: &str) -> String {
        format!(
            "{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{condition}}}]}}"
        )
    }

    #[test]
    fn dates_and_ips() {
        assert!(is_date("2026-01-31"));
        assert!(is_date("2026-01-31T10:00:00Z"));
        assert!(is_date("2026-01-31T10:00:00.123+02:00"));
        assert!(is_date("1767225600"));
        assert!(!is_date("yesterday"));
        assert!(is_ip_or_cidr("10.0.0.0/8"));
        assert!(is_ip_or_cidr("2001:db8::/32"));
        assert!(!is_ip_or_cidr("10.0.0.0/33"));
        assert!(!is_ip_or_cidr("example.com"));
    }

    #[test]
    fn unknown_operator_span() {
        let text = policy(r#"{"StringEqual":{"aws:SourceIp":"x"}}"#);
        let found = findings_for(&text);
        assert_eq!(codes(&found), ["iam-unknown-condition-operator"]);
        assert_eq!(
            &text[found[0].span.start..found[0].span.end],
            "\"StringEqual\""
        );
        assert!(found[0].message.contains("StringEquals"));
        assert_eq!(found[0].fixes[0].edits[0].new_text, "StringEquals");
        let edit = found[0].fixes[0].edits[0].span;
        assert_eq!(&text[edit.start..edit.end], "StringEqual");
    }

    #[test]
    fn keys_known_by_service_action_or_globally() {
        let good = policy(
            r#"{"StringEquals":{"aws:PrincipalTag/team":"a","s3:prefix":"home/","aws:PrincipalOrgID":"o-1"},"Bool":{"aws:SecureTransport":false},"IpAddress":{"aws:SourceIp":["10.0.0.0/8"]},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}"#,
        );
        assert_eq!(codes(&findings_for(&good)), Vec::<&str>::new());
        let tags = policy(
            r#"{"StringEquals":{"s3:ExistingObjectTag/team":"a","aws:ResourceTag/env":"prod","secretsmanager:ResourceTag/app":"x"}}"#,
        );
        assert_eq!(codes(&findings_for(&tags)), Vec::<&str>::new());
        let bad = policy(r#"{"StringEquals":{"aws:SourceIpp":"x","s3:prefixx":"y"}}"#);
        let found = findings_for(&bad);
        assert_eq!(
            codes(&found),
            ["iam-unknown-condition-key", "iam-unknown-condition-key"]
        );
        assert!(
            found[0].message.contains("aws:SourceIp"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn values_must_fit_the_operator() {
        let text = policy(
            r#"{"IpAddress":{"aws:SourceIp":"nope"},"DateLessThan":{"aws:CurrentTime":"2026-13"},"Bool":{"aws:SecureTransport":"yes"}}"#,
        );
        let found = findings_for(&text);
        assert_eq!(
            codes(&found),
            [
                "iam-invalid-condition-value",
                "iam-invalid-condition-value",
                "iam-invalid-condition-value"
            ]
        );
    }

    #[test]
    fn operator_and_key_types() {
        let text = policy(r#"{"NumericLessThan":{"aws:SourceIp":"3"}}"#);
        assert_eq!(codes(&findings_for(&text)), ["iam-condition-type-mismatch"]);
        let text = policy(r#"{"ForAllValues:StringEquals":{"aws:SourceVpc":"vpc-1"}}"#);
        assert_eq!(
            codes(&findings_for(&text)),
            ["iam-set-operator-single-valued"]
        );
        let text = policy(
            r#"{"ForAnyValue:StringLike":{"aws:TagKeys":"env*"},"NumericLessThan":{"aws:EpochTime":"1767225600"}}"#,
        );
        assert_eq!(codes(&findings_for(&text)), Vec::<&str>::new());
    }

    #[test]
    fn shape() {
        let text = policy(r#"{"StringEquals":"x"}"#);
        assert_eq!(codes(&findings_for(&text)), ["iam-invalid-condition"]);
    }
}
