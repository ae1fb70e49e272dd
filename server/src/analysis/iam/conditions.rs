//! `Condition` blocks: operators (with `IfExists` and the `ForAllValues:` /
//! `ForAnyValue:` set prefixes), condition keys known globally or to the
//! statement's services, and values of the type each operator compares.

use std::net::IpAddr;

use crate::analysis::Finding;
use crate::schema::iam;

use super::actions::Scope;
use super::statement::Statement;
use super::values::{self, Value};
use super::{arn, Ctx, KIND};

/// What an operator compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

impl Family {
    pub fn describe(self) -> &'static str {
        match self {
            Family::String => "strings",
            Family::Numeric => "numbers",
            Family::Date => "dates (ISO 8601 or epoch seconds)",
            Family::Bool => "booleans (\"true\" or \"false\")",
            Family::Binary => "base64-encoded binary values",
            Family::Ip => "IP addresses or CIDR ranges",
            Family::Arn => "ARNs",
            Family::Null => "whether the key is absent (\"true\") or present (\"false\")",
        }
    }
}

pub struct Operator {
    pub name: &'static str,
    pub family: Family,
    pub summary: &'static str,
}

const fn op(name: &'static str, family: Family, summary: &'static str) -> Operator {
    Operator {
        name,
        family,
        summary,
    }
}

/// The condition operators of the IAM policy grammar (IAM User Guide,
/// "IAM JSON policy elements: Condition operators").
pub static OPERATORS: &[Operator] = &[
    op(
        "StringEquals",
        Family::String,
        "Exact match, case-sensitive.",
    ),
    op(
        "StringNotEquals",
        Family::String,
        "Negated exact match, case-sensitive.",
    ),
    op(
        "StringEqualsIgnoreCase",
        Family::String,
        "Exact match, ignoring case.",
    ),
    op(
        "StringNotEqualsIgnoreCase",
        Family::String,
        "Negated exact match, ignoring case.",
    ),
    op(
        "StringLike",
        Family::String,
        "Case-sensitive match with `*` and `?` wildcards.",
    ),
    op(
        "StringNotLike",
        Family::String,
        "Negated case-sensitive match with `*` and `?` wildcards.",
    ),
    op("NumericEquals", Family::Numeric, "Numbers are equal."),
    op("NumericNotEquals", Family::Numeric, "Numbers differ."),
    op(
        "NumericLessThan",
        Family::Numeric,
        "The key's number is less than the value.",
    ),
    op(
        "NumericLessThanEquals",
        Family::Numeric,
        "The key's number is less than or equal to the value.",
    ),
    op(
        "NumericGreaterThan",
        Family::Numeric,
        "The key's number is greater than the value.",
    ),
    op(
        "NumericGreaterThanEquals",
        Family::Numeric,
        "The key's number is greater than or equal to the value.",
    ),
    op("DateEquals", Family::Date, "The dates are equal."),
    op("DateNotEquals", Family::Date, "The dates differ."),
    op(
        "DateLessThan",
        Family::Date,
        "The key's date is before the value.",
    ),
    op(
        "DateLessThanEquals",
        Family::Date,
        "The key's date is at or before the value.",
    ),
    op(
        "DateGreaterThan",
        Family::Date,
        "The key's date is after the value.",
    ),
    op(
        "DateGreaterThanEquals",
        Family::Date,
        "The key's date is at or after the value.",
    ),
    op("Bool", Family::Bool, "Boolean match."),
    op(
        "BinaryEquals",
        Family::Binary,
        "Byte-for-byte match of a base64-encoded value.",
    ),
    op("IpAddress", Family::Ip, "The IP address is in the range."),
    op(
        "NotIpAddress",
        Family::Ip,
        "The IP address is outside the range.",
    ),
    op(
        "ArnEquals",
        Family::Arn,
        "ARN match (case-sensitive, each part compared; `*` and `?` allowed).",
    ),
    op(
        "ArnLike",
        Family::Arn,
        "ARN match (case-sensitive, each part compared; `*` and `?` allowed).",
    ),
    op("ArnNotEquals", Family::Arn, "Negated ARN match."),
    op("ArnNotLike", Family::Arn, "Negated ARN match."),
    op(
        "Null",
        Family::Null,
        "Whether the condition key is absent from the request.",
    ),
];

