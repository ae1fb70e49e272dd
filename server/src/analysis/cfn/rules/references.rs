//! Every reference names something that exists: `Ref` and `${Name}` a
//! parameter, resource or pseudo parameter; `Fn::GetAtt` and `${Res.Attr}` a
//! resource and one of its attributes; `DependsOn` another resource;
//! `Condition` and `Fn::If` a condition; `Fn::FindInMap` a mapping and its keys.

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, NodeKind, Span};

use crate::analysis::cfn::references::{Reference, Via};
use crate::analysis::cfn::template::{is_pseudo_parameter, PSEUDO_PARAMETERS};
use crate::analysis::Finding;
use crate::schema;

use super::context::{finding, with_suggestion, Ctx};
use super::walk::{declaration_span, shape, Shape};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const EXPORT_NAME_FROM_RESOURCE: RuleDef = RuleDef {
        code: "export-name-from-resource",
        family: Family::CloudFormation,
        group: "Outputs",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E1010", "E1019", "E1020", "E1022"],
        fix: false,
        summary: "An export name built from a resource (`Ref`, `Fn::GetAtt` or `${Resource}`)",
        explanation: "CloudFormation resolves export names before it creates any resource, so an `Export: Name` may use parameters, pseudo parameters and mappings but not a resource's `Ref` or attributes: the template is rejected.",
        example: "`Export: {Name: !GetAtt Topic.TopicName}`",
    };
}

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let sections = top_level_spans(ctx);
    let section_of = |span: Span| {
        sections
            .iter()
            .find(|(_, s)| s.start <= span.start && span.end <= s.end)
            .map(|(name, _)| *name)
    };
    let export_names = export_name_spans(ctx);
    for r in &ctx.refs {
        if ctx.is_opaque(r.span) || in_loop_terms(ctx, r) {
            continue;
        }
        if export_names
            .iter()
            .any(|s| s.start <= r.span.start && r.span.end <= s.end)
            && matches!(r.via, Via::Ref | Via::GetAtt | Via::Sub)
            && ctx.template.resource(&r.name).is_some()
        {
            findings.push(finding(
                Rule::ExportNameFromResource,
                r.span,
                format!("an export name cannot depend on a resource, and `{}` is one; build the name from parameters and pseudo parameters such as `AWS::StackName`", r.name),
            ));
            continue;
        }
        let section = section_of(r.span);
        if matches!(section, Some("Parameters" | "Mappings")) {
            continue; // functions are not allowed there at all: reported once, elsewhere
        }
        match r.via {
            Via::Ref => check_value(ctx, r, section, "`Ref`", findings),
            Via::Sub if r.attribute.is_none() => {
                check_value(ctx, r, section, "`Fn::Sub` variable", findings)
            }
            Via::Sub | Via::GetAtt => check_get_att(ctx, r, findings),
            Via::DependsOn => check_depends_on(ctx, r, findings),
            Via::Condition | Via::If => check_condition(ctx, r, findings),
            Via::FindInMap => check_mapping(ctx, r, findings),
        }
    }
    check_find_in_map_keys(ctx, findings);
}

/// The identifier of an `Fn::ForEach` loop around the reference (`!Ref
/// Name`, `${Name}` in `Fn::Sub`), which the loop replaces. Names written
/// with `${Name}` outside `Fn::Sub` (`!Ref 'Topic${Name}'`) are judged as
/// written, as cfn-lint does: use `Fn::Sub` to build them.
fn in_loop_terms(ctx: &Ctx, r: &Reference) -> bool {
    ctx.template.is_loop_identifier(&r.name, r.span)
        // `${Bucket${Name}.Arn}` in `Fn::Sub`: the loop fills the name in
        // before `Fn::Sub` reads it.
        || (r.via == Via::Sub
            && (r.name.contains("${") || r.name.contains("&{"))
            && ctx.template.in_loop(r.span))
}

