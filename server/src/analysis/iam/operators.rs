//! Condition operators: the operator table (IAM User Guide, "IAM JSON
//! policy elements: Condition operators") and reading an operator as written,
//! with its `ForAllValues:`/`ForAnyValue:` prefix and `IfExists` suffix.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators() {
        assert!(parse_operator("ForAnyValue:StringLikeIfExists")
            .is_some_and(|o| o.if_exists && o.set.is_some()));
        assert!(parse_operator("Null").is_some());
        assert!(parse_operator("NullIfExists").is_none());
        assert!(parse_operator("StringEqual").is_none());
    }
}
