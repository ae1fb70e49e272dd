//! Property tests of robustness and edit safety over generated CloudFormation
//! templates (YAML and JSON, valid and mutated): no analysis panics or
//! answers with a range outside the text; incremental re-parsing equals a
//! parse from scratch; and every edit the analyses offer (quick fixes,
//! refactorings, renames, completions) applies cleanly, adds no syntax
//! problem and leaves the rest of the document as it was. Inputs the fuzz
//! targets in `tests/fuzz` found crashing are kept here as regression tests.
//! (Library-level, no server process: these run the analyses directly.)

use awsls_grammars::{Document, Format, NodeId, NodeKind, Source, Span};
use proptest::prelude::*;

use awsls::analysis::cfn::navigation::declarations;
use awsls::analysis::cfn::template::Template;
use awsls::analysis::{
    code_actions, completion, diagnostics, hover, navigation, outline, semantic_tokens,
};
use awsls::analysis::{DocKind, Snapshot, TextEdit};

// ---------------------------------------------------------------------------
// Generated templates

const PARAMETERS: [&str; 3] = ["Env", "Size", "Stage"];
const RESOURCES: [&str; 4] = ["Queue", "Bucket", "Topic", "Handler"];
const CONDITIONS: [&str; 2] = ["IsProd", "HasName"];
/// Names referenced but maybe not declared, some of them near misses.
const TARGETS: [&str; 8] = [
    "Env", "Size", "Queue", "Bucket", "Topic", "Queu", "Stgae", "Nowhere",
];
const TYPES: [&str; 7] = [
    "AWS::SQS::Queue",
    "AWS::S3::Bucket",
    "AWS::SNS::Topic",
    "AWS::Lambda::Function",
    "AWS::S3::Buckt",
    "AWS::SQS::Queu",
    "Custom::Thing",
];
const PROPERTIES: [&str; 9] = [
    "QueueName",
    "DelaySeconds",
    "BucketName",
    "DisplayName",
    "Runtime",
    "Handler",
    "Nmae",
    "VisibilityTimeout",
    "Tags",
];
const LITERALS: [&str; 8] = [
    "hello",
    "prod",
    "10",
    "true",
    "two words",
    "python3.6",
    "a-b_c",
    "caf\u{e9}",
];

