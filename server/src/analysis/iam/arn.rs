//! `Resource`/`NotResource` values: ARN syntax, and whether any of the
//! statement's actions applies to the resource an ARN names.

use crate::analysis::rules::Rule;
use awsls_grammars::Span;

use crate::analysis::Finding;

use super::actions::Scope;
use super::statement::Statement;
use super::values::{self, Value};
use super::Ctx;

/// The parts of an ARN (`arn:partition:service:region:account:resource`).
#[derive(Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

/// Splits an ARN whose `${...}` variables were already masked; `None` when the
/// text does not have the six parts.
pub fn split(text: &str) -> Option<Arn<'_>> {
    let mut parts = text.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let arn = Arn {
        partition: parts.next()?,
        service: parts.next()?,
        region: parts.next()?,
        account: parts.next()?,
        resource: parts.next()?,
    };
    (!arn.partition.is_empty() && !arn.service.is_empty() && !arn.resource.is_empty())
        .then_some(arn)
}

/// Why `text` is not a valid ARN, if it is not. Policy variables and
/// wildcards are allowed anywhere.
pub fn syntax_error(text: &str) -> Option<String> {
    let masked = values::mask_variables(text, "*");
    if masked.starts_with("execute-api:/") {
        // API Gateway resource policies' shorthand for the API they are attached to.
        return None;
    }
    if !masked.starts_with("arn:") {
        return Some(format!(
            "'{text}' is not an ARN: expected arn:partition:service:region:account:resource or '*'"
        ));
    }
    // A wildcard may stand for the missing parts (`arn:aws:logs:*`).
    let Some(arn) = split(&masked) else {
        let colons = masked.matches(':').count();
        // `arn:aws:logs:*` and `arn:aws:sns:*:*`: IAM takes both, and
        // published templates that deploy use them.
        if masked.contains('*') {
            return None;
        }
        return Some(if colons < 5 {
            format!("'{text}' has {} of the 6 ARN parts (arn:partition:service:region:account:resource)", colons + 1)
        } else {
            format!("'{text}' has an empty partition, service or resource part")
        });
    };
    part_error(text, &arn)
}

/// The AWS partitions (from the AWS SDKs' partition list).
const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// A part that stands for any value: a wildcard, or a placeholder left to
/// fill in (`<region>`, `<account-id>`).
fn wild(part: &str) -> bool {
    part.contains(['*', '?']) || (part.contains('<') && part.contains('>'))
}

