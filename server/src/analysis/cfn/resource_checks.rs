//! The checks that read one resource alone: its type and properties against
//! the schemas, and the IAM policies written in it. With a [`Reuse`] kept
//! from the last analysis of the same document, a resource whose text did
//! not change keeps its findings (moved with the text) instead of being
//! checked again, so a keystroke in one resource of a large template
//! re-checks that resource only.
//!
//! Nothing these checks report depends on anything outside the resource's
//! entry except the document's kind, the date (runtime deprecation), the
//! regions validated (values offered per region), a macro
//! `Transform` (no property checks at all), the types of parameters and
//! resources (what `Ref` and `Fn::GetAtt` return) and YAML aliases (which may
//! point outside); findings are reused only when those are the same, and
//! never in a document with anchors.

use std::collections::HashMap;

use awsls_grammars::Span;

use crate::analysis::{iam, pause, DocKind, Finding, Snapshot};

use super::properties::Checker;
use super::template::{Resource, Template};

/// What the last analysis of a document found per resource, by logical ID.
#[derive(Debug, Default)]
pub struct Reuse {
    /// What the findings below were computed under.
    context: Option<Context>,
    resources: HashMap<String, Checked>,
}

/// What findings of one resource depend on besides its own text.
#[derive(Debug, PartialEq, Eq)]
struct Context {
    kind: Option<DocKind>,
    /// The date of the runtime checks; `None` when properties are not checked.
    properties: Option<String>,
    /// The parameter and resource types the property checks read.
    declarations: Option<u64>,
    /// The regions validated (instance types offered per region).
    regions: std::sync::Arc<[String]>,
}

#[derive(Debug)]
struct Checked {
    /// The entry's text (logical ID to the end of its value) and where it began.
    text: String,
    start: usize,
    findings: Vec<Finding>,
}

/// The per-resource findings of the template, reusing those in `reuse` for
/// resources whose entry reads exactly as before.
pub fn check(
    snapshot: &Snapshot,
    template: &Template,
    reuse: Option<&mut Reuse>,
    findings: &mut Vec<Finding>,
) {
    let mut checker = Checker::for_template(snapshot, template);
    let context = Context {
        kind: snapshot.kind,
        properties: checker.as_ref().map(|c| c.today().to_string()),
        // Required properties removed by `AWS::NoValue` read the conditions.
        declarations: checker
            .as_ref()
            .map(|c| c.env_fingerprint() ^ snapshot.conditions_fingerprint()),
        regions: snapshot.regions.clone(),
    };
    let mut reuse = reuse.filter(|_| !snapshot.document.has_anchors());
    if let Some(reuse) = reuse.as_deref_mut() {
        if reuse.context.as_ref() != Some(&context) {
            reuse.resources.clear();
            reuse.context = Some(context);
        }
    }
    // One copy of the text to compare entries in (cheaper than a rope slice
    // per resource), only when there is something to compare with.
    let whole = reuse
        .as_ref()
        .map(|_| snapshot.slice(Span::new(0, snapshot.text.len_bytes())));
    let mut seen = std::collections::HashSet::new();
    for resource in &template.resources {
        pause::point();
        let entry = entry_span(snapshot, resource);
        // Only the first resource of a name is remembered.
        let memo = reuse
            .as_deref_mut()
            .filter(|_| seen.insert(resource.decl.name.as_str()));
        let (Some(memo), Some(text)) = (
            memo,
            whole.as_deref().and_then(|w| w.get(entry.start..entry.end)),
        ) else {
            check_one(snapshot, checker.as_mut(), resource, findings);
            continue;
        };
        if let Some(known) = memo.resources.get(&resource.decl.name) {
            if text == known.text {
                findings.extend(
                    known
                        .findings
                        .iter()
                        .map(|f| moved(f, known.start, entry.start)),
                );
                continue;
            }
        }
        let mut found = Vec::new();
        check_one(snapshot, checker.as_mut(), resource, &mut found);
        findings.extend(found.iter().cloned());
        // Findings that point outside the entry cannot move with it.
        if found.iter().all(|f| inside(f, entry)) {
            let checked = Checked {
                text: text.to_string(),
                start: entry.start,
                findings: found,
            };
            memo.resources.insert(resource.decl.name.clone(), checked);
        } else {
            memo.resources.remove(&resource.decl.name);
        }
    }
    if let Some(reuse) = reuse {
        reuse
            .resources
            .retain(|name, _| seen.contains(name.as_str()));
    }
}