/// The spans of the outputs' `Export: {Name: ...}` values.
fn export_name_spans(ctx: &Ctx) -> Vec<Span> {
    let doc = ctx.doc;
    ctx.template
        .outputs
        .iter()
        .filter_map(|o| doc.get(o.node, "Export"))
        .filter_map(|e| doc.get(e, "Name"))
        .map(|n| ctx.span(n))
        .collect()
}

fn top_level_spans<'a>(ctx: &'a Ctx) -> Vec<(&'a str, Span)> {
    ctx.doc
        .mapping(ctx.root)
        .unwrap_or_default()
        .iter()
        .map(|e| {
            (
                e.key.text.as_str(),
                declaration_span(ctx.doc, e.key.span, e.value),
            )
        })
        .collect()
}

fn value_candidates<'a>(ctx: &'a Ctx) -> impl Iterator<Item = &'a str> {
    let t = ctx.template;
    t.parameters
        .iter()
        .map(|p| p.name.as_str())
        .chain(t.resources.iter().map(|r| r.decl.name.as_str()))
        .chain(PSEUDO_PARAMETERS.iter().map(|(p, _)| *p))
}

fn check_value(
    ctx: &Ctx,
    r: &Reference,
    section: Option<&str>,
    what: &str,
    findings: &mut Vec<Finding>,
) {
    let name = r.name.as_str();
    if let Some(param) = ctx.template.parameter(name) {
        if let Some(fault) = broken_parameter(ctx, param.node) {
            findings.push(finding(
                Rule::UnknownRef,
                r.span,
                format!("{what} target `{name}` is declared as a parameter, but {fault}, so CloudFormation does not accept it as one"),
            ));
        }
        return;
    }
    if is_pseudo_parameter(name) {
        return;
    }
    if untyped(ctx, name) {
        findings.push(untyped_finding(Rule::UnknownRef, r, what));
        return;
    }
    if ctx.is_resource(name) {
        if section == Some("Conditions") {
            findings.push(finding(Rule::ResourceInConditions,
                r.span,
                format!("conditions cannot use resources: `{name}` is a resource; compare parameters or pseudo parameters instead"),
            ));
        }
        return;
    }
    if ctx.may_be_generated(name) {
        return;
    }
    let message = if ctx.template.condition(name).is_some() {
        format!("{what} target `{name}` is a condition, not a parameter or resource; use `Fn::If` or `Condition` to use a condition")
    } else if ctx.template.mapping(name).is_some() {
        format!("{what} target `{name}` is a mapping, not a parameter or resource; read mappings with `Fn::FindInMap`")
    } else if let Some(pseudo) = name.strip_prefix("AWS::") {
        format!("`AWS::{pseudo}` is not a pseudo parameter")
    } else {
        format!("{what} target `{name}` is not a parameter, resource or pseudo parameter; declare it under `Parameters` or `Resources`")
    };
    findings.push(with_suggestion(
        finding(Rule::UnknownRef, r.span, message),
        name,
        value_candidates(ctx),
    ));
}

/// Why a parameter declaration cannot be referenced (its value is not a
/// mapping, or it has no `Type`), or `None` when it can.
fn broken_parameter(ctx: &Ctx, node: NodeId) -> Option<&'static str> {
    let doc = ctx.doc;
    if doc.mapping(node).is_none() {
        return (shape(doc, node) != Shape::Unknown).then_some("its declaration is not a mapping");
    }
    doc.get(node, "Type")
        .is_none()
        .then_some("it has no `Type`")
}