#[derive(Clone, Debug)]
enum Value {
    Lit(&'static str),
    Ref(&'static str),
    GetAtt(&'static str),
    Sub(&'static str),
    Join(Vec<Value>),
    If(&'static str, Box<Value>, Box<Value>),
    List(Vec<Value>),
}

#[derive(Clone, Debug)]
struct Resource {
    name: &'static str,
    kind: &'static str,
    condition: Option<&'static str>,
    depends_on: Option<&'static str>,
    properties: Vec<(&'static str, Value)>,
}

#[derive(Clone, Debug)]
struct Model {
    parameters: Vec<&'static str>,
    conditions: Vec<&'static str>,
    resources: Vec<Resource>,
    outputs: Vec<Value>,
    /// Intrinsics written in short form (`!Ref`) rather than long (`Ref:`).
    short: bool,
}

fn pick<T: Copy + std::fmt::Debug + 'static>(pool: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(pool)
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        pick(&LITERALS).prop_map(Value::Lit),
        pick(&TARGETS).prop_map(Value::Ref),
        pick(&TARGETS).prop_map(Value::GetAtt),
        pick(&TARGETS).prop_map(Value::Sub),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3).prop_map(Value::Join),
            prop::collection::vec(inner.clone(), 1..3).prop_map(Value::List),
            (pick(&CONDITIONS), inner.clone(), inner).prop_map(|(c, a, b)| Value::If(
                c,
                Box::new(a),
                Box::new(b)
            )),
        ]
    })
}

fn resource() -> impl Strategy<Value = Resource> {
    (
        pick(&RESOURCES),
        pick(&TYPES),
        prop::option::of(pick(&CONDITIONS)),
        prop::option::of(pick(&TARGETS)),
        prop::collection::vec((pick(&PROPERTIES), value()), 0..4),
    )
        .prop_map(|(name, kind, condition, depends_on, properties)| Resource {
            name,
            kind,
            condition,
            depends_on,
            properties,
        })
}

fn model() -> impl Strategy<Value = Model> {
    (
        prop::sample::subsequence(PARAMETERS.to_vec(), 0..=3),
        prop::sample::subsequence(CONDITIONS.to_vec(), 0..=2),
        prop::collection::vec(resource(), 1..4),
        prop::collection::vec(value(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(parameters, conditions, mut resources, outputs, short)| {
            resources.sort_by_key(|r| r.name);
            resources.dedup_by_key(|r| r.name);
            for r in &mut resources {
                r.properties.sort_by_key(|p| p.0);
                r.properties.dedup_by_key(|p| p.0);
            }
            Model {
                parameters,
                conditions,
                resources,
                outputs,
                short,
            }
        })
}

fn yaml_scalar(text: &str) -> String {
    if text.contains(' ') || text.parse::<f64>().is_ok() || text == "true" {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

/// A value in YAML flow style, intrinsics in short or long form.
fn yaml_flow(value: &Value, short: bool) -> String {
    let call = |name: &str, tag: &str, arg: String| {
        if short {
            format!("!{tag} {arg}")
        } else {
            format!("{{{name}: {arg}}}")
        }
    };
    let list = |items: &[Value]| {
        let inner: Vec<String> = items.iter().map(|v| yaml_flow(v, short)).collect();
        format!("[{}]", inner.join(", "))
    };
    match value {
        Value::Lit(text) => yaml_scalar(text),
        Value::Ref(name) => call("Ref", "Ref", name.to_string()),
        Value::GetAtt(name) => call("Fn::GetAtt", "GetAtt", format!("{name}.Arn")),
        Value::Sub(name) => call("Fn::Sub", "Sub", format!("\"${{{name}}}-x\"")),
        Value::Join(items) => call("Fn::Join", "Join", format!("[\"-\", {}]", list(items))),
        Value::If(c, a, b) => call(
            "Fn::If",
            "If",
            format!("[{c}, {}, {}]", yaml_flow(a, short), yaml_flow(b, short)),
        ),
        Value::List(items) => list(items),
    }
}

fn json_value(value: &Value) -> String {
    let list = |items: &[Value]| {
        let inner: Vec<String> = items.iter().map(json_value).collect();
        format!("[{}]", inner.join(", "))
    };
    match value {
        Value::Lit(text) => format!("\"{text}\""),
        Value::Ref(name) => format!("{{\"Ref\": \"{name}\"}}"),
        Value::GetAtt(name) => format!("{{\"Fn::GetAtt\": [\"{name}\", \"Arn\"]}}"),
        Value::Sub(name) => format!("{{\"Fn::Sub\": \"${{{name}}}-x\"}}"),
        Value::Join(items) => format!("{{\"Fn::Join\": [\"-\", {}]}}", list(items)),
        Value::If(c, a, b) => format!(
            "{{\"Fn::If\": [\"{c}\", {}, {}]}}",
            json_value(a),
            json_value(b)
        ),
        Value::List(items) => list(items),
    }
}

fn condition_yaml(name: &str, short: bool) -> String {
    if short {
        format!("  {name}: !Equals [!Ref Env, prod]\n")
    } else {
        format!("  {name}:\n    Fn::Equals:\n      - Ref: Env\n      - prod\n")
    }
}

fn render_yaml(model: &Model) -> String {
    let mut out = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\n");
    if !model.parameters.is_empty() {
        out.push_str("Parameters:\n");
        for p in &model.parameters {
            out.push_str(&format!("  {p}:\n    Type: String\n    Default: prod\n"));
        }
    }
    if !model.conditions.is_empty() {
        out.push_str("Conditions:\n");
        for c in &model.conditions {
            out.push_str(&condition_yaml(c, model.short));
        }
    }
    out.push_str("Resources:\n");
    for r in &model.resources {
        out.push_str(&format!("  {}:\n    Type: {}\n", r.name, r.kind));
        if let Some(c) = r.condition {
            out.push_str(&format!("    Condition: {c}\n"));
        }
        if let Some(d) = r.depends_on {
            out.push_str(&format!("    DependsOn: {d}\n"));
        }
        if !r.properties.is_empty() {
            out.push_str("    Properties:\n");
            for (name, value) in &r.properties {
                out.push_str(&format!(
                    "      {name}: {}\n",
                    yaml_flow(value, model.short)
                ));
            }
        }
    }
    if !model.outputs.is_empty() {
        out.push_str("Outputs:\n");
        for (i, value) in model.outputs.iter().enumerate() {
            out.push_str(&format!(
                "  Out{i}:\n    Value: {}\n",
                yaml_flow(value, model.short)
            ));
        }
    }
    out
}

fn render_json(model: &Model) -> String {
    let mut sections = vec!["  \"AWSTemplateFormatVersion\": \"2010-09-09\"".to_string()];
    if !model.parameters.is_empty() {
        let items: Vec<String> = model
            .parameters
            .iter()
            .map(|p| format!("    \"{p}\": {{\"Type\": \"String\", \"Default\": \"prod\"}}"))
            .collect();
        sections.push(format!("  \"Parameters\": {{\n{}\n  }}", items.join(",\n")));
    }
    if !model.conditions.is_empty() {
        let items: Vec<String> = model
            .conditions
            .iter()
            .map(|c| format!("    \"{c}\": {{\"Fn::Equals\": [{{\"Ref\": \"Env\"}}, \"prod\"]}}"))
            .collect();
        sections.push(format!("  \"Conditions\": {{\n{}\n  }}", items.join(",\n")));
    }
    let resources: Vec<String> = model
        .resources
        .iter()
        .map(|r| {
            let mut fields = vec![format!("      \"Type\": \"{}\"", r.kind)];
            if let Some(c) = r.condition {
                fields.push(format!("      \"Condition\": \"{c}\""));
            }
            if let Some(d) = r.depends_on {
                fields.push(format!("      \"DependsOn\": \"{d}\""));
            }
            if !r.properties.is_empty() {
                let props: Vec<String> = r
                    .properties
                    .iter()
                    .map(|(n, v)| format!("        \"{n}\": {}", json_value(v)))
                    .collect();
                fields.push(format!(
                    "      \"Properties\": {{\n{}\n      }}",
                    props.join(",\n")
                ));
            }
            format!("    \"{}\": {{\n{}\n    }}", r.name, fields.join(",\n"))
        })
        .collect();
    sections.push(format!(
        "  \"Resources\": {{\n{}\n  }}",
        resources.join(",\n")
    ));
    if !model.outputs.is_empty() {
        let items: Vec<String> = model
            .outputs
            .iter()
            .enumerate()
            .map(|(i, v)| format!("    \"Out{i}\": {{\"Value\": {}}}", json_value(v)))
            .collect();
        sections.push(format!("  \"Outputs\": {{\n{}\n  }}", items.join(",\n")));
    }
    format!("{{\n{}\n}}\n", sections.join(",\n"))
}

/// A generated template: its file name and text.
fn template() -> impl Strategy<Value = (&'static str, String)> {
    (model(), any::<bool>()).prop_map(|(m, json)| {
        if json {
            ("template.json", render_json(&m))
        } else {
            ("template.yaml", render_yaml(&m))
        }
    })
}

/// Pieces of text a mutation inserts: structure characters and fragments
/// that often confuse a parser.
const FRAGMENTS: [&str; 14] = [
    "\n", ":", " ", "\t", "{", "}", "[", "]", "\"", "'", "!Ref ", "- ", "&a *a", "\r",
];

/// A generated template with a few random deletions and insertions.
fn mutated_template() -> impl Strategy<Value = (&'static str, String)> {
    (
        template(),
        prop::collection::vec(
            (any::<prop::sample::Index>(), 0..6usize, pick(&FRAGMENTS)),
            1..5,
        ),
    )
        .prop_map(|((name, mut text), mutations)| {
            for (at, delete, insert) in mutations {
                let start = floor_boundary(&text, at.index(text.len() + 1));
                let end = floor_boundary(&text, start + delete).max(start);
                text.replace_range(start..end, insert);
            }
            (name, text)
        })
}

// ---------------------------------------------------------------------------
// Checks

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn format_of(name: &str) -> Format {
    if name.ends_with(".json") {
        Format::Json
    } else {
        Format::Yaml
    }
}

fn assert_in_text(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not a range of the text ({} bytes):\n{text}",
        text.len()
    );
}

/// Every analysis entry point at `offsets`; panics (the failure) when one
/// panics or answers with a range that is not in the text. The same pipeline
/// as the `parse_yaml`/`parse_json` fuzz targets.
fn analyse_all(name: &str, text: &str, offsets: &[usize]) {
    let snapshot = Snapshot::from_text(name, text);
    for problem in &snapshot.document.problems {
        assert_in_text(text, problem.span, "syntax problem");
    }
    for finding in diagnostics(&snapshot) {
        assert_in_text(text, finding.span, finding.code());
    }
    let _ = outline::document_symbols(&snapshot);
    let _ = outline::folding_ranges(&snapshot);
    for token in semantic_tokens::tokens(&snapshot) {
        assert_in_text(text, token.span, "semantic token");
    }
    for &offset in offsets {
        if let Some(info) = hover::hover(&snapshot, offset) {
            assert_in_text(text, info.span, "hover");
        }
        for entry in completion::complete(&snapshot, offset) {
            assert_in_text(text, entry.replace, "completion");
        }
        let _ = navigation::definition(&snapshot, offset);
        let _ = navigation::references(&snapshot, offset, true);
        let _ = navigation::highlights(&snapshot, offset);
        let _ = navigation::prepare_rename(&snapshot, offset);
        let _ = navigation::rename(&snapshot, offset, "Renamed1");
        let _ = outline::selection_ranges(&snapshot, offset);
        for action in code_actions::code_actions(&snapshot, Span::new(offset, offset)) {
            for edit in &action.edits {
                assert_in_text(text, edit.span, "code action edit");
            }
        }
    }
}

/// Applies `edits` (non-overlapping, in any order) to `text`.
fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.new_text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Where `offset` (outside every edit) lands after the edits.
fn shift(edits: &[TextEdit], offset: usize) -> usize {
    let mut out = offset;
    for e in edits {
        if e.span.end <= offset {
            out = out + e.new_text.len() - e.span.len();
        }
    }
    out
}

/// Checks one action's edits: ranges in the text, no two overlapping.
fn check_ranges(text: &str, edits: &[TextEdit], what: &str) {
    for edit in edits {
        assert_in_text(text, edit.span, what);
    }
    let mut spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
    spans.sort_by_key(|s| (s.start, s.end));
    for pair in spans.windows(2) {
        assert!(
            pair[0].end <= pair[1].start && !(pair[0].is_empty() && pair[0] == pair[1]),
            "{what}: edits overlap ({:?} and {:?}) in\n{text}",
            pair[0],
            pair[1]
        );
    }
}

fn syntax_problems(doc: &Document) -> usize {
    doc.problems.len()
}

/// Every mapping key of the document with the keys above it (outermost
/// first); intrinsics and sequences add no level.
/// A mapping key (span and text) and the keys above it, outermost first.
type KeyPath = (Span, String, Vec<(Span, String)>);

fn key_paths(doc: &Document) -> Vec<KeyPath> {
    fn walk(
        doc: &Document,
        node: NodeId,
        path: &mut Vec<(Span, String)>,
        out: &mut Vec<KeyPath>,
        depth: usize,
    ) {
        if depth > 64 {
            return;
        }
        match &doc.node(node).kind {
            NodeKind::Mapping(entries) => {
                for e in entries {
                    out.push((e.key.span, e.key.text.clone(), path.clone()));
                    path.push((e.key.span, e.key.text.clone()));
                    walk(doc, e.value, path, out, depth + 1);
                    path.pop();
                }
            }
            NodeKind::Sequence(items) => {
                for item in items {
                    walk(doc, *item, path, out, depth + 1);
                }
            }
            NodeKind::Intrinsic(call) => walk(doc, call.argument, path, out, depth + 1),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for root in &doc.roots {
        walk(doc, *root, &mut Vec::new(), &mut out, 0);
    }
    out
}

fn touches_edit(edits: &[TextEdit], span: Span) -> bool {
    edits
        .iter()
        .any(|e| e.span.start <= span.end && span.start <= e.span.end)
}

/// Applies one action's edits and checks that the result has no more syntax
/// problems than before and that every key away from the edits is still
/// there, with the same text, under the same keys. Returns the new text.
fn check_edit_is_safe(name: &str, text: &str, edits: &[TextEdit], what: &str) -> String {
    check_ranges(text, edits, what);
    let format = format_of(name);
    let before = awsls_grammars::parse(text, format);
    let after_text = apply(text, edits);
    let after = awsls_grammars::parse(&after_text, format);
    assert!(
        syntax_problems(&after) <= syntax_problems(&before),
        "{what}: {edits:?} adds syntax problems: {:?}\nbefore:\n{text}\nafter:\n{after_text}",
        after.problems
    );
    let new_keys = key_paths(&after);
    for (span, key, path) in key_paths(&before) {
        if touches_edit(edits, span) {
            continue;
        }
        let moved = shift(edits, span.start);
        let found = new_keys
            .iter()
            .find(|(s, k, _)| s.start == moved && *k == key);
        let Some((_, _, new_path)) = found else {
            panic!("{what}: key `{key}` at {span:?} is gone after {edits:?}\nbefore:\n{text}\nafter:\n{after_text}");
        };
        assert_eq!(
            new_path.len(),
            path.len(),
            "{what}: key `{key}` moved to another level after {edits:?}\nafter:\n{after_text}"
        );
        for ((old_span, old), (_, new)) in path.iter().zip(new_path) {
            assert!(
                touches_edit(edits, *old_span) || old == new,
                "{what}: key `{key}` is now under `{new}` instead of `{old}` after {edits:?}\nafter:\n{after_text}"
            );
        }
    }
    after_text
}

/// Every quick fix of every finding, and every refactoring offered at the
/// start of every node.
/// Returns how many (quick fixes, refactorings) were checked.
fn check_all_code_actions(name: &str, text: &str) -> (usize, usize) {
    let (mut fixes, mut refactorings) = (0, 0);
    let snapshot = Snapshot::from_text(name, text);
    for finding in diagnostics(&snapshot) {
        for fix in &finding.fixes {
            let what = format!("quick fix `{}` of {}", fix.title, finding.code());
            check_edit_is_safe(name, text, &fix.edits, &what);
            fixes += 1;
        }
    }
    let mut starts: Vec<usize> = snapshot
        .document
        .nodes
        .iter()
        .map(|n| n.span.start)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    for start in starts {
        for action in code_actions::code_actions(&snapshot, Span::new(start, start)) {
            if action.kind == code_actions::ActionKind::QuickFix {
                continue;
            }
            let what = format!("refactoring `{}` at {start}", action.title);
            check_edit_is_safe(name, text, &action.edits, &what);
            refactorings += 1;
        }
    }
    (fixes, refactorings)
}

/// Every declared name renamed to a fresh one: the edits are exactly the
/// old references, and afterwards the new name's references are the old
/// name's, moved by the edits.
fn check_all_renames(name: &str, text: &str) -> usize {
    let mut checked = 0;
    let snapshot = Snapshot::from_text(name, text);
    let template = Template::of(&snapshot);
    let names: Vec<Span> = declarations(template)
        .into_iter()
        .map(|(_, _, span)| span)
        .collect();
    for (i, span) in names.into_iter().enumerate() {
        let offset = span.start + 1;
        let new_name = format!("Fresh{i}Name");
        let Ok(edits) = navigation::rename(&snapshot, offset, &new_name) else {
            continue;
        };
        let what = format!("rename at {offset} to {new_name}");
        let mut old_refs = navigation::references(&snapshot, offset, true);
        let mut edit_spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
        old_refs.sort_by_key(|s| s.start);
        edit_spans.sort_by_key(|s| s.start);
        assert_eq!(edit_spans, old_refs, "{what}: edits are not the references");
        let after_text = check_edit_is_safe(name, text, &edits, &what);
        let after = Snapshot::from_text(name, &after_text);
        let declaration = shift(&edits, span.start);
        let mut new_refs = navigation::references(&after, declaration + 1, true);
        new_refs.sort_by_key(|s| s.start);
        let expected: Vec<Span> = old_refs
            .iter()
            .map(|s| {
                let start = shift(&edits, s.start);
                Span::new(start, start + new_name.len())
            })
            .collect();
        assert_eq!(
            new_refs, expected,
            "{what}: references differ after the rename\nafter:\n{after_text}"
        );
        checked += 1;
    }
    checked
}

/// Expands a completion snippet to the text it inserts with every
/// placeholder left at its default.
fn expand_snippet(snippet: &str) -> String {
    let mut out = String::new();
    let mut chars = snippet.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '$' if chars.peek() == Some(&'{') => {
                chars.next();
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                if chars.peek() == Some(&':') {
                    chars.next();
                }
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    out.push(c);
                }
            }
            '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every completion at `offset`: its range is the word being typed (one
/// line, around the cursor); after the first few are applied, every analysis
/// still answers within the new text.
fn check_completions(name: &str, text: &str, offset: usize) {
    let snapshot = Snapshot::from_text(name, text);
    let mut checked = 0;
    for entry in completion::complete(&snapshot, offset) {
        let what = format!("completion `{}` at {offset}", entry.label);
        assert_in_text(text, entry.replace, &what);
        assert!(
            entry.replace.start <= offset && offset <= entry.replace.end,
            "{what}: range {:?} is not around the cursor in {name}:\n{text}",
            entry.replace
        );
        assert!(
            !text[entry.replace.start..entry.replace.end].contains('\n'),
            "{what}: range {:?} spans lines",
            entry.replace
        );
        let new_text = if entry.snippet {
            expand_snippet(&entry.insert_text)
        } else {
            entry.insert_text.clone()
        };
        // The next requests an editor sends, after the first few items.
        if checked < 3 {
            let cursor = entry.replace.start + new_text.len();
            let edit = TextEdit {
                span: entry.replace,
                new_text,
            };
            let after = apply(text, &[edit]);
            analyse_all(name, &after, &[cursor]);
            checked += 1;
        }
    }
}

/// A random edit sequence applied through [`Source::edit`], re-parsing
/// along the way when asked; the result must equal a parse from scratch.
fn check_incremental(name: &str, text: &str, edits: &[(usize, usize, &str, bool)]) {
    let format = format_of(name);
    let mut source = Source::new(text, format);
    let mut expected = text.to_string();
    for (at, delete, insert, reparse) in edits {
        let start = floor_boundary(&expected, *at);
        let end = floor_boundary(&expected, start + delete).max(start);
        source.edit(Span::new(start, end), insert);
        expected.replace_range(start..end, insert);
        if *reparse {
            source.reparse();
        }
    }
    assert_eq!(source.text().to_string(), expected);
    let incremental = source.reparse();
    let fresh = awsls_grammars::parse(&expected, format);
    // Splices put re-read parts at the end of the arena: compare the trees.
    assert!(
        incremental.compacted() == fresh.compacted(),
        "incremental parse differs from a fresh parse of {expected:?}"
    );
}

/// Cases per property: a few seconds' worth by default, more with
/// `AWSLS_EDIT_SAFETY_CASES` for a longer search.
fn cases() -> u32 {
    std::env::var("AWSLS_EDIT_SAFETY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn analyses_answer_within_the_text((name, text) in mutated_template(), picks in prop::collection::vec(any::<prop::sample::Index>(), 6)) {
        let offsets: Vec<usize> = picks.iter().map(|p| floor_boundary(&text, p.index(text.len() + 1))).collect();
        analyse_all(name, &text, &offsets);
    }

    #[test]
    fn incremental_parse_equals_fresh_parse(
        (name, text) in prop_oneof![template(), mutated_template()],
        edits in prop::collection::vec((0..2000usize, 0..8usize, pick(&FRAGMENTS), any::<bool>()), 1..8),
    ) {
        check_incremental(name, &text, &edits);
    }

    #[test]
    fn code_actions_are_safe((name, text) in template()) {
        let _ = check_all_code_actions(name, &text);
    }

    #[test]
    fn renames_are_safe((name, text) in template()) {
        let _ = check_all_renames(name, &text);
    }

    #[test]
    fn completions_replace_only_the_word((name, text) in template(), picks in prop::collection::vec(any::<prop::sample::Index>(), 4)) {
        for pick in picks {
            check_completions(name, &text, floor_boundary(&text, pick.index(text.len() + 1)));
        }
    }
}

// ---------------------------------------------------------------------------
// Fixed inputs

#[test]
fn snippets_expand_to_their_defaults() {
    assert_eq!(expand_snippet("Type: ${1:String}$0"), "Type: String");
    assert_eq!(expand_snippet("!Ref $1"), "!Ref ");
    assert_eq!(expand_snippet("a\\$b"), "a$b");
}

#[test]
fn generated_templates_are_clean_yaml_and_json() {
    let model = Model {
        parameters: vec!["Env"],
        conditions: vec!["IsProd"],
        resources: vec![Resource {
            name: "Queue",
            kind: "AWS::SQS::Queue",
            condition: Some("IsProd"),
            depends_on: None,
            properties: vec![(
                "QueueName",
                Value::If(
                    "IsProd",
                    Box::new(Value::Sub("Env")),
                    Box::new(Value::Join(vec![
                        Value::Lit("two words"),
                        Value::Ref("Env"),
                    ])),
                ),
            )],
        }],
        outputs: vec![Value::GetAtt("Queue")],
        short: true,
    };
    for text in [render_yaml(&model), render_json(&model)] {
        let name = if text.starts_with('{') {
            "template.json"
        } else {
            "template.yaml"
        };
        let snapshot = Snapshot::from_text(name, &text);
        assert!(snapshot.document.problems.is_empty(), "{text}");
        assert_eq!(snapshot.kind, Some(DocKind::CloudFormation));
        // Short to long form for each of `!If`, `!Sub`, `!Join`, `!Ref`,
        // `!GetAtt` in YAML, and an extract-parameter somewhere in both.
        let (_, refactorings) = check_all_code_actions(name, &text);
        assert!(refactorings >= 2, "{refactorings} refactorings in\n{text}");
        // Env, IsProd, Queue and the output.
        assert_eq!(check_all_renames(name, &text), 4, "{text}");
    }
}

#[test]
fn misspellings_get_quick_fixes_that_are_safe() {
    let model = Model {
        parameters: vec!["Stage"],
        conditions: vec![],
        resources: vec![Resource {
            name: "Queue",
            kind: "AWS::SQS::Queu",
            condition: None,
            depends_on: Some("Stgae"),
            properties: vec![("Nmae", Value::Ref("Stgae"))],
        }],
        outputs: vec![Value::GetAtt("Queu")],
        short: false,
    };
    for (name, text) in [
        ("template.yaml", render_yaml(&model)),
        ("template.json", render_json(&model)),
    ] {
        let (fixes, _) = check_all_code_actions(name, &text);
        assert!(fixes >= 2, "{fixes} quick fixes in\n{text}");
    }
}

/// Texts that stress the parsers and analyses, each run through every
/// analysis at its start, middle and end (in the test thread's 2 MB stack,
/// the size of the server's worker threads).
#[test]
fn hostile_texts_go_through_every_analysis() {
    let depth = 3000;
    let head = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: ";
    let mut block = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n");
    for level in 1..depth {
        block.push_str(&" ".repeat(level.min(3000)));
        block.push_str("a:\n");
    }
    let mut laughs =
        String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n  a0: &a0 [x, x]\n");
    for i in 1..40 {
        laughs.push_str(&format!("  a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
    }
    laughs.push_str(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *a39\n",
    );
    let cases = [
        ("template.yaml", format!("{head}{}{}\n", "[".repeat(depth), "]".repeat(depth))),
        ("template.yaml", format!("{head}{}\n", "[".repeat(depth))),
        ("template.yaml", format!("{head}{}\n", "!Ref ".repeat(depth))),
        ("template.yaml", format!("{head}{}x\n", "- ".repeat(depth))),
        ("template.yaml", block),
        ("template.yaml", laughs),
        (
            "template.json",
            format!(
                "{{\"Resources\": {{\"Q\": {{\"Type\": \"AWS::SQS::Queue\", \"Properties\": {}{}}}}}}}",
                "{\"Fn::If\": [".repeat(depth),
                "]}".repeat(depth)
            ),
        ),
        ("template.yaml", "\u{feff}".to_string()),
        (
            "template.yaml",
            "AWSTemplateFormatVersion: x\rResources:\r  Q:\r\tType: [\r".to_string(),
        ),
        ("appspec.yml", "version: 0.0\nhooks:\n  - ".repeat(200)),
        ("policy.json", "{\"Statement\": [".repeat(depth)),
    ];
    for (name, text) in &cases {
        let offsets = [0, floor_boundary(text, text.len() / 2), text.len()];
        analyse_all(name, text, &offsets);
        check_incremental(
            name,
            text,
            &[(text.len() / 2, 3, "]\n", true), (0, 0, "#", false)],
        );
    }
}
