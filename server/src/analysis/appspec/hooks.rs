//! The `hooks` section: event names for the platform, EC2 script lists
//! (`location`, `timeout`, `runas`) and Lambda/ECS function hooks.

use crate::analysis::rules::Rule;
use crate::analysis::Severity;
use awsls_grammars::{NodeId, Span};

use super::ctx::{Ctx, Expect};
use super::events::{self, join_names};
use super::platform::Platform;
use super::shapes::{Shape, MAX_TIMEOUT};
use super::suggest;
use crate::analysis::{Finding, Fix, TextEdit};

/// Checks the value of `hooks`/`Hooks` for the platform.
pub fn check(ctx: &mut Ctx, platform: Platform, key_span: Span, hooks: NodeId) {
    if ctx.is_empty(hooks) {
        return;
    }
    match platform {
        Platform::Ec2 => check_ec2(ctx, key_span, hooks),
        _ => check_functions(ctx, platform, key_span, hooks),
    }
}

fn check_ec2(ctx: &mut Ctx, key_span: Span, hooks: NodeId) {
    let doc = ctx.doc;
    if let Some(items) = doc.sequence(hooks) {
        report_list_on_ec2(ctx, key_span, items);
        for item in items {
            for entry in doc.mapping(*item).unwrap_or_default() {
                if check_name(ctx, Platform::Ec2, &entry.key.text, entry.key.span) {
                    check_scripts(ctx, &entry.key.text, entry.key.span, entry.value);
                }
            }
        }
        return;
    }
    if !ctx.expect(hooks, Expect::Mapping, "hooks") {
        return;
    }
    for entry in doc.mapping(hooks).unwrap_or_default() {
        if check_name(ctx, Platform::Ec2, &entry.key.text, entry.key.span) {
            check_scripts(ctx, &entry.key.text, entry.key.span, entry.value);
        }
    }
}

/// `hooks: - BeforeInstall: ...` on EC2: the Lambda/ECS shape. The fix drops
/// each item's `- ` when every item is written in block style.
fn report_list_on_ec2(ctx: &mut Ctx, key_span: Span, items: &[NodeId]) {
    let mut edits = Vec::new();
    for item in items {
        let start = ctx.span(*item).start;
        let before = ctx.text.get(..start).unwrap_or("");
        let trimmed = before.trim_end_matches([' ', '\t']);
        if trimmed.ends_with('-') {
            let dash = trimmed.len() - 1;
            edits.push(TextEdit {
                span: Span::new(dash, start),
                new_text: String::new(),
            });
        }
    }
    let message = "On EC2/On-Premises, `hooks` is a mapping from event name to scripts (`BeforeInstall:` then its list of scripts), not a list of `- Event:` items; the list form is for Lambda and ECS.";
    let mut finding = Finding::new(Rule::AppspecHooksShape, key_span, message);
    if !edits.is_empty() && edits.len() == items.len() {
        finding = finding.with_fix(Fix {
            title: "Write the hooks as a mapping".to_string(),
            edits,
            preferred: true,
        });
    }
    ctx.push(finding);
}