fn check_get_att(ctx: &Ctx, r: &Reference, findings: &mut Vec<Finding>) {
    let name = r.name.as_str();
    let what = if r.via == Via::Sub {
        "`Fn::Sub` variable"
    } else {
        "`Fn::GetAtt`"
    };
    let Some(resource) = ctx.template.resource(name) else {
        if ctx.implicit.contains(name) {
            if let (Some(t), Some(attr)) = (ctx.implicit.type_of(name), &r.attribute) {
                check_attribute(name, t, attr, findings);
            }
            return;
        }
        if ctx.may_be_generated(name) {
            return;
        }
        let message = if ctx.template.parameter(name).is_some() {
            format!("{what} needs a resource, but `{name}` is a parameter; use `Ref` to read a parameter")
        } else {
            format!("{what} names `{name}`, which is not a resource in this template")
        };
        let candidates = ctx.template.resources.iter().map(|r| r.decl.name.as_str());
        findings.push(with_suggestion(
            finding(Rule::UnknownGetattResource, r.span, message),
            name,
            candidates,
        ));
        return;
    };
    if resource.type_span.is_none() {
        findings.push(untyped_finding(Rule::UnknownGetattResource, r, what));
        return;
    }
    if let (Some(t), Some(attr)) = (resource.type_name.as_deref(), &r.attribute) {
        check_attribute(name, t, attr, findings);
    }
}

/// Whether `name` is declared under `Resources` without a `Type`: it is not
/// a resource CloudFormation creates, so nothing can refer to it.
fn untyped(ctx: &Ctx, name: &str) -> bool {
    ctx.template
        .resource(name)
        .is_some_and(|r| r.type_span.is_none())
}

fn untyped_finding(rule: Rule, r: &Reference, what: &str) -> Finding {
    finding(
        rule,
        r.span,
        format!(
            "{what} names `{}`, which has no `Type` and so is not a resource CloudFormation creates",
            r.name
        ),
    )
}

/// For a SAM resource type whose `Fn::GetAtt` attributes are known: the
/// type of the resource it becomes (whose attributes it has) and the names
/// SAM resolves itself (the resources it generates beside it).
fn sam_attributes(type_name: &str) -> Option<(&'static str, &'static [&'static str])> {
    Some(match type_name {
        "AWS::Serverless::Function" => (
            "AWS::Lambda::Function",
            &["Alias", "Version", "DestinationTopic", "DestinationQueue"],
        ),
        "AWS::Serverless::SimpleTable" => ("AWS::DynamoDB::Table", &[]),
        "AWS::Serverless::StateMachine" => ("AWS::StepFunctions::StateMachine", &[]),
        "AWS::Serverless::Api" => (
            "AWS::ApiGateway::RestApi",
            &["Stage", "Deployment", "DomainName"],
        ),
        "AWS::Serverless::HttpApi" => ("AWS::ApiGatewayV2::Api", &["Stage", "DomainName"]),
        _ => return None,
    })
}

/// Types whose attributes are not known until deployment.
fn attributes_open(type_name: &str) -> bool {
    type_name.starts_with("Custom::")
        || type_name == "AWS::CloudFormation::CustomResource"
        || type_name.starts_with("AWS::Serverless::")
        || type_name.ends_with("::MODULE")
        || !type_name.starts_with("AWS::")
}

fn check_attribute(
    resource: &str,
    type_name: &str,
    attr: &(String, Span),
    findings: &mut Vec<Finding>,
) {
    let (attribute, span) = attr;
    if attribute.contains("${") {
        return;
    }
    // A SAM resource whose attributes are those of the resource it becomes,
    // beside the references SAM resolves itself (`Function.Alias`).
    let type_name = match sam_attributes(type_name) {
        Some((_, extra)) if extra.contains(&attribute.as_str()) => return,
        Some((generated, _)) => generated,
        None if attributes_open(type_name) => return,
        None => type_name,
    };
    let Some(schema) = schema::cfn::resource(type_name) else {
        return; // unknown types are reported by the resource type check
    };
    if schema.attribute(attribute).is_some() {
        return;
    }
    let names: Vec<&str> = schema
        .attributes
        .iter()
        .map(|a| &*a.name)
        .filter(|n| !n.ends_with('*'))
        .collect();
    let listing = match names.len() {
        0 => format!("`{type_name}` has no attributes for `Fn::GetAtt`"),
        1..=8 => format!("attributes of `{type_name}`: {}", names.join(", ")),
        n => format!(
            "attributes of `{type_name}` include {}, … ({n} in all)",
            names[..8].join(", ")
        ),
    };
    let finding = finding(
        Rule::UnknownAttribute,
        *span,
        format!("`{resource}` has no attribute `{attribute}` ({listing})"),
    );
    findings.push(with_suggestion(finding, attribute, names.iter().copied()));
}

fn containing_resource<'a>(ctx: &'a Ctx, span: Span) -> Option<&'a str> {
    ctx.template
        .resources
        .iter()
        .find(|r| {
            let s = declaration_span(ctx.doc, r.decl.name_span, r.decl.node);
            s.start <= span.start && span.end <= s.end
        })
        .map(|r| r.decl.name.as_str())
}

