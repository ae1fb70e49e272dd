//! Every place a template names one of its own declarations: `Ref`,
//! `Fn::GetAtt` (both forms), `${…}` in `Fn::Sub`, `DependsOn`, `Condition`,
//! `Fn::If` and `Fn::FindInMap`. Shared by validation, navigation and rename.

use awsls_grammars::{Document, NodeId, NodeKind, ScalarStyle, Span};

use crate::analysis::Snapshot;

use super::template::{self, Template};

/// How a name is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    Ref,
    GetAtt,
    Sub,
    DependsOn,
    /// `Condition:` on a resource or output, or the `Condition` function.
    Condition,
    If,
    FindInMap,
}

/// Which declarations a reference may point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// A parameter, a resource or a pseudo parameter (`Ref`, `${Name}`).
    Value,
    /// A resource only (`Fn::GetAtt`, `DependsOn`, `${Res.Attr}`).
    Resource,
    Condition,
    Mapping,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    /// The span of just the name (inside quotes, inside `${…}`).
    pub span: Span,
    pub via: Via,
    pub namespace: Namespace,
    /// For `Fn::GetAtt` and `${Res.Attr}`: the attribute and its span.
    pub attribute: Option<(String, Span)>,
}

impl Via {
    pub fn namespace(self) -> Namespace {
        match self {
            Via::Ref => Namespace::Value,
            Via::GetAtt | Via::DependsOn => Namespace::Resource,
            Via::Condition | Via::If => Namespace::Condition,
            Via::FindInMap => Namespace::Mapping,
            Via::Sub => Namespace::Value,
        }
    }
}

/// The span of a scalar's text without its quotes.
pub fn inner_span(doc: &Document, node: NodeId) -> Span {
    let n = doc.node(node);
    let span = n.span;
    match &n.kind {
        // A quoted scalar's span holds at least its value and two quotes; one
        // no longer than its value is a part of a `Fn::GetAtt` string split
        // at the dot, whose span is already inside the quotes.
        NodeKind::Scalar(s)
            if matches!(
                s.style,
                ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            ) && span.len() >= 2
                && span.len() > s.value.len() =>
        {
            // Tags and anchors come before the scalar; the quotes end the span.
            let end = span.end - 1;
            let start = end.saturating_sub(s.value.len()).max(span.start);
            if s.value.len() + 2 <= span.len() && !s.value.contains(['\\', '\'', '\n']) {
                Span::new(start, end)
            } else {
                Span::new(span.start + 1, end)
            }
        }
        _ => span,
    }
}

fn push_scalar(out: &mut Vec<Reference>, doc: &Document, node: NodeId, via: Via) {
    if let Some(value) = doc.str_value(node) {
        out.push(Reference {
            name: value.to_string(),
            span: inner_span(doc, node),
            via,
            namespace: via.namespace(),
            attribute: None,
        });
    }
}

/// How many nodes the full walk reads between two pause points.
const PAUSE_EVERY: usize = 8192;

/// All references in the template, in document order.
pub fn collect(snapshot: &Snapshot, template: &Template) -> Vec<Reference> {
    let doc = &snapshot.document;
    let mut out = Vec::new();
    for i in 0..doc.nodes.len() {
        if i % PAUSE_EVERY == 0 {
            crate::analysis::pause::point();
        }
        push_intrinsic(&mut out, snapshot, NodeId(i as u32));
    }
    for resource in &template.resources {
        push_declared(&mut out, doc, resource.decl.node, Section::Resources);
    }
    for output in &template.outputs {
        push_declared(&mut out, doc, output.node, Section::Outputs);
    }
    in_text_order(out)
}

/// The references written in nodes that hold `offset` (a cursor's): the
/// same as filtering [`collect`] by spans touching `offset`, reading only
/// those nodes (and no template, which a new parse may not have built yet).
pub fn collect_at(snapshot: &Snapshot, offset: usize) -> Vec<Reference> {
    let doc = &snapshot.document;
    let mut out = Vec::new();
    // Every node touching the offset lies inside a parent touching it.
    let mut stack: Vec<NodeId> = doc.roots.clone();
    while let Some(id) = stack.pop() {
        if !doc.node(id).span.touches(offset) {
            continue;
        }
        push_intrinsic(&mut out, snapshot, id);
        stack.extend(doc.children(id));
    }
    for section in [Section::Resources, Section::Outputs] {
        for entry in template::section(doc, section.name()) {
            if doc.node(entry.value).span.touches(offset) {
                push_declared(&mut out, doc, entry.value, section);
            }
        }
    }
    in_text_order(out)
}

