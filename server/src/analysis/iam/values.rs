//! Reading policy values out of the document model: strings and lists of
//! strings, with `Fn::If` branches followed and other intrinsic functions
//! kept as opaque "dynamic" values.

use awsls_grammars::{Document, NodeId, NodeKind, ScalarStyle, Span};

use crate::analysis::{Fix, Snapshot, TextEdit};

/// One string a policy element holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A literal string (or number/boolean written as a scalar).
    Text {
        text: String,
        /// The whole node, quotes included.
        span: Span,
        /// The characters between the quotes; equal to `span` for plain scalars.
        inner: Span,
        /// True when `inner` is written exactly as `text` (no escapes, no folding),
        /// so offsets inside `text` map onto the source one to one.
        verbatim: bool,
    },
    /// An intrinsic function (`!Ref`, `!GetAtt`, `!Sub`, ...): its value is
    /// only known at deployment. `sub` is the template string of a `Fn::Sub`.
    Dynamic { span: Span, sub: Option<String> },
    /// Something that is neither a string nor a list of strings.
    Invalid { span: Span },
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Text { span, .. } | Value::Dynamic { span, .. } | Value::Invalid { span } => {
                *span
            }
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// The source text under a scalar node's quotes, and whether it is verbatim.
pub fn inner_span(snapshot: &Snapshot, doc: &Document, id: NodeId) -> (Span, bool) {
    let node = doc.node(doc.resolve(id));
    let Some(scalar) = doc.scalar(id) else {
        return (node.span, false);
    };
    let mut span = node.span;
    if let Some(tag) = &node.tag {
        span.start = span.start.max(tag.span.end);
    }
    let raw = snapshot.slice(span);
    let trimmed_start = raw.len() - raw.trim_start().len();
    span.start += trimmed_start;
    let raw = raw.trim();
    let quoted = matches!(
        scalar.style,
        ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted
    );
    if quoted && raw.len() >= 2 {
        span = Span::new(span.start + 1, span.start + raw.len() - 1);
    } else {
        span = Span::new(span.start, span.start + raw.len());
    }
    let verbatim = !matches!(scalar.style, ScalarStyle::Literal | ScalarStyle::Folded)
        && snapshot.slice(span) == scalar.value;
    (span, verbatim)
}

/// A quick fix renaming a mapping key written as `text` at `span` (quotes
/// kept); `None` when the key is not written verbatim.
pub fn rename_key(snapshot: &Snapshot, span: Span, text: &str, new_text: &str) -> Option<Fix> {
    let raw = snapshot.slice(span);
    let quoted = raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\''));
    let inner = if quoted {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    };
    (snapshot.slice(inner) == text).then(|| Fix {
        title: format!("Change to '{new_text}'"),
        edits: vec![TextEdit {
            span: inner,
            new_text: new_text.to_string(),
        }],
        preferred: true,
    })
}

/// True for `!Ref AWS::NoValue`.
pub fn is_no_value(doc: &Document, id: NodeId) -> bool {
    doc.intrinsic(id)
        .is_some_and(|i| i.function == "Ref" && doc.str_value(i.argument) == Some("AWS::NoValue"))
}

/// The two result branches of an `Fn::If`, if `id` is one.
pub fn if_branches(doc: &Document, id: NodeId) -> Option<[NodeId; 2]> {
    let intrinsic = doc.intrinsic(id)?;
    if intrinsic.function != "Fn::If" {
        return None;
    }
    match doc.sequence(intrinsic.argument)? {
        [_, yes, no] => Some([*yes, *no]),
        _ => None,
    }
}

/// The nodes a "one or many" element stands for: the items of a list, or the
/// node itself; `Fn::If` branches are followed and `AWS::NoValue` dropped.
pub fn items(doc: &Document, id: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    // (node, depth, whether a list is still allowed here)
    let mut stack = vec![(id, 0usize, true)];
    while let Some((current, depth, list_allowed)) = stack.pop() {
        if depth > 16 || is_no_value(doc, current) {
            continue;
        }
        if let Some([yes, no]) = if_branches(doc, current) {
            stack.push((no, depth + 1, list_allowed));
            stack.push((yes, depth + 1, list_allowed));
            continue;
        }
        match doc.sequence(current) {
            Some(list) if list_allowed => {
                for item in list.iter().rev() {
                    stack.push((*item, depth + 1, false));
                }
            }
            _ => out.push(current),
        }
    }
    out
}

/// The strings an element (`Action`, `Resource`, a condition value) holds.
pub fn values(snapshot: &Snapshot, doc: &Document, id: NodeId) -> Vec<Value> {
    items(doc, id)
        .into_iter()
        .map(|item| value(snapshot, doc, item))
        .collect()
}

/// One node read as a policy string.
pub fn value(snapshot: &Snapshot, doc: &Document, id: NodeId) -> Value {
    let node = doc.node(doc.resolve(id));
    match &node.kind {
        NodeKind::Scalar(scalar) => {
            let (inner, verbatim) = inner_span(snapshot, doc, id);
            Value::Text {
                text: scalar.value.clone(),
                span: node.span,
                inner,
                verbatim,
            }
        }
        NodeKind::Intrinsic(intrinsic) => {
            let sub = (intrinsic.function == "Fn::Sub")
                .then(|| {
                    doc.str_value(intrinsic.argument)
                        .or_else(|| {
                            doc.sequence(intrinsic.argument)
                                .and_then(|s| s.first())
                                .and_then(|first| doc.str_value(*first))
                        })
                        .map(str::to_owned)
                })
                .flatten();
            Value::Dynamic {
                span: node.span,
                sub,
            }
        }
        _ => Value::Invalid { span: node.span },
    }
}

/// Replaces every `${...}` in `text` with `placeholder`.
pub fn mask_variables(text: &str, placeholder: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start..).unwrap_or_default();
        match after.find('}') {
            Some(end) => {
                out.push_str(placeholder);
                rest = after.get(end + 1..).unwrap_or_default();
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Case-insensitive Levenshtein distance.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_variables() {
        assert_eq!(
            mask_variables("arn:${AWS::Partition}:s3:::${B}/*", "X"),
            "arn:X:s3:::X/*"
        );
        assert_eq!(mask_variables("a${b", "X"), "a${b");
    }

    #[test]
    fn distance_and_closest() {
        assert_eq!(edit_distance("GetObjekt", "getobject"), 1);
        assert_eq!(
            closest("GetObjekt", ["PutObject", "GetObject"].into_iter()),
            Some("GetObject")
        );
        assert_eq!(closest("Zzzzzz", ["GetObject"].into_iter()), None);
    }

    #[test]
    fn reads_lists_if_branches_and_quotes() {
        let text =
            "Action: !If [C, [\"s3:GetObject\", s3:PutObject], !Ref AWS::NoValue]\nResource: '*'\n";
        let snapshot = Snapshot::from_text("t.yaml", text);
        let doc = &snapshot.document;
        let root = doc.root().expect("root");
        let action = doc.get(root, "Action").expect("Action");
        let texts: Vec<_> = values(&snapshot, doc, action)
            .iter()
            .filter_map(|v| v.text().map(str::to_owned))
            .collect();
        assert_eq!(texts, ["s3:GetObject", "s3:PutObject"]);
        let resource = doc.get(root, "Resource").expect("Resource");
        let (inner, verbatim) = inner_span(&snapshot, doc, resource);
        assert_eq!(snapshot.slice(inner), "*");
        assert!(verbatim);
    }
}
