//! [`NotesIndex`]: sections of a set of note files with an inverted index from words to
//! the sections (and word positions) where they occur in bodies and heading paths.

use crate::sections;
use crate::text;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

/// One note file to index.
#[derive(Debug, Clone)]
pub struct NoteFile {
    /// Display name, e.g. `developer-associate-notes.md`.
    pub name: String,
    /// Where the file lives on disk; `None` for built-in notes.
    pub path: Option<PathBuf>,
    /// The Markdown text.
    pub text: String,
}

/// A part of a note file under one heading, up to the next heading of any level.
#[derive(Debug, Clone)]
pub struct Section {
    /// Stable id: file name and heading-path slug, e.g.
    /// `developer-associate-study-plan.md#dynamodb/provisioned-throughput`.
    pub id: String,
    /// The note file's display name.
    pub file_name: String,
    /// The note file's path on disk; `None` for built-in notes.
    pub path: Option<PathBuf>,
    /// Headings from the outermost ancestor to this section, numbering removed.
    /// Empty for text before a file's first heading.
    pub heading_path: Vec<String>,
    /// Heading level 1–6, or 0 for text before the first heading.
    pub level: u8,
    /// 1-based line of the heading.
    pub line_start: u32,
    /// 1-based last line of the body.
    pub line_end: u32,
    /// 1-based line where `body_markdown` starts.
    pub body_line_start: u32,
    /// The body's Markdown source (tables, lists and code kept intact).
    pub body_markdown: String,
}

impl Section {
    /// The section's own heading, or the file name for text before the first heading.
    pub fn title(&self) -> &str {
        self.heading_path
            .last()
            .map_or(&self.file_name, String::as_str)
    }

    /// A `file://` link to `line` of the note file, when the file is on disk.
    pub fn link_to_line(&self, line: u32) -> Option<String> {
        let path = self.path.as_ref()?;
        let abs = if path.is_absolute() {
            path.clone()
        } else {
            std::env::current_dir().ok()?.join(path)
        };
        let mut url = String::from("file://");
        for c in abs.to_string_lossy().chars() {
            match c {
                ' ' => url.push_str("%20"),
                '#' => url.push_str("%23"),
                '%' => url.push_str("%25"),
                '?' => url.push_str("%3F"),
                '\\' => url.push('/'),
                c => url.push(c),
            }
        }
        if !url.starts_with("file:///") {
            url.insert(7, '/');
        }
        Some(format!("{url}#L{line}"))
    }

    /// A `file://` link to the section's heading, when the file is on disk.
    pub fn link(&self) -> Option<String> {
        self.link_to_line(self.line_start)
    }
}

/// Words of one section, as term ids.
#[derive(Debug, Default)]
pub(crate) struct SectionTerms {
    /// Term ids of each heading in the path, outermost first.
    pub path: Vec<Vec<u32>>,
    /// 1-based line of each body word, by position.
    pub body_lines: Vec<u32>,
    /// Sorted hashes of the distinct body words, for near-duplicate detection.
    pub fingerprint: Vec<u64>,
}

/// Where a term occurs in one section body: `positions[start..start + len]` of the
/// index holds the word positions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting {
    section: u32,
    start: u32,
    len: u32,
}

/// Searchable sections of a set of note files.
#[derive(Debug, Default)]
pub struct NotesIndex {
    pub(crate) sections: Vec<Section>,
    pub(crate) terms: Vec<SectionTerms>,
    pub(crate) vocab: HashMap<String, u32, text::WordHashBuilder>,
    /// Per term: [`text::word_hash`] of the word, stable across indexes.
    pub(crate) term_hashes: Vec<u64>,
    /// Per term: the range of `postings` with its body occurrences, sorted by section.
    term_postings: Vec<(u32, u32)>,
    postings: Vec<Posting>,
    positions: Vec<u32>,
    /// Per term: sections whose heading path contains it, sorted.
    pub(crate) path_postings: Vec<Vec<u32>>,
}

impl NotesIndex {
    /// Indexes the given files.
    pub fn from_files(files: &[NoteFile]) -> NotesIndex {
        let mut index = NotesIndex::default();
        let mut occurrences = Vec::new();
        for file in files {
            index.add_file(file, &mut occurrences);
        }
        index.build_postings(&occurrences);
        index
    }

