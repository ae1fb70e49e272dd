//! Values that must differ between resources: the names that identify a
//! resource of a type (its writable primary identifier) and the subnet of a
//! route table association.

use std::collections::HashMap;

use awsls_grammars::{Document, NodeId, NodeKind, Span};

use crate::analysis::cfn::conditions::{scenario_words, Conditions};
use crate::analysis::cfn::template::condition_attribute;
use crate::analysis::rules::Rule;
use crate::analysis::Finding;
use crate::schema;

use super::context::{finding, is_special_key, Ctx};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const DUPLICATE_PRIMARY_IDENTIFIER: RuleDef = RuleDef {
        code: "duplicate-primary-identifier",
        family: Family::CloudFormation,
        group: "Resources",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3019"],
        fix: false,
        summary: "Two resources of one type given the same identifying name",
        explanation: "Some types are identified by a name the template sets (`BucketName`, `RoleName`, `TableName`, ...): two resources of the type cannot share it. CloudFormation creates the first and fails on the second because the name already exists, rolling the stack back.",
        example: "two `AWS::S3::Bucket`s with `BucketName: my-logs`",
    };

    pub const DUPLICATE_SUBNET_ASSOCIATION: RuleDef = RuleDef {
        code: "duplicate-subnet-association",
        family: Family::CloudFormation,
        group: "EC2",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3022"],
        fix: false,
        summary: "One subnet associated with route tables twice",
        explanation: "A subnet has exactly one route table: EC2 rejects a second `AWS::EC2::SubnetRouteTableAssociation` for a subnet that already has one (`Resource.AlreadyAssociated`), and the stack fails.",
        example: "two `AWS::EC2::SubnetRouteTableAssociation`s with `SubnetId: !Ref PublicSubnet`",
    };
}

/// Most combinations of `Fn::If` branches followed for one resource.
const MAX_BRANCHES: usize = 32;

/// The conditions under which a value is taken: condition name and whether it holds.
type Assumptions = Vec<(String, bool)>;

/// One value a resource's identifier may take, as a canonical text.
struct Candidate {
    assumptions: Assumptions,
    key: String,
}

/// What one resource contributes: its name, where to report, its values.
struct Entry<'a> {
    name: &'a str,
    span: Span,
    candidates: Vec<Candidate>,
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    primary_identifiers(ctx, findings);
    subnet_associations(ctx, findings);
}

/// The writable top-level properties that identify a resource of the type.
fn identifier_properties(type_name: &str) -> Option<Vec<&'static str>> {
    let schema = schema::cfn::resource(type_name)?;
    if schema.primary_identifier.is_empty() {
        return None;
    }
    let mut names = Vec::new();
    for pointer in schema.primary_identifier.iter() {
        let name = pointer.strip_prefix("/properties/")?;
        if name.contains('/') || schema.is_read_only(&[name]) {
            return None;
        }
        names.push(name);
    }
    Some(names)
}

