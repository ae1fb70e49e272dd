//! The conditions of one template as binary decision diagrams, with the
//! constraints between facts (a parameter has one value; with
//! `AllowedValues`, one of those), and the questions the rules ask: can this
//! hold, and for which parameter values.

use std::collections::{BTreeMap, HashMap, HashSet};

use biodivine_lib_bdd::{Bdd, BddValuation, BddVariable, BddVariableSet};

use crate::analysis::cfn::template::Template;
use crate::analysis::Snapshot;

use super::formula::{self, Expr, Subject};

/// What one BDD variable stands for.
#[derive(Clone, Debug)]
enum Fact {
    Equals(Subject, String),
    Same(Subject, Subject),
    /// The value of a condition awsls cannot read (or that refers to itself).
    Opaque(String),
}

/// The conditions of a template, decided.
pub struct Conditions {
    vars: BddVariableSet,
    /// Every fact's variable, by subject and value.
    equals: HashMap<(Subject, String), BddVariable>,
    /// The values each subject is compared with, and whether they are all
    /// it can take (its `AllowedValues`).
    subjects: BTreeMap<Subject, (Vec<String>, bool)>,
    /// What always holds, subject by subject: it has at most one value
    /// (exactly one of its allowed values). Kept apart, since a question
    /// needs only the constraints of the subjects it mentions.
    domains: Vec<Bdd>,
    /// The subject (its position in `domains`) of each fact variable.
    subject_of: HashMap<BddVariable, usize>,
    /// Each subject's variables and the values they stand for, in the
    /// order of `domains`.
    subject_vars: Vec<(Subject, Vec<(BddVariable, String)>)>,
    /// Answers of [`Conditions::example_without`], kept with the model so
    /// that an edit that leaves the conditions alone asks nothing again.
    missing: std::sync::Mutex<HashMap<(Bdd, Bdd), Option<Scenario>>>,
    /// Answers of [`Conditions::possible`].
    possible: std::sync::Mutex<HashMap<Bdd, bool>>,
    /// The pair of subjects each equality variable compares.
    same_of: HashMap<BddVariable, (Subject, Subject)>,
    /// Each declared condition's formula as written, and decided.
    exprs: HashMap<String, Expr>,
    formulas: HashMap<String, Bdd>,
}

/// An assignment of parameter values for which something holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Per subject: the value it takes, or the values it does not.
    pub values: Vec<(Subject, Assigned)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assigned {
    Is(String),
    IsNot(Vec<String>),
    SameAs(Subject),
    NotSameAs(Subject),
}

