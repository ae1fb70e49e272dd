//! Tests of whole parses: YAML and JSON constructs, intrinsics, problems,
//! limits and the fallback parser.

use crate::*;

/// A compact rendering of a node, independent of spans and styles.
pub(crate) fn shape(doc: &Document, id: NodeId) -> String {
    let node = doc.node(id);
    let tag = node
        .tag
        .as_ref()
        .map_or(String::new(), |t| format!("{} ", t.name));
    match &node.kind {
        NodeKind::Mapping(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|e| format!("{}: {}", e.key.text, shape(doc, e.value)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        NodeKind::Sequence(items) => {
            let inner: Vec<String> = items.iter().map(|i| shape(doc, *i)).collect();
            format!("[{}]", inner.join(", "))
        }
        NodeKind::Scalar(s) => format!("{:?}:{:?}", s.value, s.kind),
        NodeKind::Alias { name, target } => {
            format!("*{name}->{}", target.map_or(-1, |t| i64::from(t.0)))
        }
        NodeKind::Intrinsic(i) => format!("{}({})", i.function, shape(doc, i.argument)),
        NodeKind::Null => format!("{tag}~"),
        NodeKind::Invalid => "!invalid".to_owned(),
    }
}

fn root_shape(text: &str, format: Format) -> String {
    let doc = parse(text, format);
    assert!(doc.problems.is_empty(), "{text}: {:?}", doc.problems);
    doc.roots
        .iter()
        .map(|r| shape(&doc, *r))
        .collect::<Vec<_>>()
        .join(" --- ")
}

fn yaml(text: &str) -> String {
    root_shape(text, Format::Yaml)
}

fn json(text: &str) -> String {
    root_shape(text, Format::Json)
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("<out of range>")
}

const TEMPLATE_YAML: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: 'Demo: it''s a test'
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Both: !And
    - !Condition IsProd
    - Condition: IsProd
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-bucket"
      Enabled: true
      Count: 3
      Ratio: 1.5
      Nothing: null
Outputs:
  Arn:
    Value: !GetAtt Bucket.Arn
"#;

const TEMPLATE_JSON: &str = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "Demo: it's a test",
  "Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
  "Conditions": {
    "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
    "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "IsProd"}]}
  },
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketName": {"Fn::Sub": "${AWS::StackName}-bucket"},
        "Enabled": true, "Count": 3, "Ratio": 1.5, "Nothing": null
      }
    }
  },
  "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Bucket", "Arn"]}}}
}"#;

#[test]
fn yaml_and_json_templates_have_the_same_shape() {
    let y = yaml(TEMPLATE_YAML);
    assert_eq!(y, json(TEMPLATE_JSON));
    assert!(
        y.contains("Both: Fn::And([Condition(\"IsProd\":String), Condition(\"IsProd\":String)])"),
        "{y}"
    );
    assert!(
        y.contains("Value: Fn::GetAtt([\"Bucket\":String, \"Arn\":String])"),
        "{y}"
    );
}

