//! Reading a condition's text into a formula over facts: `Fn::Equals` of a
//! parameter, a pseudo parameter or another expression with a literal (or
//! with each other), joined by `Fn::And`, `Fn::Or`, `Fn::Not` and
//! `Condition`.

use awsls_grammars::{NodeId, NodeKind, ScalarKind};

use crate::analysis::cfn::template::{is_pseudo_parameter, Template};
use crate::analysis::Snapshot;

/// What an `Fn::Equals` operand reads, when it is not a literal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// `!Ref Param`.
    Parameter(String),
    /// `!Ref AWS::Region`, `!Ref AWS::AccountId`, ...
    Pseudo(String),
    /// Any other function (`!Select [0, !Ref List]`), by its text.
    Expression(String),
}

impl Subject {
    /// The name shown to users: the parameter's name, or the expression.
    pub fn label(&self) -> &str {
        match self {
            Subject::Parameter(n) | Subject::Pseudo(n) | Subject::Expression(n) => n,
        }
    }
}

/// A condition's formula, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Const(bool),
    /// `subject` equals the literal.
    Equals(Subject, String),
    /// Two subjects are equal.
    Same(Subject, Subject),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    /// `Condition: Name`.
    Condition(String),
    /// Something awsls cannot read: may be true or false.
    Unknown,
}

enum Term {
    Literal(String),
    Subject(Subject),
}

/// Reads a condition function (the value of a `Conditions` entry, or an
/// operand of `Fn::And`/`Fn::Or`/`Fn::Not`).
pub fn read(snapshot: &Snapshot, template: &Template, node: NodeId) -> Expr {
    read_depth(snapshot, template, node, 0)
}

fn read_depth(snapshot: &Snapshot, template: &Template, node: NodeId, depth: usize) -> Expr {
    let doc = &snapshot.document;
    if depth > 64 {
        return Expr::Unknown;
    }
    let node = doc.resolve(node);
    // `{Condition: Name}` written as a mapping.
    if let Some(entries) = doc.mapping(node) {
        if let [only] = entries {
            if only.key.text == "Condition" {
                if let Some(name) = doc
                    .str_value(only.value)
                    .filter(|n| template.condition(n).is_some())
                {
                    return Expr::Condition(name.to_string());
                }
            }
        }
        return Expr::Unknown;
    }
    let Some(intrinsic) = doc.intrinsic(node) else {
        return Expr::Unknown;
    };
    let items = doc.sequence(intrinsic.argument).unwrap_or_default();
    let operands = |items: &[NodeId]| -> Vec<Expr> {
        items
            .iter()
            .map(|i| read_depth(snapshot, template, *i, depth + 1))
            .collect()
    };
    match intrinsic.function.as_str() {
        "Condition" => doc
            .str_value(intrinsic.argument)
            .filter(|n| template.condition(n).is_some())
            .map_or(Expr::Unknown, |n| Expr::Condition(n.to_string())),
        "Fn::And" if !items.is_empty() => Expr::And(operands(items)),
        "Fn::Or" if !items.is_empty() => Expr::Or(operands(items)),
        "Fn::Not" if items.len() == 1 => {
            Expr::Not(Box::new(operands(items).pop().unwrap_or(Expr::Unknown)))
        }
        "Fn::Equals" if items.len() == 2 => {
            let (Some(a), Some(b)) = (
                term(snapshot, template, items[0]),
                term(snapshot, template, items[1]),
            ) else {
                return Expr::Unknown;
            };
            match (a, b) {
                (Term::Literal(x), Term::Literal(y)) => Expr::Const(x == y),
                (Term::Subject(s), Term::Literal(v)) | (Term::Literal(v), Term::Subject(s)) => {
                    Expr::Equals(s, v)
                }
                (Term::Subject(x), Term::Subject(y)) if x == y => Expr::Const(true),
                (Term::Subject(x), Term::Subject(y)) => {
                    if x < y {
                        Expr::Same(x, y)
                    } else {
                        Expr::Same(y, x)
                    }
                }
            }
        }
        _ => Expr::Unknown,
    }
}

/// An `Fn::Equals` operand: a literal, or what it reads.
fn term(snapshot: &Snapshot, template: &Template, node: NodeId) -> Option<Term> {
    let doc = &snapshot.document;
    let node = doc.resolve(node);
    let n = doc.node(node);
    match &n.kind {
        NodeKind::Scalar(s) => Some(Term::Literal(match s.kind {
            // `true` and `True` are both the string CloudFormation compares.
            ScalarKind::Bool => s.value.to_ascii_lowercase(),
            _ => s.value.clone(),
        })),
        NodeKind::Null => Some(Term::Literal(String::new())),
        NodeKind::Intrinsic(i) if i.function == "Ref" => {
            let name = doc.str_value(i.argument)?;
            Some(Term::Subject(if is_pseudo_parameter(name) {
                Subject::Pseudo(name.to_string())
            } else if template.parameter(name).is_some() {
                Subject::Parameter(name.to_string())
            } else {
                Subject::Expression(format!("!Ref {name}"))
            }))
        }
        NodeKind::Intrinsic(_) => {
            let written = snapshot.slice(n.span);
            Some(Term::Subject(Subject::Expression(
                written.split_whitespace().collect::<Vec<_>>().join(" "),
            )))
        }
        _ => None,
    }
}
