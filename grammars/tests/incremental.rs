//! Property test: after any sequence of edits, the incrementally re-parsed
//! source equals a fresh parse of the final text (model and syntax tree).

use awsls_grammars::{parse, Format, Source, Span};
use proptest::prelude::*;

const YAML_SEED: &str = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub \"${AWS::StackName}-é\"\n      Tags:\n        - Key: Name\n          Value: !GetAtt Role.Arn\n      Script: |\n        echo 日本\n        done\nOutputs:\n  Out:\n    Value: {Ref: Bucket}\n";

const JSON_SEED: &str = "{\n  \"Resources\": {\n    \"Bucket\": {\n      \"Type\": \"AWS::S3::Bucket\",\n      \"Properties\": {\"BucketName\": {\"Fn::Sub\": \"x-\\u00e9\"}, \"Tags\": [1, 2.5, true, null]}\n    }\n  },\n  \"Outputs\": {\"Out\": {\"Value\": {\"Fn::GetAtt\": \"Bucket.Arn\"}}}\n}\n";

const SNIPPETS: &[&str] = &[
    "",
    "a",
    "\n",
    "  ",
    ": ",
    "- ",
    "Ref",
    "!Ref X",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\"",
    "'",
    "é",
    "😀",
    "日本",
    "\n  Key: Value\n",
    "# c",
    "Fn::GetAtt",
    "\t",
    "\r\n",
    "\r",
    "|\n  x\n",
    "&a ",
    "*a",
    "---\n",
    "null",
    "\"Ref\": \"X\"",
    "Condition: C",
    "\\u00e9",
    "0x1F",
    "    ",
];

#[derive(Clone, Debug)]
struct Edit {
    at: usize,
    delete: usize,
    snippet: usize,
    reparse: bool,
}

/// Edits at `0..len` deleting up to `delete` bytes and inserting one of
/// `snippets` snippets, re-parsing after some of them.
fn edit_strategy(len: usize, delete: usize, snippets: usize) -> impl Strategy<Value = Edit> {
    (0..len, 0..delete, 0..snippets, any::<bool>()).prop_map(|(at, delete, snippet, reparse)| {
        Edit {
            at,
            delete,
            snippet,
            reparse,
        }
    })
}

/// Applies `edits` (inserting from `snippets`) to `seed` through
/// [`Source::edit`] and to a plain string. The texts must agree after each
/// edit, every re-parse along the way must describe the text as a fresh parse
/// does, and so must the last one, tree included when it made one.
fn check(
    seed: &str,
    format: Format,
    snippets: &[&str],
    edits: &[Edit],
) -> Result<(), TestCaseError> {
    let mut source = Source::new(seed, format);
    let mut shadow = seed.to_owned();
    for edit in edits {
        let len = source.text().len_bytes();
        let start = edit.at.min(len);
        let span = Span::new(start, start + edit.delete);
        let snippet = snippets.get(edit.snippet).copied().unwrap_or("");
        source.edit(span, snippet);
        // Apply the same clamped edit to a plain string.
        let mut s = start.min(shadow.len());
        while !shadow.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = (start + edit.delete).min(shadow.len());
        while !shadow.is_char_boundary(e) {
            e -= 1;
        }
        shadow.replace_range(s..e.max(s), snippet);
        prop_assert_eq!(source.text().to_string(), shadow.clone());
        if edit.reparse {
            let document = source.reparse();
            prop_assert_eq!(
                document.compacted(),
                parse(&shadow, format).compacted(),
                "text {:?}",
                shadow
            );
        }
    }
    let document = source.reparse();
    let fresh = Source::new(&shadow, format);
    // A splice leaves no current tree; a full parse must match a fresh one.
    if let Some(tree) = source.tree() {
        let fresh_tree = fresh.tree().map(|t| t.root_node().to_sexp());
        prop_assert_eq!(
            Some(tree.root_node().to_sexp()),
            fresh_tree,
            "text {:?}",
            shadow
        );
    }
    prop_assert_eq!(
        document.compacted(),
        parse(&shadow, format).compacted(),
        "text {:?}",
        shadow
    );
    Ok(())
}

