//! The pipelines the fuzz targets drive: every analysis of awsls run over
//! arbitrary text, and random edit sequences re-parsed incrementally and
//! compared with a parse from scratch. Any panic is a finding.

use awsls::analysis::{
    code_actions, completion, diagnostics, hover, navigation, outline, semantic_tokens, Snapshot,
};
use awsls_grammars::{Format, Source, Span};

/// File names a parse target picks from (by the input's first byte), so the
/// same text is read as a template, an AppSpec file and a policy.
pub const YAML_NAMES: [&str; 3] = ["template.yaml", "appspec.yml", "policy.yaml"];
pub const JSON_NAMES: [&str; 3] = ["template.json", "appspec.json", "policy.json"];

/// Splits a fuzz input into a file name (from its first byte) and its text.
pub fn named_text(data: &[u8], names: &[&'static str]) -> Option<(&'static str, String)> {
    let (first, rest) = data.split_first()?;
    let name = names.get(usize::from(*first) % names.len())?;
    Some((name, String::from_utf8_lossy(rest).into_owned()))
}

/// The offsets analyses are asked about: every char boundary of a small
/// text, a spread of them in a large one, and always the end.
pub fn probe_offsets(text: &str) -> Vec<usize> {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    if boundaries.len() <= 48 {
        return boundaries;
    }
    let step = boundaries.len() / 12;
    boundaries
        .iter()
        .copied()
        .step_by(step.max(1))
        .chain([text.len()])
        .collect()
}

/// Parses `text` as `format`, builds a snapshot under `name` and runs every
/// analysis entry point over it. Panics when an analysis panics or returns a
/// range outside the text.
pub fn analyse(name: &str, text: &str, format: Format) {
    let document = awsls_grammars::parse(text, format);
    for problem in &document.problems {
        assert_in_text(text, problem.span, "syntax problem");
    }
    let snapshot = Snapshot::from_text(name, text);
    for finding in diagnostics(&snapshot) {
        assert_in_text(text, finding.span, finding.code);
        for fix in &finding.fixes {
            for edit in &fix.edits {
                assert_in_text(text, edit.span, "quick fix edit");
            }
        }
    }
    let _ = outline::document_symbols(&snapshot);
    let _ = outline::folding_ranges(&snapshot);
    let _ = semantic_tokens::tokens(&snapshot);
    let offsets = probe_offsets(text);
    for &offset in &offsets {
        if let Some(info) = hover::hover(&snapshot, offset) {
            assert_in_text(text, info.span, "hover");
        }
        for entry in completion::complete(&snapshot, offset) {
            assert_in_text(text, entry.replace, "completion");
        }
        let _ = navigation::definition(&snapshot, offset);
        let _ = navigation::references(&snapshot, offset, true);
        let _ = navigation::highlights(&snapshot, offset);
        let _ = navigation::prepare_rename(&snapshot, offset);
        if let Ok(edits) = navigation::rename(&snapshot, offset, "Renamed1") {
            for edit in edits {
                assert_in_text(text, edit.span, "rename edit");
            }
        }
        let _ = outline::selection_ranges(&snapshot, offset);
    }
    // Code actions over a few ranges: the cursor at up to 4 probe points
    // (each reruns the diagnostics) and the whole text.
    let step = (offsets.len() / 4).max(1);
    for &offset in offsets.iter().step_by(step) {
        for action in code_actions::code_actions(&snapshot, Span::new(offset, offset)) {
            for edit in &action.edits {
                assert_in_text(text, edit.span, "code action edit");
            }
        }
    }
    let _ = code_actions::code_actions(&snapshot, Span::new(0, text.len()));
}

fn assert_in_text(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not a range of the text of {} bytes",
        text.len()
    );
}

/// Reads a little-endian u16 from the front of `data`, advancing it.
fn take_u16(data: &mut &[u8]) -> Option<usize> {
    let (bytes, rest) = data.split_first_chunk::<2>()?;
    *data = rest;
    Some(usize::from(u16::from_le_bytes(*bytes)))
}

/// The byte at the front of `data`, advancing it.
fn take_u8(data: &mut &[u8]) -> Option<u8> {
    let (byte, rest) = data.split_first()?;
    *data = rest;
    Some(*byte)
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Decodes `data` as a format byte, a seed text ending at a NUL byte, then
/// edits (start: u16, length: u16, flags: u8, text length: u8, text), applies
/// them through [`Source::edit`] with a re-parse whenever a flag bit says so,
/// and checks the text and the document against a parse from scratch.
pub fn edits(data: &[u8]) {
    let mut data = data;
    let Some(flags) = take_u8(&mut data) else {
        return;
    };
    let format = if flags & 1 == 0 {
        Format::Yaml
    } else {
        Format::Json
    };
    let seed_len = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let (seed, rest) = data.split_at(seed_len);
    let mut data = rest.get(1..).unwrap_or(&[]);
    let mut expected = String::from_utf8_lossy(seed).into_owned();
    let mut source = Source::new(&expected, format);
    let mut count = 0;
    while let (Some(start), Some(len), Some(op)) = (
        take_u16(&mut data),
        take_u8(&mut data).map(usize::from),
        take_u8(&mut data),
    ) {
        let n = usize::from(op >> 2).min(data.len());
        let (inserted, rest) = data.split_at(n);
        data = rest;
        let inserted = String::from_utf8_lossy(inserted).into_owned();
        let text_len = expected.len().max(1);
        let start = start % (text_len + 1);
        let range = Span::new(start, start + len);
        source.edit(range, &inserted);
        let from = floor_boundary(&expected, range.start);
        let to = floor_boundary(&expected, range.end.max(from)).max(from);
        expected.replace_range(from..to, &inserted);
        if op & 1 == 1 {
            source.reparse();
        }
        count += 1;
        if count >= 64 {
            break;
        }
    }
    assert_eq!(source.text().to_string(), expected, "edited text differs");
    let incremental = source.reparse();
    let fresh = awsls_grammars::parse(&expected, format);
    // Splices leave the arena in another order: compare the trees.
    assert!(
        incremental.compacted() == fresh.compacted(),
        "incremental document differs from a fresh parse of {expected:?}\nincremental: {incremental:#?}\nfresh: {fresh:#?}"
    );
}
