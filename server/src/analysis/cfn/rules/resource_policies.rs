//! The `UpdatePolicy` and `CreationPolicy` resource attributes: which
//! resource types take which policies, and the keys and value types of each.

use awsls_grammars::{Document, NodeId, NodeKind, ScalarKind, Span};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, with_suggestion, Ctx};
use super::walk::{shape, Shape};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_UPDATE_POLICY: RuleDef = RuleDef {
        code: "invalid-update-policy",
        family: Family::CloudFormation,
        group: "Resource attributes",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3016"],
        fix: true,
        summary: "An `UpdatePolicy` the resource type does not take, or with unknown keys or values of the wrong type",
        explanation: "Only Auto Scaling groups (rolling, replacing and scheduled-action updates), Lambda aliases (CodeDeploy traffic shifting), ElastiCache replication groups (`UseOnlineResharding`) and OpenSearch and Elasticsearch domains (`EnableVersionUpgrade`) take an `UpdatePolicy`, each with its own keys; CloudFormation rejects the template otherwise, and a misspelt key silently loses the update behaviour it was meant to give.",
        example: "`UpdatePolicy: {AutoScalingRollingUpdate: {SuspendProcesses: Launch}}` (a process name where a list goes)",
    };

    pub const INVALID_CREATION_POLICY: RuleDef = RuleDef {
        code: "invalid-creation-policy",
        family: Family::CloudFormation,
        group: "Resource attributes",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3055"],
        fix: true,
        summary: "A `CreationPolicy` with keys the resource type does not take, or values of the wrong type",
        explanation: "An Auto Scaling group takes `AutoScalingCreationPolicy` and `ResourceSignal`, a wait condition `ResourceSignal`, an AppStream fleet `StartFleet`; `ResourceSignal.Count` is a number of signals and `Timeout` an ISO 8601 duration. CloudFormation rejects other keys, and a wrong count makes the stack wait for signals that never come.",
        example: "`CreationPolicy: {ResourceSignal: {Count: all}}`",
    };
}

/// The kind of value a policy key takes.
#[derive(Clone, Copy)]
enum Kind {
    Integer,
    Boolean,
    Text,
    TextList,
    Object(&'static [(&'static str, Kind)]),
}

const ROLLING_UPDATE: &[(&str, Kind)] = &[
    ("MaxBatchSize", Kind::Integer),
    ("MinActiveInstancesPercent", Kind::Integer),
    ("MinInstancesInService", Kind::Integer),
    ("MinSuccessfulInstancesPercent", Kind::Integer),
    ("PauseTime", Kind::Text),
    ("SuspendProcesses", Kind::TextList),
    ("WaitOnResourceSignals", Kind::Boolean),
];
const RESOURCE_SIGNAL: &[(&str, Kind)] = &[("Count", Kind::Integer), ("Timeout", Kind::Text)];

/// The `UpdatePolicy` keys of each resource type that takes one (the
/// CloudFormation User Guide, "UpdatePolicy attribute").
const UPDATE_POLICIES: &[(&str, &[(&str, Kind)])] = &[
    (
        "AWS::AutoScaling::AutoScalingGroup",
        &[
            (
                "AutoScalingReplacingUpdate",
                Kind::Object(&[("WillReplace", Kind::Boolean)]),
            ),
            ("AutoScalingRollingUpdate", Kind::Object(ROLLING_UPDATE)),
            (
                "AutoScalingScheduledAction",
                Kind::Object(&[("IgnoreUnmodifiedGroupSizeProperties", Kind::Boolean)]),
            ),
        ],
    ),
    (
        "AWS::Lambda::Alias",
        &[(
            "CodeDeployLambdaAliasUpdate",
            Kind::Object(&[
                ("AfterAllowTrafficHook", Kind::Text),
                ("ApplicationName", Kind::Text),
                ("BeforeAllowTrafficHook", Kind::Text),
                ("DeploymentGroupName", Kind::Text),
            ]),
        )],
    ),
    (
        "AWS::ElastiCache::ReplicationGroup",
        &[("UseOnlineResharding", Kind::Boolean)],
    ),
    (
        "AWS::OpenSearchService::Domain",
        &[("EnableVersionUpgrade", Kind::Boolean)],
    ),
    (
        "AWS::Elasticsearch::Domain",
        &[("EnableVersionUpgrade", Kind::Boolean)],
    ),
];

/// The `CreationPolicy` keys of the resource types whose policy is checked
/// (the CloudFormation User Guide, "CreationPolicy attribute").
const CREATION_POLICIES: &[(&str, &[(&str, Kind)])] = &[
    (
        "AWS::AutoScaling::AutoScalingGroup",
        &[
            (
                "AutoScalingCreationPolicy",
                Kind::Object(&[("MinSuccessfulInstancesPercent", Kind::Integer)]),
            ),
            ("ResourceSignal", Kind::Object(RESOURCE_SIGNAL)),
        ],
    ),
    (
        "AWS::CloudFormation::WaitCondition",
        &[("ResourceSignal", Kind::Object(RESOURCE_SIGNAL))],
    ),
    ("AWS::AppStream::Fleet", &[("StartFleet", Kind::Boolean)]),
];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() {
        return;
    }
    let doc = ctx.doc;
    for resource in &ctx.template.resources {
        let Some(type_name) = resource.type_name.as_deref() else {
            continue;
        };
        if let Some(entry) = doc.entry(resource.decl.node, "UpdatePolicy") {
            let keys = UPDATE_POLICIES.iter().find(|(t, _)| *t == type_name);
            match keys {
                Some((_, keys)) => {
                    let mut judge = Judge {
                        ctx,
                        rule: Rule::InvalidUpdatePolicy,
                        findings: &mut *findings,
                    };
                    judge.object(entry.value, keys, "`UpdatePolicy`");
                }
                None if type_name.starts_with("AWS::")
                    && !type_name.starts_with("AWS::Serverless::")
                    && crate::schema::cfn::resource(type_name).is_some() =>
                {
                    findings.push(finding(
                        Rule::InvalidUpdatePolicy,
                        entry.key.span,
                        format!("`{type_name}` takes no `UpdatePolicy`; only Auto Scaling groups, Lambda aliases, ElastiCache replication groups and OpenSearch or Elasticsearch domains do"),
                    ));
                }
                None => {}
            }
        }
        if let Some(value) = doc.get(resource.decl.node, "CreationPolicy") {
            if let Some((_, keys)) = CREATION_POLICIES.iter().find(|(t, _)| *t == type_name) {
                let mut judge = Judge {
                    ctx,
                    rule: Rule::InvalidCreationPolicy,
                    findings: &mut *findings,
                };
                judge.object(value, keys, "`CreationPolicy`");
            }
        }
    }
}

