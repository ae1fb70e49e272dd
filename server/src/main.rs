//! The `awsls` command: `serve` (the language server on stdio), `check`
//! (lint files and folders) and `notes` (look a topic up in the notes).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use awsls::analysis::DocKind;
use awsls::cli::check::{self, CheckOptions, OutputFormat};

#[derive(Parser)]
#[command(
    name = "awsls",
    version,
    about = "Language server and linter for AWS CloudFormation, SAM, CodeDeploy AppSpec and IAM policy files"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over stdin/stdout.
    Serve {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
        /// A folder of Markdown notes to show in hovers (repeatable).
        #[arg(long = "notes", value_name = "DIR")]
        notes: Vec<PathBuf>,
    },
    /// Lint files and folders (recursively); files that are not AWS configuration files are skipped.
    Check {
        /// Files or folders to check.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Read every file as this kind instead of detecting it (files that
        /// are not AWS configuration files are then checked too).
        #[arg(long, value_enum)]
        kind: Option<ForcedKind>,
        /// Regions to validate templates for, comma-separated (default us-east-1).
        #[arg(long, value_delimiter = ',', value_name = "REGION,...")]
        regions: Vec<String>,
    },
    /// List the rules, or explain one (`awsls rules unknown-ref`, `awsls rules E3012`).
    Rules {
        /// An awsls code or a cfn-lint rule ID.
        #[arg(value_name = "CODE")]
        code: Option<String>,
        /// Output format (`markdown` prints docs/rules.md).
        #[arg(long, value_enum, default_value_t = awsls::cli::rules::RulesFormat::Text)]
        format: awsls::cli::rules::RulesFormat,
        /// The folder of example documents shown in the Markdown output.
        #[arg(long, value_name = "DIR")]
        examples: Option<PathBuf>,
    },
    /// Look a topic up in the notes, as hovers do (`AWS::DynamoDB::Table`, `sqs:SendMessage`, `BeforeInstall`).
    Notes {
        /// What to look up.
        #[arg(required = true, value_name = "TOPIC")]
        topic: Vec<String>,
        /// A folder of your own Markdown notes (repeatable).
        #[arg(long = "notes", value_name = "DIR")]
        notes: Vec<PathBuf>,
        /// How many sections to show.
        #[arg(long, default_value_t = 3)]
        limit: usize,
        /// Leave the built-in notes out.
        #[arg(long)]
        no_builtin: bool,
    },
}

/// The file kinds `awsls check --kind` accepts.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ForcedKind {
    Cloudformation,
    Sam,
    Iam,
    Appspec,
}

impl ForcedKind {
    fn doc_kind(self) -> DocKind {
        match self {
            ForcedKind::Cloudformation => DocKind::CloudFormation,
            ForcedKind::Sam => DocKind::Sam,
            ForcedKind::Iam => DocKind::IamPolicy,
            ForcedKind::Appspec => DocKind::AppSpec,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Serve { stdio: _, notes } => serve(notes),
        Command::Check {
            paths,
            format,
            kind,
            regions,
        } => {
            let options = CheckOptions {
                paths,
                format,
                kind: kind.map(ForcedKind::doc_kind),
                regions,
            };
            ExitCode::from(check::run(&options))
        }
        Command::Rules {
            code,
            format,
            examples,
        } => ExitCode::from(awsls::cli::rules::run(&awsls::cli::rules::RulesOptions {
            code,
            format,
            examples,
        })),
        Command::Notes {
            topic,
            notes,
            limit,
            no_builtin,
        } => ExitCode::from(awsls::cli::notes::run(&awsls::cli::notes::NotesOptions {
            topic: topic.join(" "),
            dirs: notes,
            limit,
            builtin: !no_builtin,
        })),
    }
}

/// glibc gives every thread that allocates its own arena; with the async
/// workers and the blocking pool that multiplies peak memory for nothing.
/// Two arenas are plenty for a language server.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: `mallopt` only sets an allocator tuning parameter; it is called
    // once, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

/// Threads of the blocking pool: stdin, stdout, and requests (hover,
/// completion, ...) that may overlap.
const BLOCKING_THREADS: usize = 6;

/// Starts every thread of the blocking pool (each task waits until all are
/// running, so none can be reused for another).
async fn start_blocking_pool() {
    let all_running = std::sync::Arc::new(std::sync::Barrier::new(BLOCKING_THREADS));
    let tasks: Vec<_> = (0..BLOCKING_THREADS)
        .map(|_| {
            let all_running = all_running.clone();
            tokio::task::spawn_blocking(move || {
                all_running.wait();
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
}

fn serve(notes: Vec<PathBuf>) -> ExitCode {
    limit_malloc_arenas();
    // Few blocking threads: analyses are short, and each idle thread keeps a
    // malloc arena of its own.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_keep_alive(std::time::Duration::from_secs(3600))
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("awsls: cannot start the async runtime: {error}");
            return ExitCode::from(2);
        }
    };
    // The whole blocking pool is started before anything else uses it, so
    // the number of threads stays the same for the whole session instead of
    // creeping up as requests happen to overlap. (Started beside other
    // work, the tasks waiting for each other could hold every thread of the
    // pool while one of them waits for a thread that never frees.)
    runtime.block_on(start_blocking_pool());
    let code = runtime.block_on(awsls::protocol::serve_stdio(notes));
    // Reading stdin and long analyses run on blocking threads that would keep
    // the process alive after `exit`: leave them behind.
    runtime.shutdown_background();
    ExitCode::from(code)
}