/// Several resources, comments at any indentation, block scalars at the end
/// of mappings, multi-line plain scalars and flow collections: the layouts
/// that decide whether an edited part can be re-read on its own.
const SPLICE_SEED: &str = "Resources:\n  # first\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${AWS::StackName}-q'\n      Tags:\n        - Key: a\n          Value: b\n\n# between\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: a long\n        folded name\n      Policy: |+\n        keep\n\n    # inside\n    Metadata: {a: [1, 2],\n      b: 3}\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        ZipFile: >\n          print(1)\n      Role: !GetAtt Role.Arn\nOutputs:\n  Q:\n    Value: !Ref Queue\n";

const JSON_SPLICE_SEED: &str = "{\"Resources\": {\n  \"Queue\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"QueueName\": {\"Fn::Sub\": \"${AWS::StackName}-q\"}, \"Tags\": [{\"Key\": \"a\", \"Value\": \"b\"}]}},\n  \"Topic\": {\"Type\": \"AWS::SNS::Topic\", \"Properties\": {\"DisplayName\": \"t\", \"Subs\": [[1], {\"Ref\": \"Queue\"}]}}\n}}\n";

const SPLICE_SNIPPETS: &[&str] = &[
    "",
    "x",
    "\n",
    "\n      Extra: 1",
    "\n    Extra: 1",
    "\n  Extra:\n    Type: T",
    "  ",
    "# c",
    "\n# c\n",
    "- ",
    "|\n",
    "\n\n",
    "{",
    "}",
    ", \"k\": 1",
    "\"",
    "é",
    "&a ",
    "*a",
    ": ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn yaml_splices_match_a_fresh_parse(edits in proptest::collection::vec(edit_strategy(SPLICE_SEED.len(), 6, SPLICE_SNIPPETS.len()), 1..8)) {
        check(SPLICE_SEED, Format::Yaml, SPLICE_SNIPPETS, &edits)?;
    }

    #[test]
    fn json_splices_match_a_fresh_parse(edits in proptest::collection::vec(edit_strategy(JSON_SPLICE_SEED.len(), 6, SPLICE_SNIPPETS.len()), 1..8)) {
        check(JSON_SPLICE_SEED, Format::Json, SPLICE_SNIPPETS, &edits)?;
    }
}

