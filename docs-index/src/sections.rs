//! Splits one Markdown note file into sections, one per ATX or setext heading, with
//! the heading path, 1-based line range, the body's Markdown source and the body's
//! words (with line numbers) for indexing.
//!
//! pulldown-cmark does the block parsing, so `#` lines inside fenced or indented code
//! are not headings, closing `####` sequences are dropped, and text inside HTML blocks
//! and tables is indexed without its tags.

use crate::text;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A section as produced by the parser, before it is given an id and a file.
#[derive(Debug, Clone)]
pub(crate) struct ParsedSection {
    /// Heading texts from the outermost ancestor to this section (numbering removed).
    pub heading_path: Vec<String>,
    /// Heading level 1–6, or 0 for text before the first heading.
    pub level: u8,
    /// 1-based line of the heading (or of the first line, for the preamble).
    pub line_start: u32,
    /// 1-based last non-blank line of the body (the heading line if the body is empty).
    pub line_end: u32,
    /// 1-based line where `body_markdown` starts.
    pub body_line_start: u32,
    /// The body's Markdown source, without surrounding blank lines.
    pub body_markdown: String,
    /// Normalised words of the body, separated by single spaces.
    pub body_words: String,
    /// 1-based line of each word in `body_words`.
    pub word_lines: Vec<u32>,
}

/// Byte offsets of line starts, for offset → line conversion.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    /// 1-based line containing byte `offset`.
    fn line_of(&self, offset: usize) -> u32 {
        u32::try_from(self.0.partition_point(|&s| s <= offset)).unwrap_or(u32::MAX)
    }
}

/// Headings whose sections only list links to other sections.
fn is_contents_heading(heading: &str) -> bool {
    let k: Vec<String> = text::words(heading).collect();
    let k: Vec<&str> = k.iter().map(String::as_str).collect();
    matches!(
        k.as_slice(),
        ["table", "of", "content"] | ["content"] | ["toc"]
    )
}

/// Replaces HTML tags and entities with spaces so only the visible text remains.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            '&' if !in_tag => {
                // Skip a short entity such as `&nbsp;` or `&#39;`.
                let entity: String = chars
                    .clone()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                    .collect();
                let ends = chars.clone().nth(entity.len()) == Some(';');
                if ends && !entity.is_empty() && entity.len() <= 8 {
                    for _ in 0..=entity.len() {
                        chars.next();
                    }
                    out.push(' ');
                } else {
                    out.push('&');
                }
            }
            _ if in_tag => {}
            '\n' => out.push('\n'),
            _ => out.push(c),
        }
    }
    out
}

/// Open heading being collected.
struct OpenHeading {
    level: u8,
    start: usize,
    end: usize,
    text: String,
}

/// Section boundaries found in the first pass.
struct RawSection {
    heading: Option<OpenHeading>,
    body_start: usize,
    body_end: usize,
    words: String,
    lines: Vec<u32>,
}

