//! `awsls rules [CODE]`: the rule registry on the terminal (text or JSON), one
//! rule explained, or the whole of `docs/rules.md` (Markdown).

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::analysis::rules::{docs, Rule};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

pub struct RulesOptions {
    /// A code or cfn-lint rule ID to explain; every rule when `None`.
    pub code: Option<String>,
    pub format: RulesFormat,
    /// The folder of example documents (`<code>/bad.*`, `<code>/good.*`).
    pub examples: Option<PathBuf>,
}

/// Examples longer than this are left out of the documentation.
const EXAMPLE_MAX_LINES: usize = 60;

/// The `bad` or `good` example document of `code` in `dir`: (extension, text).
pub fn example(dir: &Path, code: &str, which: &str) -> Option<(String, String)> {
    let path = docs::example_file(dir, code, which)?;
    let text = std::fs::read_to_string(&path).ok()?;
    if text.lines().count() > EXAMPLE_MAX_LINES || text.len() > 4_000 {
        return None;
    }
    let ext = path.extension()?.to_str()?.to_string();
    Some((ext, text))
}

fn json_of(rule: Rule) -> serde_json::Value {
    let def = rule.def();
    json!({
        "code": def.code,
        "kind": def.family.as_str(),
        "group": def.group,
        "severity": def.severity.as_str(),
        "severity_note": def.severity_note,
        "cfn_lint": def.cfn_lint,
        "fix": def.fix,
        "summary": def.summary,
        "explanation": def.explanation,
        "example": def.example,
        "help_uri": docs::help_uri(rule),
    })
}

/// Prints what was asked; exit code 0, or 2 for a code no rule has.
pub fn run(options: &RulesOptions) -> u8 {
    let chosen: Vec<Rule> = match &options.code {
        None => Rule::ALL.to_vec(),
        Some(name) => {
            let rules: Vec<Rule> = Rule::ALL
                .iter()
                .copied()
                .filter(|r| r.is_named_by(name))
                .collect();
            if rules.is_empty() {
                eprintln!("awsls: no rule is named `{name}` (see `awsls rules` for the list)");
                return 2;
            }
            rules
        }
    };
    let out = match options.format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = chosen.iter().map(|r| json_of(*r)).collect();
            let mut text = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_string());
            text.push('\n');
            text
        }
        RulesFormat::Markdown => {
            let dir = options.examples.clone().unwrap_or_else(docs::examples_dir);
            docs::markdown(&|code, which| example(&dir, code, which))
        }
        RulesFormat::Text if options.code.is_some() => chosen
            .iter()
            .map(|r| docs::explain(*r))
            .collect::<Vec<_>>()
            .join("\n"),
        RulesFormat::Text => {
            let width = chosen.iter().map(|r| r.code().len()).max().unwrap_or(0);
            let mut text = String::new();
            for rule in &chosen {
                let def = rule.def();
                let ids = if def.cfn_lint.is_empty() {
                    "-".to_string()
                } else {
                    def.cfn_lint.join(",")
                };
                text.push_str(&format!(
                    "{:width$}  {:7}  {:14}  {}  [{}]\n",
                    def.code,
                    def.severity.as_str(),
                    def.family.as_str(),
                    def.summary,
                    ids,
                ));
            }
            text.push_str(&format!(
                "\n{} rules; `awsls rules CODE` explains one (a cfn-lint ID such as E3012 works too).\n",
                chosen.len()
            ));
            text
        }
    };
    // A reader that stops early (`| head`) is not an error.
    let mut stdout = std::io::stdout().lock();
    let _ = std::io::Write::write_all(&mut stdout, out.as_bytes());
    let _ = std::io::Write::flush(&mut stdout);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs/rules.md` is what the registry generates: regenerate it with
    /// `cargo run -p awsls -- rules --format markdown > docs/rules.md`.
    #[test]
    fn docs_rules_md_is_up_to_date() {
        let dir = docs::examples_dir();
        let generated = docs::markdown(&|code, which| example(&dir, code, which));
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            written == generated,
            "docs/rules.md is out of date: run `cargo run -p awsls -- rules --format markdown > docs/rules.md`"
        );
    }
}