/// A region name's shape: `us-east-1`, `us-gov-west-1`, `cn-north-1`,
/// `us-isob-east-1`.
fn region_shaped(region: &str) -> bool {
    let mut words: Vec<&str> = region.split('-').collect();
    let Some(number) = words.pop() else {
        return false;
    };
    words.len() >= 2
        && words[0].len() == 2
        && words
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// Why the partition, region or account of an ARN cannot be, if one cannot.
fn part_error(text: &str, arn: &Arn) -> Option<String> {
    if !wild(arn.partition) && !PARTITIONS.contains(&arn.partition) {
        return Some(format!(
            "'{text}' has partition `{}`, which does not exist ({})",
            arn.partition,
            PARTITIONS.join(", ")
        ));
    }
    if !arn.region.is_empty() && !wild(arn.region) && !region_shaped(arn.region) {
        return Some(format!(
            "'{text}' has region `{}`, which is not a region name (such as `us-east-1`)",
            arn.region
        ));
    }
    let account_ok = arn.account.is_empty()
        || wild(arn.account)
        || arn.account == "aws"
        || (arn.account.len() == 12 && arn.account.bytes().all(|b| b.is_ascii_digit()));
    if !account_ok {
        return Some(format!(
            "'{text}' has account `{}`: an account ID is 12 digits (or empty, `aws` or a wildcard)",
            arn.account
        ));
    }
    None
}

/// Placeholders left in documentation templates (`<bucket-arn>`) are not checked.
pub fn is_placeholder(text: &str) -> bool {
    (text.starts_with('<') && text.ends_with('>')) || (text.starts_with('[') && text.ends_with(']'))
}

/// In a pattern, any run of characters but `/`.
const WORD: char = '\u{1}';

/// An ARN format of the service reference as a pattern: each `${...}` is any
/// text, but a bucket name, which has no `/` (so `arn:aws:s3:::b/*` is an
/// object, not a bucket).
fn format_pattern(format: &str) -> String {
    let bucket = format.replace("${BucketName}", "\u{1}");
    values::mask_variables(&bucket, "*")
}

/// True when some string matches both wildcard patterns (`*` any run, `?` one
/// character; letters compared case-insensitively).
pub fn globs_intersect(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len() > 1024 || b.len() > 1024 {
        return true;
    }
    let (n, m) = (a.len(), b.len());
    let mut reach = vec![vec![false; m + 1]; n + 1];
    reach[0][0] = true;
    let star = |c: Option<char>| matches!(c, Some('*') | Some(WORD));
    for i in 0..=n {
        for j in 0..=m {
            if !reach[i][j] {
                continue;
            }
            let ca = a.get(i).copied();
            let cb = b.get(j).copied();
            // A run of anything but `/` (a bucket name in an ARN format).
            if ca == Some(WORD) {
                reach[i + 1][j] = true;
                if j < m && cb != Some('/') {
                    reach[i][j + 1] = true;
                }
                if cb == Some('*') || cb == Some(WORD) {
                    reach[i][j + 1] = true;
                }
            }
            if cb == Some(WORD) {
                reach[i][j + 1] = true;
                if i < n && ca != Some('/') {
                    reach[i + 1][j] = true;
                }
            }
            if ca == Some('*') {
                reach[i + 1][j] = true;
                if j < m {
                    reach[i][j + 1] = true;
                }
            }
            if cb == Some('*') {
                reach[i][j + 1] = true;
                if i < n {
                    reach[i + 1][j] = true;
                }
            }
            if let (Some(x), Some(y)) = (ca, cb) {
                if !star(Some(x)) && !star(Some(y)) && (x == y || x == '?' || y == '?') {
                    reach[i + 1][j + 1] = true;
                }
            }
        }
    }
    reach[n][m]
}

/// True when some ARN matches both ARN patterns, compared part by part so a
/// wildcard never spans the colons between partition, service, region,
/// account and resource. Patterns that are not ARNs are assumed to match.
pub fn arns_intersect(a: &str, b: &str) -> bool {
    let (Some(x), Some(y)) = (split(a), split(b)) else {
        return true;
    };
    globs_intersect(x.partition, y.partition)
        && globs_intersect(x.service, y.service)
        && globs_intersect(x.region, y.region)
        && globs_intersect(x.account, y.account)
        && globs_intersect(x.resource, y.resource)
}

/// Checks the statement's resources.
pub fn check(ctx: &Ctx, statement: &Statement, scope: &Scope, findings: &mut Vec<Finding>) {
    let Some(element) = statement.resource else {
        return;
    };
    // The literal resources, when every resource is one (else `None`).
    let mut literal: Option<Vec<String>> = Some(Vec::new());
    for value in values::values(ctx.snapshot, ctx.doc, element.node) {
        match &value {
            Value::Text { text, .. } if text != "*" && !text.contains(['<', '[']) => {
                if let Some(list) = literal.as_mut() {
                    list.push(text.clone());
                }
            }
            _ => literal = None,
        }
        match &value {
            Value::Text { text, inner, .. } => {
                if text == "*" || is_placeholder(text) {
                    continue;
                }
                if let Some(message) = syntax_error(text) {
                    findings.push(Finding::new(Rule::IamInvalidArn, *inner, message));
                    continue;
                }
                if !element.negated {
                    check_applies(text, *inner, scope, findings);
                }
            }
            Value::Dynamic {
                span,
                sub: Some(sub),
            } => {
                if sub.starts_with("arn:") {
                    if let Some(message) = syntax_error(sub) {
                        findings.push(Finding::new(Rule::IamInvalidArn, *span, message));
                    }
                }
            }
            Value::Dynamic { .. } => {}
            Value::Invalid { span } => findings.push(Finding::new(
                Rule::IamInvalidValue,
                *span,
                "a resource must be an ARN string or '*'",
            )),
        }
    }
    if let Some(resources) = literal.filter(|_| !element.negated) {
        let valid: Vec<String> = resources
            .into_iter()
            .filter(|r| syntax_error(r).is_none())
            .collect();
        let named: Vec<String> = statement
            .action
            .filter(|a| !a.negated)
            .map(|a| {
                values::values(ctx.snapshot, ctx.doc, a.node)
                    .iter()
                    .filter_map(|v| v.text().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        check_each_action(&valid, &named, element.key_span, scope, findings);
    }
}

/// Whether `action` acts on some resource the ARN pattern `glob` names.
fn applies(
    service: &crate::schema::iam::Service,
    action: &crate::schema::iam::Action,
    glob: &str,
) -> bool {
    action
        .resource_types
        .iter()
        .any(|rt| match service.resource_type(&rt.name) {
            Some(resource_type) => arns_intersect(&format_pattern(&resource_type.arn_format), glob),
            None => true,
        })
}

/// Warns when some of the statement's actions (known exactly) act on none
/// of its resources while others do: those grant nothing here. (When none
/// applies, each resource is reported instead.)
fn check_each_action(
    resources: &[String],
    named: &[String],
    key: Span,
    scope: &Scope,
    findings: &mut Vec<Finding>,
) {
    if scope.open || scope.actions.len() < 2 || resources.is_empty() {
        return;
    }
    // Only actions written out: a wildcard means "whichever apply".
    let written = |prefix: &str, name: &str| {
        named
            .iter()
            .any(|n| n.eq_ignore_ascii_case(&format!("{prefix}:{name}")))
    };
    let globs: Vec<String> = resources
        .iter()
        .map(|t| values::mask_variables(t, "*"))
        .collect();
    let idle: Vec<String> = scope
        .actions
        .iter()
        .filter(|(service, action)| {
            written(&service.prefix, &action.name)
                && !globs.iter().any(|g| applies(service, action, g))
        })
        .map(|(s, a)| format!("{}:{}", s.prefix, a.name))
        .collect();
    if idle.is_empty() || idle.len() == scope.actions.len() {
        return;
    }
    let shown: Vec<&str> = idle.iter().take(4).map(String::as_str).collect();
    let more = if idle.len() > 4 {
        format!(" and {} more", idle.len() - 4)
    } else {
        String::new()
    };
    findings.push(Finding::new(
        Rule::IamResourceMismatch,
        key,
        format!(
            "{}{more} {} on none of this statement's resources, so {} nothing here; add the resources {} on (or '*' for actions without one) or move {} to another statement",
            shown.join(", "),
            if idle.len() == 1 { "acts" } else { "act" },
            if idle.len() == 1 { "it grants" } else { "they grant" },
            if idle.len() == 1 { "it acts" } else { "they act" },
            if idle.len() == 1 { "it" } else { "them" }
        ),
    ));
}

/// Warns when none of the statement's actions applies to the resource `text`
/// names; only when the statement's actions are all known exactly.
fn check_applies(text: &str, span: Span, scope: &Scope, findings: &mut Vec<Finding>) {
    if scope.open || scope.actions.is_empty() || text.contains(['<', '[']) {
        // Unknown actions, or placeholders left to fill in: nothing is clear.
        return;
    }
    let glob = values::mask_variables(text, "*");
    let accepted = scope
        .actions
        .iter()
        .any(|(service, action)| applies(service, action, &glob));
    if accepted {
        return;
    }
    let mut names: Vec<String> = scope
        .actions
        .iter()
        .take(3)
        .map(|(s, a)| format!("{}:{}", s.prefix, a.name))
        .collect();
    if scope.actions.len() > 3 {
        names.push(format!("and {} more", scope.actions.len() - 3));
    }
    let only_star = scope
        .actions
        .iter()
        .all(|(_, a)| a.resource_types.is_empty());
    let message = if only_star {
        format!(
            "{} apply to no specific resource: use Resource '*' (this resource grants nothing)",
            names.join(", ")
        )
    } else {
        format!(
            "none of the statement's actions ({}) applies to a resource like '{text}'",
            names.join(", ")
        )
    };
    findings.push(Finding::new(Rule::IamResourceMismatch, span, message));
}

#[cfg(test)]
mod tests {
    use super::super::tests::{codes, findings_for};
    use super::*;

    #[test]
    fn arn_syntax() {
        assert!(syntax_error("arn:aws:s3:::bucket/*").is_none());
        assert!(syntax_error("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x").is_none());
        assert!(syntax_error("arn:aws:s3:::").is_some());
        assert!(syntax_error("arn:aws:s3").is_some());
        assert!(syntax_error("bucket/*").is_some());
        assert!(syntax_error("arn:aws:logs:*").is_none());
        assert!(syntax_error("arn:aws:sns:*:*").is_none());
        assert!(syntax_error("execute-api:/*/GET/pets").is_none());
    }

    #[test]
    fn actions_that_act_on_none_of_the_resources_are_named() {
        let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::reports/*"}]}"#;
        let found = findings_for(policy);
        let mismatch: Vec<&Finding> = found
            .iter()
            .filter(|f| f.code() == "iam-resource-mismatch")
            .collect();
        assert_eq!(mismatch.len(), 1, "{found:#?}");
        assert!(
            mismatch[0]
                .message
                .starts_with("s3:ListBucket acts on none"),
            "{}",
            mismatch[0].message
        );
        // Both resources given: each action has one.
        let both = policy.replace(
            r#""arn:aws:s3:::reports/*""#,
            r#"["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]"#,
        );
        assert!(!codes(&findings_for(&both)).contains(&"iam-resource-mismatch"));
    }

    #[test]
    fn a_bucket_is_not_an_object() {
        let bucket = format_pattern("arn:${Partition}:s3:::${BucketName}");
        let object = format_pattern("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
        assert!(arns_intersect(&bucket, "arn:aws:s3:::reports"));
        assert!(arns_intersect(&bucket, "arn:aws:s3:::report*"));
        assert!(!arns_intersect(&bucket, "arn:aws:s3:::reports/*"));
        assert!(arns_intersect(&object, "arn:aws:s3:::reports/*"));
        assert!(arns_intersect(&object, "arn:aws:s3:::*"));
    }

    #[test]
    fn arn_parts() {
        for good in [
            "arn:aws:sqs:us-east-1:123456789012:q",
            "arn:aws-us-gov:s3:::b",
            "arn:aws-cn:sns:cn-north-1:123456789012:t",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:sns:*:*:topic",
            "arn:aws:ec2:us-east-1:12345678901?:instance/*",
            "arn:*:s3:::b",
            "arn:aws:ssm:<region>::parameter/aws/*",
            "arn:aws:lambda:*:<service-account-id>:layer:*",
        ] {
            assert!(syntax_error(good).is_none(), "{good}");
        }
        let region = syntax_error("arn:aws:sqs:us-east-1x:123456789012:q").unwrap_or_default();
        assert!(region.contains("region `us-east-1x`"), "{region}");
        let account = syntax_error("arn:aws:sqs:us-east-1:12345:q").unwrap_or_default();
        assert!(account.contains("account `12345`"), "{account}");
        let partition = syntax_error("arn:amazon:s3:::b").unwrap_or_default();
        assert!(partition.contains("partition `amazon`"), "{partition}");
    }

    #[test]
    fn glob_intersection() {
        assert!(globs_intersect("arn:*:s3:::*/*", "arn:aws:s3:::b/*"));
        assert!(globs_intersect("arn:*:s3:::*", "arn:aws:s3:::b*"));
        assert!(arns_intersect("arn:*:s3:::*", "arn:aws:s3:::b*"));
        assert!(!arns_intersect("arn:*:s3:::*", "arn:aws:sqs:*:*:q"));
        assert!(!arns_intersect(
            "arn:*:iam::*:role/*",
            "arn:aws:iam::123456789012:user/u"
        ));
        assert!(globs_intersect("a?c", "A*"));
        assert!(!globs_intersect("abc", "abd"));
    }

    #[test]
    fn invalid_arn_span() {
        let text = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: \"arn:aws:s3\"\n";
        let found = findings_for(text);
        assert_eq!(codes(&found), ["iam-invalid-arn"]);
        assert_eq!(&text[found[0].span.start..found[0].span.end], "arn:aws:s3");
    }

    #[test]
    fn resource_of_another_service() {
        let text = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: [s3:GetObject, s3:PutObject]\n    Resource: arn:aws:sqs:us-east-1:123456789012:queue\n";
        assert_eq!(codes(&findings_for(text)), ["iam-resource-mismatch"]);
        // `sqs:*` applies; `s3:GetObject`, written out, grants nothing here.
        let mixed = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: [s3:GetObject, 'sqs:*']\n    Resource: arn:aws:sqs:us-east-1:123456789012:queue\n";
        let found = findings_for(mixed);
        assert_eq!(codes(&found), ["iam-resource-mismatch"]);
        assert!(
            found[0].message.starts_with("s3:GetObject acts on none"),
            "{}",
            found[0].message
        );
        let ok = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: ['sqs:*']\n    Resource: arn:aws:sqs:us-east-1:123456789012:queue\n";
        assert!(findings_for(ok).is_empty());
        let placeholder = "Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: <bucket-arn>\n";
        assert!(findings_for(placeholder).is_empty());
    }
}
