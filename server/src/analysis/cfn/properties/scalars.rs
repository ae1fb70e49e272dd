//! Scalar values: CloudFormation's type conversions (numbers and booleans
//! written as strings and back), `enum`, `const`, `pattern`, lengths and
//! numeric bounds.

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, NodeKind, Scalar, ScalarKind};

use crate::analysis::suggest;
use crate::analysis::{Finding, Fix};
use crate::schema::{JsonType, Literal, Shape};

use super::edits;
use super::patterns;
use super::walker::{count_of, Out, Walker};

/// Most enum values listed in a message.
const MAX_LISTED: usize = 12;

fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

fn integral(text: &str) -> bool {
    let text = text.trim();
    text.parse::<i64>().is_ok() || number(text).is_some_and(|n| n.fract() == 0.0)
}

/// The numeric value of a scalar, when it is or reads as a number.
fn numeric(scalar: &Scalar) -> Option<f64> {
    match scalar.kind {
        ScalarKind::Integer | ScalarKind::Float | ScalarKind::String => number(&scalar.value),
        _ => None,
    }
}

/// Whether CloudFormation accepts `scalar` where type `t` is expected.
pub(super) fn fits(scalar: &Scalar, t: JsonType) -> bool {
    let text = scalar.value.as_str();
    match (t, scalar.kind) {
        (JsonType::Null, ScalarKind::Null) => true,
        (JsonType::String, _) => true,
        (JsonType::Integer, ScalarKind::Integer) => true,
        (JsonType::Integer, ScalarKind::Float | ScalarKind::String) => integral(text),
        (JsonType::Number, ScalarKind::Integer | ScalarKind::Float) => true,
        (JsonType::Number, ScalarKind::String) => number(text).is_some(),
        (JsonType::Boolean, ScalarKind::Bool) => true,
        // YAML 1.1 spellings too, which cfn-lint and older parsers read as booleans.
        (JsonType::Boolean, ScalarKind::String) => ["true", "false", "yes", "no", "on", "off"]
            .iter()
            .any(|b| text.eq_ignore_ascii_case(b)),
        _ => false,
    }
}

fn expected(t: JsonType) -> &'static str {
    match t {
        JsonType::String => "a string",
        JsonType::Integer => "an integer",
        JsonType::Number => "a number",
        JsonType::Boolean => "a boolean (`true` or `false`)",
        JsonType::Object => "a mapping of properties",
        JsonType::Array => "a list",
        JsonType::Null => "null",
    }
}

fn found(kind: &NodeKind) -> String {
    match kind {
        NodeKind::Mapping(_) => "a mapping".to_string(),
        NodeKind::Sequence(_) => "a list".to_string(),
        NodeKind::Scalar(s) => {
            let what = match s.kind {
                ScalarKind::String => "the string",
                ScalarKind::Integer => "the integer",
                ScalarKind::Float => "the number",
                ScalarKind::Bool => "the boolean",
                ScalarKind::Null => "null",
            };
            let mut shown: String = s.value.chars().take(40).collect();
            if shown.len() < s.value.len() {
                shown.push('…');
            }
            format!("{what} `{shown}`")
        }
        _ => "a value".to_string(),
    }
}

