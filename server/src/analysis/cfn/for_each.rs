//! `Fn::ForEach` loops of the `AWS::LanguageExtensions` transform: their
//! shape, the values of their collections and the declarations they expand to.

use std::collections::HashSet;

use awsls_grammars::{Document, Entry, NodeId, NodeKind, Span};

/// The key prefix of a loop.
pub const PREFIX: &str = "Fn::ForEach::";

/// How deep loops may be nested inside one another.
pub const MAX_DEPTH: usize = 5;

/// How many declarations (and loops) one section's loops may expand to:
/// far beyond CloudFormation's quotas, and a bound on the work of a
/// template whose nested loops multiply out.
pub const MAX_EXPANDED: usize = 20_000;

/// One `Fn::ForEach::Name` entry of `Resources`, `Outputs` or `Conditions`
/// (or of the body of another loop).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loop {
    /// The name after `Fn::ForEach::`.
    pub name: String,
    /// The `Fn::ForEach::Name` key.
    pub key_span: Span,
    /// The loop's value (the three-item list).
    pub node: NodeId,
    /// The whole entry, key to the end of the value.
    pub span: Span,
    /// The identifier and where it is written.
    pub identifier: Option<(String, Span)>,
    /// The values of the collection; `None` when they cannot be known.
    pub values: Option<Vec<String>>,
    /// The output mapping (`{OutputKey: OutputValue}`).
    pub body: Option<NodeId>,
    /// The enclosing loop (index into [`Loops::loops`]).
    pub parent: Option<usize>,
}

/// A declaration a loop produces: one per iteration (per combination of
/// iterations for nested loops).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded {
    /// The name with every identifier replaced (as written when unknown).
    pub name: String,
    /// The output key it comes from.
    pub name_span: Span,
    /// The output value: the declaration's body, shared by every iteration.
    pub node: NodeId,
    /// The innermost loop that produces it.
    pub owner: usize,
    /// Identifier → value, outermost loop first; `None` for an unknown value.
    pub bindings: Vec<(String, Option<String>)>,
}

/// A loop of the wrong shape, at the offending node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
}

/// The loops of one section and what they expand to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loops {
    pub loops: Vec<Loop>,
    pub expanded: Vec<Expanded>,
    pub problems: Vec<Problem>,
}

/// What collections may read: the template's parameters and mappings.
pub struct Sources<'a> {
    pub doc: &'a Document,
    pub parameters: Option<NodeId>,
    pub mappings: Option<NodeId>,
}

impl Loops {
    /// Whether some loop's names cannot be known (an unknown collection).
    pub fn open(&self) -> bool {
        self.loops.iter().any(|l| l.values.is_none())
    }

    /// The loops whose value contains `offset`, outermost first.
    pub fn enclosing(&self, offset: usize) -> impl Iterator<Item = &Loop> {
        self.loops.iter().filter(move |l| l.span.touches(offset))
    }

    /// Whether `name` is the identifier of a loop enclosing `span`.
    pub fn is_identifier(&self, name: &str, span: Span) -> bool {
        self.loops.iter().any(|l| {
            l.span.start <= span.start
                && span.end <= l.span.end
                && l.identifier.as_ref().is_some_and(|(id, _)| id == name)
        })
    }
}

/// The entries of a mapping, where a mapping whose only key is a loop (read
/// by the parser as a call of a function named `Fn::ForEach::Name`) is that
/// one entry.
pub fn entries(doc: &Document, node: NodeId) -> Option<Vec<Entry>> {
    if let Some(entries) = doc.mapping(node) {
        return Some(entries.to_vec());
    }
    let call = doc.intrinsic(node)?;
    call.function.starts_with(PREFIX).then(|| {
        vec![Entry {
            key: awsls_grammars::Key {
                text: call.function.clone(),
                span: call.name_span,
            },
            value: call.argument,
        }]
    })
}

/// The value of output key `key` (as written, `Topic${Name}`) of a loop
/// among the entries of `node` (a section), at any depth of nesting.
pub fn find_output(doc: &Document, node: NodeId, key: &str) -> Option<NodeId> {
    find_output_at(doc, node, key, 0)
}

