//! `awsls check`: analyse files and print findings; the exit code says whether
//! errors were found (1), none were (0), or the input could not be read (2).

use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::analysis::{self, DocKind, Finding, Severity, Snapshot};

use super::{files, report};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable, rustc style.
    Text,
    /// A JSON array of findings.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: OutputFormat,
    /// Read every file as this kind instead of detecting it.
    pub kind: Option<DocKind>,
    /// The regions templates are validated for (empty: `us-east-1`).
    pub regions: Vec<String>,
}

/// The findings for one file that was checked.
pub struct FileReport {
    pub path: PathBuf,
    pub snapshot: Snapshot,
    pub findings: Vec<Finding>,
}

pub enum FileOutcome {
    Checked(FileReport),
    /// Not an AWS configuration file.
    Skipped,
    Unreadable(String),
}

pub fn check_file(
    path: &PathBuf,
    kind: Option<DocKind>,
    regions: &std::sync::Arc<[String]>,
) -> FileOutcome {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return FileOutcome::Unreadable(format!("cannot read `{}`: {e}", path.display())),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            return FileOutcome::Unreadable(format!(
                "cannot read `{}`: it is not UTF-8 text",
                path.display()
            ))
        }
    };
    let name = path.to_string_lossy();
    let mut snapshot = Snapshot::from_text(&name, &text);
    if kind.is_some() {
        snapshot.kind = kind;
    }
    snapshot.regions = regions.clone();
    if snapshot.kind.is_none() {
        return FileOutcome::Skipped;
    }
    let findings = analysis::diagnostics(&snapshot);
    FileOutcome::Checked(FileReport {
        path: path.clone(),
        snapshot,
        findings,
    })
}

/// Runs the check and prints the report; returns the process exit code.
pub fn run(options: &CheckOptions) -> u8 {
    let known = crate::schema::cfn::region_names();
    if let Some(unknown) = options
        .regions
        .iter()
        .find(|r| !known.iter().any(|k| &**k == r.as_str()))
    {
        eprintln!(
            "awsls: `{unknown}` is not a region awsls knows (for example us-east-1, eu-west-1)"
        );
        return 2;
    }
    let regions: std::sync::Arc<[String]> = if options.regions.is_empty() {
        crate::analysis::snapshot::default_regions()
    } else {
        std::sync::Arc::from(options.regions.clone())
    };
    let files = match files::collect(&options.paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("awsls: {message}");
            return 2;
        }
    };
    let outcomes: Vec<FileOutcome> = files
        .par_iter()
        .map(|file| check_file(&file.path, options.kind, &regions))
        .collect();
    let mut reports = Vec::new();
    let mut unreadable = Vec::new();
    let mut skipped = Vec::new();
    for (outcome, file) in outcomes.into_iter().zip(&files) {
        match outcome {
            FileOutcome::Checked(report) => reports.push(report),
            // Files found inside folders are skipped quietly; a file the user
            // named is not.
            FileOutcome::Skipped if file.named => skipped.push(&file.path),
            FileOutcome::Skipped => {}
            FileOutcome::Unreadable(message) => unreadable.push(message),
        }
    }
    for path in &skipped {
        eprintln!(
            "awsls: note: `{}` is not recognised as a CloudFormation, SAM, AppSpec or IAM file; use --kind",
            path.display()
        );
    }
    let rendered = match options.format {
        OutputFormat::Text => report::text(&reports, skipped.len()),
        OutputFormat::Json => report::json(&reports),
        OutputFormat::Sarif => report::sarif(&reports),
        OutputFormat::Github => report::github(&reports),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(rendered.as_bytes());
    let _ = stdout.flush();
    for message in &unreadable {
        eprintln!("awsls: {message}");
    }
    if !unreadable.is_empty() {
        return 2;
    }
    let has_errors = reports
        .iter()
        .any(|r| r.findings.iter().any(|f| f.severity == Severity::Error));
    u8::from(has_errors)
}
