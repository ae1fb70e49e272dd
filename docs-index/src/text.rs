//! Word-level text handling shared by indexing and querying: tokenising, normalising
//! plurals, splitting CamelCase identifiers, and making URL-friendly slugs.

/// Splits `text` into normalised words: runs of ASCII letters and digits, lowercased,
/// with simple plural endings folded (`tables` → `table`, `policies` → `policy`).
///
/// Every other character separates words, so `!Ref`, `Fn::Sub` and `dynamodb:Query`
/// yield `ref`, `fn sub` and `dynamodb query`; `Reference` stays one word and never
/// matches `ref`.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(normalize_word)
}

/// Calls `f` with the byte offset and normalised form of each word of `text`, as
/// [`words`] splits them, without allocating per word.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, &str)) {
    let mut buf = String::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            normalize_into(text.get(s..i).unwrap_or(""), &mut buf);
            f(s, &buf);
        }
    }
    if let Some(s) = start {
        normalize_into(text.get(s..).unwrap_or(""), &mut buf);
        f(s, &buf);
    }
}

/// A fast, stable 64-bit hash (FNV-1a) of a word, used for the vocabulary map and for
/// comparing sections across indexes.
pub fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hasher for maps keyed by words: FNV-1a, much cheaper than SipHash for short keys.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Builds [`WordHasher`]s.
pub type WordHashBuilder = std::hash::BuildHasherDefault<WordHasher>;

/// Lowercases one word and folds the plural endings that matter for note headings.
/// Short words (four letters or fewer) are left alone so acronyms such as `ECS`,
/// `SQS` or `AMIs` are not mangled.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::new();
    normalize_into(word, &mut out);
    out
}

/// [`normalize_word`] into a reused buffer.
fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    if out.len() <= 4 || !out.bytes().all(|b| b.is_ascii_alphabetic()) {
        return;
    }
    if out.ends_with("ies") {
        out.truncate(out.len() - 3);
        out.push('y');
    } else if out.ends_with('s')
        && !(out.ends_with("ss") || out.ends_with("us") || out.ends_with("is"))
    {
        out.pop();
    }
}

/// Splits a CamelCase identifier into its words: `ProvisionedThroughput` →
/// `["Provisioned", "Throughput"]`, `SSESpecification` → `["SSE", "Specification"]`,
/// `ApiGatewayV2` → `["Api", "Gateway", "V2"]`.
pub fn split_camel(ident: &str) -> Vec<String> {
    let chars: Vec<char> = ident.chars().collect();
    let mut parts = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_ascii_uppercase() => {
                p.is_ascii_lowercase()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// A lowercase slug of letters, digits and dashes, used in section ids.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for w in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_ascii_lowercase());
    }
    out
}

/// Removes leading outline numbering such as `3.3 ` or `1. ` from a heading.
pub fn strip_numbering(heading: &str) -> &str {
    let trimmed = heading.trim();
    let end = trimmed
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(trimmed.len(), |(i, _)| i);
    let (num, rest) = trimmed.split_at(end);
    let outline = num
        .split('.')
        .all(|part| part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()));
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) || !outline {
        return trimmed;
    }
    match rest.strip_prefix(char::is_whitespace) {
        Some(rest) if !rest.trim().is_empty() => rest.trim(),
        _ => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_fold_plurals() {
        let w: Vec<String> =
            words("!Ref Fn::Sub dynamodb:Query Tables policies ECS AMIs").collect();
        assert_eq!(
            w,
            ["ref", "fn", "sub", "dynamodb", "query", "table", "policy", "ecs", "amis"]
        );
    }

    #[test]
    fn reference_is_not_ref() {
        let w: Vec<String> = words("References and specs").collect();
        assert!(!w.contains(&"ref".to_string()));
        assert!(!w.contains(&"ecs".to_string()));
    }

    #[test]
    fn camel_case_splits() {
        assert_eq!(
            split_camel("ProvisionedThroughput"),
            ["Provisioned", "Throughput"]
        );
        assert_eq!(split_camel("SSESpecification"), ["SSE", "Specification"]);
        assert_eq!(split_camel("ApiGatewayV2"), ["Api", "Gateway", "V2"]);
        assert_eq!(split_camel("EC2"), ["EC2"]);
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(strip_numbering("3.3 DynamoDB"), "DynamoDB");
        assert_eq!(strip_numbering("1 IAM"), "IAM");
        assert_eq!(strip_numbering("2020 plans"), "2020 plans");
        assert_eq!(strip_numbering("4.2  Tiered Storage"), "Tiered Storage");
        assert_eq!(strip_numbering("5"), "5");
        assert_eq!(strip_numbering("EC2 101"), "EC2 101");
        assert_eq!(slug("EC2 - IP Types"), "ec2-ip-types");
    }

    #[test]
    fn offsets_point_at_words() {
        let mut v: Vec<(usize, String)> = Vec::new();
        for_each_word("a Bcs-d Queries", |o, w| v.push((o, w.to_string())));
        assert_eq!(
            v,
            [
                (0, "a".into()),
                (2, "bcs".into()),
                (6, "d".into()),
                (8, "query".into())
            ]
        );
    }
}