fn find_output_at(doc: &Document, node: NodeId, key: &str, depth: usize) -> Option<NodeId> {
    if depth > MAX_DEPTH + 1 {
        return None;
    }
    for entry in entries(doc, node)? {
        if !entry.key.text.starts_with(PREFIX) {
            if depth > 0 && entry.key.text == key {
                return Some(entry.value);
            }
            continue;
        }
        let body = doc.sequence(entry.value).and_then(|s| s.get(2).copied());
        if let Some(found) = body.and_then(|b| find_output_at(doc, b, key, depth + 1)) {
            return Some(found);
        }
    }
    None
}

/// Expands the loops among `entries` (a section's entries).
pub fn expand(src: &Sources, entries: &[Entry]) -> Loops {
    let mut out = Loops::default();
    let mut names: HashSet<String> = entries
        .iter()
        .filter(|e| !e.key.text.starts_with(PREFIX))
        .map(|e| e.key.text.clone())
        .collect();
    for entry in entries.iter().filter(|e| e.key.text.starts_with(PREFIX)) {
        expand_loop(src, entry, None, &[], 1, &mut names, &mut out);
    }
    // A nested loop is read once per iteration of the loops around it: its
    // problems are reported once.
    let mut seen = HashSet::new();
    out.problems.retain(|p| seen.insert(p.span));
    out
}

fn problem(out: &mut Loops, span: Span, message: impl Into<String>) {
    out.problems.push(Problem {
        span,
        message: message.into(),
    });
}

