//! Lambda runtime lifecycle of the `Runtime` set in `Globals.Function`
//! (a resource's own `Runtime` is checked with its properties): deprecated
//! runtimes warn, runtimes that can no longer create functions are errors.

use crate::analysis::rules::Rule;
use awsls_grammars::NodeId;

use crate::analysis::cfn::properties::today;
use crate::analysis::{Finding, Fix, Snapshot, TextEdit};
use crate::schema::lambda_runtimes;

use super::values::text;

pub fn check(snapshot: &Snapshot, node: NodeId, findings: &mut Vec<Finding>) {
    check_on(snapshot, node, &today(), findings);
}

pub(super) fn check_on(
    snapshot: &Snapshot,
    node: NodeId,
    today: &str,
    findings: &mut Vec<Finding>,
) {
    let doc = &snapshot.document;
    let Some(name) = text(doc, node) else {
        return;
    };
    let Some(life) = lambda_runtimes::lookup(name) else {
        return;
    };
    let span = doc.node(doc.resolve(node)).span;
    let advice = match life.successor.as_deref() {
        Some(next) => format!("; use `{next}` instead"),
        None => String::new(),
    };
    let mut finding = if life.is_create_blocked_on(today) {
        let since = life.block_create.as_deref().unwrap_or_default();
        Finding::new(Rule::SamBlockedGlobalRuntime,
            span,
            format!("The Lambda runtime `{name}` set for every function in `Globals` can no longer be used to create functions (blocked since {since}){advice}"),
        )
    } else if life.is_deprecated_on(today) {
        let since = life.deprecated.as_deref().unwrap_or_default();
        let mut f = Finding::new(Rule::SamDeprecatedGlobalRuntime,
            span,
            format!("The Lambda runtime `{name}` set for every function in `Globals` is deprecated since {since}{advice}"),
        );
        f.deprecated = true;
        f
    } else {
        return;
    };
    if let Some(next) = life.successor.as_deref() {
        let quoted = snapshot.slice(span).starts_with(['"', '\'']);
        finding = finding.with_fix(Fix {
            title: format!("Use `{next}`"),
            edits: vec![TextEdit {
                span,
                new_text: if quoted {
                    format!("\"{next}\"")
                } else {
                    next.to_string()
                },
            }],
            preferred: true,
        });
    }
    findings.push(finding);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(runtime: &str, today: &str) -> Vec<Finding> {
        let text = format!("Globals:\n  Function:\n    Runtime: {runtime}\n");
        let s = Snapshot::from_text("t.yaml", &text);
        let doc = &s.document;
        let node = doc
            .root()
            .and_then(|r| doc.get(r, "Globals"))
            .and_then(|g| doc.get(g, "Function"))
            .and_then(|f| doc.get(f, "Runtime"))
            .expect("runtime");
        let mut out = Vec::new();
        check_on(&s, node, today, &mut out);
        out
    }

    #[test]
    fn lifecycle_of_global_runtime() {
        let blocked = run("python2.7", "2026-01-01");
        assert_eq!(blocked.len(), 1);
        assert_eq!(blocked[0].code(), "sam-blocked-global-runtime");
        assert!(run("python3.13", "2026-01-01").is_empty());
        assert!(run("not-a-runtime", "2026-01-01").is_empty());
    }
}
