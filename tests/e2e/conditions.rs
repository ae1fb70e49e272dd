//! Conditions over stdio, in YAML and JSON: references to resources that may
//! not exist, `Fn::If` branches never taken (faded), hover on conditions with
//! examples, "only when" inlay hints (code lenses for clients without inlay
//! hints) and condition completion ranked by use.

use serde_json::{json, Value};

use crate::client::{find, position_of, Client};

const YAML: &str = include_str!("../fixtures/cfn/conditions/eula.yaml");
const JSON: &str = include_str!("../fixtures/cfn/conditions/eula.json");

/// Opens a fixture, as YAML or JSON by its name.
fn open(client: &mut Client, name: &str, text: &str) -> (String, Vec<Value>) {
    let language = if name.ends_with(".json") {
        "json"
    } else {
        "yaml"
    };
    crate::client::open(client, name, language, text)
}

fn line_of(text: &str, needle: &str) -> u64 {
    u64::from(position_of(text, find(text, needle)).0)
}

fn codes_at(diagnostics: &[Value], code: &str) -> Vec<(u64, Value)> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| (d["range"]["start"]["line"].as_u64().unwrap_or(0), d.clone()))
        .collect()
}

#[test]
fn conditional_existence_in_yaml_and_json() {
    let mut client = Client::start();
    for (name, text) in [("eula.yaml", YAML), ("eula.json", JSON)] {
        let (_, diagnostics) = open(&mut client, name, text);
        let depends = codes_at(&diagnostics, "conditional-depends-on");
        assert_eq!(depends.len(), 1, "{name}: {diagnostics:#?}");
        assert_eq!(depends[0].1["severity"], 1, "{name}");
        let message = depends[0].1["message"].as_str().unwrap_or("");
        assert!(
            message.contains("`EulaAccepted` is `false`"),
            "{name}: {message}"
        );
        let refs = codes_at(&diagnostics, "conditional-reference");
        // The `Fn::GetAtt` in `Worker` only: `Guarded` and the output are guarded.
        assert_eq!(refs.len(), 1, "{name}: {refs:#?}");
        let (worker, guarded) = if name.ends_with(".json") {
            (line_of(text, "\"Worker\""), line_of(text, "\"Guarded\""))
        } else {
            (line_of(text, "  Worker:"), line_of(text, "  Guarded:"))
        };
        assert!(
            worker < refs[0].0 && refs[0].0 < guarded,
            "{name}: {refs:#?}"
        );
        let dead = codes_at(&diagnostics, "unreachable-if-branch");
        assert_eq!(dead.len(), 1, "{name}: {dead:#?}");
        assert_eq!(
            dead[0].1["tags"],
            json!([1]),
            "{name}: faded as unnecessary"
        );
    }
    client.shutdown();
}

#[test]
fn hover_inlay_hints_and_completion_of_conditions() {
    let mut client = Client::start_with(json!({"textDocument": {"inlayHint": {}}}), None);
    let (uri, _) = open(&mut client, "eula.yaml", YAML);
    let (line, character) = position_of(YAML, find(YAML, "Condition: Accepted") + 12);
    let hover = client.hover(&uri, line, character);
    let text = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(
        text.contains("True when `EulaAccepted` is `true`."),
        "{text}"
    );
    assert!(
        text.contains("- false when `EulaAccepted` is `false`"),
        "{text}"
    );
    assert!(text.contains("`Licence`"), "{text}");

    let hints = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 200, "character": 0}}}),
    );
    let hints = hints.as_array().cloned().unwrap_or_default();
    let labels: Vec<(u64, &str)> = hints
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_u64().unwrap_or(0),
                h["label"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        labels,
        vec![
            (line_of(YAML, "  Licence:"), "only when Accepted"),
            (line_of(YAML, "  ProdJobs:"), "only when IsProd"),
            (line_of(YAML, "  LicenceArn:"), "only when Accepted"),
        ]
    );

    let probe = YAML.replace("    Condition: IsProd\n", "    Condition: \n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": probe}]}),
    );
    let (line, character) = position_of(&probe, find(&probe, "    Condition: \n") + 15);
    let items = client.completion(&uri, line, character);
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    // `Accepted` is used three times, `IsDev` once, `IsProd` no more.
    assert_eq!(labels.first().copied(), Some("Accepted"), "{labels:?}");
    client.shutdown();
}

#[test]
fn clients_without_inlay_hints_get_code_lenses() {
    let mut client = Client::start();
    let (uri, _) = open(&mut client, "eula.json", JSON);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let titles: Vec<&str> = lenses
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|x| x["command"]["title"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        titles,
        [
            "only when Accepted",
            "only when IsProd",
            "only when Accepted"
        ]
    );
    client.shutdown();
}
