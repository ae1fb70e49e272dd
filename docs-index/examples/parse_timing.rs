//! Times pulldown-cmark alone over the built-in notes, to compare with index building.
fn main() {
    for _ in 0..std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(3) {
        let t = std::time::Instant::now();
        let mut n = 0;
        for (_, text) in awsls_docs_index::BUILTIN_NOTES {
            n += pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES).into_offset_iter().count();
        }
        let p = t.elapsed();
        let t = std::time::Instant::now();
        let idx = awsls_docs_index::NotesIndex::build_builtin();
        println!("pulldown {p:?} ({n} events), full build {:?} ({} sections)", t.elapsed(), idx.sections().len());
    }
}
