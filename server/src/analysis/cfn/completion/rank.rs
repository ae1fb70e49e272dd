//! Fuzzy matching and ranking of completion candidates: `s3buck` finds
//! `AWS::S3::Bucket`. The server filters and orders, and tells the editor how
//! to keep its order (`sortText`) and its matches (`filterText`).

use crate::analysis::CompletionEntry;

/// The most items a completion list carries.
pub const MAX_ITEMS: usize = 200;

/// How well `query` matches `candidate`, or `None` when it does not. Letters
/// must appear in order (case-insensitive, punctuation ignored); matches at
/// the start of a segment (`AWS::S3::Bucket` → `S`, `B`) and runs of
/// consecutive letters score higher, a substring match highest.
pub fn score(query: &str, candidate: &str) -> Option<i64> {
    let query: Vec<char> = query
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if query.is_empty() {
        return Some(0);
    }
    let chars: Vec<char> = candidate.chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let starts: Vec<bool> = (0..chars.len())
        .map(|i| {
            i == 0
                || !chars[i - 1].is_alphanumeric()
                || (chars[i].is_uppercase() && chars[i - 1].is_lowercase())
                || (chars[i].is_ascii_digit() != chars[i - 1].is_ascii_digit())
        })
        .collect();
    let mut best: Option<i64> = None;
    for begin in 0..lower.len() {
        if lower[begin] != query[0] || !(starts[begin] || begin == 0 || best.is_none()) {
            continue;
        }
        if let Some(s) = match_from(&query, &lower, &starts, begin) {
            best = Some(best.map_or(s, |b| b.max(s)));
        }
    }
    let best = best?;
    let flat_candidate: String = lower.iter().filter(|c| c.is_alphanumeric()).collect();
    let flat_query: String = query.iter().collect();
    let bonus = match flat_candidate.find(&flat_query) {
        Some(0) => 60,
        Some(_) => 30,
        None => 0,
    };
    Some(best + bonus - (chars.len() as i64) / 8)
}

fn match_from(query: &[char], lower: &[char], starts: &[bool], begin: usize) -> Option<i64> {
    let mut score = 0i64;
    let mut qi = 0;
    let mut previous: Option<usize> = None;
    let mut i = begin;
    while qi < query.len() && i < lower.len() {
        if lower[i] == query[qi] {
            score += 1;
            if starts[i] {
                score += 8;
            }
            if previous.is_some_and(|p| p + 1 == i) {
                score += 5;
            }
            previous = Some(i);
            qi += 1;
        }
        i += 1;
    }
    (qi == query.len()).then_some(score)
}

/// Filters `entries` by what was typed in each one's replace range (the text
/// from its start to `offset`), orders them (best match first, then the
/// order they were produced in), caps the list and fills `sort_text` and
/// `filter_text`.
pub fn finish(entries: Vec<CompletionEntry>, text: &str, offset: usize) -> Vec<CompletionEntry> {
    let mut scored: Vec<(i64, usize, CompletionEntry)> = entries
        .into_iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let typed = text
                .get(entry.replace.start..offset.max(entry.replace.start))
                .unwrap_or("");
            let target = entry.filter_text.as_deref().unwrap_or(&entry.label);
            let s = score(typed, target)?;
            Some((if typed.is_empty() { 0 } else { s }, i, entry))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut seen = std::collections::HashSet::new();
    scored
        .into_iter()
        .filter(|(_, _, e)| seen.insert((e.label.clone(), e.replace)))
        .take(MAX_ITEMS)
        .enumerate()
        .map(|(rank, (_, _, mut entry))| {
            let typed = text
                .get(entry.replace.start..offset.max(entry.replace.start))
                .unwrap_or("");
            let target = entry
                .filter_text
                .clone()
                .unwrap_or_else(|| entry.label.clone());
            if !typed.is_empty() && !target.to_lowercase().starts_with(&typed.to_lowercase()) {
                // Keep fuzzy matches in editors that filter by prefix.
                entry.filter_text = Some(format!("{typed}{target}"));
            }
            entry.sort_text = Some(format!("{rank:04}"));
            entry
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_runs_rank_first() {
        let bucket = score("s3buck", "AWS::S3::Bucket").expect("match");
        let policy = score("s3buck", "AWS::S3::BucketPolicy").expect("match");
        assert!(bucket > policy);
        let other = score("s3buck", "AWS::SecurityHub::Standard");
        assert!(other.is_none_or(|o| o < policy));
        assert!(score("xyz", "AWS::S3::Bucket").is_none());
        assert_eq!(score("", "anything"), Some(0));
        let exact = score("BucketName", "BucketName").expect("match");
        let loose = score("BucketName", "BucketNameSuffix").expect("match");
        assert!(exact > loose);
    }
}
