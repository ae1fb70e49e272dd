//! Small readings of literal property values shared by the resource rules:
//! whether a property is set in every branch, and literal booleans and
//! integers.

use awsls_grammars::{NodeId, Span};

use super::{ResourceCtx, Value};

/// Where `name`'s key is written in `mapping` when the property is set in
/// every branch (`None` when absent, or removed by `AWS::NoValue` in some
/// branch of `Fn::If`).
pub fn set_everywhere(ctx: &ResourceCtx, mapping: NodeId, name: &str) -> Option<Span> {
    let entry = ctx.doc.entry(mapping, name)?;
    let removed = ctx
        .values(entry.value)
        .iter()
        .any(|v| matches!(v, Value::Removed { .. }));
    (!removed).then_some(entry.key.span)
}

/// Whether `name` is absent from `mapping` in every branch (not written, or
/// `AWS::NoValue` in each branch).
pub fn absent(ctx: &ResourceCtx, mapping: NodeId, name: &str) -> bool {
    match ctx.doc.get(mapping, name) {
        None => true,
        Some(node) => ctx
            .values(node)
            .iter()
            .all(|v| matches!(v, Value::Removed { .. })),
    }
}

/// A boolean written as `true`/`false` (or a string of either, in any case).
pub fn bool_of(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// The literal boolean of `node`, the same in every branch.
pub fn literal_bool(ctx: &ResourceCtx, node: Option<NodeId>) -> Option<bool> {
    ctx.literal(node).and_then(bool_of)
}

/// The literal integer of `node`, the same in every branch.
pub fn literal_int(ctx: &ResourceCtx, node: Option<NodeId>) -> Option<i64> {
    ctx.literal(node).and_then(|t| t.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::bool_of;

    #[test]
    fn booleans_are_read_in_any_case() {
        assert_eq!(bool_of("true"), Some(true));
        assert_eq!(bool_of("False"), Some(false));
        assert_eq!(bool_of("yes"), None);
    }
}
