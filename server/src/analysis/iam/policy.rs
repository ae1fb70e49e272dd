//! The policy grammar: `Version`, `Statement`, unique `Sid`s, `Effect`, and
//! which elements a statement must, may and may not have for the kind of
//! policy it is in. Each statement's values are then checked by the
//! element modules.

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, Span};

use crate::analysis::{Finding, Fix, Severity, TextEdit};

use super::statement::{self, Policy, PolicyKind, Statement, POLICY_KEYS, STATEMENT_KEYS};
use super::{actions, arn, conditions, principal, security, trust, values, Ctx};

/// Checks one policy document.
pub fn check(ctx: &Ctx, policy: Policy, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let root = policy.root;
    if doc.intrinsic(root).is_some() {
        return;
    }
    let Some(entries) = doc.mapping(root) else {
        if policy.embedded && doc.scalar(root).is_some() {
            // A policy written as a JSON string: not read here.
            return;
        }
        findings.push(Finding::new(
            Rule::IamInvalidPolicy,
            doc.node(root).span,
            "a policy document must be a mapping with Version and Statement",
        ));
        return;
    };
    let anchor = entries
        .first()
        .map(|e| e.key.span)
        .unwrap_or(doc.node(root).span);
    for entry in entries {
        if !POLICY_KEYS.contains(&entry.key.text.as_str()) {
            findings.push(unknown_key(
                ctx,
                Rule::IamUnknownPolicyKey,
                &entry.key.text,
                entry.key.span,
                POLICY_KEYS,
                "policy",
            ));
        }
    }
    check_version(ctx, root, anchor, findings);
    if doc.get(root, "Statement").is_none() {
        findings.push(Finding::new(
            Rule::IamMissingStatement,
            anchor,
            "the policy has no Statement",
        ));
        return;
    }
    let mut sids: Vec<(String, Span)> = Vec::new();
    let mut statements = Vec::new();
    for node in statement::statement_nodes(doc, root) {
        if doc.intrinsic(node).is_some() {
            continue;
        }
        let Some(read) = statement::read(doc, node) else {
            findings.push(Finding::new(
                Rule::IamInvalidStatement,
                doc.node(node).span,
                "a statement must be a mapping with Effect, Action and (usually) Resource",
            ));
            continue;
        };
        if let Some(entry) = doc.entry(node, "Sid") {
            if let Some(sid) = doc.str_value(entry.value) {
                let span = doc.node(entry.value).span;
                if let Some((_, first)) = sids.iter().find(|(s, _)| s == sid) {
                    let message = format!("Sid '{sid}' is used by another statement");
                    // IAM rejects duplicates; some resource policies (S3) accept them.
                    let finding = if ctx.kind == PolicyKind::Identity {
                        Finding::new(Rule::IamDuplicateSid, span, message)
                    } else {
                        Finding::new(Rule::IamDuplicateSid, span, message)
                            .with_severity(Severity::Warning)
                    };
                    findings.push(finding.with_related(*first, "first used here"));
                } else {
                    sids.push((sid.to_string(), span));
                }
                if ctx.kind == PolicyKind::Identity
                    && !sid.bytes().all(|b| b.is_ascii_alphanumeric())
                {
                    findings.push(Finding::new(
                        Rule::IamInvalidSid,
                        span,
                        "in identity-based policies a Sid may hold only letters and digits",
                    ));
                }
            }
        }
        check_statement(ctx, &read, findings);
        statements.push(read);
    }
    super::escalation::check(ctx, &statements, findings);
}

fn unknown_key(
    ctx: &Ctx,
    rule: Rule,
    key: &str,
    span: Span,
    known: &[&str],
    what: &str,
) -> Finding {
    let suggestion = values::closest(key, known.iter().copied());
    let Some(s) = suggestion else {
        let message = format!(
            "'{key}' is not a {what} element (expected one of {})",
            known.join(", ")
        );
        return Finding::new(rule, span, message);
    };
    let message = format!("'{key}' is not a {what} element; did you mean '{s}'?");
    let finding = Finding::new(rule, span, message);
    match values::rename_key(ctx.snapshot, span, key, s) {
        Some(fix) => finding.with_fix(fix),
        None => finding,
    }
}