fn expand_loop(
    src: &Sources,
    entry: &Entry,
    parent: Option<usize>,
    outer: &[(String, Option<String>)],
    depth: usize,
    names: &mut HashSet<String>,
    out: &mut Loops,
) {
    let doc = src.doc;
    if out.expanded.len() >= MAX_EXPANDED {
        let message = format!(
            "the loops expand to more than {MAX_EXPANDED} declarations: the rest is not checked"
        );
        if !out.problems.iter().any(|p| p.message == message) {
            problem(out, entry.key.span, message);
        }
        return;
    }
    let name = entry.key.text[PREFIX.len()..].to_string();
    let value_span = doc.node(entry.value).span;
    let span = Span::new(entry.key.span.start, value_span.end.max(entry.key.span.end));
    if depth > MAX_DEPTH {
        problem(
            out,
            entry.key.span,
            format!("`Fn::ForEach` loops can be nested at most {MAX_DEPTH} deep"),
        );
        return;
    }
    if !is_alphanumeric(&name) {
        problem(
            out,
            entry.key.span,
            format!("the loop name `{name}` must contain only letters and digits"),
        );
    }
    let Some([id_node, collection, body]) = doc.sequence(entry.value).and_then(|s| {
        let items: &[NodeId; 3] = s.try_into().ok()?;
        Some(*items)
    }) else {
        problem(
            out,
            entry.key.span,
            "`Fn::ForEach` takes a list of three items: an identifier, a collection and the output (`{OutputKey: OutputValue}`)",
        );
        // Its identifier is still the loop's: uses of it are not judged, and
        // with nothing known of what it produces, neither are the names.
        let identifier = doc
            .sequence(entry.value)
            .and_then(|items| items.first())
            .and_then(|id| Some((doc.str_value(*id)?.to_string(), doc.node(*id).span)));
        if !out.loops.iter().any(|l| l.key_span == entry.key.span) {
            out.loops.push(Loop {
                name,
                key_span: entry.key.span,
                node: entry.value,
                span,
                identifier,
                values: None,
                body: None,
                parent,
            });
        }
        return;
    };
    let identifier = match doc.str_value(id_node) {
        Some(id) if is_alphanumeric(id) => Some((id.to_string(), doc.node(id_node).span)),
        Some(id) => {
            problem(
                out,
                doc.node(id_node).span,
                format!("the loop identifier `{id}` must contain only letters and digits"),
            );
            None
        }
        None => {
            problem(
                out,
                doc.node(id_node).span,
                "the first item of `Fn::ForEach` must be the identifier, a string",
            );
            None
        }
    };
    let values = collection_values(src, collection, out);
    if values.as_ref().is_some_and(Vec::is_empty) {
        problem(
            out,
            doc.node(collection).span,
            "the collection of `Fn::ForEach` is empty: the loop produces nothing",
        );
    }
    // A nested loop is read once per iteration of the loops around it, and
    // recorded once.
    let index = match out.loops.iter().position(|l| l.key_span == entry.key.span) {
        Some(known) => known,
        None => {
            out.loops.push(Loop {
                name,
                key_span: entry.key.span,
                node: entry.value,
                span,
                identifier: identifier.clone(),
                values: values.clone(),
                body: Some(body),
                parent,
            });
            out.loops.len() - 1
        }
    };
    let Some(body_entries) = entries(doc, body) else {
        problem(
            out,
            doc.node(body).span,
            "the third item of `Fn::ForEach` must be a mapping of output keys to their values",
        );
        if let Some(l) = out.loops.get_mut(index) {
            l.body = None;
        }
        return;
    };
    let Some((id, _)) = identifier else {
        return;
    };
    // Each iteration's values: one unknown iteration when the collection is unknown.
    let iterations: Vec<Option<String>> = match &values {
        Some(v) => v.iter().cloned().map(Some).collect(),
        None => vec![None],
    };
    for item in &body_entries {
        if item.key.text.starts_with(PREFIX) {
            for value in &iterations {
                let mut bindings = outer.to_vec();
                bindings.push((id.clone(), value.clone()));
                expand_loop(src, item, Some(index), &bindings, depth + 1, names, out);
            }
            continue;
        }
        if !mentions(&item.key.text, &id) && !outer.iter().any(|(o, _)| mentions(&item.key.text, o))
        {
            problem(
                out,
                item.key.span,
                format!("the output key `{}` must use `${{{id}}}` or `&{{{id}}}`, or every iteration produces the same name", item.key.text),
            );
        }
        for value in &iterations {
            if out.expanded.len() >= MAX_EXPANDED {
                break;
            }
            let mut bindings = outer.to_vec();
            bindings.push((id.clone(), value.clone()));
            let expanded = substitute(&item.key.text, &bindings);
            if let Some(expanded) = &expanded {
                if !names.insert(expanded.clone()) {
                    problem(
                        out,
                        item.key.span,
                        format!("`{expanded}` is produced more than once (by this loop or another declaration): names must be unique"),
                    );
                    continue;
                }
            }
            out.expanded.push(Expanded {
                name: expanded.unwrap_or_else(|| item.key.text.clone()),
                name_span: item.key.span,
                node: item.value,
                owner: index,
                bindings,
            });
        }
    }
}

