//! Library benchmarks on generated templates of 100, 1,000 and 5,000
//! resources: full parse, incremental re-parse after a one-character edit at
//! the start, middle and end, full validation, completion, hover and notes
//! lookups. Run with `cargo bench -p awsls --bench analysis`.

#[path = "support/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use awsls::analysis::{self, Snapshot};
use awsls_docs_index::{NotesIndex, Topic};
use awsls_grammars::{Format, Source, Span};
use divan::Bencher;

use generate::{Flavor, Spec, Syntax};

const SIZES: &[usize] = &[100, 1_000, 5_000];

fn main() {
    divan::main();
}

/// Generated template text, cached per (size, syntax).
fn template(resources: usize, syntax: Syntax) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<(usize, bool), &'static str>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = match cache.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    cache
        .entry((resources, syntax == Syntax::Yaml))
        .or_insert_with(|| {
            let text = Spec::new(resources, Flavor::CloudFormation, syntax).generate();
            Box::leak(text.into_boxed_str())
        })
}

fn format_of(syntax: Syntax) -> Format {
    match syntax {
        Syntax::Yaml => Format::Yaml,
        Syntax::Json => Format::Json,
    }
}

fn snapshot(resources: usize, syntax: Syntax) -> Snapshot {
    let name = format!("bench.{}", syntax.extension());
    Snapshot::from_text(&name, template(resources, syntax))
}

/// The offset `skip` bytes into the occurrence of `needle` nearest the middle.
fn middle_of(text: &str, needle: &str, skip: usize) -> usize {
    let half = text.len() / 2;
    text.match_indices(needle)
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(half))
        .map_or(0, |i| i + skip)
}