/// The set-operator prefixes for multivalued keys.
pub const SET_PREFIXES: &[&str] = &["ForAllValues:", "ForAnyValue:"];

/// An operator as written: set prefix, base operator and `IfExists`.
pub struct ParsedOperator {
    pub set: Option<&'static str>,
    pub base: &'static Operator,
    pub if_exists: bool,
}

/// Reads an operator; `None` when it is not one.
pub fn parse_operator(text: &str) -> Option<ParsedOperator> {
    let mut rest = text;
    let mut set = None;
    for prefix in SET_PREFIXES {
        if let Some(stripped) = strip_prefix_ignore_case(rest, prefix) {
            set = Some(*prefix);
            rest = stripped;
        }
    }
    let (rest, if_exists) = match rest.len().checked_sub("IfExists".len()) {
        Some(cut)
            if rest
                .get(cut..)
                .is_some_and(|s| s.eq_ignore_ascii_case("IfExists")) =>
        {
            (rest.get(..cut).unwrap_or_default(), true)
        }
        _ => (rest, false),
    };
    let base = OPERATORS
        .iter()
        .find(|o| o.name.eq_ignore_ascii_case(rest))?;
    if if_exists && base.family == Family::Null {
        return None;
    }
    Some(ParsedOperator {
        set,
        base,
        if_exists,
    })
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// Global keys AWS documents elsewhere than the main global key list.
const EXTRA_GLOBAL_KEYS: &[(&str, &str, &str)] = &[
    ("aws:SourceOwner", "String", "The account that owns the resource making a service-to-service request (older form of aws:SourceAccount)."),
    ("aws:Ec2InstanceSourceVpc", "String", "The VPC an EC2 instance's role credentials were delivered to."),
    ("aws:Ec2InstanceSourcePrivateIPv4", "IPAddress", "The private IPv4 address of the EC2 instance using role credentials."),
];

/// What is known about a condition key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    /// The key as the reference writes it (`aws:RequestTag/${TagKey}`).
    pub name: String,
    pub ty: Option<String>,
    pub description: Option<String>,
}

/// A reference key name with its variable parts (`${TagKey}`, `<key>`)
/// replaced by `placeholder`.
pub fn mask_key(name: &str, placeholder: &str) -> String {
    let mut masked = values::mask_variables(name, placeholder);
    // Some services spell the tag key part `tag-key`, or leave it empty.
    if let Some(stem) = masked.strip_suffix("/tag-key") {
        masked = format!("{stem}/{placeholder}");
    } else if masked.ends_with('/') {
        masked.push_str(placeholder);
    }
    match (masked.find('<'), masked.rfind('>')) {
        (Some(start), Some(end)) if start < end => format!(
            "{}{placeholder}{}",
            masked.get(..start).unwrap_or_default(),
            masked.get(end + 1..).unwrap_or_default()
        ),
        _ => masked,
    }
}

/// True when `key` matches a reference key name, where `${...}` and `<...>`
/// parts stand for any text.
pub fn key_matches(pattern: &str, key: &str) -> bool {
    if pattern.contains("${")
        || pattern.contains('<')
        || pattern.ends_with("/tag-key")
        || pattern.ends_with('/')
    {
        iam::wildcard_match(&mask_key(pattern, "*"), key)
    } else {
        pattern.eq_ignore_ascii_case(key)
    }
}

