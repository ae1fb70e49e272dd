//! The template's conditions as boolean formulas over facts about parameter
//! values, decided exactly with binary decision diagrams: which conditions
//! can hold, which imply which, and an example of parameter values for each
//! answer. Built once per parse and reused while `Parameters` and
//! `Conditions` are unchanged.
//!
//! Why BDDs (`biodivine-lib-bdd`) rather than a SAT solver: the questions
//! come in thousands per template and are small (a few conditions over a
//! few parameters); a BDD answers satisfiability, implication and "give an
//! example" by construction, each formula is built once and reused, and the
//! answers are exact and deterministic, with no solver calls to set up.
//! Formulas stay small because each condition is over few facts, and each
//! parameter's constraint is kept as its own BDD, joined only to the
//! questions that mention the parameter.

mod formula;
mod hints;
mod model;
mod words;

pub use formula::{Expr, Subject};
pub use hints::{hints, ConditionHint};
pub use model::{Conditions, Scenario};
pub use words::{describe, scenario_words};