/// "`Name` expects an integer, found the string `abc`" plus how to fix it.
pub(super) fn type_message(name: &str, shape: &Shape, kind: &NodeKind) -> String {
    let wanted: Vec<&str> = shape
        .types
        .iter()
        .filter(|t| *t != JsonType::Null)
        .map(expected)
        .collect();
    let wanted = match wanted.as_slice() {
        [] => "a value".to_string(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    };
    let hint = match kind {
        NodeKind::Scalar(_) if shape.types.contains(JsonType::Array) => {
            "; write it as a list, e.g. `[value]`"
        }
        NodeKind::Scalar(_) if shape.types.contains(JsonType::Object) => {
            "; write its properties as a mapping"
        }
        NodeKind::Sequence(_) if shape.types.contains(JsonType::Object) => {
            "; write a single mapping, not a list"
        }
        NodeKind::Mapping(_) | NodeKind::Sequence(_) => "; write a single value",
        _ => "",
    };
    format!("`{name}` expects {wanted}, found {}{hint}", found(kind))
}

/// Whether the scalar equals a schema literal (numbers compared by value,
/// booleans case-insensitively, as CloudFormation converts them).
fn equals(scalar: &Scalar, literal: &Literal) -> bool {
    let text = scalar.value.as_str();
    match literal {
        Literal::String(s) => {
            &**s == text
                || (scalar.kind == ScalarKind::Bool && s.eq_ignore_ascii_case(text))
                || (scalar.kind == ScalarKind::Float
                    && number(s).is_some()
                    && number(s) == number(text))
        }
        Literal::Number(n) => number(text) == Some(*n),
        Literal::Bool(b) => text.eq_ignore_ascii_case(if *b { "true" } else { "false" }),
        Literal::Null => scalar.kind == ScalarKind::Null,
    }
}

fn listed(values: &[Literal]) -> String {
    let mut shown: Vec<String> = values
        .iter()
        .take(MAX_LISTED)
        .map(|v| format!("`{}`", v.to_text()))
        .collect();
    if values.len() > MAX_LISTED {
        shown.push(format!("… ({} more)", values.len() - MAX_LISTED));
    }
    shown.join(", ")
}

impl<'a> Walker<'a> {
    pub(super) fn scalar(
        &mut self,
        id: NodeId,
        scalar: &'a Scalar,
        shape: &'a Shape,
        out: &mut Out,
    ) {
        let span = self.doc.node(id).span;
        let text = scalar.value.as_str();
        if !shape.enum_values.is_empty() && !shape.enum_values.iter().any(|v| equals(scalar, v)) {
            self.bad_enum(id, scalar, &shape.enum_values, out);
            return;
        }
        let extra = shape.extra();
        if !extra.enum_case_insensitive.is_empty()
            && !extra.enum_case_insensitive.iter().any(|v| match v {
                Literal::String(s) => s.eq_ignore_ascii_case(text),
                other => equals(scalar, other),
            })
        {
            self.bad_enum(id, scalar, &extra.enum_case_insensitive, out);
            return;
        }
        if let Some(constant) = &extra.const_value {
            if !equals(scalar, constant) {
                out.findings.push(Finding::new(
                    Rule::InvalidValue,
                    span,
                    format!(
                        "`{}` must be `{}`, found `{text}`",
                        self.name(),
                        constant.to_text()
                    ),
                ));
                return;
            }
        }
        if scalar.kind == ScalarKind::String {
            self.string_checks(span, text, shape, out);
        }
        let numeric_type = shape.types.is_empty()
            || shape.types.contains(JsonType::Integer)
            || shape.types.contains(JsonType::Number);
        if numeric_type {
            if let Some(value) = numeric(scalar) {
                self.range(span, text, value, shape, out);
            }
        }
    }

    fn string_checks(
        &mut self,
        span: awsls_grammars::Span,
        text: &str,
        shape: &'a Shape,
        out: &mut Out,
    ) {
        let stringy = shape.types.is_empty() || shape.types.contains(JsonType::String);
        if !stringy {
            return;
        }
        let chars = text.chars().count() as u64;
        if let Some(min) = shape.min_length.filter(|m| chars < *m) {
            out.findings.push(Finding::new(
                Rule::InvalidLength,
                span,
                format!(
                    "`{}` must be at least {} long, but this value has {chars}",
                    self.name(),
                    count_of(min, "character")
                ),
            ));
            return;
        }
        if let Some(max) = shape.max_length.filter(|m| chars > *m) {
            out.findings.push(Finding::new(
                Rule::InvalidLength,
                span,
                format!(
                    "`{}` must be at most {} long, but this value has {chars}; shorten it",
                    self.name(),
                    count_of(max, "character")
                ),
            ));
            return;
        }
        if let Some(format) = shape.extra().format.as_deref() {
            if let Some(problem) = super::formats::problem(format, text) {
                out.findings.push(Finding::new(
                    Rule::InvalidFormat,
                    span,
                    format!("`{text}` is not {problem}"),
                ));
                return;
            }
        }
        if let Some(pattern) = shape.pattern.as_deref() {
            if patterns::is_match(pattern, text) == Some(false) {
                let mut shown: String = text.chars().take(60).collect();
                if shown.len() < text.len() {
                    shown.push('…');
                }
                out.findings.push(Finding::new(Rule::InvalidPattern,
                    span,
                    format!(
                        "`{shown}` is not a valid value for `{}`: it must match the pattern `{pattern}`",
                        self.name()
                    ),
                ));
            }
        }
    }

    fn range(
        &mut self,
        span: awsls_grammars::Span,
        text: &str,
        value: f64,
        shape: &'a Shape,
        out: &mut Out,
    ) {
        let extra = shape.extra();
        let text = text.trim();
        let problem = if let Some(min) = shape.minimum.filter(|m| value < *m) {
            Some(format!("at least {}", Literal::Number(min).to_text()))
        } else if let Some(max) = shape.maximum.filter(|m| value > *m) {
            Some(format!("at most {}", Literal::Number(max).to_text()))
        } else if let Some(min) = extra.exclusive_minimum.filter(|m| value <= *m) {
            Some(format!("greater than {}", Literal::Number(min).to_text()))
        } else {
            extra
                .exclusive_maximum
                .filter(|m| value >= *m)
                .map(|max| format!("less than {}", Literal::Number(max).to_text()))
        };
        if let Some(bound) = problem {
            out.findings.push(Finding::new(
                Rule::OutOfRange,
                span,
                format!("`{}` must be {bound}, found {text}", self.name()),
            ));
        }
    }

    fn bad_enum(&mut self, id: NodeId, scalar: &Scalar, allowed: &'a [Literal], out: &mut Out) {
        let text = scalar.value.as_str();
        let names = allowed.iter().filter_map(|v| match v {
            Literal::String(s) => Some(&**s),
            _ => None,
        });
        let suggestion = suggest::closest(text, names);
        let message = match suggestion {
            Some(s) => format!(
                "`{text}` is not an allowed value for `{}`; did you mean `{s}`?",
                self.name()
            ),
            None => format!(
                "`{text}` is not an allowed value for `{}`; expected one of {}",
                self.name(),
                listed(allowed)
            ),
        };
        let span = self.doc.node(id).span;
        let mut finding = Finding::new(Rule::InvalidEnum, span, message);
        if let Some(s) = suggestion {
            finding = finding.with_fix(Fix {
                title: format!("Change to `{s}`"),
                edits: vec![edits::replace_scalar(self.snapshot, id, s)],
                preferred: true,
            });
        }
        out.findings.push(finding);
    }
}
