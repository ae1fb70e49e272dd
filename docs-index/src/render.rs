//! Rendering hits: the "From your notes" Markdown for hovers, a plain-text form for
//! the terminal, and excerpts that cut only between blocks so tables, code and HTML
//! stay whole (HTML tables are turned into Markdown tables).

use crate::index::Section;
use crate::score::Hit;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Excerpts stop after about this many lines...
const MAX_LINES: usize = 15;
/// ...or this many characters.
const MAX_CHARS: usize = 1200;
/// A table or code block longer than this is left out rather than cut.
const MAX_BLOCK_LINES: usize = 40;

/// A block that must not be cut: `[first, last]` body line indices.
#[derive(Debug, Clone, Copy)]
struct Block {
    first: usize,
    last: usize,
    html_table: bool,
}

fn protected_blocks(body: &str) -> Vec<Block> {
    let mut starts = vec![0];
    starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let mut blocks: Vec<Block> = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        let html_table = match &event {
            Event::Start(Tag::HtmlBlock) => body
                .get(range.clone())
                .is_some_and(|t| t.to_ascii_lowercase().contains("<table")),
            Event::Start(Tag::Table(_) | Tag::CodeBlock(_)) => false,
            _ => continue,
        };
        let first = line_of(range.start);
        let last = line_of(range.end.saturating_sub(1).max(range.start));
        if blocks.last().is_some_and(|b| b.last >= first) {
            continue;
        }
        blocks.push(Block {
            first,
            last,
            html_table,
        });
    }
    blocks
}

