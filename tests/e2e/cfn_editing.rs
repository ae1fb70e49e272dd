//! Editing CloudFormation templates over stdio, in YAML and JSON, on whole
//! and broken documents: completion, hover, definition, references,
//! highlights, rename, symbols, folding and selection ranges, semantic
//! tokens and code actions. Every edit is applied to the text and compared
//! with the expected result.

use serde_json::{json, Value};

use crate::client::{edits_in, file_uri, Client};

const YAML: &str = include_str!("../fixtures/cfn/editing/template.yaml");
const JSON: &str = include_str!("../fixtures/cfn/editing/template.json");

/// The LSP position (UTF-16) of the `nth` occurrence of `needle`, moved `delta` bytes in.
fn pos(text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i + delta)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} not in text"));
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    json!({"line": line, "character": text[line_start..offset].encode_utf16().count()})
}

fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies LSP text edits (non-overlapping) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset_of(text, &e["range"]["start"]),
                offset_of(text, &e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, &new_text);
    }
    out
}

fn open(client: &mut Client, name: &str, text: &str) -> String {
    let uri = file_uri(name);
    let language = if name.ends_with(".json") {
        "json"
    } else {
        "yaml"
    };
    client.open(&uri, language, 1, text);
    uri
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

fn completion(client: &mut Client, uri: &str, position: Value) -> Vec<Value> {
    let line = position["line"].as_u64().unwrap_or(0) as u32;
    let character = position["character"].as_u64().unwrap_or(0) as u32;
    client.completion(uri, line, character)
}

fn item<'a>(items: &'a [Value], label: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| {
            panic!(
                "no `{label}` in {:?}",
                items.iter().map(|i| &i["label"]).collect::<Vec<_>>()
            )
        })
}

fn labels(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| i["label"].as_str().map(str::to_string))
        .collect()
}

/// A template with a syntax error near the end and a half-typed resource.
const BROKEN_YAML: &str = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env:\n    Type: String\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Data:\n    Type: s3buck\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref \n      Tags: [\n";

#[test]
fn yaml_completion_on_a_broken_document() {
    let mut client = Client::start();
    let uri = open(&mut client, "broken.yaml", BROKEN_YAML);
    let items = completion(&mut client, &uri, pos(BROKEN_YAML, "s3buck", 0, 6));
    assert_eq!(items[0]["label"], "AWS::S3::Bucket");
    assert!(items.len() <= 200);
    let applied = apply(BROKEN_YAML, &[items[0]["textEdit"].clone()]);
    assert!(
        applied.contains("  Data:\n    Type: AWS::S3::Bucket\n"),
        "{applied}"
    );
    assert_eq!(
        items[0]["textEdit"]["range"]["start"],
        pos(BROKEN_YAML, "s3buck", 0, 0)
    );

    let items = completion(&mut client, &uri, pos(BROKEN_YAML, "!Ref \n", 0, 5));
    assert_eq!(labels(&items)[..2], ["Env", "Bucket"]);
    assert!(!labels(&items).contains(&"Queue".to_string()));
    let applied = apply(BROKEN_YAML, &[item(&items, "Env")["textEdit"].clone()]);
    assert!(applied.contains("QueueName: !Ref Env\n"), "{applied}");
    client.shutdown();
}

#[test]
fn yaml_completion_of_new_keys_and_values() {
    let mut client = Client::start();
    let text = YAML.replace(
        "      DelaySeconds: 30\n",
        "      DelaySeconds: 30\n      Fifo\n",
    );
    let uri = open(&mut client, "keys.yaml", &text);
    let items = completion(&mut client, &uri, pos(&text, "Fifo\n", 0, 4));
    let fifo = item(&items, "FifoQueue");
    assert_eq!(fifo["detail"], "Boolean");
    assert!(fifo["documentation"]["value"]
        .as_str()
        .unwrap_or("")
        .contains("**Update requires:** Replacement"));
    let applied = apply(&text, &[fifo["textEdit"].clone()]);
    assert!(
        applied.contains("      DelaySeconds: 30\n      FifoQueue: $0\n"),
        "{applied}"
    );
    assert!(!labels(&items).contains(&"QueueName".to_string()));

    let text = YAML.replace(
        "    DependsOn: Bucket\n",
        "    DependsOn: Bucket\n    DeletionPolicy: \n",
    );
    let uri = open(&mut client, "policy.yaml", &text);
    let items = completion(&mut client, &uri, pos(&text, "DeletionPolicy: ", 0, 16));
    assert_eq!(
        labels(&items),
        ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]
    );

    let text = YAML.replace(
        "    Value: !GetAtt Bucket.Arn\n",
        "    Value: !GetAtt Bucket.\n",
    );
    let uri = open(&mut client, "getatt.yaml", &text);
    let items = completion(&mut client, &uri, pos(&text, "Bucket.\n", 0, 7));
    let arn = item(&items, "Arn");
    assert!(apply(&text, &[arn["textEdit"].clone()]).contains("Value: !GetAtt Bucket.Arn\n"));

    let text = YAML.replace(
        "!FindInMap [Sizes, !Ref Env, Instance]",
        "!FindInMap [Sizes, dev, ]",
    );
    let uri = open(&mut client, "map.yaml", &text);
    let items = completion(&mut client, &uri, pos(&text, "dev, ]", 0, 5));
    assert_eq!(labels(&items), ["Instance"]);
    client.shutdown();
}

