//! CloudFront distributions: alternate domain names, cache behaviors that
//! name an origin of the distribution, and legacy cache settings beside a
//! cache policy.

use std::collections::HashSet;

use awsls_grammars::NodeId;

use super::props::set_everywhere;
use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const CLOUDFRONT_INVALID_ALIAS: RuleDef = RuleDef {
        code: "cloudfront-invalid-alias",
        family: Family::CloudFormation,
        group: "CloudFront",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3013"],
        fix: false,
        summary: "A distribution alias that is not a lowercase domain name",
        explanation: "`Aliases` lists the domain names (CNAMEs) a distribution answers for: each must be a domain name of lowercase letters, digits and hyphens, with a wildcard only as its whole first label (`*.example.com`). CloudFront rejects anything else, such as a URL, an uppercase name or a trailing dot, and the stack fails when it creates the distribution.",
        example: "`Aliases: [https://www.example.com]`",
    };

    pub const CLOUDFRONT_UNKNOWN_ORIGIN: RuleDef = RuleDef {
        code: "cloudfront-unknown-origin",
        family: Family::CloudFormation,
        group: "CloudFront",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3057"],
        fix: false,
        summary: "A cache behavior whose `TargetOriginId` names no origin of the distribution",
        explanation: "A cache behavior sends requests to the origin or origin group whose `Id` is its `TargetOriginId`, which must be declared in the same distribution's `Origins` or `OriginGroups`. CloudFront rejects the distribution otherwise, and the stack fails when it creates it.",
        example: "`TargetOriginId: web` when the only origin has `Id: s3`",
    };

    pub const CLOUDFRONT_COOKIES_FORWARD: RuleDef = RuleDef {
        code: "cloudfront-cookies-forward",
        family: Family::CloudFormation,
        group: "CloudFront",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3722"],
        fix: false,
        summary: "A legacy `Cookies.Forward` setting other than `all`, `none` or `whitelist`",
        explanation: "A cache behavior without a cache policy caches by its legacy `ForwardedValues`, whose `Cookies.Forward` says which cookies reach the origin: `all`, `none` or `whitelist`. CloudFront rejects any other value, and the stack fails when it creates the distribution.",
        example: "`ForwardedValues: {QueryString: false, Cookies: {Forward: some}}`",
    };

    pub const CLOUDFRONT_IGNORED_FORWARDED_VALUES: RuleDef = RuleDef {
        code: "cloudfront-ignored-forwarded-values",
        family: Family::CloudFormation,
        group: "CloudFront",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3704"],
        fix: false,
        summary: "`ForwardedValues` beside a `CachePolicyId`",
        explanation: "A cache behavior caches either by a cache policy (`CachePolicyId`) or by the legacy `ForwardedValues` settings, not both: with a cache policy, the `ForwardedValues` written beside it have no effect, so what they seem to configure is not what CloudFront does. Remove them, or move their settings into the cache and origin request policies.",
        example: "`CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6` with `ForwardedValues: {QueryString: true}`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::CloudFront::Distribution"],
    check: distribution,
}];

fn distribution(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(config) = ctx
        .property("DistributionConfig")
        .filter(|c| doc.mapping(*c).is_some())
    else {
        return;
    };
    if let Some(aliases) = doc.get(config, "Aliases").and_then(|a| doc.sequence(a)) {
        for alias in aliases {
            for value in ctx.values(*alias) {
                let Value::Literal { text, span, .. } = value else {
                    continue;
                };
                if let Some(problem) = alias_problem(text) {
                    findings.push(Finding::new(
                        Rule::CloudfrontInvalidAlias,
                        span,
                        format!("`{text}` is not a valid alias: {problem}"),
                    ));
                }
            }
        }
    }
    let mut behaviors = Vec::new();
    if let Some(default) = doc
        .get(config, "DefaultCacheBehavior")
        .filter(|b| doc.mapping(*b).is_some())
    {
        behaviors.push(default);
    }
    if let Some(items) = doc
        .get(config, "CacheBehaviors")
        .and_then(|b| doc.sequence(b))
    {
        behaviors.extend(items.iter().copied().filter(|b| doc.mapping(*b).is_some()));
    }
    let origins = origin_ids(ctx, config);
    for behavior in behaviors {
        if let Some(origins) = &origins {
            target_origin(ctx, behavior, origins, findings);
        }
        legacy_settings(ctx, behavior, findings);
    }
}

