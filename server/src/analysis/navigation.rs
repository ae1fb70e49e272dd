//! Navigation requests dispatched by document kind: go to definition, find
//! references, document highlights and rename. Templates (CloudFormation and
//! SAM) support them; other kinds have no names to follow.

use awsls_grammars::Span;

use super::cfn::loop_names;
use super::cfn::navigation as cfn_nav;
use super::cfn::template::Template;
use super::{DocKind, Snapshot, TextEdit};

fn is_template(snapshot: &Snapshot) -> bool {
    snapshot.kind.is_some_and(DocKind::is_template)
}

/// Where the name at `offset` is declared.
pub fn definition(snapshot: &Snapshot, offset: usize) -> Option<Span> {
    if !is_template(snapshot) {
        return None;
    }
    let template = Template::of(snapshot);
    if let Some((l, _)) = loop_names::at(snapshot, template, offset) {
        return loop_names::occurrences(snapshot, l).first().copied();
    }
    let (symbol, _) = cfn_nav::symbol_at(snapshot, template, offset)?;
    cfn_nav::declaration(snapshot, template, &symbol)
}

/// Every place the name at `offset` is written, declaration first when
/// `include_declaration`.
pub fn references(snapshot: &Snapshot, offset: usize, include_declaration: bool) -> Vec<Span> {
    if !is_template(snapshot) {
        return Vec::new();
    }
    let template = Template::of(snapshot);
    if let Some((l, _)) = loop_names::at(snapshot, template, offset) {
        let all = loop_names::occurrences(snapshot, l);
        return all
            .into_iter()
            .skip(usize::from(!include_declaration))
            .collect();
    }
    let Some((symbol, _)) = cfn_nav::symbol_at(snapshot, template, offset) else {
        return Vec::new();
    };
    cfn_nav::occurrences(snapshot, template, &symbol)
        .into_iter()
        .filter(|o| include_declaration || !o.declaration)
        .map(|o| o.span)
        .collect()
}

/// The occurrences of the name at `offset`, each flagged `true` for its declaration.
pub fn highlights(snapshot: &Snapshot, offset: usize) -> Vec<(Span, bool)> {
    if !is_template(snapshot) {
        return Vec::new();
    }
    let template = Template::of(snapshot);
    if let Some((l, _)) = loop_names::at(snapshot, template, offset) {
        let all = loop_names::occurrences(snapshot, l);
        return all
            .into_iter()
            .enumerate()
            .map(|(i, s)| (s, i == 0))
            .collect();
    }
    let Some((symbol, _)) = cfn_nav::symbol_at(snapshot, template, offset) else {
        return Vec::new();
    };
    cfn_nav::occurrences(snapshot, template, &symbol)
        .into_iter()
        .map(|o| (o.span, o.declaration))
        .collect()
}

/// The span and current text of the name a rename at `offset` would change;
/// `Ok(None)` when there is nothing to rename, `Err` with the reason when
/// the name cannot be renamed.
pub fn prepare_rename(
    snapshot: &Snapshot,
    offset: usize,
) -> Result<Option<(Span, String)>, String> {
    if !is_template(snapshot) {
        return Ok(None);
    }
    if let Some((l, span)) = loop_names::at(snapshot, Template::of(snapshot), offset) {
        let name = l
            .identifier
            .as_ref()
            .map(|(id, _)| id.clone())
            .unwrap_or_default();
        return Ok(Some((span, name)));
    }
    cfn_nav::prepare_rename(snapshot, offset)
}

/// The edits renaming the name at `offset`, or why it cannot be done.
pub fn rename(snapshot: &Snapshot, offset: usize, new_name: &str) -> Result<Vec<TextEdit>, String> {
    if !is_template(snapshot) {
        return Err("only names in CloudFormation and SAM templates can be renamed".to_string());
    }
    if let Some((l, _)) = loop_names::at(snapshot, Template::of(snapshot), offset) {
        return loop_names::rename(snapshot, l, new_name);
    }
    cfn_nav::rename(snapshot, offset, new_name)
}