#[test]
fn typing_inside_a_resource_re_reads_only_that_part() {
    for (seed, format, needle) in [
        (SPLICE_SEED, Format::Yaml, "AWS::SNS::Topic"),
        (JSON_SPLICE_SEED, Format::Json, "AWS::SNS::Topic"),
    ] {
        let mut source = Source::new(seed, format);
        let at = seed.find(needle).unwrap_or(0) + needle.len();
        for (i, c) in ["x", "y", "z"].iter().enumerate() {
            source.edit(Span::new(at + i, at + i), c);
            let document = source.reparse();
            assert!(source.last_update_was_splice(), "{format:?} edit {i}");
            let text = source.text().to_string();
            assert_eq!(document.compacted(), parse(&text, format).compacted());
            assert!(text.contains("AWS::SNS::Topicxyz") || i < 2);
        }
        // A new resource after the last one is outside every resource: parsed whole.
        let end = source.text().len_bytes();
        source.edit(Span::new(end, end), "\n");
        source.reparse();
        assert!(!source.last_update_was_splice(), "{format:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn yaml_edits_match_a_fresh_parse(edits in proptest::collection::vec(edit_strategy(600, 24, SNIPPETS.len()), 1..10)) {
        check(YAML_SEED, Format::Yaml, SNIPPETS, &edits)?;
    }

    #[test]
    fn json_edits_match_a_fresh_parse(edits in proptest::collection::vec(edit_strategy(600, 24, SNIPPETS.len()), 1..10)) {
        check(JSON_SEED, Format::Json, SNIPPETS, &edits)?;
    }
}

#[test]
fn edits_are_clamped_to_the_text_and_char_boundaries() {
    let mut source = Source::new("a: é\n", Format::Yaml);
    // Starts inside `é`: moved back to its first byte.
    source.edit(Span::new(4, 99), "x");
    assert_eq!(source.text().to_string(), "a: x");
    source.edit(Span::new(50, 60), "\nb: 1");
    assert_eq!(source.text().to_string(), "a: x\nb: 1");
    let document = source.reparse();
    assert_eq!(
        document.compacted(),
        parse("a: x\nb: 1", Format::Yaml).compacted()
    );
    assert!(!source.is_dirty());
}

#[test]
fn set_format_reparses() {
    let mut source = Source::new("{\"a\": 1}", Format::Yaml);
    let yaml_nodes = source.document().nodes.len();
    let json = source.set_format(Format::Json);
    assert_eq!(source.format(), Format::Json);
    assert_eq!(*json, parse("{\"a\": 1}", Format::Json));
    assert!(yaml_nodes > 0);
    let clone = source.clone();
    source.edit(Span::new(0, 0), " ");
    assert_eq!(clone.text().len_bytes() + 1, source.text().len_bytes());
}

#[test]
fn long_yaml_sources_reparse_with_the_fallback_parser() {
    let mut text = String::from("Resources:\n");
    for i in 0..11_000 {
        text.push_str(&format!(
            "  R{i}:\n    Type: AWS::SNS::Topic\n    Properties: {{TopicName: !Ref N{i}}}\n"
        ));
    }
    let mut source = Source::new(&text, Format::Yaml);
    assert!(source.tree().is_none());
    assert!(source.document().problems.is_empty());
    let at = text.find("R500:").unwrap_or(0);
    source.edit(Span::new(at, at + 4), "Renamed");
    let document = source.reparse();
    let edited = source.text().to_string();
    assert_eq!(
        document.compacted(),
        parse(&edited, Format::Yaml).compacted()
    );
    let root = document
        .root()
        .and_then(|r| document.get(r, "Resources"))
        .expect("resources");
    let entry = document.entry(root, "Renamed").expect("renamed resource");
    assert_eq!(
        edited.get(entry.key.span.start..entry.key.span.end),
        Some("Renamed")
    );
    assert_eq!(document.mapping(root).map(<[_]>::len), Some(11_000));
    // Below the limit, error-free YAML is still read by the fast reader...
    let cut = edited.find("  R5000:").unwrap_or(edited.len());
    source.edit(Span::new(cut, edited.len()), "");
    source.reparse();
    assert!(source.tree().is_none());
    // ...and a syntax error brings tree-sitter back for its messages.
    source.edit(Span::new(0, 0), "a: [1\n");
    let broken = source.reparse();
    assert!(source.tree().is_some());
    assert!(!broken.problems.is_empty());
    assert_eq!(
        broken.compacted(),
        parse(&source.text().to_string(), Format::Yaml).compacted()
    );
}

#[test]
fn lines_untouched_since_the_last_parse_are_tracked() {
    let text = "a: 1\nb: 2\nc: 3\n";
    let mut source = Source::new(text, Format::Yaml);
    assert!(source.line_unchanged_since_parse(0));
    // Typing on line 1 leaves the other lines where they were.
    source.edit(Span::new(9, 9), "0");
    assert!(!source.line_unchanged_since_parse(1));
    assert!(source.line_unchanged_since_parse(0));
    assert!(source.line_unchanged_since_parse(2));
    assert_eq!(source.parsed_text().to_string(), text);
    assert_eq!(source.text().to_string(), "a: 1\nb: 20\nc: 3\n");
    // A line break moves every later line: nothing is unchanged any more.
    source.edit(Span::new(0, 0), "x: 0\n");
    assert!(!source.line_unchanged_since_parse(0));
    assert!(!source.line_unchanged_since_parse(2));
    // A parse catches up.
    source.reparse();
    assert!(source.line_unchanged_since_parse(2));
    assert_eq!(source.parsed_text().to_string(), source.text().to_string());
    // Joining two lines by deleting a line break is a layout change too.
    source.edit(Span::new(4, 5), "");
    assert!(!source.line_unchanged_since_parse(3));
}