mod parse {
    use super::*;

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn yaml(bencher: Bencher, n: usize) {
        let text = template(n, Syntax::Yaml);
        bencher.bench(|| awsls_grammars::parse(text, Format::Yaml));
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn json(bencher: Bencher, n: usize) {
        let text = template(n, Syntax::Json);
        bencher.bench(|| awsls_grammars::parse(text, Format::Json));
    }
}

/// One-character insert at `where_` (a fraction of the text) then re-parse:
/// as in the server, the source owns its model alone, so the edit inside one
/// resource is spliced in place.
fn reparse(bencher: Bencher, n: usize, syntax: Syntax, fraction: f64) {
    let text = template(n, syntax);
    // Insert into the string value on the line at `fraction` (keeps the text valid).
    let target = (text.len() as f64 * fraction) as usize;
    let at = text
        .get(..target)
        .and_then(|t| t.rfind("team-"))
        .or_else(|| text.find("team-"))
        .map_or(0, |i| i + 5);
    bencher
        .with_inputs(|| Source::new(text, format_of(syntax)))
        .bench_local_values(|mut source| {
            source.edit(Span::new(at, at), "x");
            source.reparse();
            source
        });
}

mod reparse_one_char {
    use super::*;

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn yaml_start(bencher: Bencher, n: usize) {
        reparse(bencher, n, Syntax::Yaml, 0.0);
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn yaml_middle(bencher: Bencher, n: usize) {
        reparse(bencher, n, Syntax::Yaml, 0.5);
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn yaml_end(bencher: Bencher, n: usize) {
        reparse(bencher, n, Syntax::Yaml, 1.0);
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn json_start(bencher: Bencher, n: usize) {
        reparse(bencher, n, Syntax::Json, 0.0);
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn json_middle(bencher: Bencher, n: usize) {
        reparse(bencher, n, Syntax::Json, 0.5);
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn json_end(bencher: Bencher, n: usize) {
        reparse(bencher, n, Syntax::Json, 1.0);
    }
}

mod validate {
    use super::*;

    /// Validation after an edit inside one resource, as the server runs it:
    /// the other resources' findings are kept from the analysis before. The
    /// two readings alternate, so each run has one changed resource.
    fn after_edit(bencher: Bencher, n: usize, syntax: Syntax) {
        let text = template(n, syntax);
        let at = middle_of(text, "team-", 5);
        let mut edited = text.to_string();
        edited.insert(at, 'x');
        let name = format!("template.{}", syntax.extension());
        let readings = [
            Snapshot::from_text(&name, text),
            Snapshot::from_text(&name, &edited),
        ];
        let mut reuse = analysis::Reuse::default();
        let mut turn = 0;
        bencher.bench_local(|| {
            turn += 1;
            analysis::diagnostics_reusing(&readings[turn % 2], Some(&mut reuse))
        });
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn yaml_after_edit(bencher: Bencher, n: usize) {
        after_edit(bencher, n, Syntax::Yaml);
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn json_after_edit(bencher: Bencher, n: usize) {
        after_edit(bencher, n, Syntax::Json);
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn yaml(bencher: Bencher, n: usize) {
        let snapshot = snapshot(n, Syntax::Yaml);
        bencher.bench(|| analysis::diagnostics(&snapshot));
    }

    #[divan::bench(args = SIZES, sample_count = 10, max_time = 3)]
    fn json(bencher: Bencher, n: usize) {
        let snapshot = snapshot(n, Syntax::Json);
        bencher.bench(|| analysis::diagnostics(&snapshot));
    }
}

mod lookups {
    use super::*;

    #[divan::bench(args = SIZES, max_time = 2)]
    fn completion_property(bencher: Bencher, n: usize) {
        let snapshot = snapshot(n, Syntax::Yaml);
        let text = template(n, Syntax::Yaml);
        let offset = middle_of(text, "VisibilityTimeout", 3);
        bencher.bench(|| analysis::completion::complete(&snapshot, offset));
    }

    #[divan::bench(args = SIZES, max_time = 2)]
    fn completion_ref(bencher: Bencher, n: usize) {
        let snapshot = snapshot(n, Syntax::Yaml);
        let text = template(n, Syntax::Yaml);
        let offset = middle_of(text, "!Ref Env", 6);
        bencher.bench(|| analysis::completion::complete(&snapshot, offset));
    }

    #[divan::bench(args = SIZES, max_time = 2)]
    fn hover_type(bencher: Bencher, n: usize) {
        let snapshot = snapshot(n, Syntax::Yaml);
        let text = template(n, Syntax::Yaml);
        let offset = middle_of(text, "AWS::SQS::Queue", 5);
        bencher.bench(|| analysis::hover::hover(&snapshot, offset));
    }

    #[divan::bench(args = SIZES, max_time = 2)]
    fn hover_property(bencher: Bencher, n: usize) {
        let snapshot = snapshot(n, Syntax::Yaml);
        let text = template(n, Syntax::Yaml);
        let offset = middle_of(text, "BillingMode", 3);
        bencher.bench(|| analysis::hover::hover(&snapshot, offset));
    }

    #[divan::bench(max_time = 2)]
    fn notes_resource_type(bencher: Bencher) {
        let index = NotesIndex::builtin();
        let topic = Topic::ResourceType("AWS::DynamoDB::Table".to_owned());
        bencher.bench(|| index.lookup(&topic, 3));
    }

    #[divan::bench(max_time = 2)]
    fn notes_iam_action(bencher: Bencher) {
        let index = NotesIndex::builtin();
        let topic = Topic::IamAction("sqs:SendMessage".to_owned());
        bencher.bench(|| index.lookup(&topic, 3));
    }
}

/// The conditions of a 1,000-resource template with 100 parameters and 200
/// conditions (nested `Fn::And`/`Fn::Or`/`Fn::Not`), a `Condition` on every
/// resource: deciding them, and running every condition rule on it.
mod conditions {
    use super::*;
    use awsls::analysis::cfn::conditions::Conditions;
    use awsls::analysis::cfn::rules::condition_rules;

    fn snapshot() -> Snapshot {
        static TEXT: OnceLock<String> = OnceLock::new();
        let text =
            TEXT.get_or_init(|| Spec::new(1_000, Flavor::Conditions, Syntax::Yaml).generate());
        Snapshot::from_text("conditions.yaml", text)
    }

    /// Every rule, for comparison with the same template without conditions.
    #[divan::bench(sample_count = 10, max_time = 5)]
    fn every_rule(bencher: Bencher) {
        bencher
            .with_inputs(|| {
                let snapshot = snapshot();
                snapshot.template();
                snapshot
            })
            .bench_refs(|snapshot| analysis::diagnostics(snapshot));
    }

    #[divan::bench(sample_count = 10, max_time = 5)]
    fn decide(bencher: Bencher) {
        let snapshot = snapshot();
        let template = snapshot.template();
        bencher.bench(|| Conditions::build(&snapshot, template));
    }

    /// Again after an edit that leaves `Parameters` and `Conditions` alone:
    /// the decided conditions and their answers are kept.
    #[divan::bench(sample_count = 10, max_time = 5)]
    fn every_condition_rule_again(bencher: Bencher) {
        let first = snapshot();
        condition_rules::findings(&first);
        bencher
            .with_inputs(|| {
                let text = first
                    .text
                    .to_string()
                    .replace("Type: AWS::SQS::Queue", "Type: AWS::SQS::Queue ");
                let document = std::sync::Arc::new(awsls_grammars::parse(&text, Format::Yaml));
                let derived = std::sync::Arc::new(awsls::analysis::snapshot::Derived::succeeding(
                    first.derived_handle(),
                ));
                let next = Snapshot::sharing(
                    "conditions.yaml".into(),
                    None,
                    text.as_str().into(),
                    Format::Yaml,
                    document,
                    derived,
                );
                next.template();
                next
            })
            .bench_refs(|snapshot| condition_rules::findings(snapshot));
    }

    #[divan::bench(sample_count = 10, max_time = 5)]
    fn every_condition_rule(bencher: Bencher) {
        // The template's declarations and conditions are built beforehand,
        // as the other rules have by then.
        bencher
            .with_inputs(|| {
                let snapshot = snapshot();
                snapshot.template();
                snapshot.conditions();
                snapshot
            })
            .bench_refs(|snapshot| condition_rules::findings(snapshot));
    }
}