/// The sections whose declarations hold references of their own.
#[derive(Clone, Copy)]
enum Section {
    Resources,
    Outputs,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::Resources => "Resources",
            Section::Outputs => "Outputs",
        }
    }
}

/// The references of the intrinsic function at `node` (none for other nodes).
fn push_intrinsic(out: &mut Vec<Reference>, snapshot: &Snapshot, node: NodeId) {
    let doc = &snapshot.document;
    let NodeKind::Intrinsic(intrinsic) = &doc.node(node).kind else {
        return;
    };
    let arg = intrinsic.argument;
    match intrinsic.function.as_str() {
        "Ref" => push_scalar(out, doc, arg, Via::Ref),
        "Condition" => push_scalar(out, doc, arg, Via::Condition),
        "Fn::GetAtt" => {
            let Some(&resource) = doc.sequence(arg).and_then(|items| items.first()) else {
                return;
            };
            let Some(name) = doc.str_value(resource) else {
                return;
            };
            let attribute = doc
                .sequence(arg)
                .and_then(|items| items.get(1))
                .and_then(|a| {
                    doc.str_value(*a)
                        .map(|text| (text.to_string(), inner_span(doc, *a)))
                });
            out.push(Reference {
                name: name.to_string(),
                span: inner_span(doc, resource),
                via: Via::GetAtt,
                namespace: Namespace::Resource,
                attribute,
            });
        }
        "Fn::If" => {
            if let Some(&first) = doc.sequence(arg).and_then(|items| items.first()) {
                push_scalar(out, doc, first, Via::If);
            }
        }
        "Fn::FindInMap" => {
            if let Some(&first) = doc.sequence(arg).and_then(|items| items.first()) {
                push_scalar(out, doc, first, Via::FindInMap);
            }
        }
        "Fn::Sub" => sub_references(snapshot, arg, out),
        _ => {}
    }
}

/// The `DependsOn` and `Condition` of a resource, the `Condition` of an output.
fn push_declared(out: &mut Vec<Reference>, doc: &Document, node: NodeId, section: Section) {
    if let (Section::Resources, Some(depends)) = (section, doc.get(node, "DependsOn")) {
        match doc.sequence(depends) {
            Some(items) => {
                for item in items {
                    push_scalar(out, doc, *item, Via::DependsOn);
                }
            }
            None => push_scalar(out, doc, depends, Via::DependsOn),
        }
    }
    if let Some(condition) = doc.get(node, "Condition") {
        push_scalar(out, doc, condition, Via::Condition);
    }
}

/// The arena holds re-read parts after the rest (see the grammars'
/// splices): order by position.
fn in_text_order(mut out: Vec<Reference>) -> Vec<Reference> {
    out.sort_by_key(|r| (r.span.start, r.span.end));
    out
}

/// A `${…}` variable in a `Fn::Sub` string, with spans into the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubVariable {
    /// The text between `${` and `}`.
    pub text: String,
    pub span: Span,
}

/// The `${…}` variables written in a `Fn::Sub` string node, read from the raw
/// source so spans are exact; `${!Literal}` is skipped.
pub fn sub_variables(snapshot: &Snapshot, string_node: NodeId) -> Vec<SubVariable> {
    let doc = &snapshot.document;
    if doc.scalar(string_node).is_none() {
        return Vec::new();
    }
    let span = doc.node(doc.resolve(string_node)).span;
    let raw = snapshot.slice(span);
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(found) = raw[rest..].find("${") {
        let open = rest + found + 2;
        let Some(close) = raw[open..].find('}').map(|c| open + c) else {
            break;
        };
        let text = &raw[open..close];
        if !text.starts_with('!') {
            out.push(SubVariable {
                text: text.trim().to_string(),
                span: Span::new(span.start + open, span.start + close),
            });
        }
        rest = close + 1;
    }
    out
}

