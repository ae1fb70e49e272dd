//! The `resources` section of Lambda and ECS files: one named resource with
//! its `Type` and `Properties`.

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, Span};

use super::ctx::{Ctx, Expect};
use super::ec2::check_string_list;
use super::platform::{Platform, ECS_TYPE, LAMBDA_TYPE};
use super::shapes::Shape;

pub fn check(ctx: &mut Ctx, platform: Platform, key_span: Span, resources: NodeId) {
    let doc = ctx.doc;
    if !ctx.expect(resources, Expect::List, "resources") {
        return;
    }
    let items = doc.sequence(resources).unwrap_or_default();
    let what = match platform {
        Platform::Ecs => "ECS service (`TargetService`)",
        _ => "Lambda function",
    };
    if items.len() != 1 {
        ctx.report(
            Rule::AppspecResourceCount,
            key_span,
            format!(
                "`resources` must list exactly one {what}; it lists {}.",
                items.len()
            ),
        );
    }
    for item in items {
        if !ctx.expect(*item, Expect::Mapping, "resources item") {
            continue;
        }
        for entry in doc.mapping(*item).unwrap_or_default() {
            if platform == Platform::Ecs && entry.key.text != "TargetService" {
                ctx.report(Rule::AppspecEcsTargetService,
                    entry.key.span,
                    format!(
                        "The ECS service entry is named `TargetService` in CodeDeploy AppSpec files, not `{}`.",
                        entry.key.text
                    ),
                );
            }
            if ctx.expect(entry.value, Expect::Mapping, &entry.key.text) {
                check_resource(ctx, platform, entry.key.span, entry.value);
            }
        }
    }
}

fn check_resource(ctx: &mut Ctx, platform: Platform, name_span: Span, resource: NodeId) {
    let doc = ctx.doc;
    ctx.check_keys(resource, Shape::Resource(platform), Some(name_span));
    if let Some(t) = doc.get(resource, "Type") {
        if ctx.expect(t, Expect::Scalar, "Type") {
            let expected = match platform {
                Platform::Ecs => ECS_TYPE,
                _ => LAMBDA_TYPE,
            };
            ctx.check_in_set("Type", t, &[expected]);
        }
    }
    let Some(properties) = doc.entry(resource, "Properties") else {
        return;
    };
    if !ctx.expect(properties.value, Expect::Mapping, "Properties") {
        return;
    }
    let (value, span) = (properties.value, properties.key.span);
    match platform {
        Platform::Ecs => check_ecs(ctx, span, value),
        _ => check_lambda(ctx, span, value),
    }
}

fn check_lambda(ctx: &mut Ctx, span: Span, properties: NodeId) {
    let doc = ctx.doc;
    ctx.check_keys(properties, Shape::LambdaProperties, Some(span));
    for entry in doc.mapping(properties).unwrap_or_default() {
        ctx.expect_text(entry.value, &entry.key.text);
    }
}

fn check_ecs(ctx: &mut Ctx, span: Span, properties: NodeId) {
    let doc = ctx.doc;
    ctx.check_keys(properties, Shape::EcsProperties, Some(span));
    for key in ["TaskDefinition", "PlatformVersion"] {
        if let Some(value) = doc.get(properties, key) {
            ctx.expect_text(value, key);
        }
    }
    if let Some(lb) = doc.entry(properties, "LoadBalancerInfo") {
        if ctx.expect(lb.value, Expect::Mapping, "LoadBalancerInfo") {
            ctx.check_keys(lb.value, Shape::LoadBalancerInfo, Some(lb.key.span));
            if let Some(name) = doc.get(lb.value, "ContainerName") {
                ctx.expect_text(name, "ContainerName");
            }
            if let Some(port) = doc.get(lb.value, "ContainerPort") {
                ctx.check_integer(port, "ContainerPort", 1, 65535);
            }
        }
    }
    if let Some(network) = doc.entry(properties, "NetworkConfiguration") {
        if ctx.expect(network.value, Expect::Mapping, "NetworkConfiguration") {
            ctx.check_keys(
                network.value,
                Shape::NetworkConfiguration,
                Some(network.key.span),
            );
            if let Some(vpc) = doc.entry(network.value, "AwsvpcConfiguration") {
                if ctx.expect(vpc.value, Expect::Mapping, "AwsvpcConfiguration") {
                    ctx.check_keys(vpc.value, Shape::AwsvpcConfiguration, Some(vpc.key.span));
                    for key in ["Subnets", "SecurityGroups"] {
                        if let Some(list) = doc.get(vpc.value, key) {
                            check_string_list(ctx, list, key);
                        }
                    }
                }
            }
        }
    }
    if let Some(strategy) = doc.get(properties, "CapacityProviderStrategy") {
        if ctx.expect(strategy, Expect::List, "CapacityProviderStrategy") {
            for item in doc.sequence(strategy).unwrap_or_default() {
                if !ctx.expect(*item, Expect::Mapping, "CapacityProviderStrategy item") {
                    continue;
                }
                ctx.check_keys(*item, Shape::CapacityProvider, None);
                if let Some(name) = doc.get(*item, "CapacityProvider") {
                    ctx.expect_text(name, "CapacityProvider");
                }
                if let Some(base) = doc.get(*item, "Base") {
                    ctx.check_integer(base, "Base", 0, 100_000);
                }
                if let Some(weight) = doc.get(*item, "Weight") {
                    ctx.check_integer(weight, "Weight", 0, 1000);
                }
            }
        }
    }
}