#[test]
fn json_completion_inside_quotes_and_outside() {
    let mut client = Client::start();
    let text = JSON.replace("\"DelaySeconds\": 30", "\"DelaySeconds\": 30, \"Visi\"");
    let uri = open(&mut client, "props.json", &text);
    let items = completion(&mut client, &uri, pos(&text, "\"Visi\"", 0, 5));
    let entry = item(&items, "VisibilityTimeout");
    let applied = apply(&text, &[entry["textEdit"].clone()]);
    assert!(
        applied.contains("\"DelaySeconds\": 30, \"VisibilityTimeout\""),
        "{applied}"
    );

    let text = JSON.replace(
        "\"QueueName\": {\"Ref\": \"Env\"}",
        "\"QueueName\": {\"Ref\": \"\"}",
    );
    let uri = open(&mut client, "ref.json", &text);
    let items = completion(&mut client, &uri, pos(&text, "{\"Ref\": \"\"}", 0, 9));
    let env = item(&items, "Env");
    assert_eq!(env["textEdit"]["newText"], "Env");
    assert!(labels(&items).contains(&"AWS::Region".to_string()));

    let text = JSON.replace("\"Type\": \"AWS::SQS::Queue\"", "\"Type\": ");
    let uri = open(&mut client, "type.json", &text);
    let position = pos(&text, "\"Type\": ,", 0, 8);
    let result = client.request("textDocument/completion", at(&uri, position.clone()));
    assert_eq!(
        result["isIncomplete"], true,
        "a capped list is asked for again"
    );
    let first = &result["items"][0];
    let label = first["label"].as_str().unwrap_or("");
    assert_eq!(first["textEdit"]["newText"], format!("\"{label}\""));
    assert_eq!(first["textEdit"]["range"]["start"], position);
    client.shutdown();
}

