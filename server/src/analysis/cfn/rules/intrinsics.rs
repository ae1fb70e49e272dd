//! Intrinsic functions: known names, argument shapes, and where each may be
//! used (no functions in `Parameters`, `Mappings`, `Type`, `DependsOn` or
//! `Condition`; condition functions only in `Conditions` and `Rules`; rule
//! functions only in `Rules`; language extensions only with their transform).

use crate::analysis::rules::Rule;
use awsls_grammars::{Intrinsic, IntrinsicForm, NodeId, NodeKind, Span};

use crate::analysis::cfn::properties::env::Env;
use crate::analysis::Finding;

use super::context::{finding, is_special_key, with_suggestion, Ctx};
use super::walk::{descendants, shape, Shape};

/// Functions usable in resources, outputs and conditions.
const FUNCTIONS: &[&str] = &[
    "Ref",
    "Condition",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::FindInMap",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::Transform",
    "Fn::And",
    "Fn::Equals",
    "Fn::If",
    "Fn::Not",
    "Fn::Or",
    "Fn::Length",
    "Fn::ToJsonString",
    "Fn::GetStackOutput",
];

/// Functions that only the `Rules` section understands.
const RULE_FUNCTIONS: &[&str] = &[
    "Fn::Contains",
    "Fn::EachMemberEquals",
    "Fn::EachMemberIn",
    "Fn::RefAll",
    "Fn::ValueOf",
    "Fn::ValueOfAll",
];

const CONDITION_FUNCTIONS: &[&str] = &["Fn::And", "Fn::Equals", "Fn::Not", "Fn::Or"];