fn check_depends_on(ctx: &Ctx, r: &Reference, findings: &mut Vec<Finding>) {
    let name = r.name.as_str();
    if untyped(ctx, name) {
        findings.push(untyped_finding(Rule::UnknownDependsOn, r, "`DependsOn`"));
        return;
    }
    if ctx.is_resource(name) {
        if containing_resource(ctx, r.span) == Some(name) {
            findings.push(finding(
                Rule::DependsOnSelf,
                r.span,
                format!("`{name}` cannot depend on itself; remove it from `DependsOn`"),
            ));
        }
        return;
    }
    if ctx.may_be_generated(name) {
        return;
    }
    let message = if ctx.template.parameter(name).is_some() {
        format!("`DependsOn` needs resources, but `{name}` is a parameter")
    } else {
        format!("`DependsOn` names `{name}`, which is not a resource in this template")
    };
    let candidates = ctx.template.resources.iter().map(|r| r.decl.name.as_str());
    findings.push(with_suggestion(
        finding(Rule::UnknownDependsOn, r.span, message),
        name,
        candidates,
    ));
}

fn check_condition(ctx: &Ctx, r: &Reference, findings: &mut Vec<Finding>) {
    let name = r.name.as_str();
    if ctx.template.condition(name).is_some()
        || ctx.declarations_open()
        || ctx.loop_may_declare(name)
    {
        return;
    }
    let candidates = ctx.template.conditions.iter().map(|c| c.name.as_str());
    let finding = finding(
        Rule::UnknownCondition,
        r.span,
        format!(
            "`{name}` is not declared under `Conditions`; declare it or use an existing condition"
        ),
    );
    findings.push(with_suggestion(finding, name, candidates));
}

/// Whether the `Fn::FindInMap` naming the mapping at `r` has a
/// `DefaultValue` (then a missing mapping gives the default).
fn has_default(ctx: &Ctx, r: &Reference) -> bool {
    let doc = ctx.doc;
    let location = doc.locate(r.span.start);
    location.nodes.iter().rev().any(|n| {
        doc.intrinsic(*n).is_some_and(|i| {
            i.function == "Fn::FindInMap"
                && doc
                    .sequence(i.argument)
                    .and_then(|items| items.get(3))
                    .is_some_and(|d| doc.get(*d, "DefaultValue").is_some())
        })
    })
}

fn check_mapping(ctx: &Ctx, r: &Reference, findings: &mut Vec<Finding>) {
    let name = r.name.as_str();
    if ctx.template.mapping(name).is_some() || ctx.declarations_open() || has_default(ctx, r) {
        return;
    }
    let candidates = ctx.template.mappings.iter().map(|m| m.name.as_str());
    let finding = finding(
        Rule::UnknownMapping,
        r.span,
        format!("`{name}` is not declared under `Mappings`"),
    );
    findings.push(with_suggestion(finding, name, candidates));
}

