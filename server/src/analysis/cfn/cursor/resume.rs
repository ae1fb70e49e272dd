//! Where the tolerant JSON scan can start instead of the top of the text:
//! the innermost object or array of the parsed model that holds the cursor
//! and begins on an earlier line, with the path to it read from the model.
//! On a large template this turns a scan of everything before the cursor
//! into a scan of one resource.

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

#[cfg(test)]
mod tests {
    use awsls_grammars::{parse, Format};

    use super::super::json;
    use super::*;

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
}
