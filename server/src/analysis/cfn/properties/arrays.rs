//! List values: `items`, `prefixItems`, item counts and `uniqueItems`.

use crate::analysis::rules::Rule;
use std::collections::HashSet;

use awsls_grammars::{NodeId, NodeKind};

use crate::analysis::Finding;
use crate::schema::Shape;

use super::walker::{count_of, Out, Walker};

impl<'a> Walker<'a> {
    pub(super) fn array(
        &mut self,
        id: NodeId,
        items: &'a [NodeId],
        shape: &'a Shape,
        out: &mut Out,
    ) {
        let prefix = &shape.extra().prefix_items;
        for (i, item) in items.iter().enumerate() {
            // Missing properties of an item are reported on its first key.
            let label = match self.doc.mapping(*item).and_then(|e| e.first()) {
                Some(first) => first.key.span,
                None => self.doc.node(*item).span,
            };
            let item_shape = prefix.get(i).or(shape.items.as_deref());
            if let Some(item_shape) = item_shape {
                self.value(*item, item_shape, label, out);
            }
        }
        self.count(id, items, shape, out);
        if shape.unique_items {
            self.unique(items, out);
        }
    }

    fn count(&mut self, id: NodeId, items: &'a [NodeId], shape: &'a Shape, out: &mut Out) {
        // Items that are `Fn::If` may vanish: count them for the minimum only.
        let conditional = items
            .iter()
            .filter(|i| matches!(&self.doc.node(self.doc.resolve(**i)).kind, NodeKind::Intrinsic(f) if f.function == "Fn::If"))
            .count() as u64;
        let all = items.len() as u64;
        let sure = all - conditional;
        let problem = if let Some(min) = shape.min_items.filter(|m| all < *m) {
            Some((format!("at least {}", count_of(min, "item")), all))
        } else {
            shape
                .max_items
                .filter(|m| sure > *m)
                .map(|max| (format!("at most {}", count_of(max, "item")), sure))
        };
        let Some((bound, count)) = problem else {
            return;
        };
        let span = self.doc.node(id).span;
        out.findings.push(Finding::new(
            Rule::InvalidItemCount,
            span,
            format!("`{}` must have {bound}, but it has {count}", self.name()),
        ));
    }

    fn unique(&mut self, items: &'a [NodeId], out: &mut Out) {
        let mut seen: HashSet<&str> = HashSet::with_capacity(items.len());
        for item in items {
            let n = self.doc.node(self.doc.resolve(*item));
            let NodeKind::Scalar(s) = &n.kind else {
                continue;
            };
            if !seen.insert(s.value.as_str()) {
                out.findings.push(Finding::new(Rule::DuplicateItems,
                    self.doc.node(*item).span,
                    format!(
                        "`{}` is listed twice in `{}`, whose items must be unique; remove the repeat",
                        s.value,
                        self.name()
                    ),
                ));
            }
        }
    }
}