/// The string and the variable map of a `Fn::Sub` argument.
pub fn sub_parts(doc: &Document, argument: NodeId) -> (Option<NodeId>, Option<NodeId>) {
    match doc.sequence(argument) {
        Some(items) => (items.first().copied(), items.get(1).copied()),
        None => (Some(argument), None),
    }
}

fn sub_references(snapshot: &Snapshot, argument: NodeId, out: &mut Vec<Reference>) {
    let doc = &snapshot.document;
    let (string, vars) = sub_parts(doc, argument);
    let Some(string) = string else { return };
    let local: Vec<&str> = vars
        .and_then(|v| doc.mapping(v))
        .map(|entries| entries.iter().map(|e| e.key.text.as_str()).collect())
        .unwrap_or_default();
    for var in sub_variables(snapshot, string) {
        if local.contains(&var.text.as_str()) {
            continue;
        }
        match var.text.split_once('.') {
            Some((name, attribute)) => {
                let name_span = Span::new(var.span.start, var.span.start + name.len());
                let attr_start = name_span.end + 1;
                out.push(Reference {
                    name: name.to_string(),
                    span: name_span,
                    via: Via::Sub,
                    namespace: Namespace::Resource,
                    attribute: Some((
                        attribute.to_string(),
                        Span::new(attr_start, attr_start + attribute.len()),
                    )),
                });
            }
            None => out.push(Reference {
                name: var.text.clone(),
                span: var.span,
                via: Via::Sub,
                namespace: Namespace::Value,
                attribute: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of reference, in YAML short and long forms and in JSON.
    const YAML: &str = "\
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
    DependsOn: [Topic, Other]
    Properties:
      QueueName: !Sub '${AWS::StackName}-${Topic.TopicName}-${!Literal}'
      Delay: !If [IsProd, !FindInMap [Map, a, b], !GetAtt Topic.Arn]
      Tags:
        - Key: !Sub
            - '${X}-${Env}'
            - X: !Ref Topic
  Topic:
    Type: AWS::SNS::Topic
    DependsOn: Queue
    Properties:
      DisplayName: {'Fn::GetAtt': [Queue, Arn]}
Outputs:
  Out:
    Condition: IsProd
    Value: {Ref: Queue}
";

    /// [`collect`] restricted to nodes touching `offset`: intrinsic
    /// functions anywhere in the arena, declarations in the template.
    fn collect_touching(snapshot: &Snapshot, offset: usize) -> Vec<Reference> {
        let doc = &snapshot.document;
        let template = snapshot.template();
        let mut out = Vec::new();
        for (i, node) in doc.nodes.iter().enumerate() {
            if node.span.touches(offset) {
                push_intrinsic(&mut out, snapshot, NodeId(i as u32));
            }
        }
        let declared = template
            .resources
            .iter()
            .map(|r| (r.decl.node, Section::Resources))
            .chain(template.outputs.iter().map(|o| (o.node, Section::Outputs)));
        for (node, section) in declared {
            if doc.node(node).span.touches(offset) {
                push_declared(&mut out, doc, node, section);
            }
        }
        in_text_order(out)
    }

    #[test]
    fn references_at_an_offset_are_those_of_all_that_touch_it() {
        let json = r#"{"Resources": {"A": {"Type": "T", "DependsOn": "B", "Properties": {"P": {"Fn::GetAtt": ["B", "Arn"]}, "Q": {"Fn::Sub": "${B}"}}}}, "Outputs": {"O": {"Condition": "C", "Value": {"Ref": "A"}}}}"#;
        for (name, text) in [("t.yaml", YAML), ("t.json", json)] {
            let snapshot = Snapshot::from_text(name, text);
            assert!(collect(&snapshot, snapshot.template()).len() >= 5);
            let mut found = 0;
            for offset in 0..=text.len() {
                let at = collect_at(&snapshot, offset);
                found += at.len();
                assert_eq!(
                    at,
                    collect_touching(&snapshot, offset),
                    "at {offset} of {name}"
                );
            }
            assert!(found > 100, "{found}");
        }
    }
}
