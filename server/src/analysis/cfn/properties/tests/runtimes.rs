//! Lambda runtime lifecycle findings.

use super::{apply, brief, codes, resource, yaml};

fn function(runtime: &str) -> String {
    resource("AWS::Lambda::Function", &format!("Role: arn:aws:iam::123456789012:role/r\nCode: {{ZipFile: x}}\nHandler: h\nRuntime: {runtime}"))
}

#[test]
fn blocked_runtime_is_an_error_with_a_fix() {
    let text = function("python2.7");
    let found = yaml(&text);
    assert_eq!(
        brief(&text, &found),
        vec![(
            "blocked-lambda-runtime",
            "python2.7",
            "The Lambda runtime `python2.7` can no longer be used to create functions (blocked since 2021-07-15); use `python3.14` instead".to_string()
        )]
    );
    assert_eq!(
        apply(&text, &found[0].fixes[0].edits),
        function("python3.14")
    );
}

#[test]
fn deprecated_runtime_is_a_struck_through_warning() {
    let mut found = Vec::new();
    let snapshot = crate::analysis::Snapshot::from_text("t.yaml", &function("nodejs20.x"));
    let doc = &snapshot.document;
    let runtime = doc
        .root()
        .and_then(|r| doc.get(r, "Resources"))
        .and_then(|r| doc.get(r, "Thing"))
        .and_then(|r| doc.get(r, "Properties"))
        .and_then(|r| doc.get(r, "Runtime"))
        .expect("runtime node");
    super::super::runtime::check(&snapshot, runtime, "2026-06-01", &mut found);
    assert_eq!(codes(&found), ["deprecated-lambda-runtime"]);
    assert!(found[0].deprecated);
    assert_eq!(found[0].severity, crate::analysis::Severity::Warning);
    assert_eq!(
        found[0].message,
        "The Lambda runtime `nodejs20.x` is deprecated since 2026-04-30, and creating functions with it will be blocked from 2027-02-01; use `nodejs24.x` instead"
    );
    let mut before = Vec::new();
    super::super::runtime::check(&snapshot, runtime, "2026-01-01", &mut before);
    assert!(before.is_empty());
}

#[test]
fn current_and_unknown_runtimes_pass() {
    assert!(yaml(&function("python3.13")).is_empty());
    assert!(yaml(&function("provided.al2023")).is_empty());
    // Unknown names are the schema's business: its enum lists every runtime.
    assert_eq!(super::codes(&yaml(&function("cobol"))), ["invalid-enum"]);
    assert!(yaml(&function("!Ref R")).is_empty());
}
