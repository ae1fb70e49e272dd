//! Conditions and scenarios in plain words, for messages and hovers:
//! "`Env` is `prod` and not `Eula` is `true`".

use super::formula::{Expr, Subject};
use super::model::{Assigned, Scenario};

/// A formula in words.
pub fn describe(expr: &Expr) -> String {
    words(expr, false)
}

fn subject(s: &Subject) -> String {
    format!("`{}`", s.label())
}

fn words(expr: &Expr, nested: bool) -> String {
    let group = |parts: Vec<String>, joint: &str| {
        let text = parts.join(joint);
        if nested {
            format!("({text})")
        } else {
            text
        }
    };
    match expr {
        Expr::Const(b) => if *b { "always true" } else { "never true" }.to_string(),
        Expr::Equals(s, v) => format!("{} is `{v}`", subject(s)),
        Expr::Same(a, b) => format!("{} equals {}", subject(a), subject(b)),
        Expr::Not(inner) => match &**inner {
            Expr::Equals(s, v) => format!("{} is not `{v}`", subject(s)),
            Expr::Same(a, b) => format!("{} differs from {}", subject(a), subject(b)),
            Expr::Condition(n) => format!("`{n}` is false"),
            other => format!("not {}", words(other, true)),
        },
        Expr::And(es) => group(es.iter().map(|e| words(e, true)).collect(), " and "),
        Expr::Or(es) => group(es.iter().map(|e| words(e, true)).collect(), " or "),
        Expr::Condition(n) => format!("`{n}` is true"),
        Expr::Unknown => "something decided at deployment".to_string(),
    }
}

/// A scenario in words: "`Env` is `dev` and `Eula` is not `true`"; `None`
/// when no parameter value matters.
pub fn scenario_words(scenario: &Scenario) -> Option<String> {
    let parts: Vec<String> = scenario
        .values
        .iter()
        .map(|(s, a)| match a {
            Assigned::Is(v) => format!("{} is `{v}`", subject(s)),
            Assigned::IsNot(vs) => {
                let list: Vec<String> = vs.iter().map(|v| format!("`{v}`")).collect();
                match list.len() {
                    1 => format!("{} is not {}", subject(s), list[0]),
                    _ => format!("{} is none of {}", subject(s), list.join(", ")),
                }
            }
            Assigned::SameAs(o) => format!("{} equals {}", subject(s), subject(o)),
            Assigned::NotSameAs(o) => format!("{} differs from {}", subject(s), subject(o)),
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}