impl Conditions {
    /// Reads and decides the template's conditions.
    pub fn build(snapshot: &Snapshot, template: &Template) -> Conditions {
        let doc = &snapshot.document;
        // In declaration order, so that examples read the same every time.
        let mut ordered: Vec<(String, Expr)> = Vec::new();
        for decl in template.conditions.iter().filter(|d| d.origin.is_none()) {
            if !ordered.iter().any(|(n, _)| *n == decl.name) {
                ordered.push((
                    decl.name.clone(),
                    formula::read(snapshot, template, decl.node),
                ));
            }
        }
        // The facts, grouped by subject so the constraints stay small.
        let mut subjects: BTreeMap<Subject, (Vec<String>, bool)> = BTreeMap::new();
        let mut same: Vec<(Subject, Subject)> = Vec::new();
        let mut seen_same = HashSet::new();
        for (_, expr) in &ordered {
            collect(expr, &mut |e| match e {
                Expr::Equals(s, v) => {
                    let entry = subjects.entry(s.clone()).or_default();
                    if !entry.0.contains(v) {
                        entry.0.push(v.clone());
                    }
                }
                Expr::Same(a, b) if seen_same.insert((a.clone(), b.clone())) => {
                    same.push((a.clone(), b.clone()));
                }
                _ => {}
            });
        }
        // A parameter with `AllowedValues` takes one of them.
        for (subject, (values, closed)) in subjects.iter_mut() {
            let Subject::Parameter(name) = subject else {
                continue;
            };
            let Some(allowed) = template
                .parameter(name)
                .and_then(|p| doc.get(p.node, "AllowedValues"))
                .and_then(|a| doc.sequence(a))
            else {
                continue;
            };
            let allowed: Option<Vec<String>> = allowed
                .iter()
                .map(|v| doc.str_value(*v).map(str::to_string))
                .collect();
            if let Some(allowed) = allowed.filter(|a| !a.is_empty()) {
                *values = allowed;
                *closed = true;
            }
        }
        let mut facts = Vec::new();
        for (subject, (values, _)) in &subjects {
            for v in values {
                facts.push(Fact::Equals(subject.clone(), v.clone()));
            }
        }
        for (a, b) in same {
            facts.push(Fact::Same(a, b));
        }
        for (name, _) in &ordered {
            facts.push(Fact::Opaque(name.clone()));
        }
        // Each part awsls cannot read is a value of its own.
        let mut unknowns = 0;
        for (_, expr) in &ordered {
            collect(expr, &mut |e| unknowns += usize::from(*e == Expr::Unknown));
        }
        let first_unknown = facts.len();
        for i in 0..unknowns {
            facts.push(Fact::Opaque(format!("#{i}")));
        }
        // More facts than the BDD library takes variables: nothing is
        // decided (a fact left out would read as "never").
        if facts.len() >= usize::from(u16::MAX) {
            ordered.clear();
            facts.clear();
            subjects.clear();
        }
        let count = u16::try_from(facts.len()).unwrap_or(0);
        let vars = BddVariableSet::new_anonymous(count);
        let all = vars.variables();
        let mut equals = HashMap::new();
        let mut same_vars = HashMap::new();
        let mut opaque_vars = HashMap::new();
        for (fact, var) in facts.iter().zip(all.iter()) {
            match fact {
                Fact::Equals(s, v) => {
                    equals.insert((s.clone(), v.clone()), *var);
                }
                Fact::Same(a, b) => {
                    same_vars.insert((a.clone(), b.clone()), *var);
                }
                Fact::Opaque(n) if !n.starts_with('#') => {
                    opaque_vars.insert(n.clone(), *var);
                }
                Fact::Opaque(_) => {}
            }
        }
        let mut domains = Vec::new();
        let mut subject_of = HashMap::new();
        let mut subject_vars = Vec::new();
        for (subject, (values, closed)) in &subjects {
            let xs: Vec<BddVariable> = values
                .iter()
                .filter_map(|v| equals.get(&(subject.clone(), v.clone())).copied())
                .collect();
            let mut domain = at_most_one(&vars, &xs);
            if *closed {
                let any = xs
                    .iter()
                    .fold(vars.mk_false(), |acc, x| acc.or(&vars.mk_var(*x)));
                domain = domain.and(&any);
            }
            for x in &xs {
                subject_of.insert(*x, domains.len());
            }
            domains.push(domain);
            let named = values
                .iter()
                .filter_map(|v| {
                    equals
                        .get(&(subject.clone(), v.clone()))
                        .map(|x| (*x, v.clone()))
                })
                .collect();
            subject_vars.push((subject.clone(), named));
        }
        let exprs: HashMap<String, Expr> = ordered.into_iter().collect();
        let mut model = Conditions {
            vars,
            equals,
            subjects,
            domains,
            subject_of,
            subject_vars,
            same_of: same_vars
                .iter()
                .map(|(pair, v)| (*v, pair.clone()))
                .collect(),
            missing: std::sync::Mutex::new(HashMap::new()),
            possible: std::sync::Mutex::new(HashMap::new()),
            exprs,
            formulas: HashMap::new(),
        };
        let unknown_vars: Vec<BddVariable> = all.iter().skip(first_unknown).copied().collect();
        let lowering = Lowering {
            model: &model,
            same: &same_vars,
            opaque: &opaque_vars,
            unknowns: &unknown_vars,
            next_unknown: std::cell::Cell::new(0),
        };
        let mut formulas = HashMap::new();
        let mut names: Vec<String> = model.exprs.keys().cloned().collect();
        names.sort();
        for name in names {
            let mut visiting = Vec::new();
            lowering.condition(&name, &mut formulas, &mut visiting);
        }
        model.formulas = formulas;
        model
    }

