//! A long editing session against the release `awsls serve`, checking that
//! memory, threads and keystroke → diagnostics latency stay flat.

// `cargo bench -p awsls --bench session -- [--edits 20000] [--resources 1000]
// [--syntax yaml|json] [--binary PATH]`
//
// Opens a generated CloudFormation template and sends single-character
// edits: each inserts a letter into a string value or deletes it again, so
// the document never grows. The client waits for every version's
// `publishDiagnostics` before the next edit, as `lsp.rs` does, and every 100
// edits sends a hover and a completion request. After the first 1,000 edits
// and at the end it reads the server's `VmRSS` and `Threads` (and at the end
// `VmHWM`) from `/proc/PID/status`, then prints Markdown tables and
// PASS/FAIL for: peak RSS at the end within 1.5× of RSS after 1,000 edits,
// no thread count growth, and keystroke → diagnostics p99 over the last
// 1,000 edits within 1.5× of the first 1,000.

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
use opening::{find_near, position};
use stats::Samples;

/// Edits in the first and in the last window compared.
const WINDOW: usize = 1_000;
/// A hover and a completion round trip after every this many edits.
const REQUEST_EVERY: usize = 100;
/// Edits at one site before moving on to the next (even: back to the original text).
const EDITS_PER_SITE: usize = 100;
/// Allowed growth of RSS and of the p99 latency.
const RATIO_LIMIT: f64 = 1.5;

struct Options {
    edits: usize,
    resources: usize,
    syntax: Syntax,
    binary: String,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        edits: 20_000,
        resources: 1_000,
        syntax: Syntax::Yaml,
        binary: env!("CARGO_BIN_EXE_awsls").to_owned(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--edits" => options.edits = value()?.parse().map_err(|_| "bad --edits".to_owned())?,
            "--resources" => {
                options.resources = value()?.parse().map_err(|_| "bad --resources".to_owned())?
            }
            "--syntax" => {
                options.syntax = match value()?.as_str() {
                    "yaml" => Syntax::Yaml,
                    "json" => Syntax::Json,
                    other => return Err(format!("bad syntax {other:?}")),
                }
            }
            "--binary" => options.binary = value()?,
            // Passed by `cargo bench`.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if options.edits == 0 {
        return Err("--edits must be at least 1".to_owned());
    }
    Ok(options)
}

fn main() {
    if let Err(error) = run() {
        eprintln!("session bench: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let options = options()?;
    let spec = Spec::new(options.resources, Flavor::CloudFormation, options.syntax);
    println!("binary: {}", options.binary);
    let report = session(&options.binary, &spec, options.edits)?;
    report.print();
    Ok(())
}

/// Line and UTF-16 column of byte `offset` in ASCII-only `text`.
/// Fields of `/proc/PID/status` read at one moment.
#[derive(Clone, Copy, Default)]
struct ProcStatus {
    rss_kib: Option<u64>,
    peak_rss_kib: Option<u64>,
    threads: Option<u64>,
}

impl ProcStatus {
    fn read(pid: u32) -> ProcStatus {
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
            return ProcStatus::default();
        };
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        };
        ProcStatus {
            rss_kib: field("VmRSS"),
            peak_rss_kib: lsp_client::peak_rss_kib(pid),
            threads: field("Threads"),
        }
    }
}

/// The threads of process `pid` counted by name (`/proc/PID/task/*/comm`),
/// e.g. `awsls ×1, tokio-runtime-w ×6`.
fn thread_names(pid: u32) -> String {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return "-".to_owned();
    };
    let mut names = std::collections::BTreeMap::<String, usize>::new();
    for task in tasks.flatten() {
        let name = std::fs::read_to_string(task.path().join("comm"))
            .map_or("?".to_owned(), |n| n.trim().to_owned());
        *names.entry(name).or_default() += 1;
    }
    names
        .iter()
        .map(|(name, count)| format!("{name} ×{count}"))
        .collect::<Vec<_>>()
        .join(", ")
}

struct Report {
    name: String,
    bytes: usize,
    lines: usize,
    open: Duration,
    edits: Vec<Duration>,
    hover: Samples,
    completion: Samples,
    /// After `WINDOW` edits (or all of them when fewer).
    early: ProcStatus,
    end: ProcStatus,
    /// `VmRSS` and `Threads` after every `WINDOW` edits.
    trace: Vec<ProcStatus>,
    /// The server's threads by name after `WINDOW` edits and at the end.
    early_names: String,
    end_names: String,
    elapsed: Duration,
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("-".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0))
}

