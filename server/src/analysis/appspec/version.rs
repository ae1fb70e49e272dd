//! The `version` key: present, `0.0`, a number, and written with a space after
//! the colon.

use crate::analysis::rules::Rule;
use awsls_grammars::{Format, NodeId, ScalarKind, Span};

use super::ctx::Ctx;
use super::platform::Platform;
use crate::analysis::{Finding, Fix, TextEdit};

/// Reports top-level `version:0.0` lines; true when there is one (the version is then
/// not reported as missing).
pub fn check_missing_space(ctx: &mut Ctx) -> bool {
    let mut found = false;
    let mut offset = 0;
    let mut lines = Vec::new();
    for line in ctx.text.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r']).to_string()));
        offset += line.len();
    }
    for (start, line) in lines {
        let Some(rest) = line.strip_prefix("version:") else {
            continue;
        };
        let value = rest.split(" #").next().unwrap_or(rest).trim_end();
        if value.is_empty() || value.starts_with([' ', '\t']) {
            continue;
        }
        found = true;
        let key_start = start;
        let colon = key_start + "version".len();
        let span = Span::new(key_start, colon + 1 + value.len());
        let message = format!(
            "`version:{value}` needs a space after the colon: without it YAML reads one string, not the key `version`."
        );
        let fix = Fix {
            title: "Add a space after `version:`".to_string(),
            edits: vec![TextEdit {
                span: Span::new(colon + 1, colon + 1),
                new_text: " ".to_string(),
            }],
            preferred: true,
        };
        ctx.push(Finding::new(Rule::AppspecVersionMissingSpace, span, message).with_fix(fix));
    }
    found
}

/// Checks the `version` entry of the root mapping.
pub fn check(ctx: &mut Ctx, root: NodeId, format: Format, missing_space: bool) {
    let doc = ctx.doc;
    let Some(entry) = doc.entry(root, "version") else {
        if !missing_space {
            report_missing(ctx, root, format);
        }
        return;
    };
    let value = entry.value;
    let span = ctx.span(value);
    let Some(scalar) = doc.scalar(value) else {
        ctx.report(
            Rule::AppspecVersion,
            entry.key.span,
            "`version` must be 0.0, the only AppSpec version.",
        );
        return;
    };
    let written = scalar.value.trim();
    let numeric = matches!(scalar.kind, ScalarKind::Integer | ScalarKind::Float);
    match (written, numeric) {
        ("0.0" | "0", true) => {}
        ("0.0" | "0", false) if ctx.platform == Some(Platform::Ec2) => {
            let fix = Fix {
                title: "Write the version as the number 0.0".to_string(),
                edits: vec![TextEdit {
                    span,
                    new_text: "0.0".to_string(),
                }],
                preferred: true,
            };
            let message = "`version` is the string \"0.0\": the CodeDeploy agent compares it with the number 0.0 and rejects a string. Write `version: 0.0` without quotes.";
            ctx.push(Finding::new(Rule::AppspecVersionString, span, message).with_fix(fix));
        }
        ("0.0" | "0", false) => {}
        _ => {
            let fix = Fix {
                title: "Set the version to 0.0".to_string(),
                edits: vec![TextEdit {
                    span,
                    new_text: "0.0".to_string(),
                }],
                preferred: true,
            };
            let message =
                format!("`version` must be 0.0, the only AppSpec version, not `{written}`.");
            ctx.push(Finding::new(Rule::AppspecVersion, span, message).with_fix(fix));
        }
    }
}

fn report_missing(ctx: &mut Ctx, root: NodeId, format: Format) {
    let root_span = ctx.span(root);
    let span = ctx.anchor(root, None);
    let edit = match format {
        Format::Yaml => TextEdit {
            span: Span::new(root_span.start, root_span.start),
            new_text: "version: 0.0\n".to_string(),
        },
        Format::Json => TextEdit {
            span: Span::new(root_span.start + 1, root_span.start + 1),
            new_text: "\n  \"version\": 0.0,".to_string(),
        },
    };
    let fix = Fix {
        title: "Add `version: 0.0`".to_string(),
        edits: vec![edit],
        preferred: true,
    };
    let message = "The AppSpec file has no `version`: CodeDeploy requires `version: 0.0`.";
    ctx.push(Finding::new(Rule::AppspecMissingKey, span, message).with_fix(fix));
}