fn hover_text(client: &mut Client, uri: &str, position: Value) -> String {
    let line = position["line"].as_u64().unwrap_or(0) as u32;
    let character = position["character"].as_u64().unwrap_or(0) as u32;
    let result = client.hover(uri, line, character);
    result["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn hover_in_yaml_and_json() {
    let mut client = Client::start();
    let yaml = open(&mut client, "hover.yaml", YAML);
    let text = hover_text(&mut client, &yaml, pos(YAML, "AWS::S3::Bucket", 0, 3));
    assert!(text.starts_with("**AWS::S3::Bucket**"), "{text}");
    assert!(text.contains("aws-resource-s3-bucket"), "{text}");
    assert!(
        text.contains("**`Fn::GetAtt`:**") && text.contains("`Arn`"),
        "{text}"
    );
    let text = hover_text(&mut client, &yaml, pos(YAML, "QueueName", 0, 2));
    assert!(
        text.starts_with("**QueueName** · `String` · Optional"),
        "{text}"
    );
    assert!(text.contains("**Update requires:** Replacement"), "{text}");
    let text = hover_text(&mut client, &yaml, pos(YAML, "!Ref Env\n", 0, 6));
    assert!(text.starts_with("**Env** · parameter `String`"), "{text}");
    assert!(
        text.contains("Deployment stage") && text.contains("**Default:** `dev`"),
        "{text}"
    );
    let text = hover_text(&mut client, &yaml, pos(YAML, "!Sub", 0, 1));
    assert!(
        text.starts_with("**Fn::Sub** (short form `!Sub`)"),
        "{text}"
    );
    let text = hover_text(&mut client, &yaml, pos(YAML, "AWS::Region", 0, 2));
    assert!(
        text.starts_with("**AWS::Region** (pseudo parameter)"),
        "{text}"
    );
    let attribute = pos(YAML, "Bucket.Arn\n", 0, 8);
    let line = attribute["line"].as_u64().unwrap_or(0) as u32;
    let character = attribute["character"].as_u64().unwrap_or(0) as u32;
    let result = client.hover(&yaml, line, character);
    assert_eq!(result["range"]["start"], pos(YAML, "Bucket.Arn\n", 0, 7));
    assert!(
        result["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .starts_with("**Bucket.Arn** · attribute of `AWS::S3::Bucket`"),
        "{result}"
    );

    let json_uri = open(&mut client, "hover.json", JSON);
    let text = hover_text(&mut client, &json_uri, pos(JSON, "\"DelaySeconds\"", 0, 3));
    assert!(
        text.starts_with("**DelaySeconds** · `Integer` · Optional"),
        "{text}"
    );
    let text = hover_text(&mut client, &json_uri, pos(JSON, "\"Fn::GetAtt\"", 0, 3));
    assert!(text.starts_with("**Fn::GetAtt**"), "{text}");
    client.shutdown();
}

#[test]
fn definition_references_and_highlights() {
    let mut client = Client::start();
    for (name, text) in [("nav.yaml", YAML), ("nav.json", JSON)] {
        let uri = open(&mut client, name, text);
        let quote = if name.ends_with(".json") { "\"" } else { "" };
        // From a `Ref` to the parameter's declaration.
        let from = pos(text, &format!("{quote}Env{quote}"), 2, quote.len());
        let result = client.request("textDocument/definition", at(&uri, from));
        let declaration = pos(text, &format!("{quote}Env{quote}:"), 0, quote.len());
        assert_eq!(result["range"]["start"], declaration, "{name}");
        assert_eq!(result["uri"], uri);
        // Every use of the bucket: DependsOn, GetAtt and `${Bucket.Arn}`.
        let mut params = at(&uri, pos(text, "Bucket", 0, 1));
        params["context"] = json!({"includeDeclaration": true});
        let found = client.request("textDocument/references", params);
        let found = found.as_array().cloned().unwrap_or_default();
        let starts: Vec<Value> = found.iter().map(|l| l["range"]["start"].clone()).collect();
        let expected_uses = text.matches("Bucket").count()
            - text.matches("BucketName").count()
            - text.matches("BucketArn").count()
            - text.matches("S3::Bucket").count();
        assert_eq!(found.len(), expected_uses, "{name}: {starts:?}");
        assert!(starts.contains(&pos(text, "${Bucket.Arn}", 0, 2)), "{name}");
        let highlights = client.request(
            "textDocument/documentHighlight",
            at(&uri, pos(text, "IsProd", 1, 1)),
        );
        let highlights = highlights.as_array().cloned().unwrap_or_default();
        let kinds: Vec<u64> = highlights
            .iter()
            .map(|h| h["kind"].as_u64().unwrap_or(0))
            .collect();
        assert_eq!(kinds[0], 3, "{name}: the declaration is a write");
        assert_eq!(highlights.len(), text.matches("IsProd").count(), "{name}");
    }
    client.shutdown();
}

#[test]
fn navigation_survives_a_syntax_error_elsewhere() {
    let mut client = Client::start();
    let uri = open(&mut client, "broken-nav.yaml", BROKEN_YAML);
    let result = client.request(
        "textDocument/definition",
        at(&uri, pos(BROKEN_YAML, "Bucket", 0, 2)),
    );
    assert_eq!(result["range"]["start"], pos(BROKEN_YAML, "Bucket", 0, 0));
    let text = hover_text(&mut client, &uri, pos(BROKEN_YAML, "AWS::SQS::Queue", 0, 5));
    assert!(text.starts_with("**AWS::SQS::Queue**"), "{text}");
    client.shutdown();
}

#[test]
fn rename_updates_every_use_and_refuses_bad_names() {
    let mut client = Client::start();
    for (name, text) in [("rename.yaml", YAML), ("rename.json", JSON)] {
        let uri = open(&mut client, name, text);
        let position = pos(text, "Bucket", 0, 2);
        let prepared = client.request("textDocument/prepareRename", at(&uri, position.clone()));
        assert_eq!(prepared["placeholder"], "Bucket", "{name}");
        let mut params = at(&uri, position.clone());
        params["newName"] = json!("Store");
        let edit = client.request("textDocument/rename", params);
        let edits = edit["changes"][&uri]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let renamed = apply(text, &edits);
        let expected = text
            .replace("Bucket:", "Store:")
            .replace("\"Bucket\"", "\"Store\"")
            .replace("DependsOn: Bucket", "DependsOn: Store")
            .replace("${Bucket.Arn}", "${Store.Arn}")
            .replace("!GetAtt Bucket.Arn", "!GetAtt Store.Arn");
        assert_eq!(renamed, expected, "{name}");

        let mut params = at(&uri, position.clone());
        params["newName"] = json!("my-bucket");
        let response = client.request_full("textDocument/rename", params);
        let message = response["error"]["message"].as_str().unwrap_or("");
        assert!(
            message.contains("`my-bucket` is not a valid name"),
            "{name}: {response}"
        );
        let mut params = at(&uri, position);
        params["newName"] = json!("Queue");
        let response = client.request_full("textDocument/rename", params);
        let message = response["error"]["message"].as_str().unwrap_or("");
        assert_eq!(
            message, "`Queue` is already the name of a resource",
            "{name}"
        );
        let response = client.request_full(
            "textDocument/prepareRename",
            at(&uri, pos(text, "AWS::Region", 0, 3)),
        );
        assert!(
            response["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("pseudo parameter"),
            "{name}"
        );
    }
    // A parameter used in a `Fn::Sub` string and in `Ref`s.
    let uri = open(&mut client, "rename-env.yaml", YAML);
    let mut params = at(&uri, pos(YAML, "Env:", 0, 1));
    params["newName"] = json!("Stage");
    let edit = client.request("textDocument/rename", params);
    let edits = edit["changes"][&uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let renamed = apply(YAML, &edits);
    assert_eq!(renamed, YAML.replace("Env", "Stage"));
    client.shutdown();
}

#[test]
fn symbols_folding_and_selection() {
    let mut client = Client::start();
    let uri = open(&mut client, "outline.yaml", YAML);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        names,
        [
            "AWSTemplateFormatVersion",
            "Description",
            "Parameters",
            "Conditions",
            "Mappings",
            "Resources",
            "Outputs"
        ]
    );
    let resources = &symbols[5]["children"];
    let children: Vec<(String, String)> = resources
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| {
                    (
                        s["name"].as_str().unwrap_or("").to_string(),
                        s["detail"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        children,
        [
            ("Bucket".to_string(), "AWS::S3::Bucket".to_string()),
            ("Queue".to_string(), "AWS::SQS::Queue".to_string()),
            ("Topic".to_string(), "AWS::SNS::Topic".to_string())
        ]
    );
    assert_eq!(
        resources[0]["selectionRange"]["start"],
        pos(YAML, "Bucket:", 0, 0)
    );

    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    let folds = folds.as_array().cloned().unwrap_or_default();
    let resources_line = pos(YAML, "Resources:", 0, 0)["line"].as_u64().unwrap_or(0);
    let outputs_line = pos(YAML, "Outputs:", 0, 0)["line"].as_u64().unwrap_or(0);
    assert!(
        folds
            .iter()
            .any(|f| f["startLine"] == resources_line && f["endLine"] == outputs_line - 1),
        "{folds:?}"
    );

    let position = pos(YAML, "30", 0, 1);
    let ranges = client.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": uri}, "positions": [position]}),
    );
    let first = &ranges[0];
    assert_eq!(first["range"]["start"], pos(YAML, "30", 0, 0));
    assert_eq!(
        first["parent"]["range"]["start"],
        pos(YAML, "DelaySeconds: 30", 0, 0)
    );
    client.shutdown();
}

/// Decodes LSP semantic token data into (line, start, length, type, modifiers).
fn decode(data: &[Value]) -> Vec<(u64, u64, u64, u64, u64)> {
    let mut out = Vec::new();
    let (mut line, mut start) = (0, 0);
    for chunk in data.chunks(5) {
        let get = |i: usize| chunk.get(i).and_then(Value::as_u64).unwrap_or(0);
        if get(0) > 0 {
            start = 0;
        }
        line += get(0);
        start += get(1);
        out.push((line, start, get(2), get(3), get(4)));
    }
    out
}

#[test]
fn semantic_tokens_mark_names_functions_and_pseudo_parameters() {
    let mut client = Client::spawn(&[]);
    let init = client.initialize(json!({}), None);
    let legend = &init["capabilities"]["semanticTokensProvider"]["legend"];
    let types: Vec<&str> = legend["tokenTypes"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        types,
        [
            "class",
            "parameter",
            "enumMember",
            "namespace",
            "property",
            "function",
            "variable"
        ]
    );
    assert_eq!(
        legend["tokenModifiers"],
        json!(["declaration", "readonly", "defaultLibrary"])
    );
    let uri = open(&mut client, "tokens.yaml", YAML);
    let result = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let tokens = decode(
        result["data"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default(),
    );
    let at_text = |needle: &str, nth: usize, delta: usize| {
        let p = pos(YAML, needle, nth, delta);
        (
            p["line"].as_u64().unwrap_or(0),
            p["character"].as_u64().unwrap_or(0),
        )
    };
    let find = |needle: &str, nth: usize, delta: usize| {
        let (line, start) = at_text(needle, nth, delta);
        tokens
            .iter()
            .find(|t| t.0 == line && t.1 == start)
            .copied()
            .unwrap_or_else(|| panic!("no token at {needle} #{nth}: {tokens:?}"))
    };
    // Legend order: class, parameter, enumMember, namespace, property, function, variable.
    assert_eq!(
        find("Bucket:", 0, 0),
        (find("Bucket:", 0, 0).0, find("Bucket:", 0, 0).1, 6, 0, 1)
    );
    assert_eq!(find("Env:", 0, 0).3, 1);
    assert_eq!(find("!Ref Env\n", 0, 0).3, 5);
    assert_eq!(find("!Ref Env\n", 0, 5).3, 1);
    assert_eq!(find("AWS::Region", 0, 0).3, 6);
    assert_eq!(find("AWS::Region", 0, 0).4, 6);
    assert_eq!(find("IsProd, ", 0, 0).3, 2);
    client.shutdown();
}

fn code_actions(client: &mut Client, uri: &str, position: Value) -> Vec<Value> {
    let result = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": position, "end": position}, "context": {"diagnostics": []}}),
    );
    result.as_array().cloned().unwrap_or_default()
}

fn action<'a>(actions: &'a [Value], title_part: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains(title_part))
        .unwrap_or_else(|| {
            panic!(
                "no `{title_part}` in {:?}",
                actions.iter().map(|a| &a["title"]).collect::<Vec<_>>()
            )
        })
}

#[test]
fn code_actions_convert_extract_and_fix() {
    let mut client = Client::start();
    let uri = open(&mut client, "actions.yaml", YAML);
    let actions = code_actions(&mut client, &uri, pos(YAML, "!Ref Env\n", 0, 6));
    let convert = action(&actions, "long form");
    assert_eq!(convert["kind"], "refactor.rewrite");
    let edits = edits_in(convert, &uri);
    assert_eq!(
        apply(YAML, &edits),
        YAML.replace(
            "      QueueName: !Ref Env\n",
            "      QueueName:\n        Ref: Env\n"
        )
    );
    let actions = code_actions(&mut client, &uri, pos(YAML, "Fn::GetAtt: [Queue", 0, 2));
    let edits = edits_in(action(&actions, "short form"), &uri);
    assert_eq!(
        apply(YAML, &edits),
        YAML.replace(
            "    Value:\n      Fn::GetAtt: [Queue, QueueUrl]\n",
            "    Value: !GetAtt Queue.QueueUrl\n"
        )
    );
    let actions = code_actions(&mut client, &uri, pos(YAML, "30", 0, 1));
    let extract = action(&actions, "Extract");
    assert_eq!(extract["kind"], "refactor.extract");
    let edits = edits_in(extract, &uri);
    assert_eq!(
        apply(YAML, &edits),
        YAML.replace(
            "    Description: Deployment stage\n",
            "    Description: Deployment stage\n  DelaySeconds:\n    Type: Number\n    Default: 30\n"
        )
        .replace("DelaySeconds: 30", "DelaySeconds: !Ref DelaySeconds")
    );

    let json_uri = open(&mut client, "actions.json", JSON);
    let actions = code_actions(&mut client, &json_uri, pos(JSON, "30", 0, 1));
    let edits = edits_in(action(&actions, "Extract"), &json_uri);
    assert_eq!(
        apply(JSON, &edits),
        JSON.replace(
            "\"Description\": \"Deployment stage\"}",
            "\"Description\": \"Deployment stage\"},\n    \"DelaySeconds\": {\"Type\": \"Number\", \"Default\": 30}"
        )
        .replace("\"DelaySeconds\": 30", "\"DelaySeconds\": {\"Ref\": \"DelaySeconds\"}")
    );

    // A quick fix from a diagnostic: the did-you-mean of an unknown `Ref`.
    let typo = YAML.replace("QueueName: !Ref Env", "QueueName: !Ref Evn");
    let typo_uri = open(&mut client, "typo.yaml", &typo);
    let diagnostics = client.diagnostics_for(&typo_uri, 1);
    assert!(!diagnostics.is_empty());
    let actions = code_actions(&mut client, &typo_uri, pos(&typo, "Evn", 0, 1));
    let fixes: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    let fix = fixes
        .first()
        .unwrap_or_else(|| panic!("no quick fix in {actions:?}"));
    assert!(fix["diagnostics"][0]["message"].as_str().is_some());
    let edits = edits_in(fix, &typo_uri);
    assert_eq!(apply(&typo, &edits), YAML);
    client.shutdown();
}

#[test]
fn workspace_symbols_cover_open_templates() {
    let mut client = Client::start();
    open(&mut client, "one.yaml", YAML);
    let json_uri = open(&mut client, "two.json", JSON);
    let result = client.request("workspace/symbol", json!({"query": "BucketArn"}));
    let found = result.as_array().cloned().unwrap_or_default();
    let uris: Vec<&str> = found
        .iter()
        .filter(|s| s["name"] == "BucketArn")
        .filter_map(|s| s["location"]["uri"].as_str())
        .collect();
    assert_eq!(uris.len(), 2, "{found:?}");
    assert!(uris.contains(&json_uri.as_str()));
    let result = client.request("workspace/symbol", json!({"query": "queue"}));
    let first = &result[0];
    assert_eq!(first["name"], "Queue");
    assert_eq!(first["containerName"], "AWS::SQS::Queue");
    client.shutdown();
}

/// JSON cut off in the middle of a key, with no closing brackets.
const BROKEN_JSON: &str = "{\n  \"Parameters\": {\"Env\": {\"Type\": \"String\"}},\n  \"Resources\": {\n    \"Bucket\": {\"Type\": \"AWS::S3::Bucket\"},\n    \"Queue\": {\n      \"Type\": \"AWS::SQS::Queue\",\n      \"Properties\": {\n        \"QueueName\": {\"Ref\": \"\"},\n        \"Visi\n";

#[test]
fn json_completion_on_a_broken_document() {
    let mut client = Client::start();
    let uri = open(&mut client, "broken.json", BROKEN_JSON);
    let items = completion(&mut client, &uri, pos(BROKEN_JSON, "\"Visi", 0, 5));
    let entry = item(&items, "VisibilityTimeout");
    assert_eq!(
        entry["textEdit"]["range"]["start"],
        pos(BROKEN_JSON, "Visi", 0, 0)
    );
    assert!(
        apply(BROKEN_JSON, &[entry["textEdit"].clone()]).contains("        \"VisibilityTimeout\n")
    );
    assert!(!labels(&items).contains(&"QueueName".to_string()));
    let items = completion(&mut client, &uri, pos(BROKEN_JSON, "{\"Ref\": \"\"}", 0, 9));
    assert_eq!(labels(&items)[..2], ["Env", "Bucket"]);
    client.shutdown();
}

#[test]
fn workspace_symbols_include_templates_on_disk() {
    let root = std::env::temp_dir().join(format!("awsls-workspace-symbols-{}", std::process::id()));
    let nested = root.join("stacks");
    std::fs::create_dir_all(&nested).expect("create workspace");
    std::fs::write(
        nested.join("network.yaml"),
        "Resources:\n  SharedVpc:\n    Type: AWS::EC2::VPC\n",
    )
    .expect("write template");
    std::fs::write(root.join("notes.yaml"), "name: not a template\n").expect("write other file");
    let mut client = Client::spawn(&[]);
    let root_uri = format!("file://{}", root.display());
    client.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    let result = client.request("workspace/symbol", json!({"query": "sharedvpc"}));
    let found = result.as_array().cloned().unwrap_or_default();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["name"], "SharedVpc");
    assert_eq!(found[0]["containerName"], "AWS::EC2::VPC");
    assert_eq!(
        found[0]["location"]["uri"],
        format!("{root_uri}/stacks/network.yaml")
    );
    assert_eq!(
        found[0]["location"]["range"]["start"],
        json!({"line": 1, "character": 2})
    );
    client.shutdown();
    let _ = std::fs::remove_dir_all(&root);
}

/// A YAML template of about 5,000 lines whose resources refer to each other.
fn large_template() -> String {
    let mut out = String::from("AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n");
    for i in 0..20 {
        out.push_str(&format!(
            "  Param{i}:\n    Type: String\n    Default: value{i}\n"
        ));
    }
    out.push_str("Resources:\n");
    let mut i = 0;
    while out.lines().count() < 4980 {
        let p = i % 20;
        out.push_str(&format!(
            "  Queue{i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${{Param{p}}}-queue-{i}'\n      DelaySeconds: 5\n      Tags:\n        - Key: Name\n          Value: !Ref Param{p}\n  Bucket{i}:\n    Type: AWS::S3::Bucket\n    DependsOn: Queue{i}\n    Properties:\n      BucketName: !Join ['-', [!Ref Param{p}, !GetAtt Queue{i}.QueueName]]\n  Topic{i}:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt Bucket{i}.Arn\n"
        ));
        i += 1;
    }
    out
}

fn percentiles(
    mut samples: Vec<std::time::Duration>,
) -> (std::time::Duration, std::time::Duration) {
    samples.sort();
    let p50 = samples[samples.len() / 2];
    let p99 = samples[(samples.len() * 99) / 100];
    (p50, p99)
}

/// Prints p50/p99 of completion and hover on a 5,000-line template, first
/// as analysis calls, then as round trips over stdio. Run with
/// `cargo test -p awsls --release --test e2e latency_over_stdio -- --ignored --nocapture`.
#[test]
#[ignore]
fn latency_over_stdio() {
    let text = large_template();
    let snapshot = awsls::analysis::Snapshot::from_text("large.yaml", &text);
    let middle = text.len() / 2;
    let offset_of_needle =
        |needle: &str, delta: usize| middle + text[middle..].find(needle).expect("needle") + delta;
    let offsets = [
        (
            "property key",
            offset_of_needle("      DelaySeconds: 5\n", 8),
        ),
        ("Ref target", offset_of_needle("!Ref Param", 6)),
        (
            "resource type",
            offset_of_needle("Type: AWS::S3::Bucket", 12),
        ),
        ("GetAtt", offset_of_needle("!GetAtt Bucket", 15)),
    ];
    println!(
        "template: {} lines, {} bytes",
        text.lines().count(),
        text.len()
    );
    for (name, offset) in offsets {
        let samples = (0..200)
            .map(|_| {
                let start = std::time::Instant::now();
                let entries = awsls::analysis::completion::complete(&snapshot, offset);
                assert!(!entries.is_empty(), "{name}");
                start.elapsed()
            })
            .collect();
        let (p50, p99) = percentiles(samples);
        println!("analysis completion      {name:14} p50={p50:?} p99={p99:?}");
    }
    for (name, offset) in offsets {
        let samples = (0..200)
            .map(|_| {
                let start = std::time::Instant::now();
                let _ = awsls::analysis::hover::hover(&snapshot, offset);
                start.elapsed()
            })
            .collect();
        let (p50, p99) = percentiles(samples);
        println!("analysis hover           {name:14} p50={p50:?} p99={p99:?}");
    }
    let mut client = Client::start();
    let uri = open(&mut client, "large.yaml", &text);
    let _ = client.diagnostics_for(&uri, 1);
    let middle = text.len() / 2;
    let anchor = |needle: &str, delta: usize| {
        let offset = middle + text[middle..].find(needle).expect("needle") + delta;
        let before = &text[..offset];
        json!({"line": before.matches('\n').count(), "character": offset - before.rfind('\n').map(|i| i + 1).unwrap_or(0)})
    };
    let cases = [
        ("property key", anchor("      DelaySeconds: 5\n", 8)),
        ("Ref target", anchor("!Ref Param", 6)),
        ("resource type", anchor("Type: AWS::S3::Bucket", 12)),
        ("GetAtt", anchor("!GetAtt Bucket", 15)),
    ];
    for method in ["textDocument/completion", "textDocument/hover"] {
        for (name, position) in &cases {
            let samples = (0..200)
                .map(|_| {
                    let start = std::time::Instant::now();
                    let _ = client.request(method, at(&uri, position.clone()));
                    start.elapsed()
                })
                .collect();
            let (p50, p99) = percentiles(samples);
            println!("{method:24} {name:14} p50={p50:?} p99={p99:?}");
        }
    }
    client.shutdown();
}
