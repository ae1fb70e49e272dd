//! Ranking: scores the sections of one or more indexes against a query plan, drops
//! weak and near-duplicate hits, and returns the best ones.
//!
//! A phrase in the section's own heading scores most, in an ancestor heading less, and
//! body mentions least. Mentions count fully inside the service's sections (its name is
//! in the heading path), partly where the body names the service, and otherwise only
//! for distinctive phrases. Levels (property → resource type → service) add up with
//! falling weights.

use crate::index::{contains_phrase, NotesIndex, Section};
use crate::query::{Phrase, Plan};
use crate::text;

/// A section found for a topic.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    /// The matching section.
    pub section: &'a Section,
    /// Relevance; higher is better. Hits below [`MIN_SCORE`] are never returned.
    pub score: f32,
    /// First body line mentioning the most specific matched phrase, when the heading
    /// does not name it: the place to start an excerpt or point a link.
    pub focus_line: Option<u32>,
    pub(crate) fingerprint: &'a [u64],
}

/// The score a section needs to be returned at all.
pub const MIN_SCORE: f32 = 35.0;

const OWN_HEADING: f32 = 100.0;
const ANCESTOR_HEADING: f32 = 40.0;
const EXACT_HEADING_BONUS: f32 = 25.0;
const BODY_FIRST: f32 = 10.0;
/// First body mention of a literal full name.
const BODY_FIRST_LITERAL: f32 = 60.0;
const BODY_EACH: f32 = 5.0;
const BODY_MAX_COUNTED: usize = 6;
/// Share of a match kept when only the body names the service.
const BODY_CONTEXT: f32 = 0.7;
/// Share of a distinctive match kept outside the service's sections.
const NO_CONTEXT: f32 = 0.5;
/// Jaccard similarity of body words above which two hits are the same note.
const DUPLICATE_SIMILARITY: f64 = 0.75;

/// Heading words that do not change what a heading is about.
const FILLER: &[&str] = &["aws", "amazon", "overview", "101", "what", "is", "the", "basic", "intro"];

/// A plan phrase resolved against one index.
struct Resolved<'p> {
    ids: Vec<u32>,
    phrase: &'p Phrase,
}

fn resolve<'p>(index: &NotesIndex, phrases: &'p [Phrase]) -> Vec<Resolved<'p>> {
    phrases
        .iter()
        .filter_map(|phrase| Some(Resolved { ids: index.phrase_ids(&phrase.words)?, phrase }))
        .collect()
}

/// Whether the heading says nothing but the phrase (ignoring filler words).
fn heading_is(filler: &[u32], heading: &[u32], phrase: &[u32]) -> bool {
    let mut rest = heading.iter().filter(|t| !filler.contains(t));
    phrase.iter().all(|p| rest.next() == Some(p)) && rest.next().is_none()
}

/// Scores every candidate section of `index` and appends those above the threshold.
fn score_index<'a>(index: &'a NotesIndex, plan: &Plan, out: &mut Vec<Hit<'a>>) {
    let levels: Vec<(f32, Vec<Resolved>)> = plan
        .levels
        .iter()
        .map(|l| (l.weight, resolve(index, &l.phrases)))
        .collect();
    let context = resolve(index, &plan.context);
    let filler: Vec<u32> = FILLER.iter().filter_map(|f| index.vocab.get(*f).copied()).collect();

    let mut candidates: Vec<u32> = Vec::new();
    for r in levels.iter().flat_map(|(_, rs)| rs) {
        let Some(&first) = r.ids.first() else { continue };
        if let Some(list) = index.body_postings.get(first as usize) {
            candidates.extend(list.iter().map(|p| p.section));
        }
        if let Some(list) = index.path_postings.get(first as usize) {
            candidates.extend(list.iter().copied());
        }
    }
    candidates.sort_unstable();
    candidates.dedup();

    for no in candidates {
        let (Some(section), Some(terms)) = (index.sections.get(no as usize), index.terms.get(no as usize)) else {
            continue;
        };
        if terms.body_lines.is_empty() {
            continue;
        }
        let in_path = plan.context.is_empty()
            || context.iter().any(|c| terms.path.iter().any(|h| contains_phrase(h, &c.ids)));
        let in_body = !in_path && context.iter().any(|c| !index.phrase_positions(no, &c.ids).is_empty());
        let mut total = 0.0;
        let mut focus_line = None;
        for (weight, phrases) in &levels {
            let mut best = 0.0f32;
            let mut best_focus = None;
            for r in phrases {
                let share = if in_path {
                    1.0
                } else if in_body {
                    BODY_CONTEXT
                } else if r.phrase.distinctive {
                    NO_CONTEXT
                } else {
                    0.0
                };
                if share == 0.0 {
                    continue;
                }
                let own = terms.path.last().is_some_and(|h| contains_phrase(h, &r.ids));
                let ancestor = !own
                    && terms
                        .path
                        .iter()
                        .rev()
                        .skip(1)
                        .any(|h| contains_phrase(h, &r.ids));
                let mut heading = if own {
                    OWN_HEADING
                } else if ancestor {
                    ANCESTOR_HEADING
                } else {
                    0.0
                };
                if own && terms.path.last().is_some_and(|h| heading_is(&filler, h, &r.ids)) {
                    heading += EXACT_HEADING_BONUS;
                }
                let positions = index.phrase_positions(no, &r.ids);
                let body = if positions.is_empty() {
                    0.0
                } else {
                    let counted = positions.len().min(BODY_MAX_COUNTED) as f32;
                    let first = if r.phrase.literal { BODY_FIRST_LITERAL } else { BODY_FIRST };
                    first + BODY_EACH * counted
                };
                let score = (heading + body) * share;
                if score > best {
                    best = score;
                    best_focus = if own {
                        None
                    } else {
                        positions.first().and_then(|&p| terms.body_lines.get(p as usize).copied())
                    };
                }
            }
            if best > 0.0 && focus_line.is_none() && total == 0.0 {
                focus_line = best_focus;
            }
            total += best * weight;
        }
        if total >= MIN_SCORE {
            out.push(Hit { section, score: total, focus_line, fingerprint: &terms.fingerprint });
        }
    }
}

/// Jaccard similarity of two sorted, deduplicated hash lists.
fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Whether two hits are the same note (same heading and near-identical body).
fn duplicates(a: &Hit, b: &Hit) -> bool {
    let same_title = text::slug(a.section.title()) == text::slug(b.section.title());
    let sim = similarity(a.fingerprint, b.fingerprint);
    sim >= DUPLICATE_SIMILARITY || (same_title && sim >= DUPLICATE_SIMILARITY - 0.15)
}

/// Ranks the sections of all `indexes` for `plan`; at most `limit` hits, best first,
/// near-duplicates removed (the better-scored copy is kept).
pub(crate) fn rank<'a>(indexes: &[&'a NotesIndex], plan: &Plan, limit: usize) -> Vec<Hit<'a>> {
    let mut hits = Vec::new();
    for index in indexes {
        score_index(index, plan, &mut hits);
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.section.id.cmp(&b.section.id))
    });
    let mut kept: Vec<Hit<'a>> = Vec::new();
    for hit in hits {
        if kept.len() >= limit {
            break;
        }
        if !kept.iter().any(|k| duplicates(k, &hit)) {
            kept.push(hit);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_jaccard() {
        assert!((similarity(&[1, 2, 3, 4], &[2, 3, 4, 5]) - 0.6).abs() < 1e-9);
        assert_eq!(similarity(&[], &[1]), 0.0);
    }
}
