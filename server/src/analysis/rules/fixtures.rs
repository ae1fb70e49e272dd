//! Every rule against its own fixtures (`tests/fixtures/rules/<code>/`): the
//! bad document is reported by the rule, the good one is not, and the
//! findings of the bad one are kept as a snapshot per rule
//! (`snapshots/awsls__analysis__rules__fixtures__<code>.snap`).

use std::path::{Path, PathBuf};

use super::{docs, Rule};
use crate::analysis::{self, Snapshot};

/// The `bad` or `good` document of `code`: its path and text.
fn document(code: &str, which: &str) -> Option<(PathBuf, String)> {
    let path = docs::example_file(&docs::examples_dir(), code, which)?;
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, text))
}

/// The kind a fixture's first line names (`# awsls-kind: cloudformation`),
/// as `awsls check --kind` would force it.
fn forced_kind(text: &str) -> Option<analysis::DocKind> {
    let kind = text.lines().next()?.strip_prefix("# awsls-kind:")?.trim();
    Some(match kind {
        "cloudformation" => analysis::DocKind::CloudFormation,
        "sam" => analysis::DocKind::Sam,
        "iam" => analysis::DocKind::IamPolicy,
        "appspec" => analysis::DocKind::AppSpec,
        _ => return None,
    })
}

fn findings_of(path: &Path, text: &str) -> Vec<analysis::Finding> {
    let mut snapshot = Snapshot::from_text(&path.to_string_lossy(), text);
    if let Some(kind) = forced_kind(text) {
        snapshot.kind = Some(kind);
    }
    assert!(
        snapshot.kind.is_some(),
        "{} is not recognised as an AWS file",
        path.display()
    );
    analysis::diagnostics(&snapshot)
}

#[test]
fn every_rule_reports_its_bad_fixture_and_not_its_good_one() {
    let mut problems = Vec::new();
    let mut reports = Vec::new();
    for rule in Rule::ALL {
        let code = rule.code();
        let (Some((bad_path, bad)), Some((good_path, good))) =
            (document(code, "bad"), document(code, "good"))
        else {
            problems.push(format!(
                "{code}: no bad.* and good.* under tests/fixtures/rules/{code}/"
            ));
            continue;
        };
        let found = findings_of(&bad_path, &bad);
        let own: Vec<&analysis::Finding> = found.iter().filter(|f| f.rule == *rule).collect();
        if own.is_empty() {
            problems.push(format!("{code}: not reported on its bad fixture"));
        }
        if own.iter().any(|f| !f.fixes.is_empty()) && !rule.def().fix {
            problems.push(format!(
                "{code}: its findings offer a quick fix, but its definition says `fix: false`"
            ));
        }
        if findings_of(&good_path, &good)
            .iter()
            .any(|f| f.rule == *rule)
        {
            problems.push(format!("{code}: reported on its good fixture"));
        }
        let mut report = String::new();
        for f in &found {
            let line = bad[..f.span.start.min(bad.len())].matches('\n').count() + 1;
            report.push_str(&format!(
                "{line}: {} {} {}{}\n",
                f.severity.as_str(),
                f.code(),
                f.message,
                if f.fixes.is_empty() { "" } else { " [fix]" }
            ));
        }
        reports.push((code, report));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // One snapshot per rule: what its bad fixture gets, line by line.
    for (code, report) in reports {
        insta::assert_snapshot!(code, report);
    }
}
