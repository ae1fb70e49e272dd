//! Property test: arbitrary text built from YAML/JSON-significant pieces never
//! panics or aborts, and every span in the result lies on char boundaries.

use awsls_grammars::{parse, Format};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    " ",
    "  ",
    "    ",
    "- ",
    "? ",
    ": ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "a",
    "key",
    ":",
    "[",
    "]",
    "{",
    "}",
    ",",
    "!Ref ",
    "&a ",
    "*a",
    "|",
    ">-",
    "#",
    "'",
    "\"",
    "\\",
    "é",
    "😀",
    "---",
    "...",
    "%YAML 1.2",
    "!!str ",
    "\u{feff}",
    "0x1",
    "~",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_is_handled(pieces in proptest::collection::vec(0usize..PIECES.len(), 0..400)) {
        let text: String = pieces.iter().filter_map(|i| PIECES.get(*i)).copied().collect();
        for format in [Format::Yaml, Format::Json] {
            let doc = parse(&text, format);
            for p in &doc.problems {
                prop_assert!(p.span.start <= p.span.end && p.span.end <= text.len());
                prop_assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
            }
            for node in &doc.nodes {
                prop_assert!(node.span.end <= text.len());
                prop_assert!(text.is_char_boundary(node.span.start) && text.is_char_boundary(node.span.end));
            }
        }
    }

    #[test]
    fn deep_compact_block_nesting_does_not_abort(depth in 100usize..400, style in 0usize..5) {
        let text: String = match style {
            0 => "- ".repeat(depth) + "x\n",
            1 => (0..depth).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect(),
            2 => (0..depth).map(|i| format!("{}- k{i}:\n", " ".repeat(i * 2))).collect(),
            3 => "? ".repeat(depth) + "x\n",
            _ => "- !t &a ".repeat(depth) + "x\n",
        };
        let doc = parse(&text, Format::Yaml);
        prop_assert!(doc.nodes.len() < 10 * depth + 10);
    }
}