/// Looks a condition key up: global keys, the keys of its service, and the
/// keys the statement's actions list. `Err(candidates)` when the key's
/// prefix is known but the key is not; `Ok(None)` when nothing can be said.
pub fn lookup(key: &str, scope: &Scope) -> Result<Option<KeyInfo>, Vec<String>> {
    let Some((prefix, _)) = key.split_once(':') else {
        return Err(Vec::new());
    };
    if prefix.eq_ignore_ascii_case("aws") {
        if let Some(global) = iam::global_condition_key(key) {
            return Ok(Some(KeyInfo {
                name: global.name.to_string(),
                ty: Some(global.ty.to_string()),
                description: Some(global.description.to_string()),
            }));
        }
        if let Some((name, ty, description)) = EXTRA_GLOBAL_KEYS
            .iter()
            .find(|k| k.0.eq_ignore_ascii_case(key))
        {
            return Ok(Some(KeyInfo {
                name: name.to_string(),
                ty: Some(ty.to_string()),
                description: Some(description.to_string()),
            }));
        }
        if let Some(info) = in_scope(key, scope) {
            return Ok(Some(info));
        }
        let mut names: Vec<String> = iam::global_condition_keys()
            .iter()
            .map(|k| k.name.trim_end_matches('/').to_string())
            .collect();
        names.extend(EXTRA_GLOBAL_KEYS.iter().map(|k| k.0.to_string()));
        return Err(names);
    }
    let Some(service) = iam::service(prefix) else {
        return Ok(None);
    };
    if let Some(found) = service
        .condition_keys
        .iter()
        .find(|k| key_matches(&k.name, key))
    {
        return Ok(Some(KeyInfo {
            name: found.name.to_string(),
            ty: Some(found.ty.to_string()),
            description: Some(found.description.to_string()),
        }));
    }
    if let Some(info) = in_scope(key, scope) {
        return Ok(Some(info));
    }
    Err(service
        .condition_keys
        .iter()
        .map(|k| mask_key(&k.name, "").trim_end_matches('/').to_string())
        .collect())
}

/// A key listed by one of the statement's actions (some actions list other services' keys).
fn in_scope(key: &str, scope: &Scope) -> Option<KeyInfo> {
    for (service, action) in &scope.actions {
        if let Some(name) = action.condition_keys.iter().find(|k| key_matches(k, key)) {
            let typed = key
                .split_once(':')
                .and_then(|(p, _)| iam::service(p))
                .unwrap_or(service)
                .condition_keys
                .iter()
                .find(|k| key_matches(&k.name, key));
            return Some(KeyInfo {
                name: name.to_string(),
                ty: typed.map(|k| k.ty.to_string()),
                description: typed.map(|k| k.description.to_string()),
            });
        }
    }
    None
}

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
        findings.push(Finding::error(
            KIND,
            "iam-invalid-condition",
            doc.node(element.node).span,
            "Condition must map operators to {condition key: value} blocks",
        ));
        return;
    };
    for entry in operators {
        let Some(operator) = parse_operator(&entry.key.text) else {
            let candidates = OPERATORS.iter().map(|o| o.name);
            let base = entry.key.text.rsplit(':').next().unwrap_or_default();
            let mut message = format!("unknown condition operator '{}'", entry.key.text);
            if entry.key.text.ends_with("IfExists") && base.starts_with("Null") {
                message = "'Null' cannot take the IfExists suffix".to_string();
            } else if let Some(s) = values::closest(base, candidates) {
                message.push_str(&format!("; did you mean '{s}'?"));
            }
            findings.push(Finding::error(
                KIND,
                "iam-unknown-condition-operator",
                entry.key.span,
                message,
            ));
            continue;
        };
        if doc.intrinsic(entry.value).is_some() {
            continue;
        }
        let Some(keys) = doc.mapping(entry.value) else {
            findings.push(Finding::error(
                KIND,
                "iam-invalid-condition",
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
    match lookup(key, scope) {
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
            findings.push(Finding::warning(
                KIND,
                "iam-unknown-condition-key",
                span,
                message,
            ));
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
        findings.push(Finding::warning(
            KIND,
            "iam-condition-type-mismatch",
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
            findings.push(Finding::warning(
                KIND,
                "iam-set-operator-single-valued",
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
            findings.push(Finding::error(
                KIND,
                "iam-invalid-condition",
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
        findings.push(Finding::error(
            KIND,
            "iam-invalid-condition-value",
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
    fn operators() {
        assert!(parse_operator("ForAnyValue:StringLikeIfExists")
            .is_some_and(|o| o.if_exists && o.set.is_some()));
        assert!(parse_operator("Null").is_some());
        assert!(parse_operator("NullIfExists").is_none());
        assert!(parse_operator("StringEqual").is_none());
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
