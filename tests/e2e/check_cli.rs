//! `awsls check` as a CI job runs it: output shapes and exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

use crate::client::binary;

fn fixtures(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(path)
}

fn check(args: &[&str], paths: &[PathBuf]) -> Output {
    Command::new(binary())
        .arg("check")
        .args(args)
        .args(paths)
        .output()
        .expect("run awsls check")
}

fn json_findings(output: &Output) -> Vec<Value> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    match serde_json::from_str::<Value>(&stdout) {
        Ok(Value::Array(items)) => items,
        other => panic!("expected a JSON array, got {other:?} from {stdout}"),
    }
}

#[test]
fn json_output_has_the_documented_shape_and_exit_code_1_on_errors() {
    let output = check(&["--format", "json"], &[fixtures("check/broken")]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let findings = json_findings(&output);
    assert!(!findings.is_empty());
    for finding in &findings {
        for key in ["file", "code", "message", "kind", "severity"] {
            assert!(finding[key].is_string(), "`{key}` missing in {finding}");
        }
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(
                finding[key].as_u64().is_some_and(|n| n >= 1),
                "`{key}` in {finding}"
            );
        }
        assert!(["error", "warning", "info"].contains(&finding["severity"].as_str().unwrap_or("")));
    }
    // The unclosed flow sequence on line 7 of the YAML template.
    assert!(
        findings.iter().any(|f| f["file"]
            .as_str()
            .is_some_and(|p| p.ends_with("unclosed-flow.yaml"))
            && f["code"] == "syntax-error"
            && f["line"] == 7),
        "{findings:#?}"
    );
    // The duplicate `Type` key on line 6 of the JSON template, column 7 (1-based).
    assert!(
        findings.iter().any(|f| f["file"]
            .as_str()
            .is_some_and(|p| p.ends_with("duplicate-key.json"))
            && f["code"] == "duplicate-key"
            && f["line"] == 6
            && f["column"] == 7),
        "{findings:#?}"
    );
    // The broken GitHub workflow is not an AWS file: nothing reported for it.
    assert!(!findings.iter().any(|f| f["file"]
        .as_str()
        .is_some_and(|p| p.ends_with("workflow.yml"))));
}

#[test]
fn clean_files_exit_0_and_non_aws_files_are_skipped() {
    let output = check(&["--format", "json"], &[fixtures("check/clean")]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(json_findings(&output).is_empty());
    let text = check(&[], &[fixtures("check/clean")]);
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("No problems found in 1 file"));
}

