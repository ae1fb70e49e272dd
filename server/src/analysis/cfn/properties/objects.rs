//! Object values: declared, pattern and additional properties; `required`,
//! cfn-lint's `requiredXor`/`requiredOr`, `dependentRequired`,
//! `dependentExcluded`, `dependentSchemas` and property counts.

use crate::analysis::rules::Rule;
use awsls_grammars::{Entry, NodeId, Span};

use crate::analysis::suggest;
use crate::analysis::{Finding, Fix};
use crate::schema::{AdditionalProperties, Shape};

use super::edits::{self, Insertion};
use super::patterns;
use super::placeholder;
use super::presence::{has_merge_key, presence, Presence};
use super::walker::{count_of, Out, Walker};

/// Most property names listed when there is no close suggestion.
const MAX_LISTED: usize = 10;

/// "`A`", "`A` and `B`", "`A`, `B` and `C`".
pub(super) fn and_list<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "`A`, `B` or `C`".
pub(super) fn or_list<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

impl<'a> Walker<'a> {
    /// "`AWS::S3::Bucket`" at the top, "`Path` (in `AWS::S3::Bucket`)" below.
    pub(super) fn owner(&self) -> String {
        if self.path.is_empty() {
            format!("`{}`", self.type_name())
        } else {
            format!("`{}` (in `{}`)", self.where_(), self.type_name())
        }
    }

    /// The property shapes a key may match: the shape's own, then those of its
    /// `oneOf`/`anyOf`/`allOf` branches.
    fn declared_anywhere(&self, shape: &'a Shape, key: &str) -> bool {
        let branches = shape
            .one_of
            .iter()
            .chain(shape.any_of.iter())
            .chain(shape.all_of.iter());
        shape.property(key).is_some()
            || branches.into_iter().any(|b| {
                let b = self.schema.resolve(b);
                b.property(key).is_some() || !b.one_of.is_empty() && self.declared_anywhere(b, key)
            })
    }