/// The scripts of one EC2 event: a non-empty list of `location` entries.
fn check_scripts(ctx: &mut Ctx, event: &str, key_span: Span, scripts: NodeId) {
    let doc = ctx.doc;
    if ctx.is_empty(scripts) {
        ctx.report(Rule::AppspecEmptyValue,
            key_span,
            format!("`{event}` lists no scripts: give it a list of `- location: script` entries or remove it."),
        );
        return;
    }
    if !ctx.expect(scripts, Expect::List, event) {
        return;
    }
    let mut total = 0i64;
    let mut explicit = 0usize;
    for script in doc.sequence(scripts).unwrap_or_default() {
        if doc.scalar(*script).is_some() && !ctx.is_empty(*script) {
            report_bare_script(ctx, event, *script);
            continue;
        }
        if !ctx.expect(*script, Expect::Mapping, "script") {
            continue;
        }
        ctx.check_keys(*script, Shape::HookScript, None);
        if let Some(location) = doc.get(*script, "location") {
            ctx.expect_text(location, "location");
        }
        if let Some(timeout) = doc.get(*script, "timeout") {
            if let Some(seconds) = check_timeout(ctx, timeout) {
                total += seconds;
                explicit += 1;
            }
        }
        if let Some(entry) = doc.entry(*script, "runas") {
            if ctx.os == Some("windows") {
                // A warning: the script still runs, as another user.
                ctx.push(
                    Finding::new(
                        Rule::AppspecLinuxOnly,
                        entry.key.span,
                        "`runas` applies to Linux instances only: on Windows Server, scripts run as the user running the CodeDeploy agent.",
                    )
                    .with_severity(Severity::Warning),
                );
            } else {
                ctx.expect_text(entry.value, "runas");
            }
        }
    }
    if explicit > 1 && total > MAX_TIMEOUT {
        ctx.report(Rule::AppspecHookTotalTimeout,
            key_span,
            format!(
                "The timeouts of `{event}` add up to {total} seconds, but all scripts of one event must finish within {MAX_TIMEOUT} seconds."
            ),
        );
    }
}

/// `- scripts/a.sh` instead of `- location: scripts/a.sh`.
fn report_bare_script(ctx: &mut Ctx, event: &str, script: NodeId) {
    let span = ctx.span(script);
    let written = ctx.slice(span).to_string();
    let edit = if written.starts_with('"') {
        TextEdit {
            span,
            new_text: format!("{{\"location\": {written}}}"),
        }
    } else {
        TextEdit {
            span: Span::new(span.start, span.start),
            new_text: "location: ".to_string(),
        }
    };
    let message = format!(
        "Each script of `{event}` is a mapping with `location` (and optionally `timeout` and `runas`): write `- location: {written}`."
    );
    let fix = Fix {
        title: "Write it as `location:`".to_string(),
        edits: vec![edit],
        preferred: true,
    };
    ctx.push(Finding::new(Rule::AppspecWrongType, span, message).with_fix(fix));
}

/// A timeout of 1 to 3600 seconds; returns the seconds when they are a number.
fn check_timeout(ctx: &mut Ctx, timeout: NodeId) -> Option<i64> {
    let doc = ctx.doc;
    if !ctx.expect(timeout, Expect::Scalar, "timeout") {
        return None;
    }
    let span = ctx.span(timeout);
    let Some(seconds) = doc
        .str_value(timeout)
        .and_then(|v| v.trim().parse::<i64>().ok())
    else {
        ctx.report(
            Rule::AppspecTimeout,
            span,
            format!("`timeout` must be a whole number of seconds from 1 to {MAX_TIMEOUT}."),
        );
        return None;
    };
    if seconds > MAX_TIMEOUT {
        let fix = Fix {
            title: format!("Set the timeout to {MAX_TIMEOUT}"),
            edits: vec![TextEdit {
                span: ctx.unquoted(span),
                new_text: MAX_TIMEOUT.to_string(),
            }],
            preferred: true,
        };
        let message = format!(
            "`timeout` is {seconds} seconds, over the maximum of {MAX_TIMEOUT} (one hour) a lifecycle event may run."
        );
        ctx.push(Finding::new(Rule::AppspecTimeout, span, message).with_fix(fix));
    } else if seconds <= 0 {
        ctx.report(
            Rule::AppspecTimeout,
            span,
            format!("`timeout` must be at least 1 second (at most {MAX_TIMEOUT})."),
        );
    }
    Some(seconds)
}