/// With static keys, the top-level and second-level keys of `Fn::FindInMap`
/// must exist (unless a `DefaultValue` is given).
fn check_find_in_map_keys(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.declarations_open() {
        return;
    }
    let doc = ctx.doc;
    for node in &doc.nodes {
        let NodeKind::Intrinsic(i) = &node.kind else {
            continue;
        };
        if i.function != "Fn::FindInMap" || ctx.is_opaque(node.span) {
            continue;
        }
        let Some(items) = doc.sequence(i.argument) else {
            continue;
        };
        if items.len() != 3 {
            continue; // a default value makes missing keys fine; other lengths are shape errors
        }
        let (Some(map), Some(top), Some(second)) = (items.first(), items.get(1), items.get(2))
        else {
            continue;
        };
        let Some(map_decl) = doc.str_value(*map).and_then(|m| ctx.template.mapping(m)) else {
            continue;
        };
        let Some(top_entries) = doc.mapping(map_decl.node) else {
            continue;
        };
        // Keys an `Fn::ForEach` loop fills in (`'${Name}'`) are not judged.
        let looped =
            |s: &str| (s.contains("${") || s.contains("&{")) && ctx.template.in_loop(node.span);
        let top_name = doc
            .str_value(*top)
            .filter(|_| shape(doc, *top) == Shape::Scalar)
            .filter(|s| !looped(s));
        let second_name = doc
            .str_value(*second)
            .filter(|_| shape(doc, *second) == Shape::Scalar)
            .filter(|s| !looped(s));
        match top_name {
            Some(top_name) => {
                let Some(top_entry) = top_entries.iter().find(|e| e.key.text == top_name) else {
                    let finding = finding(
                        Rule::UnknownMappingKey,
                        inner(ctx, *top),
                        format!(
                            "mapping `{}` has no top-level key `{top_name}`",
                            map_decl.name
                        ),
                    );
                    let keys = top_entries.iter().map(|e| e.key.text.as_str());
                    findings.push(with_suggestion(finding, top_name, keys));
                    continue;
                };
                let Some(second_name) = second_name else {
                    continue;
                };
                let Some(seconds) = doc.mapping(top_entry.value) else {
                    // The same shapes `invalid-mapping` reports at the declaration.
                    if !matches!(
                        shape(doc, top_entry.value),
                        Shape::Unknown | Shape::Intrinsic(_)
                    ) {
                        findings.push(finding(
                            Rule::UnknownMappingKey,
                            inner(ctx, *second),
                            format!(
                                "`{top_name}` in mapping `{}` is not a mapping of keys, so it has no key `{second_name}`",
                                map_decl.name
                            ),
                        ));
                    }
                    continue;
                };
                if !seconds.iter().any(|e| e.key.text == second_name) {
                    let finding = finding(
                        Rule::UnknownMappingKey,
                        inner(ctx, *second),
                        format!(
                            "mapping `{}` has no key `{second_name}` under `{top_name}`",
                            map_decl.name
                        ),
                    );
                    let keys = seconds.iter().map(|e| e.key.text.as_str());
                    findings.push(with_suggestion(finding, second_name, keys));
                }
            }
            None => {
                let Some(second_name) = second_name else {
                    continue;
                };
                let all_mappings = top_entries.iter().all(|e| doc.mapping(e.value).is_some());
                let found = top_entries.iter().any(|e| {
                    doc.mapping(e.value)
                        .is_some_and(|s| s.iter().any(|k| k.key.text == second_name))
                });
                if all_mappings && !found && !top_entries.is_empty() {
                    findings.push(finding(
                        Rule::UnknownMappingKey,
                        inner(ctx, *second),
                        format!(
                            "no top-level key of mapping `{}` has a key `{second_name}`",
                            map_decl.name
                        ),
                    ));
                }
            }
        }
    }
}