    fn candidate_names(&self, shape: &'a Shape) -> Vec<&'a str> {
        let mut names: Vec<&'a str> = shape.properties.iter().map(|(n, _)| &**n).collect();
        for branch in shape
            .one_of
            .iter()
            .chain(shape.any_of.iter())
            .chain(shape.all_of.iter())
        {
            let branch = self.schema.resolve(branch);
            for (n, _) in branch.properties.iter() {
                if !names.contains(&&**n) {
                    names.push(n);
                }
            }
        }
        names
    }

    pub(super) fn object(
        &mut self,
        id: NodeId,
        entries: &'a [Entry],
        shape: &'a Shape,
        label: Span,
        out: &mut Out,
    ) {
        for (index, entry) in entries.iter().enumerate() {
            let key = entry.key.text.as_str();
            if key == "<<" {
                continue;
            }
            if let Some(property) = shape.property(key) {
                self.path.push(key);
                self.value(entry.value, property, entry.key.span, out);
                self.path.pop();
                continue;
            }
            let mut matched = false;
            for (pattern, property) in shape.pattern_properties.iter() {
                match patterns::is_match(pattern, key) {
                    Some(true) => {
                        matched = true;
                        self.path.push(key);
                        self.value(entry.value, property, entry.key.span, out);
                        self.path.pop();
                    }
                    Some(false) => {}
                    None => matched = true,
                }
            }
            if matched {
                continue;
            }
            match &shape.additional_properties {
                AdditionalProperties::Allowed => {}
                AdditionalProperties::Schema(property) => {
                    self.path.push(key);
                    self.value(entry.value, property, entry.key.span, out);
                    self.path.pop();
                }
                AdditionalProperties::Forbidden => {
                    if !self.declared_anywhere(shape, key) {
                        self.unknown_property(id, entries, index, shape, out);
                    }
                }
            }
        }
        self.required(id, entries, shape, label, out);
        self.dependencies(id, entries, shape, label, out);
    }

    fn unknown_property(
        &mut self,
        id: NodeId,
        entries: &'a [Entry],
        index: usize,
        shape: &'a Shape,
        out: &mut Out,
    ) {
        let Some(entry) = entries.get(index) else {
            return;
        };
        let key = entry.key.text.as_str();
        let names = self.candidate_names(shape);
        let suggestion = suggest::closest(key, names.iter().copied())
            .filter(|s| !entries.iter().any(|e| e.key.text == *s));
        let key_patterns: Vec<&str> = shape.pattern_properties.iter().map(|(p, _)| &**p).collect();
        let advice = match suggestion {
            Some(s) => format!("; did you mean `{s}`?"),
            None if names.is_empty() && !key_patterns.is_empty() => {
                format!("; its keys must match {}", or_list(&key_patterns))
            }
            None if names.is_empty() => "; this object takes no properties".to_string(),
            None => {
                // Read-only properties (`Arn`, ...) are outputs: not worth listing.
                let mut writable: Vec<&str> = names
                    .iter()
                    .copied()
                    .filter(|n| !(self.path.is_empty() && self.schema.is_read_only(&[n])))
                    .collect();
                writable.sort_unstable();
                let more = if writable.len() > MAX_LISTED {
                    ", …"
                } else {
                    ""
                };
                writable.truncate(MAX_LISTED);
                format!("; valid properties are {}{more}", and_list(&writable))
            }
        };
        let mut finding = Finding::new(
            Rule::UnknownProperty,
            entry.key.span,
            format!("`{key}` is not a property of {}{advice}", self.owner()),
        );
        if let Some(s) = suggestion {
            finding = finding.with_fix(Fix {
                title: format!("Rename to `{s}`"),
                edits: vec![edits::rename_key(self.snapshot, entry.key.span, s)],
                preferred: true,
            });
        }
        if let Some(edit) = edits::remove_entry(self.snapshot, id, index) {
            finding = finding.with_fix(Fix {
                title: format!("Remove `{key}`"),
                edits: vec![edit],
                preferred: false,
            });
        }
        out.findings.push(finding);
    }

    /// Whether the `branch` ("true" or "false") of `Fn::If` on `condition`
    /// can be taken, under the resource's own condition: `None` when never,
    /// else parameter values that take it (", for example when ...").
    fn branch_taken(&self, condition: &str, branch: &str) -> Option<String> {
        let model = self.snapshot.conditions();
        if model.condition(condition).is_none() {
            return Some(String::new());
        }
        let own = self.condition.filter(|c| model.condition(c).is_some());
        let holds = model.all_of(
            own.map(|c| (c, true))
                .into_iter()
                .chain([(condition, branch == "true")]),
        )?;
        let scenario = model.example(&holds)?;
        Some(
            crate::analysis::cfn::conditions::scenario_words(&scenario)
                .map(|w| format!(", for example when {w}"))
                .unwrap_or_default(),
        )
    }

    /// A finding for properties that must be added, with a fix inserting placeholders.
    pub(super) fn missing(
        &self,
        id: NodeId,
        shape: &'a Shape,
        names: &[&'a str],
        label: Span,
        message: String,
    ) -> Finding {
        let mut finding = Finding::new(Rule::MissingRequiredProperty, label, message);
        if let Some(ins) = Insertion::into_mapping(self.snapshot, id, Some(label)) {
            let texts: Vec<String> = names
                .iter()
                .map(|n| {
                    ins.entry(
                        n,
                        &placeholder::for_property(self.schema, shape, n, self.snapshot.format),
                    )
                })
                .collect();
            let title = if names.len() == 1 {
                format!("Add `{}`", names.first().copied().unwrap_or_default())
            } else {
                format!("Add {}", and_list(names))
            };
            finding = finding.with_fix(Fix {
                title,
                edits: vec![ins.edit(&texts)],
                preferred: true,
            });
        }
        finding
    }

    fn required(
        &mut self,
        id: NodeId,
        entries: &'a [Entry],
        shape: &'a Shape,
        label: Span,
        out: &mut Out,
    ) {
        let missing: Vec<&'a str> = shape
            .required
            .iter()
            .map(|r| &**r)
            .filter(|r| presence(self.doc, entries, r) == Presence::Absent)
            .collect();
        if !missing.is_empty() {
            let noun = if missing.len() == 1 {
                "property"
            } else {
                "properties"
            };
            let message = format!(
                "{} is missing the required {noun} {}",
                self.owner(),
                and_list(&missing)
            );
            let finding = self.missing(id, shape, &missing, label, message);
            out.findings.push(finding);
        }
        // A required property that `Fn::If` removes in one branch is
        // missing whenever that branch is taken.
        for name in shape.required.iter().filter(|_| self.probing == 0) {
            let Some(entry) = entries.iter().find(|e| e.key.text == **name) else {
                continue;
            };
            if let Some((condition, branch)) = removed_when(self.doc, entry.value) {
                let Some(when) = self.branch_taken(&condition, branch) else {
                    continue;
                };
                let message = format!(
                    "{} needs `{name}`, but `AWS::NoValue` removes it when condition `{condition}` is {branch}{when}",
                    self.owner()
                );
                out.findings.push(Finding::new(
                    Rule::MissingRequiredProperty,
                    entry.key.span,
                    message,
                ));
            }
        }
        let extra = shape.extra();
        if !extra.required_xor.is_empty() {
            let names: Vec<&str> = extra.required_xor.iter().map(|n| &**n).collect();
            let states: Vec<Presence> = names
                .iter()
                .map(|n| presence(self.doc, entries, n))
                .collect();
            let set = states.iter().filter(|p| **p == Presence::Present).count();
            if !states.iter().any(|p| p.may_be_set()) {
                out.findings.push(Finding::new(
                    Rule::MissingRequiredProperty,
                    label,
                    format!("{} needs exactly one of {}", self.owner(), or_list(&names)),
                ));
            } else if set > 1 {
                self.exclusive(id, entries, &names, out);
            }
        }
        if !extra.required_or.is_empty() {
            let names: Vec<&str> = extra.required_or.iter().map(|n| &**n).collect();
            if !names
                .iter()
                .any(|n| presence(self.doc, entries, n).may_be_set())
            {
                out.findings.push(Finding::new(
                    Rule::MissingRequiredProperty,
                    label,
                    format!("{} needs at least one of {}", self.owner(), or_list(&names)),
                ));
            }
        }
    }

    /// Reports the second (and later) of properties that exclude each other.
    pub(super) fn exclusive(
        &mut self,
        id: NodeId,
        entries: &'a [Entry],
        names: &[&str],
        out: &mut Out,
    ) {
        let set: Vec<&Entry> = entries
            .iter()
            .filter(|e| names.contains(&e.key.text.as_str()))
            .filter(|e| presence(self.doc, entries, &e.key.text) == Presence::Present)
            .collect();
        let Some(first) = set.first() else {
            return;
        };
        for entry in set.iter().skip(1) {
            let finding = Finding::new(Rule::ExclusiveProperties,
                entry.key.span,
                format!(
                    "`{}` cannot be used together with `{}` in {}: only one of {} may be set; remove one",
                    entry.key.text,
                    first.key.text,
                    self.owner(),
                    or_list(names)
                ),
            );
            out.findings
                .push(self.with_removal(id, entries, &entry.key.text, finding));
        }
    }

    /// Adds a "Remove `name`" fix to a finding.
    fn with_removal(&self, id: NodeId, entries: &[Entry], name: &str, finding: Finding) -> Finding {
        let edit = entries
            .iter()
            .position(|e| e.key.text == name)
            .and_then(|index| edits::remove_entry(self.snapshot, id, index));
        match edit {
            Some(edit) => finding.with_fix(Fix {
                title: format!("Remove `{name}`"),
                edits: vec![edit],
                preferred: false,
            }),
            None => finding,
        }
    }

    fn dependencies(
        &mut self,
        id: NodeId,
        entries: &'a [Entry],
        shape: &'a Shape,
        label: Span,
        out: &mut Out,
    ) {
        let extra = shape.extra();
        let present = |name: &str| presence(self.doc, entries, name) == Presence::Present;
        let key_span = |name: &str| {
            entries
                .iter()
                .find(|e| e.key.text == name)
                .map(|e| e.key.span)
        };
        let mut found = Vec::new();
        for (key, needs) in shape.dependent_required.iter() {
            if !present(key) {
                continue;
            }
            let missing: Vec<&'a str> = needs
                .iter()
                .map(|n| &**n)
                .filter(|n| presence(self.doc, entries, n) == Presence::Absent)
                .collect();
            if missing.is_empty() {
                continue;
            }
            // On the object, as for a required property it lacks.
            let span = label;
            let message = format!(
                "`{key}` in {} also requires {} to be set",
                self.owner(),
                and_list(&missing)
            );
            found.push(self.missing(id, shape, &missing, span, message));
        }
        for (key, excluded) in extra.dependent_excluded.iter() {
            if !present(key) {
                continue;
            }
            for other in excluded.iter().filter(|o| present(o)) {
                // On the excluded property: when both exclude each other,
                // each is reported, pointing at the other.
                let Some(b) = key_span(other) else {
                    continue;
                };
                let finding = Finding::new(
                    Rule::ExclusiveProperties,
                    b,
                    format!(
                        "`{other}` cannot be used together with `{key}` in {}; remove one of them",
                        self.owner()
                    ),
                );
                found.push(self.with_removal(id, entries, other, finding));
            }
        }
        out.findings.extend(found);
        if !has_merge_key(entries) {
            let count = entries.len() as u64;
            let problem = if let Some(min) = extra.min_properties.filter(|m| count < *m) {
                Some(format!("at least {}", count_of(min, "entry")))
            } else {
                extra
                    .max_properties
                    .filter(|m| count > *m)
                    .map(|max| format!("at most {}", count_of(max, "entry")))
            };
            if let Some(bound) = problem {
                out.findings.push(Finding::new(
                    Rule::InvalidItemCount,
                    label,
                    format!("{} must have {bound}, but it has {count}", self.owner()),
                ));
            }
        }
        for (key, dependent) in extra.dependent_schemas.iter() {
            if present(key) {
                self.value(id, dependent, label, out);
            }
        }
    }
}

/// The condition and branch (`true`/`false`) under which `Fn::If` at `node`
/// gives `AWS::NoValue`, following nested `Fn::If`s a few levels down.
fn removed_when(doc: &awsls_grammars::Document, node: NodeId) -> Option<(String, &'static str)> {
    let mut current = doc.resolve(node);
    for _ in 0..8 {
        let intrinsic = doc.intrinsic(current)?;
        if intrinsic.function != "Fn::If" {
            return None;
        }
        let [condition, then, otherwise] = doc.sequence(intrinsic.argument)? else {
            return None;
        };
        let condition = doc.str_value(*condition)?;
        let is_no_value = |id: NodeId| {
            doc.intrinsic(id).is_some_and(|i| {
                i.function == "Ref" && doc.str_value(i.argument) == Some("AWS::NoValue")
            })
        };
        if is_no_value(*then) {
            return Some((condition.to_string(), "true"));
        }
        if is_no_value(*otherwise) {
            return Some((condition.to_string(), "false"));
        }
        // Only a nested `Fn::If` in one branch can still remove the value.
        current = match (doc.intrinsic(*then), doc.intrinsic(*otherwise)) {
            (Some(i), _) if i.function == "Fn::If" => doc.resolve(*then),
            (_, Some(i)) if i.function == "Fn::If" => doc.resolve(*otherwise),
            _ => return None,
        };
    }
    None
}
