//! Values written as plain text where a reference was meant: a pseudo
//! parameter's name as a string, and availability zones spelled out.

use awsls_grammars::{Document, Format, NodeId, NodeKind, Span};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, Ctx};
use super::walk::bare_intrinsic;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const PSEUDO_PARAMETER_AS_TEXT: RuleDef = RuleDef {
        code: "pseudo-parameter-as-text",
        family: Family::CloudFormation,
        group: "Intrinsic functions",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W1054"],
        fix: true,
        summary: "A pseudo parameter's name written as a plain string instead of a `Ref`",
        explanation: "`AWS::Region`, `AWS::AccountId`, `AWS::NoValue`, ... are only replaced by their values inside `Ref` (or `${}` in `Fn::Sub`): written as a plain string the resource receives the literal text `AWS::Region`, which is almost never what was meant.",
        example: "`Value: AWS::Region` instead of `Value: !Ref AWS::Region`",
    };

    pub const HARD_CODED_AVAILABILITY_ZONE: RuleDef = RuleDef {
        code: "hard-coded-availability-zone",
        family: Family::CloudFormation,
        group: "Resources",
        severity: Severity::Warning,
        severity_note: None,
        cfn_lint: &["W3010"],
        fix: false,
        summary: "An availability zone written as a literal",
        explanation: "Availability zone names such as `us-east-1a` exist only in one region and map to different physical zones in each account: a template that spells them out cannot be deployed in another region or account. Choose them with `!Select [0, !GetAZs '']` or take them as parameters.",
        example: "`AvailabilityZone: us-east-1a`",
    };
}

const PSEUDO_PARAMETERS: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    // Plain scalars outside intrinsic functions, with where to report them.
    let mut scalars = Vec::new();
    literal_scalars(doc, ctx.root, None, &mut scalars);
    for (node, anchor) in &scalars {
        let Some(text) = doc.str_value(*node) else {
            continue;
        };
        if ctx.is_opaque(*anchor) || !PSEUDO_PARAMETERS.contains(&text) {
            continue;
        }
        let replacement = match ctx.snapshot.format {
            Format::Yaml => format!("!Ref {text}"),
            Format::Json => format!("{{\"Ref\": \"{text}\"}}"),
        };
        findings.push(
            finding(
                Rule::PseudoParameterAsText,
                *anchor,
                format!("`{text}` is the plain string `{text}` here, not the pseudo parameter's value; write `{replacement}`"),
            )
            .with_fix(super::context::replace(doc.node(*node).span, &replacement)),
        );
    }
    for resource in &ctx.template.resources {
        let Some(properties) = resource.properties else {
            continue;
        };
        if ctx.is_opaque(resource.decl.name_span) {
            continue;
        }
        let mut found = Vec::new();
        zone_values(doc, properties, &mut found);
        for (text, anchor) in found {
            findings.push(finding(
                Rule::HardCodedAvailabilityZone,
                anchor,
                format!("`{text}` is a hard-coded availability zone: the template only deploys in that region; use `!GetAZs` or a parameter"),
            ));
        }
    }
}

/// Collects the scalars below `id` that are not inside an intrinsic function,
/// each with the key it is the value of (or itself, in a list).
fn literal_scalars(
    doc: &Document,
    id: NodeId,
    anchor: Option<Span>,
    out: &mut Vec<(NodeId, Span)>,
) {
    let mut stack = vec![(id, anchor)];
    while let Some((id, anchor)) = stack.pop() {
        if bare_intrinsic(doc, id).is_some() {
            continue;
        }
        match &doc.node(id).kind {
            NodeKind::Mapping(entries) => {
                stack.extend(entries.iter().rev().map(|e| (e.value, Some(e.key.span))))
            }
            NodeKind::Sequence(items) => stack.extend(items.iter().rev().map(|i| (*i, None))),
            NodeKind::Scalar(_) => out.push((id, anchor.unwrap_or(doc.node(id).span))),
            _ => {}
        }
    }
}

/// Whether a text looks like an availability zone or region name (`us-east-1a`, `us-gov-west-1`).
fn looks_like_zone(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let (first, last) = match parts.as_slice() {
        [first, _, last] | [first, "gov" | "iso" | "isob", _, last] => (*first, *last),
        _ => return false,
    };
    let digits = last.trim_end_matches(|c: char| c.is_ascii_lowercase());
    first.len() == 2
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && last.len() - digits.len() <= 1
}

/// The literal zones written under `AvailabilityZone` / `AvailabilityZones`
/// keys below `id`, outside intrinsic functions.
fn zone_values<'d>(doc: &'d Document, id: NodeId, out: &mut Vec<(&'d str, Span)>) {
    let mut stack = vec![id];
    while let Some(id) = stack.pop() {
        if bare_intrinsic(doc, id).is_some() {
            continue;
        }
        match &doc.node(id).kind {
            NodeKind::Mapping(entries) => {
                for entry in entries.iter().rev() {
                    if matches!(
                        entry.key.text.as_str(),
                        "AvailabilityZone" | "AvailabilityZones"
                    ) {
                        match &doc.node(entry.value).kind {
                            NodeKind::Scalar(s) if looks_like_zone(&s.value) => {
                                out.push((s.value.as_str(), entry.key.span));
                            }
                            NodeKind::Sequence(items) => {
                                for item in items {
                                    if let NodeKind::Scalar(s) = &doc.node(*item).kind {
                                        if looks_like_zone(&s.value) {
                                            out.push((s.value.as_str(), doc.node(*item).span));
                                        }
                                    }
                                }
                            }
                            _ => {}
                        }
                    } else {
                        stack.push(entry.value);
                    }
                }
            }
            NodeKind::Sequence(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    out.sort_by_key(|(_, span)| span.start);
}

#[cfg(test)]
mod tests {
    use super::looks_like_zone;

    #[test]
    fn zones_and_regions_are_recognised() {
        assert!(looks_like_zone("us-east-1a"));
        assert!(looks_like_zone("us-east-1"));
        assert!(looks_like_zone("us-gov-west-1b"));
        assert!(looks_like_zone("ap-southeast-2c"));
        assert!(!looks_like_zone("use1-az1"));
        assert!(!looks_like_zone("all"));
        assert!(!looks_like_zone("us-east-1ab"));
    }
}