fn primary_identifiers(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let mut by_type: HashMap<&str, (Vec<&'static str>, Vec<Entry>)> = HashMap::new();
    let mut skipped: Vec<&str> = Vec::new();
    for resource in &ctx.template.resources {
        let (Some(type_name), Some(properties)) =
            (resource.type_name.as_deref(), resource.properties)
        else {
            continue;
        };
        if skipped.contains(&type_name)
            || !usable(ctx, &resource.decl.name, resource.decl.name_span)
        {
            continue;
        }
        if !by_type.contains_key(type_name) {
            match identifier_properties(type_name) {
                Some(names) => {
                    by_type.insert(type_name, (names, Vec::new()));
                }
                None => {
                    skipped.push(type_name);
                    continue;
                }
            }
        }
        let Some((names, entries)) = by_type.get_mut(type_name) else {
            continue;
        };
        let Some(base) = resource_assumptions(doc, resource.decl.node) else {
            continue;
        };
        // Each identifying property's values, combined.
        let mut candidates = vec![Candidate {
            assumptions: base,
            key: String::new(),
        }];
        let mut complete = true;
        for name in names.iter() {
            let Some(value) = doc.get(properties, name) else {
                complete = false;
                break;
            };
            let values = branches(doc, value);
            let mut next = Vec::new();
            for c in &candidates {
                for v in &values {
                    let Some(assumptions) = merge(&c.assumptions, &v.assumptions) else {
                        continue;
                    };
                    next.push(Candidate {
                        assumptions,
                        key: format!("{}\u{1}{}", c.key, v.key),
                    });
                }
            }
            if next.is_empty() || next.len() > MAX_BRANCHES {
                complete = false;
                break;
            }
            candidates = next;
        }
        if !complete {
            continue;
        }
        // A resource an `Fn::ForEach` loop produces: its values with the
        // loop's identifiers replaced (unknown values cannot clash).
        if let Some(x) = ctx.template.expansion("Resources", &resource.decl) {
            let substituted: Option<Vec<String>> = candidates
                .iter()
                .map(|c| {
                    // `!Ref Identifier` is the iteration's value too.
                    let mut key = c.key.clone();
                    for (id, value) in &x.bindings {
                        let reference = format!("f:Ref(s:{id}\u{0})");
                        if key.contains(&reference) {
                            key = key.replace(&reference, &format!("s:{}\u{0}", value.as_deref()?));
                        }
                    }
                    crate::analysis::cfn::for_each::substitute(&key, &x.bindings)
                })
                .collect();
            let Some(substituted) = substituted else {
                continue;
            };
            for (c, key) in candidates.iter_mut().zip(substituted) {
                c.key = key;
            }
        }
        let span = if names.len() == 1 {
            ctx.doc.entry(properties, names[0]).map(|e| e.key.span)
        } else {
            ctx.doc
                .entry(resource.decl.node, "Properties")
                .map(|e| e.key.span)
        };
        let Some(span) = span else {
            continue;
        };
        entries.push(Entry {
            name: &resource.decl.name,
            span,
            candidates,
        });
    }
    let mut types: Vec<_> = by_type.into_iter().collect();
    types.sort_by_key(|(t, _)| *t);
    for (type_name, (names, entries)) in types {
        let listed = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        report_clashes(ctx, &entries, findings, |entry, other| {
            finding(
                Rule::DuplicatePrimaryIdentifier,
                entry.span,
                format!(
                    "`{}` and `{other}` are both `{type_name}` with the same {listed}: the name identifies the resource, so the second one fails to create",
                    entry.name
                ),
            )
        });
    }
}

fn subnet_associations(ctx: &Ctx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let mut entries = Vec::new();
    for resource in &ctx.template.resources {
        if resource.type_name.as_deref() != Some("AWS::EC2::SubnetRouteTableAssociation")
            || !usable(ctx, &resource.decl.name, resource.decl.name_span)
        {
            continue;
        }
        let Some(entry) = resource.properties.and_then(|p| doc.entry(p, "SubnetId")) else {
            continue;
        };
        let Some(base) = resource_assumptions(doc, resource.decl.node) else {
            continue;
        };
        let candidates: Vec<Candidate> = branches(doc, entry.value)
            .into_iter()
            .filter_map(|v| {
                Some(Candidate {
                    assumptions: merge(&base, &v.assumptions)?,
                    key: v.key,
                })
            })
            .collect();
        entries.push(Entry {
            name: &resource.decl.name,
            span: entry.key.span,
            candidates,
        });
    }
    report_clashes(ctx, &entries, findings, |entry, other| {
        finding(
            Rule::DuplicateSubnetAssociation,
            entry.span,
            format!(
                "the subnet of `{}` is also associated by `{other}`: a subnet takes one route table association",
                entry.name
            ),
        )
    });
}

/// Whether a resource declaration is read: not generated, not replaced by a macro.
fn usable(ctx: &Ctx, name: &str, span: Span) -> bool {
    !is_special_key(name) && !ctx.is_opaque(span)
}

/// For each entry clashing with another, one finding naming the first it clashes with.
fn report_clashes(
    ctx: &Ctx,
    entries: &[Entry],
    findings: &mut Vec<Finding>,
    make: impl Fn(&Entry, &str) -> Finding,
) {
    let model = ctx.snapshot.conditions();
    for (i, entry) in entries.iter().enumerate() {
        let other = entries.iter().enumerate().find_map(|(j, other)| {
            (j != i && other.name != entry.name)
                .then(|| clash(model, entry, other).map(|when| (other, when)))
                .flatten()
        });
        if let Some((other, when)) = other {
            let mut finding = make(entry, other.name);
            finding.message.push_str(&when);
            findings.push(finding);
        }
    }
}

/// Whether two resources may take the same value in one deployment: the
/// conditions they exist and take it under can all hold together (decided
/// by the conditions' model). `Some("")` without conditions, `Some(" (when
/// ...)")` with the parameter values for which they clash.
fn clash(model: &Conditions, a: &Entry, b: &Entry) -> Option<String> {
    for x in &a.candidates {
        for y in &b.candidates {
            if x.key != y.key {
                continue;
            }
            let Some(all) = merge(&x.assumptions, &y.assumptions) else {
                continue;
            };
            if all.is_empty() {
                return Some(String::new());
            }
            let Some(both) = model.all_of(all.iter().map(|(n, h)| (n.as_str(), *h))) else {
                // A condition that is not declared: only one name is judged.
                let first = all.first().map(|(n, _)| n);
                if all.iter().all(|(n, _)| Some(n) == first) {
                    return Some(String::new());
                }
                continue;
            };
            if let Some(scenario) = model.example(&both) {
                let when = scenario_words(&scenario)
                    .map(|w| format!(" (both exist when {w})"))
                    .unwrap_or_default();
                return Some(when);
            }
        }
    }
    None
}

/// The union of two sets of assumptions, `None` when they contradict.
fn merge(a: &Assumptions, b: &Assumptions) -> Option<Assumptions> {
    let mut all = a.clone();
    for (name, holds) in b {
        match all.iter().find(|(n, _)| n == name) {
            Some((_, h)) if h != holds => return None,
            Some(_) => {}
            None => all.push((name.clone(), *holds)),
        }
    }
    Some(all)
}

/// The resource's own `Condition`, as an assumption; `None` when it is not a plain name.
fn resource_assumptions(doc: &Document, node: NodeId) -> Option<Assumptions> {
    match condition_attribute(doc, node) {
        None => Some(Vec::new()),
        Some(name) => Some(vec![(name?.to_string(), true)]),
    }
}

/// The values a property may take, split on `Fn::If`; `AWS::NoValue`
/// branches and unreadable values are left out.
fn branches(doc: &Document, node: NodeId) -> Vec<Candidate> {
    let mut out = Vec::new();
    collect(doc, node, Vec::new(), 0, &mut out);
    out
}

fn collect(
    doc: &Document,
    node: NodeId,
    assumptions: Assumptions,
    depth: usize,
    out: &mut Vec<Candidate>,
) {
    let id = doc.resolve(node);
    if let Some(intrinsic) = doc.intrinsic(id) {
        if intrinsic.function == "Fn::If" && depth < 8 {
            let parts = doc.sequence(intrinsic.argument).unwrap_or(&[]);
            let Some(condition) = parts.first().and_then(|c| doc.str_value(*c)) else {
                return;
            };
            if parts.len() == 3 {
                for (part, holds) in [(parts[1], true), (parts[2], false)] {
                    let Some(next) = merge(&assumptions, &vec![(condition.to_string(), holds)])
                    else {
                        continue;
                    };
                    collect(doc, part, next, depth + 1, out);
                }
            }
            return;
        }
        if intrinsic.function == "Ref" && doc.str_value(intrinsic.argument) == Some("AWS::NoValue")
        {
            return;
        }
    }
    let mut key = String::new();
    if canonical(doc, id, 0, &mut key) && !key.is_empty() {
        out.push(Candidate { assumptions, key });
    }
}

/// Writes a text that two nodes share exactly when they are written alike
/// (whatever their form: `!Ref X` and `{"Ref": "X"}` agree). False for a
/// node that cannot be read.
fn canonical(doc: &Document, node: NodeId, depth: usize, out: &mut String) -> bool {
    if depth > 32 {
        return false;
    }
    let id = doc.resolve(node);
    if let Some(intrinsic) = doc.intrinsic(id) {
        out.push_str("f:");
        out.push_str(&intrinsic.function);
        out.push('(');
        let ok = canonical(doc, intrinsic.argument, depth + 1, out);
        out.push(')');
        return ok;
    }
    match &doc.node(id).kind {
        NodeKind::Scalar(scalar) => {
            if scalar.value.is_empty() {
                return false;
            }
            out.push_str("s:");
            out.push_str(&scalar.value.replace('\u{0}', ""));
            out.push('\u{0}');
            true
        }
        NodeKind::Sequence(items) => {
            out.push('[');
            for item in items {
                if !canonical(doc, *item, depth + 1, out) {
                    return false;
                }
                out.push(',');
            }
            out.push(']');
            true
        }
        NodeKind::Mapping(entries) => {
            let mut sorted: Vec<_> = entries.iter().collect();
            sorted.sort_by(|a, b| a.key.text.cmp(&b.key.text));
            out.push('{');
            for entry in sorted {
                out.push_str(&entry.key.text.replace('\u{0}', ""));
                out.push('\u{0}');
                if !canonical(doc, entry.value, depth + 1, out) {
                    return false;
                }
                out.push(',');
            }
            out.push('}');
            true
        }
        NodeKind::Alias { .. } | NodeKind::Intrinsic(_) | NodeKind::Null | NodeKind::Invalid => {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn pair(a: &str, b: &str) -> String {
        format!("Parameters:\n  Env:\n    Type: String\n    AllowedValues: [prod, dev]\n  Eu:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  NotDev: !Not [!Equals [!Ref Env, dev]]\n  IsDev: !Equals [!Ref Env, dev]\n  InEu: !Equals [!Ref Eu, 'yes']\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: {a}\n    Properties:\n      BucketName: jobs-bucket\n  B:\n    Type: AWS::S3::Bucket\n    Condition: {b}\n    Properties:\n      BucketName: jobs-bucket\n")
    }

    fn clashes(text: &str) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|f| f.code() == "duplicate-primary-identifier")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn names_clash_only_when_both_conditions_can_hold() {
        // Never together (`Env` takes one value).
        assert!(clashes(&pair("IsProd", "IsDev")).is_empty());
        // Together for some values, and the same condition by another name:
        // only the solver sees that `NotDev` is `IsProd`.
        let found = clashes(&pair("IsProd", "InEu"));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("both exist when `Env` is `prod` and `Eu` is `yes`"),
            "{}",
            found[0]
        );
        assert_eq!(clashes(&pair("IsProd", "NotDev")).len(), 2);
    }
}
