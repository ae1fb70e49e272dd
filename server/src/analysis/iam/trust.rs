//! Checks that only apply to role trust policies: they grant `sts:` actions,
//! and federated principals assume roles through the web-identity or SAML
//! actions.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::actions::{self, Parsed};
use super::statement::{PolicyKind, Statement};
use super::values::{self, Value};
use super::Ctx;

const WITH_FEDERATION: &[&str] = &["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"];

pub fn check(ctx: &Ctx, statement: &Statement, findings: &mut Vec<Finding>) {
    if ctx.kind != PolicyKind::Trust {
        return;
    }
    let Some(action) = statement.action.filter(|a| !a.negated) else {
        return;
    };
    let list = values::values(ctx.snapshot, ctx.doc, action.node);
    let mut sts_names: Vec<String> = Vec::new();
    for value in &list {
        let Value::Text { text, inner, .. } = value else {
            continue;
        };
        if let Parsed::Pair { service, name } = actions::parse(text) {
            if service.eq_ignore_ascii_case("sts") {
                sts_names.push(name.to_string());
            } else if !actions::has_wildcard(service) {
                findings.push(Finding::new(Rule::IamTrustAction,
                    *inner,
                    format!("'{text}' has no effect in a trust policy, which grants only sts: actions (sts:AssumeRole, sts:TagSession, ...)"),
                ));
            }
        }
    }
    let federated = statement.principal.is_some_and(|p| {
        !p.negated
            && ctx.doc.get(p.node, "Federated").is_some()
            && ctx.doc.get(p.node, "AWS").is_none()
    });
    let federates = sts_names.iter().any(|n| {
        WITH_FEDERATION
            .iter()
            .any(|f| crate::schema::iam::wildcard_match(n, f))
    });
    if federated && !sts_names.is_empty() && !federates {
        findings.push(Finding::new(Rule::IamTrustAction,
            ctx.doc.node(action.node).span,
            "federated principals assume a role with sts:AssumeRoleWithWebIdentity (OIDC) or sts:AssumeRoleWithSAML, not sts:AssumeRole",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Snapshot;

    fn trust_findings(statement: &str) -> Vec<&'static str> {
        let text = format!(
            "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n{statement}"
        );
        let snapshot = Snapshot::from_text("template.yaml", &text);
        let mut found = Vec::new();
        super::super::check_embedded(&snapshot, &mut found);
        found.iter().map(|f| f.code()).collect()
    }

    #[test]
    fn trust_policies_grant_sts_actions() {
        let good = "          - Effect: Allow\n            Principal: {Federated: !Ref Provider}\n            Action: [sts:AssumeRoleWithWebIdentity, sts:TagSession]\n";
        assert_eq!(trust_findings(good), Vec::<&str>::new());
        let federated = "          - Effect: Allow\n            Principal: {Federated: cognito-identity.amazonaws.com}\n            Action: sts:AssumeRole\n";
        assert_eq!(trust_findings(federated), ["iam-trust-action"]);
        let other = "          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: [sts:AssumeRole, lambda:InvokeFunction]\n";
        assert_eq!(trust_findings(other), ["iam-trust-action"]);
    }
}