fn check_version(ctx: &Ctx, root: NodeId, anchor: Span, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(version) = doc.get(root, "Version") else {
        // Only policy variables behave differently under the default version.
        let severity = if uses_variables(ctx, root) {
            Severity::Warning
        } else {
            Severity::Info
        };
        findings.push(
            Finding::new(
                Rule::IamMissingVersion,
                anchor,
                "the policy has no Version: it is read as 2008-10-17, where policy variables such as ${aws:username} do not work; add Version: 2012-10-17",
            )
            .with_severity(severity),
        );
        return;
    };
    if doc.intrinsic(version).is_some() {
        return;
    }
    let span = doc.node(version).span;
    match doc.str_value(version) {
        Some("2012-10-17") => {}
        Some("2008-10-17") => findings.push(Finding::new(
            Rule::IamOldVersion,
            span,
            "Version 2008-10-17 does not support policy variables; use 2012-10-17",
        )),
        other => {
            let shown = other.unwrap_or("this value");
            let mut finding = Finding::new(
                Rule::IamInvalidVersion,
                span,
                format!("'{shown}' is not a policy language version: use 2012-10-17"),
            );
            if other.is_some() {
                let (inner, _) = values::inner_span(ctx.snapshot, doc, version);
                finding = finding.with_fix(Fix {
                    title: "Change to 2012-10-17".to_string(),
                    edits: vec![TextEdit {
                        span: inner,
                        new_text: "2012-10-17".to_string(),
                    }],
                    preferred: true,
                });
            }
            findings.push(finding);
        }
    }
}

/// True when a literal resource or condition value holds a policy variable (`${aws:username}`).
fn uses_variables(ctx: &Ctx, root: NodeId) -> bool {
    let doc = ctx.doc;
    statement::statement_nodes(doc, root)
        .into_iter()
        .any(|node| {
            let mut nodes: Vec<NodeId> = ["Resource", "NotResource"]
                .iter()
                .filter_map(|key| doc.get(node, key))
                .collect();
            if let Some(condition) = doc.get(node, "Condition").and_then(|c| doc.mapping(c)) {
                for operator in condition {
                    if let Some(keys) = doc.mapping(operator.value) {
                        nodes.extend(keys.iter().map(|k| k.value));
                    }
                }
            }
            nodes.into_iter().any(|n| {
                values::values(ctx.snapshot, doc, n)
                    .iter()
                    .any(|v| v.text().is_some_and(|t| t.contains("${")))
            })
        })
}

