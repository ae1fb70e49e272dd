//! Small readers over the document model shared by the SAM checks: plain
//! text values, `!Ref` targets, property presence and SAM resource lookup.

use awsls_grammars::{Document, NodeId, NodeKind, ScalarKind};

/// The text of a plain (untagged) string scalar.
pub fn text(doc: &Document, node: NodeId) -> Option<&str> {
    let id = doc.resolve(node);
    let n = doc.node(id);
    let NodeKind::Scalar(scalar) = &n.kind else {
        return None;
    };
    let tagged = n.tag.as_ref().is_some_and(|t| !t.name.starts_with("!!"));
    (scalar.kind == ScalarKind::String && !tagged).then_some(scalar.value.as_str())
}

/// The name a `Ref` (either form) points at.
pub fn ref_target(doc: &Document, node: NodeId) -> Option<&str> {
    let intrinsic = doc.intrinsic(node)?;
    (intrinsic.function == "Ref").then(|| doc.str_value(intrinsic.argument))?
}

/// True when the value is computed by an intrinsic function.
pub fn is_intrinsic(doc: &Document, node: NodeId) -> bool {
    doc.intrinsic(node).is_some()
}

/// True when the mapping `node` sets `name`, or may set it through a YAML merge key.
pub fn may_set(doc: &Document, node: Option<NodeId>, name: &str) -> bool {
    node.and_then(|n| doc.mapping(n)).is_some_and(|entries| {
        entries
            .iter()
            .any(|e| e.key.text == name || e.key.text == "<<")
    })
}

/// True when the mapping `node` writes `name` itself.
pub fn sets(doc: &Document, node: Option<NodeId>, name: &str) -> bool {
    node.and_then(|n| doc.entry(n, name)).is_some()
}

/// True for `AWS::Serverless::*` type names.
pub fn is_serverless(type_name: &str) -> bool {
    type_name.starts_with("AWS::Serverless::")
}

/// "`a`, `b` and `c`".
pub fn and_list<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Snapshot;

    #[test]
    fn reads_text_refs_and_presence() {
        let s = Snapshot::from_text("t.yaml", "A: x\nB: !Ref C\nD: 3\nE: {<<: {}}\n");
        let doc = &s.document;
        let root = doc.root().unwrap();
        assert_eq!(text(doc, doc.get(root, "A").unwrap()), Some("x"));
        assert_eq!(text(doc, doc.get(root, "B").unwrap()), None);
        assert_eq!(text(doc, doc.get(root, "D").unwrap()), None);
        assert_eq!(ref_target(doc, doc.get(root, "B").unwrap()), Some("C"));
        assert!(is_intrinsic(doc, doc.get(root, "B").unwrap()));
        assert!(may_set(doc, doc.get(root, "E"), "Anything"));
        assert!(!sets(doc, doc.get(root, "E"), "Anything"));
        assert_eq!(and_list(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