struct Judge<'c, 'a> {
    ctx: &'c Ctx<'a>,
    rule: Rule,
    findings: &'c mut Vec<Finding>,
}

impl Judge<'_, '_> {
    fn push(&mut self, span: Span, message: String) {
        self.findings.push(finding(self.rule, span, message));
    }

    fn object(&mut self, node: NodeId, keys: &[(&str, Kind)], what: &str) {
        let doc = self.ctx.doc;
        let node = doc.resolve(node);
        let Some(entries) = doc.mapping(node) else {
            // The attribute's own shape is judged with the other attributes.
            return;
        };
        for entry in entries {
            match keys.iter().find(|(k, _)| *k == entry.key.text) {
                Some((key, kind)) => self.value(entry.value, *kind, key),
                None => {
                    let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
                    let message = format!(
                        "`{}` is not a key of {what} here ({})",
                        entry.key.text,
                        names.join(", ")
                    );
                    self.findings.push(with_suggestion(
                        finding(self.rule, entry.key.span, message),
                        &entry.key.text,
                        names.iter().copied(),
                    ));
                }
            }
        }
    }

    fn value(&mut self, node: NodeId, kind: Kind, key: &str) {
        let doc = self.ctx.doc;
        let node = doc.resolve(node);
        if matches!(shape(doc, node), Shape::Unknown | Shape::Intrinsic(_)) {
            return;
        }
        let span = self.ctx.span(node);
        match kind {
            Kind::Object(keys) => {
                if doc.mapping(node).is_some() {
                    self.object(node, keys, &format!("`{key}`"));
                } else {
                    self.push(span, format!("`{key}` must be a mapping"));
                }
            }
            Kind::TextList if doc.sequence(node).is_none() => {
                self.push(span, format!("`{key}` must be a list"));
            }
            Kind::Integer if !is_integer(doc, node) => {
                self.push(span, format!("`{key}` must be a whole number"));
            }
            Kind::Boolean if !is_boolean(doc, node) => {
                self.push(span, format!("`{key}` must be `true` or `false`"));
            }
            Kind::Text if doc.scalar(node).is_none() => {
                self.push(span, format!("`{key}` must be a string"));
            }
            _ => {}
        }
    }
}

fn is_integer(doc: &Document, node: NodeId) -> bool {
    match &doc.node(node).kind {
        NodeKind::Scalar(s) => match s.kind {
            ScalarKind::Integer | ScalarKind::Float => true,
            ScalarKind::String => s.value.trim().parse::<i64>().is_ok(),
            _ => false,
        },
        _ => false,
    }
}

fn is_boolean(doc: &Document, node: NodeId) -> bool {
    match &doc.node(node).kind {
        NodeKind::Scalar(s) => {
            s.kind == ScalarKind::Bool
                || (s.kind == ScalarKind::String
                    && matches!(s.value.to_ascii_lowercase().as_str(), "true" | "false"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const GROUP: &str = "    Properties:\n      MinSize: '1'\n      MaxSize: '2'\n      LaunchConfigurationName: lc\n";

    #[test]
    fn update_policies_by_type() {
        let text = format!("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    UpdatePolicy:\n      AutoScalingRollingUpdate: {{}}\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    UpdatePolicy:\n      AutoScalingRollingUpdate:\n        MaxBatchSize: '2'\n        MinInstancesInService: a\n        SuspendProcesses: Launch\n        WaitOnResourceSignals: 'true'\n      UseOnlineResharding: true\n{GROUP}");
        let found = run(&text);
        let codes: Vec<_> = found.iter().map(|f| f.code()).collect();
        assert_eq!(codes, ["invalid-update-policy"; 4], "{found:#?}");
    }

    #[test]
    fn creation_policies_by_type() {
        let text = format!("Resources:\n  W:\n    Type: AWS::CloudFormation::WaitCondition\n    CreationPolicy:\n      ResourceSignal:\n        Count: abc\n        Timeout: PT5M\n      StartFleet: true\n  G:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    CreationPolicy:\n      ResourceSignal:\n        Count: '3'\n        Timeout: PT15M\n      AutoScalingCreationPolicy:\n        MinSuccessfulInstancesPercent: 100\n{GROUP}");
        let found = run(&text);
        let codes: Vec<_> = found.iter().map(|f| f.code()).collect();
        assert_eq!(codes, ["invalid-creation-policy"; 2], "{found:#?}");
    }
}