    /// The formula of a declared condition; an unknown name may be true or
    /// false (`None` when no condition has that name).
    pub fn condition(&self, name: &str) -> Option<&Bdd> {
        self.formulas.get(name)
    }

    /// When every named condition has the given value (`(name, true)`: the
    /// condition holds); `None` when one of them is not declared.
    pub fn all_of<'n>(&self, conditions: impl IntoIterator<Item = (&'n str, bool)>) -> Option<Bdd> {
        let mut all = self.always();
        for (name, holds) in conditions {
            let f = self.formulas.get(name)?;
            all = if holds { all.and(f) } else { all.and_not(f) };
        }
        Some(all)
    }

    /// A condition's formula as written.
    pub fn expr(&self, name: &str) -> Option<&Expr> {
        self.exprs.get(name)
    }

    pub fn always(&self) -> Bdd {
        self.vars.mk_true()
    }

    pub fn never(&self) -> Bdd {
        self.vars.mk_false()
    }

    /// `f` with the constraints of the subjects it mentions (those of the
    /// others hold whatever `f` is, as they share no variable with it).
    fn constrained(&self, f: &Bdd) -> Bdd {
        let mut touched: Vec<usize> = f
            .support_set()
            .iter()
            .filter_map(|v| self.subject_of.get(v).copied())
            .collect();
        touched.sort_unstable();
        touched.dedup();
        touched
            .iter()
            .fold(f.clone(), |acc, i| acc.and(&self.domains[*i]))
    }

    /// Whether `f` holds for some parameter values (remembered: the rules
    /// ask the same of every edit).
    pub fn possible(&self, f: &Bdd) -> bool {
        if f.is_false() {
            return false;
        }
        if f.is_true() {
            return true;
        }
        if let Some(known) = self.possible.lock().ok().and_then(|m| m.get(f).copied()) {
            return known;
        }
        let answer = !self.constrained(f).is_false();
        if let Ok(mut memo) = self.possible.lock() {
            if memo.len() < 100_000 {
                memo.insert(f.clone(), answer);
            }
        }
        answer
    }

    /// Whether `f` holds for every parameter values.
    pub fn certain(&self, f: &Bdd) -> bool {
        !self.possible(&f.not())
    }

    /// Parameter values for which `holds` holds and `target` does not, if
    /// any (remembered per pair).
    pub fn example_without(&self, holds: &Bdd, target: &Bdd) -> Option<Scenario> {
        let key = (holds.clone(), target.clone());
        if let Some(known) = self.missing.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return known;
        }
        let answer = self.example(&holds.and_not(target));
        if let Ok(mut memo) = self.missing.lock() {
            if memo.len() < 100_000 {
                memo.insert(key, answer.clone());
            }
        }
        answer
    }

    /// Parameter values for which `f` holds, if any.
    pub fn example(&self, f: &Bdd) -> Option<Scenario> {
        let witness = self.constrained(f).sat_witness()?;
        Some(self.scenario(&witness, f))
    }

    fn scenario(&self, witness: &BddValuation, f: &Bdd) -> Scenario {
        let support: HashSet<BddVariable> = f.support_set().into_iter().collect();
        let mut touched: Vec<usize> = support
            .iter()
            .filter_map(|v| self.subject_of.get(v).copied())
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let mut values = Vec::new();
        for i in touched {
            let (subject, vars) = &self.subject_vars[i];
            match vars.iter().find(|(x, _)| witness.value(*x)) {
                Some((_, v)) => values.push((subject.clone(), Assigned::Is(v.clone()))),
                None => values.push((
                    subject.clone(),
                    Assigned::IsNot(vars.iter().map(|(_, v)| v.clone()).collect()),
                )),
            }
        }
        let mut same: Vec<(&BddVariable, &(Subject, Subject))> = support
            .iter()
            .filter_map(|v| self.same_of.get(v).map(|pair| (v, pair)))
            .collect();
        same.sort_by(|a, b| a.1.cmp(b.1));
        for (var, (a, b)) in same {
            values.push((
                a.clone(),
                if witness.value(*var) {
                    Assigned::SameAs(b.clone())
                } else {
                    Assigned::NotSameAs(b.clone())
                },
            ));
        }
        Scenario { values }
    }

    /// The values a parameter may take, when its `AllowedValues` say.
    pub fn allowed(&self, parameter: &str) -> Option<&[String]> {
        self.subjects
            .get(&Subject::Parameter(parameter.to_string()))
            .filter(|(_, closed)| *closed)
            .map(|(values, _)| values.as_slice())
    }
}

