//! Hover and completion in AppSpec files.

use awsls_grammars::Span;

use super::{span_of, EC2_VALID, ECS_VALID, LAMBDA_JSON, LAMBDA_VALID};
use crate::analysis::{CompletionEntry, HoverInfo, Snapshot};

fn hover_at(name: &str, text: &str, needle: &str) -> Option<HoverInfo> {
    let snapshot = Snapshot::from_text(name, text);
    let offset = span_of(text, needle, 0).start + 1;
    super::super::hover(&snapshot, offset)
}

#[test]
fn hover_on_an_event_shows_the_order() {
    let info = hover_at("appspec.yml", EC2_VALID, "BeforeInstall").expect("hover");
    assert_eq!(info.span, span_of(EC2_VALID, "BeforeInstall", 0));
    assert!(
        info.markdown
            .starts_with("**BeforeInstall** (EC2/On-Premises lifecycle event)"),
        "{}",
        info.markdown
    );
    assert!(
        info.markdown.contains("6. **BeforeInstall**\n"),
        "{}",
        info.markdown
    );
    assert!(
        info.markdown
            .contains("5. DownloadBundle (run by CodeDeploy, no hooks)"),
        "{}",
        info.markdown
    );
    assert_eq!(
        info.topic,
        Some(awsls_docs_index::Topic::AppSpecHook(
            "BeforeInstall".to_string()
        ))
    );
    let info = hover_at("appspec.yml", ECS_VALID, "AfterAllowTestTraffic").expect("hover");
    assert!(
        info.markdown.contains("Lifecycle order (ECS)"),
        "{}",
        info.markdown
    );
    assert!(
        info.markdown.contains("5. **AfterAllowTestTraffic**"),
        "{}",
        info.markdown
    );
}

#[test]
fn hover_on_keys_and_values() {
    let info = hover_at("appspec.yml", EC2_VALID, "file_exists_behavior").expect("hover");
    assert!(
        info.markdown
            .starts_with("**file_exists_behavior** (optional)"),
        "{}",
        info.markdown
    );
    assert!(info.markdown.contains("- `RETAIN`:"), "{}", info.markdown);
    let info = hover_at("appspec.yml", EC2_VALID, "OVERWRITE").expect("hover");
    assert_eq!(
        info.markdown,
        "**file_exists_behavior: OVERWRITE**\n\nReplace the existing file with the revision's."
    );
    let info = hover_at("appspec.yml", EC2_VALID, "runas").expect("hover");
    assert!(
        info.markdown.contains("Linux instances only."),
        "{}",
        info.markdown
    );
    let info = hover_at("appspec.yml", ECS_VALID, "ContainerPort").expect("hover");
    assert!(
        info.markdown.starts_with("**ContainerPort** (required)"),
        "{}",
        info.markdown
    );
    let info = hover_at("appspec.json", LAMBDA_JSON, "CheckBefore").expect("hover");
    assert!(
        info.markdown
            .contains("PutLifecycleEventHookExecutionStatus"),
        "{}",
        info.markdown
    );
    assert!(hover_at("appspec.yml", EC2_VALID, "scripts/stop.sh").is_none());
}

/// Completions at the `|` in `text_with_bar`.
fn complete_at(name: &str, text_with_bar: &str) -> (String, Vec<CompletionEntry>) {
    let offset = text_with_bar.find('|').expect("cursor marker");
    let text = text_with_bar.replacen('|', "", 1);
    let snapshot = Snapshot::from_text(name, &text);
    let mut entries = super::super::complete(&snapshot, offset);
    entries.sort_by(|a, b| a.sort_text.cmp(&b.sort_text).then(a.label.cmp(&b.label)));
    (text, entries)
}

fn labels(entries: &[CompletionEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.label.as_str()).collect()
}

#[test]
fn hook_names_in_lifecycle_order() {
    let (text, entries) =
        complete_at("appspec.yml", "version: 0.0\nos: linux\nhooks:\n  ApplicationStop:\n    - location: a.sh\n  Be|\nfiles: [\n");
    assert_eq!(
        labels(&entries),
        [
            "BeforeBlockTraffic",
            "AfterBlockTraffic",
            "BeforeInstall",
            "AfterInstall",
            "ApplicationStart",
            "ValidateService",
            "BeforeAllowTraffic",
            "AfterAllowTraffic"
        ]
    );
    let word = span_of(&text, "Be\n", 0);
    assert!(entries
        .iter()
        .all(|e| e.replace == Span::new(word.start, word.start + 2)));
    let install = &entries[2];
    assert_eq!(
        install.detail.as_deref(),
        Some("EC2/On-Premises event 6 of 13: Runs before the revision files are copied to their destinations: decrypt files, back up the current version, install dependencies.")
    );
}

