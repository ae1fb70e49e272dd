//! Route 53 record sets: alias records against `TTL` and `ResourceRecords`,
//! record values against their record type, and record names against their
//! hosted zone.

use std::net::{Ipv4Addr, Ipv6Addr};

use awsls_grammars::NodeId;

use super::{ResourceCtx, ResourceRule, Value};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const ROUTE53_ALIAS_CONFLICT: RuleDef = RuleDef {
        code: "route53-alias-conflict",
        family: Family::CloudFormation,
        group: "Route 53",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3029", "E3023"],
        fix: false,
        summary: "An alias record with `TTL` or `ResourceRecords`, or a record with neither alias nor values",
        explanation: "An alias record takes its TTL and values from its target: Route 53 rejects `TTL` and `ResourceRecords` beside `AliasTarget`, and a record with neither an alias nor values. The record set fails when the stack creates it.",
        example: "`AliasTarget` and `TTL: 300` in one `AWS::Route53::RecordSet`",
    };

    pub const ROUTE53_INVALID_RECORD: RuleDef = RuleDef {
        code: "route53-invalid-record",
        family: Family::CloudFormation,
        group: "Route 53",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3023"],
        fix: false,
        summary: "A record value that does not fit the record type",
        explanation: "Route 53 checks each value against the record's `Type` (an IPv4 address for `A`, IPv6 for `AAAA`, one name for `CNAME`, `priority name` for `MX`, quoted strings for `TXT`, `flags tag \"value\"` for `CAA`, `priority weight port target` for `SRV`) and rejects the change batch, failing the stack midway.",
        example: "`Type: A` with `ResourceRecords: [example.com]`",
    };

    pub const ROUTE53_HEALTH_CHECK_ALARM: RuleDef = RuleDef {
        code: "route53-health-check-alarm",
        family: Family::CloudFormation,
        group: "Route 53",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3661"],
        fix: false,
        summary: "A `CLOUDWATCH_METRIC` health check without `AlarmIdentifier`",
        explanation: "A health check of type `CLOUDWATCH_METRIC` takes its status from a CloudWatch alarm named by `AlarmIdentifier`: Route 53 rejects it without one and the health check fails to create.",
        example: "`HealthCheckConfig: {Type: CLOUDWATCH_METRIC}` without `AlarmIdentifier`",
    };

    pub const ROUTE53_NAME_OUTSIDE_ZONE: RuleDef = RuleDef {
        code: "route53-name-outside-zone",
        family: Family::CloudFormation,
        group: "Route 53",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3041"],
        fix: false,
        summary: "A record `Name` outside the hosted zone named by `HostedZoneName`",
        explanation: "A hosted zone only holds records for its own domain and the names below it: Route 53 rejects a record set whose `Name` is not `HostedZoneName` or a subdomain of it, and the stack fails when it creates the record. Names are compared without regard to case or a trailing dot.",
        example: "`HostedZoneName: example.com.` with `Name: www.example.org`",
    };
}

pub const RULES: &[ResourceRule] = &[
    ResourceRule {
        types: &["AWS::Route53::RecordSet"],
        check: record_set,
    },
    ResourceRule {
        types: &["AWS::Route53::RecordSetGroup"],
        check: record_set_group,
    },
    ResourceRule {
        types: &["AWS::Route53::HealthCheck"],
        check: health_check,
    },
];

fn health_check(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(config) = ctx
        .property("HealthCheckConfig")
        .filter(|c| ctx.doc.mapping(*c).is_some())
    else {
        return;
    };
    if ctx.literal(ctx.doc.get(config, "Type")) != Some("CLOUDWATCH_METRIC")
        || !super::props::absent(ctx, config, "AlarmIdentifier")
    {
        return;
    }
    if let Some(span) = ctx.key_span(config, "Type") {
        findings.push(Finding::new(
            Rule::Route53HealthCheckAlarm,
            span,
            "a `CLOUDWATCH_METRIC` health check needs `AlarmIdentifier`, the alarm whose state it reports",
        ));
    }
}

fn record_set(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    check_record(ctx, ctx.properties, findings);
    name_in_zone(ctx, findings);
}

/// The record's `Name` is the zone's domain or below it.
fn name_in_zone(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let zone = ctx.literal(ctx.property("HostedZoneName"));
    let name = ctx.literal(ctx.property("Name"));
    let (Some(zone), Some(name)) = (zone, name) else {
        return;
    };
    if zone.contains("${") || name.contains("${") || name.contains('\\') {
        return;
    }
    if super::acm::is_same_or_subdomain(name, zone) {
        return;
    }
    if let Some(span) = ctx.key_span(ctx.properties, "Name") {
        findings.push(Finding::new(
            Rule::Route53NameOutsideZone,
            span,
            format!("`{name}` is not in the hosted zone `{zone}`: a record's name must be the zone's domain or a subdomain of it"),
        ));
    }
}

fn record_set_group(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let Some(sets) = ctx.property("RecordSets").and_then(|s| ctx.doc.sequence(s)) else {
        return;
    };
    for set in sets {
        if ctx.doc.mapping(*set).is_some() {
            check_record(ctx, *set, findings);
        }
    }
}