fn inner(ctx: &Ctx, id: NodeId) -> Span {
    crate::analysis::cfn::references::inner_span(ctx.doc, id)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::ImplicitNames;

    #[test]
    fn unknown_ref_suggests_and_fixes() {
        let text = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Buckt\n";
        let findings = run(text);
        let f = only(&findings, "unknown-ref");
        assert_eq!(f.span, span_of(text, "Buckt", 0));
        assert!(
            f.message.contains("did you mean `Bucket`?"),
            "{}",
            f.message
        );
        assert_eq!(f.fixes[0].edits[0].new_text, "Bucket");
    }

    #[test]
    fn short_and_long_forms_give_the_same_findings() {
        let short = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt Nope.Arn\n      DisplayName: !Ref AWS::Regin\n";
        let long = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: {'Fn::GetAtt': [Nope, Arn]}\n      DisplayName: {Ref: AWS::Regin}\n";
        let a = run(short);
        let b = run(long);
        assert_eq!(codes(&a), vec!["unknown-getatt-resource", "unknown-ref"]);
        assert_eq!(codes(&a), codes(&b));
        assert_eq!(a[1].message, b[1].message);
        assert!(
            a[1].message.contains("did you mean `AWS::Region`?"),
            "{}",
            a[1].message
        );
    }

    #[test]
    fn get_att_attributes_come_from_the_schema() {
        let text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt B.Arnn\n      DisplayName: !GetAtt B.DomainName\n";
        let findings = run(text);
        let f = only(&findings, "unknown-attribute");
        assert_eq!(f.span, span_of(text, "Arnn", 0));
        assert!(f.message.contains("did you mean `Arn`?"), "{}", f.message);
    }

    #[test]
    fn nested_stack_outputs_and_custom_resources_accept_any_attribute() {
        let text = "Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://example.com/t.yaml\n  C:\n    Type: Custom::Thing\n    Properties:\n      ServiceToken: !GetAtt S.Outputs.Fn\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt C.Anything.Goes\n";
        assert_clean(text);
    }

    #[test]
    fn sub_variables_are_checked() {
        let text = "Parameters:\n  Env:\n    Type: String\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${Env}-${AWS::Region}-${!Literal}-${B2}'\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub ['${Local}-${Env}-${B.Arn}-${B.Nope}', {Local: x}]\n";
        let findings = run(text);
        assert_eq!(
            codes(&findings),
            vec!["unknown-ref", "unknown-attribute"],
            "{findings:#?}"
        );
        assert_eq!(findings[0].span, span_of(text, "B2", 0));
        assert_eq!(findings[1].span, span_of(text, "Nope", 0));
    }

    #[test]
    fn depends_on_and_conditions() {
        let text = "Conditions:\n  IsProd: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: IsProdd\n    DependsOn: [A, Missing]\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !If [IsProd, a, !Ref AWS::NoValue]\n";
        let findings = run(text);
        assert_eq!(
            only(&findings, "unknown-condition").span,
            span_of(text, "IsProdd", 0)
        );
        assert_eq!(
            only(&findings, "depends-on-self").span,
            span_within(text, "[A, Missing]", "A")
        );
        assert_eq!(
            only(&findings, "unknown-depends-on").span,
            span_of(text, "Missing", 0)
        );
    }

    #[test]
    fn find_in_map_names_and_keys() {
        let text = "Mappings:\n  Regions:\n    us-east-1:\n      Ami: ami-1\nResources:\n  I:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !FindInMap [Regions, us-east-2, Ami]\n      DisplayName: !FindInMap [Regions, !Ref AWS::Region, Amy]\n      KmsMasterKeyId: !FindInMap [Region, us-east-1, Ami]\n";
        let findings = run(text);
        let keys: Vec<_> = findings
            .iter()
            .filter(|f| f.code() == "unknown-mapping-key")
            .collect();
        assert_eq!(keys.len(), 2, "{findings:#?}");
        assert_eq!(keys[0].span, span_of(text, "us-east-2", 0));
        assert_eq!(keys[1].span, span_of(text, "Amy", 0));
        let m = only(&findings, "unknown-mapping");
        assert!(m.message.contains("did you mean `Regions`?"));
    }

    #[test]
    fn resources_cannot_be_used_in_conditions() {
        let text = "Conditions:\n  C: !Equals [!Ref B, x]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: C\n";
        let findings = run(text);
        assert_eq!(
            only(&findings, "resource-in-conditions").span,
            span_of(text, "B", 0)
        );
    }

    #[test]
    fn references_to_a_resource_without_type_are_reported() {
        let text = "Resources:\n  Untyped:\n    Properties: {}\n  T:\n    Type: AWS::SNS::Topic\n    DependsOn: Untyped\n    Properties:\n      TopicName: !Ref Untyped\n      DisplayName: !GetAtt Untyped.Arn\n";
        let f = run(text);
        for code in [
            "unknown-ref",
            "unknown-getatt-resource",
            "unknown-depends-on",
        ] {
            assert!(
                only(&f, code).message.contains("has no `Type`"),
                "{code}: {f:?}"
            );
        }
    }

    #[test]
    fn export_names_cannot_use_resources() {
        let text = "Parameters:\n  P:\n    Type: String\nResources:\n  R:\n    Type: AWS::SNS::Topic\nOutputs:\n  A:\n    Value: !Ref R\n    Export:\n      Name: !GetAtt R.TopicName\n  B:\n    Value: !Ref R\n    Export:\n      Name: !Sub '${R}-x'\n  C:\n    Value: !Ref R\n    Export:\n      Name: !Sub '${AWS::StackName}-${P}'\n";
        let f = run(text);
        let codes: Vec<_> = f.iter().map(|f| f.code()).collect();
        assert_eq!(
            codes,
            ["export-name-from-resource", "export-name-from-resource"],
            "{f:#?}"
        );
    }

    #[test]
    fn get_att_on_a_parameter_says_to_use_ref() {
        let text = "Parameters:\n  P:\n    Type: String\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt P.Value\n";
        let f = run(text);
        assert!(only(&f, "unknown-getatt-resource")
            .message
            .contains("use `Ref`"));
    }

    #[test]
    fn a_loop_over_unknown_values_excuses_only_names_of_its_shape() {
        let text = "Transform: AWS::LanguageExtensions\nParameters:\n  Free:\n    Type: CommaDelimitedList\nConditions:\n  Fn::ForEach::Checks:\n    - F\n    - !Ref Free\n    - Is&{F}: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  Fn::ForEach::Queues:\n    - F\n    - !Ref Free\n    - Queue&{F}:\n        Type: AWS::SQS::Queue\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt Queuex.QueueName\n      DisplayName: !Ref Topicc\nOutputs:\n  O:\n    Condition: Isx\n    Value: !FindInMap [Nowhere, a, b, {DefaultValue: none}]\n";
        let found = run(text);
        assert_eq!(codes(&found), ["unknown-ref"], "{found:#?}");
    }

    #[test]
    fn sam_resources_have_the_attributes_of_what_they_become() {
        let sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.13\n      Handler: app.handler\n      InlineCode: x\nOutputs:\n  A:\n    Value: !GetAtt Fn.Arn\n  B:\n    Value: !Sub '${Fn.Alias}'\n  C:\n    Value: !GetAtt Fn.Name\n";
        let f = run(sam);
        let finding = only(&f, "unknown-attribute");
        assert_eq!(finding.span, span_of(sam, "Name", 0));
        assert!(
            finding.message.contains("AWS::Lambda::Function"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn implicit_names_and_sam_generated_names_are_accepted() {
        let sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Role: !GetAtt FnRole.Arn\n      Description: !Ref ServerlessRestApi\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Fn.Alias\n";
        assert_clean(sam);
        let plain = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Generated\n      DisplayName: !GetAtt Other.Arnn\n";
        let mut implicit = ImplicitNames::new();
        implicit.insert("Generated", None);
        implicit.insert("Other", Some("AWS::SNS::Topic".to_string()));
        let findings = run_named("t.yaml", plain, &implicit);
        assert_eq!(codes(&findings), vec!["unknown-attribute"]);
        let strict = run_named("t.yaml", sam, &ImplicitNames::exhaustive());
        assert!(
            codes(&strict).contains(&"unknown-getatt-resource"),
            "{strict:#?}"
        );
    }

    #[test]
    fn unknown_macros_silence_reference_errors() {
        let text = "Transform: MyMacro\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Anything\n";
        assert_clean(text);
    }
}
