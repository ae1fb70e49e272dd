//! End-to-end latency of the release `awsls serve` driven over stdio like an
//! editor: spawn → `initialize` answered, a typing session on generated
//! templates (`didChange` → version-matched `publishDiagnostics`, completion
//! and hover sent right after edits), and peak RSS.
//!
//! `cargo bench -p awsls --bench lsp -- [--sizes 100,1000,5000] [--edits 240]
//! [--syntax yaml,json] [--flavor cfn,sam,loops,conditions] [--binary PATH]`; with
//! `--write-templates DIR` it only writes the generated templates to `DIR`.

#[path = "support/generate.rs"]
#[allow(dead_code)]
mod generate;
#[path = "support/lsp_client.rs"]
mod lsp_client;
#[path = "support/opening.rs"]
mod opening;
#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;

use std::time::{Duration, Instant};

use serde_json::json;

use generate::{Flavor, Spec, Syntax};
use lsp_client::Client;
use opening::{find_near, initialize_params, position};
use stats::Samples;

struct Options {
    sizes: Vec<usize>,
    edits: usize,
    syntaxes: Vec<Syntax>,
    flavors: Vec<Flavor>,
    binary: String,
    write_templates: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        sizes: vec![100, 1_000, 5_000],
        edits: 240,
        syntaxes: vec![Syntax::Yaml, Syntax::Json],
        flavors: vec![Flavor::CloudFormation, Flavor::Sam],
        binary: env!("CARGO_BIN_EXE_awsls").to_owned(),
        write_templates: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--sizes" => {
                options.sizes = value()?
                    .split(',')
                    .map(|s| s.trim().parse().map_err(|_| format!("bad size {s:?}")))
                    .collect::<Result<_, _>>()?
            }
            "--edits" => options.edits = value()?.parse().map_err(|_| "bad --edits".to_owned())?,
            "--syntax" => {
                options.syntaxes = value()?
                    .split(',')
                    .map(|s| match s {
                        "yaml" => Ok(Syntax::Yaml),
                        "json" => Ok(Syntax::Json),
                        _ => Err(format!("bad syntax {s:?}")),
                    })
                    .collect::<Result<_, _>>()?
            }
            "--flavor" => {
                options.flavors = value()?
                    .split(',')
                    .map(|s| match s {
                        "cfn" => Ok(Flavor::CloudFormation),
                        "sam" => Ok(Flavor::Sam),
                        "loops" => Ok(Flavor::Loops),
                        "conditions" => Ok(Flavor::Conditions),
                        _ => Err(format!("bad flavor {s:?}")),
                    })
                    .collect::<Result<_, _>>()?
            }
            "--binary" => options.binary = value()?,
            "--write-templates" => options.write_templates = Some(value()?),
            // Passed by `cargo bench`.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

fn main() {
    if let Err(error) = run() {
        eprintln!("lsp bench: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let options = options()?;
    if let Some(dir) = &options.write_templates {
        return write_templates(dir, &options);
    }
    println!("binary: {}", options.binary);
    let mut spawn = Samples::default();
    for _ in 0..10 {
        spawn.push(time_to_initialize(&options.binary)?);
    }
    println!(
        "spawn → initialize answered: p50 {} ms, max {} ms (10 runs)",
        spawn.ms(50.0),
        spawn.ms(100.0)
    );
    println!();
    println!("| template | KiB | lines | open → diagnostics ms | edits | edit → diagnostics p50 / p99 / max ms | completion p50 / p99 ms | `Ref` completion p50 / p99 ms | hover p50 / p99 ms | peak RSS MiB |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for flavor in &options.flavors {
        for syntax in &options.syntaxes {
            for size in &options.sizes {
                let spec = Spec::new(*size, *flavor, *syntax);
                let report = session(&options.binary, &spec, options.edits)?;
                println!("{report}");
            }
        }
    }
    Ok(())
}

fn write_templates(dir: &str, options: &Options) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {dir}: {e}"))?;
    for flavor in &options.flavors {
        for syntax in &options.syntaxes {
            for size in &options.sizes {
                let spec = Spec::new(*size, *flavor, *syntax);
                let path = format!("{dir}/{}", spec.file_name());
                std::fs::write(&path, spec.generate())
                    .map_err(|e| format!("cannot write {path}: {e}"))?;
                println!("{path}");
            }
        }
    }
    Ok(())
}

fn time_to_initialize(binary: &str) -> Result<Duration, String> {
    let started = Instant::now();
    let mut client = Client::spawn(binary)?;
    let id = client.request("initialize", initialize_params())?;
    let (at, _) = client.response(id)?;
    client.notify("initialized", json!({}))?;
    client.shutdown()?;
    Ok(at - started)
}

/// Line and UTF-16 column of byte `offset` in ASCII-only `text`.
struct Report {
    name: String,
    bytes: usize,
    lines: usize,
    open: Duration,
    edits: Samples,
    completion: Samples,
    /// Completion of a `Ref` argument: every parameter and resource.
    targets: Samples,
    hover: Samples,
    peak_rss_kib: Option<u64>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "| {} | {} | {} | {} | {} | {} / {} / {} | {} / {} | {} / {} | {} / {} | {} |",
            self.name,
            self.bytes / 1024,
            self.lines,
            stats::ms(self.open),
            self.edits.len(),
            self.edits.ms(50.0),
            self.edits.ms(99.0),
            self.edits.ms(100.0),
            self.completion.ms(50.0),
            self.completion.ms(99.0),
            self.targets.ms(50.0),
            self.targets.ms(99.0),
            self.hover.ms(50.0),
            self.hover.ms(99.0),
            self.peak_rss_kib
                .map_or("-".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0)),
        )
    }
}