/// Checks one record: the properties of a record set, or one item of a group.
fn check_record(ctx: &ResourceCtx, record: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let alias = doc.entry(record, "AliasTarget");
    let records = doc.entry(record, "ResourceRecords");
    if let Some(alias) = alias {
        for conflict in ["TTL", "ResourceRecords"] {
            if let Some(entry) = doc.entry(record, conflict) {
                findings.push(
                    Finding::new(
                        Rule::Route53AliasConflict,
                        entry.key.span,
                        format!("`{conflict}` cannot be set on an alias record (`AliasTarget`): an alias takes its TTL and values from its target"),
                    )
                    .with_related(alias.key.span, "the alias"),
                );
            }
        }
        return;
    }
    let Some(records) = records else {
        // Without either the record has nothing to answer with; written
        // with neither only when both come from elsewhere (a `Fn::If` on the
        // whole record is judged branch by branch by the schema checks).
        if let Some(ty) = doc.entry(record, "Type") {
            findings.push(Finding::new(
                Rule::Route53AliasConflict,
                ty.key.span,
                "a record needs either `ResourceRecords` or `AliasTarget`",
            ));
        }
        return;
    };
    let Some(record_type) = ctx.literal(doc.get(record, "Type")) else {
        return;
    };
    let Some(items) = doc.sequence(records.value) else {
        return;
    };
    if record_type == "CNAME" && items.len() > 1 {
        findings.push(Finding::new(
            Rule::Route53InvalidRecord,
            records.key.span,
            format!(
                "a CNAME record has exactly one value; this one has {}",
                items.len()
            ),
        ));
    }
    for item in items {
        for value in ctx.values(*item) {
            let Value::Literal { text, span, .. } = value else {
                continue;
            };
            if let Some(problem) = judge(record_type, text) {
                findings.push(Finding::new(
                    Rule::Route53InvalidRecord,
                    span,
                    format!("`{text}` is not a valid {record_type} record value: {problem}"),
                ));
            }
        }
    }
}

/// What is wrong with `value` as a value of a `record_type` record.
fn judge(record_type: &str, value: &str) -> Option<&'static str> {
    if value.contains("${") || value.starts_with("{{resolve:") {
        return None;
    }
    match record_type {
        "A" => value
            .parse::<Ipv4Addr>()
            .is_err()
            .then_some("an A record holds an IPv4 address such as 192.0.2.1"),
        "AAAA" => value
            .parse::<Ipv6Addr>()
            .is_err()
            .then_some("an AAAA record holds an IPv6 address such as 2001:db8::1"),
        "MX" => {
            let mut parts = value.split_whitespace();
            let ok = parts.next().is_some_and(is_u16)
                && parts.next().is_some_and(|n| !n.is_empty())
                && parts.next().is_none();
            (!ok).then_some(
                "an MX record is a priority and a mail server name, such as `10 mail.example.com`",
            )
        }
        "SRV" => {
            let parts: Vec<&str> = value.split_whitespace().collect();
            let ok = parts.len() == 4 && parts[..3].iter().all(|p| is_u16(p));
            (!ok).then_some(
                "an SRV record is `priority weight port target`, such as `1 10 5269 xmpp.example.com`",
            )
        }
        "TXT" | "SPF" => {
            let quoted = value.len() >= 2 && value.starts_with('"') && value.ends_with('"');
            if !quoted {
                Some("TXT and SPF values are written in double quotes, such as `\"v=spf1 -all\"`")
            } else if value
                .split("\" \"")
                .any(|part| part.trim_matches('"').len() > 255)
            {
                Some("each quoted string of a TXT value holds at most 255 characters; split longer text into several quoted strings")
            } else {
                None
            }
        }
        "CAA" => {
            let mut parts = value.splitn(3, ' ');
            let flags = parts.next().is_some_and(|f| f.parse::<u8>().is_ok());
            let tag = parts.next().is_some_and(|t| {
                [
                    "issue",
                    "issuewild",
                    "iodef",
                    "contactemail",
                    "contactphone",
                    "issuemail",
                    "issuevmc",
                ]
                .contains(&t)
            });
            let text = parts
                .next()
                .is_some_and(|v| v.len() >= 2 && v.starts_with('"') && v.ends_with('"'));
            (!(flags && tag && text)).then_some(
                "a CAA record is `flags tag \"value\"`, such as `0 issue \"amazon.com\"`",
            )
        }
        _ => None,
    }
}

fn is_u16(text: &str) -> bool {
    text.parse::<u16>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::judge;

    #[test]
    fn values_are_judged_by_record_type() {
        assert_eq!(judge("A", "192.0.2.1"), None);
        assert!(judge("A", "example.com").is_some());
        assert!(judge("A", "2001:db8::1").is_some());
        assert_eq!(judge("AAAA", "2001:db8::1"), None);
        assert_eq!(judge("MX", "10 mail.example.com"), None);
        assert!(judge("MX", "mail.example.com").is_some());
        assert_eq!(judge("TXT", "\"v=spf1 -all\""), None);
        assert!(judge("TXT", "v=spf1 -all").is_some());
        assert_eq!(judge("CAA", "0 issue \"amazon.com\""), None);
        assert!(judge("CAA", "0 issue amazon.com").is_some());
        assert_eq!(judge("SRV", "1 10 5269 xmpp.example.com"), None);
        assert!(judge("SRV", "1 10 xmpp.example.com").is_some());
        assert_eq!(judge("A", "${IpAddress}"), None);
        assert_eq!(judge("NS", "anything"), None);
    }
}
