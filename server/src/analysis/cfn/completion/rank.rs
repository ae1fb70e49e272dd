//! Fuzzy matching and ranking of completion candidates: `s3buck` finds
//! `AWS::S3::Bucket`. The server filters and orders, and tells the editor how
//! to keep its order (`sortText`) and its matches (`filterText`).

use crate::analysis::CompletionEntry;

/// The most items a completion list carries.
pub const MAX_ITEMS: usize = 200;

/// How well `query` matches `candidate`, or `None` when it does not. Letters
/// must appear in order (ASCII, case-insensitive, punctuation ignored);
/// matches at the start of a segment (`AWS::S3::Bucket` → `S`, `B`) and runs
/// of consecutive letters score higher, a substring match highest.
pub fn score(query: &str, candidate: &str) -> Option<i64> {
    Matcher::new(query).score(candidate)
}

/// A query prepared once and matched against many candidates without allocating.
pub struct Matcher {
    /// Lowercase ASCII letters and digits of the query.
    query: Vec<u8>,
}

impl Matcher {
    pub fn new(query: &str) -> Matcher {
        Matcher {
            query: query
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .collect(),
        }
    }

    pub fn score(&self, candidate: &str) -> Option<i64> {
        let query = self.query.as_slice();
        let Some(&first) = query.first() else {
            return Some(0);
        };
        let c = candidate.as_bytes();
        // Cheap rejection: the letters must appear in order at all.
        let mut qi = 0;
        for b in c {
            if qi < query.len() && b.to_ascii_lowercase() == query[qi] {
                qi += 1;
            }
        }
        if qi < query.len() {
            return None;
        }
        let mut best: Option<i64> = None;
        for begin in 0..c.len() {
            if c[begin].to_ascii_lowercase() != first || !(is_start(c, begin) || best.is_none()) {
                continue;
            }
            if let Some(s) = match_from(query, c, begin) {
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        }
        let best = best?;
        let bonus = match flat_find(c, query) {
            Some(0) => 60,
            Some(_) => 30,
            None => 0,
        };
        Some(best + bonus - (c.len() as i64) / 8)
    }
}

/// True when byte `i` starts a segment: after punctuation, at a lower-to-upper
/// case change, or where letters and digits meet.
fn is_start(c: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let (prev, cur) = (c[i - 1], c[i]);
    !prev.is_ascii_alphanumeric()
        || (cur.is_ascii_uppercase() && prev.is_ascii_lowercase())
        || (cur.is_ascii_digit() != prev.is_ascii_digit())
}

fn match_from(query: &[u8], c: &[u8], begin: usize) -> Option<i64> {
    let mut score = 0i64;
    let mut qi = 0;
    let mut previous: Option<usize> = None;
    let mut i = begin;
    while qi < query.len() && i < c.len() {
        if c[i].to_ascii_lowercase() == query[qi] {
            score += 1;
            if is_start(c, i) {
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

/// Where `query` occurs in the candidate's letters and digits (punctuation
/// skipped, case ignored), counted in those letters.
fn flat_find(c: &[u8], query: &[u8]) -> Option<usize> {
    let flat: Vec<u8> = c
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(|b| b.to_ascii_lowercase())
        .collect();
    flat.windows(query.len()).position(|w| w == query)
}

/// Of `candidates`, those `typed` matches (by their `label`), and of those at
/// most [`MAX_ITEMS`], the best ones, in their order: what [`finish`] could
/// keep, chosen before completion entries are built for thousands of
/// declarations.
pub fn best<T>(
    candidates: impl IntoIterator<Item = T>,
    label: impl Fn(&T) -> &str,
    typed: &str,
) -> Vec<T> {
    let matcher = Matcher::new(typed);
    let mut scored: Vec<(i64, usize, T)> = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let s = matcher.score(label(&c))?;
            Some((if typed.is_empty() { 0 } else { s }, i, c))
        })
        .collect();
    if scored.len() > MAX_ITEMS {
        scored.select_nth_unstable_by(MAX_ITEMS - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(MAX_ITEMS);
        scored.sort_unstable_by_key(|s| s.1);
    }
    scored.into_iter().map(|(_, _, c)| c).collect()
}

/// Filters `entries` by what was typed in each one's replace range (the text
/// from its start to `offset`), orders them (best match first, then the
/// order they were produced in), caps the list and fills `sort_text` and
/// `filter_text`.
pub fn finish(entries: Vec<CompletionEntry>, text: &str, offset: usize) -> Vec<CompletionEntry> {
    let mut cached: Option<(usize, Matcher)> = None;
    let mut scored: Vec<(i64, usize, CompletionEntry)> = entries
        .into_iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let typed = text
                .get(entry.replace.start..offset.max(entry.replace.start))
                .unwrap_or("");
            let target = entry.filter_text.as_deref().unwrap_or(&entry.label);
            let matcher = match &cached {
                Some((start, m)) if *start == entry.replace.start => m,
                _ => &cached.insert((entry.replace.start, Matcher::new(typed))).1,
            };
            let s = matcher.score(target)?;
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
    fn the_best_candidates_are_chosen_before_entries_are_built() {
        let names: Vec<String> = (0..1000).map(|i| format!("Queue{i:04}")).collect();
        let all = best(names.iter(), |n| n.as_str(), "");
        assert_eq!(all.len(), MAX_ITEMS);
        assert_eq!(all.first().map(|n| n.as_str()), Some("Queue0000"));
        let typed = best(names.iter(), |n| n.as_str(), "q0999");
        assert_eq!(typed.first().map(|n| n.as_str()), Some("Queue0999"));
        assert!(typed.len() <= MAX_ITEMS);
        // In their order, and only matches.
        let few = best(["b", "ab", "c"], |n| n, "b");
        assert_eq!(few, ["b", "ab"]);
    }

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