#[test]
fn function_hooks_on_an_empty_item() {
    let (text, entries) = complete_at("appspec.yml", &format!("{ECS_VALID}  - |"));
    assert_eq!(
        labels(&entries),
        [
            "BeforeInstall",
            "AfterInstall",
            "AfterAllowTestTraffic",
            "BeforeAllowTraffic",
            "AfterAllowTraffic"
        ]
    );
    assert!(entries
        .iter()
        .all(|e| e.replace == Span::new(text.len(), text.len())));
    let (_, entries) = complete_at(
        "appspec.yml",
        "version: 0.0\nResources:\n  - f:\n      Type: AWS::Lambda::Function\nHooks:\n  - |\n",
    );
    assert_eq!(
        labels(&entries),
        ["BeforeAllowTraffic", "AfterAllowTraffic"]
    );
}

#[test]
fn script_keys_and_values() {
    let (_, entries) = complete_at(
        "appspec.yml",
        "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: a.sh\n      |\n",
    );
    assert_eq!(labels(&entries), ["timeout", "runas"]);
    let (_, entries) = complete_at("appspec.yml", "version: 0.0\nos: |\n");
    assert_eq!(labels(&entries), ["linux", "windows"]);
    let (_, entries) = complete_at(
        "appspec.yml",
        "version: 0.0\nos: linux\nfile_exists_behavior: R|\n",
    );
    assert_eq!(labels(&entries), ["DISALLOW", "OVERWRITE", "RETAIN"]);
    let (_, entries) = complete_at(
        "appspec.yml",
        "version: 0.0\nos: linux\npermissions:\n  - object: /srv\n    |\n",
    );
    assert_eq!(
        labels(&entries),
        ["pattern", "except", "owner", "group", "mode", "acls", "context", "type"]
    );
}

#[test]
fn top_level_keys_for_the_platform() {
    let (_, entries) = complete_at("appspec.yml", "version: 0.0\nos: linux\n|\n");
    assert_eq!(
        labels(&entries),
        ["files", "permissions", "file_exists_behavior", "hooks"]
    );
    let (_, entries) = complete_at(
        "appspec.yml",
        "version: 0.0\nResources:\n  - f:\n      Type: AWS::Lambda::Function\n|\n",
    );
    assert_eq!(labels(&entries), ["Hooks"]);
}

#[test]
fn json_keys() {
    let (text, entries) = complete_at(
        "appspec.json",
        "{\"version\": 0.0, \"os\": \"linux\", \"hooks\": {\"Before|\": []}}",
    );
    assert!(labels(&entries).contains(&"BeforeInstall"), "{entries:#?}");
    let word = span_of(&text, "Before\"", 0);
    assert!(entries
        .iter()
        .all(|e| e.replace == Span::new(word.start, word.start + 6)));
    assert!(entries.iter().all(|e| !e.insert_text.starts_with('"')));
}

#[test]
fn value_completion_for_types_and_permission_kinds() {
    let (_, entries) = complete_at(
        "appspec.yml",
        "version: 0.0\nResources:\n  - fn:\n      Type: AWS::Lambda::Function\n      Properties:\n        Name: fn\n  - other:\n      Type: |\n",
    );
    assert_eq!(labels(&entries), ["AWS::Lambda::Function"]);
    let (_, entries) = complete_at(
        "appspec.yml",
        "version: 0.0\nos: linux\npermissions:\n  - object: /srv\n    type:\n      - |\n",
    );
    assert_eq!(labels(&entries), ["directory", "file"]);
    let (text, entries) = complete_at("appspec.json", "{\"version\": 0.0, \"os\": \"wi|\"}");
    assert_eq!(labels(&entries), ["linux", "windows"]);
    let word = span_of(&text, "wi", 0);
    assert!(entries.iter().all(|e| e.replace == word));
}

/// Every prefix of the test documents, and every offset in them: no panics,
/// and completion never replaces more than the line it is on.
#[test]
fn any_prefix_and_offset_is_safe() {
    for (name, full) in [
        ("appspec.yml", EC2_VALID),
        ("appspec.yml", LAMBDA_VALID),
        ("appspec.yml", ECS_VALID),
        ("appspec.json", LAMBDA_JSON),
    ] {
        for cut in (0..=full.len())
            .filter(|i| full.is_char_boundary(*i))
            .step_by(7)
        {
            let text = &full[..cut];
            let snapshot = Snapshot::from_text(name, text);
            let mut out = Vec::new();
            super::super::check(&snapshot, &mut out);
            for offset in (0..=text.len()).step_by(5) {
                let _ = super::super::hover(&snapshot, offset);
                for entry in super::super::complete(&snapshot, offset) {
                    assert!(
                        entry.replace.start <= offset && offset <= entry.replace.end,
                        "{name} at {offset} in {text:?}: {entry:?}"
                    );
                    assert!(!text[entry.replace.start..entry.replace.end].contains('\n'));
                }
            }
        }
    }
}
