//! Findings inside an `Fn::ForEach` body are found once per iteration: they
//! are merged into one finding at the body that says which iterations it
//! holds for.

use std::collections::HashMap;

use awsls_grammars::Span;

use crate::analysis::Finding;

use super::for_each::{Expanded, Loops};
use super::template::Template;

/// One output key of a loop and the declarations it expands to.
struct Body<'t> {
    /// From the output key to the end of its value.
    span: Span,
    key: String,
    expanded: Vec<&'t Expanded>,
    /// Position in `expanded` of each name.
    by_name: HashMap<&'t str, usize>,
}

/// The output keys of every loop, with what each expands to.
fn bodies<'t>(template: &'t Template, text: &impl Fn(Span) -> String) -> Vec<Body<'t>> {
    let mut bodies: Vec<Body> = Vec::new();
    let mut index: HashMap<Span, usize> = HashMap::new();
    let sections: [&Loops; 3] = [
        &template.resource_loops,
        &template.output_loops,
        &template.condition_loops,
    ];
    for loops in sections {
        for x in &loops.expanded {
            let i = *index.entry(x.name_span).or_insert_with(|| {
                bodies.push(Body {
                    span: x.name_span,
                    key: text(x.name_span),
                    expanded: Vec::new(),
                    by_name: HashMap::new(),
                });
                bodies.len() - 1
            });
            let body = &mut bodies[i];
            body.by_name
                .entry(x.name.as_str())
                .or_insert(body.expanded.len());
            body.expanded.push(x);
        }
    }
    bodies
}

/// Merges the findings of the iterations of each loop body (see the module
/// documentation). `end_of` gives the end of a declaration's value.
pub fn merge(
    template: &Template,
    text: impl Fn(Span) -> String,
    end_of: impl Fn(&Expanded) -> usize,
    findings: &mut Vec<Finding>,
) {
    if template.resource_loops.expanded.is_empty()
        && template.output_loops.expanded.is_empty()
        && template.condition_loops.expanded.is_empty()
    {
        return;
    }
    let mut bodies = bodies(template, &text);
    for body in &mut bodies {
        let end = body.expanded.iter().map(|x| end_of(x)).max().unwrap_or(0);
        body.span = Span::new(body.span.start, end.max(body.span.end));
    }
    // (body, rule, span, message with the body's names as written) → the
    // merged finding's position in `out`.
    type Group = (usize, crate::analysis::rules::Rule, Span, String);
    let mut groups: HashMap<Group, usize> = HashMap::new();
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    // Per finding of `out`: the iterations it names, and its body.
    let mut iterations: Vec<Vec<usize>> = Vec::new();
    let mut owners: Vec<Option<usize>> = Vec::new();
    for finding in findings.drain(..) {
        let about_the_loop = finding.rule == crate::analysis::rules::Rule::InvalidForEach;
        let Some(b) = bodies
            .iter()
            .position(|b| b.span.start <= finding.span.start && finding.span.end <= b.span.end)
            .filter(|_| !about_the_loop)
        else {
            out.push(finding);
            iterations.push(Vec::new());
            owners.push(None);
            continue;
        };
        let body = &bodies[b];
        let mut message = finding.message.clone();
        let mut named: Vec<usize> = quoted_words(&message)
            .filter_map(|w| body.by_name.get(w).copied())
            .collect();
        named.sort_unstable();
        named.dedup();
        // A finding about one iteration reads as one about the body; one
        // that names two iterations is kept as it is.
        if let [i] = named.as_slice() {
            let quoted = format!("`{}`", body.expanded[*i].name);
            message = message.replace(&quoted, &format!("`{}`", body.key));
        }
        let key = (b, finding.rule, finding.span, message.clone());
        match groups.get(&key) {
            Some(at) => {
                if let Some(its) = iterations.get_mut(*at) {
                    its.extend(named);
                }
            }
            None => {
                groups.insert(key, out.len());
                let mut merged = finding;
                merged.message = message;
                out.push(merged);
                iterations.push(named);
                owners.push(Some(b));
            }
        }
    }
    for its in &mut iterations {
        its.sort_unstable();
        its.dedup();
    }
    for (i, finding) in out.iter_mut().enumerate() {
        let Some(b) = owners[i] else { continue };
        let body = &bodies[b];
        let its: Vec<&Expanded> = if iterations[i].is_empty() {
            body.expanded.clone()
        } else {
            iterations[i].iter().map(|j| body.expanded[*j]).collect()
        };
        if finding.rule == crate::analysis::rules::Rule::InvalidLogicalId && body.key.contains("${")
        {
            finding
                .message
                .push_str("; write `&{...}` instead of `${...}` to leave out the characters a logical ID cannot hold");
        }
        finding.message.push_str(&describe(&its));
    }
    *findings = out;
}

