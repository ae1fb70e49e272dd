//! Navigation over a template's own names: what name is under the cursor
//! (at its declaration or at a use through `Ref`, `Fn::GetAtt`, `${…}`,
//! `DependsOn`, `Condition`, `Fn::If` or `Fn::FindInMap`), where it is
//! declared, every place it occurs, and renaming it everywhere at once.

use awsls_grammars::Span;

use crate::analysis::{Snapshot, TextEdit};

use super::references::{self, Namespace, Reference};
use super::template::{is_pseudo_parameter, Template};

/// What kind of declaration a name belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Parameter,
    Resource,
    Condition,
    Mapping,
    Output,
    /// `AWS::Region` and the like: usable, not declared.
    Pseudo,
}

impl SymbolKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SymbolKind::Parameter => "parameter",
            SymbolKind::Resource => "resource",
            SymbolKind::Condition => "condition",
            SymbolKind::Mapping => "mapping",
            SymbolKind::Output => "output",
            SymbolKind::Pseudo => "pseudo parameter",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Symbol {
    pub kind: SymbolKind,
    pub name: String,
}

/// One place a symbol is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The name only (no quotes, no `${`).
    pub span: Span,
    pub declaration: bool,
}

/// A key's span without its quotes, if it is quoted.
pub fn unquoted(snapshot: &Snapshot, span: Span) -> Span {
    let raw = snapshot.slice(span);
    let quoted = raw.len() >= 2
        && ((raw.starts_with('"') && raw.ends_with('"'))
            || (raw.starts_with('\'') && raw.ends_with('\'')));
    if quoted {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

/// The symbol a reference points at, if it is declared (or a pseudo parameter).
pub fn resolve(template: &Template, reference: &Reference) -> Option<Symbol> {
    let name = reference.name.clone();
    let kind = match reference.namespace {
        Namespace::Value if template.parameter(&name).is_some() => SymbolKind::Parameter,
        Namespace::Value | Namespace::Resource if template.resource(&name).is_some() => {
            SymbolKind::Resource
        }
        Namespace::Value if is_pseudo_parameter(&name) => SymbolKind::Pseudo,
        Namespace::Condition if template.condition(&name).is_some() => SymbolKind::Condition,
        Namespace::Mapping if template.mapping(&name).is_some() => SymbolKind::Mapping,
        _ => return None,
    };
    Some(Symbol { kind, name })
}

/// The reference whose name (or `Fn::GetAtt` attribute) is under `offset`.
pub fn reference_at(snapshot: &Snapshot, offset: usize) -> Option<Reference> {
    references::collect_at(snapshot, offset)
        .into_iter()
        .filter(|r| {
            r.span.touches(offset) || r.attribute.as_ref().is_some_and(|(_, s)| s.touches(offset))
        })
        .min_by_key(|r| r.span.len())
}

/// The declarations of every section, with their kinds.
pub fn declarations(template: &Template) -> Vec<(SymbolKind, &str, Span)> {
    let mut out = Vec::new();
    for p in &template.parameters {
        out.push((SymbolKind::Parameter, p.name.as_str(), p.name_span));
    }
    for r in &template.resources {
        out.push((SymbolKind::Resource, r.decl.name.as_str(), r.decl.name_span));
    }
    for c in &template.conditions {
        out.push((SymbolKind::Condition, c.name.as_str(), c.name_span));
    }
    for m in &template.mappings {
        out.push((SymbolKind::Mapping, m.name.as_str(), m.name_span));
    }
    for o in &template.outputs {
        out.push((SymbolKind::Output, o.name.as_str(), o.name_span));
    }
    out
}

/// The symbol under `offset` and the span of the name there.
pub fn symbol_at(
    snapshot: &Snapshot,
    template: &Template,
    offset: usize,
) -> Option<(Symbol, Span)> {
    for (kind, name, span) in declarations(template) {
        if span.touches(offset) {
            let symbol = Symbol {
                kind,
                name: name.to_string(),
            };
            return Some((symbol, unquoted(snapshot, span)));
        }
    }
    let reference = reference_at(snapshot, offset)?;
    if !reference.span.touches(offset) {
        return None;
    }
    let symbol = resolve(template, &reference)?;
    Some((symbol, reference.span))
}

/// Where `symbol` is declared (the name only).
pub fn declaration(snapshot: &Snapshot, template: &Template, symbol: &Symbol) -> Option<Span> {
    declarations(template)
        .into_iter()
        .find(|(kind, name, _)| *kind == symbol.kind && *name == symbol.name)
        .map(|(_, _, span)| unquoted(snapshot, span))
}

/// Every place `symbol` is written: its declaration first, then its uses in
/// document order.
pub fn occurrences(snapshot: &Snapshot, template: &Template, symbol: &Symbol) -> Vec<Occurrence> {
    let mut out = Vec::new();
    if let Some(span) = declaration(snapshot, template, symbol) {
        out.push(Occurrence {
            span,
            declaration: true,
        });
    }
    let mut uses: Vec<Occurrence> = references::collect(snapshot, template)
        .iter()
        .filter(|r| r.name == symbol.name && resolve(template, r).as_ref() == Some(symbol))
        .map(|r| Occurrence {
            span: r.span,
            declaration: false,
        })
        .collect();
    uses.sort_by_key(|o| o.span.start);
    uses.dedup();
    out.extend(uses);
    out
}

/// Why `new_name` cannot replace `symbol`, if it cannot.
pub fn check_new_name(template: &Template, symbol: &Symbol, new_name: &str) -> Result<(), String> {
    if new_name.is_empty() || !new_name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!(
            "`{new_name}` is not a valid name: names of {}s must be alphanumeric (A-Z, a-z, 0-9)",
            symbol.kind.as_str()
        ));
    }
    if new_name.len() > 255 {
        return Err("names are limited to 255 characters".to_string());
    }
    if new_name == symbol.name {
        return Ok(());
    }
    let clash = match symbol.kind {
        SymbolKind::Parameter | SymbolKind::Resource => template
            .parameter(new_name)
            .map(|_| "a parameter")
            .or_else(|| template.resource(new_name).map(|_| "a resource")),
        SymbolKind::Condition => template.condition(new_name).map(|_| "a condition"),
        SymbolKind::Mapping => template.mapping(new_name).map(|_| "a mapping"),
        SymbolKind::Output => template.output(new_name).map(|_| "an output"),
        SymbolKind::Pseudo => None,
    };
    match clash {
        Some(what) => Err(format!("`{new_name}` is already the name of {what}")),
        None => Ok(()),
    }
}

