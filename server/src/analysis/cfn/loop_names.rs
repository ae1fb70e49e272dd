//! The identifier of an `Fn::ForEach` loop as a name to navigate: where it is
//! declared and every place the loop uses it (`${Name}`, `&{Name}`, `!Ref Name`),
//! for hover, go to definition, references and rename.

use awsls_grammars::{NodeKind, Span};

use crate::analysis::{Snapshot, TextEdit};

use super::for_each::Loop;
use super::references::inner_span;
use super::template::Template;

/// The innermost loop whose identifier is written at `offset`, and the
/// span of the identifier there.
pub fn at<'t>(
    snapshot: &Snapshot,
    template: &'t Template,
    offset: usize,
) -> Option<(&'t Loop, Span)> {
    if !snapshot.contains(super::for_each::PREFIX) {
        return None;
    }
    let mut around: Vec<&Loop> = template
        .loops()
        .filter(|l| l.span.touches(offset))
        .collect();
    around.sort_by_key(|l| std::cmp::Reverse(l.span.start));
    for l in around {
        let Some((_, declared)) = &l.identifier else {
            continue;
        };
        if let Some(span) = uses(snapshot, l).into_iter().find(|s| s.touches(offset)) {
            return Some((l, span));
        }
        if declared.touches(offset) {
            return Some((l, inner_declared(snapshot, l)));
        }
    }
    None
}

/// The identifier's span in its declaration, without quotes.
fn inner_declared(snapshot: &Snapshot, l: &Loop) -> Span {
    let doc = &snapshot.document;
    match doc.sequence(l.node).and_then(|s| s.first()) {
        Some(id) => inner_span(doc, *id),
        None => l.identifier.as_ref().map_or(l.key_span, |(_, s)| *s),
    }
}

/// Where the identifier at `offset` is used, declaration first.
pub fn occurrences(snapshot: &Snapshot, l: &Loop) -> Vec<Span> {
    let mut out = vec![inner_declared(snapshot, l)];
    out.extend(uses(snapshot, l));
    out
}

/// Every use of the loop's identifier in its body (the span of the name
/// only), excluding those where a nested loop with the same identifier hides it.
fn uses(snapshot: &Snapshot, l: &Loop) -> Vec<Span> {
    let Some((id, _)) = &l.identifier else {
        return Vec::new();
    };
    let Some(body) = l.body else {
        return Vec::new();
    };
    let doc = &snapshot.document;
    let body_span = doc.node(body).span;
    let mut out = Vec::new();
    // `${Id}` and `&{Id}` in keys and strings: read in the text.
    let text = snapshot.slice(body_span);
    for opener in ["${", "&{"] {
        let needle = format!("{opener}{id}}}");
        let mut from = 0;
        while let Some(at) = text[from..].find(&needle) {
            let start = body_span.start + from + at + opener.len();
            out.push(Span::new(start, start + id.len()));
            from += at + needle.len();
        }
    }
    // `!Ref Id`.
    for node in &doc.nodes {
        if !(body_span.start <= node.span.start && node.span.end <= body_span.end) {
            continue;
        }
        if let NodeKind::Intrinsic(call) = &node.kind {
            if call.function == "Ref" && doc.str_value(call.argument) == Some(id.as_str()) {
                out.push(inner_span(doc, call.argument));
            }
        }
    }
    // A nested loop that declares the same identifier hides this one.
    let template = snapshot.template();
    let hidden: Vec<Span> = template
        .loops()
        .filter(|inner| {
            inner.span != l.span
                && l.span.start <= inner.span.start
                && inner.span.end <= l.span.end
                && inner.identifier.as_ref().is_some_and(|(i, _)| i == id)
        })
        .map(|inner| inner.span)
        .collect();
    out.retain(|s| !hidden.iter().any(|h| h.start <= s.start && s.end <= h.end));
    out.sort_by_key(|s| s.start);
    out.dedup();
    out
}

/// The edits renaming the identifier of `l` to `new_name`.
pub fn rename(snapshot: &Snapshot, l: &Loop, new_name: &str) -> Result<Vec<TextEdit>, String> {
    if new_name.is_empty() || !new_name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!(
            "`{new_name}` is not a valid loop identifier: it must be alphanumeric (A-Z, a-z, 0-9)"
        ));
    }
    Ok(occurrences(snapshot, l)
        .into_iter()
        .map(|span| TextEdit {
            span,
            new_text: new_name.to_string(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - [a, b]\n    - 'Topic${Name}':\n        Type: AWS::SNS::Topic\n        Properties:\n          TopicName: !Sub 'x-${Name}'\n          DisplayName: !Ref Name\n";

    #[test]
    fn every_use_of_the_identifier_is_found_and_renamed() {
        let snapshot = Snapshot::from_text("t.yaml", YAML);
        let template = snapshot.template();
        let offset = YAML.find("${Name}").expect("use") + 3;
        let (l, span) = at(&snapshot, template, offset).expect("identifier");
        assert_eq!(&YAML[span.start..span.end], "Name");
        let edits = rename(&snapshot, l, "Topic").expect("edits");
        assert_eq!(edits.len(), 4);
        let mut text = YAML.to_string();
        let mut edits = edits;
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        for e in edits {
            text.replace_range(e.span.start..e.span.end, &e.new_text);
        }
        assert!(
            text.contains("- Topic\n")
                && text.contains("'Topic${Topic}'")
                && text.contains("!Ref Topic\n")
        );
        assert!(rename(&snapshot, l, "a-b").is_err());
    }

    #[test]
    fn the_identifier_is_found_in_json_too() {
        let json = r#"{"Transform": "AWS::LanguageExtensions", "Resources": {"Fn::ForEach::Topics": ["Name", ["a"], {"Topic${Name}": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Name"}}}}]}}"#;
        let snapshot = Snapshot::from_text("t.json", json);
        let offset = json.find("\"Ref\": \"Name").expect("ref") + 9;
        let (l, _) = at(&snapshot, snapshot.template(), offset).expect("identifier");
        assert_eq!(occurrences(&snapshot, l).len(), 3);
    }
}

#[cfg(test)]
mod hover_tests {
    use crate::analysis::Snapshot;

    #[test]
    fn hover_on_a_loop_and_its_identifier() {
        let text = include_str!("../../../../tests/fixtures/cfn/language-extensions/loops.yaml");
        let snapshot = Snapshot::from_text("loops.yaml", text);
        let at = text.find("Fn::ForEach::Topics").expect("loop") + 14;
        let hover = crate::analysis::hover::hover(&snapshot, at).expect("hover on the loop");
        assert!(
            hover
                .markdown
                .contains("Produces `TopicOrders`, `TopicInvoices`"),
            "{}",
            hover.markdown
        );
        let at = text.find("${Name}-topic").expect("use") + 4;
        let hover = crate::analysis::hover::hover(&snapshot, at).expect("hover on the identifier");
        assert!(
            hover.markdown.contains("`Orders`, `Invoices`"),
            "{}",
            hover.markdown
        );
    }
}
