//! Warnings a security reviewer would raise about an `Allow` statement:
//! full admin, `iam:PassRole` on every role, negated elements, principals
//! open to everyone.

use crate::analysis::rules::Rule;
use crate::analysis::Finding;
use crate::schema::iam;

use super::actions::{self, Parsed};
use super::principal;
use super::statement::{Effect, PolicyKind, Statement};
use super::values::{self, Value};
use super::Ctx;

pub fn check(ctx: &Ctx, statement: &Statement, findings: &mut Vec<Finding>) {
    if statement.effect != Some(Effect::Allow) {
        return;
    }
    negated_elements(statement, findings);
    wide_actions(ctx, statement, findings);
    open_principal(ctx, statement, findings);
}

fn negated_elements(statement: &Statement, findings: &mut Vec<Finding>) {
    if let Some(action) = statement.action.filter(|a| a.negated) {
        findings.push(Finding::new(Rule::IamAllowNotaction,
            action.key_span,
            "Allow with NotAction grants every action not listed, including actions of services added later; list the allowed actions instead",
        ));
    }
    if let Some(resource) = statement.resource.filter(|r| r.negated) {
        findings.push(Finding::new(Rule::IamAllowNotresource,
            resource.key_span,
            "Allow with NotResource grants access to every resource not listed, including ones created later; list the allowed resources instead",
        ));
    }
    if let Some(principal) = statement.principal.filter(|p| p.negated) {
        findings.push(Finding::new(Rule::IamAllowNotprincipal,
            principal.key_span,
            "Allow with NotPrincipal grants access to everyone not listed, including anonymous users",
        ));
    }
}

fn wide_actions(ctx: &Ctx, statement: &Statement, findings: &mut Vec<Finding>) {
    let (Some(action), Some(resource)) = (statement.action, statement.resource) else {
        return;
    };
    if action.negated || resource.negated {
        return;
    }
    // With a Principal, who gets access is the question: see `open_principal`.
    let identity = statement.principal.is_none();
    let all_resources = values::values(ctx.snapshot, ctx.doc, resource.node)
        .iter()
        .any(|v| v.text() == Some("*"));
    if !all_resources {
        return;
    }
    for value in values::values(ctx.snapshot, ctx.doc, action.node) {
        let Value::Text { text, inner, .. } = &value else {
            continue;
        };
        match actions::parse(text) {
            Parsed::All if identity => findings.push(Finding::new(Rule::IamAllowAll,
                *inner,
                "Allow of every action on every resource grants full administrator access; grant only the actions and resources needed",
            )),
            Parsed::Pair { service, name } => {
                if service == "*" && name == "*" && identity {
                    findings.push(Finding::new(Rule::IamAllowAll,
                        *inner,
                        "Allow of every action on every resource grants full administrator access; grant only the actions and resources needed",
                    ));
                } else if service.eq_ignore_ascii_case("iam") && iam::wildcard_match(name, "PassRole") {
                    findings.push(Finding::new(Rule::IamPassroleWildcard,
                        *inner,
                        "iam:PassRole on every resource lets the holder hand any role (including admin roles) to a service; limit Resource to the roles needed and consider an iam:PassedToService condition",
                    ));
                } else if name == "*" && identity && !actions::has_wildcard(service) {
                    findings.push(Finding::new(Rule::IamServiceAdmin,
                        *inner,
                        format!("'{text}' on every resource grants every action of the service, including deletes and permission changes; grant only the actions needed"),
                    ));
                }
            }
            Parsed::All | Parsed::Malformed => {}
        }
    }
}

fn open_principal(ctx: &Ctx, statement: &Statement, findings: &mut Vec<Finding>) {
    let Some(principal) = statement.principal.filter(|p| !p.negated) else {
        return;
    };
    if ctx.kind == PolicyKind::Identity {
        // Reported as a principal that is not allowed here at all.
        return;
    }
    if statement.condition.is_some() || !principal::is_everyone(ctx, principal.node) {
        return;
    }
    let assumes_role = statement.action.is_some_and(|action| {
        values::values(ctx.snapshot, ctx.doc, action.node)
            .iter()
            .any(|v| {
                v.text().is_some_and(|t| match actions::parse(t) {
                    Parsed::Pair { service, name } => {
                        service.eq_ignore_ascii_case("sts")
                            && iam::wildcard_match(name, "AssumeRole")
                    }
                    _ => false,
                })
            })
    });
    let span = ctx.doc.node(principal.node).span;
    if assumes_role {
        findings.push(Finding::new(Rule::IamTrustAnyPrincipal,
            span,
            "any AWS account can assume this role: name the trusted accounts or roles, or add a Condition (for example aws:PrincipalOrgID or sts:ExternalId)",
        ));
    } else {
        findings.push(Finding::new(Rule::IamPublicPrincipal,
            span,
            "Principal \"*\" without a Condition makes this statement public (anyone, including anonymous users); add a Condition or name the principals",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{codes, findings_for};

    fn statement(body: &str) -> String {
        format!("Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n{body}")
    }

    #[test]
    fn admin_and_passrole() {
        let found = findings_for(&statement("    Action: ['*']\n    Resource: '*'\n"));
        assert_eq!(codes(&found), ["iam-allow-all"]);
        let found = findings_for(&statement("    Action: iam:PassRole\n    Resource: '*'\n"));
        assert_eq!(codes(&found), ["iam-passrole-wildcard"]);
        let found = findings_for(&statement(
            "    Action: iam:PassRole\n    Resource: arn:aws:iam::123456789012:role/app\n",
        ));
        assert!(found.is_empty(), "{found:?}");
        let found = findings_for(&statement("    Action: 'dynamodb:*'\n    Resource: '*'\n"));
        assert_eq!(codes(&found), ["iam-service-admin"]);
    }

    #[test]
    fn negations() {
        let found = findings_for(&statement(
            "    NotAction: iam:*\n    NotResource: arn:aws:iam::123456789012:role/x\n",
        ));
        assert_eq!(
            codes(&found),
            ["iam-allow-notaction", "iam-allow-notresource"]
        );
        let deny = "Version: '2012-10-17'\nStatement:\n  - Effect: Deny\n    NotAction: iam:*\n    Resource: '*'\n";
        assert!(findings_for(deny).is_empty());
    }

    #[test]
    fn public_principals() {
        let found = findings_for(&statement(
            "    Principal: '*'\n    Action: s3:GetObject\n    Resource: arn:aws:s3:::b/*\n",
        ));
        assert_eq!(codes(&found), ["iam-public-principal"]);
        let found = findings_for(&statement(
            "    Principal: {AWS: '*'}\n    Action: sts:AssumeRole\n",
        ));
        assert_eq!(codes(&found), ["iam-trust-any-principal"]);
        let found = findings_for(&statement(
            "    Principal: '*'\n    Action: s3:GetObject\n    Resource: arn:aws:s3:::b/*\n    Condition: {StringEquals: {aws:PrincipalOrgID: o-abc}}\n",
        ));
        assert!(found.is_empty(), "{found:?}");
    }
}