fn ratio(after: Option<f64>, before: Option<f64>) -> Option<f64> {
    match (after, before) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    }
}

fn verdict(pass: Option<bool>) -> &'static str {
    match pass {
        Some(true) => "PASS",
        Some(false) => "FAIL",
        None => "UNKNOWN",
    }
}

impl Report {
    fn window(&self, last: bool) -> Samples {
        let n = self.edits.len().min(WINDOW);
        let slice = if last {
            &self.edits[self.edits.len() - n..]
        } else {
            &self.edits[..n]
        };
        let mut samples = Samples::default();
        for value in slice {
            samples.push(*value);
        }
        samples
    }

    fn print(&self) {
        let first = self.window(false);
        let last = self.window(true);
        let all = {
            let mut samples = Samples::default();
            for value in &self.edits {
                samples.push(*value);
            }
            samples
        };
        let secs = |d: Option<Duration>| d.map(|d| d.as_secs_f64());
        let latency_ratio = ratio(secs(last.percentile(99.0)), secs(first.percentile(99.0)));
        let latency_p50_ratio = ratio(secs(last.percentile(50.0)), secs(first.percentile(50.0)));
        let kib = |k: Option<u64>| k.map(|k| k as f64);
        let rss_ratio = ratio(kib(self.end.peak_rss_kib), kib(self.early.rss_kib));
        let end_rss_ratio = ratio(kib(self.end.rss_kib), kib(self.early.rss_kib));
        let fmt_ratio = |r: Option<f64>| r.map_or("-".to_owned(), |r| format!("{r:.2}"));
        let n = first.len();

        println!();
        println!(
            "{}: {} KiB, {} lines, open → diagnostics {} ms; {} edits in {:.1} s, hover and completion every {REQUEST_EVERY} edits",
            self.name,
            self.bytes / 1024,
            self.lines,
            stats::ms(self.open),
            self.edits.len(),
            self.elapsed.as_secs_f64(),
        );
        println!();
        println!("| measure | first {n} edits | last {n} edits | last / first |");
        println!("|---|---:|---:|---:|");
        println!(
            "| keystroke → diagnostics p50 ms | {} | {} | {} |",
            first.ms(50.0),
            last.ms(50.0),
            fmt_ratio(latency_p50_ratio)
        );
        println!(
            "| keystroke → diagnostics p99 ms | {} | {} | {} |",
            first.ms(99.0),
            last.ms(99.0),
            fmt_ratio(latency_ratio)
        );
        println!(
            "| keystroke → diagnostics max ms | {} | {} | |",
            first.ms(100.0),
            last.ms(100.0)
        );
        println!();
        println!("| measure | after {n} edits | at the end | end / after {n} |");
        println!("|---|---:|---:|---:|");
        println!(
            "| RSS (`VmRSS`) MiB | {} | {} | {} |",
            mib(self.early.rss_kib),
            mib(self.end.rss_kib),
            fmt_ratio(end_rss_ratio)
        );
        println!(
            "| peak RSS (`VmHWM`) MiB | {} | {} | {} (peak at end / RSS after {n}) |",
            mib(self.early.peak_rss_kib),
            mib(self.end.peak_rss_kib),
            fmt_ratio(rss_ratio)
        );
        println!(
            "| threads | {} | {} | |",
            self.early.threads.map_or("-".to_owned(), |t| t.to_string()),
            self.end.threads.map_or("-".to_owned(), |t| t.to_string()),
        );
        println!();
        println!(
            "RSS MiB every {WINDOW} edits: {}",
            self.trace
                .iter()
                .map(|status| mib(status.rss_kib))
                .collect::<Vec<_>>()
                .join(" ")
        );
        println!(
            "threads every {WINDOW} edits: {}",
            self.trace
                .iter()
                .map(|status| status.threads.map_or("-".to_owned(), |t| t.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        );
        println!(
            "threads by name after {n} edits: {}; at the end: {}",
            self.early_names, self.end_names
        );
        println!(
            "whole session: keystroke → diagnostics p50 {} / p99 {} / max {} ms; hover p50 {} / p99 {} ms ({}); completion p50 {} / p99 {} ms ({})",
            all.ms(50.0),
            all.ms(99.0),
            all.ms(100.0),
            self.hover.ms(50.0),
            self.hover.ms(99.0),
            self.hover.len(),
            self.completion.ms(50.0),
            self.completion.ms(99.0),
            self.completion.len(),
        );
        println!();
        println!(
            "{}: peak RSS at the end within {RATIO_LIMIT}× of RSS after {n} edits ({})",
            verdict(rss_ratio.map(|r| r <= RATIO_LIMIT)),
            fmt_ratio(rss_ratio)
        );
        let threads = match (self.early.threads, self.end.threads) {
            (Some(early), Some(end)) => Some(end <= early),
            _ => None,
        };
        println!(
            "{}: no thread count growth ({} → {})",
            verdict(threads),
            self.early.threads.map_or("-".to_owned(), |t| t.to_string()),
            self.end.threads.map_or("-".to_owned(), |t| t.to_string()),
        );
        println!(
            "{}: keystroke → diagnostics p99 over the last {n} edits within {RATIO_LIMIT}× of the first {n} ({})",
            verdict(latency_ratio.map(|r| r <= RATIO_LIMIT)),
            fmt_ratio(latency_ratio)
        );
        if self.edits.len() < 2 * WINDOW {
            println!(
                "note: fewer than {} edits, the two windows overlap",
                2 * WINDOW
            );
        }
    }
}

/// Opens the template and edits it `edits` times, one character at a time,
/// waiting for each version's diagnostics; every `REQUEST_EVERY` edits a
/// hover and a completion request follow.
fn session(binary: &str, spec: &Spec, edits: usize) -> Result<Report, String> {
    let mut text = spec.generate();
    let original_len = text.len();
    let opening::Opened {
        mut client,
        uri,
        open,
        completion_at,
        targets_at,
        hover_at,
    } = opening::open(binary, spec, &text)?;
    // Inside string values from the top to the end of the file: the
    // description, tag values and output descriptions.
    let mut sites = vec![find_near(&text, "Generated benchmark", 0.0, 9)?];
    for tenth in 1..10 {
        sites.push(find_near(&text, "team-", f64::from(tenth) / 10.0, 5)?);
    }
    sites.push(find_near(&text, "ARN of queue", 1.0, 3)?);
    let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().collect();

    let mut report = Report {
        name: spec.file_name(),
        bytes: text.len(),
        lines: text.lines().count(),
        open,
        edits: Vec::with_capacity(edits),
        hover: Samples::default(),
        completion: Samples::default(),
        early: ProcStatus::default(),
        end: ProcStatus::default(),
        trace: Vec::new(),
        early_names: String::new(),
        end_names: String::new(),
        elapsed: Duration::ZERO,
    };
    let started = Instant::now();
    let mut version = 1i64;
    for step in 0..edits {
        let site = sites
            .get((step / EDITS_PER_SITE) % sites.len())
            .copied()
            .ok_or("no edit sites")?;
        // Even steps insert a letter at the site, odd steps delete it again.
        let (start, end, insert) = if step % 2 == 0 {
            let letter = letters
                .get((step / 2) % letters.len())
                .copied()
                .unwrap_or('x');
            (site, site, letter.to_string())
        } else {
            (site, site + 1, String::new())
        };
        version += 1;
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
        let (at, _) = client
            .diagnostics(&uri, version)
            .map_err(|e| format!("diagnostics of version {version}: {e}"))?;
        report.edits.push(at - sent);

        let done = step + 1;
        if done % REQUEST_EVERY == 0 {
            let requests = [
                ("hover", "textDocument/hover", &hover_at),
                (
                    "completion",
                    "textDocument/completion",
                    // Alternate property names and `Ref` targets.
                    if (done / REQUEST_EVERY).is_multiple_of(2) {
                        &targets_at
                    } else {
                        &completion_at
                    },
                ),
            ];
            for (what, method, at) in requests {
                let sent = Instant::now();
                let id = client.request(
                    method,
                    json!({"textDocument": {"uri": uri}, "position": at}),
                )?;
                let (answered, response) = client.response(id)?;
                if response.get("error").is_some() || response["result"].is_null() {
                    return Err(format!("{what} after edit {done} answered {response}"));
                }
                match what {
                    "hover" => report.hover.push(answered - sent),
                    _ => report.completion.push(answered - sent),
                }
            }
        }
        if done == WINDOW.min(edits) {
            report.early = ProcStatus::read(client.pid());
            report.early_names = thread_names(client.pid());
        }
        if done.is_multiple_of(WINDOW) {
            report.trace.push(ProcStatus::read(client.pid()));
        }
    }
    report.elapsed = started.elapsed();
    report.end = ProcStatus::read(client.pid());
    report.end_names = thread_names(client.pid());
    if text.len() != original_len + edits % 2 {
        return Err("the edits did not keep the document's size".to_owned());
    }
    client.shutdown()?;
    Ok(report)
}
