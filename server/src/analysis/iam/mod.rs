//! Analyses of IAM policy documents, standalone (a policy file) or embedded in
//! CloudFormation and SAM templates: validation against the policy grammar and
//! the IAM service reference, security warnings, hover and completion.
//!
//! `policy` checks one document; `embedded` finds the documents a template
//! holds and the kind of each; `locate` says where in a policy an offset is,
//! for `hover` and `completion`.

mod actions;
mod arn;
mod completion;
mod condition_keys;
mod conditions;
mod embedded;
pub mod escalation;
mod hover;
mod locate;
mod operators;
mod policy;
mod principal;
mod security;
mod statement;
mod trust;
mod values;

use awsls_grammars::{Document, NodeId};

use crate::analysis::{CompletionEntry, Finding, HoverInfo, Snapshot};

pub use statement::{Policy, PolicyKind};

/// What every check needs: the snapshot, its document and the kind of the
/// policy being checked.
pub struct Ctx<'a> {
    pub snapshot: &'a Snapshot,
    pub doc: &'a Document,
    pub kind: PolicyKind,
}

/// The policy a standalone policy file holds.
fn standalone(snapshot: &Snapshot) -> Option<Policy> {
    Some(Policy {
        root: snapshot.document.root()?,
        kind: PolicyKind::Unknown,
        embedded: false,
    })
}

/// Checks a standalone policy document.
pub fn check(snapshot: &Snapshot, findings: &mut Vec<Finding>) {
    if let Some(policy) = standalone(snapshot) {
        check_policy(snapshot, policy, findings);
    }
}

/// Checks one policy document of the snapshot.
pub fn check_policy(snapshot: &Snapshot, policy: Policy, findings: &mut Vec<Finding>) {
    let ctx = Ctx {
        snapshot,
        doc: &snapshot.document,
        kind: policy.kind,
    };
    policy::check(&ctx, policy, findings);
}

pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    hover::hover(snapshot, standalone(snapshot)?, offset)
}

pub fn complete(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    match standalone(snapshot) {
        Some(policy) => completion::complete(snapshot, policy, offset),
        None => Vec::new(),
    }
}

/// Checks every policy document a CloudFormation or SAM template holds,
/// resource by resource (templates are checked so by
/// `cfn::resource_checks`, which keeps each resource's findings).
#[cfg(test)]
pub fn check_embedded(snapshot: &Snapshot, findings: &mut Vec<Finding>) {
    for resource in crate::analysis::cfn::template::section(&snapshot.document, "Resources") {
        check_embedded_in(snapshot, resource.value, findings);
    }
}

/// Checks the policies written in one resource (the value of its entry
/// under `Resources`): role and managed policies, trust policies,
/// bucket/queue/topic/key policies, SAM function `Policies`, and
/// `ManagedPolicyArns` values.
pub fn check_embedded_in(snapshot: &Snapshot, resource: NodeId, findings: &mut Vec<Finding>) {
    let found = embedded::find_in(&snapshot.document, resource);
    check_found(snapshot, &found, findings);
}

fn check_found(snapshot: &Snapshot, found: &embedded::Found, findings: &mut Vec<Finding>) {
    for policy in &found.policies {
        super::pause::point();
        check_policy(snapshot, *policy, findings);
    }
    embedded::check_managed_arns(snapshot, &found.managed_arns, findings);
}

/// Hover inside a policy document embedded in a template; `None` elsewhere.
pub fn hover_embedded(snapshot: &Snapshot, offset: usize) -> Option<HoverInfo> {
    let policy = embedded::policy_at(&snapshot.document, offset)?;
    hover::hover(snapshot, policy, offset)
}

/// Completion inside a policy document embedded in a template; empty elsewhere.
pub fn complete_embedded(snapshot: &Snapshot, offset: usize) -> Vec<CompletionEntry> {
    match embedded::policy_at(&snapshot.document, offset) {
        Some(policy) => completion::complete(snapshot, policy, offset),
        None => Vec::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::analysis::{Finding, Snapshot};

    /// The IAM findings of a standalone policy text (named by its format).
    pub fn findings_for(text: &str) -> Vec<Finding> {
        let name = if text.trim_start().starts_with('{') {
            "policy.json"
        } else {
            "policy.yaml"
        };
        let snapshot = Snapshot::from_text(name, text);
        let mut found = Vec::new();
        super::check(&snapshot, &mut found);
        found.sort_by(|a, b| {
            (a.span.start, a.span.end, a.code()).cmp(&(b.span.start, b.span.end, b.code()))
        });
        found
    }

    pub fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code()).collect()
    }
}
