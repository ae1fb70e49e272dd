//! Conversions at the protocol edge: byte offsets ↔ LSP positions in the
//! negotiated encoding, findings → diagnostics, URIs → names.

use awsls_grammars::position::{offset_to_position, position_to_offset, Encoding};
use awsls_grammars::Span;
use ropey::Rope;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Position, Range, TextEdit, Uri,
};

use crate::analysis::{self, Finding, Severity};

pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let (line, character) = offset_to_position(rope, offset, enc);
    Position { line, character }
}

pub fn offset(rope: &Rope, position: Position, enc: Encoding) -> usize {
    position_to_offset(rope, position.line, position.character, enc)
}

pub fn range(rope: &Rope, span: Span, enc: Encoding) -> Range {
    Range {
        start: position(rope, span.start, enc),
        end: position(rope, span.end.max(span.start), enc),
    }
}

/// A range from the client as a byte span; positions past the end are clamped
/// and a reversed range is put in order.
pub fn span(rope: &Rope, range: Range, enc: Encoding) -> Span {
    let a = offset(rope, range.start, enc);
    let b = offset(rope, range.end, enc);
    Span::new(a.min(b), a.max(b))
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn diagnostic(uri: &Uri, rope: &Rope, finding: &Finding, enc: Encoding) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|(span, message)| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: range(rope, *span, enc),
            },
            message: message.clone(),
        })
        .collect();
    let mut tags = Vec::new();
    if finding.unnecessary {
        tags.push(DiagnosticTag::UNNECESSARY);
    }
    if finding.deprecated {
        tags.push(DiagnosticTag::DEPRECATED);
    }
    Diagnostic {
        range: range(rope, finding.span, enc),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code().to_string())),
        code_description: None,
        source: Some("awsls".to_string()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: (!tags.is_empty()).then_some(tags),
        data: None,
    }
}

pub fn text_edit(rope: &Rope, edit: &analysis::TextEdit, enc: Encoding) -> TextEdit {
    TextEdit {
        range: range(rope, edit.span, enc),
        new_text: edit.new_text.clone(),
    }
}

/// The file name (or path) of a URI, used for kind detection and messages.
pub fn name_of(uri: &Uri) -> String {
    match uri.to_file_path() {
        Some(path) => path.to_string_lossy().into_owned(),
        None => uri.as_str().to_string(),
    }
}