/// Functions that need `Transform: AWS::LanguageExtensions`.
const EXTENSION_FUNCTIONS: &[&str] = &["Fn::Length", "Fn::ToJsonString"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// No function may appear; the text says where.
    Forbidden(&'static str),
    Conditions,
    Rules,
    /// Resources and outputs.
    Body,
    Other,
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for entry in doc.mapping(ctx.root).unwrap_or_default() {
        match entry.key.text.as_str() {
            "Parameters" => walk(
                ctx,
                entry.value,
                Place::Forbidden("in `Parameters`"),
                findings,
            ),
            "Mappings" => walk(
                ctx,
                entry.value,
                Place::Forbidden("in `Mappings`"),
                findings,
            ),
            "Conditions" => walk(ctx, entry.value, Place::Conditions, findings),
            "Rules" => walk(ctx, entry.value, Place::Rules, findings),
            "Resources" => walk_declarations(
                ctx,
                entry.value,
                &["Type", "DependsOn", "Condition"],
                findings,
            ),
            "Outputs" => walk_declarations(ctx, entry.value, &["Condition"], findings),
            "AWSTemplateFormatVersion" | "Description" | "Transform" => {
                walk(ctx, entry.value, Place::Forbidden("here"), findings)
            }
            _ => walk(ctx, entry.value, Place::Other, findings),
        }
    }
    if !ctx.transforms.language_extensions {
        for_each_keys(ctx, findings);
    }
    keys_with_siblings(ctx, findings);
}

/// `{Ref: A, Other: b}`: a function key must be alone in its mapping, or the
/// mapping is not a function call at all.
fn keys_with_siblings(ctx: &Ctx, findings: &mut Vec<Finding>) {
    for node in &ctx.doc.nodes {
        let NodeKind::Mapping(entries) = &node.kind else {
            continue;
        };
        if entries.len() < 2 {
            continue;
        }
        for entry in entries {
            let key = entry.key.text.as_str();
            if key == "Condition" || key == "Fn::Transform" || !FUNCTIONS.contains(&key) {
                continue;
            }
            if ctx.is_opaque(entry.key.span) {
                continue;
            }
            findings.push(finding(Rule::FunctionNotAllowed,
                unquoted(entry.key.span, key),
                format!("`{key}` must be the only key of its mapping; move the other keys out or remove `{key}`"),
            ));
        }
    }
}

/// Walks each declaration of a section, with no functions in `forbidden` attributes.
fn walk_declarations(
    ctx: &Ctx,
    section: NodeId,
    forbidden: &[&'static str],
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let Some(decls) = doc.mapping(section) else {
        walk(ctx, section, Place::Body, findings);
        return;
    };
    for decl in decls {
        if is_special_key(&decl.key.text) {
            walk(ctx, decl.value, Place::Body, findings);
            continue;
        }
        let Some(attributes) = doc.mapping(decl.value) else {
            walk(ctx, decl.value, Place::Body, findings);
            continue;
        };
        for attribute in attributes {
            let place = match forbidden.iter().find(|f| **f == attribute.key.text) {
                Some(&"Type") => Place::Forbidden("in `Type`"),
                Some(&"DependsOn") => Place::Forbidden("in `DependsOn`"),
                Some(_) => Place::Forbidden("in `Condition`"),
                None => Place::Body,
            };
            walk(ctx, attribute.value, place, findings);
        }
    }
}

fn walk(ctx: &Ctx, start: NodeId, place: Place, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let mut skip_until = 0;
    for id in descendants(doc, start) {
        let node = doc.node(id);
        if node.span.start < skip_until {
            continue;
        }
        let NodeKind::Intrinsic(intrinsic) = &node.kind else {
            continue;
        };
        if ctx.is_opaque(intrinsic.name_span) {
            continue;
        }
        if intrinsic.function == "Fn::Transform" {
            check_transform(ctx, intrinsic, findings);
            continue;
        }
        if let Place::Forbidden(where_) = place {
            findings.push(finding(
                Rule::FunctionNotAllowed,
                unquoted(intrinsic.name_span, &intrinsic.function),
                format!(
                    "`{}` cannot be used {where_}: write a literal value",
                    intrinsic.function
                ),
            ));
            skip_until = node.span.end;
            continue;
        }
        check_one(ctx, id, intrinsic, place, findings);
    }
}

fn check_one(
    ctx: &Ctx,
    id: NodeId,
    intrinsic: &Intrinsic,
    place: Place,
    findings: &mut Vec<Finding>,
) {
    let function = intrinsic.function.as_str();
    let at = unquoted(intrinsic.name_span, function);
    if function.starts_with("Fn::ForEach::") {
        if !ctx.transforms.language_extensions {
            findings.push(needs_extensions(at, function));
        }
        return;
    }
    if RULE_FUNCTIONS.contains(&function) {
        if place != Place::Rules {
            findings.push(finding(
                Rule::FunctionNotAllowed,
                at,
                format!("`{function}` can only be used in `Rules` assertions"),
            ));
        }
        return;
    }
    if !FUNCTIONS.contains(&function) {
        let finding = finding(
            Rule::UnknownFunction,
            at,
            format!("`{function}` is not an intrinsic function"),
        );
        let candidates = FUNCTIONS.iter().chain(if place == Place::Rules {
            RULE_FUNCTIONS
        } else {
            &[]
        });
        findings.push(with_suggestion(finding, function, candidates.copied()));
        return;
    }
    if EXTENSION_FUNCTIONS.contains(&function) && !ctx.transforms.language_extensions {
        findings.push(needs_extensions(at, function));
    }
    if CONDITION_FUNCTIONS.contains(&function) && place == Place::Body {
        findings.push(finding(Rule::FunctionNotAllowed,
            at,
            format!("`{function}` can only be used in `Conditions`; declare a condition there and use it with `Fn::If`"),
        ));
        return;
    }
    if function == "Fn::GetAtt" && place == Place::Conditions {
        findings.push(finding(Rule::FunctionNotAllowed,
            at,
            "conditions cannot read resource attributes: `Fn::GetAtt` is not allowed in `Conditions`",
        ));
        return;
    }
    if function == "Fn::GetStackOutput" && place == Place::Conditions {
        findings.push(finding(Rule::FunctionNotAllowed,
            at,
            "conditions are decided before any stack is read: `Fn::GetStackOutput` is not allowed in `Conditions`",
        ));
        return;
    }
    check_arguments(ctx, id, intrinsic, findings);
}

/// The span of a function name without the quotes of a quoted key.
fn unquoted(span: Span, name: &str) -> Span {
    if span.len() == name.len() + 2 {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

fn needs_extensions(span: Span, function: &str) -> Finding {
    finding(Rule::LanguageExtensionsRequired,
        span,
        format!("`{function}` needs the `AWS::LanguageExtensions` transform: add `Transform: AWS::LanguageExtensions`"),
    )
}

/// `Fn::Transform` needs `{Name, Parameters}`; its content is the macro's business.
fn check_transform(ctx: &Ctx, intrinsic: &Intrinsic, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let arg = intrinsic.argument;
    let ok = match shape(doc, arg) {
        Shape::Mapping => doc.get(arg, "Name").is_some(),
        Shape::Unknown => true,
        _ => false,
    };
    if !ok {
        findings.push(finding(
            Rule::InvalidFunctionArguments,
            ctx.span(arg),
            "`Fn::Transform` takes a mapping with the macro's `Name` and optional `Parameters`",
        ));
    }
}

/// Whether a node may stand where a single value is expected.
fn is_value(s: Shape) -> bool {
    matches!(s, Shape::Scalar | Shape::Intrinsic(_) | Shape::Unknown)
}

fn is_list(s: Shape) -> bool {
    matches!(s, Shape::Sequence | Shape::Intrinsic(_) | Shape::Unknown)
}

fn check_arguments(ctx: &Ctx, id: NodeId, intrinsic: &Intrinsic, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let function = intrinsic.function.as_str();
    let arg = intrinsic.argument;
    let arg_shape = shape(doc, arg);
    if arg_shape == Shape::Unknown {
        return;
    }
    let items: &[NodeId] = doc.sequence(arg).unwrap_or_default();
    let item = |i: usize| items.get(i).map_or(Shape::Unknown, |n| shape(doc, *n));
    let seq_len = |range: std::ops::RangeInclusive<usize>| {
        arg_shape == Shape::Sequence && range.contains(&items.len())
    };
    let problem: Option<&str> = match function {
        "Ref" => match arg_shape {
            Shape::Scalar => None,
            Shape::Intrinsic(_) if ctx.transforms.language_extensions => None,
            _ => Some("`Ref` takes the name of a parameter, resource or pseudo parameter, for example `!Ref MyBucket`"),
        },
        "Condition" => (arg_shape != Shape::Scalar).then_some("`Condition` takes the name of a condition"),
        "Fn::GetAtt" => match arg_shape {
            Shape::Scalar => Some("`Fn::GetAtt` takes `Resource.Attribute` or [Resource, Attribute]"),
            Shape::Sequence
                if items.len() == 2
                    && (item(0) == Shape::Scalar
                        || (ctx.transforms.language_extensions && is_value(item(0))))
                    && is_value(item(1)) =>
            {
                None
            }
            _ => Some("`Fn::GetAtt` takes [logical ID of a resource, attribute name]"),
        },
        "Fn::Sub" => match arg_shape {
            Shape::Scalar => None,
            Shape::Sequence
                if (items.len() == 2 && item(0) == Shape::Scalar && matches!(item(1), Shape::Mapping | Shape::Intrinsic(_) | Shape::Unknown))
                    || (items.len() == 1 && item(0) == Shape::Scalar) =>
            {
                None
            }
            _ => Some("`Fn::Sub` takes a string, or [string, {Variable: value, ...}]"),
        },
        "Fn::Join" if !(seq_len(2..=2)
            && matches!(item(0), Shape::Scalar | Shape::Null | Shape::Intrinsic(_) | Shape::Unknown)
            && is_list(item(1))) =>
        {
            Some("`Fn::Join` takes [delimiter, [value, ...]]")
        }
        "Fn::Join" => return check_list_argument(ctx, function, items[1], findings),
        "Fn::Select" => return check_select(ctx, items, arg, arg_shape, findings),
        "Fn::Split" => (!(seq_len(2..=2) && is_value(item(0)) && is_value(item(1))))
            .then_some("`Fn::Split` takes [delimiter, string]"),
        "Fn::GetAZs" => match arg_shape {
            Shape::Scalar => return check_get_azs(ctx, arg, findings),
            // `!GetAZs` with nothing after the tag is the empty string; a key
            // with no value (`Fn::GetAZs:`, JSON `null`) is no region at all.
            Shape::Null if intrinsic.form == IntrinsicForm::Short => None,
            Shape::Intrinsic(_) => None,
            _ => Some("`Fn::GetAZs` takes a Region name, `!Ref AWS::Region` or an empty string"),
        },
        "Fn::ImportValue" => return check_import_value(ctx, arg, arg_shape, findings),
        "Fn::Base64" => (!is_value(arg_shape)).then_some("`Fn::Base64` takes a string"),
        "Fn::Cidr" if !(seq_len(3..=3) && (0..3).all(|i| is_value(item(i)))) => {
            Some("`Fn::Cidr` takes [ipBlock, count, cidrBits]")
        }
        "Fn::Cidr" => return check_cidr(ctx, items, findings),
        "Fn::Length" => (!is_list(arg_shape)).then_some("`Fn::Length` takes a list"),
        "Fn::ToJsonString" => matches!(arg_shape, Shape::Scalar | Shape::Null)
            .then_some("`Fn::ToJsonString` takes a mapping or a list"),
        "Fn::If" => (!(seq_len(3..=3) && item(0) == Shape::Scalar))
            .then_some("`Fn::If` takes [condition name, value if true, value if false]"),
        "Fn::Equals" => (!seq_len(2..=2)).then_some("`Fn::Equals` takes [value, value]"),
        "Fn::And" | "Fn::Or" if !seq_len(2..=10) => Some("takes a list of 2 to 10 conditions"),
        "Fn::Not" if !seq_len(1..=1) => Some("`Fn::Not` takes a list of exactly one condition"),
        "Fn::And" | "Fn::Or" | "Fn::Not" => return check_operands(ctx, function, items, findings),
        "Fn::FindInMap" => return check_find_in_map(ctx, items, arg, arg_shape, findings),
        "Fn::GetStackOutput" => {
            return super::stack_outputs::check_arguments(ctx, intrinsic, arg_shape, findings)
        }
        _ => None,
    };
    if let Some(problem) = problem {
        let message = if problem.starts_with("takes") {
            format!("`{function}` {problem}")
        } else {
            problem.to_string()
        };
        let span = Span::new(
            intrinsic.name_span.start,
            doc.node(id).span.end.max(intrinsic.name_span.end),
        );
        // When only the second item of a two-item argument is wrong (the
        // variables of `Fn::Sub`, the list of `Fn::Join`), it is the place.
        let culprit = match function {
            "Fn::Sub" | "Fn::Join" if items.len() == 2 && item(0) == Shape::Scalar => {
                Some(items[1])
            }
            _ => None,
        };
        let at = culprit.unwrap_or(arg);
        let span = if ctx.span(at).is_empty() {
            span
        } else {
            ctx.span(at)
        };
        findings.push(finding(Rule::InvalidFunctionArguments, span, message));
    }
}

/// The operands of `Fn::And`, `Fn::Or` and `Fn::Not` are conditions: a
/// condition function or `Condition: Name`, never a plain value.
fn check_operands(ctx: &Ctx, function: &str, items: &[NodeId], findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    for item in items {
        let ok = match shape(doc, *item) {
            Shape::Intrinsic(f) => CONDITION_FUNCTIONS.contains(&f) || f == "Condition",
            // `{Condition: Name}` written as a mapping.
            Shape::Mapping => doc
                .mapping(*item)
                .is_some_and(|e| e.len() == 1 && e[0].key.text == "Condition"),
            Shape::Unknown => true,
            _ => false,
        };
        if !ok {
            findings.push(finding(
                Rule::InvalidFunctionArguments,
                ctx.span(*item),
                format!("each operand of `{function}` must be a condition: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition: Name`"),
            ));
        }
    }
}

/// `Fn::Cidr`: [ipBlock, count (1 to 256), cidrBits (1 to 128)].
fn check_cidr(ctx: &Ctx, items: &[NodeId], findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let bounds = [(1, "count", 1u32, 256u32), (2, "cidrBits", 1, 128)];
    for (index, name, low, high) in bounds {
        let Some(node) = items.get(index).copied() else {
            continue;
        };
        let Some(text) = doc.str_value(node) else {
            continue;
        };
        let fits = text
            .trim()
            .parse::<u32>()
            .is_ok_and(|n| (low..=high).contains(&n));
        if !fits {
            findings.push(finding(
                Rule::InvalidFunctionArguments,
                ctx.span(node),
                format!("the `{name}` of `Fn::Cidr` must be a whole number from {low} to {high}, not `{text}`"),
            ));
        }
    }
}

fn check_select(
    ctx: &Ctx,
    items: &[NodeId],
    arg: NodeId,
    arg_shape: Shape,
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let (Some(&index), Some(&list), 2) = (items.first(), items.get(1), items.len()) else {
        if arg_shape != Shape::Unknown {
            findings.push(finding(
                Rule::InvalidFunctionArguments,
                ctx.span(arg),
                "`Fn::Select` takes [index, list]",
            ));
        }
        return;
    };
    if !is_value(shape(doc, index)) || !is_list(shape(doc, list)) {
        findings.push(finding(
            Rule::InvalidFunctionArguments,
            ctx.span(arg),
            "`Fn::Select` takes [index, list]",
        ));
        return;
    }
    check_list_argument(ctx, "Fn::Select", list, findings);
    let Some(text) = doc.str_value(index) else {
        return;
    };
    let Ok(n) = text.trim().parse::<usize>() else {
        findings.push(finding(
            Rule::InvalidFunctionArguments,
            ctx.span(index),
            format!("`Fn::Select` index `{text}` must be a whole number from 0"),
        ));
        return;
    };
    if let Some(values) = doc.sequence(list) {
        if n >= values.len() {
            findings.push(finding(
                Rule::InvalidFunctionArguments,
                ctx.span(index),
                format!(
                    "`Fn::Select` index {n} is out of range: the list has {} item(s)",
                    values.len()
                ),
            ));
        }
    }
}

/// `Fn::GetAZs` of a literal: an empty string (the stack's Region) or a
/// Region name.
fn check_get_azs(ctx: &Ctx, arg: NodeId, findings: &mut Vec<Finding>) {
    let Some(region) = ctx.doc.str_value(arg) else {
        return;
    };
    let known = crate::schema::cfn::region_names();
    if region.is_empty() || known.iter().any(|r| &**r == region) {
        return;
    }
    findings.push(with_suggestion(
        finding(
            Rule::InvalidFunctionArguments,
            ctx.span(arg),
            format!(
                "`Fn::GetAZs` takes a Region name or an empty string: `{region}` is not a Region"
            ),
        ),
        region,
        known.iter().map(|r| &**r),
    ));
}

/// The list a function reads (`Fn::Join`'s values, `Fn::Select`'s list):
/// a `Ref` there must give a list, and a `Ref` among literal items one value.
fn check_list_argument(ctx: &Ctx, function: &str, list: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let env = Env::of(doc, ctx.template);
    let ref_name = |node: NodeId| {
        doc.intrinsic(doc.resolve(node))
            .filter(|i| i.function == "Ref")
            .and_then(|i| doc.str_value(i.argument))
    };
    if let Some(name) = ref_name(list) {
        let Some(ty) = env.parameter(name) else {
            return;
        };
        if env.list_parameter(name).is_none() && !ty.starts_with("AWS::SSM::Parameter::Value<") {
            findings.push(finding(
                Rule::IncompatibleReference,
                ctx.span(list),
                format!("`{function}` needs a list here, but `!Ref {name}` is one value (a parameter of type `{ty}`)"),
            ));
        }
        return;
    }
    for item in doc.sequence(list).unwrap_or_default() {
        let Some(name) = ref_name(*item) else {
            continue;
        };
        if let Some(ty) = env.list_parameter(name) {
            findings.push(finding(
                Rule::IncompatibleReference,
                ctx.span(*item),
                format!("each item of the list `{function}` reads is one value, but `!Ref {name}` is a list (a parameter of type `{ty}`); pass the parameter as the whole list instead"),
            ));
        }
    }
}

fn check_import_value(ctx: &Ctx, arg: NodeId, arg_shape: Shape, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let message = match arg_shape {
        Shape::Scalar | Shape::Unknown => return,
        Shape::Intrinsic("Fn::GetAtt") => "`Fn::ImportValue` cannot depend on a resource: import by an export name (a string or `Fn::Sub`)",
        Shape::Intrinsic("Ref") => {
            let target = doc.intrinsic(arg).and_then(|i| doc.str_value(i.argument));
            if !target.is_some_and(|t| ctx.is_resource(t)) {
                return;
            }
            "`Fn::ImportValue` cannot depend on a resource: import by an export name (a string or `Fn::Sub`)"
        }
        Shape::Intrinsic(_) => return,
        _ => "`Fn::ImportValue` takes the name of an export",
    };
    findings.push(finding(
        Rule::InvalidFunctionArguments,
        ctx.span(arg),
        message,
    ));
}

fn check_find_in_map(
    ctx: &Ctx,
    items: &[NodeId],
    arg: NodeId,
    arg_shape: Shape,
    findings: &mut Vec<Finding>,
) {
    let doc = ctx.doc;
    let shape_ok = arg_shape == Shape::Sequence
        && (items.len() == 3 || items.len() == 4)
        && items.iter().take(3).all(|i| is_value(shape(doc, *i)));
    if !shape_ok {
        findings.push(finding(
            Rule::InvalidFunctionArguments,
            ctx.span(arg),
            "`Fn::FindInMap` takes [mapping name, top-level key, second-level key]",
        ));
        return;
    }
    let Some(&default) = items.get(3) else { return };
    if !ctx.transforms.language_extensions {
        findings.push(finding(Rule::LanguageExtensionsRequired,
            ctx.span(default),
            "a default value in `Fn::FindInMap` needs the `AWS::LanguageExtensions` transform: add `Transform: AWS::LanguageExtensions`",
        ));
    } else if !matches!(shape(doc, default), Shape::Unknown)
        && doc.get(default, "DefaultValue").is_none()
    {
        findings.push(finding(
            Rule::InvalidFunctionArguments,
            ctx.span(default),
            "the fourth item of `Fn::FindInMap` must be `{DefaultValue: value}`",
        ));
    }
}

/// `Fn::ForEach::*` keys need the language extensions transform.
fn for_each_keys(ctx: &Ctx, findings: &mut Vec<Finding>) {
    for node in &ctx.doc.nodes {
        let NodeKind::Mapping(entries) = &node.kind else {
            continue;
        };
        for entry in entries {
            if entry.key.text.starts_with("Fn::ForEach::") && !ctx.is_opaque(entry.key.span) {
                findings.push(needs_extensions(entry.key.span, &entry.key.text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::analysis::Severity;

    const HEAD: &str = "Parameters:\n  P:\n    Type: String\nConditions:\n  C: !Equals [!Ref P, x]\nResources:\n  U:\n    Type: AWS::SNS::Topic\n    Condition: C\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n";

    #[test]
    fn lists_read_by_join_and_select_match_their_parameters() {
        let params = "Parameters:\n  One:\n    Type: String\n  Many:\n    Type: List<AWS::EC2::Subnet::Id>\n";
        let with = |value: &str| property(value).replacen("Parameters:\n", params, 1);
        let bad = [
            "!Join ['', !Ref One]",
            "!Select [0, !Ref One]",
            "!Join ['', [a, !Ref Many]]",
        ];
        for value in bad {
            let findings = run(&with(value));
            assert_eq!(
                findings
                    .iter()
                    .filter(|f| f.code() == "incompatible-reference")
                    .count(),
                1,
                "{value}: {findings:#?}"
            );
        }
        for value in [
            "!Join ['', !Ref Many]",
            "!Select [0, !Ref Many]",
            "!Join ['', [a, !Ref One]]",
        ] {
            let findings = run(&with(value));
            assert!(
                findings.iter().all(|f| f.severity != Severity::Error),
                "{value}: {findings:#?}"
            );
        }
    }

    fn property(value: &str) -> String {
        format!("{HEAD}      TopicName: {value}\n")
    }

    #[test]
    fn unknown_function_suggests_the_close_one() {
        let text = property("{'Fn::Joins': ['', [a, b]]}");
        let findings = run(&text);
        let f = only(&findings, "unknown-function");
        assert_eq!(f.span, span_of(&text, "Fn::Joins", 0));
        assert!(
            f.message.contains("did you mean `Fn::Join`?"),
            "{}",
            f.message
        );
    }

    #[test]
    fn argument_shapes_are_checked() {
        let bad = [
            "!Join [',']",
            "!Join [',', abc]",
            "!Select [x, [a, b]]",
            "!Select [2, [a, b]]",
            "!Split [',']",
            "!GetAZs [a]",
            "!Base64 [a]",
            "!Cidr [10.0.0.0/16, 4]",
            "!If [C, a]",
            "!Sub [a, b, c]",
            "!GetAtt T",
            "!FindInMap [M, a]",
            "!Ref [a]",
            "!ImportValue [a]",
            "!GetAZs us-east-99",
            "{'Fn::GetAZs': null}",
            "!Select [0, {'Fn::GetAZs': }]",
        ];
        for value in bad {
            let findings = run(&property(value));
            assert_eq!(
                findings
                    .iter()
                    .filter(|f| f.code() == "invalid-function-arguments")
                    .count(),
                1,
                "{value}: {findings:#?}"
            );
        }
    }

    #[test]
    fn stack_outputs_are_not_read_in_conditions() {
        let text = "Transform: AWS::LanguageExtensions\nConditions:\n  C: !Equals [!GetStackOutput {StackName: net, OutputName: Env}, prod]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: C\n";
        let found = run(text);
        let f = only(&found, "function-not-allowed");
        assert_eq!(f.span, span_of(text, "!GetStackOutput", 0));
    }

    #[test]
    fn a_wrong_second_item_is_the_place_reported() {
        for (value, second) in [("!Sub [abc, xyz]", "xyz"), ("!Join [',', abc]", "abc")] {
            let text = property(value);
            let findings = run(&text);
            let f = only(&findings, "invalid-function-arguments");
            assert_eq!(f.span, span_of(&text, second, 0), "{value}");
        }
    }

    #[test]
    fn good_arguments_are_quiet() {
        let good = [
            "!Join ['', [a, !Ref P]]",
            "!Join [',', !Split [',', !Ref P]]",
            "!Select [1, [a, b]]",
            "!Select ['0', !GetAZs '']",
            "!Select [0, !Cidr [10.0.0.0/16, 4, 8]]",
            "!Base64 {'Fn::Sub': '${P}'}",
            "!If [C, !Ref P, !Ref AWS::NoValue]",
            "!Sub ['${A}', {A: !Ref P}]",
            "!ImportValue {'Fn::Sub': '${P}-x'}",
            "{'Fn::GetAZs': {Ref: AWS::Region}}",
            "!Select [0, !GetAZs ]",
        ];
        for value in good {
            let findings = run(&property(value));
            assert!(findings.is_empty(), "{value}: {findings:#?}");
        }
    }

    #[test]
    fn functions_are_not_allowed_everywhere() {
        let text = "Parameters:\n  P:\n    Type: String\n    Default: !Ref AWS::Region\nResources:\n  T:\n    Type: !Ref P\n    DependsOn: !Ref P\n";
        let findings = run(text);
        let spans: Vec<_> = findings
            .iter()
            .filter(|f| f.code() == "function-not-allowed")
            .map(|f| f.span)
            .collect();
        assert_eq!(
            spans,
            vec![
                span_of(text, "!Ref", 0),
                span_of(text, "!Ref", 1),
                span_of(text, "!Ref", 2)
            ]
        );
        let text = property("!Equals [a, b]");
        assert!(only(&run(&text), "function-not-allowed")
            .message
            .contains("only be used in `Conditions`"));
        let text = property("{'Fn::Contains': [[a], a]}");
        assert!(only(&run(&text), "function-not-allowed")
            .message
            .contains("`Rules`"));
    }

    #[test]
    fn a_function_key_must_be_alone() {
        let text = property("{Ref: P, Extra: 1}");
        assert_eq!(
            only(&run(&text), "function-not-allowed").span,
            span_within(&text, "{Ref: P", "Ref")
        );
    }

    #[test]
    fn language_extensions_need_their_transform() {
        let text = property("!ToJsonString {a: b}");
        assert_eq!(
            only(&run(&text), "language-extensions-required").span,
            span_of(&text, "!ToJsonString", 0)
        );
        let with = format!(
            "Transform: AWS::LanguageExtensions\n{}",
            property("!ToJsonString {a: b}")
        );
        assert!(run(&with).is_empty());
    }

    #[test]
    fn short_and_long_forms_agree() {
        let short = run(&property("!Select [x, [a]]"));
        let long = run(&property("{'Fn::Select': [x, [a]]}"));
        assert_eq!(codes(&short), vec!["invalid-function-arguments"]);
        assert_eq!(codes(&short), codes(&long));
        assert_eq!(short[0].message, long[0].message);
    }

    #[test]
    fn transform_content_is_opaque() {
        let text =
            property("{'Fn::Transform': {Name: AWS::Include, Parameters: {Location: !Ref Nope}}}");
        assert!(run(&text).is_empty(), "{:#?}", run(&text));
    }
}