/// `xs` has at most one true variable (linear in `xs`).
fn at_most_one(vars: &BddVariableSet, xs: &[BddVariable]) -> Bdd {
    let mut none = vars.mk_true();
    let mut amo = vars.mk_true();
    for x in xs {
        let v = vars.mk_var(*x);
        let nv = v.not();
        amo = nv.and(&amo).or(&v.and(&none));
        none = none.and(&nv);
    }
    amo
}

fn collect<'a>(expr: &'a Expr, f: &mut impl FnMut(&'a Expr)) {
    f(expr);
    match expr {
        Expr::Not(e) => collect(e, f),
        Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| collect(e, f)),
        _ => {}
    }
}

/// Turns formulas into BDDs, following `Condition` references.
struct Lowering<'m> {
    model: &'m Conditions,
    same: &'m HashMap<(Subject, Subject), BddVariable>,
    opaque: &'m HashMap<String, BddVariable>,
    /// One variable per unreadable part, handed out in turn (each declared
    /// condition is lowered once).
    unknowns: &'m [BddVariable],
    next_unknown: std::cell::Cell<usize>,
}

impl Lowering<'_> {
    fn condition(
        &self,
        name: &str,
        done: &mut HashMap<String, Bdd>,
        visiting: &mut Vec<String>,
    ) -> Bdd {
        if let Some(f) = done.get(name) {
            return f.clone();
        }
        let vars = &self.model.vars;
        let opaque = || {
            self.opaque
                .get(name)
                .map_or_else(|| vars.mk_true(), |v| vars.mk_var(*v))
        };
        let Some(expr) = self.model.exprs.get(name) else {
            // Not declared: reported elsewhere; may be either.
            return opaque();
        };
        if visiting.iter().any(|v| v == name) {
            // A cycle (reported elsewhere): its value is unknown.
            return opaque();
        }
        visiting.push(name.to_string());
        let f = self.lower(expr, done, visiting);
        visiting.pop();
        done.insert(name.to_string(), f.clone());
        f
    }

    fn lower(
        &self,
        expr: &Expr,
        done: &mut HashMap<String, Bdd>,
        visiting: &mut Vec<String>,
    ) -> Bdd {
        let vars = &self.model.vars;
        match expr {
            Expr::Const(true) => vars.mk_true(),
            Expr::Const(false) => vars.mk_false(),
            Expr::Equals(s, v) => match self.model.equals.get(&(s.clone(), v.clone())) {
                Some(x) => vars.mk_var(*x),
                // A value outside the parameter's `AllowedValues`.
                None => vars.mk_false(),
            },
            Expr::Same(a, b) => self
                .same
                .get(&(a.clone(), b.clone()))
                .map_or_else(|| vars.mk_true(), |x| vars.mk_var(*x)),
            Expr::Not(e) => self.lower(e, done, visiting).not(),
            Expr::And(es) => es.iter().fold(vars.mk_true(), |acc, e| {
                acc.and(&self.lower(e, done, visiting))
            }),
            Expr::Or(es) => es.iter().fold(vars.mk_false(), |acc, e| {
                acc.or(&self.lower(e, done, visiting))
            }),
            Expr::Condition(n) => self.condition(n, done, visiting),
            // Unreadable: may be either, independently of everything else.
            Expr::Unknown => {
                let i = self.next_unknown.get();
                self.next_unknown.set(i + 1);
                match self.unknowns.get(i) {
                    Some(x) => vars.mk_var(*x),
                    None => vars.mk_true(),
                }
            }
        }
    }
}

