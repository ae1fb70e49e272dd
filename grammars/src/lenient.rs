//! A last, lenient reading of YAML that both parsers reject because a
//! multi-line flow collection (`Schema: {` ... `}`) continues at or left of
//! its key's column. CloudFormation reads such templates; the YAML spec and
//! both parsers here do not. Line breaks inside flow collections are turned
//! into spaces, which keeps every byte offset, and the result is read again.

/// The text with the line breaks inside flow collections replaced by spaces,
/// or `None` when there is no multi-line flow collection to flatten.
pub(crate) fn flatten_flow_collections(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut depth = 0usize;
    let mut changed = false;
    // Whether the next non-blank character starts a value (so `[`/`{` opens a
    // flow collection rather than sitting inside a plain scalar).
    let mut at_value_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'"' | b'\'' if depth > 0 || at_value_start => {
                i = skip_quoted(bytes, i, c, depth > 0, &mut out, &mut changed);
                at_value_start = false;
                continue;
            }
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                // A comment runs to the end of the line; inside a flow
                // collection that line break must stay.
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                if depth > 0 {
                    return None;
                }
                continue;
            }
            b'[' | b'{' if depth > 0 || at_value_start => depth += 1,
            b']' | b'}' if depth > 0 => depth -= 1,
            b'\n' | b'\r' => {
                if depth > 0 {
                    out[i] = b' ';
                    changed = true;
                } else {
                    at_value_start = true;
                }
                i += 1;
                continue;
            }
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            // After `key:` or `-` a value starts; anything else is inside a scalar.
            let next_blank = bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
            at_value_start = (c == b':' || c == b'-') && next_blank;
        } else {
            at_value_start = false;
        }
        i += 1;
    }
    if !changed {
        return None;
    }
    String::from_utf8(out).ok()
}

/// Skips a quoted scalar starting at `start`; inside a flow collection its
/// line breaks are flattened too. Returns the index after the closing quote.
fn skip_quoted(
    bytes: &[u8],
    start: usize,
    quote: u8,
    in_flow: bool,
    out: &mut [u8],
    changed: &mut bool,
) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        let c = bytes[i];
        if quote == b'"' && c == b'\\' {
            i += 2;
            continue;
        }
        if c == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        if in_flow && (c == b'\n' || c == b'\r') {
            out[i] = b' ';
            *changed = true;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_only_flow_collections_and_keeps_offsets() {
        let text = "A:\n  B: {\"a\": 1,\n  \"b\": [1,\n  2]}\n  C: x[0]\n";
        let flat = flatten_flow_collections(text).expect("flattened");
        assert_eq!(flat.len(), text.len());
        assert_eq!(flat, "A:\n  B: {\"a\": 1,   \"b\": [1,   2]}\n  C: x[0]\n");
        assert_eq!(flatten_flow_collections("A: [1, 2]\nB: x\n"), None);
        assert_eq!(flatten_flow_collections("A: [1, # two\n 2]\n"), None);
    }
}