fn check_one(
    snapshot: &Snapshot,
    checker: Option<&mut Checker>,
    resource: &Resource,
    findings: &mut Vec<Finding>,
) {
    if let Some(checker) = checker {
        checker.check(resource, findings);
        super::resource_rules::check(snapshot, checker.env(), resource, findings);
    }
    iam::check_embedded_in(snapshot, resource.decl.node, findings);
}

/// A resource's entry: from its logical ID to the end of its value.
fn entry_span(snapshot: &Snapshot, resource: &Resource) -> Span {
    let len = snapshot.text.len_bytes();
    let end = snapshot.document.node(resource.decl.node).span.end.min(len);
    Span::new(resource.decl.name_span.start.min(end), end)
}

/// Whether every span of `finding` lies within `entry`.
fn inside(finding: &Finding, entry: Span) -> bool {
    finding
        .spans()
        .all(|span| entry.start <= span.start && span.end <= entry.end)
}

/// `finding`, found when its resource began at `from`, for the resource
/// beginning at `to`.
fn moved(finding: &Finding, from: usize, to: usize) -> Finding {
    let mut out = finding.clone();
    for span in out.spans_mut() {
        *span = Span::new(span.start - from + to, span.end - from + to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{diagnostics, diagnostics_reusing};

    /// Resources with findings of every per-resource kind (unknown property
    /// with a fix, enum, range, boolean, deprecated runtime, unknown type,
    /// IAM actions and ARNs), and a clean one.
    const YAML: &str = "\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BuketName: logs
      VersioningConfiguration:
        Status: enabled
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: 901
      FifoQueue: maybe
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python2.7
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code:
        ZipFile: exit
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns: [arn:aws:s3:::not-a-policy]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Alow
                Action: [sqs:SendMesage, 's3:GetObject']
                Resource: '*'
  Alarm:
    Type: AWS::CloudWatch::Alarmm
  Clean:
    Type: AWS::SNS::Topic
";

    /// A small deterministic random number generator (a 64-bit LCG).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    /// After each edit, the findings with reuse are those of a fresh analysis.
    fn edits_keep_findings_exact(name: &str, start: &str, seed: u64) {
        let mut reuse = Reuse::default();
        let mut text = start.to_string();
        let mut random = Lcg(seed);
        let pieces = [
            "a",
            " ",
            "\n",
            "x: 1\n",
            "- ",
            "'",
            "!Ref Role",
            "Type: AWS::SQS::Queue",
            "  ",
            ":",
        ];
        let mut reused = 0;
        for step in 0..300 {
            let snapshot = Snapshot::from_text(name, &text);
            let fresh = diagnostics(&snapshot);
            let with = diagnostics_reusing(&snapshot, Some(&mut reuse));
            assert_eq!(with, fresh, "step {step} of {name}:\n{text}");
            reused += usize::from(!reuse.resources.is_empty());
            // The next edit: insert or delete a little, mostly inside one
            // resource, now and then somewhere that moves all of them.
            let mut at = random.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if random.below(3) == 0 && at < text.len() {
                let mut end = (at + 1 + random.below(3)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, pieces[random.below(pieces.len())]);
            }
            // Keep the text close to a template: restore it now and then.
            if step % 25 == 24 {
                text = start.to_string();
            }
        }
        assert!(reused > 100, "reuse was hardly used: {reused}");
    }

    #[test]
    fn reused_findings_are_those_of_a_fresh_analysis_yaml() {
        for seed in 1..=4 {
            edits_keep_findings_exact("template.yaml", YAML, seed);
        }
    }

    #[test]
    fn reused_findings_are_those_of_a_fresh_analysis_sam() {
        let sam = include_str!("../../../../tests/fixtures/sam/broken.yaml");
        for seed in 8..=9 {
            edits_keep_findings_exact("template.yaml", sam, seed);
        }
    }

    #[test]
    fn reused_findings_are_those_of_a_fresh_analysis_json() {
        let json = r#"{
  "Resources": {
    "Logs": {"Type": "AWS::S3::Bucket", "Properties": {"BuketName": "logs"}},
    "Jobs": {
      "Type": "AWS::SQS::Queue",
      "Properties": {"DelaySeconds": 901, "FifoQueue": "maybe"}
    },
    "Policy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [{"Effect": "Alow", "Action": "sqs:SendMesage", "Resource": "*"}]
        }
      }
    },
    "Alarm": {"Type": "AWS::CloudWatch::Alarmm"},
    "Clean": {"Type": "AWS::SNS::Topic"}
  }
}
"#;
        for seed in 5..=7 {
            edits_keep_findings_exact("template.json", json, seed);
        }
    }

    #[test]
    fn an_edit_of_the_conditions_checks_resources_again() {
        let text = "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [prod, dev]\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  Gate: !Equals [!Ref Env, dev]\nResources:\n  S:\n    Type: AWS::SNS::Subscription\n    Condition: Gate\n    Properties:\n      TopicArn: arn:aws:sns:us-east-1:123456789012:alerts\n      Protocol: !If [IsProd, email, !Ref AWS::NoValue]\n      Endpoint: ops@example.com\n";
        let missing = |f: &[Finding]| {
            f.iter()
                .filter(|f| f.code() == "missing-required-property")
                .count()
        };
        let mut reuse = Reuse::default();
        let first = Snapshot::from_text("template.yaml", text);
        assert_eq!(missing(&diagnostics_reusing(&first, Some(&mut reuse))), 1);
        // Under `Gate` = `IsProd`, the branch that removes `Protocol` is never taken.
        let edited = text.replace(
            "Gate: !Equals [!Ref Env, dev]",
            "Gate: !Equals [!Ref Env, prod]",
        );
        let second = Snapshot::from_text("template.yaml", &edited);
        assert_eq!(missing(&diagnostics_reusing(&second, Some(&mut reuse))), 0);
    }

    #[test]
    fn findings_of_untouched_resources_move_with_their_text() {
        let mut reuse = Reuse::default();
        let first = Snapshot::from_text("template.yaml", YAML);
        let before = diagnostics_reusing(&first, Some(&mut reuse));
        assert!(before.len() >= 8, "{before:?}");
        assert!(reuse.resources.len() >= 5);
        // A resource inserted before the others moves all of them.
        let edited = YAML.replace(
            "Resources:\n",
            "Resources:\n  New:\n    Type: AWS::SNS::Topic\n",
        );
        let second = Snapshot::from_text("template.yaml", &edited);
        let shifted = diagnostics_reusing(&second, Some(&mut reuse));
        assert_eq!(shifted, diagnostics(&second));
        // A macro transform turns the property checks off: the findings
        // kept from before must not come back, nor stay once it is gone.
        let with_macro = format!("Transform: MyMacro\n{edited}");
        let third = Snapshot::from_text("template.yaml", &with_macro);
        let fresh = diagnostics(&third);
        assert!(fresh.len() < shifted.len());
        assert_eq!(diagnostics_reusing(&third, Some(&mut reuse)), fresh);
        assert_eq!(diagnostics_reusing(&second, Some(&mut reuse)), shifted);
    }
}