/// What makes `alias` an invalid alternate domain name, if anything.
fn alias_problem(alias: &str) -> Option<&'static str> {
    if alias.contains("${") || alias.starts_with("{{resolve:") {
        return None;
    }
    if alias.contains(".*.") {
        return Some("a wildcard can only be the whole first label, as in `*.example.com`");
    }
    if alias.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some("domain names are written in lowercase");
    }
    let labels: Vec<&str> = alias.split('.').collect();
    if labels.len() < 2 {
        return Some(
            "an alias is a domain name with at least two labels, such as `www.example.com`",
        );
    }
    let inner = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
    let end = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let (last, rest) = labels.split_last()?;
    for label in rest {
        let bytes = label.as_bytes();
        let ok = match bytes {
            [] => false,
            [first] => end(*first) || *first == b'*',
            [first, middle @ .., last] => {
                (end(*first) || *first == b'*')
                    && middle.iter().all(|b| inner(*b))
                    && end(*last)
                    && bytes.len() <= 63
            }
        };
        if !ok {
            return Some("each label holds 1 to 63 lowercase letters, digits or inner hyphens (no scheme, path, underscore or empty label)");
        }
    }
    let bytes = last.as_bytes();
    let ok = match bytes {
        [first, middle @ .., end_byte] => {
            end(*first) && middle.iter().all(|b| inner(*b)) && end(*end_byte) && bytes.len() <= 63
        }
        _ => false,
    };
    (!ok).then_some(
        "the last label holds 2 to 63 lowercase letters, digits or inner hyphens (no trailing dot, port or path)",
    )
}

/// The `Id`s of the distribution's origins and origin groups, when every one
/// is written literally.
fn origin_ids<'a>(ctx: &ResourceCtx<'a>, config: NodeId) -> Option<HashSet<&'a str>> {
    let doc = ctx.doc;
    let mut ids = HashSet::new();
    let origins = doc.sequence(doc.get(config, "Origins")?)?;
    let groups = match doc.get(config, "OriginGroups") {
        None => &[][..],
        Some(groups) => {
            let items = doc.get(groups, "Items");
            match items {
                None => &[][..],
                Some(items) => doc.sequence(items)?,
            }
        }
    };
    for item in origins.iter().chain(groups) {
        doc.mapping(*item)?;
        ids.insert(ctx.literal(doc.get(*item, "Id"))?);
    }
    Some(ids)
}

fn target_origin(
    ctx: &ResourceCtx,
    behavior: NodeId,
    origins: &HashSet<&str>,
    findings: &mut Vec<Finding>,
) {
    let Some(entry) = ctx.doc.entry(behavior, "TargetOriginId") else {
        return;
    };
    for value in ctx.values(entry.value) {
        let Value::Literal { text, .. } = value else {
            continue;
        };
        if origins.contains(text) {
            continue;
        }
        let mut known: Vec<&str> = origins.iter().copied().collect();
        known.sort_unstable();
        findings.push(Finding::new(
            Rule::CloudfrontUnknownOrigin,
            entry.key.span,
            format!(
                "no origin or origin group of this distribution has the `Id` `{text}` (declared: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    format!("`{}`", known.join("`, `"))
                }
            ),
        ));
    }
}

fn legacy_settings(ctx: &ResourceCtx, behavior: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(forwarded) = doc.entry(behavior, "ForwardedValues") else {
        return;
    };
    if doc.get(behavior, "CachePolicyId").is_some() {
        let policy = set_everywhere(ctx, behavior, "CachePolicyId");
        let legacy = set_everywhere(ctx, behavior, "ForwardedValues");
        if let (Some(policy), Some(legacy)) = (policy, legacy) {
            findings.push(
                Finding::new(
                    Rule::CloudfrontIgnoredForwardedValues,
                    legacy,
                    "`ForwardedValues` has no effect when the cache behavior has a `CachePolicyId`; remove it or drop the cache policy",
                )
                .with_related(policy, "the cache policy"),
            );
        }
        return;
    }
    let Some(forward) = doc
        .get(forwarded.value, "Cookies")
        .and_then(|c| doc.entry(c, "Forward"))
    else {
        return;
    };
    for value in ctx.values(forward.value) {
        let Value::Literal { text, .. } = value else {
            continue;
        };
        if !["all", "none", "whitelist"].contains(&text) {
            findings.push(Finding::new(
                Rule::CloudfrontCookiesForward,
                forward.key.span,
                format!("`Cookies.Forward` is `all`, `none` or `whitelist`, not `{text}`"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::alias_problem;

    #[test]
    fn aliases_are_lowercase_domain_names() {
        for ok in [
            "example.com",
            "www.example.com",
            "*.example.com",
            "xn--bcher-kva.example",
            "a-b.c0.io",
            "${Domain}",
        ] {
            assert_eq!(alias_problem(ok), None, "{ok}");
        }
        for bad in [
            "Example.com",
            "https://example.com",
            "example.com.",
            "a..com",
            "-a.com",
            "a.b",
            "example",
            "*",
            "foo.*.example.com",
            "a_b.example.com",
            "example.com:443",
        ] {
            assert!(alias_problem(bad).is_some(), "{bad}");
        }
    }
}
