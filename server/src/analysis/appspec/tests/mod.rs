//! Tests of the AppSpec analyses on whole documents, and the documents and
//! helpers they share.

mod editing;
mod rules;

use awsls_grammars::Span;

use crate::analysis::{Finding, Snapshot};

fn findings(name: &str, text: &str) -> Vec<Finding> {
    let snapshot = Snapshot::from_text(name, text);
    let mut out = Vec::new();
    super::check(&snapshot, &mut out);
    out.sort_by_key(|f| f.span.start);
    out
}

fn yaml(text: &str) -> Vec<Finding> {
    findings("appspec.yml", text)
}

/// The span of the `nth` (0-based) occurrence of `needle`.
fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("`{needle}` not in text"));
    Span::new(start, start + needle.len())
}

/// Asserts exactly one finding, with this code, message and span.
fn only(found: &[Finding], code: &str, message: &str, span: Span) -> Finding {
    assert_eq!(found.len(), 1, "expected one finding, got {found:#?}");
    let finding = found[0].clone();
    assert_eq!(finding.code(), code);
    assert_eq!(finding.message, message);
    assert_eq!(finding.span, span);
    assert_eq!(finding.kind(), "appspec");
    finding
}

/// The text after applying the first fix of `finding`.
fn fixed(text: &str, finding: &Finding) -> String {
    let mut edits = finding.fixes.first().expect("a fix").edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for edit in edits {
        out.replace_range(edit.span.start..edit.span.end, &edit.new_text);
    }
    out
}

const EC2_VALID: &str = "version: 0.0
os: linux
files:
  - source: app/
    destination: /srv/app
file_exists_behavior: OVERWRITE
permissions:
  - object: /srv/app
    pattern: \"**\"
    except: [tmp]
    owner: app
    group: app
    mode: 755
    acls:
      - u:app:rwx
    context:
      user: system_u
      type: httpd_sys_content_t
      range: s0
    type:
      - directory
hooks:
  ApplicationStop:
    - location: scripts/stop.sh
      timeout: 60
  BeforeInstall:
    - location: scripts/deps.sh
      runas: root
  AfterInstall:
    - location: scripts/config.sh
      timeout: 3600
  ValidateService:
    - location: scripts/check.sh
";

const LAMBDA_VALID: &str = "version: 0.0
Resources:
  - orders:
      Type: AWS::Lambda::Function
      Properties:
        Name: orders
        Alias: live
        CurrentVersion: 3
        TargetVersion: \"4\"
Hooks:
  - BeforeAllowTraffic: CheckOrdersBefore
  - AfterAllowTraffic: CheckOrdersAfter
";

const ECS_VALID: &str = "version: 0.0
resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 8080
        PlatformVersion: LATEST
        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: [subnet-1, subnet-2]
            SecurityGroups:
              - sg-1
            AssignPublicIp: DISABLED
        CapacityProviderStrategy:
          - CapacityProvider: FARGATE_SPOT
            Base: 1
            Weight: 2
hooks:
  - BeforeInstall: PrepareWeb
  - AfterInstall: WarmWeb
  - AfterAllowTestTraffic: TestWeb
  - BeforeAllowTraffic: CheckWeb
  - AfterAllowTraffic: WatchWeb
";

const LAMBDA_JSON: &str = r#"{
  "version": 0.0,
  "Resources": [
    {"orders": {"Type": "AWS::Lambda::Function",
                "Properties": {"Name": "orders", "Alias": "live", "CurrentVersion": "1", "TargetVersion": "2"}}}
  ],
  "Hooks": [{"BeforeAllowTraffic": "CheckBefore"}]
}
"#;