/// Parses `source` into sections. Text before the first heading becomes a level-0
/// section with an empty heading path when it is not blank.
pub(crate) fn parse(source: &str) -> Vec<ParsedSection> {
    let lines = Lines::new(source);
    let mut raw: Vec<RawSection> = vec![RawSection {
        heading: None,
        body_start: 0,
        body_end: source.len(),
        words: String::new(),
        lines: Vec::new(),
    }];
    let mut open: Option<OpenHeading> = None;
    let parser = Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some(last) = raw.last_mut() {
                    last.body_end = range.start;
                }
                open = Some(OpenHeading {
                    level: level as u8,
                    start: range.start,
                    end: range.end,
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = open.take() {
                    raw.push(RawSection {
                        body_start: h.end,
                        body_end: source.len(),
                        heading: Some(h),
                        words: String::new(),
                        lines: Vec::new(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => match open.as_mut() {
                Some(h) => h.text.push_str(&t),
                None => add_words(&mut raw, &lines, range.start, &t),
            },
            Event::Html(t) | Event::InlineHtml(t) => {
                let visible = strip_html(&t);
                match open.as_mut() {
                    Some(h) => h.text.push_str(&visible),
                    None => add_words(&mut raw, &lines, range.start, &visible),
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = open.as_mut() {
                    h.text.push(' ');
                }
            }
            _ => {}
        }
    }
    build(source, &lines, raw)
}

fn add_words(raw: &mut [RawSection], lines: &Lines, start: usize, text: &str) {
    let Some(section) = raw.last_mut() else {
        return;
    };
    let mut line = lines.line_of(start);
    let mut consumed = 0;
    text::for_each_word(text, |offset, word| {
        let newlines = text
            .get(consumed..offset)
            .map_or(0, |s| s.matches('\n').count());
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(0));
        consumed = offset;
        if !section.words.is_empty() {
            section.words.push(' ');
        }
        section.words.push_str(word);
        section.lines.push(line);
    });
}

/// Turns raw boundaries into sections with heading paths and trimmed bodies.
fn build(source: &str, lines: &Lines, raw: Vec<RawSection>) -> Vec<ParsedSection> {
    let mut out = Vec::new();
    let mut stack: Vec<(u8, String)> = Vec::new();
    for r in raw {
        let (level, line_start, heading_path) = match &r.heading {
            Some(h) => {
                let title = text::strip_numbering(h.text.trim()).to_string();
                while stack.last().is_some_and(|(l, _)| *l >= h.level) {
                    stack.pop();
                }
                stack.push((h.level, title));
                let path = stack.iter().map(|(_, t)| t.clone()).collect();
                (h.level, lines.line_of(h.start), path)
            }
            None => (0, 1, Vec::new()),
        };
        let body = source.get(r.body_start..r.body_end).unwrap_or("");
        let (body_markdown, lead) = trim_blank_lines(body);
        let body_line_start = lines.line_of(r.body_start + lead);
        let body_lines = u32::try_from(body_markdown.lines().count()).unwrap_or(0);
        let line_end = if body_markdown.is_empty() {
            line_start
        } else {
            body_line_start + body_lines.saturating_sub(1)
        };
        if r.heading.is_none() && body_markdown.is_empty() {
            continue;
        }
        let contents = heading_path.last().is_some_and(|h| is_contents_heading(h));
        out.push(ParsedSection {
            heading_path,
            level,
            line_start,
            line_end,
            body_line_start,
            body_markdown: body_markdown.to_string(),
            body_words: if contents { String::new() } else { r.words },
            word_lines: if contents { Vec::new() } else { r.lines },
        });
    }
    out
}

/// Drops blank lines at both ends; returns the rest and the byte length dropped in front.
fn trim_blank_lines(body: &str) -> (&str, usize) {
    let mut lead = 0;
    for line in body.split_inclusive('\n') {
        if line.trim().is_empty() {
            lead += line.len();
        } else {
            break;
        }
    }
    let rest = body.get(lead..).unwrap_or("");
    (rest.trim_end(), lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(src: &str) -> Vec<Vec<String>> {
        parse(src).into_iter().map(|s| s.heading_path).collect()
    }

    fn has_word(s: &ParsedSection, w: &str) -> bool {
        s.body_words.split(' ').any(|x| x == w)
    }

    #[test]
    fn closed_headings_lose_their_closing_hashes() {
        let src = "#### EC2 ####\n* instances\n\n#### Dynamo DB ####\n* tables\n";
        assert_eq!(headings(src), [vec!["EC2"], vec!["Dynamo DB"]]);
        let s = parse(src);
        assert_eq!((s[1].line_start, s[1].line_end), (4, 5));
        assert_eq!(s[1].body_markdown, "* tables");
    }

    #[test]
    fn hash_lines_in_fenced_code_are_not_headings() {
        let src = "# KMS\n- API calls\n\n    ```shell\n    # to encrypt a file\n    aws kms encrypt\n    ```\n\n``` bash\n# IAM\naws iam list-users\n```\n## Next\n";
        assert_eq!(headings(src), [vec!["KMS"], vec!["KMS", "Next"]]);
        let s = parse(src);
        assert!(has_word(&s[0], "encrypt"));
        assert!(has_word(&s[0], "iam"));
        assert!(s[0].body_markdown.contains("# to encrypt a file"));
    }

    #[test]
    fn html_tables_are_indexed_as_text() {
        let src = "#### IAM ####\n* Critical Terms\n<table>\n    <tbody>\n        <tr>\n            <td>Users</td>\n            <td>End users&nbsp;such as people</td>\n        </tr>\n    </tbody>\n</table>\n";
        let s = parse(src);
        assert_eq!(s.len(), 1);
        assert!(has_word(&s[0], "user"));
        assert!(has_word(&s[0], "people"));
        assert!(!has_word(&s[0], "td"));
        assert!(!has_word(&s[0], "tbody"));
        assert!(!has_word(&s[0], "nbsp"));
        let pos = s[0].body_words.split(' ').position(|w| w == "people");
        let line = pos.and_then(|p| s[0].word_lines.get(p).copied());
        assert_eq!(line, Some(7));
        assert!(s[0].body_markdown.contains("<td>Users</td>"));
    }

    #[test]
    fn markdown_tables_keep_their_source() {
        let src = "### CodeDeploy\n\n|  | In-Place | Blue/Green |\n|:--|:--|:--|\n| roll back | redeploy | reroute |\n";
        let s = parse(src);
        assert!(s[0].body_markdown.starts_with("|  | In-Place"));
        assert!(has_word(&s[0], "reroute"));
        assert_eq!(s[0].body_line_start, 3);
    }

    #[test]
    fn toc_markers_and_empty_sections() {
        let src = "# Notes\n\n{{TOC}}\n\n+++ \n\n# IAM\n\n# EC2\n\n## EC2 101\n- virtual servers\n";
        let s = parse(src);
        assert_eq!(
            headings(src),
            [
                vec!["Notes"],
                vec!["IAM"],
                vec!["EC2"],
                vec!["EC2", "EC2 101"]
            ]
        );
        assert_eq!(s[0].body_markdown, "{{TOC}}\n\n+++");
        assert!(s[1].body_markdown.is_empty());
        assert_eq!((s[1].line_start, s[1].line_end), (7, 7));
        assert!(s[2].body_words.is_empty());
    }

    #[test]
    fn table_of_contents_is_not_indexed() {
        let src = "# Guide\n#### Table of contents\n* [IAM](#iam)\n* [EC2](#ec2)\n# IAM\nusers\n";
        let s = parse(src);
        assert_eq!(s[1].heading_path, ["Guide", "Table of contents"]);
        assert!(s[1].body_words.is_empty());
        assert!(has_word(&s[2], "user"));
    }

    #[test]
    fn text_before_first_heading_is_a_preamble() {
        let s = parse("My notes for the exam.\n\n# Weekly Guide\n1. IAM\n");
        assert_eq!(s[0].level, 0);
        assert!(s[0].heading_path.is_empty());
        assert_eq!(s[1].heading_path, ["Weekly Guide"]);
        assert!(parse("\n\n# A\nx\n").first().is_some_and(|s| s.level == 1));
    }

    #[test]
    fn levels_nest_and_pop() {
        let src = "# A\n### B\n## C\n#### D\n# E\n";
        assert_eq!(
            headings(src),
            [
                vec!["A"],
                vec!["A", "B"],
                vec!["A", "C"],
                vec!["A", "C", "D"],
                vec!["E"]
            ]
        );
    }
}