#[test]
fn short_and_long_ref_are_equal() {
    assert_eq!(yaml("a: !Ref X"), yaml("a: {Ref: X}"));
    assert_eq!(yaml("a: !Ref X"), json(r#"{"a": {"Ref": "X"}}"#));
    let text = "a: !Ref X";
    let doc = parse(text, Format::Yaml);
    let a = doc.root().and_then(|r| doc.get(r, "a")).expect("a");
    let intrinsic = doc.intrinsic(a).expect("intrinsic");
    assert_eq!(intrinsic.form, IntrinsicForm::Short);
    assert_eq!(slice(text, intrinsic.name_span), "!Ref");
    assert_eq!(slice(text, doc.node(intrinsic.argument).span), "X");
    assert!(doc.node(intrinsic.argument).tag.is_none());
    assert_eq!(
        doc.node(a).tag.as_ref().map(|t| t.name.as_str()),
        Some("!Ref")
    );
    let text = r#"{"a": {"Ref": "X"}}"#;
    let doc = parse(text, Format::Json);
    let a = doc.root().and_then(|r| doc.get(r, "a")).expect("a");
    let intrinsic = doc.intrinsic(a).expect("intrinsic");
    assert_eq!(intrinsic.form, IntrinsicForm::Long);
    assert_eq!(slice(text, intrinsic.name_span), "\"Ref\"");
}

#[test]
fn get_att_strings_are_split_with_exact_spans() {
    let expected = yaml("a: {Fn::GetAtt: [A, B.C]}");
    for (text, format) in [
        ("a: !GetAtt A.B.C", Format::Yaml),
        ("a: !GetAtt 'A.B.C'", Format::Yaml),
        ("a:\n  Fn::GetAtt: \"A.B.C\"", Format::Yaml),
        (r#"{"a": {"Fn::GetAtt": "A.B.C"}}"#, Format::Json),
    ] {
        assert_eq!(root_shape(text, format), expected, "{text}");
        let doc = parse(text, format);
        let a = doc.root().and_then(|r| doc.get(r, "a")).expect("a");
        let arg = doc.intrinsic(a).expect("intrinsic").argument;
        let items = doc.sequence(arg).expect("sequence");
        assert_eq!(items.len(), 2);
        assert_eq!(slice(text, doc.node(items[0]).span), "A");
        assert_eq!(slice(text, doc.node(items[1]).span), "B.C");
        assert!(slice(text, doc.node(arg).span).contains("A.B.C"));
    }
    assert_eq!(yaml("a: !GetAtt [A, B]"), yaml("a: {Fn::GetAtt: [A, B]}"));
}

#[test]
fn condition_key_is_only_an_intrinsic_inside_logical_functions() {
    assert_eq!(yaml("Condition: IsProd"), "{Condition: \"IsProd\":String}");
    assert_eq!(
        yaml("a: !Not [{Condition: C}]"),
        "{a: Fn::Not([Condition(\"C\":String)])}"
    );
    assert_eq!(
        yaml("a: !If [C, {Condition: X}, 1]"),
        "{a: Fn::If([\"C\":String, {Condition: \"X\":String}, \"1\":Integer])}"
    );
    assert_eq!(yaml("a: !Unknown X"), "{a: \"X\":String}");
    let doc = parse("a: !Unknown X", Format::Yaml);
    let a = doc.root().and_then(|r| doc.get(r, "a")).expect("a");
    assert_eq!(
        doc.node(a).tag.as_ref().map(|t| t.name.as_str()),
        Some("!Unknown")
    );
}

#[test]
fn short_forms_with_collections_and_nesting() {
    assert_eq!(
        yaml("a: !Join\n  - ''\n  - - !Ref A\n    - !Sub 'x'\n"),
        "{a: Fn::Join([\"\":String, [Ref(\"A\":String), Fn::Sub(\"x\":String)]])}"
    );
    assert_eq!(yaml("a: !Ref"), "{a: Ref(~)}");
    assert_eq!(yaml("a: !GetAZs ''"), "{a: Fn::GetAZs(\"\":String)}");
}

#[test]
fn scalar_styles_and_core_schema() {
    assert_eq!(
        yaml("a: yes\nb: No\nc: ~\nd: 0x1f\ne: .inf\nf: '1'\ng: \"t\\u00e9\\n\"\nh: -0.5e3\ni:\n"),
        "{a: \"yes\":String, b: \"No\":String, c: \"~\":Null, d: \"0x1f\":Integer, e: \".inf\":Float, f: \"1\":String, g: \"té\\n\":String, h: \"-0.5e3\":Float, i: ~}"
    );
    assert_eq!(
        yaml("a: multi\n  line\n\n  plain\n"),
        "{a: \"multi line\\nplain\":String}"
    );
}

#[test]
fn block_scalars() {
    let text =
        "a: |\n  line 1\n   line 2\n\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: end\n";
    assert_eq!(
        yaml(text),
        "{a: \"line 1\\n line 2\\n\":String, b: \"folded text\\npara\":String, c: \"keep\\n\\n\":String, d: \"end\":String}"
    );
    let doc = parse(text, Format::Yaml);
    let a = doc.root().and_then(|r| doc.get(r, "a")).expect("a");
    assert!(slice(text, doc.node(a).span).starts_with('|'));
    assert_eq!(doc.scalar(a).map(|s| s.style), Some(ScalarStyle::Literal));
}

#[test]
fn quoted_keys_and_flow_collections() {
    assert_eq!(
        yaml("\"a b\": 1\n'c''d': [x, {y: z}, [w: v]]\n"),
        "{a b: \"1\":Integer, c'd: [\"x\":String, {y: \"z\":String}, [{w: \"v\":String}]]}"
    );
    let text = "\"Quoted\": 1";
    let doc = parse(text, Format::Yaml);
    let entry = doc
        .root()
        .and_then(|r| doc.mapping(r))
        .and_then(|m| m.first())
        .cloned()
        .expect("entry");
    assert_eq!(slice(text, entry.key.span), "\"Quoted\"");
    assert_eq!(yaml("{a, b: 1}"), "{a: ~, b: \"1\":Integer}");
    assert_eq!(
        json(r#"{"k\u00e9\ud83d\ude00": [1, 2.5, true, null, "s"]}"#),
        "{ké😀: [\"1\":Integer, \"2.5\":Float, \"true\":Bool, \"null\":Null, \"s\":String]}"
    );
}

#[test]
fn multi_document_streams() {
    assert_eq!(
        yaml("a: 1\n---\nb: 2\n--- # c\n- x\n"),
        "{a: \"1\":Integer} --- {b: \"2\":Integer} --- [\"x\":String]"
    );
    assert!(parse("", Format::Yaml).roots.is_empty());
    assert!(parse("", Format::Json).roots.is_empty());
    assert_eq!(yaml("# only a comment\n"), "");
}

#[test]
fn anchors_and_aliases_are_not_expanded() {
    let text = "base: &b {x: 1}\nuse: *b\nmerge:\n  <<: *b\n  <<: *b\n  y: 2\n";
    let doc = parse(text, Format::Yaml);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    let root = doc.root().expect("root");
    let base = doc.get(root, "base").expect("base");
    let used = doc.get(root, "use").expect("use");
    assert!(
        matches!(&doc.node(used).kind, NodeKind::Alias { name, target: Some(t) } if name == "b" && *t == base)
    );
    assert_eq!(doc.resolve(used), base);
    assert_eq!(doc.get(used, "x").and_then(|x| doc.str_value(x)), Some("1"));
    assert_eq!(
        doc.node(base).anchor.as_ref().map(|a| a.name.as_str()),
        Some("b")
    );
    let bad = parse("a: *nowhere", Format::Yaml);
    assert_eq!(bad.problems.len(), 1);
    assert_eq!(slice("a: *nowhere", bad.problems[0].span), "*nowhere");
}

#[test]
fn alias_bomb_stays_small_and_fast() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..60 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let started = std::time::Instant::now();
    let doc = parse(&text, Format::Yaml);
    assert!(started.elapsed().as_secs() < 2);
    assert!(doc.problems.is_empty());
    assert!(doc.nodes.len() < 2_000, "{}", doc.nodes.len());
}

#[test]
fn duplicate_keys_are_reported_with_both_places() {
    let text = "A: 1\nB: 2\nA: 3\n";
    let doc = parse(text, Format::Yaml);
    assert_eq!(doc.problems.len(), 1);
    let p = &doc.problems[0];
    assert_eq!(p.kind, ProblemKind::DuplicateKey);
    assert_eq!(p.span, Span::new(10, 11));
    assert_eq!(p.related, Some(Span::new(0, 1)));
    assert_eq!(
        p.message,
        "duplicate key `A`: it is already defined on line 1"
    );
    let json_doc = parse(r#"{"a": 1, "b": {"c": 1, "c": 2}}"#, Format::Json);
    assert_eq!(json_doc.problems.len(), 1);
    assert_eq!(json_doc.problems[0].kind, ProblemKind::DuplicateKey);
    // Many keys go through the hashed path.
    let many: String = (0..40).map(|i| format!("k{i}: 1\n")).collect::<String>() + "k7: 2\n";
    let doc = parse(&many, Format::Yaml);
    assert_eq!(doc.problems.len(), 1);
    assert!(doc.problems[0].message.contains("line 8"));
}

fn problems(text: &str, format: Format) -> Vec<(String, String)> {
    parse(text, format)
        .problems
        .iter()
        .map(|p| (slice(text, p.span).to_owned(), p.message.clone()))
        .collect()
}

#[test]
fn syntax_errors_name_the_offending_text() {
    assert_eq!(
        problems(r#"{"a": 1,}"#, Format::Json),
        [(",".to_owned(), "syntax error: unexpected `,`".to_owned())]
    );
    let missing = parse("[1, 2", Format::Json);
    assert_eq!(missing.problems.len(), 1);
    assert_eq!(missing.problems[0].span, Span::new(5, 5));
    assert_eq!(missing.problems[0].message, "syntax error: missing `]`");
    let p = problems("a: ]\n", Format::Yaml);
    assert_eq!(
        p,
        [("]".to_owned(), "syntax error: unexpected `]`".to_owned())]
    );
    let p = problems("- a\nb: 1\n", Format::Yaml);
    assert_eq!(p.first().map(|x| x.0.as_str()), Some("b"));
    // Errors in one place leave the rest of the document analysable.
    let text = "Resources:\n  X:\n    Type: A\n    Properties: {a: 1\n  Y: 2\n";
    let doc = parse(text, Format::Yaml);
    assert!(!doc.problems.is_empty());
    assert!(
        doc.problems.iter().all(|p| p.span.len() < 10),
        "{:?}",
        doc.problems
    );
    let resources = doc
        .root()
        .and_then(|r| doc.get(r, "Resources"))
        .expect("resources");
    assert!(doc.get(resources, "Y").is_some());
}

#[test]
fn tab_indentation_has_a_clear_message() {
    let p = problems("a:\n\tb: 1\n", Format::Yaml);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "\t");
    assert!(p[0].1.contains("tab"));
}

#[test]
fn deep_nesting_is_cut_off_without_overflow() {
    for format in [Format::Yaml, Format::Json] {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        let doc = parse(&text, format);
        assert!(doc.limited.is_some(), "{format:?}");
        assert!(doc
            .problems
            .iter()
            .any(|p| p.message.contains("deeper than 2000")));
        assert!(doc.nodes.len() < 10_000);
        let unclosed = "[".repeat(100_000);
        let doc = parse(&unclosed, format);
        assert!(!doc.problems.is_empty());
    }
    let nested = "a:\n".to_owned()
        + &(1..3000)
            .map(|i| format!("{}b{i}:\n", " ".repeat(i)))
            .collect::<String>();
    let doc = parse(&nested, Format::Yaml);
    assert!(doc.limited.is_some());
}

#[test]
fn garbage_never_panics() {
    let inputs: Vec<String> = vec![
        "\u{feff}".into(),
        "\r\r\r".into(),
        "a: 1\rb: 2\r".into(),
        "\0\u{1}\u{7f}\u{fffd}ÿ".into(),
        "{[}]\"'\\".into(),
        "- - - - : : : ! & * | > % @ `".into(),
        "a: |9\n x".into(),
        "a: \"\\".into(),
        "!!! &&& ***".into(),
        "? [a\n: }".into(),
        (0..200)
            .map(|i| char::from_u32(i * 97 % 0x2fff + 1).unwrap_or('x'))
            .collect(),
    ];
    for text in &inputs {
        for format in [Format::Yaml, Format::Json] {
            let doc = parse(text, format);
            for p in &doc.problems {
                assert!(
                    p.span.end <= text.len()
                        && text.is_char_boundary(p.span.start)
                        && text.is_char_boundary(p.span.end)
                );
            }
            for n in &doc.nodes {
                assert!(n.span.end <= text.len(), "{text:?}");
            }
            let _ = fallback::parse(text);
        }
    }
    let cr = parse("a: 1\rb: 2\r", Format::Yaml);
    assert!(cr.problems.is_empty(), "{:?}", cr.problems);
    let bom = parse("\u{feff}a: 1", Format::Yaml);
    assert!(bom.problems.is_empty(), "{:?}", bom.problems);
}

/// A CloudFormation-like template with `resources` buckets, about 8 lines each.
pub(crate) fn generated_template(resources: usize) -> String {
    let mut text = String::from("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
    for i in 0..resources {
        text.push_str(&format!(
            "  Bucket{i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${{AWS::StackName}}-{i}-é'\n      Tags:\n        - Key: Owner\n          Value: !GetAtt Role{i}.Arn\n      Enabled: true\n"
        ));
    }
    text
}

#[test]
fn long_yaml_files_use_the_fallback_parser() {
    let text = generated_template(5_000);
    assert!(text.lines().count() >= 40_000);
    let doc = parse(&text, Format::Yaml);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems.first());
    let resources = doc
        .root()
        .and_then(|r| doc.get(r, "Resources"))
        .expect("resources");
    assert_eq!(doc.mapping(resources).map(<[Entry]>::len), Some(5_000));
    let bucket = doc.get(resources, "Bucket4321").expect("bucket");
    let props = doc.get(bucket, "Properties").expect("props");
    let entry = doc.entry(props, "Enabled").expect("enabled");
    assert_eq!(slice(&text, entry.key.span), "Enabled");
    let name = doc.get(props, "BucketName").expect("name");
    let sub = doc.intrinsic(name).expect("sub");
    assert_eq!(sub.function, "Fn::Sub");
    assert_eq!(slice(&text, sub.name_span), "!Sub");
    assert_eq!(
        slice(&text, doc.node(sub.argument).span),
        "'${AWS::StackName}-4321-é'"
    );
    let tags = doc
        .get(props, "Tags")
        .and_then(|t| doc.sequence(t))
        .expect("tags");
    let value = doc.get(tags[0], "Value").expect("value");
    let args = doc
        .sequence(doc.intrinsic(value).expect("getatt").argument)
        .expect("args");
    assert_eq!(slice(&text, doc.node(args[0]).span), "Role4321");
    assert_eq!(slice(&text, doc.node(args[1]).span), "Arn");
}

#[test]
fn fallback_matches_tree_sitter_on_ordinary_yaml() {
    let texts = [
        TEMPLATE_YAML.to_owned(),
        generated_template(20),
        "a: &x [1, 2]\nb: *x\nc: |\n  lit\n  eral\nd: >-\n  fold\n  ed\ne: 'q'\n\"f\": !Ref g\nh:\n".to_owned(),
        "- a\n- {b: c}\n---\nk: v\n".to_owned(),
        "base: &b\n  x: 1\nc: !If\n  - C\n  - &s !Sub 'x'\n  - *s\nd: !Join [',', [!Ref A, b]]\n".to_owned(),
    ];
    for text in &texts {
        // `parse` itself reads error-free YAML with the fallback parser, so
        // compare with tree-sitter's model explicitly.
        let tree = parsers::parse_tree(text, Format::Yaml).expect("tree");
        let fast = convert::convert(&tree, text, Format::Yaml);
        assert!(fast.problems.is_empty(), "{:?}", fast.problems);
        assert_eq!(parse(text, Format::Yaml), fallback::parse(text), "{text}");
        let slow = fallback::parse(text);
        assert!(slow.problems.is_empty(), "{:?}", slow.problems);
        let render = |d: &Document| d.roots.iter().map(|r| shape(d, *r)).collect::<Vec<_>>();
        assert_eq!(render(&fast), render(&slow), "{text}");
        let key_spans = |d: &Document| {
            let mut spans: Vec<Span> = d
                .nodes
                .iter()
                .filter_map(|n| match &n.kind {
                    NodeKind::Mapping(entries) => Some(entries.iter().map(|e| e.key.span)),
                    _ => None,
                })
                .flatten()
                .collect();
            spans.sort();
            spans
        };
        assert_eq!(key_spans(&fast), key_spans(&slow), "{text}");
        let properties = |d: &Document| {
            let mut found: Vec<(String, Span)> = d
                .nodes
                .iter()
                .flat_map(|n| {
                    let tag = n.tag.as_ref().map(|t| (t.name.clone(), t.span));
                    let anchor = n.anchor.as_ref().map(|a| (a.name.clone(), a.span));
                    let name = match &n.kind {
                        NodeKind::Intrinsic(i) => Some((i.function.clone(), i.name_span)),
                        _ => None,
                    };
                    [tag, anchor, name]
                })
                .flatten()
                .collect();
            found.sort();
            found
        };
        assert_eq!(properties(&fast), properties(&slow), "{text}");
        let value_spans = |d: &Document| {
            let mut spans: Vec<Span> = d
                .nodes
                .iter()
                .filter(|n| {
                    matches!(
                        n.kind,
                        NodeKind::Scalar(_) | NodeKind::Sequence(_) | NodeKind::Intrinsic(_)
                    )
                })
                .map(|n| n.span)
                .collect();
            spans.sort();
            spans
        };
        assert_eq!(value_spans(&fast), value_spans(&slow), "{text}");
    }
    let broken = fallback::parse("a: [1\nb: 2\n");
    assert_eq!(broken.problems.len(), 1);
    assert!(broken.limited.is_some());
    assert!(broken.problems[0].message.starts_with("syntax error"));
}

/// A CloudFormation-like JSON template with `resources` buckets.
fn generated_json_template(resources: usize) -> String {
    let items: Vec<String> = (0..resources)
        .map(|i| {
            format!(
                "    \"Bucket{i}\": {{\n      \"Type\": \"AWS::S3::Bucket\",\n      \"Properties\": {{\n        \"BucketName\": {{\"Fn::Sub\": \"${{AWS::StackName}}-{i}-é\"}},\n        \"Tags\": [{{\"Key\": \"Owner\", \"Value\": {{\"Fn::GetAtt\": [\"Role{i}\", \"Arn\"]}}}}],\n        \"Enabled\": true\n      }}\n    }}"
            )
        })
        .collect();
    format!(
        "{{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {{\n{}\n  }}\n}}\n",
        items.join(",\n")
    )
}

/// Prints parse and model-building times for 1 MB templates. Run with
/// `cargo test -p awsls-grammars --release timings -- --ignored --nocapture`.
#[test]
#[ignore = "prints timings"]
fn timings() {
    use std::time::Instant;
    // About 1 MB each, under tree-sitter-yaml's line limit.
    let long_line = format!("      Description: {}\n", "lorem ipsum ".repeat(10));
    let yaml_text = generated_template(3_300).replace(
        "      Enabled: true\n",
        &format!("      Enabled: true\n{long_line}"),
    );
    let json_text = generated_json_template(3_600);
    for (name, text, format) in [
        ("yaml", &yaml_text, Format::Yaml),
        ("json", &json_text, Format::Json),
    ] {
        for _ in 0..3 {
            let started = Instant::now();
            let tree = parsers::parse_tree(text, format).expect("tree");
            let parsed = started.elapsed();
            let started = Instant::now();
            let mut cursor = tree.walk();
            let mut count = 0usize;
            'walk: loop {
                count += cursor.node().start_byte() & 1;
                if cursor.goto_first_child() {
                    continue;
                }
                while !cursor.goto_next_sibling() {
                    if !cursor.goto_parent() {
                        break 'walk;
                    }
                }
            }
            println!("bare walk {:?} ({count})", started.elapsed());
            let started = Instant::now();
            let doc = convert::convert(&tree, text, format);
            let built = started.elapsed();
            println!(
                "{name}: {} bytes, {} lines, {} nodes: tree-sitter parse {parsed:?}, model {built:?}",
                text.len(),
                text.lines().count(),
                doc.nodes.len()
            );
        }
    }
    let long = generated_template(5_000);
    let started = Instant::now();
    let doc = fallback::parse(&long);
    println!(
        "fallback: {} bytes, {} lines, {} nodes: {:?}",
        long.len(),
        long.lines().count(),
        doc.nodes.len(),
        started.elapsed()
    );
    let mut source = Source::new(&yaml_text, Format::Yaml);
    let middle = yaml_text.len() / 2;
    let started = Instant::now();
    source.edit(Span::new(middle, middle), "x");
    source.reparse();
    println!(
        "yaml one-char edit mid-file + reparse + model: {:?}",
        started.elapsed()
    );
}

#[test]
fn a_document_tree_sitter_cannot_read_keeps_the_text_before_the_error() {
    let text = "Resources:\n  A:\n    Type: X\n B: 2\n";
    let doc = parse(text, Format::Yaml);
    assert_eq!(doc.problems.len(), 1, "{:?}", doc.problems);
    assert_eq!(slice(text, doc.problems[0].span), "B");
    let root = doc.root().expect("root");
    let a = doc
        .get(root, "Resources")
        .and_then(|r| doc.get(r, "A"))
        .expect("A");
    let ty = doc.entry(a, "Type").expect("Type");
    assert_eq!(slice(text, ty.key.span), "Type");
    let tab = parse("a: 1\nb:\n\tc: 1\n", Format::Yaml);
    assert!(
        tab.problems.iter().any(|p| p.message.contains("tab")),
        "{:?}",
        tab.problems
    );
    assert!(tab.root().and_then(|r| tab.get(r, "a")).is_some());
}

#[test]
fn syntax_error_messages_for_common_mistakes() {
    let one = |text: &str, format: Format| {
        let p = problems(text, format);
        assert_eq!(p.len(), 1, "{text:?}: {p:?}");
        p.into_iter().next().unwrap_or_default()
    };
    let unterminated = "syntax error: string is not terminated (missing closing `\"`)";
    assert_eq!(
        one("a: \"abc\nb: 1\n", Format::Yaml),
        ("\"abc".into(), unterminated.into())
    );
    assert_eq!(
        one("{\"a\": \"x}", Format::Json),
        ("\"x}".into(), unterminated.into())
    );
    assert_eq!(one("a: 'abc\nb: 1\n", Format::Yaml).0, "'abc");
    let unclosed = (
        "[".to_owned(),
        "syntax error: `[` is never closed".to_owned(),
    );
    assert_eq!(one("a: !Ref [\nb: 1\n", Format::Yaml), unclosed);
    assert_eq!(one("a: [1, 2\nb: 3\n", Format::Yaml), unclosed);
    assert_eq!(
        one("a: b: c\n", Format::Yaml),
        (":".into(), "syntax error: unexpected `:`".into())
    );
    assert_eq!(one("Properties:\n  A: 1\n B: 2\n", Format::Yaml).0, "B");
    assert_eq!(one("{\"a\": 1 \"b\": 2}", Format::Json).0, "\"b\"");
    assert_eq!(
        one("{\"a\": tru}", Format::Json),
        ("tru".into(), "syntax error: unexpected `tru`".into())
    );
    let missing = parse("{\"a\": 1", Format::Json);
    assert_eq!(missing.problems.len(), 1);
    assert_eq!(missing.problems[0].span, Span::new(7, 7));
    assert_eq!(missing.problems[0].message, "syntax error: missing `}`");
}

#[test]
fn byte_order_marks_are_ignored() {
    assert_eq!(yaml("\u{feff}a: 1"), "{a: \"1\":Integer}");
    assert_eq!(json("\u{feff}{\"a\": 1}"), "{a: \"1\":Integer}");
}

#[test]
fn long_form_call_inside_a_short_tag_is_an_intrinsic_too() {
    let doc = crate::parse(
        "A: !Base64 {\"Fn::Sub\": \"${X}\"}\nB: !GetAZs {Ref: R}\n",
        Format::Yaml,
    );
    let root = doc.root().expect("root");
    for (key, outer, inner) in [("A", "Fn::Base64", "Fn::Sub"), ("B", "Fn::GetAZs", "Ref")] {
        let value = doc.get(root, key).expect("value");
        let call = doc.intrinsic(value).expect("outer call");
        assert_eq!(call.function, outer);
        let argument = doc.intrinsic(call.argument).expect("inner call");
        assert_eq!(argument.function, inner);
    }
}

#[test]
fn valid_yaml_that_tree_sitter_rejects_gets_no_syntax_error() {
    // A comment line at column 0 between `Resources:` and its first entry,
    // after a flow sequence, trips tree-sitter-yaml's scanner.
    let text = "Globals:\n  Api:\n    MethodSettings:\n      - LoggingLevel: ERROR\n\nResources:\n##########\n#   A role\n##########\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Path: !Join [\"\", [\"/\", !Ref \"AWS::StackName\", \"/\"]]\n";
    let doc = crate::parse(text, Format::Yaml);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    let root = doc.root().expect("root");
    let resources = doc.get(root, "Resources").expect("Resources");
    assert!(doc.get(resources, "Role").is_some());
}

#[test]
fn tag_on_the_first_item_of_an_indentless_sequence_stays_on_the_item() {
    let text = "Tags:\n- !Ref AWS::NoValue\n- Key: a\n  Value: b\n";
    let doc = crate::parse(text, Format::Yaml);
    let root = doc.root().expect("root");
    let tags = doc.get(root, "Tags").expect("Tags");
    let items = doc.sequence(tags).expect("a plain sequence, not a call");
    assert_eq!(items.len(), 2);
    assert_eq!(
        doc.intrinsic(items[0]).map(|i| i.function.as_str()),
        Some("Ref")
    );
    assert!(doc.node(tags).tag.is_none());
}

#[test]
fn a_tagged_block_scalar_after_another_block_scalar_has_its_own_span() {
    let text = "c: !Sub\n  - |\n    fetch ${k}\n  - k: v\nd: !Sub |\n  x=${AWS::StackId}\n";
    for doc in [
        crate::parse(text, Format::Yaml),
        crate::fallback::parse(text),
    ] {
        let root = doc.root().expect("root");
        let d = doc.get(root, "d").expect("d");
        let call = doc.intrinsic(d).expect("Fn::Sub");
        let body = doc.node(call.argument).span;
        assert_eq!(&text[body.start..body.start + 1], "|", "{body:?}");
        assert!(body.start > text.find("d:").unwrap_or(0));
    }
}

/// `Document::locate` as a plain walk over every child, to check the
/// binary search of the real one against.
fn locate_linearly(doc: &Document, offset: usize) -> Location {
    let mut location = Location::default();
    let mut current = doc
        .roots
        .iter()
        .copied()
        .find(|r| doc.node(*r).span.touches(offset));
    while let Some(id) = current {
        location.nodes.push(id);
        current = match &doc.node(id).kind {
            NodeKind::Mapping(entries) => {
                let mut found = None;
                for (i, entry) in entries.iter().enumerate() {
                    if entry.key.span.touches(offset) {
                        location.key_of = Some((id, i));
                        break;
                    }
                    if doc.node(entry.value).span.touches(offset) {
                        found = Some(entry.value);
                        break;
                    }
                }
                found
            }
            _ => doc.children(id).find(|c| doc.node(*c).span.touches(offset)),
        }
        .filter(|next| !location.nodes.contains(next));
    }
    location
}

#[test]
fn locate_finds_what_a_walk_over_every_child_finds() {
    let texts = [
        (
            "a: 1\nb:\nc: [x, {d: e, f: }, [], '']\ng:\n  - h: i\n    j: !Ref k\n  -\n  - - l\n    - m\nn: |\n  text\no: {}\n",
            Format::Yaml,
        ),
        ("---\na: 1\n---\n- b\n- c: d\n...\n", Format::Yaml),
        (
            r#"{"a":1,"b":{},"c":[1,[2,3],{"d":null,"e":[]}],"f":{"Ref":"g"},"h":"i"}"#,
            Format::Json,
        ),
        ("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {\"c\": {}}\n}\n", Format::Json),
    ];
    for (text, format) in texts {
        let doc = parse(text, format);
        for offset in 0..=text.len() + 1 {
            let fast = doc.locate(offset);
            let slow = locate_linearly(&doc, offset);
            assert_eq!(
                (fast.nodes, fast.key_of),
                (slow.nodes, slow.key_of),
                "at {offset} of {text:?}"
            );
        }
    }
}
