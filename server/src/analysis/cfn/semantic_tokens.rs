//! Semantic tokens of a template: declared names where they are declared and
//! where they are used, intrinsic function names, pseudo parameters.

use crate::analysis::semantic_tokens::{Token, TokenType, DECLARATION, DEFAULT_LIBRARY, READONLY};
use crate::analysis::Snapshot;
use awsls_grammars::NodeKind;

use super::navigation::{self, unquoted, SymbolKind};
use super::references;
use super::template::Template;

fn token_type(kind: SymbolKind) -> TokenType {
    match kind {
        SymbolKind::Parameter => TokenType::Parameter,
        SymbolKind::Resource => TokenType::Resource,
        SymbolKind::Condition => TokenType::Condition,
        SymbolKind::Mapping => TokenType::Mapping,
        SymbolKind::Output => TokenType::Output,
        SymbolKind::Pseudo => TokenType::PseudoParameter,
    }
}

pub fn tokens(snapshot: &Snapshot) -> Vec<Token> {
    let template = Template::of(snapshot);
    let mut out = Vec::new();
    for (kind, _, span) in navigation::declarations(template) {
        out.push(Token {
            span: unquoted(snapshot, span),
            token_type: token_type(kind),
            modifiers: DECLARATION,
        });
    }
    for node in &snapshot.document.nodes {
        if let NodeKind::Intrinsic(intrinsic) = &node.kind {
            out.push(Token {
                span: unquoted(snapshot, intrinsic.name_span),
                token_type: TokenType::Function,
                modifiers: 0,
            });
        }
    }
    for reference in references::collect(snapshot, template) {
        let Some(symbol) = navigation::resolve(template, &reference) else {
            continue;
        };
        let modifiers = if symbol.kind == SymbolKind::Pseudo {
            READONLY | DEFAULT_LIBRARY
        } else {
            0
        };
        out.push(Token {
            span: reference.span,
            token_type: token_type(symbol.kind),
            modifiers,
        });
    }
    out
}
