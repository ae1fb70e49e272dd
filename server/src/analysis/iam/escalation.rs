//! Privilege escalation: the published ways an identity that holds some IAM,
//! Lambda, Glue, EC2, CloudFormation or Data Pipeline actions can give itself
//! more (a new default policy version, policies attached to itself, a role
//! passed to code it runs, ...), in one statement or across the statements of
//! one policy. Security warnings, each saying the path.

use awsls_grammars::Span;

use crate::analysis::rules::Rule;
use crate::analysis::Finding;
use crate::schema::iam;

use super::actions::{self, Parsed};
use super::statement::{Effect, Statement};
use super::values::{self, Value};
use super::Ctx;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const IAM_PRIVILEGE_ESCALATION: RuleDef = RuleDef {
        code: "iam-privilege-escalation",
        severity: Severity::Warning,
        summary: "Actions that let the holder grant itself more permissions",
        explanation: "Some actions, alone or together, let an identity raise its own permissions: creating or setting a default policy version, attaching or putting policies on users, groups and roles, adding a user to a group, updating a role's trust policy, creating access keys or login profiles for other users, updating a function's code, or passing a role to a service that runs code the holder writes (Lambda, EC2, Glue, CloudFormation, Data Pipeline). Reviewers treat these as admin access; grant them only to administrators, or limit `Resource` to what the holder may change.",
        example: "`Action: iam:CreatePolicyVersion` with `Resource: \"*\"`",
        ..RuleDef::base(Family::Iam, "Security")
    };
}

/// Actions that escalate alone, on any resource, and how.
const ALONE: &[(&str, &str)] = &[
    (
        "iam:CreatePolicyVersion",
        "create a new default version of a policy attached to itself",
    ),
    (
        "iam:SetDefaultPolicyVersion",
        "make an older, broader version of its policy the default",
    ),
    (
        "iam:AttachUserPolicy",
        "attach AdministratorAccess to itself",
    ),
    (
        "iam:AttachGroupPolicy",
        "attach AdministratorAccess to a group it is in",
    ),
    (
        "iam:AttachRolePolicy",
        "attach AdministratorAccess to a role it can assume",
    ),
    (
        "iam:PutUserPolicy",
        "write an inline policy granting itself anything",
    ),
    (
        "iam:PutGroupPolicy",
        "write an inline policy on a group it is in",
    ),
    (
        "iam:PutRolePolicy",
        "write an inline policy on a role it can assume",
    ),
    (
        "iam:AddUserToGroup",
        "add itself to an administrators group",
    ),
    ("iam:UpdateAssumeRolePolicy", "let itself assume any role"),
    (
        "iam:CreateAccessKey",
        "create access keys for another, more privileged user",
    ),
    (
        "iam:CreateLoginProfile",
        "set a console password for another user",
    ),
    (
        "iam:UpdateLoginProfile",
        "change another user's console password",
    ),
    (
        "lambda:UpdateFunctionCode",
        "run its own code with the role of an existing function",
    ),
    (
        "glue:UpdateDevEndpoint",
        "run its own code on a Glue endpoint with the endpoint's role",
    ),
];

/// Actions that escalate together with `iam:PassRole`: the holder passes a
/// privileged role to code it starts.
const WITH_PASS_ROLE: &[(&str, &str)] = &[
    ("lambda:CreateFunction", "a Lambda function it writes"),
    ("ec2:RunInstances", "an EC2 instance it starts"),
    ("glue:CreateDevEndpoint", "a Glue development endpoint"),
    (
        "cloudformation:CreateStack",
        "a CloudFormation stack it writes",
    ),
    ("datapipeline:CreatePipeline", "a Data Pipeline it defines"),
];

/// One allowed action pattern of the policy.
struct Granted {
    service: String,
    name: String,
    span: Span,
    /// On `Resource: "*"` (or a wildcard).
    any_resource: bool,
}

impl Granted {
    fn covers(&self, action: &str) -> bool {
        let Some((service, name)) = action.split_once(':') else {
            return false;
        };
        self.service.eq_ignore_ascii_case(service) && iam::wildcard_match(&self.name, name)
    }
}

/// Checks the `Allow` statements of one policy together.
pub fn check(ctx: &Ctx, statements: &[Statement], findings: &mut Vec<Finding>) {
    let mut granted = Vec::new();
    for statement in statements {
        if statement.effect != Some(Effect::Allow) {
            continue;
        }
        let Some(action) = statement.action.filter(|a| !a.negated) else {
            continue;
        };
        let any_resource = match statement.resource {
            Some(r) if !r.negated => values::values(ctx.snapshot, ctx.doc, r.node)
                .iter()
                .any(|v| v.text().is_some_and(|t| t.contains('*'))),
            // A resource policy's resource is the resource itself.
            _ => false,
        };
        for value in values::values(ctx.snapshot, ctx.doc, action.node) {
            let Value::Text { text, inner, .. } = &value else {
                continue;
            };
            // Everything (`*`, `*:*`) is reported as full access already.
            if let Parsed::Pair { service, name } = actions::parse(text) {
                if !actions::has_wildcard(service) {
                    granted.push(Granted {
                        service: service.to_string(),
                        name: name.to_string(),
                        span: *inner,
                        any_resource,
                    });
                }
            }
        }
    }
    for g in granted.iter().filter(|g| g.any_resource) {
        if let Some((action, how)) = ALONE.iter().find(|(a, _)| g.covers(a)) {
            findings.push(Finding::new(
                Rule::IamPrivilegeEscalation,
                g.span,
                format!("`{action}` on every resource is a privilege escalation path: the holder can {how}; grant it only to administrators or limit `Resource`"),
            ));
        }
    }
    let Some(pass) = granted.iter().find(|g| g.covers("iam:PassRole")) else {
        return;
    };
    for g in &granted {
        if std::ptr::eq(g, pass) {
            continue;
        }
        if let Some((action, what)) = WITH_PASS_ROLE.iter().find(|(a, _)| g.covers(a)) {
            findings.push(
                Finding::new(
                    Rule::IamPrivilegeEscalation,
                    g.span,
                    format!("`{action}` with `iam:PassRole` is a privilege escalation path: the holder can pass a more privileged role to {what} and act with it; limit `iam:PassRole` to the roles meant for it (with an `iam:PassedToService` condition)"),
                )
                .with_related(pass.span, "iam:PassRole is granted here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Snapshot;

    fn escalations(policy: &str) -> Vec<String> {
        let snapshot = Snapshot::from_text("policy.json", policy);
        crate::analysis::diagnostics(&snapshot)
            .into_iter()
            .filter(|f| f.code() == "iam-privilege-escalation")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn single_actions_on_every_resource() {
        let found = escalations(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "iam:GetPolicy"], "Resource": "*"}]}"#,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("new default version"), "{}", found[0]);
        // Limited to one policy it is not a path.
        assert!(escalations(r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::123456789012:policy/app"}]}"#).is_empty());
    }

    #[test]
    fn pass_role_with_a_service_across_statements() {
        let found = escalations(
            r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/*"},
            {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]}"#,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("Lambda function"), "{}", found[0]);
        // Denied, or without PassRole: nothing.
        assert!(escalations(r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}]}"#).is_empty());
        assert!(escalations(r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"}]}"#).is_empty());
    }
}
