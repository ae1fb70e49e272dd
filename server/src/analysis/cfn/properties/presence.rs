//! Whether a property is set in a mapping, allowing for values that may
//! vanish at deploy time (`Fn::If` with `AWS::NoValue`) and YAML merge keys;
//! a null value is no value.

use awsls_grammars::{Document, Entry, NodeKind, ScalarKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Presence {
    Absent,
    /// Written, but may be removed at deploy time (or merged in from elsewhere).
    Maybe,
    Present,
}

impl Presence {
    /// Present or possibly present: enough to satisfy `required`.
    pub(super) fn may_be_set(self) -> bool {
        self != Presence::Absent
    }
}

/// True when the mapping uses a YAML merge key (`<<: *base`).
pub(super) fn has_merge_key(entries: &[Entry]) -> bool {
    entries.iter().any(|e| e.key.text == "<<")
}

pub(super) fn presence(doc: &Document, entries: &[Entry], name: &str) -> Presence {
    let Some(entry) = entries.iter().find(|e| e.key.text == name) else {
        return if has_merge_key(entries) {
            Presence::Maybe
        } else {
            Presence::Absent
        };
    };
    match &doc.node(doc.resolve(entry.value)).kind {
        NodeKind::Intrinsic(i) if i.function == "Fn::If" => Presence::Maybe,
        NodeKind::Intrinsic(i)
            if i.function == "Ref" && doc.str_value(i.argument) == Some("AWS::NoValue") =>
        {
            Presence::Maybe
        }
        // A key with no value, or `null`, is no property: CloudFormation
        // does not take nulls, and what checks templates drops them.
        NodeKind::Null => Presence::Absent,
        NodeKind::Scalar(s) if s.kind == ScalarKind::Null => Presence::Absent,
        NodeKind::Invalid | NodeKind::Alias { .. } => Presence::Maybe,
        _ => Presence::Present,
    }
}
