//! EC2/On-Premises sections: `files` and `permissions` (what `os` allows is
//! checked with the root keys).

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, Span};

use super::ctx::{Ctx, Expect};
use super::shapes::Shape;

/// `files`: a list of `source`/`destination` pairs.
pub fn check_files(ctx: &mut Ctx, files: NodeId) {
    let doc = ctx.doc;
    if ctx.is_empty(files) || !ctx.expect(files, Expect::List, "files") {
        return;
    }
    for item in doc.sequence(files).unwrap_or_default() {
        if !ctx.expect(*item, Expect::Mapping, "files item") {
            continue;
        }
        ctx.check_keys(*item, Shape::File, None);
        for key in ["source", "destination"] {
            if let Some(value) = doc.get(*item, key) {
                ctx.expect_text(value, key);
            }
        }
    }
}

/// `permissions`: Linux only; each entry names an `object`.
pub fn check_permissions(ctx: &mut Ctx, key_span: Span, permissions: NodeId) {
    let doc = ctx.doc;
    if ctx.is_empty(permissions) || !ctx.expect(permissions, Expect::List, "permissions") {
        return;
    }
    let items = doc.sequence(permissions).unwrap_or_default();
    if ctx.os == Some("windows") && !items.is_empty() {
        ctx.report(Rule::AppspecLinuxOnly,
            key_span,
            "`permissions` applies to Linux instances only: a deployment to Windows Server instances fails when it is set.",
        );
        return;
    }
    for item in items {
        if !ctx.expect(*item, Expect::Mapping, "permissions item") {
            continue;
        }
        check_permission(ctx, *item);
    }
}

fn check_permission(ctx: &mut Ctx, item: NodeId) {
    let doc = ctx.doc;
    ctx.check_keys(item, Shape::Permission, None);
    for key in ["object", "pattern", "owner", "group"] {
        if let Some(value) = doc.get(item, key) {
            ctx.expect_text(value, key);
        }
    }
    for key in ["except", "acls"] {
        if let Some(value) = doc.get(item, key) {
            check_string_list(ctx, value, key);
        }
    }
    if let Some(types) = doc.get(item, "type") {
        if ctx.expect(types, Expect::List, "type") {
            for t in doc.sequence(types).unwrap_or_default() {
                if ctx.expect(*t, Expect::Scalar, "type") {
                    ctx.check_in_set("type", *t, &["file", "directory"]);
                }
            }
        }
    }
    if let Some(mode) = doc.get(item, "mode") {
        check_mode(ctx, mode);
    }
    if let Some(context) = doc.entry(item, "context") {
        if ctx.expect(context.value, Expect::Mapping, "context") {
            ctx.check_keys(context.value, Shape::SelinuxContext, Some(context.key.span));
        }
    }
}

/// A list whose items are all single values.
pub fn check_string_list(ctx: &mut Ctx, list: NodeId, what: &str) {
    let doc = ctx.doc;
    if !ctx.expect(list, Expect::List, what) {
        return;
    }
    for item in doc.sequence(list).unwrap_or_default() {
        ctx.expect_text(*item, what);
    }
}

/// `mode`: three or four octal digits.
fn check_mode(ctx: &mut Ctx, mode: NodeId) {
    let doc = ctx.doc;
    if !ctx.expect(mode, Expect::Scalar, "mode") {
        return;
    }
    let written = doc.str_value(mode).unwrap_or("").trim();
    let octal =
        (1..=4).contains(&written.len()) && written.chars().all(|c| ('0'..='7').contains(&c));
    if !octal {
        let span = ctx.span(mode);
        ctx.report(
            Rule::AppspecInvalidValue,
            span,
            format!("`mode` must be octal permissions such as 644 or \"0755\", not `{written}`."),
        );
    }
}
