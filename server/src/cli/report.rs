//! Rendering `awsls check` findings: rustc-style text, JSON, SARIF 2.1.0 and
//! GitHub Actions annotations. Lines and columns are 1-based; columns count
//! characters.

use crate::analysis::rules::{docs, Rule};
use std::collections::BTreeMap;
use std::fmt::Write as _;

use awsls_grammars::position::char_column;
use ropey::Rope;
use serde_json::{json, Value};

use crate::analysis::{Finding, Severity};

use super::check::FileReport;

/// Where a finding starts and ends, 1-based, columns in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn line_column(rope: &Rope, finding: &Finding) -> LineColumn {
    let len = rope.len_bytes();
    let start = finding.span.start.min(len);
    let end = finding.span.end.clamp(start, len);
    LineColumn {
        line: rope.byte_to_line(start) + 1,
        column: char_column(rope, start) + 1,
        end_line: rope.byte_to_line(end) + 1,
        end_column: char_column(rope, end) + 1,
    }
}

fn display_path(report: &FileReport) -> String {
    report.path.to_string_lossy().into_owned()
}

pub fn json(reports: &[FileReport]) -> String {
    let items: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            let file = display_path(report);
            report.findings.iter().map(move |f| {
                let at = line_column(&report.snapshot.text, f);
                json!({
                    "file": file,
                    "line": at.line,
                    "column": at.column,
                    "end_line": at.end_line,
                    "end_column": at.end_column,
                    "severity": f.severity.as_str(),
                    "code": f.code(),
                    "message": f.message,
                    "kind": f.kind(),
                })
            })
        })
        .collect();
    let mut out =
        serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// `skipped`: files named on the command line that were not recognised.
pub fn text(reports: &[FileReport], skipped: usize) -> String {
    let mut out = String::new();
    let (mut errors, mut warnings, mut others) = (0usize, 0usize, 0usize);
    for report in reports {
        let rope = &report.snapshot.text;
        for finding in &report.findings {
            match finding.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => others += 1,
            }
            let at = line_column(rope, finding);
            let _ = writeln!(
                out,
                "{}[{}]: {}",
                finding.severity.as_str(),
                finding.code(),
                finding.message
            );
            let gutter = at.line.to_string().len();
            let pad = " ".repeat(gutter);
            let _ = writeln!(
                out,
                "{pad}--> {}:{}:{}",
                display_path(report),
                at.line,
                at.column
            );
            let line_text: String = rope
                .get_line(at.line - 1)
                .map(|l| l.to_string())
                .unwrap_or_default();
            let line_text = line_text.trim_end_matches(['\n', '\r']).replace('\t', " ");
            let width = if at.end_line == at.line {
                at.end_column.saturating_sub(at.column).max(1)
            } else {
                line_text
                    .chars()
                    .count()
                    .saturating_sub(at.column - 1)
                    .max(1)
            };
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", at.line, line_text);
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(at.column - 1),
                "^".repeat(width)
            );
            out.push('\n');
        }
    }
    let files = reports.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let skipped = if skipped == 0 {
        String::new()
    } else {
        format!("; skipped {}", plural(skipped, "file"))
    };
    if errors + warnings + others == 0 {
        let _ = writeln!(
            out,
            "No problems found in {}{skipped}.",
            plural(files, "file")
        );
    } else {
        let _ = writeln!(
            out,
            "Found {}, {} and {} in {}{skipped}.",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(others, "note"),
            plural(files, "file")
        );
    }
    out
}

fn github_escape(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_property(s: &str) -> String {
    github_escape(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for f in &report.findings {
            let at = line_column(&report.snapshot.text, f);
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                _ => "notice",
            };
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                github_property(&display_path(report)),
                at.line,
                at.column,
                at.end_line,
                at.end_column,
                github_property(&format!("awsls {}", f.code())),
                github_escape(&f.message)
            );
        }
    }
    out
}

pub fn sarif(reports: &[FileReport]) -> String {
    let mut rules: BTreeMap<&str, Rule> = BTreeMap::new();
    let mut results = Vec::new();
    for report in reports {
        for f in &report.findings {
            rules.entry(f.code()).or_insert(f.rule);
            let at = line_column(&report.snapshot.text, f);
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                _ => "note",
            };
            results.push(json!({
                "ruleId": f.code(),
                "level": level,
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": display_path(report).replace('\\', "/")},
                        "region": {
                            "startLine": at.line,
                            "startColumn": at.column,
                            "endLine": at.end_line,
                            "endColumn": at.end_column,
                        }
                    }
                }]
            }));
        }
    }
    let rules: Vec<Value> = rules
        .into_iter()
        .map(|(code, rule)| {
            let def = rule.def();
            let level = match def.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                _ => "note",
            };
            json!({
                "id": code,
                "name": code,
                "shortDescription": {"text": def.summary},
                "fullDescription": {"text": def.explanation},
                "defaultConfiguration": {"level": level},
                "properties": {"kind": def.family.as_str(), "cfn-lint": def.cfn_lint},
                "helpUri": docs::help_uri(rule),
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "awsls",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