impl std::fmt::Debug for Conditions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conditions")
            .field("conditions", &self.exprs.len())
            .field("variables", &self.vars.num_vars())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::cfn::conditions::scenario_words;

    fn model(text: &str) -> Conditions {
        let snapshot = Snapshot::from_text("t.yaml", text);
        Conditions::build(&snapshot, snapshot.template())
    }

    const ENV: &str = "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [prod, dev]\n  Size:\n    Type: String\n";

    #[test]
    fn allowed_values_bound_what_a_parameter_can_be() {
        let m = model(&format!("{ENV}Conditions:\n  P: !Equals [!Ref Env, prod]\n  D: !Equals [dev, !Ref Env]\n  NotP: !Not [!Condition P]\n  Both: !And [!Condition P, !Condition D]\n  Either: !Or [!Condition P, !Condition D]\n  Staging: !Equals [!Ref Env, staging]\nResources: {{}}\n"));
        let f = |n: &str| m.condition(n).cloned().unwrap_or_else(|| m.never());
        assert!(!m.possible(&f("Both")));
        assert!(m.certain(&f("Either")));
        assert!(!m.possible(&f("Staging")));
        // With two allowed values, "not prod" is "dev".
        assert!(m.certain(&f("NotP").iff(&f("D"))));
        let example = m.example(&f("NotP")).and_then(|s| scenario_words(&s));
        assert_eq!(example.as_deref(), Some("`Env` is `dev`"));
    }

    #[test]
    fn open_parameters_may_take_other_values() {
        let m = model(&format!("{ENV}Conditions:\n  L: !Equals [!Ref Size, large]\n  S: !Equals [!Ref Size, small]\n  Neither: !And [!Not [!Condition L], !Not [!Condition S]]\n  Both: !And [!Condition L, !Condition S]\nResources: {{}}\n"));
        let neither = m.condition("Neither").cloned().unwrap_or_else(|| m.never());
        assert!(m.possible(&neither));
        assert!(!m.possible(&m.condition("Both").cloned().unwrap_or_else(|| m.always())));
        let words = m.example(&neither).and_then(|s| scenario_words(&s));
        assert_eq!(words.as_deref(), Some("`Size` is none of `large`, `small`"));
    }

    #[test]
    fn what_cannot_be_read_may_be_either() {
        let m = model("Conditions:\n  X: !Equals [!Select [0, !Ref AWS::NotificationARNs], a]\n  Y: !Not [!Condition Nowhere]\n  Loop: !Not [!Condition Loop]\n  Lit: !Equals [a, b]\nResources: {}\n");
        for name in ["X", "Y", "Loop"] {
            let f = m.condition(name).cloned().unwrap_or_else(|| m.never());
            assert!(m.possible(&f) && !m.certain(&f), "{name}");
        }
        assert!(!m.possible(&m.condition("Lit").cloned().unwrap_or_else(|| m.always())));
    }

    #[test]
    fn conditions_are_kept_while_their_text_is_the_same() {
        use crate::analysis::snapshot::Derived;
        use std::sync::Arc;
        let head = "Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n";
        let next = |previous: &Snapshot, text: &str| {
            let document = Arc::new(awsls_grammars::parse(text, previous.format));
            let derived = Arc::new(Derived::succeeding(previous.derived_handle()));
            Snapshot::sharing(
                "t.yaml".into(),
                None,
                text.into(),
                previous.format,
                document,
                derived,
            )
        };
        let first = Snapshot::from_text("t.yaml", head);
        let before: *const Conditions = first.conditions();
        // An edit in `Resources` keeps the decided conditions.
        let second = next(&first, &format!("{head}    Condition: C\n"));
        assert!(std::ptr::eq(before, second.conditions()));
        // An edit in `Conditions` decides them again.
        let third = next(&second, &head.replace("us-east-1", "eu-west-1"));
        assert!(!std::ptr::eq(before, third.conditions()));
    }
}