/// Lines that only carry editor markup (`{{TOC}}`, `+++`, `&nbsp;`).
fn is_noise(line: &str) -> bool {
    matches!(line.trim(), "{{TOC}}" | "+++" | "&nbsp;" | "[TOC]")
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Converts an HTML `<table>` into a Markdown table (first row as header).
fn html_table_to_markdown(html: &str) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let lower = html.to_ascii_lowercase();
    for (row_start, _) in lower.match_indices("<tr") {
        let row_end = lower
            .get(row_start..)
            .and_then(|r| r.find("</tr"))
            .map_or(lower.len(), |e| row_start + e);
        let row = html.get(row_start..row_end).unwrap_or("");
        let row_lower = row.to_ascii_lowercase();
        let mut cells = Vec::new();
        let mut cursor = 0;
        while let Some(pos) = next_cell(row_lower.get(cursor..).unwrap_or("")) {
            let open = cursor + pos;
            let content_start = row
                .get(open..)
                .and_then(|r| r.find('>'))
                .map_or(row.len(), |e| open + e + 1);
            let content_end = row_lower
                .get(content_start..)
                .and_then(|r| r.find("</t"))
                .map_or(row.len(), |e| content_start + e);
            let cell = strip_tags(row.get(content_start..content_end).unwrap_or(""));
            cells.push(cell.replace('|', "\\|"));
            cursor = content_end.max(open + 1);
        }
        if !cells.is_empty() {
            rows.push(cells);
        }
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            out.push(' ');
            out.push_str(row.get(c).map_or("", String::as_str));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            out.push_str(&"---|".repeat(width));
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

fn next_cell(s: &str) -> Option<usize> {
    match (s.find("<td"), s.find("<th")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Picks the first line of an excerpt that should show `focus` (a body line index):
/// the start of its list item or paragraph, never inside a protected block.
fn excerpt_start(lines: &[&str], blocks: &[Block], focus: usize) -> usize {
    if focus < MAX_LINES / 2 {
        return 0;
    }
    let mut start = focus.min(lines.len().saturating_sub(1));
    let mut focus_end = start;
    if let Some(b) = blocks.iter().find(|b| b.first <= start && start <= b.last) {
        start = b.first;
        focus_end = b.last;
    }
    let mut want = lines.get(start).map_or(0, |l| indent(l)) + 1;
    let mut best = start;
    for back in 0..8 {
        let Some(i) = start.checked_sub(back) else {
            break;
        };
        let line = lines.get(i).copied().unwrap_or("");
        let inside_block = blocks.iter().any(|b| b.first < i && i <= b.last);
        if starts_item(line) && indent(line) < want && !inside_block {
            best = i;
            want = indent(line);
            if want == 0 {
                break;
            }
        }
    }
    // Backing up to the enclosing item must leave room for the focus itself.
    let shown = lines.get(best..=focus_end).unwrap_or_default();
    let chars: usize = shown.iter().map(|l| l.len() + 1).sum();
    if shown.len() > MAX_LINES || chars > MAX_CHARS {
        start
    } else {
        best
    }
}

/// The shown part of a section body, starting near `focus_line` (1-based, in the note
/// file) when given: about 15 lines or 1,200 characters, cut between blocks, with `…`
/// marking left-out text. Empty when the body is empty.
pub fn excerpt(section: &Section, focus_line: Option<u32>) -> String {
    let lines: Vec<&str> = section.body_markdown.lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let blocks = protected_blocks(&section.body_markdown);
    let focus = focus_line
        .and_then(|l| l.checked_sub(section.body_line_start))
        .map_or(0, |l| l as usize);
    let start = excerpt_start(&lines, &blocks, focus);

    let mut chosen: Vec<String> = Vec::new();
    let (mut i, mut chars, mut shown_lines) = (start, 0usize, 0usize);
    while let Some(line) = lines.get(i) {
        let block = blocks.iter().find(|b| b.first == i);
        let (piece, next, height) = match block {
            Some(b) => {
                let height = b.last + 1 - b.first;
                let raw = lines.get(b.first..=b.last).unwrap_or_default().join("\n");
                let text = if b.html_table {
                    html_table_to_markdown(&raw)
                } else {
                    raw
                };
                (text, b.last + 1, height)
            }
            None => ((*line).to_string(), i + 1, 1),
        };
        let fits = shown_lines + height <= MAX_LINES && chars + piece.len() <= MAX_CHARS;
        let oversized_first = shown_lines == 0 && height <= MAX_BLOCK_LINES;
        if !fits && !oversized_first {
            break;
        }
        if is_noise(&piece) {
            if chosen.last().is_some_and(|l: &String| !l.trim().is_empty()) {
                chosen.push(String::new());
            }
        } else if !(piece.trim().is_empty() && chosen.last().is_none_or(|l| l.trim().is_empty())) {
            chars += piece.len() + 1;
            shown_lines += height;
            chosen.push(piece);
        }
        i = next;
    }
    while chosen.last().is_some_and(|l| l.trim().is_empty()) {
        chosen.pop();
    }
    // Dedent by the first line's indentation (never more than a line has), so an
    // excerpt starting inside a nested list does not turn into an indented code block.
    let common = chosen
        .iter()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| l.lines().next())
        .map_or(0, indent);
    let mut out = String::new();
    if start > 0 {
        out.push_str("…\n\n");
    }
    for piece in &chosen {
        for l in piece.lines() {
            out.push_str(l.get(common.min(indent(l))..).unwrap_or(l));
            out.push('\n');
        }
        if piece.is_empty() {
            out.push('\n');
        }
    }
    if chosen.is_empty() {
        out.push_str("(a long table or code block; open the note to read it)\n");
    }
    if i < lines.len() {
        out.push_str("\n…\n");
    }
    out.trim_end().to_string()
}

/// Escapes characters that Markdown would read as markup in a heading line.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn heading_text(section: &Section) -> String {
    if section.heading_path.is_empty() {
        section.file_name.clone()
    } else {
        section.heading_path.join(" › ")
    }
}

fn shown_line(hit: &Hit) -> u32 {
    hit.focus_line.unwrap_or(hit.section.line_start)
}

/// The "From your notes" part of a hover for the best `max_sections` hits: heading
/// path, a link to the note file and line (or the file name for built-in notes), and
/// an excerpt. Empty when there are no hits.
pub fn render_markdown(hits: &[Hit], max_sections: usize) -> String {
    let mut out = String::new();
    for hit in hits.iter().take(max_sections) {
        if out.is_empty() {
            out.push_str("**From your notes**\n\n");
        } else {
            out.push_str("\n\n---\n\n");
        }
        let s = hit.section;
        let line = shown_line(hit);
        let source = match s.link_to_line(line) {
            Some(link) => format!("[{}:{line}]({link})", escape_markdown(&s.file_name)),
            None => format!("`{}` line {line}", s.file_name.replace('`', "'")),
        };
        out.push_str(&format!(
            "**{}** — {source}\n\n",
            escape_markdown(&heading_text(s))
        ));
        out.push_str(&excerpt(s, hit.focus_line));
    }
    out
}

/// Plain text for `awsls notes TOPIC`: a header line per hit with file, line and
/// score, then the excerpt with HTML tables already turned into Markdown tables.
pub fn render_terminal(hits: &[Hit], max_sections: usize) -> String {
    let mut out = String::new();
    for hit in hits.iter().take(max_sections) {
        let s = hit.section;
        let location = match &s.path {
            Some(p) => format!("{}:{}", p.display(), shown_line(hit)),
            None => format!("{} (built-in):{}", s.file_name, shown_line(hit)),
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "== {}\n   {location}  score {:.0}\n\n",
            heading_text(s).replace('›', ">"),
            hit.score
        ));
        for line in excerpt(s, hit.focus_line).lines() {
            out.push_str("   ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(body: &str, body_line_start: u32) -> Section {
        Section {
            id: "n.md#s".into(),
            file_name: "n.md".into(),
            path: None,
            heading_path: vec!["Notes".into(), "S".into()],
            level: 2,
            line_start: body_line_start - 1,
            line_end: body_line_start + body.lines().count() as u32,
            body_line_start,
            body_markdown: body.into(),
        }
    }

    #[test]
    fn long_lists_are_cut_between_items() {
        let body: String = (1..=40).map(|i| format!("- item {i}\n")).collect();
        let e = excerpt(&section(&body, 2), None);
        assert!(e.starts_with("- item 1\n"));
        assert!(e.contains("- item 15"));
        assert!(!e.contains("- item 16"));
        assert!(e.ends_with('…'));
    }

    #[test]
    fn tables_are_never_cut() {
        let mut body: String = (1..=12).map(|i| format!("- item {i}\n")).collect();
        body.push_str("\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n");
        let e = excerpt(&section(&body, 2), None);
        assert!(!e.contains("| a | b |"), "{e}");
        assert!(e.contains("- item 12"));
        let short = "intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert!(excerpt(&section(short, 2), None).contains("| 1 | 2 |"));
    }

    #[test]
    fn excerpt_starts_near_focus_and_dedents() {
        let mut body: String = (1..=30).map(|i| format!("- item {i}\n")).collect();
        body.push_str("- throughput\n    - read capacity units\n    - write capacity units\n");
        let e = excerpt(&section(&body, 10), Some(10 + 31));
        assert!(e.starts_with("…\n\n- throughput"), "{e}");
        assert!(e.contains("    - read capacity units"));
        let nested = "- a\n".repeat(20) + "    - deep one\n    - deep two\n";
        let e = excerpt(&section(&nested, 1), Some(21));
        assert!(e.starts_with("…\n\n- a\n    - deep one"), "{e}");
    }

    #[test]
    fn focus_inside_a_table_shows_the_table() {
        let mut body: String = (1..=20).map(|i| format!("- item {i}\n")).collect();
        body.push_str("- query vs scan\n");
        body.push_str(
            &"    - detail line that is long enough to matter in the budget of the excerpt\n"
                .repeat(6),
        );
        body.push_str("\n    | a | b |\n    |---|---|\n");
        body.push_str(
            &"    | row | provisioned throughput mention with a long cell of text here |\n"
                .repeat(8),
        );
        let e = excerpt(&section(&body, 1), Some(36));
        assert!(e.starts_with("…\n\n"), "{e}");
        assert!(e.contains("| a | b |\n|---|---|\n| row |"), "{e}");
        assert!(!e.contains("item 20"), "{e}");
    }

    #[test]
    fn excerpts_starting_in_nested_lists_stay_lists() {
        let mut body: String = (1..=20).map(|i| format!("- item {i}\n")).collect();
        body.push_str("- parent\n");
        body.push_str(&"    - filler child\n".repeat(7));
        body.push_str("    - structure\n        - hook one\n        - hook two\n- next top item\n");
        let e = excerpt(&section(&body, 1), Some(30));
        assert!(e.starts_with("…\n\n- structure\n    - hook one"), "{e}");
        assert!(e.contains("\n- next top item"), "{e}");
    }

    #[test]
    fn html_tables_become_markdown_tables() {
        let body = "* Critical Terms\n<table>\n<tbody>\n<tr><th>Term</th><th>Meaning</th></tr>\n<tr><td>User</td><td>End user a|b</td></tr>\n</tbody>\n</table>\n";
        let e = excerpt(&section(body, 2), None);
        assert!(
            e.contains("| Term | Meaning |\n|---|---|\n| User | End user a\\|b |"),
            "{e}"
        );
        assert!(!e.contains("<td>"));
    }

    #[test]
    fn toc_markers_are_dropped() {
        let e = excerpt(&section("{{TOC}}\n\n+++\n\n- real text\n", 2), None);
        assert_eq!(e, "- real text");
    }

    #[test]
    fn rendering_lists_sources() {
        let s = section("- body", 5);
        let hit = Hit {
            section: &s,
            score: 50.0,
            focus_line: None,
            fingerprint: &[],
        };
        let md = render_markdown(&[hit], 3);
        assert!(
            md.starts_with("**From your notes**\n\n**Notes › S** — `n.md` line 4\n\n- body"),
            "{md}"
        );
        assert!(render_markdown(&[], 3).is_empty());
        assert_eq!(escape_markdown("a_b *c* [d]"), "a\\_b \\*c\\* \\[d\\]");
        let term = render_terminal(&[hit], 3);
        assert!(
            term.starts_with("== Notes > S\n   n.md (built-in):4  score 50"),
            "{term}"
        );
    }
}
