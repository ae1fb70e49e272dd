//! Prints the built-in notes' best sections for each topic given on the command line,
//! with scores and timings (`--brief` for scores only, `--markdown` for hover text): `cargo run -p awsls-docs-index --example notes_lookup -- dynamodb:Query`.

use awsls_docs_index::{render_markdown, render_terminal, NotesIndex, Topic};
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let index = NotesIndex::builtin();
    println!(
        "built {} sections in {:?}",
        index.sections().len(),
        started.elapsed()
    );
    let brief = std::env::args().any(|a| a == "--brief");
    let markdown = std::env::args().any(|a| a == "--markdown");
    for arg in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        let topic = Topic::parse(&arg);
        let started = Instant::now();
        let hits = index.lookup(&topic, 5);
        let took = started.elapsed();
        println!("### {arg} = {topic:?} ({} hits, {took:?})", hits.len());
        if brief {
            for h in &hits {
                println!(
                    "  {:6.1}  {}  [{}]",
                    h.score,
                    h.section.id,
                    h.section.heading_path.join(" > ")
                );
            }
        } else if markdown {
            println!("{}", render_markdown(&hits, 3));
        } else {
            print!("{}", render_terminal(&hits, 3));
        }
    }
}
