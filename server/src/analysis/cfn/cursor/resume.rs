//! Where the text scans for the cursor context can start or go on from,
//! read from the parsed model, so that on a large template they read one
//! resource rather than everything before the cursor. JSON: the innermost
//! object or array that holds the cursor and begins on an earlier line, with
//! the path to it. YAML: how far up the walk for a parent key can jump over
//! the lines of a block mapping deeper than the parent it looks for.

use awsls_grammars::{Document, NodeId, NodeKind};

use super::Seg;

/// The byte offset to scan from and the path of the container starting
/// there; `(0, [])` when the model cannot be trusted around the cursor (the
/// text has syntax errors) or no container qualifies.
pub(super) fn resume_point(document: &Document, text: &str, offset: usize) -> (usize, Vec<Seg>) {
    if document.has_syntax_errors() {
        return (0, Vec::new());
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let chain = document.locate(offset).nodes;
    let usable = |id: NodeId| {
        let span = document.node(id).span;
        span.start < line_start
            && offset < span.end
            && matches!(text.as_bytes().get(span.start), Some(b'{' | b'['))
    };
    let Some(depth) = (1..chain.len()).rev().find(|&i| usable(chain[i])) else {
        return (0, Vec::new());
    };
    let mut path = Vec::with_capacity(depth);
    for pair in chain[..=depth].windows(2) {
        let [parent, child] = [pair[0], pair[1]];
        let seg = match &document.node(parent).kind {
            NodeKind::Mapping(entries) => entries
                .iter()
                .find(|e| e.value == child)
                .map(|e| Seg::Key(e.key.text.clone())),
            NodeKind::Sequence(items) => items.iter().position(|i| *i == child).map(|index| {
                let previous = items[..index]
                    .iter()
                    .map(|item| {
                        document
                            .str_value(*item)
                            .map(str::to_string)
                            .unwrap_or_default()
                    })
                    .collect();
                Seg::Item { index, previous }
            }),
            NodeKind::Intrinsic(intrinsic) => Some(Seg::Key(intrinsic.function.clone())),
            _ => None,
        };
        match seg {
            Some(seg) => path.push(seg),
            None => return (0, Vec::new()),
        }
    }
    (document.node(chain[depth]).span.start, path)
}

/// For the YAML walk at the line starting at `line_start`, looking upwards
/// for a line indented less than `col`: the start of the first line of the
/// outermost block mapping that holds the content just above, when its keys
/// sit at `col` or deeper. Every line between is that mapping's own content
/// (keys, deeper values, comments), which the walk would skip anyway.
/// `None` when the model cannot be trusted (syntax errors) or nothing
/// qualifies.
pub(super) fn yaml_skip(
    document: &Document,
    text: &str,
    line_start: usize,
    col: usize,
) -> Option<usize> {
    if col == 0 || document.has_syntax_errors() || document.limited.is_some() {
        return None;
    }
    let content_end = text.get(..line_start)?.trim_end().len();
    if content_end == 0 {
        return None;
    }
    document
        .locate(content_end)
        .nodes
        .into_iter()
        .find_map(|id| {
            let node = document.node(id);
            let NodeKind::Mapping(entries) = &node.kind else {
                return None;
            };
            let first = node.span.start;
            if entries.first()?.key.span.start != first {
                return None;
            }
            let first_line = text.get(..first)?.rfind('\n').map_or(0, |i| i + 1);
            (first - first_line >= col && first_line < line_start).then_some(first_line)
        })
}

#[cfg(test)]
mod tests {
    use awsls_grammars::{parse, Format};

    use super::super::{json, yaml};
    use super::*;
    use crate::analysis::Snapshot;

    const TEXT: &str = "{\n  \"Resources\": {\n    \"Q\": {\n      \"Type\": \"AWS::SQS::Queue\",\n      \"Properties\": {\n        \"Tags\": [1, \"a\\u0041\", {\"Key\": \"k\",\n          \"Value\": \"\"}]\n      }\n    }\n  }\n}\n";

    #[test]
    fn the_scan_resumes_at_the_innermost_container_and_reads_the_same() {
        let document = parse(TEXT, Format::Json);
        for (needle, expected_start) in [
            ("\"Value\": \"", "{\"Key\""),
            ("\"Tags\"", "{\n        \"Tags\""),
        ] {
            let offset = TEXT.find(needle).map(|i| i + needle.len()).unwrap_or(0);
            let (start, path) = resume_point(&document, TEXT, offset);
            assert!(
                TEXT[start..].starts_with(expected_start),
                "{needle}: {start}"
            );
            let resumed = json::cursor_from(TEXT, start, path, offset);
            let whole = json::cursor_from(TEXT, 0, Vec::new(), offset);
            assert_eq!(resumed.path, whole.path, "{needle}");
            assert_eq!(resumed.role, whole.role);
            assert_eq!(resumed.word, whole.word);
            assert_eq!(resumed.siblings, whole.siblings);
        }
        // Text with a syntax error: the model is not used.
        let broken = TEXT.replace("\"Type\": ", "\"Type\" ");
        let document = parse(&broken, Format::Json);
        assert_eq!(
            resume_point(&document, &broken, broken.len() - 10),
            (0, Vec::new())
        );
    }

    /// Nesting, sequences of mappings and scalars, compact sequences, block
    /// scalars, short forms, comments at any column, quoted keys.
    const YAML: &str = "\
# top comment
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
# a comment at column 0 inside the resources
      Tags:
        - Key: a
          Value: b
        - Key: c
          Value: !Sub
            - '${X}-y'
            - X: !Ref Env
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
        - Effect: Allow
          Principal:
            Service: lambda.amazonaws.com
          Action:
            - sts:AssumeRole
            - plain
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:*
                Resource: !GetAtt Queue.Arn
      Description: |
        line one
          line two: not a key

  'Quoted':
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !If
        - IsProd
        - prod
        - !Ref AWS::NoValue
Outputs:
  Arn:
    Value: !GetAtt Queue.Arn
";

    /// Every YAML fixture of the repository, and the text above.
    fn yaml_texts() -> Vec<String> {
        let mut texts = vec![YAML.to_string()];
        let mut folders =
            vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    texts.extend(std::fs::read_to_string(&path).ok());
                }
            }
        }
        assert!(texts.len() > 10, "the fixtures were not found");
        texts
    }

    #[test]
    fn the_yaml_walk_reads_the_same_with_jumps() {
        let jumped = std::cell::Cell::new(0);
        for text in yaml_texts() {
            let snapshot = Snapshot::from_text("template.yaml", &text);
            let document = &snapshot.document;
            let skip = |line_start: usize, col: usize| {
                let found = yaml_skip(document, &text, line_start, col);
                jumped.set(jumped.get() + usize::from(found.is_some_and(|f| f < line_start)));
                found
            };
            let no_skip = |_: usize, _: usize| None;
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let with = yaml::cursor(&text, offset, &skip);
                let without = yaml::cursor(&text, offset, &no_skip);
                assert_eq!(with, without, "at {offset} of:\n{text}");
            }
        }
        assert!(jumped.get() > 1000, "only {} jumps", jumped.get());
    }
}
