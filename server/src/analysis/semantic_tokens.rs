//! Semantic tokens: names the editor can colour by meaning rather than by
//! syntax. The legend is fixed here; each kind of document fills it.

use awsls_grammars::Span;

use super::{cfn, DocKind, Snapshot};

/// Token types, in legend order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenType {
    /// A resource's logical ID.
    Resource,
    Parameter,
    Condition,
    Mapping,
    Output,
    /// An intrinsic function name (`!Ref`, `Fn::Sub`).
    Function,
    /// `AWS::Region` and the like.
    PseudoParameter,
}

impl TokenType {
    pub const ALL: [TokenType; 7] = [
        TokenType::Resource,
        TokenType::Parameter,
        TokenType::Condition,
        TokenType::Mapping,
        TokenType::Output,
        TokenType::Function,
        TokenType::PseudoParameter,
    ];

    /// The standard LSP token type each one is announced as.
    pub fn lsp_name(self) -> &'static str {
        match self {
            TokenType::Resource => "class",
            TokenType::Parameter => "parameter",
            TokenType::Condition => "enumMember",
            TokenType::Mapping => "namespace",
            TokenType::Output => "property",
            TokenType::Function => "function",
            TokenType::PseudoParameter => "variable",
        }
    }

    pub fn index(self) -> u32 {
        TokenType::ALL.iter().position(|t| *t == self).unwrap_or(0) as u32
    }
}

/// Token modifiers, in legend order (bit = position).
pub const MODIFIERS: [&str; 3] = ["declaration", "readonly", "defaultLibrary"];
pub const DECLARATION: u32 = 1;
pub const READONLY: u32 = 2;
pub const DEFAULT_LIBRARY: u32 = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// One line, never overlapping another token.
    pub span: Span,
    pub token_type: TokenType,
    pub modifiers: u32,
}

/// The tokens of the document, sorted and without overlaps.
pub fn tokens(snapshot: &Snapshot) -> Vec<Token> {
    let mut out = match snapshot.kind {
        Some(DocKind::CloudFormation | DocKind::Sam) => cfn::semantic_tokens::tokens(snapshot),
        _ => Vec::new(),
    };
    out.sort_by_key(|t| (t.span.start, t.span.end));
    let mut last_end = 0;
    out.retain(|t| {
        let keep = t.span.start >= last_end && !t.span.is_empty();
        if keep {
            last_end = t.span.end;
        }
        keep
    });
    out
}
