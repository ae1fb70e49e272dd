//! Build and lookup times of the built-in notes index, printed for the record and
//! checked against budgets (strict in optimised builds, loose in debug builds).

use awsls_docs_index::{NotesIndex, Topic};
use std::time::{Duration, Instant};

/// Budgets: (optimised, debug).
/// Debug budgets only catch gross regressions: unoptimised code on a shared, busy
/// machine is slow and noisy.
const BUILD_BUDGET: (Duration, Duration) = (Duration::from_millis(20), Duration::from_secs(1));
const LOOKUP_BUDGET: (Duration, Duration) = (Duration::from_micros(500), Duration::from_millis(20));

fn budget(b: (Duration, Duration)) -> Duration {
    if cfg!(debug_assertions) {
        b.1
    } else {
        b.0
    }
}

#[test]
fn builtin_index_builds_quickly() {
    // Best of five runs, so a busy machine does not fail the test by chance.
    let mut best = Duration::MAX;
    let mut sections = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let index = NotesIndex::build_builtin();
        best = best.min(started.elapsed());
        sections = index.sections().len();
    }
    println!("built-in notes index: {sections} sections, built in {best:?}");
    assert!(sections > 250);
    assert!(best < budget(BUILD_BUDGET), "build took {best:?}");
}

#[test]
fn lookups_take_microseconds() {
    let index = NotesIndex::builtin();
    let topics: Vec<Topic> = [
        "AWS::DynamoDB::Table",
        "AWS::DynamoDB::Table.ProvisionedThroughput",
        "AWS::Lambda::Function",
        "AWS::EC2::Instance",
        "s3:GetObject",
        "BeforeInstall",
        "AWS::Serverless::Function",
        "Fn::ImportValue",
        "python3.12",
        "AWS::Omics::Workflow",
    ]
    .iter()
    .map(|t| Topic::parse(t))
    .collect();
    let rounds = 20;
    let started = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for topic in &topics {
            found += index.lookup(topic, 3).len();
        }
    }
    let per_lookup = started.elapsed() / (rounds * topics.len() as u32);
    println!("average lookup: {per_lookup:?}");
    assert!(found > 0);
    assert!(
        per_lookup < budget(LOOKUP_BUDGET),
        "lookup took {per_lookup:?}"
    );
}
