//! The public entry points on a hand-written schema: ECMAScript-only
//! patterns are skipped, and `validate_value` checks any node.

use crate::analysis::Snapshot;
use crate::schema::ResourceSchema;

use super::super::validate_value;

const SCHEMA: &str = r#"{"typeName": "Test::Thing::Widget", "root": {"type": ["object"],
  "properties": [
    ["Name", {"type": ["string"], "pattern": "^(?!aws:)[a-z:]+$"}],
    ["Code", {"type": ["string"], "pattern": "^[A-Z]{2}$"}],
    ["Port", {"type": ["integer"], "minimum": 1}]
  ],
  "additionalProperties": false}}"#;

fn check(text: &str) -> Vec<(&'static str, String)> {
    let schema: ResourceSchema = serde_json::from_str(SCHEMA).expect("test schema");
    let snapshot = Snapshot::from_text("widget.yaml", text);
    let root = snapshot.document.root().expect("root");
    let span = snapshot.document.node(root).span;
    let mut found = Vec::new();
    validate_value(&snapshot, &schema, &schema.root, root, span, &mut found);
    found.into_iter().map(|f| (f.code(), f.message)).collect()
}

#[test]
fn patterns_the_regex_crate_rejects_are_skipped() {
    // The lookahead would reject `aws:x`; it cannot be compiled, so nothing is said.
    assert!(check("Name: \"aws:x\"\n").is_empty());
    assert_eq!(
        check("Code: usa\n"),
        vec![(
            "invalid-pattern",
            "`usa` is not a valid value for `Code`: it must match the pattern `^[A-Z]{2}$`"
                .to_string()
        )]
    );
}

#[test]
fn validate_value_reports_like_a_resource() {
    assert_eq!(
        check("Port: 0\nColour: red\n"),
        vec![
            ("out-of-range", "`Port` must be at least 1, found 0".to_string()),
            (
                "unknown-property",
                "`Colour` is not a property of `Test::Thing::Widget`; valid properties are `Code`, `Name` and `Port`"
                    .to_string()
            ),
        ]
    );
    assert!(check("Port: \"8080\"\nCode: US\n").is_empty());
}