/// Lambda and ECS: `Hooks: - Event: FunctionName`.
fn check_functions(ctx: &mut Ctx, platform: Platform, key_span: Span, hooks: NodeId) {
    let doc = ctx.doc;
    if let Some(entries) = doc.mapping(hooks) {
        report_mapping_on_functions(ctx, platform, key_span, hooks);
        for entry in entries {
            if check_name(ctx, platform, &entry.key.text, entry.key.span) {
                ctx.expect_text(entry.value, &entry.key.text);
            }
        }
        return;
    }
    if !ctx.expect(hooks, Expect::List, "hooks") {
        return;
    }
    for item in doc.sequence(hooks).unwrap_or_default() {
        if !ctx.expect(*item, Expect::Mapping, "hooks item") {
            continue;
        }
        for entry in doc.mapping(*item).unwrap_or_default() {
            if check_name(ctx, platform, &entry.key.text, entry.key.span) {
                ctx.expect_text(entry.value, &entry.key.text);
            }
        }
    }
}

/// `Hooks: BeforeAllowTraffic: Fn` on Lambda/ECS. The fix adds `- ` before
/// each event when they all sit on lines of their own with a function name.
fn report_mapping_on_functions(ctx: &mut Ctx, platform: Platform, key_span: Span, hooks: NodeId) {
    let doc = ctx.doc;
    let entries = doc.mapping(hooks).unwrap_or_default();
    let mut edits = Vec::new();
    for entry in entries {
        let start = entry.key.span.start;
        let line_start = ctx
            .text
            .get(..start)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let own_line = ctx
            .text
            .get(line_start..start)
            .is_some_and(|t| t.chars().all(|c| c == ' '));
        if own_line && doc.scalar(entry.value).is_some() {
            edits.push(TextEdit {
                span: Span::new(start, start),
                new_text: "- ".to_string(),
            });
        }
    }
    let message = format!(
        "On {}, `hooks` is a list of single-key items (`- BeforeAllowTraffic: FunctionName`), not a mapping.",
        platform.label()
    );
    let mut finding = Finding::new(Rule::AppspecHooksShape, key_span, message);
    if !edits.is_empty() && edits.len() == entries.len() {
        finding = finding.with_fix(Fix {
            title: "Write the hooks as a list".to_string(),
            edits,
            preferred: true,
        });
    }
    ctx.push(finding);
}

/// Reports an event name the platform does not run hooks for; true when it does.
fn check_name(ctx: &mut Ctx, platform: Platform, name: &str, span: Span) -> bool {
    let valid = events::hook_names(platform);
    match events::find(platform, name) {
        Some(event) if event.hookable => return true,
        Some(_) => {
            let what = if platform == Platform::Ec2 {
                "scripts"
            } else {
                "hooks"
            };
            let message = format!(
                "`{name}` is run by CodeDeploy itself and cannot have {what}. {} lifecycle events that can: {}.",
                platform.label(),
                join_names(&valid)
            );
            ctx.report(Rule::AppspecReservedHook, span, message);
            return false;
        }
        None => {}
    }
    let elsewhere = events::hookable_elsewhere(platform, name);
    if !elsewhere.is_empty() {
        let owners: Vec<&str> = elsewhere.iter().map(|p| p.label()).collect();
        let message = format!(
            "`{name}` is a lifecycle event of {} deployments, not {}. {} hooks: {}.",
            join_names(&owners),
            platform.label(),
            platform.label(),
            join_names(&valid)
        );
        ctx.report(Rule::AppspecWrongPlatformHook, span, message);
        return false;
    }
    let suggestion = suggest::closest(name, &valid);
    if suggestion.is_none() && platform == Platform::Ec2 {
        let message = format!(
            "`{name}` is not a CodeDeploy lifecycle event: a deployment never runs it (only `codedeploy-local --events {name}` does). EC2/On-Premises events: {}.",
            join_names(&valid)
        );
        ctx.report(Rule::AppspecCustomHook, span, message);
        return true;
    }
    let message = format!(
        "Unknown lifecycle event `{name}`.{} {} events: {}.",
        suggest::did_you_mean(suggestion),
        platform.label(),
        join_names(&valid)
    );
    let mut finding = Finding::new(Rule::AppspecUnknownHook, span, message);
    if let Some(s) = suggestion {
        finding = finding.with_fix(ctx.replace_fix(format!("Change to `{s}`"), span, s));
    }
    ctx.push(finding);
    false
}