/// True when every action is an `sts:` action (`AssumeRole*`, `TagSession`, ...).
fn only_sts(ctx: &Ctx, statement: &Statement) -> bool {
    let Some(action) = statement.action else {
        return false;
    };
    let list = values::values(ctx.snapshot, ctx.doc, action.node);
    !list.is_empty()
        && list.iter().all(|v| {
            v.text()
                .is_some_and(|t| t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sts:")))
        })
}

fn check_statement(ctx: &Ctx, statement: &Statement, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(entries) = doc.mapping(statement.node) else {
        return;
    };
    let anchor = entries
        .first()
        .map(|e| e.key.span)
        .unwrap_or(statement.span);
    for entry in entries {
        if !STATEMENT_KEYS.contains(&entry.key.text.as_str()) {
            findings.push(unknown_key(
                ctx,
                Rule::IamUnknownStatementKey,
                &entry.key.text,
                entry.key.span,
                STATEMENT_KEYS,
                "statement",
            ));
        }
    }
    check_effect(ctx, statement.node, anchor, findings);
    for (key, not_key) in [
        ("Action", "NotAction"),
        ("Resource", "NotResource"),
        ("Principal", "NotPrincipal"),
    ] {
        if let (Some(_), Some(second)) = (
            doc.entry(statement.node, key),
            doc.entry(statement.node, not_key),
        ) {
            findings.push(Finding::new(
                Rule::IamConflictingElements,
                second.key.span,
                format!("a statement may have {key} or {not_key}, not both"),
            ));
        }
    }
    if statement.action.is_none() {
        findings.push(Finding::new(
            Rule::IamMissingAction,
            anchor,
            "the statement has no Action or NotAction",
        ));
    }
    let kind = ctx.kind;
    match (kind, statement.resource) {
        (PolicyKind::Trust, Some(resource)) => findings.push(Finding::new(Rule::IamResourceNotAllowed,
            resource.key_span,
            "a role trust policy may not have Resource or NotResource: the role itself is the resource",
        )),
        (PolicyKind::Trust, None) => {}
        (PolicyKind::Unknown, None) if statement.principal.is_some() && only_sts(ctx, statement) => {}
        (_, None) => findings.push(Finding::new(Rule::IamMissingResource,
            anchor,
            format!("a statement in a {} needs Resource or NotResource", kind.describe()),
        )),
        _ => {}
    }
    match (kind, statement.principal) {
        (PolicyKind::Identity, Some(principal)) => findings.push(Finding::new(Rule::IamPrincipalNotAllowed,
            principal.key_span,
            "an identity-based policy may not have Principal: it applies to the user, group or role it is attached to",
        )),
        (PolicyKind::Resource | PolicyKind::Trust, None) => findings.push(Finding::new(Rule::IamMissingPrincipal,
            anchor,
            format!("a statement in a {} needs Principal or NotPrincipal", kind.describe()),
        )),
        _ => {}
    }
    actions::check(ctx, statement, findings);
    let scope = actions::scope(ctx, statement);
    arn::check(ctx, statement, &scope, findings);
    principal::check(ctx, statement, findings);
    conditions::check(ctx, statement, &scope, findings);
    trust::check(ctx, statement, findings);
    security::check(ctx, statement, findings);
}

fn check_effect(ctx: &Ctx, node: NodeId, anchor: Span, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(effect) = doc.get(node, "Effect") else {
        findings.push(Finding::new(
            Rule::IamMissingEffect,
            anchor,
            "the statement has no Effect (Allow or Deny)",
        ));
        return;
    };
    if doc.intrinsic(effect).is_some() {
        return;
    }
    let text = doc.str_value(effect);
    if matches!(text, Some("Allow") | Some("Deny")) {
        return;
    }
    let span = doc.node(effect).span;
    let mut finding = Finding::new(
        Rule::IamInvalidEffect,
        span,
        format!(
            "Effect must be Allow or Deny, not '{}'",
            text.unwrap_or_default()
        ),
    );
    let fixed = text.and_then(|t| {
        ["Allow", "Deny"]
            .into_iter()
            .find(|e| e.eq_ignore_ascii_case(t.trim()))
    });
    if let Some(fixed) = fixed {
        let (inner, _) = values::inner_span(ctx.snapshot, doc, effect);
        finding = finding.with_fix(Fix {
            title: format!("Change to {fixed}"),
            edits: vec![TextEdit {
                span: inner,
                new_text: fixed.to_string(),
            }],
            preferred: true,
        });
    }
    findings.push(finding);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{codes, findings_for};

    #[test]
    fn good_policy_has_no_findings() {
        let text = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/${aws:username}/*"]}
  ]
}"#;
        let found = findings_for(text);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn versions() {
        let old =
            "Version: '2008-10-17'\nStatement: {Effect: Deny, Action: 's3:*', Resource: '*'}\n";
        assert_eq!(codes(&findings_for(old)), ["iam-old-version"]);
    }

    #[test]
    fn invalid_version_is_reported_by_kind_detection_only_for_known_versions() {
        // Kind detection needs a known version; an embedded or misdetected policy
        // with another version is reported.
        use super::super::statement::{Policy, PolicyKind};
        use super::super::Ctx;
        let snapshot = crate::analysis::Snapshot::from_text(
            "p.yaml",
            "Version: '2012-10-18'\nStatement: {Effect: Deny, Action: 's3:*', Resource: '*'}\n",
        );
        let doc = &snapshot.document;
        let ctx = Ctx {
            snapshot: &snapshot,
            doc,
            kind: PolicyKind::Unknown,
        };
        let mut found = Vec::new();
        let root = doc.root().expect("root");
        super::check(
            &ctx,
            Policy {
                root,
                kind: PolicyKind::Unknown,
                embedded: false,
            },
            &mut found,
        );
        assert_eq!(codes(&found), ["iam-invalid-version"]);
        assert_eq!(found[0].fixes[0].edits[0].new_text, "2012-10-17");
    }

    #[test]
    fn statement_grammar() {
        let text = r#"{"Version":"2012-10-17","Statement":[
 {"Sid":"A","Effect":"allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"},
 {"Sid":"A","Effect":"Deny","Actions":"s3:GetObject"}]}"#;
        let found = findings_for(text);
        assert_eq!(
            codes(&found),
            [
                "iam-invalid-effect",
                "iam-conflicting-elements",
                "iam-missing-action",
                "iam-missing-resource",
                "iam-duplicate-sid",
                "iam-unknown-statement-key"
            ]
        );
        let effect = found
            .iter()
            .find(|f| f.code() == "iam-invalid-effect")
            .expect("effect");
        assert_eq!(effect.fixes[0].edits[0].new_text, "Allow");
        let unknown = found
            .iter()
            .find(|f| f.code() == "iam-unknown-statement-key")
            .expect("key");
        assert!(unknown.message.contains("'Action'"), "{}", unknown.message);
    }

    #[test]
    fn standalone_trust_policy_needs_no_resource() {
        let text = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Principal: {Service: lambda.amazonaws.com}\n    Action: sts:AssumeRole\n";
        assert!(findings_for(text).is_empty());
    }
}
