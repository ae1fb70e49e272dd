//! `allOf`, `anyOf`, `oneOf`, `if`/`then`/`else` and `not`. Branches are
//! probed without reporting; a failure is reported only when every branch
//! is known to fail (values from intrinsic functions keep a branch possible).

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, NodeKind, Span};

use crate::analysis::Finding;
use crate::schema::{AdditionalProperties, Shape};

use super::walker::{Out, Verdict, Walker};

/// True when a branch only lists required properties (`{required: [A]}`).
fn required_only(shape: &Shape) -> bool {
    !shape.required.is_empty()
        && shape.properties.is_empty()
        && shape.pattern_properties.is_empty()
        && shape.enum_values.is_empty()
        && shape.pattern.is_none()
        && shape.items.is_none()
        && shape.one_of.is_empty()
        && shape.any_of.is_empty()
        && shape.all_of.is_empty()
        && shape.extra.is_none()
        && matches!(shape.additional_properties, AdditionalProperties::Allowed)
}

/// "`A`" or "`A` with `B`" for one branch's required set.
fn branch_label(shape: &Shape) -> String {
    let names: Vec<String> = shape.required.iter().map(|n| format!("`{n}`")).collect();
    names.join(" with ")
}

/// "a, b or c" from already formatted items.
fn either(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

impl<'a> Walker<'a> {
    pub(super) fn combinators(&mut self, id: NodeId, shape: &'a Shape, label: Span, out: &mut Out) {
        for branch in shape.all_of.iter() {
            self.value(id, branch, label, out);
        }
        if !shape.any_of.is_empty() {
            self.any_of(id, &shape.any_of, label, out);
        }
        if !shape.one_of.is_empty() {
            self.one_of(id, &shape.one_of, label, out);
        }
        let extra = shape.extra();
        if let Some(condition) = extra.if_.as_deref() {
            match self.probe(id, condition, label).0 {
                Verdict::Yes => {
                    if let Some(then) = extra.then.as_deref() {
                        self.value(id, then, label, out);
                    }
                }
                Verdict::No => {
                    if let Some(otherwise) = extra.else_.as_deref() {
                        self.value(id, otherwise, label, out);
                    }
                }
                Verdict::Unknown => out.uncertain = true,
            }
        }
        if let Some(not) = extra.not.as_deref() {
            match self.probe(id, not, label).0 {
                Verdict::Yes => {
                    let span = self.doc.node(id).span;
                    let shown = match &self.doc.node(id).kind {
                        NodeKind::Scalar(s) => format!("`{}`", s.value),
                        _ => "this value".to_string(),
                    };
                    out.findings.push(Finding::new(
                        Rule::InvalidValue,
                        span,
                        format!(
                            "{shown} is not allowed for `{}`; choose another value",
                            self.name()
                        ),
                    ));
                }
                Verdict::Unknown => out.uncertain = true,
                Verdict::No => {}
            }
        }
    }

    fn resolved(&self, branches: &'a [Shape]) -> Vec<&'a Shape> {
        branches.iter().map(|b| self.schema.resolve(b)).collect()
    }

    fn any_of(&mut self, id: NodeId, branches: &'a [Shape], label: Span, out: &mut Out) {
        let mut failures = Vec::with_capacity(branches.len());
        for branch in branches {
            let (verdict, sub) = self.probe(id, branch, label);
            match verdict {
                Verdict::Yes => return,
                Verdict::Unknown => {
                    out.uncertain = true;
                    return;
                }
                Verdict::No => failures.push(sub),
            }
        }
        let shapes = self.resolved(branches);
        if shapes.iter().all(|s| required_only(s)) {
            let sets: Vec<String> = shapes.iter().map(|s| branch_label(s)).collect();
            out.findings.push(Finding::new(
                Rule::MissingRequiredProperty,
                label,
                format!("{} needs at least one of {}", self.owner(), either(&sets)),
            ));
            return;
        }
        self.report_best(id, failures, out);
    }

    fn one_of(&mut self, id: NodeId, branches: &'a [Shape], label: Span, out: &mut Out) {
        let mut failures = Vec::with_capacity(branches.len());
        let mut matched: Vec<usize> = Vec::new();
        let mut unknown = false;
        for (i, branch) in branches.iter().enumerate() {
            let (verdict, sub) = self.probe(id, branch, label);
            match verdict {
                Verdict::Yes => matched.push(i),
                Verdict::Unknown => unknown = true,
                Verdict::No => failures.push(sub),
            }
        }
        if unknown {
            out.uncertain = true;
        }
        let shapes = self.resolved(branches);
        if matched.is_empty() && !unknown {
            if shapes.iter().all(|s| required_only(s)) {
                let sets: Vec<String> = shapes.iter().map(|s| branch_label(s)).collect();
                out.findings.push(Finding::new(
                    Rule::MissingRequiredProperty,
                    label,
                    format!("{} needs exactly one of {}", self.owner(), either(&sets)),
                ));
            } else {
                self.report_best(id, failures, out);
            }
            return;
        }
        // Several branches matched: an error only for plain required sets,
        // where it means mutually exclusive properties were both set.
        if matched.len() > 1
            && !unknown
            && matched
                .iter()
                .all(|i| shapes.get(*i).is_some_and(|s| required_only(s)))
        {
            let Some(entries) = self.doc.mapping(id) else {
                return;
            };
            let names: Vec<&str> = matched
                .iter()
                .filter_map(|i| shapes.get(*i))
                .flat_map(|s| s.required.iter().map(|r| &**r))
                .collect();
            self.exclusive(id, entries, &names, out);
        }
    }

    /// When no branch fits: the findings of the branch that came closest.
    fn report_best(&mut self, id: NodeId, failures: Vec<Out>, out: &mut Out) {
        // A branch of another type is the least likely intent.
        let span = self.doc.node(id).span;
        let best = failures.into_iter().min_by_key(|f| {
            let wrong_type = f
                .findings
                .iter()
                .any(|x| x.rule == Rule::InvalidType && x.span == span);
            let errors = f
                .findings
                .iter()
                .filter(|x| x.severity == crate::analysis::Severity::Error)
                .count();
            (wrong_type, errors)
        });
        if let Some(best) = best {
            out.findings.extend(best.findings);
        }
    }
}