/// Opens the template and replays a typing session: at the top, the middle
/// and the end of the file, types a word one character at a time and deletes
/// it again, waiting for each version's diagnostics; completion and hover
/// requests follow some edits immediately, as editors send them.
fn session(binary: &str, spec: &Spec, edits: usize) -> Result<Report, String> {
    let mut text = spec.generate();
    let opening::Opened {
        mut client,
        uri,
        open,
        completion_at,
        targets_at,
        hover_at,
    } = opening::open(binary, spec, &text)?;
    let sites = [
        find_near(&text, "Generated benchmark", 0.0, 9)?,
        find_near(&text, "team-", 0.5, 5)?,
        find_near(&text, "ARN of queue", 1.0, 3)?,
    ];
    let per_site = (edits / sites.len() / 2).max(1);
    let word: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().collect();
    let mut version = 1;
    let mut report = Report {
        name: spec.file_name(),
        bytes: text.len(),
        lines: text.lines().count(),
        open,
        edits: Samples::default(),
        completion: Samples::default(),
        targets: Samples::default(),
        hover: Samples::default(),
        peak_rss_kib: None,
    };
    let mut step = 0usize;
    for site in sites {
        // Type, then delete with backspace.
        let mut plan: Vec<(usize, usize, String)> = Vec::new();
        for i in 0..per_site {
            let c = word.get(i % word.len()).copied().unwrap_or('x');
            plan.push((site + i, site + i, c.to_string()));
        }
        for i in (0..per_site).rev() {
            plan.push((site + i, site + i + 1, String::new()));
        }
        for (start, end, insert) in plan {
            version += 1;
            step += 1;
            let range = json!({"start": position(&text, start), "end": position(&text, end)});
            text.replace_range(start..end, &insert);
            let sent = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": range, "text": insert}]
                }),
            )?;
            let request = match step % 4 {
                1 => Some((
                    "completion",
                    client.request(
                        "textDocument/completion",
                        json!({"textDocument": {"uri": uri}, "position": completion_at}),
                    )?,
                )),
                2 => Some((
                    "targets",
                    client.request(
                        "textDocument/completion",
                        json!({"textDocument": {"uri": uri}, "position": targets_at}),
                    )?,
                )),
                3 => Some((
                    "hover",
                    client.request(
                        "textDocument/hover",
                        json!({"textDocument": {"uri": uri}, "position": hover_at}),
                    )?,
                )),
                _ => None,
            };
            if let Some((what, id)) = request {
                let (at, response) = client.response(id)?;
                if response.get("error").is_some() || response["result"].is_null() {
                    return Err(format!("{what} answered {response}"));
                }
                match what {
                    "completion" => report.completion.push(at - sent),
                    "targets" => report.targets.push(at - sent),
                    _ => report.hover.push(at - sent),
                }
            }
            let (at, _) = client.diagnostics(&uri, version)?;
            report.edits.push(at - sent);
        }
    }
    report.peak_rss_kib = lsp_client::peak_rss_kib(client.pid());
    client.shutdown()?;
    Ok(report)
}