/// ASCII letters and digits only, at least one.
fn is_alphanumeric(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `text` uses `${id}` or `&{id}`.
fn mentions(text: &str, id: &str) -> bool {
    text.contains(&format!("${{{id}}}")) || text.contains(&format!("&{{{id}}}"))
}

/// `text` with every `${id}` replaced by the value and every `&{id}` by the
/// value without its non-alphanumeric characters; `None` when a value used
/// is unknown.
pub fn substitute(text: &str, bindings: &[(String, Option<String>)]) -> Option<String> {
    let mut out = text.to_string();
    for (id, value) in bindings.iter().rev() {
        let plain = format!("${{{id}}}");
        let stripped = format!("&{{{id}}}");
        if !out.contains(&plain) && !out.contains(&stripped) {
            continue;
        }
        let value = value.as_deref()?;
        let alnum: String = value
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        out = out.replace(&plain, value).replace(&stripped, &alnum);
    }
    Some(out)
}

/// The values of a collection; `None` when they cannot be known from the
/// template alone. A collection of the wrong shape is reported.
fn collection_values(src: &Sources, node: NodeId, out: &mut Loops) -> Option<Vec<String>> {
    let doc = src.doc;
    match &doc.node(doc.resolve(node)).kind {
        NodeKind::Sequence(items) => items
            .iter()
            .map(|i| doc.str_value(*i).map(str::to_string))
            .collect(),
        NodeKind::Intrinsic(call) => {
            let arg = call.argument;
            match call.function.as_str() {
                "Ref" => {
                    let name = doc.str_value(arg)?;
                    let param = doc.get(src.parameters?, name)?;
                    let ty = doc.get(param, "Type").and_then(|t| doc.str_value(t))?;
                    if ty != "CommaDelimitedList" && !ty.starts_with("List<") {
                        if !ty.starts_with("AWS::SSM::") {
                            problem(
                                out,
                                doc.node(node).span,
                                format!("the collection of `Fn::ForEach` must be a list, but parameter `{name}` is of type `{ty}`: use `CommaDelimitedList` or `List<...>`"),
                            );
                        }
                        // An SSM parameter is resolved by CloudFormation.
                        return None;
                    }
                    if let Some(default) = doc.get(param, "Default") {
                        return list_of(doc, default);
                    }
                    let allowed = doc.get(param, "AllowedValues")?;
                    let mut values: Vec<String> = Vec::new();
                    for item in doc.sequence(allowed)? {
                        for v in list_of(doc, *item)? {
                            if !values.contains(&v) {
                                values.push(v);
                            }
                        }
                    }
                    Some(values)
                }
                "Fn::FindInMap" => {
                    let args = doc.sequence(arg)?;
                    let [m, k1, k2, ..] = args else { return None };
                    let map = doc.get(src.mappings?, doc.str_value(*m)?)?;
                    let top = doc.get(map, doc.str_value(*k1)?)?;
                    let value = doc.get(top, doc.str_value(*k2)?)?;
                    list_of(doc, value)
                }
                "Fn::Split" => {
                    let args = doc.sequence(arg)?;
                    let [delimiter, text] = args else { return None };
                    let delimiter = doc.str_value(*delimiter)?;
                    let text = doc.str_value(*text)?;
                    if delimiter.is_empty() {
                        return None;
                    }
                    Some(text.split(delimiter).map(str::to_string).collect())
                }
                // `Fn::GetAZs` depends on the region; other functions are
                // resolved by CloudFormation.
                _ => None,
            }
        }
        NodeKind::Scalar(_) | NodeKind::Mapping(_) => {
            problem(
                out,
                doc.node(node).span,
                "the collection of `Fn::ForEach` must be a list, or a `Ref` to a list parameter, `Fn::FindInMap`, `Fn::GetAZs` or `Fn::Split`",
            );
            None
        }
        _ => None,
    }
}

/// A list written as a sequence of strings or as a comma-separated string.
fn list_of(doc: &Document, node: NodeId) -> Option<Vec<String>> {
    if let Some(items) = doc.sequence(node) {
        return items
            .iter()
            .map(|i| doc.str_value(*i).map(str::to_string))
            .collect();
    }
    let text = doc.str_value(node)?;
    Some(text.split(',').map(|s| s.trim().to_string()).collect())
}

#[cfg(test)]
mod tests {
    use awsls_grammars::{parse, Format};

    use super::*;

    fn loops(text: &str, format: Format) -> Loops {
        let doc = parse(text, format);
        let root = doc.root().expect("root");
        let src = Sources {
            doc: &doc,
            parameters: doc.get(root, "Parameters"),
            mappings: doc.get(root, "Mappings"),
        };
        let resources = doc.get(root, "Resources").expect("resources");
        let entries = entries(&doc, resources).expect("mapping");
        expand(&src, &entries)
    }

    fn names(l: &Loops) -> Vec<&str> {
        l.expanded.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn literal_collections_expand_both_forms() {
        let l = loops("Resources:\n  Fn::ForEach::T:\n    - N\n    - [a, b-c]\n    - 'T${N}':\n        Type: X\n      'U&{N}':\n        Type: Y\n", Format::Yaml);
        assert_eq!(names(&l), ["Ta", "Tb-c", "Ua", "Ubc"]);
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        assert!(!l.open());
    }

    #[test]
    fn parameters_mappings_and_split_give_collections() {
        let params = "Parameters:\n  D: {Type: CommaDelimitedList, Default: 'x, y'}\n  A: {Type: CommaDelimitedList, AllowedValues: [p, q]}\n  U: {Type: CommaDelimitedList}\nMappings:\n  M: {k: {v: [m1, m2]}}\n";
        for (collection, expected) in [
            ("!Ref D", vec!["Tx", "Ty"]),
            ("!Ref A", vec!["Tp", "Tq"]),
            ("!FindInMap [M, k, v]", vec!["Tm1", "Tm2"]),
            ("!Split [',', 'a,b']", vec!["Ta", "Tb"]),
            ("!Ref U", vec!["T${N}"]),
            ("!GetAZs ''", vec!["T${N}"]),
        ] {
            let text = format!("{params}Resources:\n  Fn::ForEach::T:\n    - N\n    - {collection}\n    - 'T${{N}}':\n        Type: X\n");
            let l = loops(&text, Format::Yaml);
            assert_eq!(names(&l), expected, "{collection}");
            assert!(l.problems.is_empty(), "{collection}: {:?}", l.problems);
        }
    }

    #[test]
    fn nested_loops_combine_their_identifiers() {
        let json = r#"{"Resources": {"Fn::ForEach::A": ["X", ["a", "b"], {"Fn::ForEach::B": ["Y", ["1", "2"], {"T${X}${Y}": {"Type": "X"}}]}]}}"#;
        let l = loops(json, Format::Json);
        assert_eq!(names(&l), ["Ta1", "Ta2", "Tb1", "Tb2"]);
        assert_eq!(l.expanded[3].bindings.len(), 2);
    }

    #[test]
    fn bad_shapes_are_problems() {
        for (body, needle) in [
            ("    Type: X\n", "three items"),
            ("    - N\n    - [a]\n", "three items"),
            (
                "    - N-1\n    - [a]\n    - 'T${N-1}': {Type: X}\n",
                "identifier",
            ),
            (
                "    - N\n    - abc\n    - 'T${N}': {Type: X}\n",
                "must be a list",
            ),
            (
                "    - N\n    - [a, a]\n    - 'T${N}': {Type: X}\n",
                "more than once",
            ),
            ("    - N\n    - [a, b]\n    - T: {Type: X}\n", "must use"),
            ("    - N\n    - [a]\n    - abc\n", "mapping"),
            ("    - N\n    - []\n    - 'T${N}': {Type: X}\n", "empty"),
            (
                "    - N\n    - {a: b}\n    - 'T${N}': {Type: X}\n",
                "must be a list",
            ),
            (
                "    - N\n    - !Ref One\n    - 'T${N}': {Type: X}\n",
                "parameter `One` is of type `String`",
            ),
        ] {
            let l = loops(
                &format!(
                    "Parameters:\n  One:\n    Type: String\nResources:\n  Fn::ForEach::T:\n{body}"
                ),
                Format::Yaml,
            );
            assert!(
                l.problems.iter().any(|p| p.message.contains(needle)),
                "{body}: {:?}",
                l.problems
            );
        }
    }

    #[test]
    fn loops_that_multiply_out_are_bounded() {
        let values: Vec<String> = (0..60).map(|i| format!("\"v{i}\"")).collect();
        let values = values.join(", ");
        let mut body = String::from("{\"T${A}${B}${C}${D}\": {\"Type\": \"X\"}}");
        for id in ["D", "C", "B", "A"] {
            body = format!("{{\"Fn::ForEach::L{id}\": [\"{id}\", [{values}], {body}]}}");
        }
        let started = std::time::Instant::now();
        let l = loops(&format!("{{\"Resources\": {body}}}"), Format::Json);
        assert!(l.expanded.len() <= MAX_EXPANDED);
        assert_eq!(l.loops.len(), 4);
        assert!(l.problems.iter().any(|p| p.message.contains("more than")));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn deep_nesting_is_a_problem() {
        let mut body = String::from("{\"T${A}\": {\"Type\": \"X\"}}");
        for _ in 0..7 {
            body = format!("{{\"Fn::ForEach::L\": [\"A\", [\"a\"], {body}]}}");
        }
        let l = loops(&format!("{{\"Resources\": {body}}}"), Format::Json);
        assert!(l.problems.iter().any(|p| p.message.contains("nested")));
    }
}