    /// Groups (term, section, position) occurrences, collected in section and position
    /// order, by term with a counting sort: no allocation per term or section.
    fn build_postings(&mut self, occurrences: &[(u32, u32, u32)]) {
        let terms = self.vocab.len();
        let mut starts = vec![0u32; terms + 1];
        for &(t, _, _) in occurrences {
            if let Some(c) = starts.get_mut(t as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..starts.len() {
            let before = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = starts.get_mut(i) {
                *c += before;
            }
        }
        let mut next = starts.clone();
        let mut sorted = vec![(0u32, 0u32); occurrences.len()];
        for &(t, section, pos) in occurrences {
            if let Some(slot) = next.get_mut(t as usize) {
                if let Some(entry) = sorted.get_mut(*slot as usize) {
                    *entry = (section, pos);
                }
                *slot += 1;
            }
        }
        self.positions = sorted.iter().map(|&(_, pos)| pos).collect();
        self.postings.clear();
        self.term_postings.clear();
        for t in 0..terms {
            let (from, to) = (
                starts.get(t).copied().unwrap_or(0),
                starts.get(t + 1).copied().unwrap_or(0),
            );
            let first = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
            for i in from..to {
                let section = sorted.get(i as usize).map_or(0, |&(s, _)| s);
                match self.postings.last_mut() {
                    // Earlier occurrences of this term (i > from) in the same section.
                    Some(p) if i > from && p.section == section => p.len += 1,
                    _ => self.postings.push(Posting {
                        section,
                        start: i,
                        len: 1,
                    }),
                }
            }
            let last = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
            self.term_postings.push((first, last));
        }
    }

    /// Sections whose body contains `term`, in order.
    pub(crate) fn body_sections(&self, term: u32) -> impl Iterator<Item = u32> + '_ {
        self.postings_of(term).iter().map(|p| p.section)
    }

    fn postings_of(&self, term: u32) -> &[Posting] {
        self.term_postings
            .get(term as usize)
            .and_then(|&(a, b)| self.postings.get(a as usize..b as usize))
            .unwrap_or_default()
    }

    /// All sections, in file order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The section with the given id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    fn term(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.vocab.get(word) {
            return id;
        }
        let id = u32::try_from(self.vocab.len()).unwrap_or(u32::MAX);
        self.term_hashes.push(text::word_hash(word));
        self.vocab.insert(word.to_string(), id);
        self.path_postings.push(Vec::new());
        id
    }

    fn add_file(&mut self, file: &NoteFile, occurrences: &mut Vec<(u32, u32, u32)>) {
        let mut used_ids: HashMap<String, u32> = HashMap::new();
        for parsed in sections::parse(&file.text) {
            let Ok(section_no) = u32::try_from(self.sections.len()) else {
                return;
            };
            let slug = if parsed.heading_path.is_empty() {
                "preamble".to_string()
            } else {
                parsed
                    .heading_path
                    .iter()
                    .map(|h| text::slug(h))
                    .collect::<Vec<_>>()
                    .join("/")
            };
            let seen = used_ids.entry(slug.clone()).or_insert(0);
            *seen += 1;
            let id = if *seen == 1 {
                format!("{}#{slug}", file.name)
            } else {
                format!("{}#{slug}-{seen}", file.name)
            };

            let mut terms = SectionTerms::default();
            for heading in &parsed.heading_path {
                let ids: Vec<u32> = text::words(heading).map(|w| self.term(&w)).collect();
                for &t in &ids {
                    if let Some(list) = self.path_postings.get_mut(t as usize) {
                        if list.last() != Some(&section_no) {
                            list.push(section_no);
                        }
                    }
                }
                terms.path.push(ids);
            }
            let mut hashes = Vec::with_capacity(parsed.word_lines.len());
            let words = parsed.body_words.split(' ').filter(|w| !w.is_empty());
            for (pos, (word, &line)) in words.zip(parsed.word_lines.iter()).enumerate() {
                let t = self.term(word);
                hashes.push(self.term_hashes.get(t as usize).copied().unwrap_or(0));
                let pos = u32::try_from(pos).unwrap_or(u32::MAX);
                occurrences.push((t, section_no, pos));
                terms.body_lines.push(line);
            }
            hashes.sort_unstable();
            hashes.dedup();
            terms.fingerprint = hashes;
            self.terms.push(terms);
            self.sections.push(Section {
                id,
                file_name: file.name.clone(),
                path: file.path.clone(),
                heading_path: parsed.heading_path,
                level: parsed.level,
                line_start: parsed.line_start,
                line_end: parsed.line_end,
                body_line_start: parsed.body_line_start,
                body_markdown: parsed.body_markdown,
            });
        }
    }

    /// Term ids of a phrase, or `None` when a word never occurs in these notes.
    pub(crate) fn phrase_ids(&self, words: &[String]) -> Option<Vec<u32>> {
        words.iter().map(|w| self.vocab.get(w).copied()).collect()
    }

    /// Body positions where the phrase starts in `section`.
    pub(crate) fn phrase_positions(&self, section: u32, phrase: &[u32]) -> Cow<'_, [u32]> {
        let Some((&first, rest)) = phrase.split_first() else {
            return Cow::Borrowed(&[]);
        };
        let Some(starts) = self.positions(first, section) else {
            return Cow::Borrowed(&[]);
        };
        if rest.is_empty() {
            return Cow::Borrowed(starts);
        }
        let mut out = starts.to_vec();
        for (offset, &t) in rest.iter().enumerate() {
            let Some(next) = self.positions(t, section) else {
                return Cow::Borrowed(&[]);
            };
            let step = u32::try_from(offset + 1).unwrap_or(u32::MAX);
            out.retain(|p| next.binary_search(&p.saturating_add(step)).is_ok());
        }
        Cow::Owned(out)
    }

    fn positions(&self, term: u32, section: u32) -> Option<&[u32]> {
        let list = self.postings_of(term);
        let i = list.binary_search_by_key(&section, |p| p.section).ok()?;
        let p = list.get(i)?;
        self.positions
            .get(p.start as usize..(p.start + p.len) as usize)
    }
}