#[test]
fn a_named_file_that_is_not_recognised_is_noted_and_counted_as_skipped() {
    let folder = fixtures("check/clean");
    let other = folder.join("package.json");
    assert!(other.is_file(), "fixture {} is missing", other.display());
    // Named on the command line: a note on stderr and the summary counts it.
    let named = check(&[], &[folder.clone(), other.clone()]);
    assert_eq!(named.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&named.stderr);
    assert!(
        stderr.contains("package.json` is not recognised as a CloudFormation, SAM, AppSpec or IAM file; use --kind"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&named.stdout);
    assert!(
        stdout.contains("No problems found in 1 file; skipped 1 file."),
        "{stdout}"
    );
    // Found inside a folder: skipped quietly.
    let found = check(&[], &[folder]);
    assert!(String::from_utf8_lossy(&found.stderr).is_empty());
    assert!(!String::from_utf8_lossy(&found.stdout).contains("skipped"));
}

#[test]
fn a_json_policy_with_a_wrong_version_is_checked_not_skipped() {
    let dir = std::env::temp_dir().join(format!("awsls-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let policy = dir.join("policy.json");
    let text = r#"{"Version": "2012-10-18", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
    std::fs::write(&policy, text).expect("write policy");
    let output = check(&["--format", "json"], std::slice::from_ref(&policy));
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(output.status.code(), Some(1));
    let findings = json_findings(&output);
    assert!(
        findings.iter().any(|f| f["code"] == "iam-invalid-version"),
        "{findings:#?}"
    );
}

#[test]
fn text_output_points_at_the_problem() {
    let output = check(&[], &[fixtures("check/broken/unclosed-flow.yaml")]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("error[syntax-error]"), "{stdout}");
    assert!(stdout.contains("unclosed-flow.yaml:7:"), "{stdout}");
    assert!(stdout.contains('^'), "{stdout}");
}

#[test]
fn sarif_and_github_formats() {
    let sarif = check(&["--format", "sarif"], &[fixtures("check/broken")]);
    let log: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["runs"][0]["results"]
        .as_array()
        .is_some_and(|r| !r.is_empty()));
    // Each rule carries its description, level and a link to its heading.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!rules.is_empty());
    for rule in &rules {
        let id = rule["id"].as_str().unwrap_or_default();
        assert!(
            rule["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{rule}"
        );
        assert!(rule["defaultConfiguration"]["level"].is_string(), "{rule}");
        assert_eq!(rule["helpUri"], format!("docs/rules.md#{id}"), "{rule}");
    }
    let docs =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md"))
            .unwrap_or_default();
    for rule in &rules {
        let heading = format!("#### `{}`", rule["id"].as_str().unwrap_or_default());
        assert!(docs.contains(&heading), "docs/rules.md lacks {heading}");
    }
    let github = check(&["--format", "github"], &[fixtures("check/broken")]);
    let stdout = String::from_utf8_lossy(&github.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::error file=") && l.contains("line=7")),
        "{stdout}"
    );
}

#[test]
fn bad_paths_and_bad_usage_exit_2_with_a_message() {
    let output = check(&[], &[PathBuf::from("/no/such/folder/template.yaml")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read `/no/such/folder/template.yaml`"),
        "{stderr}"
    );
    let usage = Command::new(binary())
        .args(["check", "--format", "nope", "x"])
        .output()
        .expect("run");
    assert_eq!(usage.status.code(), Some(2));
    let none = Command::new(binary()).arg("check").output().expect("run");
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn unreadable_input_exits_2() {
    let dir = std::env::temp_dir().join(format!("awsls-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("template.yaml");
    std::fs::write(&file, [0xff, 0xfe, 0x00, 0x41]).expect("write");
    let output = check(&[], &[file]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not UTF-8"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn version_and_help() {
    let version = Command::new(binary())
        .arg("--version")
        .output()
        .expect("run");
    assert_eq!(version.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("awsls "));
    let help = Command::new(binary()).arg("--help").output().expect("run");
    assert!(String::from_utf8_lossy(&help.stdout).contains("check"));
}

#[test]
fn kind_can_be_forced_for_files_detection_would_skip() {
    let dir = std::env::temp_dir().join(format!("awsls-kind-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("deploy-spec.yml");
    std::fs::write(&file, "this is not: valid: yaml: {{\n").expect("write");
    let detected = check(&["--format", "json"], std::slice::from_ref(&file));
    assert_eq!(detected.status.code(), Some(0));
    assert!(
        json_findings(&detected).is_empty(),
        "not recognisable as an AWS file: skipped"
    );
    let forced = check(
        &["--format", "json", "--kind", "appspec"],
        std::slice::from_ref(&file),
    );
    assert_eq!(forced.status.code(), Some(1));
    let findings = json_findings(&forced);
    assert!(
        findings.iter().any(|f| f["code"] == "syntax-error"),
        "{findings:#?}"
    );
    assert!(
        findings
            .iter()
            .all(|f| f["kind"] == "syntax" || f["kind"] == "appspec"),
        "{findings:#?}"
    );
    let bad = check(&["--kind", "terraform"], std::slice::from_ref(&file));
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn regions_choose_where_resource_types_must_exist() {
    let template = fixtures("rules/type-not-in-region/bad.yaml");
    let codes = |output: &Output| -> Vec<String> {
        json_findings(output)
            .iter()
            .filter_map(|f| f["code"].as_str().map(str::to_string))
            .collect()
    };
    // us-east-1 by default, where the type does not exist.
    let default = check(&["--format", "json"], std::slice::from_ref(&template));
    assert_eq!(codes(&default), ["type-not-in-region"]);
    // It does exist in us-west-2; asked for both, us-east-1 is still missing.
    let west = check(
        &["--format", "json", "--regions", "us-west-2"],
        std::slice::from_ref(&template),
    );
    assert!(codes(&west).is_empty(), "{:?}", codes(&west));
    let both = check(
        &["--format", "json", "--regions", "us-west-2,us-east-1"],
        std::slice::from_ref(&template),
    );
    assert_eq!(codes(&both), ["type-not-in-region"]);
    // A region awsls does not know is a usage error.
    let unknown = check(&["--regions", "mars-north-1"], &[template]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("mars-north-1"));
}

#[test]
fn rules_are_listed_and_explained() {
    let list = Command::new(binary())
        .args(["rules", "--format", "json"])
        .output()
        .expect("run awsls rules");
    let rules: Value = serde_json::from_slice(&list.stdout).expect("rules as JSON");
    let rules = rules.as_array().cloned().unwrap_or_default();
    assert!(rules.len() >= 200, "{}", rules.len());
    assert!(rules.iter().any(|r| r["code"] == "unknown-ref"
        && r["cfn_lint"]
            .as_array()
            .is_some_and(|ids| ids.iter().any(|i| i == "E1020"))));
    let explained = Command::new(binary())
        .args(["rules", "E3012"])
        .output()
        .expect("run awsls rules E3012");
    let text = String::from_utf8_lossy(&explained.stdout);
    assert!(text.contains("invalid-type"), "{text}");
    let unknown = Command::new(binary())
        .args(["rules", "no-such-rule"])
        .output()
        .expect("run awsls rules");
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn privilege_escalation_in_policies_and_templates() {
    let paths = [
        fixtures("rules/iam-privilege-escalation/bad.json"),
        fixtures("iam/escalation.yaml"),
        fixtures("cfn/escalation-in-template.yaml"),
    ];
    let output = check(&["--format", "json"], &paths);
    let mut found: Vec<(String, u64)> = json_findings(&output)
        .iter()
        .filter(|f| f["code"] == "iam-privilege-escalation")
        .map(|f| {
            let file = f["file"]
                .as_str()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            (file, f["line"].as_u64().unwrap_or(0))
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("bad.json".to_string(), 7),
            ("bad.json".to_string(), 19),
            ("escalation-in-template.yaml".to_string(), 13),
            ("escalation.yaml".to_string(), 4),
        ],
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
