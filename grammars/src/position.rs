//! Conversion between byte offsets and (line, column) positions in UTF-8 or
//! UTF-16 code units. Lines break on LF, CRLF and CR only (the rope is built
//! without Unicode line breaks).

use ropey::Rope;

/// The unit in which columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Clamps `offset` to the text and moves it back to a char boundary.
fn floor_offset(rope: &Rope, offset: usize) -> usize {
    let offset = offset.min(rope.len_bytes());
    rope.char_to_byte(rope.byte_to_char(offset))
}

/// The 0-based line and column (in `enc` code units) of byte `offset`.
/// Offsets past the end count as the end; offsets inside a char as its start.
pub fn offset_to_position(rope: &Rope, offset: usize, enc: Encoding) -> (u32, u32) {
    let offset = floor_offset(rope, offset);
    let line = rope.byte_to_line(offset);
    let line_start = rope.line_to_byte(line);
    let column = match enc {
        Encoding::Utf8 => offset - line_start,
        Encoding::Utf16 => {
            rope.char_to_utf16_cu(rope.byte_to_char(offset))
                - rope.char_to_utf16_cu(rope.byte_to_char(line_start))
        }
    };
    (to_u32(line), to_u32(column))
}

/// The byte offset of a (line, column) position, clamped: a column past the
/// end of the line gives the end of the line's content (before its break), a
/// line past the end gives the end of the text, and a column inside a char
/// (a UTF-8 continuation byte, the middle of a surrogate pair) gives its start.
pub fn position_to_offset(rope: &Rope, line: u32, col: u32, enc: Encoding) -> usize {
    let line = line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let content_end = line_content_end(rope, line);
    match enc {
        Encoding::Utf8 => floor_offset(rope, (line_start + col as usize).min(content_end)),
        Encoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(rope.byte_to_char(line_start));
            let end_cu = rope.char_to_utf16_cu(rope.byte_to_char(content_end));
            let target = (start_cu + col as usize).min(end_cu);
            let char_index = rope.utf16_cu_to_char(target);
            // `utf16_cu_to_char` rounds down inside a surrogate pair.
            rope.char_to_byte(char_index)
        }
    }
}

/// Chars between the start of the line holding `offset` and `offset`.
pub fn char_column(rope: &Rope, offset: usize) -> usize {
    let offset = floor_offset(rope, offset);
    let line_start = rope.line_to_byte(rope.byte_to_line(offset));
    rope.byte_to_char(offset) - rope.byte_to_char(line_start)
}

/// The byte offset where `line`'s content ends (before its line break).
fn line_content_end(rope: &Rope, line: usize) -> usize {
    let next = if line + 1 < rope.len_lines() {
        rope.line_to_byte(line + 1)
    } else {
        return rope.len_bytes();
    };
    let line_start = rope.line_to_byte(line);
    let mut end = next;
    if end > line_start && rope.byte(end - 1) == b'\n' {
        end -= 1;
    }
    if end > line_start && rope.byte(end - 1) == b'\r' {
        end -= 1;
    }
    end
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str, enc: Encoding) {
        let rope = Rope::from_str(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let (line, col) = offset_to_position(&rope, offset, enc);
            let back = position_to_offset(&rope, line, col, enc);
            let expected = if offset > 0
                && text.as_bytes()[offset - 1] == b'\r'
                && text.as_bytes().get(offset) == Some(&b'\n')
            {
                offset - 1
            } else {
                offset
            };
            assert_eq!(back, expected, "{text:?} offset {offset} -> ({line},{col})");
        }
    }

    #[test]
    fn emoji_and_cjk_columns() {
        let text = "a: 😀x\nb: 日本語\n";
        let rope = Rope::from_str(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(offset_to_position(&rope, x, Encoding::Utf8), (0, 7));
        assert_eq!(offset_to_position(&rope, x, Encoding::Utf16), (0, 5));
        let go = text.find('語').unwrap_or(0);
        assert_eq!(offset_to_position(&rope, go, Encoding::Utf16), (1, 5));
        assert_eq!(offset_to_position(&rope, go, Encoding::Utf8), (1, 9));
        assert_eq!(char_column(&rope, go), 5);
        assert_eq!(char_column(&rope, x), 4);
        // The middle of the surrogate pair goes to the emoji's start.
        assert_eq!(position_to_offset(&rope, 0, 4, Encoding::Utf16), 3);
        assert_eq!(position_to_offset(&rope, 0, 5, Encoding::Utf16), x);
        // A UTF-8 column inside a char goes to its start.
        assert_eq!(position_to_offset(&rope, 0, 5, Encoding::Utf8), 3);
        roundtrip(text, Encoding::Utf8);
        roundtrip(text, Encoding::Utf16);
    }

    #[test]
    fn clamping() {
        let text = "ab\ncd";
        let rope = Rope::from_str(text);
        assert_eq!(position_to_offset(&rope, 0, 99, Encoding::Utf8), 2);
        assert_eq!(position_to_offset(&rope, 0, 99, Encoding::Utf16), 2);
        assert_eq!(position_to_offset(&rope, 1, 99, Encoding::Utf16), 5);
        assert_eq!(position_to_offset(&rope, 7, 0, Encoding::Utf16), 5);
        assert_eq!(offset_to_position(&rope, 99, Encoding::Utf8), (1, 2));
        let empty = Rope::from_str("");
        assert_eq!(position_to_offset(&empty, 0, 3, Encoding::Utf16), 0);
        assert_eq!(offset_to_position(&empty, 3, Encoding::Utf16), (0, 0));
    }

    #[test]
    fn crlf_and_cr_only() {
        let text = "a: 1\r\nb: é\r\n";
        let rope = Rope::from_str(text);
        assert_eq!(position_to_offset(&rope, 0, 10, Encoding::Utf8), 4);
        assert_eq!(position_to_offset(&rope, 1, 3, Encoding::Utf16), 9);
        assert_eq!(offset_to_position(&rope, 9, Encoding::Utf16), (1, 3));
        assert_eq!(position_to_offset(&rope, 2, 0, Encoding::Utf16), text.len());
        roundtrip(text, Encoding::Utf16);
        let cr = "a: 1\rb: 2\r";
        let rope = Rope::from_str(cr);
        assert_eq!(offset_to_position(&rope, 6, Encoding::Utf8), (1, 1));
        assert_eq!(position_to_offset(&rope, 1, 99, Encoding::Utf8), 9);
        roundtrip(cr, Encoding::Utf8);
        // U+2028 and NEL are not line breaks for LSP.
        let unicode = "a\u{2028}b\u{85}c";
        let rope = Rope::from_str(unicode);
        assert_eq!(
            offset_to_position(&rope, unicode.len(), Encoding::Utf16),
            (0, 5)
        );
    }
}
