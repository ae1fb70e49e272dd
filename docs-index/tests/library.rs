//! Lookups over user notes and the built-in notes together: links to note files,
//! de-duplication of copied notes, reloading after edits, and matches that must not
//! happen (substrings, empty sections).

use awsls_docs_index::{render_markdown, Library, NoteFile, NotesIndex, Topic, BUILTIN_NOTES};
use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsls-library-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(std::fs::create_dir_all(&dir).is_ok());
    dir
}

fn memory_index(text: &str) -> NotesIndex {
    NotesIndex::from_files(&[NoteFile {
        name: "mine.md".into(),
        path: None,
        text: text.into(),
    }])
}

#[test]
fn user_notes_are_found_and_linked_by_line() {
    let dir = temp_dir("link");
    let notes = "# My AWS notes\n\n## DynamoDB\n\n### Streams\n- StreamSpecification NEW_AND_OLD_IMAGES feeds Lambda\n- 24 hours retention\n";
    assert!(std::fs::write(dir.join("dynamo.md"), notes).is_ok());
    let (library, errors) = Library::new(false, std::slice::from_ref(&dir));
    assert!(errors.is_empty());
    let hits = library.lookup(&Topic::parse("AWS::DynamoDB::Table.StreamSpecification"), 3);
    let top = hits.first().map(|h| h.section);
    assert_eq!(
        top.map(|s| s.heading_path.join(" > ")).as_deref(),
        Some("My AWS notes > DynamoDB > Streams")
    );
    assert_eq!(top.map(|s| s.line_start), Some(5));
    let md = render_markdown(&hits, 1);
    assert!(md.contains("[dynamo.md:5](file://"), "{md}");
    assert!(md.contains("dynamo.md#L5)"), "{md}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn copies_of_builtin_notes_are_not_shown_twice() {
    let dir = temp_dir("dedup");
    let (name, text) = BUILTIN_NOTES[2];
    assert!(std::fs::write(dir.join(name), text).is_ok());
    let (library, _) = Library::new(true, std::slice::from_ref(&dir));
    let hits = library.lookup(
        &Topic::parse("AWS::DynamoDB::Table.ProvisionedThroughput"),
        5,
    );
    let copies = hits
        .iter()
        .filter(|h| h.section.title() == "Provisioned Throughput")
        .count();
    assert_eq!(
        copies,
        1,
        "{:?}",
        hits.iter().map(|h| &h.section.id).collect::<Vec<_>>()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reload_picks_up_edits_and_reports_missing_dirs() {
    let dir = temp_dir("reload");
    let missing = dir.join("gone");
    let (mut library, errors) = Library::new(false, &[dir.clone(), missing.clone()]);
    let failed: Vec<&PathBuf> = errors.iter().map(|e| &e.path).collect();
    assert_eq!(failed, [&missing]);
    assert!(library.lookup(&Topic::parse("BeforeInstall"), 3).is_empty());
    assert!(std::fs::write(
        dir.join("deploy.txt"),
        "# CodeDeploy\n- BeforeInstall: decrypt files\n"
    )
    .is_ok());
    assert!(library.watches(&dir.join("deploy.txt")));
    assert!(!library.watches(&dir.join("deploy.rs")));
    let errors = library.reload_user_notes();
    assert_eq!(errors.len(), 1);
    let hits = library.lookup(&Topic::parse("BeforeInstall"), 3);
    assert_eq!(
        hits.first().map(|h| h.section.file_name.as_str()),
        Some("deploy.txt")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn substrings_do_not_match() {
    let index = memory_index("# CloudFormation\n- Reference docs, preferences\n\n# Testing\n- specs for CodeDeploy releases\n");
    assert!(index.lookup(&Topic::parse("Ref"), 3).is_empty());
    assert!(index
        .lookup(&Topic::parse("AWS::ECS::Cluster"), 3)
        .is_empty());
    let index = memory_index("# Economics\n- cost of omics research\n");
    assert!(index
        .lookup(&Topic::parse("AWS::Omics::Workflow"), 3)
        .is_empty());
}

#[test]
fn generic_words_need_the_service_context() {
    let index = memory_index(
        "# CodeDeploy\n- hook timeout is 3600 seconds\n\n# Lambda\n- max timeout 15 minutes\n",
    );
    let hits = index.lookup(&Topic::parse("AWS::Lambda::Function.Timeout"), 3);
    let titles: Vec<&str> = hits.iter().map(|h| h.section.title()).collect();
    assert_eq!(titles, ["Lambda"]);
}

#[test]
fn empty_sections_are_never_hits() {
    let index = memory_index("# IAM\n\n# EC2\n\n## EC2 101\n- virtual machines\n");
    let hits = index.lookup(&Topic::parse("IAM"), 3);
    assert!(hits.is_empty());
    let hits = index.lookup(&Topic::parse("EC2"), 3);
    assert_eq!(
        hits.iter().map(|h| h.section.title()).collect::<Vec<_>>(),
        ["EC2 101"]
    );
}

#[test]
fn headings_beat_body_mentions_and_limit_is_respected() {
    let index = memory_index(
        "# SQS\n- queues, visibility timeout\n\n# Decoupling\n- use SQS between tiers, SQS is pull based\n\n# SNS\n- push, can fan out to SQS\n",
    );
    let hits = index.lookup(&Topic::parse("AWS::SQS::Queue"), 5);
    assert_eq!(hits.first().map(|h| h.section.title()), Some("SQS"));
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(index.lookup(&Topic::parse("AWS::SQS::Queue"), 1).len(), 1);
    assert!(index.lookup(&Topic::parse("AWS::SQS::Queue"), 0).is_empty());
}

#[test]
fn builtin_index_is_shared_and_ids_are_unique() {
    let a = NotesIndex::builtin();
    let b = NotesIndex::builtin();
    assert!(std::ptr::eq(a, b));
    let mut ids: Vec<&str> = a.sections().iter().map(|s| s.id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
    assert!(a
        .section("developer-associate-study-plan.md#dynamodb/provisioned-throughput")
        .is_some());
}

#[test]
fn odd_topics_find_nothing_without_panicking() {
    let index = NotesIndex::builtin();
    for text in [
        "",
        "AWS::",
        "AWS::::",
        "::",
        "!",
        "Fn::",
        ":",
        "a:b:c",
        "\u{1F600}",
        "AWS::S3::Bucket.",
        "python",
    ] {
        let hits = index.lookup(&Topic::parse(text), 3);
        assert!(hits.len() <= 3, "{text}");
    }
    assert!(index.lookup(&Topic::parse(""), 3).is_empty());
    assert!(index.lookup(&Topic::parse("AWS::"), 3).is_empty());
}