/// The words of a message written between backticks.
fn quoted_words(message: &str) -> impl Iterator<Item = &str> {
    message.split('`').skip(1).step_by(2)
}

/// ` (for `Name` = a, b)`: the iterations a finding holds for.
pub fn describe(its: &[&Expanded]) -> String {
    let Some(first) = its.first() else {
        return String::new();
    };
    let ids: Vec<&str> = first.bindings.iter().map(|(id, _)| id.as_str()).collect();
    if first.bindings.iter().any(|(_, v)| v.is_none()) {
        let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
        return format!(" (for every value of {})", ids.join(", "));
    }
    let values: Vec<String> = its
        .iter()
        .map(|x| {
            let v: Vec<&str> = x
                .bindings
                .iter()
                .map(|(_, v)| v.as_deref().unwrap_or("?"))
                .collect();
            v.join("/")
        })
        .collect();
    const SHOWN: usize = 10;
    let mut list = values
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if values.len() > SHOWN {
        list.push_str(&format!(", … ({} in all)", values.len()));
    }
    let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    format!(" (for {} = {list})", ids.join("/"))
}

#[cfg(test)]
mod tests {
    use crate::analysis::{diagnostics, Snapshot};

    #[test]
    fn a_finding_in_a_body_is_reported_once_with_its_iterations() {
        let text = "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Q:\n    - Size\n    - [small, large]\n    - 'Queue${Size}':\n        Type: AWS::SQS::Queue\n        DeletionPolicy: Retain\n        Properties:\n          DelaySeconds: abc\n";
        let found = diagnostics(&Snapshot::from_text("t.yaml", text));
        let delay: Vec<_> = found
            .iter()
            .filter(|f| f.message.contains("DelaySeconds"))
            .collect();
        assert_eq!(delay.len(), 1, "{found:#?}");
        assert!(
            delay[0].message.ends_with("(for `Size` = small, large)"),
            "{}",
            delay[0].message
        );
        let retain: Vec<_> = found
            .iter()
            .filter(|f| f.message.contains("UpdateReplacePolicy"))
            .collect();
        assert_eq!(retain.len(), 1, "{found:#?}");
        assert!(
            retain[0].message.contains("`Queue${Size}`"),
            "{}",
            retain[0].message
        );
    }

    /// Findings kept per resource from one analysis to the next are those
    /// of a fresh analysis, edit after edit, in a template of loops.
    #[test]
    fn reused_findings_in_loops_are_those_of_a_fresh_analysis() {
        use crate::analysis::cfn::resource_checks::Reuse;
        use crate::analysis::diagnostics_reusing;
        let start = "Transform: AWS::LanguageExtensions\nParameters:\n  Names: {Type: CommaDelimitedList, Default: 'a,b'}\nResources:\n  Fn::ForEach::Q:\n    - Size\n    - [small, large]\n    - 'Queue${Size}':\n        Type: AWS::SQS::Queue\n        Properties:\n          DelaySeconds: abc\n          FifoQueue: maybe\n      'Topic${Size}':\n        Type: AWS::SNS::Topik\n  Fn::ForEach::T:\n    - N\n    - !Ref Names\n    - 'Bucket${N}':\n        Type: AWS::S3::Bucket\n        Properties: {BuketName: x}\n  Plain:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: 901}\n";
        let pieces = [
            "a", " ", "\n", "x: 1\n", "- ", "${Size}", "'", ":", "large", ", c",
        ];
        let mut reuse = Reuse::default();
        let mut text = start.to_string();
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n.max(1)
        };
        for step in 0..300 {
            let snapshot = Snapshot::from_text("t.yaml", &text);
            let fresh = diagnostics(&snapshot);
            let with = diagnostics_reusing(&snapshot, Some(&mut reuse));
            assert_eq!(with, fresh, "step {step}:\n{text}");
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if next(3) == 0 && at < text.len() {
                let end = (at + 1 + next(3)).min(text.len());
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, pieces[next(pieces.len())]);
            }
            if step % 25 == 24 {
                text = start.to_string();
            }
        }
    }
}
