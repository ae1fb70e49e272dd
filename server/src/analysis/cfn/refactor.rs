//! Refactorings of templates: switch an intrinsic function between its YAML
//! short form (`!Sub x`) and long form (`Fn::Sub: x`), and extract a literal
//! property value into a new parameter referenced with `Ref`.

use awsls_grammars::{Document, Format, IntrinsicForm, NodeId, NodeKind, ScalarKind, Span};

use crate::analysis::{Snapshot, TextEdit};

use super::completion::insert::yaml_needs_quotes;
use super::functions::function;
use super::hover::{model_path, Step};
use super::template::Template;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefactorKind {
    /// Same meaning, other spelling.
    Rewrite,
    /// Moves a piece of the template elsewhere.
    Extract,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refactoring {
    pub title: String,
    pub kind: RefactorKind,
    pub edits: Vec<TextEdit>,
}

/// The refactorings available at `range`.
pub fn actions(snapshot: &Snapshot, range: Span) -> Vec<Refactoring> {
    let mut out = Vec::new();
    if snapshot.format == Format::Yaml {
        out.extend(convert_form(snapshot, range.start));
    }
    out.extend(extract_parameter(snapshot, range));
    out
}

fn line_start(snapshot: &Snapshot, offset: usize) -> usize {
    let line = snapshot
        .text
        .byte_to_line(offset.min(snapshot.text.len_bytes()));
    snapshot.text.line_to_byte(line)
}

fn column(snapshot: &Snapshot, offset: usize) -> usize {
    offset - line_start(snapshot, offset)
}

/// The mapping entry whose value is `node`, as (key span, value), when `node` is one.
fn parent_entry(doc: &Document, node: NodeId) -> Option<Span> {
    doc.nodes.iter().find_map(|n| match &n.kind {
        NodeKind::Mapping(entries) => entries.iter().find(|e| e.value == node).map(|e| e.key.span),
        _ => None,
    })
}

/// The offset just past the `:` that follows a key ending at `key_end`.
fn colon_after(snapshot: &Snapshot, key_end: usize, limit: usize) -> Option<usize> {
    let between = snapshot.slice(Span::new(key_end, limit));
    let trimmed = between.trim_start_matches([' ', '\t', '"', '\'']);
    trimmed
        .starts_with(':')
        .then(|| key_end + (between.len() - trimmed.len()) + 1)
}

/// The argument of an intrinsic as one line of text, `Fn::GetAtt`'s split
/// string put back as a list.
fn argument_text(snapshot: &Snapshot, argument: NodeId, get_att_as_list: bool) -> Option<String> {
    let doc = &snapshot.document;
    let span = trim_end(snapshot, doc.node(argument).span);
    let text = snapshot.slice(span);
    if text.contains('\n') || text.trim().is_empty() {
        return None;
    }
    if get_att_as_list {
        if let Some([a, b]) = doc.sequence(argument) {
            let (sa, sb) = (doc.node(*a).span, doc.node(*b).span);
            // Split from one `A.B` string: both parts lie inside the argument's own span.
            if sa.start >= span.start && sb.end <= span.end && sa.end + 1 == sb.start {
                return Some(format!("[{}, {}]", snapshot.slice(sa), snapshot.slice(sb)));
            }
        }
    }
    Some(text.into_owned())
}

fn convert_form(snapshot: &Snapshot, offset: usize) -> Option<Refactoring> {
    let doc = &snapshot.document;
    let location = doc.locate(offset);
    let (node, intrinsic) = location
        .nodes
        .iter()
        .rev()
        .find_map(|n| match &doc.node(*n).kind {
            NodeKind::Intrinsic(i) => Some((*n, i)),
            _ => None,
        })?;
    let f = function(&intrinsic.function)?;
    let tag = f.tag?;
    let span = trim_end(snapshot, doc.node(node).span);
    let before = snapshot.slice(Span::new(line_start(snapshot, span.start), span.start));
    let in_block_item = before
        .trim_start()
        .strip_prefix('-')
        .is_some_and(|r| r.trim().is_empty());
    let entry_key = parent_entry(doc, node);
    let (title, replace, new_text) = match intrinsic.form {
        IntrinsicForm::Short => {
            let argument = argument_text(snapshot, intrinsic.argument, f.name == "Fn::GetAtt")?;
            let long = format!("{}: {argument}", f.name);
            let title = format!("Convert `{tag}` to the long form `{}`", f.name);
            match entry_key {
                Some(key)
                    if snapshot.text.byte_to_line(key.start)
                        == snapshot.text.byte_to_line(span.start)
                        && !in_flow(snapshot, key, span) =>
                {
                    let colon = colon_after(snapshot, key.end, span.start)?;
                    let indent = " ".repeat(column(snapshot, key.start) + 2);
                    (
                        title,
                        Span::new(colon, span.end),
                        format!("\n{indent}{long}"),
                    )
                }
                _ if in_block_item => (title, span, long),
                _ => (title, span, format!("{{{long}}}")),
            }
        }
        IntrinsicForm::Long => {
            let mut argument = argument_text(snapshot, intrinsic.argument, false)?;
            if f.name == "Fn::GetAtt" {
                if let Some([a, b]) = doc.sequence(intrinsic.argument) {
                    if let (Some(a), Some(b)) = (doc.str_value(*a), doc.str_value(*b)) {
                        if !a.is_empty()
                            && !b.is_empty()
                            && !yaml_needs_quotes(a)
                            && !yaml_needs_quotes(b)
                        {
                            argument = format!("{a}.{b}");
                        }
                    }
                }
            }
            let short = format!("{tag} {argument}");
            let title = format!("Convert `{}` to the short form `{tag}`", f.name);
            match entry_key {
                Some(key)
                    if snapshot.text.byte_to_line(key.start)
                        != snapshot.text.byte_to_line(span.start) =>
                {
                    let colon = colon_after(snapshot, key.end, span.start)?;
                    (title, Span::new(colon, span.end), format!(" {short}"))
                }
                _ => (title, span, short),
            }
        }
    };
    Some(Refactoring {
        title,
        kind: RefactorKind::Rewrite,
        edits: vec![TextEdit {
            span: replace,
            new_text,
        }],
    })
}

/// The span without the whitespace and line breaks a block node ends with.
fn trim_end(snapshot: &Snapshot, span: Span) -> Span {
    let text = snapshot.slice(span);
    Span::new(span.start, span.start + text.trim_end().len())
}

/// True when the entry sits inside a flow mapping (`{Key: !Ref X}`).
fn in_flow(snapshot: &Snapshot, key: Span, value: Span) -> bool {
    let start = line_start(snapshot, key.start);
    let before = snapshot.slice(Span::new(start, key.start));
    let after = snapshot.slice(Span::new(value.end, value.end + 1));
    before.contains(['{', '[']) || after == "}" || after == ","
}

/// Functions whose arguments may be literals worth a parameter.
const LITERAL_FRIENDLY: &[&str] = &[
    "Fn::Join",
    "Fn::Select",
    "Fn::If",
    "Fn::Base64",
    "Fn::Split",
    "Fn::Equals",
    "Fn::Cidr",
    "Fn::ImportValue",
];

fn extract_parameter(snapshot: &Snapshot, range: Span) -> Option<Refactoring> {
    let doc = &snapshot.document;
    let location = doc.locate(range.start);
    if location.key_of.is_some() {
        return None;
    }
    let node = *location.nodes.last()?;
    let scalar = doc.scalar(node)?;
    if scalar.kind == ScalarKind::Null
        || matches!(scalar.kind, ScalarKind::String) && scalar.value.is_empty()
    {
        return None;
    }
    let path = model_path(doc, &location.nodes);
    let in_properties = matches!(path.as_slice(), [Step::Key(s), Step::Key(_), Step::Key(p), ..] if s == "Resources" && p == "Properties")
        || matches!(path.as_slice(), [Step::Key(s), Step::Key(_), Step::Key(v), ..] if s == "Outputs" && v == "Value");
    if !in_properties || path.len() < 4 {
        return None;
    }
    if let Some(Step::Fn(f)) = path.iter().rev().find(|s| matches!(s, Step::Fn(_))) {
        if !LITERAL_FRIENDLY.contains(&f.as_str()) {
            return None;
        }
    }
    let template = Template::of(snapshot);
    let name = parameter_name(template, &path)?;
    let number = matches!(scalar.kind, ScalarKind::Integer | ScalarKind::Float);
    let type_name = if number { "Number" } else { "String" };
    let reference = match snapshot.format {
        Format::Yaml => format!("!Ref {name}"),
        Format::Json => format!("{{\"Ref\": \"{name}\"}}"),
    };
    let mut edits = vec![TextEdit {
        span: doc.node(node).span,
        new_text: reference,
    }];
    edits.push(parameter_insertion(
        snapshot,
        template,
        &name,
        type_name,
        &scalar.value,
        number,
    )?);
    edits.sort_by_key(|e| e.span.start);
    Some(Refactoring {
        title: format!(
            "Extract `{}` into parameter `{name}`",
            shorten(&scalar.value)
        ),
        kind: RefactorKind::Extract,
        edits,
    })
}

fn shorten(value: &str) -> String {
    let mut out: String = value.chars().take(30).collect();
    if out.len() < value.len() {
        out.push('…');
    }
    out
}

/// A free name for the parameter, after the property it comes from.
fn parameter_name(template: &Template, path: &[Step]) -> Option<String> {
    let taken = |n: &str| template.parameter(n).is_some() || template.resource(n).is_some();
    let property = path.iter().rev().find_map(|s| match s {
        Step::Key(k) if !k.starts_with("Fn::") && k != "Ref" => Some(k.as_str()),
        _ => None,
    })?;
    let clean = |s: &str| -> String { s.chars().filter(|c| c.is_ascii_alphanumeric()).collect() };
    let mut base = clean(property);
    if base.is_empty() {
        base = "Value".to_string();
    }
    if !taken(&base) {
        return Some(base);
    }
    let owner = match path.get(1) {
        Some(Step::Key(id)) => clean(id),
        _ => String::new(),
    };
    let qualified = format!("{owner}{base}");
    if !taken(&qualified) {
        return Some(qualified);
    }
    (2..1000)
        .map(|n| format!("{qualified}{n}"))
        .find(|n| !taken(n))
}

fn yaml_value(value: &str, number: bool) -> String {
    if number
        || !yaml_needs_quotes(value)
            && !matches!(value, "true" | "false" | "null" | "~")
            && value.parse::<f64>().is_err()
    {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}

fn parameter_insertion(
    snapshot: &Snapshot,
    template: &Template,
    name: &str,
    type_name: &str,
    value: &str,
    number: bool,
) -> Option<TextEdit> {
    let doc = &snapshot.document;
    let root = template.root?;
    let root_entries = doc.mapping(root)?;
    if let Some(last) = template.parameters.last() {
        let key_col = column(snapshot, last.name_span.start);
        let end = doc.node(last.node).span.end.max(last.name_span.end);
        return Some(match snapshot.format {
            Format::Yaml => {
                let child_col = doc
                    .mapping(last.node)
                    .and_then(|m| m.first())
                    .map(|e| column(snapshot, e.key.span.start))
                    .filter(|c| *c > key_col)
                    .unwrap_or(key_col + 2);
                let line = snapshot
                    .text
                    .byte_to_line(end.saturating_sub(1).max(last.name_span.start));
                let at = if line + 1 < snapshot.text.len_lines() {
                    snapshot.text.line_to_byte(line + 1)
                } else {
                    snapshot.text.len_bytes()
                };
                let lead = if at > 0 && snapshot.slice(Span::new(at - 1, at)) != "\n" {
                    "\n"
                } else {
                    ""
                };
                let (k, c) = (" ".repeat(key_col), " ".repeat(child_col));
                TextEdit {
                    span: Span::new(at, at),
                    new_text: format!(
                        "{lead}{k}{name}:\n{c}Type: {type_name}\n{c}Default: {}\n",
                        yaml_value(value, number)
                    ),
                }
            }
            Format::Json => TextEdit {
                span: Span::new(end, end),
                new_text: format!(
                    ",\n{}\"{name}\": {}",
                    " ".repeat(key_col),
                    json_parameter(type_name, value, number)
                ),
            },
        });
    }
    if root_entries.iter().any(|e| e.key.text == "Parameters") {
        return None;
    }
    let resources = root_entries.iter().find(|e| e.key.text == "Resources")?;
    let at = resources.key.span.start;
    let col = column(snapshot, at);
    Some(match snapshot.format {
        Format::Yaml => {
            let unit = template
                .resources
                .first()
                .map(|r| column(snapshot, r.decl.name_span.start))
                .filter(|c| *c > col)
                .map(|c| c - col)
                .unwrap_or(2);
            let (k, c) = (" ".repeat(col + unit), " ".repeat(col + 2 * unit));
            TextEdit {
                span: Span::new(at, at),
                new_text: format!(
                    "Parameters:\n{k}{name}:\n{c}Type: {type_name}\n{c}Default: {}\n{}",
                    yaml_value(value, number),
                    " ".repeat(col)
                ),
            }
        }
        Format::Json => TextEdit {
            span: Span::new(at, at),
            new_text: format!(
                "\"Parameters\": {{\"{name}\": {}}},\n{}",
                json_parameter(type_name, value, number),
                " ".repeat(col)
            ),
        },
    })
}

fn json_parameter(type_name: &str, value: &str, number: bool) -> String {
    let default = if number {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string())
    };
    format!("{{\"Type\": \"{type_name}\", \"Default\": {default}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut out = text.to_string();
        let mut sorted = edits.to_vec();
        sorted.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        for e in sorted {
            out.replace_range(e.span.start..e.span.end, &e.new_text);
        }
        out
    }

    fn run(name: &str, marked: &str, title_part: &str) -> String {
        let offset = marked.find('|').expect("cursor");
        let text = marked.replacen('|', "", 1);
        let snapshot = Snapshot::from_text(name, &text);
        let all = actions(&snapshot, Span::new(offset, offset));
        let action = all
            .iter()
            .find(|a| a.title.contains(title_part))
            .unwrap_or_else(|| panic!("no `{title_part}` in {all:?}"));
        apply(&text, &action.edits)
    }

    const BASE: &str = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n";

    #[test]
    fn short_to_long_and_back() {
        let text = format!("{BASE}      BucketName: !Sub '${{AWS::StackName}}-|x'\n");
        let long = run("t.yaml", &text, "long form");
        assert_eq!(
            long,
            format!("{BASE}      BucketName:\n        Fn::Sub: '${{AWS::StackName}}-x'\n")
        );
        let marked =
            format!("{BASE}      BucketName:\n        Fn::|Sub: '${{AWS::StackName}}-x'\n");
        let short = run("t.yaml", &marked, "short form");
        assert_eq!(
            short,
            format!("{BASE}      BucketName: !Sub '${{AWS::StackName}}-x'\n")
        );
        let marked =
            format!("{BASE}      Tags:\n        - Key: k\n          Value: !GetAtt |Other.Arn\n");
        assert!(run("t.yaml", &marked, "long form")
            .contains("Value:\n            Fn::GetAtt: [Other, Arn]\n"));
        let marked = format!("{BASE}      Tags: [{{Key: k, Value: {{Ref: |Env}}}}]\n");
        assert!(
            run("t.yaml", &marked, "short form").contains("Tags: [{Key: k, Value: !Ref Env}]\n")
        );
    }

    #[test]
    fn extract_creates_the_section_or_appends() {
        let marked = format!("{BASE}      BucketName: my-|bucket\n");
        let out = run("t.yaml", &marked, "Extract");
        assert_eq!(
            out,
            "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  BucketName:\n    Type: String\n    Default: my-bucket\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref BucketName\n"
        );
        let marked = "Parameters:\n  Env:\n    Type: String\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 3|0\n";
        let out = run("t.yaml", marked, "Extract");
        assert_eq!(
            out,
            "Parameters:\n  Env:\n    Type: String\n  DelaySeconds:\n    Type: Number\n    Default: 30\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: !Ref DelaySeconds\n"
        );
        let marked = "{\n  \"Resources\": {\n    \"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": \"my|-bucket\"}}\n  }\n}\n";
        let out = run("t.json", marked, "Extract");
        assert_eq!(
            out,
            "{\n  \"Parameters\": {\"BucketName\": {\"Type\": \"String\", \"Default\": \"my-bucket\"}},\n  \"Resources\": {\n    \"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": {\"Ref\": \"BucketName\"}}}\n  }\n}\n"
        );
    }
}
