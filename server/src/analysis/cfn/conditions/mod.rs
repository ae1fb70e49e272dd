//! The template's conditions as boolean formulas over facts about parameter
//! values, decided exactly with binary decision diagrams: which conditions
//! can hold, which imply which, and an example of parameter values for each
//! answer. Built once per parse and reused while `Parameters` and
//! `Conditions` are unchanged.

mod formula;
mod hints;
mod model;
mod words;

pub use formula::{Expr, Subject};
pub use hints::{hints, ConditionHint};
pub use model::{Conditions, Scenario};
pub use words::{describe, scenario_words};
