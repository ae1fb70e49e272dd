//! Study notes indexed by AWS topic, for "From your notes" in awsls hovers and the
//! `awsls notes TOPIC` command.
//!
//! Notes are Markdown files split into sections (one per heading). A [`Topic`] names
//! what is hovered: a service, resource type, property, IAM action, AppSpec hook, SAM
//! type, template section, intrinsic function or Lambda runtime. A lookup returns the
//! few sections that are really about it, or nothing.
//!
//! ```
//! use awsls_docs_index::{render_markdown, NotesIndex, Topic};
//!
//! let hits = NotesIndex::builtin().lookup(&Topic::parse("dynamodb:Query"), 3);
//! assert!(!hits.is_empty());
//! let hover = render_markdown(&hits, 2);
//! assert!(hover.starts_with("**From your notes**"));
//! assert!(NotesIndex::builtin().lookup(&Topic::parse("AWS::Omics::Workflow"), 3).is_empty());
//! ```
//!
//! Entry points:
//! - [`NotesIndex::builtin`] (embedded notes, built once), [`NotesIndex::from_dirs`]
//!   (user notes, `*.md`/`*.markdown`/`*.txt`, recursively), [`NotesIndex::from_files`];
//! - [`NotesIndex::lookup`], and [`Library`] for built-in and user notes together with
//!   a rebuild of only the user part ([`Library::reload_user_notes`]);
//! - [`render_markdown`] for hovers and [`render_terminal`] for the command line.
//!
//! Ranking: a section whose heading names the topic beats one that only mentions it;
//! mentions count inside the service's own sections (its name, alias or typo in the
//! heading path) and much less elsewhere; a property falls back to its resource type
//! and then its service. Words match whole (`Ref` never matches "Reference"), hits
//! below [`MIN_SCORE`] are dropped, and near-identical sections are shown once.

mod builtin;
mod index;
mod library;
mod loading;
mod query;
mod render;
mod score;
mod sections;
mod services;
mod text;
mod topic;

pub use builtin::BUILTIN_NOTES;
pub use index::{NoteFile, NotesIndex, Section};
pub use library::Library;
pub use loading::{read_note_files, NoteLoadError};
pub use render::{excerpt, render_markdown, render_terminal};
pub use score::{Hit, MIN_SCORE};
pub use services::{resolve as resolve_service, Service, SERVICES};
pub use topic::{Topic, APPSPEC_HOOKS, TEMPLATE_SECTIONS};