/// Whether `phrase` occurs as consecutive words in `words`.
pub(crate) fn contains_phrase(words: &[u32], phrase: &[u32]) -> bool {
    let Some((&first, rest)) = phrase.split_first() else {
        return false;
    };
    words.iter().enumerate().any(|(i, &w)| {
        w == first
            && rest
                .iter()
                .enumerate()
                .all(|(j, &p)| words.get(i + 1 + j) == Some(&p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> NotesIndex {
        NotesIndex::from_files(&[NoteFile {
            name: "n.md".into(),
            path: None,
            text: text.into(),
        }])
    }

    #[test]
    fn ids_are_stable_slugs_and_unique() {
        let idx = index("# IAM\nusers\n# EC2\nvms\n# IAM\nroles\n");
        let ids: Vec<&str> = idx.sections().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["n.md#iam", "n.md#ec2", "n.md#iam-2"]);
        assert!(idx
            .section("n.md#ec2")
            .is_some_and(|s| s.body_markdown == "vms"));
    }

    #[test]
    fn phrase_positions_need_consecutive_words() {
        let idx = index("# DynamoDB\nprovisioned throughput and throughput provisioned; provisioned throughput\n");
        let ids = idx
            .phrase_ids(&["provisioned".into(), "throughput".into()])
            .unwrap_or_default();
        assert_eq!(idx.phrase_positions(0, &ids).as_ref(), [0, 5]);
        assert!(idx.phrase_ids(&["missing".into()]).is_none());
    }

    #[test]
    fn links_point_at_lines() {
        let s = Section {
            id: "x".into(),
            file_name: "a b.md".into(),
            path: Some(PathBuf::from("/notes/a b.md")),
            heading_path: vec![],
            level: 1,
            line_start: 3,
            line_end: 4,
            body_line_start: 4,
            body_markdown: String::new(),
        };
        assert_eq!(s.link().as_deref(), Some("file:///notes/a%20b.md#L3"));
        assert_eq!(s.title(), "a b.md");
    }
}
