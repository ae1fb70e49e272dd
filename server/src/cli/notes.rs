//! `awsls notes TOPIC`: the notes lookup behind hovers, printed on the terminal.

use std::io::Write;
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
        let _ = writeln!(std::io::stdout(), "No notes about `{}`.", options.topic);
        return 1;
    }
    // A reader that stops early (`| head`) is not an error.
    let _ = write!(
        std::io::stdout(),
        "{}",
        render_terminal(&hits, options.limit)
    );
    0
}