/// Where a rename at `offset` would apply and the current name, or why it cannot.
pub fn prepare_rename(
    snapshot: &Snapshot,
    offset: usize,
) -> Result<Option<(Span, String)>, String> {
    let template = Template::of(snapshot);
    let Some((symbol, span)) = symbol_at(snapshot, template, offset) else {
        return Ok(None);
    };
    if symbol.kind == SymbolKind::Pseudo {
        return Err(format!(
            "`{}` is a pseudo parameter and cannot be renamed",
            symbol.name
        ));
    }
    looped(template, &symbol)?;
    Ok(Some((span, symbol.name)))
}

/// A name an `Fn::ForEach` loop produces is not written anywhere as such:
/// it is renamed by editing the loop's output key.
fn looped(template: &Template, symbol: &Symbol) -> Result<(), String> {
    let decl = match symbol.kind {
        SymbolKind::Resource => template.resource(&symbol.name).map(|r| &r.decl),
        SymbolKind::Condition => template.condition(&symbol.name),
        SymbolKind::Output => template.output(&symbol.name),
        _ => None,
    };
    if decl.is_some_and(|d| d.origin.is_some()) {
        return Err(format!(
            "`{}` is produced by an `Fn::ForEach` loop: edit the loop's output key to rename it",
            symbol.name
        ));
    }
    Ok(())
}

/// The edits renaming the symbol at `offset` to `new_name` everywhere.
pub fn rename(snapshot: &Snapshot, offset: usize, new_name: &str) -> Result<Vec<TextEdit>, String> {
    let template = Template::of(snapshot);
    let Some((symbol, _)) = symbol_at(snapshot, template, offset) else {
        return Err(
            "there is no parameter, resource, condition, mapping or output name here".to_string(),
        );
    };
    if symbol.kind == SymbolKind::Pseudo {
        return Err(format!(
            "`{}` is a pseudo parameter and cannot be renamed",
            symbol.name
        ));
    }
    looped(template, &symbol)?;
    check_new_name(template, &symbol, new_name)?;
    Ok(occurrences(snapshot, template, &symbol)
        .into_iter()
        .map(|o| TextEdit {
            span: o.span,
            new_text: new_name.to_string(),
        })
        .collect())
}
