//! Diagnostics for an AppSpec file: the root keys for its platform, then each
//! section in turn.

use crate::analysis::rules::Rule;
use awsls_grammars::NodeId;

use super::ctx::{describe, Ctx};
use super::platform::{self, Platform};
use super::shapes::Shape;
use super::{ec2, hooks, resources, version};
use crate::analysis::{Finding, Snapshot};

pub fn run(snapshot: &Snapshot, findings: &mut Vec<Finding>) {
    let mut ctx = Ctx::new(snapshot, findings);
    let missing_space = version::check_missing_space(&mut ctx);
    let doc = ctx.doc;
    let Some(root) = doc.root() else {
        return;
    };
    if ctx.is_empty(root) || (missing_space && doc.mapping(root).is_none()) {
        return;
    }
    if doc.mapping(root).is_none() {
        let found = describe(doc, root);
        let whole = ctx.span(root);
        let first_line = ctx
            .slice(whole)
            .find('\n')
            .map_or(whole.end, |i| whole.start + i);
        let span = awsls_grammars::Span::new(whole.start, first_line);
        ctx.report(Rule::AppspecWrongType,
            span,
            format!("An AppSpec file is a mapping of `version`, `os`, `files`, `resources`, `hooks` and so on, not {found}."),
        );
        return;
    }
    let platform = platform::detect(doc, root);
    ctx.platform = platform;
    ctx.os = doc
        .get(root, "os")
        .and_then(|os| doc.str_value(os))
        .filter(|os| matches!(*os, "linux" | "windows"));
    version::check(&mut ctx, root, snapshot.format, missing_space);
    ctx.check_keys(root, Shape::Root(platform), None);
    match platform {
        Some(Platform::Ec2) => check_ec2(&mut ctx, root),
        Some(p) => check_serverless(&mut ctx, p, root),
        None => {}
    }
}

fn check_ec2(ctx: &mut Ctx, root: NodeId) {
    let doc = ctx.doc;
    if let Some(files) = doc.get(root, "files") {
        ec2::check_files(ctx, files);
    }
    if let Some(entry) = doc.entry(root, "permissions") {
        ec2::check_permissions(ctx, entry.key.span, entry.value);
    }
    if let Some(entry) = doc.entry(root, "hooks") {
        hooks::check(ctx, Platform::Ec2, entry.key.span, entry.value);
    }
}

/// Lambda and ECS files: `resources`/`Resources` and `hooks`/`Hooks`.
fn check_serverless(ctx: &mut Ctx, platform: Platform, root: NodeId) {
    let doc = ctx.doc;
    let entries = doc.mapping(root).unwrap_or_default();
    for entry in entries {
        match entry.key.text.as_str() {
            "resources" | "Resources" => {
                resources::check(ctx, platform, entry.key.span, entry.value)
            }
            "hooks" | "Hooks" => hooks::check(ctx, platform, entry.key.span, entry.value),
            _ => {}
        }
    }
}
