//! Where the cursor is in a template, read from the text alone so that it
//! works on half-typed, unparsable documents: the chain of keys, list items
//! and intrinsic functions enclosing the cursor, whether a key or a value is
//! being typed, and the exact span of the word being typed.
//!
//! YAML is read by indentation (`yaml`), JSON by a tolerant token scan
//! (`json`); flow collections and short-form tags on one line are read by
//! `flow`. Completion is built on this; hover and navigation use the model.

mod flow;
mod json;
mod resume;
mod yaml;

use awsls_grammars::{Format, Span};

use crate::analysis::Snapshot;

/// One step from the document root towards the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// Inside the value of this mapping key.
    Key(String),
    /// Inside item `index` of a sequence; `previous` holds the scalar text of
    /// the items before it (empty strings for non-scalar items).
    Item { index: usize, previous: Vec<String> },
    /// Inside the argument of a short-form intrinsic (`!GetAtt` → `Fn::GetAtt`).
    Fn(String),
}

/// What is being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A mapping key.
    Key,
    /// A scalar value.
    Value,
    /// A word alone on its line (YAML): a key or a value, the context decides.
    KeyOrValue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub path: Vec<Seg>,
    pub role: Role,
    /// The word being typed (quotes excluded), possibly empty at the cursor.
    pub word: Span,
    /// The text of `word` before the cursor.
    pub typed: String,
    /// In JSON: the word sits inside string quotes.
    pub quoted: bool,
    /// The byte offset of the cursor.
    pub offset: usize,
    /// Column (in bytes) where the current line's content starts, for
    /// indenting multi-line insertions.
    pub indent: usize,
    pub format: Format,
    /// The keys already written in the mapping the cursor is in (for `Key`
    /// and `KeyOrValue`), so completion can leave them out.
    pub siblings: Vec<String>,
    /// YAML: the cursor sits right after `key:` with no space, so a value
    /// needs one in front.
    pub space_before: bool,
}

impl Cursor {
    /// The path with intrinsic keys of the long form (`Ref:`, `Fn::Sub:`)
    /// turned into [`Seg::Fn`], so both forms read alike.
    /// Inside an `Fn::ForEach` body the loop's steps are left out: the body
    /// of `Resources/Fn::ForEach::Topics/[2]/Topic${Name}` reads as the
    /// resource `Topic${Name}`.
    pub fn normalised_path(&self) -> Vec<Seg> {
        let mut path: Vec<Seg> = Vec::with_capacity(self.path.len());
        let mut steps = self.path.iter().peekable();
        while let Some(seg) = steps.next() {
            let is_loop = matches!(seg, Seg::Key(k) | Seg::Fn(k) if k.starts_with(crate::analysis::cfn::for_each::PREFIX));
            if is_loop && matches!(steps.peek(), Some(Seg::Item { index: 2, .. })) {
                steps.next();
                continue;
            }
            path.push(seg.clone());
        }
        path.iter()
            .enumerate()
            .map(|(i, seg)| match seg {
                // A key two levels inside a section can be an intrinsic.
                Seg::Key(k) if i >= 2 && is_function_key(k) => Seg::Fn(k.clone()),
                Seg::Key(k) if i >= 2 && k == "Condition" && is_condition_function(&path, i) => {
                    Seg::Fn(k.clone())
                }
                other => other.clone(),
            })
            .collect()
    }
}

/// `Ref` and every `Fn::` name.
pub fn is_function_key(key: &str) -> bool {
    key == "Ref" || key.starts_with("Fn::")
}

/// `Condition` is the function inside `Conditions` and inside other
/// functions; elsewhere (a resource or output attribute) it names a condition too,
/// which completes the same way, so only the first case needs telling apart.
fn is_condition_function(path: &[Seg], index: usize) -> bool {
    matches!(path.first(), Some(Seg::Key(k)) if k == "Conditions") && index >= 2
}

/// The cursor context at byte `offset` of the snapshot, whose text is `text`.
/// The scans read only around the cursor where the model allows (see
/// `resume`): in JSON from the innermost container the model places around
/// the cursor, in YAML jumping over blocks deeper than the parent sought.
pub fn at(snapshot: &Snapshot, text: &str, offset: usize) -> Cursor {
    let offset = floor_char_boundary(text, offset);
    match snapshot.format {
        Format::Yaml => {
            let document = &snapshot.document;
            let skip =
                |line_start: usize, col: usize| resume::yaml_skip(document, text, line_start, col);
            yaml::cursor(text, offset, &skip)
        }
        Format::Json => {
            let (start, path) = resume::resume_point(&snapshot.document, text, offset);
            json::cursor_from(text, start, path, offset)
        }
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Characters that make up a word being typed: names, types (`AWS::S3::Bucket`),
/// attributes (`Endpoint.Address`), versions and paths.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ':' | '.' | '_' | '-' | '/' | '<' | '>')
}

/// The span of word characters around `offset` in `text`, bounded by `[lo, hi)`.
pub(crate) fn word_around(text: &str, offset: usize, lo: usize, hi: usize) -> Span {
    let before = text.get(lo..offset).unwrap_or("");
    let start = offset
        - before
            .chars()
            .rev()
            .take_while(|c| is_word_char(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let after = text.get(offset..hi).unwrap_or("");
    let end = offset
        + after
            .chars()
            .take_while(|c| is_word_char(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    Span::new(start, end)
}

#[cfg(test)]
mod tests;

/// The names declared in a top-level section, read from the text: the
/// fallback for completion when a syntax error hides the section from the model.
pub fn section_keys(text: &str, format: Format, section: &str) -> Vec<String> {
    match format {
        Format::Yaml => yaml::section_keys(text, section),
        Format::Json => json::section_keys(text, section),
    }
}
