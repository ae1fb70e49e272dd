//! `awsls notes TOPIC`: the notes lookup behind hovers, printed on the terminal.

use std::path::PathBuf;

use awsls_docs_index::{render_terminal, Library, Topic};

pub struct NotesOptions {
    pub topic: String,
    pub dirs: Vec<PathBuf>,
    pub limit: usize,
    pub builtin: bool,
}

/// Prints the best sections for the topic; exit code 0 when something was
/// found, 1 when nothing relevant was, 2 when a notes folder is unreadable.
pub fn run(options: &NotesOptions) -> u8 {
    for dir in &options.dirs {
        if !dir.is_dir() {
            eprintln!("awsls: cannot read notes folder `{}`", dir.display());
            return 2;
        }
    }
    let (library, errors) = Library::new(options.builtin, &options.dirs);
    for error in &errors {
        eprintln!("awsls: {error}");
    }
    let topic = Topic::parse(&options.topic);
    let hits = library.lookup(&topic, options.limit);
    if hits.is_empty() {
        println!("No notes about `{}`.", options.topic);
        return 1;
    }
    print!("{}", render_terminal(&hits, options.limit));
    0
}
